package org.jurisim.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.reflect.RecordComponent;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jurisim.metrics.MetricDef;
import org.jurisim.metrics.MetricsSink;
import org.jurisim.model.JuriSimModel;
import org.jurisim.reference.UsReference;
import org.jurisim.rules.CompiledRule;
import org.jurisim.scenario.Scenario;

/**
 * Checkpoints of a running simulation, so that an interrupted run can be resumed and end exactly as it would
 * have without the interruption.
 *
 * <p>A checkpoint is a MASON checkpoint: the whole {@link JuriSimModel} (a {@code SimState}, with its schedule,
 * its agents and its random number generator) written with Java serialization and gzip, as
 * {@code SimState.writeToCheckpoint} does. Two things are written as references instead of copies: the scenario
 * (it holds compiled rules, which are not serializable; on resume it is loaded again from its file and must
 * resolve to the same tree) and the run's metric sinks (open files; on resume they are replaced by the
 * resumed run's). Each checkpoint also holds the metric series so far (for the charts) and the length of
 * {@code timeseries.csv} when it was written, to which the file is cut back on resume.
 *
 * <p>Files, in the run's working directory {@code DIR.incomplete/}: {@code checkpoints/run.json} (how the run was
 * started, written once) and {@code checkpoints/day-NNNNNN.ckpt} (the last two checkpoints; each is written to a
 * temporary file, synced and renamed, so a checkpoint on disk is always whole).
 */
public final class Checkpoints {

    public static final String DIR = "checkpoints";
    public static final String PLAN_FILE = "run.json";
    public static final String LOCK_FILE = "lock";
    static final String SUFFIX = ".ckpt";
    static final int FORMAT = 1;
    static final int KEEP = 2;

    private Checkpoints() {
    }

    /** A checkpoint or a resume that cannot go ahead, for a reason the user can act on (exit status 2). */
    public static final class ResumeException extends Exception {
        public ResumeException(String message) {
            super(message, null, false, false);
        }
    }

    /** A checkpoint file that cannot be read back whole (cut short, corrupted): an older one may still serve. */
    public static final class DamagedException extends Exception {
        public DamagedException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /**
     * How a checkpointed run was started: enough to load its scenario again and go on.
     *
     * @param every          simulated days between checkpoints
     * @param scenario       the scenario file as given on the command line
     * @param scenarioAbsolute the same, absolute
     * @param overrides      the --set overrides (and seed) applied to it
     * @param allowLarge     whether the raised size limits were asked for
     * @param days           days the run simulates
     * @param force          whether an existing output directory may be replaced
     * @param commandLine    the arguments as typed
     * @param resolvedSha256 digest of the fully resolved scenario, which a resume must reproduce
     */
    public record Plan(long every, String scenario, String scenarioAbsolute, List<String> overrides, boolean allowLarge,
                       long days, boolean force, List<String> commandLine, String resolvedSha256) {

        public Plan {
            overrides = List.copyOf(overrides);
            commandLine = List.copyOf(commandLine);
        }

        /** A plan for a run not started yet: {@code days} and the digest are filled in when it starts. */
        public static Plan of(long every, Path scenario, List<String> overrides, boolean allowLarge, List<String> commandLine) {
            return new Plan(every, scenario.toString(), scenario.toAbsolutePath().normalize().toString(), overrides, allowLarge, 0,
                    false, commandLine, "");
        }

        public Plan started(Scenario s, long n, boolean forced) {
            return new Plan(every, scenario, scenarioAbsolute, overrides, allowLarge, n, forced, commandLine, digest(s));
        }
    }

    /** What a checkpoint holds besides the model. */
    public record Header(int format, String version, long day, String resolvedSha256, long timeseriesBytes, long seed)
            implements Serializable {
    }

    /** The metric series so far, so that a resumed run's charts are drawn from the same numbers. */
    record Series(List<String> names, List<LocalDate> dates, double[][] columns) implements Serializable {
    }

    /** A checkpoint read back. */
    public record Restored(Header header, JuriSimModel model, SeriesTable table) {
    }

