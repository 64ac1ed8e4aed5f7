package org.jurisim.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Location;
import org.jurisim.common.Problem;
import org.jurisim.common.Suggest;
import org.jurisim.output.Csv;
import org.jurisim.output.Numbers;
import org.jurisim.output.RunDirectory;
import org.jurisim.scenario.Limits;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioBundle;
import org.jurisim.scenario.ScenarioLoader;

/**
 * Checks the model against the record: runs the scenarios that calibration targets ({@link Targets}) name, as
 * replicates (each scenario only as many days as its targets need), computes every target's statistic per
 * replicate and compares the replicates' mean with the target's acceptance range. Writes {@code check.csv} (one row
 * per target), {@code check-replicates.csv} (one row per target and replicate), {@code report.html} with charts of
 * the record over the model's bands, the replicate runs ({@code runs/LABEL/}) and {@code manifest.json}.
 *
 * <p>A target passes when the mean over replicates lies within its acceptance range (both ends included); it fails
 * when it lies outside or when no replicate gave a value (e.g. a share of cases when no such case was decided).
 * Targets whose statistic is {@code not-measured} are listed, not judged.
 */
public final class Check {

    /** Replicates per scenario by default. */
    public static final int DEFAULT_REPLICATES = 20;
    /** Replicates per scenario with {@code --quick}. */
    public static final int QUICK_REPLICATES = 3;

    private Check() {
    }

    /**
     * @param replicates replicates per scenario (null: 20, or 3 with {@code quick})
     * @param seed       base seed of every scenario's replicates (null: each scenario's own seed)
     * @param only       ids of the targets to check (empty: all, or the quick subset)
     * @param quick      check only the targets marked {@code quick: true}
     */
    public record Options(Integer replicates, int threads, Long seed, List<String> only, boolean quick, boolean force,
                          boolean resume, List<String> commandLine, Progress progress) {
        public Options {
            only = List.copyOf(only);
            commandLine = List.copyOf(commandLine);
            progress = progress == null ? Progress.NONE : progress;
        }

        public static Options of(int replicates, int threads) {
            return new Options(replicates, threads, null, List.of(), false, false, true, List.of(), Progress.NONE);
        }

        public Options withOnly(List<String> ids) {
            return new Options(replicates, threads, seed, ids, quick, force, resume, commandLine, progress);
        }

        public Options withSeed(Long s) {
            return new Options(replicates, threads, s, only, quick, force, resume, commandLine, progress);
        }

        public Options withQuick(boolean q) {
            return new Options(replicates, threads, seed, only, q, force, resume, commandLine, progress);
        }

        public Options withForce(boolean f) {
            return new Options(replicates, threads, seed, only, quick, f, resume, commandLine, progress);
        }

        int replicateCount() {
            return replicates != null ? replicates : quick ? QUICK_REPLICATES : DEFAULT_REPLICATES;
        }
    }