    // ------------------------------------------------------------------ plan

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static void writePlan(Path work, Plan plan) throws IOException {
        Path dir = Files.createDirectories(work.resolve(DIR));
        writeAtomically(dir.resolve(PLAN_FILE), out -> out.write((JSON.writeValueAsString(plan) + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    public static Plan readPlan(Path work) throws ResumeException, org.jurisim.common.BadInputException {
        Path file = work.resolve(DIR).resolve(PLAN_FILE);
        if (!Files.isRegularFile(file)) {
            throw new ResumeException(work + " has no " + DIR + "/" + PLAN_FILE
                    + ": the run was not started with --checkpoint-every, so it cannot be resumed; run it again");
        }
        Plan plan;
        try {
            plan = JSON.readValue(file.toFile(), Plan.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // a damaged or edited run.json is bad input, located where the reader stopped
            com.fasterxml.jackson.core.JsonLocation l = e.getLocation();
            throw planProblem(file, l == null ? 1 : l.getLineNr(), l == null ? 1 : l.getColumnNr(), "",
                    "expected the run.json JuriSim writes, found " + oneLine(e.getOriginalMessage()));
        } catch (IOException | RuntimeException e) {
            throw new ResumeException("cannot read " + file + ": " + oneLine(e.getMessage()));
        }
        if (plan == null || plan.every() < 1) {
            throw planProblem(file, 1, 1, "every", "expected a checkpoint interval of at least 1 day, found " + (plan == null ? "nothing" : plan.every()));
        }
        if (plan.days() < 1 || plan.days() > org.jurisim.scenario.Limits.LARGE.days()) {
            throw planProblem(file, 1, 1, "days", "expected from 1 to " + org.jurisim.scenario.Limits.LARGE.days() + " simulated days, found "
                    + plan.days());
        }
        if (plan.scenario() == null || plan.scenario().isEmpty() || plan.resolvedSha256() == null) {
            throw planProblem(file, 1, 1, plan.scenario() == null || plan.scenario().isEmpty() ? "scenario" : "resolvedSha256",
                    "expected the scenario the run started with, found none");
        }
        return plan;
    }

    private static org.jurisim.common.BadInputException planProblem(Path file, int line, int column, String field, String message) {
        return new org.jurisim.common.BadInputException(new org.jurisim.common.Problem(
                new org.jurisim.common.Location(file.toString(), Math.max(1, line), Math.max(1, column)), field, message));
    }

    /** Hex SHA-256 of the resolved scenario tree: what a resumed run must load again. */
    public static String digest(Scenario s) {
        try {
            JsonNode tree = s.resolved();
            byte[] bytes = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .writeValueAsBytes(JSON.treeToValue(tree, Object.class));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest the scenario", e);
        }
    }

    // ------------------------------------------------------------------ writing

    /**
     * Writes a checkpoint of a model between two simulated days.
     *
     * @param sinks the metric sinks the model was given, in order (written as references)
     * @param table the run's series so far
     * @param day   days simulated so far
     * @param timeseriesBytes length of the flushed timeseries.csv that holds exactly those days
     */
    public static Path write(Path work, JuriSimModel model, List<MetricsSink> sinks, SeriesTable table, long day,
                             long timeseriesBytes) throws IOException {
        Path dir = Files.createDirectories(work.resolve(DIR));
        Scenario s = model.scenario();
        Header h = new Header(FORMAT, version(), day, digest(s), timeseriesBytes, s.seed());
        IdentityHashMap<Object, String> refs = references(s, sinks);
        Path file = dir.resolve(String.format(java.util.Locale.ROOT, "day-%06d%s", day, SUFFIX));
        model.preCheckpoint();
        try {
            writeAtomically(file, raw -> {
                GZIPOutputStream gz = new GZIPOutputStream(new BufferedOutputStream(raw, 1 << 16));
                ObjectOutputStream out = new Out(gz, refs);
                out.writeObject(h);
                out.writeObject(model);
                out.writeObject(series(table));
                out.flush();
                gz.finish();
                gz.flush();
            });
        } finally {
            model.postCheckpoint();
        }
        prune(dir);
        return file;
    }

    private static Series series(SeriesTable t) {
        List<String> names = t.names();
        double[][] cols = new double[names.size()][];
        for (int c = 0; c < cols.length; c++) {
            cols[c] = t.series(names.get(c));
        }
        List<LocalDate> dates = new ArrayList<>(t.rows());
        for (int r = 0; r < t.rows(); r++) {
            dates.add(t.date(r));
        }
        return new Series(names, dates, cols);
    }

    private static void prune(Path dir) throws IOException {
        List<Path> all = list(dir);
        for (int i = 0; i < all.size() - KEEP; i++) {
            Files.deleteIfExists(all.get(i));
        }
    }

    /** The checkpoints in a working directory, oldest first. */
    public static List<Path> list(Path dirOrWork) throws IOException {
        Path dir = dirOrWork.getFileName() != null && dirOrWork.getFileName().toString().equals(DIR) ? dirOrWork : dirOrWork.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("day-[0-9]{6,}\\" + SUFFIX))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString().length()).thenComparing(Path::toString))
                    .toList();
        }
    }

    interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** Writes to FILE.tmp, syncs it and renames it to FILE, so that FILE is never seen half-written. */
    static void writeAtomically(Path file, Body body) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            OutputStream raw = java.nio.channels.Channels.newOutputStream(ch);
            body.write(new java.io.FilterOutputStream(raw) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() {
                    // the channel is closed after the sync below
                }
            });
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Flushes what a file holds to the disk (best effort). */
    public static void sync(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the data is flushed to the operating system already; a sync is only for power failures
        }
    }