    /** What a target's check concluded. */
    public enum Verdict {
        PASS("PASS"), FAIL("FAIL"), NOT_MEASURED("NOT MEASURED");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A statistic over replicates: how many gave a value, their mean and standard deviation, the smallest and
     * largest, and the 5th and 95th percentiles (linear interpolation between order statistics, R's type 7).
     */
    public record Summary(int n, double mean, double sd, double min, double p05, double p95, double max) {
        static final Summary NONE = new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        static Summary of(double[] values) {
            double[] x = Stats.present(values);
            if (x.length == 0) {
                return NONE;
            }
            Arrays.sort(x);
            double mean = 0;
            for (double v : x) {
                mean += v;
            }
            mean /= x.length;
            double sd = Double.NaN;
            if (x.length > 1) {
                double ss = 0;
                for (double v : x) {
                    ss += (v - mean) * (v - mean);
                }
                sd = Math.sqrt(ss / (x.length - 1));
            }
            return new Summary(x.length, mean, sd, x[0], quantile(x, 0.05), quantile(x, 0.95), x[x.length - 1]);
        }
    }

    /** The quantile {@code p} of sorted values: R's type 7 (linear interpolation between order statistics). */
    static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * One target's result.
     *
     * @param run    label of the run that measured it (its directory under {@code runs/}); empty if not measured
     * @param values the statistic per replicate (NaN where a replicate gave none)
     * @param seeds  the replicates' seeds
     */
    public record Outcome(Targets.Target target, String run, double[] values, long[] seeds, Summary summary, Verdict verdict) {
        /** Whether the record lies within the 90% interval of the replicates. */
        public Boolean recordWithin90() {
            if (summary.n() == 0) {
                return null;
            }
            return target.record() >= summary.p05() && target.record() <= summary.p95();
        }
    }

    /** What a check produced. */
    public record Result(Path directory, int replicates, List<Outcome> outcomes, List<String> charts, double wallSeconds) {
        public long count(Verdict v) {
            return outcomes.stream().filter(o -> o.verdict() == v).count();
        }
    }

    /** One set of replicates: a scenario run for some days. */
    private static final class Group {
        final String key;
        final Path path;
        final Scenario scenario;
        final ScenarioBundle bundle;
        final long days;
        String label;
        final List<Targets.Target> targets = new ArrayList<>();

        Group(String key, Path path, Scenario scenario, ScenarioBundle bundle, long days) {
            this.key = key;
            this.path = path;
            this.scenario = scenario;
            this.bundle = bundle;
            this.days = days;
        }
    }

    /** The targets an invocation checks: {@code --only}, else the quick subset with {@code --quick}, else all. */
    static List<Targets.Target> select(Targets targets, Options o) throws BadInputException {
        if (!o.only().isEmpty()) {
            Map<String, Targets.Target> byId = new LinkedHashMap<>();
            targets.all().forEach(t -> byId.put(t.id(), t));
            List<Problem> problems = new ArrayList<>();
            Set<String> wanted = new LinkedHashSet<>();
            for (String id : o.only()) {
                if (!byId.containsKey(id)) {
                    problems.add(new Problem(new Location("--only", 1, 1), "only", "expected the id of a target of " + targets.file()
                            + Suggest.hint(id, byId.keySet()) + ", found '" + id + "'"));
                }
                wanted.add(id);
            }
            if (!problems.isEmpty()) {
                throw new BadInputException(problems);
            }
            return targets.all().stream().filter(t -> wanted.contains(t.id())).toList();
        }
        if (o.quick()) {
            List<Targets.Target> q = targets.all().stream().filter(Targets.Target::quick).toList();
            if (q.isEmpty()) {
                throw new BadInputException(new Problem(new Location(targets.file(), 1, 1), "targets",
                        "expected some targets marked 'quick: true' for --quick, found none"));
            }
            return q;
        }
        return targets.all();
    }

    public static Result run(Targets targets, Path out, Options o) throws IOException, RunDirectory.ExistsException, BadInputException {
        return run(targets, out, o, null);
    }

    /** Runs the check; the replicates are computed by {@code engine} (null: {@link Options#threads()} threads of this JVM). */
    public static Result run(Targets targets, Path out, Options o, DistributedEngine engine)
            throws IOException, RunDirectory.ExistsException, BadInputException {
        return run(targets, out, o, engine, null);
    }

    /**
     * Runs the check with each replicate's parameters drawn from a calibration's posterior sample ({@link Posterior}):
     * every scenario's replicate i takes the row its seed draws. Null: no draws. Thread engine only.
     */
    public static Result run(Targets targets, Path out, Options o, DistributedEngine engine, Path posterior)
            throws IOException, RunDirectory.ExistsException, BadInputException {
        if (posterior != null && engine != null) {
            throw new IllegalArgumentException("parameter uncertainty runs on the thread engine only");
        }
        long t0 = System.nanoTime();
        Instant started = Instant.now();
        List<Targets.Target> selected = select(targets, o);
        List<Group> groups = plan(targets, selected, o, engine != null);
        int n = o.replicateCount();
        Map<Group, Posterior> draws = new HashMap<>();
        ObjectNode settings = settings(targets, selected, groups, n);
        if (posterior != null) {
            for (Group g : groups) {
                draws.put(g, Posterior.load(posterior, g.path, List.of()));
            }
            if (!groups.isEmpty()) {
                settings.set("variation", draws.get(groups.get(0)).settings());
            }
        }
        try (ExperimentDir dir = ExperimentDir.open(out, o.force(), o.resume(), settings, o.progress()::note)) {
            try {
                Path work = dir.work();
                for (Group g : groups) {
                    Path rd = work.resolve("runs").resolve(g.label);
                    if (!RunReader.isRunDirectory(rd) || Files.exists(rd.resolve(ExperimentDir.MARKER))) {
                        Files.createDirectories(rd.getParent());
                        o.progress().note("running " + g.path + " for " + g.days + " days as \"" + g.label + "\": " + n
                                + " replicates from seed " + g.scenario.seed());
                        Replicates.Options ro = Replicates.Options.of(n, o.threads(), g.days).withResume(true).withForce(true)
                                .withCharts(false).withCommandLine(o.commandLine()).withProgress(o.progress());
                        if (engine == null) {
                            Replicates.run(g.scenario, rd, ro, draws.get(g));
                        } else {
                            Replicates.run(new ScenarioBundle.Captured(g.scenario, g.bundle), rd, ro, engine);
                        }
                    }
                }
                Map<Targets.Target, Outcome> byTarget = new HashMap<>();
                List<String> charts = new ArrayList<>();
                List<CheckCharts.Chart> drawn = new ArrayList<>();
                for (Group g : groups) {
                    Path rd = work.resolve("runs").resolve(g.label);
                    RunTables tables = RunTables.read(rd, g.targets);
                    long[] seeds = new long[tables.replicates()];
                    for (int r = 0; r < seeds.length; r++) {
                        seeds[r] = Seeds.replicate(g.scenario.seed(), r);
                    }
                    for (Targets.Target t : g.targets) {
                        double[] v = measure(t, tables);
                        byTarget.put(t, outcome(t, g.label, v, seeds));
                    }
                    drawn.addAll(CheckCharts.draw(work.resolve("charts"), g.label, g.scenario.name(), tables, g.targets, charts));
                }
                List<Outcome> outcomes = new ArrayList<>();
                for (Targets.Target t : selected) {
                    outcomes.add(byTarget.containsKey(t) ? byTarget.get(t) : outcome(t, "", new double[0], new long[0]));
                }
                writeCsv(work.resolve("check.csv"), outcomes, n);
                writeReplicatesCsv(work.resolve("check-replicates.csv"), outcomes);
                double wall = (System.nanoTime() - t0) / 1e9;
                CheckReport.write(work.resolve("report.html"), targets.file(), outcomes, n, drawn);
                writeManifest(work.resolve("manifest.json"), targets, groups, n, o, engine, started, wall);
                dir.commit();
                return new Result(dir.target(), n, outcomes, charts, wall);
            } catch (IOException e) {
                throw dir.fail(e);
            } catch (java.io.UncheckedIOException e) {
                throw dir.fail(e.getCause());
            } catch (RuntimeException | Error e) {
                dir.fail(e.toString());
                throw e;
            } finally {
                o.progress().finish();
            }
        }
    }

    static Outcome outcome(Targets.Target t, String run, double[] values, long[] seeds) {
        if (!t.measured()) {
            return new Outcome(t, run, values, seeds, Summary.NONE, Verdict.NOT_MEASURED);
        }
        Summary s = Summary.of(values);
        boolean pass = s.n() > 0 && s.mean() >= t.acceptLow() && s.mean() <= t.acceptHigh();
        return new Outcome(t, run, values, seeds, s, pass ? Verdict.PASS : Verdict.FAIL);
    }

    /** Loads the scenarios, checks every target against its scenario (dates, columns) and groups them into runs. */
    private static List<Group> plan(Targets targets, List<Targets.Target> selected, Options o, boolean travel) throws BadInputException {
        List<Problem> problems = new ArrayList<>();
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        Map<String, ScenarioBundle> bundles = new HashMap<>();
        Map<String, Path> paths = new HashMap<>();
        Map<String, List<String>> metrics = new HashMap<>();
        Set<String> failed = new LinkedHashSet<>();
        for (Targets.Target t : selected) {
            if (!t.measured()) {
                continue;
            }
            Path p = targets.scenarioPath(t);
            String key = p.toAbsolutePath().normalize().toString();
            if (scenarios.containsKey(key) || failed.contains(key)) {
                continue;
            }
            if (!Files.isRegularFile(p)) {
                problems.add(new Problem(targets.locate(t, "scenario"), Targets.path(t, "scenario"), "expected a scenario file, found "
                        + (Files.isDirectory(p) ? "a directory" : "no such file") + ": " + p
                        + (targets.file().equals(Targets.BUILT_IN_NAME) ? " (the built-in targets name scenarios relative to the"
                        + " working directory: run the check from the project's directory)" : "")));
                failed.add(key);
                continue;
            }
            try {
                Scenario s;
                if (travel) {
                    ScenarioBundle.Captured c = ScenarioBundle.capture(p, List.of(), Limits.DEFAULT);
                    s = c.scenario();
                    bundles.put(key, c.bundle());
                } else {
                    s = ScenarioLoader.load(p, List.of());
                }
                if (o.seed() != null) {
                    s = s.withSeed(o.seed());
                }
                scenarios.put(key, s);
                paths.put(key, p);
            } catch (BadInputException e) {
                problems.addAll(e.problems());
                failed.add(key);
            }
        }
        // each target's days, and its checks against the scenario
        Map<Targets.Target, Long> days = new LinkedHashMap<>();
        Map<Targets.Target, String> keys = new HashMap<>();
        for (Targets.Target t : selected) {
            if (!t.measured()) {
                continue;
            }
            String key = targets.scenarioPath(t).toAbsolutePath().normalize().toString();
            Scenario s = scenarios.get(key);
            if (s == null) {
                continue;
            }
            Targets.Statistic st = t.statistic();
            LocalDate first = st.on() != null ? st.on() : st.from();
            LocalDate last = st.lastDate();
            LocalDate lastDay = s.dateOf(s.days() - 1);
            String field = st.on() != null ? (t.statistic().on() != null ? "statistic" : "period") : "statistic";
            if (first.isBefore(s.start()) || last.isAfter(lastDay)) {
                problems.add(new Problem(targets.locate(t, field), Targets.path(t, field), "expected dates within the scenario "
                        + t.scenario() + " (" + s.start() + " to " + lastDay + "), found " + (st.on() != null ? st.on().toString()
                        : first + " to " + last) + "; measure the target on dates the scenario simulates, or mark it"
                        + " 'statistic: not-measured'"));
                continue;
            }
            if (st.kind().timeseries()) {
                List<String> names = metrics.computeIfAbsent(key, k -> MetricProbe.names(s));
                List<String> cols = new ArrayList<>(st.columns());
                cols.addAll(st.denominator());
                boolean ok = true;
                for (String c : cols) {
                    if (!names.contains(c)) {
                        String f = st.kind() == Targets.Kind.RATIO ? (st.columns().contains(c) ? "statistic.numerator" : "statistic.denominator")
                                : "statistic.column";
                        problems.add(new Problem(targets.locate(t, f), Targets.path(t, f), "expected a column of timeseries.csv"
                                + " (docs/metrics.md)" + Suggest.hint(c, names) + ", found '" + c + "'"));
                        ok = false;
                    }
                }
                if (!ok) {
                    continue;
                }
            }
            days.put(t, ChronoUnit.DAYS.between(s.start(), last) + 1);
            keys.put(t, key);
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        // one run per scenario, as long as its targets need; a jurisdictions target reads the run's last day, so it
        // needs a run that ends on its date
        Map<String, Long> longest = new HashMap<>();
        for (Map.Entry<Targets.Target, Long> e : days.entrySet()) {
            if (e.getKey().statistic().kind() != Targets.Kind.JURISDICTIONS) {
                longest.merge(keys.get(e.getKey()), e.getValue(), Math::max);
            }
        }
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Map.Entry<Targets.Target, Long> e : days.entrySet()) {
            Targets.Target t = e.getKey();
            String key = keys.get(t);
            long d = t.statistic().kind() == Targets.Kind.JURISDICTIONS ? e.getValue() : longest.get(key);
            Group g = groups.computeIfAbsent(key + "#" + d, k -> new Group(key, paths.get(key), scenarios.get(key), bundles.get(key), d));
            g.targets.add(t);
        }
        // labels: the scenario file's name; runs shorter than the scenario's longest also say where they end
        Map<String, Long> maxDays = new HashMap<>();
        for (Group g : groups.values()) {
            maxDays.merge(g.key, g.days, Math::max);
        }
        Set<String> used = new LinkedHashSet<>();
        for (Group g : groups.values()) {
            String base = g.path.getFileName().toString().replaceFirst("\\.ya?ml$", "").replaceAll("[^A-Za-z0-9._-]+", "-");
            if (g.days < maxDays.get(g.key)) {
                base += "-to-" + g.scenario.dateOf(g.days - 1);
            }
            String l = base;
            for (int k = 2; used.contains(l); k++) {
                l = base + "-" + k;
            }
            used.add(l);
            g.label = l;
        }
        return new ArrayList<>(groups.values());
    }

    private static ObjectNode settings(Targets targets, List<Targets.Target> selected, List<Group> groups, int n) {
        ObjectNode s = ExperimentDir.json().createObjectNode();
        s.put("kind", "check");
        s.put("targets_file", targets.file());
        s.put("targets_sha256", sha256(targets.text()));
        ArrayNode ids = s.putArray("targets");
        selected.forEach(t -> ids.add(t.id()));
        s.put("replicates", n);
        ArrayNode runs = s.putArray("runs");
        for (Group g : groups) {
            ObjectNode r = runs.addObject();
            r.put("label", g.label);
            r.put("scenario", g.path.toString());
            r.put("scenario_sha256", g.scenario.sha256());
            r.put("days", g.days);
            r.put("seed", g.scenario.seed());
        }
        return s;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The statistics

    /** A run directory's tables, per replicate (a single run counts as replicate 0). */
    static final class RunTables {
        LocalDate start;
        final List<String> columns = new ArrayList<>();
        /** [replicate][column][day] */
        final List<double[][]> series = new ArrayList<>();
        final List<List<String[]>> cases = new ArrayList<>();
        final Map<String, Integer> caseIndex = new HashMap<>();
        final List<List<String[]>> jurisdictions = new ArrayList<>();
        final Map<String, Integer> jurisdictionIndex = new HashMap<>();
        int days;

        int replicates() {
            return series.size();
        }

        LocalDate lastDate() {
            return start.plusDays(days - 1L);
        }

        /** The daily sum of some columns in replicate {@code r} (NaN on a day where one of them is empty). */
        double[] column(int r, List<String> cols) {
            double[] out = new double[days];
            for (String c : cols) {
                int i = columns.indexOf(c);
                if (i < 0) {
                    Arrays.fill(out, Double.NaN);
                    return out;
                }
                double[] v = series.get(r)[i];
                for (int d = 0; d < days; d++) {
                    out[d] += v[d];
                }
            }
            return out;
        }

        int dayOf(LocalDate date) {
            return (int) ChronoUnit.DAYS.between(start, date);
        }

        /**
         * One run held in memory (a calibration's, {@link TargetEvaluator}): its daily values of some columns
         * ({@code series[column][day]}, already as the CSV files write them), and its {@code cases.csv} and
         * {@code jurisdictions.csv} files (null when no target reads them).
         */
        static RunTables of(LocalDate start, int days, List<String> columns, double[][] series, Path cases, Path jurisdictions)
                throws IOException {
            RunTables t = new RunTables();
            t.start = start;
            t.days = days;
            t.columns.addAll(columns);
            t.series.add(series);
            t.cases.add(new ArrayList<>());
            t.jurisdictions.add(new ArrayList<>());
            if (cases != null) {
                readTable(cases, false, t.caseIndex, t.cases);
            }
            if (jurisdictions != null) {
                readTable(jurisdictions, false, t.jurisdictionIndex, t.jurisdictions);
            }
            return t;
        }

        /** Reads {@code timeseries.csv}, {@code cases.csv} and {@code jurisdictions.csv} (only if some target reads them). */
        static RunTables read(Path dir, List<Targets.Target> targets) throws IOException {
            RunTables t = new RunTables();
            boolean replicated = firstColumn(dir.resolve(Replicates.TIMESERIES)).equals("replicate");
            int off = replicated ? 1 : 0;
            List<List<double[]>> rows = new ArrayList<>();
            List<LocalDate> dates = new ArrayList<>();
            readCsv(dir.resolve(Replicates.TIMESERIES), (header) -> {
                t.columns.addAll(Arrays.asList(header).subList(off + 2, header.length));
            }, row -> {
                int r = replicated ? Integer.parseInt(row[0]) : 0;
                while (rows.size() <= r) {
                    rows.add(new ArrayList<>());
                }
                if (r == 0) {
                    dates.add(LocalDate.parse(row[off + 1]));
                }
                double[] v = new double[row.length - off - 2];
                for (int i = 0; i < v.length; i++) {
                    String s = row[off + 2 + i];
                    v[i] = s.isEmpty() ? Double.NaN : Double.parseDouble(s);
                }
                rows.get(r).add(v);
            });
            if (dates.isEmpty()) {
                throw new IOException(dir.resolve(Replicates.TIMESERIES) + ": no rows");
            }
            t.start = dates.get(0);
            t.days = dates.size();
            for (List<double[]> rep : rows) {
                double[][] s = new double[t.columns.size()][t.days];
                for (int d = 0; d < t.days && d < rep.size(); d++) {
                    for (int c = 0; c < s.length; c++) {
                        s[c][d] = rep.get(d)[c];
                    }
                }
                t.series.add(s);
            }
            boolean cases = targets.stream().anyMatch(x -> x.statistic().kind().cases());
            boolean juris = targets.stream().anyMatch(x -> x.statistic().kind() == Targets.Kind.JURISDICTIONS);
            for (int r = 0; r < t.replicates(); r++) {
                t.cases.add(new ArrayList<>());
                t.jurisdictions.add(new ArrayList<>());
            }
            if (cases) {
                readTable(dir.resolve(Replicates.CASES), replicated, t.caseIndex, t.cases);
            }
            if (juris) {
                readTable(dir.resolve(Replicates.JURISDICTIONS), replicated, t.jurisdictionIndex, t.jurisdictions);
            }
            return t;
        }

        private static void readTable(Path file, boolean replicated, Map<String, Integer> index, List<List<String[]>> out)
                throws IOException {
            int off = replicated ? 1 : 0;
            readCsv(file, header -> {
                for (int i = off; i < header.length; i++) {
                    index.put(header[i], i - off);
                }
            }, row -> {
                int r = replicated ? Integer.parseInt(row[0]) : 0;
                if (r < out.size()) {
                    out.get(r).add(off == 0 ? row : Arrays.copyOfRange(row, 1, row.length));
                }
            });
        }

        private static String firstColumn(Path file) throws IOException {
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String h = r.readLine();
                if (h == null) {
                    throw new IOException(file + ": empty");
                }
                int c = h.indexOf(',');
                return c < 0 ? h : h.substring(0, c);
            }
        }
    }

    /** Reads an RFC 4180 CSV file: the header, then every record (quoted cells may hold commas, quotes and line breaks). */
    static void readCsv(Path file, Consumer<String[]> header, Consumer<String[]> rows) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            boolean first = true;
            boolean any = false;
            int c;
            while ((c = r.read()) >= 0) {
                char ch = (char) c;
                any = true;
                if (quoted) {
                    if (ch == '"') {
                        r.mark(1);
                        int next = r.read();
                        if (next == '"') {
                            cell.append('"');
                        } else {
                            quoted = false;
                            if (next >= 0) {
                                r.reset();
                            }
                        }
                    } else {
                        cell.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else if (ch == '\n') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                    String[] rec = cells.toArray(new String[0]);
                    cells.clear();
                    any = false;
                    if (first) {
                        header.accept(rec);
                        first = false;
                    } else {
                        rows.accept(rec);
                    }
                } else if (ch != '\r') {
                    cell.append(ch);
                }
            }
            if (any) {
                cells.add(cell.toString());
                String[] rec = cells.toArray(new String[0]);
                if (first) {
                    header.accept(rec);
                } else {
                    rows.accept(rec);
                }
            }
        }
    }

    /** A target's statistic in every replicate of a run (NaN where a replicate gives none). */
    static double[] measure(Targets.Target t, RunTables run) {
        double[] out = new double[run.replicates()];
        for (int r = 0; r < out.length; r++) {
            out[r] = measure(t.statistic(), run, r);
        }
        return out;
    }

    static double measure(Targets.Statistic st, RunTables run, int r) {
        double v = value(st, run, r);
        if (st.outcome() == null || Double.isNaN(v)) {
            return v;
        }
        return st.outcome().shownBy(v) ? 1 : 0;
    }

    private static double value(Targets.Statistic st, RunTables run, int r) {
        switch (st.kind()) {
            case SUM, MEAN, MAX, RATIO -> {
                int a = Math.max(0, run.dayOf(st.from()));
                int b = Math.min(run.days - 1, run.dayOf(st.to()));
                if (a > b) {
                    return Double.NaN;
                }
                double[] v = run.column(r, st.columns());
                if (st.kind() == Targets.Kind.RATIO) {
                    double[] w = run.column(r, st.denominator());
                    double num = 0;
                    double den = 0;
                    for (int d = a; d <= b; d++) {
                        if (!Double.isNaN(v[d]) && !Double.isNaN(w[d])) {
                            num += v[d];
                            den += w[d];
                        }
                    }
                    return den == 0 ? Double.NaN : num / den;
                }
                double sum = 0;
                double max = Double.NEGATIVE_INFINITY;
                int n = 0;
                for (int d = a; d <= b; d++) {
                    if (!Double.isNaN(v[d])) {
                        sum += v[d];
                        max = Math.max(max, v[d]);
                        n++;
                    }
                }
                if (n == 0) {
                    return Double.NaN;
                }
                return switch (st.kind()) {
                    case SUM -> st.per() == null ? sum : sum * st.per().days / (b - a + 1);
                    case MEAN -> sum / n;
                    default -> max;
                };
            }
            case VALUE -> {
                int d = run.dayOf(st.on());
                return d < 0 || d >= run.days ? Double.NaN : run.column(r, st.columns())[d];
            }
            case CASES, CASE_SHARE, CASE_DAYS, CASE_MEAN, CASE_MAX -> {
                return cases(st, run.cases.get(r), run.caseIndex);
            }
            case JURISDICTIONS -> {
                int n = 0;
                for (String[] row : run.jurisdictions.get(r)) {
                    if (st.where().matches(run.jurisdictionIndex, row)) {
                        n++;
                    }
                }
                return n;
            }
            default -> {
                return Double.NaN;
            }
        }
    }