    // ------------------------------------------------------------------ reading

    /** Reads only the header of a checkpoint. */
    public static Header header(Path file) throws IOException {
        try (ObjectInputStream in = new In(new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file))), Map.of())) {
            return (Header) in.readObject();
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException(file + ": not a JuriSim checkpoint", e);
        }
    }

    /**
     * Reads a checkpoint back for the same scenario (loaded again) with new metric sinks in place of the old.
     * The series table returned is the one given among {@code sinks}, filled with the series so far.
     */
    public static Restored read(Path file, Scenario s, List<MetricsSink> sinks, SeriesTable table)
            throws IOException, ResumeException, DamagedException {
        Map<String, Object> byPath = new HashMap<>();
        references(s, sinks).forEach((o, p) -> byPath.put(p, o));
        try (ObjectInputStream in = new In(new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16)), byPath)) {
            Header h = (Header) in.readObject();
            if (h.format() != FORMAT) {
                throw new ResumeException(file + " is a checkpoint of format " + h.format() + " (JuriSim " + h.version()
                        + "); this JuriSim reads format " + FORMAT + ": run again from the start");
            }
            if (!h.resolvedSha256().equals(digest(s))) {
                throw new ResumeException("the scenario no longer resolves to the one the run started with (its file, a file it extends,"
                        + " or its CSV changed); resume needs the same scenario: run again from the start");
            }
            JuriSimModel model = (JuriSimModel) in.readObject();
            Series series = (Series) in.readObject();
            List<MetricDef> defs = series.names().stream().map(n -> new MetricDef(n, "", "")).toList();
            table.begin(defs);
            double[] row = new double[defs.size()];
            for (int r = 0; r < series.dates().size(); r++) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = series.columns()[c][r];
                }
                table.record(r, series.dates().get(r), row);
            }
            model.awakeFromCheckpoint();
            return new Restored(h, model, table);
        } catch (java.io.EOFException | java.util.zip.ZipException | java.io.StreamCorruptedException
                 | java.io.OptionalDataException e) {
            throw new DamagedException(file + " is damaged (" + oneLine(e.toString()) + ")", e);
        } catch (java.io.InvalidObjectException e) {
            throw new ResumeException(file + " does not fit the scenario (" + oneLine(e.getMessage()) + "): run again from the start");
        } catch (ClassNotFoundException | ClassCastException | java.io.InvalidClassException | IllegalArgumentException e) {
            Throwable why = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new ResumeException(file + " is not a checkpoint this JuriSim can read (" + oneLine(why.getMessage())
                    + "): run again from the start");
        }
    }

    /** Cuts timeseries.csv back to its length at the checkpoint (rows written after it are written again). */
    public static void truncate(Path csv, long bytes) throws IOException, ResumeException {
        long size = Files.size(csv);
        if (size < bytes) {
            throw new ResumeException(csv + " is shorter (" + size + " bytes) than at the checkpoint (" + bytes
                    + " bytes): the run directory was changed; run again from the start");
        }
        try (FileChannel ch = FileChannel.open(csv, StandardOpenOption.WRITE)) {
            ch.truncate(bytes);
            ch.force(true);
        }
    }

    // ------------------------------------------------------------------ references

    /** A placeholder written in place of an object that is not copied into the checkpoint. */
    private record Ref(String path) implements Serializable {
    }

    /**
     * The objects written as references: everything reachable from the scenario (records, lists, maps,
     * compiled rules) by a path such as {@code policies{standard}.detainer} or {@code jurisdictions[12]},
     * the built-in reference data, and the metric sinks ({@code sink:0}, ...).
     */
    static IdentityHashMap<Object, String> references(Scenario s, List<MetricsSink> sinks) {
        IdentityHashMap<Object, String> refs = new IdentityHashMap<>();
        walk(s, "scenario", refs);
        refs.put(UsReference.load(), "reference");
        for (int i = 0; i < sinks.size(); i++) {
            refs.put(sinks.get(i), "sink:" + i);
        }
        return refs;
    }

    private static void walk(Object o, String path, IdentityHashMap<Object, String> refs) {
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Character
                || o instanceof Enum<?> || o instanceof java.time.temporal.Temporal || o instanceof JsonNode
                || o.getClass().isArray() && o.getClass().getComponentType().isPrimitive() || refs.containsKey(o)) {
            return; // values: copied, which is as good as shared
        }
        refs.put(o, path);
        if (o instanceof CompiledRule) {
            return;
        }
        if (o instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                if (JsonNode.class.isAssignableFrom(c.getType())) {
                    continue;
                }
                try {
                    java.lang.reflect.Method m = c.getAccessor();
                    m.setAccessible(true);
                    walk(m.invoke(r), path + "." + c.getName(), refs);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("cannot read " + path + "." + c.getName(), e);
                }
            }
        } else if (o instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                walk(l.get(i), path + "[" + i + "]", refs);
            }
        } else if (o instanceof Map<?, ?> m) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
            entries.sort(Comparator.comparing(e -> String.valueOf(e.getKey())));
            for (Map.Entry<?, ?> e : entries) {
                walk(e.getValue(), path + "{" + e.getKey() + "}", refs);
            }
        } else if (o instanceof Collection<?> c) {
            List<Object> items = new ArrayList<>(c);
            items.sort(Comparator.comparing(String::valueOf));
            for (int i = 0; i < items.size(); i++) {
                walk(items.get(i), path + "<" + i + ">", refs);
            }
        } else if (o instanceof Object[] a) {
            for (int i = 0; i < a.length; i++) {
                walk(a[i], path + "[" + i + "]", refs);
            }
        }
    }

    private static final class Out extends ObjectOutputStream {
        private final IdentityHashMap<Object, String> refs;

        Out(OutputStream out, IdentityHashMap<Object, String> refs) throws IOException {
            super(out);
            this.refs = refs;
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            String path = refs.get(obj);
            return path == null ? obj : new Ref(path);
        }
    }

    /** Reads only JuriSim's, MASON's and the JDK's value classes: a checkpoint cannot make any other class run. */
    private static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config.createFilter(
            "maxdepth=2000;maxrefs=100000000;maxbytes=17179869184;org.jurisim.**;sim.**;ec.util.*;java.lang.*;java.util.*;java.util.concurrent.*;java.time.*;java.math.*;"
                    + "com.fasterxml.jackson.databind.node.*;!*");

    private static final class In extends ObjectInputStream {
        private final Map<String, Object> byPath;

        In(InputStream in, Map<String, Object> byPath) throws IOException {
            super(in);
            this.byPath = byPath;
            enableResolveObject(true);
            setObjectInputFilter(info -> {
                ObjectInputFilter.Status st = ALLOWED.checkInput(info);
                if (st == ObjectInputFilter.Status.REJECTED && info.serialClass() != null) {
                    throw new IllegalArgumentException("it names class " + info.serialClass().getName() + ", which checkpoints never hold");
                }
                return st;
            });
        }

        @Override
        protected Object resolveObject(Object obj) throws IOException {
            if (obj instanceof Ref r) {
                Object o = byPath.get(r.path());
                if (o == null) {
                    throw new InvalidObjectException("the checkpoint refers to " + r.path() + ", which the scenario does not have");
                }
                return o;
            }
            return obj;
        }

    }

    // ------------------------------------------------------------------ the run's lock

    /** Held by the process running or resuming a run, so that a second one cannot resume it at the same time. */
    public static final class Lock implements AutoCloseable {
        private final FileChannel channel;
        private final java.nio.channels.FileLock lock;

        private Lock(FileChannel channel, java.nio.channels.FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() throws IOException {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
            } finally {
                channel.close();
            }
        }
    }

    /**
     * Locks a run's working directory for this process (the operating system releases the lock when the process
     * ends, however it ends).
     *
     * @throws ResumeException if another process holds it: the run is still going
     */
    public static Lock lock(Path work) throws IOException, ResumeException {
        Path dir = Files.createDirectories(work.resolve(DIR));
        FileChannel ch = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        java.nio.channels.FileLock l;
        try {
            l = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            ch.close();
            throw new ResumeException("the run in " + work + " is still going in another process; wait for it, or stop it first");
        }
        return new Lock(ch, l);
    }

    /** Deletes a finished run's checkpoints: the published directory holds only the run's results. */
    public static void discard(Path work) throws IOException {
        RunDirectory.deleteTree(work.resolve(DIR));
    }

    // ------------------------------------------------------------------ helpers

    private static String version() {
        String v = Checkpoints.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** The most recent checkpoint whose header can be read, if any. */
    public static Optional<Path> latest(Path work) throws IOException {
        List<Path> all = list(work);
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                header(all.get(i));
                return Optional.of(all.get(i));
            } catch (IOException e) {
                // damaged: try the one before
            }
        }
        return Optional.empty();
    }
}