    private static double cases(Targets.Statistic st, List<String[]> rows, Map<String, Integer> index) {
        int dc = index.getOrDefault(st.dateColumn(), -1);
        int count = 0;
        int success = 0;
        List<Double> days = new ArrayList<>();   // days (case-days) or column values (case-mean, case-max)
        Map<String, String[]> byId = new HashMap<>();
        int id = index.getOrDefault("id", -1);
        int filed = index.getOrDefault("filed", -1);
        int appealOf = index.getOrDefault("appeal_of", -1);
        if (st.kind() == Targets.Kind.CASE_DAYS) {
            for (String[] row : rows) {
                byId.put(cell(row, id), row);
            }
        }
        for (String[] row : rows) {
            if (!st.where().matches(index, row)) {
                continue;
            }
            String date = cell(row, dc);
            if (date.isEmpty()) {
                continue;
            }
            LocalDate d = LocalDate.parse(date);
            if (st.from() != null && d.isBefore(st.from()) || st.to() != null && d.isAfter(st.to())) {
                continue;
            }
            count++;
            if (st.kind() == Targets.Kind.CASE_SHARE && st.matching().matches(index, row)) {
                success++;
            }
            if (st.kind() == Targets.Kind.CASE_MEAN || st.kind() == Targets.Kind.CASE_MAX) {
                String v = cell(row, index.getOrDefault(st.columns().get(0), -1));
                if (!v.isEmpty()) {
                    days.add(Double.parseDouble(v));
                }
            }
            if (st.kind() == Targets.Kind.CASE_DAYS) {
                String[] root = row;
                for (int guard = 0; guard < 100 && !cell(root, appealOf).isEmpty() && byId.containsKey(cell(root, appealOf)); guard++) {
                    root = byId.get(cell(root, appealOf));
                }
                days.add((double) ChronoUnit.DAYS.between(LocalDate.parse(cell(root, filed)), d));
            }
        }
        return switch (st.kind()) {
            case CASES -> count;
            case CASE_SHARE -> count == 0 ? Double.NaN : (double) success / count;
            case CASE_MEAN -> days.isEmpty() ? Double.NaN : days.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            case CASE_MAX -> days.isEmpty() ? Double.NaN : days.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            default -> {
                double[] x = days.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                yield quantile(x, 0.5);
            }
        };
    }

    private static String cell(String[] row, int i) {
        return i < 0 || i >= row.length ? "" : row[i];
    }

    // ---------------------------------------------------------------------------------------------------------
    // Output

    static final String CSV_HEADER = "id,verdict,scenario,statistic,from,to,record,accept_low,accept_high,replicates,n,mean,sd,"
            + "min,max,p05,p95,record_within_p05_p95,run,description,source";

    private static void writeCsv(Path file, List<Outcome> outcomes, int replicates) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.append(CSV_HEADER).append('\n');
            for (Outcome o : outcomes) {
                Targets.Target t = o.target();
                Targets.Statistic st = t.statistic();
                Summary s = o.summary();
                LocalDate from = st.on() != null ? st.on() : st.from() != null ? st.from() : t.periodFrom();
                LocalDate to = st.on() != null ? st.on() : st.to() != null ? st.to() : t.periodTo();
                Boolean within = o.recordWithin90();
                w.append(t.id()).append(',').append(o.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-')).append(',')
                        .append(Csv.cell(t.scenario())).append(',').append(st.kind().yaml()).append(',')
                        .append(from.toString()).append(',').append(to.toString()).append(',')
                        .append(Numbers.format(t.record())).append(',').append(Numbers.format(t.acceptLow())).append(',')
                        .append(Numbers.format(t.acceptHigh())).append(',').append(t.measured() ? Integer.toString(replicates) : "")
                        .append(',').append(t.measured() ? Integer.toString(s.n()) : "").append(',')
                        .append(Numbers.format(s.mean())).append(',').append(Numbers.format(s.sd())).append(',')
                        .append(Numbers.format(s.min())).append(',').append(Numbers.format(s.max())).append(',')
                        .append(Numbers.format(s.p05())).append(',').append(Numbers.format(s.p95())).append(',')
                        .append(within == null ? "" : within ? "yes" : "no").append(',').append(Csv.cell(o.run())).append(',')
                        .append(Csv.cell(t.description())).append(',').append(Csv.cell(t.source())).append('\n');
            }
        }
    }

    private static void writeReplicatesCsv(Path file, List<Outcome> outcomes) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.append("id,run,replicate,seed,value\n");
            for (Outcome o : outcomes) {
                for (int r = 0; r < o.values().length; r++) {
                    w.append(o.target().id()).append(',').append(Csv.cell(o.run())).append(',').append(Integer.toString(r)).append(',')
                            .append(Long.toString(o.seeds()[r])).append(',').append(Numbers.format(o.values()[r])).append('\n');
                }
            }
        }
    }

    private static void writeManifest(Path file, Targets targets, List<Group> groups, int n, Options o, DistributedEngine engine,
                                      Instant started, double wall) throws IOException {
        Manifest mf = Manifest.of(o.commandLine());
        ObjectNode m = mf.node();
        m.put("targets_file", targets.file());
        m.put("targets_sha256", sha256(targets.text()));
        ObjectNode e = m.putObject("experiment");
        e.put("kind", "check");
        e.put("replicates", n);
        e.put("seed_derivation", "replicate i of a scenario runs with seed Seeds.replicate(seed, i), seed being --seed or the"
                + " scenario's own");
        if (engine == null) {
            e.put("engine", "threads");
            e.put("threads", o.threads());
        } else {
            e.put("engine", engine.describe());
        }
        ArrayNode runs = m.putArray("runs");
        for (Group g : groups) {
            ObjectNode r = runs.addObject();
            r.put("label", g.label);
            r.put("directory", "runs/" + g.label);
            r.put("scenario", g.path.toString());
            r.put("scenario_sha256", g.scenario.sha256());
            r.put("seed", g.scenario.seed());
            r.put("start_date", g.scenario.start().toString());
            r.put("end_date", g.scenario.dateOf(g.days - 1).toString());
            r.put("days", g.days);
            ArrayNode ids = r.putArray("targets");
            g.targets.forEach(t -> ids.add(t.id()));
        }
        mf.finish(started, wall, List.of("check.csv", "check-replicates.csv", "report.html")).write(file.getParent());
    }

    /** The table the command prints: one line per target, columns as wide as their contents. */
    public static List<String> table(Result r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"target", "record", "model mean", "min-max of " + r.replicates(), "90% of replicates", "accept",
                "verdict"});
        for (Outcome o : r.outcomes()) {
            Targets.Target t = o.target();
            boolean sh = t.share();
            Summary s = o.summary();
            String verdict = o.verdict().label() + (o.verdict() == Verdict.FAIL && s.n() == 0 ? " (no replicate gave a value)"
                    : o.verdict() != Verdict.NOT_MEASURED && s.n() < r.replicates() ? " (" + s.n() + " of " + r.replicates() + " gave a value)" : "");
            if (!t.measured()) {
                rows.add(new String[] {t.id(), num(t.record(), sh), "", "", "", "", verdict});
            } else {
                rows.add(new String[] {t.id(), num(t.record(), sh), num(s.mean(), sh), range(s.min(), s.max(), sh), range(s.p05(), s.p95(), sh),
                        range(t.acceptLow(), t.acceptHigh(), sh), verdict});
            }
        }
        int[] w = new int[7];
        for (String[] row : rows) {
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean right = i == 1 || i == 2;
                String cell = i == row.length - 1 ? row[i] : right ? " ".repeat(w[i] - row[i].length()) + row[i]
                        : row[i] + " ".repeat(w[i] - row[i].length());
                b.append(i == 0 ? "" : "  ").append(cell);
            }
            out.add(b.toString().stripTrailing());
        }
        return out;
    }

    /** A value for people: whole numbers from 1,000 up in full (records are exact), else 4 significant digits. */
    static String num(double v, boolean share) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (!share && Math.abs(v) >= 1000 && Math.abs(v) < 1e15) {
            return String.format(Locale.US, "%,d", Math.round(v));
        }
        return Report.sig(v, share ? 3 : 4, share);
    }

    static String range(double a, double b, boolean share) {
        if (Double.isNaN(a)) {
            return "-";
        }
        return num(a, share) + " - " + num(b, share);
    }
}
