package org.jurisim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Location;
import org.jurisim.common.Problem;
import org.jurisim.model.JuriSimModel;
import org.jurisim.output.CasesCsv;
import org.jurisim.output.Charts;
import org.jurisim.output.JurisdictionsCsv;
import org.jurisim.output.SeriesTable;
import org.jurisim.output.Numbers;
import org.jurisim.output.RunDirectory;
import org.jurisim.output.TimeseriesCsv;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioBundle;

/**
 * Replicates of one scenario, run in parallel into one run directory. Replicate {@code i} runs the scenario with
 * the seed {@link Seeds#replicate}(seed, i); finished replicates are appended to the files in replicate order,
 * so every output is the same byte for byte whatever the number of threads. Writes:
 * <ul>
 *   <li>{@code timeseries.csv}, {@code jurisdictions.csv}, {@code cases.csv}, {@code events.csv}: as for a single run, with a leading
 *       {@code replicate} column;</li>
 *   <li>{@code replicates.csv}: per replicate its seed and outcomes ({@code METRIC.end}, {@code METRIC.avg});</li>
 *   <li>{@code summary.csv}: per day and metric the mean, standard deviation and 95% t-interval across replicates;</li>
 *   <li>{@code charts/}: means with shaded 95% bands; {@code scenario.resolved.yaml}; {@code manifest.json}.</li>
 * </ul>
 * Memory does not grow with the number of replicates; an interrupted experiment resumes where it stopped.
 */
public final class Replicates {

    static final String TIMESERIES = "timeseries.csv";
    static final String JURISDICTIONS = "jurisdictions.csv";
    static final String EVENTS = "events.csv";
    static final String CASES = "cases.csv";
    static final String REPLICATES = "replicates.csv";
    static final String SUMMARY = "summary.csv";
    static final String PARQUET = "replicates.parquet";
    static final List<String> STREAMS = List.of(TIMESERIES, JURISDICTIONS, CASES, EVENTS, REPLICATES);

    /** Default minimum number of replicates before --until-ci may stop. */
    public static final int UNTIL_CI_MIN = 10;
    /** Default cap on replicates for --until-ci. */
    public static final int UNTIL_CI_MAX = 1000;

    private Replicates() {
    }

    /** Stop when the 95% half-width of an outcome is at most {@code halfWidth}. */
    public record Target(Outcomes.Ref outcome, double halfWidth) {
    }

    /**
     * @param replicates number of replicates (with a target: the minimum before stopping)
     * @param threads    worker threads (does not change any output)
     * @param days       days to simulate (at most the scenario's duration)
     * @param target     optional: add replicates until this is met (null for a fixed count)
     * @param maxReplicates with a target, stop here even if it is not met
     * @param resume     resume an interrupted experiment with the same settings
     * @param charts     draw the scenario's charts
     */
    public record Options(int replicates, int threads, long days, Target target, int maxReplicates, boolean force,
                          boolean resume, boolean charts, List<String> commandLine, Progress progress) {
        public Options {
            commandLine = List.copyOf(commandLine);
            progress = progress == null ? Progress.NONE : progress;
        }

        public static Options of(int replicates, int threads, long days) {
            return new Options(replicates, threads, days, null, UNTIL_CI_MAX, false, true, true, List.of(), Progress.NONE);
        }

        public Options withForce(boolean f) {
            return new Options(replicates, threads, days, target, maxReplicates, f, resume, charts, commandLine, progress);
        }

        public Options withResume(boolean r) {
            return new Options(replicates, threads, days, target, maxReplicates, force, r, charts, commandLine, progress);
        }

        public Options withProgress(Progress p) {
            return new Options(replicates, threads, days, target, maxReplicates, force, resume, charts, commandLine, p);
        }

        public Options withTarget(Target t, int max) {
            return new Options(replicates, threads, days, t, max, force, resume, charts, commandLine, progress);
        }

        public Options withCharts(boolean c) {
            return new Options(replicates, threads, days, target, maxReplicates, force, resume, c, commandLine, progress);
        }

        public Options withCommandLine(List<String> c) {
            return new Options(replicates, threads, days, target, maxReplicates, force, resume, charts, c, progress);
        }
    }

    /** How a target was met: the half-width reached, with how many replicates. */
    public record TargetResult(Target target, double halfWidth, int replicates, boolean reached) {
    }

    /**
     * What an experiment produced.
     *
     * @param outcomes per outcome name ({@code METRIC.end}, {@code METRIC.avg}) its summary across replicates
     * @param ran      replicates run by this invocation (including any run ahead and not needed)
     * @param reused   replicates found finished from an interrupted invocation
     */
    public record Result(Path directory, long days, int replicates, List<String> metrics, Map<String, Stats.Sample> outcomes,
                         TargetResult target, int ran, int reused, boolean resumed, double wallSeconds) {
    }

    /** The settings that identify an experiment (an interrupted one is resumed only with the same). */
    static ObjectNode settings(Scenario s, long days, Options o) {
        ObjectNode n = ExperimentDir.json().createObjectNode();
        n.put("kind", "replicates");
        n.put("days", days);
        n.put("seed", s.seed());
        if (o.target() == null) {
            n.put("replicates", o.replicates());
        } else {
            ObjectNode t = n.putObject("until_ci");
            t.put("outcome", o.target().outcome().name());
            t.put("half_width", o.target().halfWidth());
            t.put("min_replicates", o.replicates());
            t.put("max_replicates", o.maxReplicates());
        }
        n.put("charts", o.charts());
        n.set("scenario", s.resolved());
        return n;
    }

    /** Runs the replicates of {@code s} (whose seed is the base seed) into {@code out}, on {@link Options#threads()} threads. */
    /**
     * Changes each replicate's scenario, e.g. to parameter values drawn from a calibration's posterior
     * ({@link Posterior}); what it returns must keep the base scenario's seed.
     */
    public interface Variation {
        Scenario apply(Scenario base, int replicate) throws Exception;

        /** What identifies the variation, for resuming only the same experiment. */
        JsonNode settings();
    }

    /** Runs the replicates on this JVM's threads, replicate u's scenario given by {@code v} (null: the scenario itself). */
    public static Result run(Scenario s, Path out, Options o, Variation v) throws IOException, RunDirectory.ExistsException, BadInputException {
        return run(s, null, out, o, null, v);
    }

    public static Result run(Scenario s, Path out, Options o) throws IOException, RunDirectory.ExistsException, BadInputException {
        return run(s, null, out, o, null, null);
    }

    /**
     * Runs the replicates of a captured scenario with their runs computed by {@code engine} (which receives the
     * scenario's files, not their paths). Every file is the same as with threads; the engine also writes
     * {@code replicates.csv} as Parquet.
     */
    public static Result run(ScenarioBundle.Captured c, Path out, Options o, DistributedEngine engine)
            throws IOException, RunDirectory.ExistsException, BadInputException {
        return run(c.scenario(), c.bundle(), out, o, engine, null);
    }

    private static Result run(Scenario s, ScenarioBundle bundle, Path out, Options o, DistributedEngine engine, Variation variation)
            throws IOException, RunDirectory.ExistsException, BadInputException {
        long days = Math.min(o.days(), s.days());
        if (days < 1) {
            throw new IllegalArgumentException("days " + days);
        }
        if (o.replicates() < 1 || o.threads() < 1) {
            throw new IllegalArgumentException("replicates " + o.replicates() + ", threads " + o.threads());
        }
        if (o.target() != null) {
            List<String> metrics = MetricProbe.names(s);
            String problem = Outcomes.unknown(o.target().outcome(), metrics);
            if (problem != null) {
                throw new BadInputException(new Problem(new Location("--until-ci", 1, 1), "until-ci", problem));
            }
        }
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        ObjectNode settings = settings(s, days, o);
        if (variation != null) {
            settings.set("variation", variation.settings());
        }
        try (ExperimentDir dir = ExperimentDir.open(out, o.force(), o.resume(), settings, o.progress()::note)) {
            Run run = new Run(s, days, o, dir, bundle, engine);
            run.variation = variation;
            try {
                run.execute();
                double wall = (System.nanoTime() - t0) / 1e9;
                Result r = run.finish(started, wall);
                dir.commit();
                return new Result(dir.target(), r.days(), r.replicates(), r.metrics(), r.outcomes(), r.target(), r.ran(), r.reused(),
                        r.resumed(), wall);
            } catch (IOException | RuntimeException | Error e) {
                dir.fail(e.toString());
                throw e;
            } catch (Exception e) {
                dir.fail(e.toString());
                throw new IOException(e);
            } finally {
                run.close();
                o.progress().finish();
            }
        }
    }

    static String partName(int unit) {
        return String.format(Locale.ROOT, "r%07d", unit);
    }

    /** Runs replicate {@code u} of {@code scenario} (its seed is the base seed) and writes its four files into {@code dir}. */
    static void writeReplicate(Scenario scenario, long days, int u, Path dir) throws IOException {
        JuriSimModel m = new JuriSimModel(scenario.withSeed(Seeds.replicate(scenario.seed(), u)));
        try (TimeseriesCsv csv = new TimeseriesCsv(dir.resolve(TIMESERIES))) {
            m.addSink(csv);
            m.runDays(days, null);
        }
        JurisdictionsCsv.write(m, dir.resolve(JURISDICTIONS));
        CasesCsv.write(m, dir.resolve(CASES));
        EventsCsv.write(m, dir.resolve(EVENTS));
    }

    /** The four files of one replicate, as text (what a distributed engine sends back). */
    record Files4(String timeseries, String jurisdictions, String cases, String events) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Replicates as a distributed engine runs them: the scenario's files travel with the task; each JVM loads them once. */
    static final class Task implements DistributedEngine.UnitTask<Files4> {
        private static final long serialVersionUID = 1L;
        private final OncePerJvm<Scenario> scenario;
        private final long days;
        private final long seed;

        /** @param seed the experiment's base seed (the driver's scenario's, which may differ from the files') */
        Task(ScenarioBundle bundle, long days, long seed) {
            java.util.Objects.requireNonNull(bundle, "bundle");
            this.scenario = new OncePerJvm<>(bundle::load);
            this.days = days;
            this.seed = seed;
        }

        @Override
        public Files4 compute(int u) throws Exception {
            Path dir = Files.createTempDirectory("jurisim-replicate-");
            try {
                writeReplicate(scenario.get().withSeed(seed), days, u, dir);
                return new Files4(Files.readString(dir.resolve(TIMESERIES), StandardCharsets.UTF_8),
                        Files.readString(dir.resolve(JURISDICTIONS), StandardCharsets.UTF_8),
                        Files.readString(dir.resolve(CASES), StandardCharsets.UTF_8),
                        Files.readString(dir.resolve(EVENTS), StandardCharsets.UTF_8));
            } finally {
                ExperimentDir.deleteTree(dir);
            }
        }
    }

    /** One experiment in progress. */
    private static final class Run {
        private final Scenario scenario;
        private Variation variation;
        private final ScenarioBundle bundle;
        private final DistributedEngine engine;
        private String parquet;
        private final long days;
        private final Options o;
        private final ExperimentDir dir;
        private final Path parts;
        private final Journal journal;
        private SeriesAccumulator acc;
        private List<String> fileMetrics;
        private final List<Double> targetValues = new ArrayList<>();
        private double lastHalfWidth = Double.NaN;
        private boolean reached;
        private OrderedExecutor.Outcome outcome;
        private final int limit;

        Run(Scenario s, long days, Options o, ExperimentDir dir, ScenarioBundle bundle, DistributedEngine engine) throws IOException {
            this.scenario = s;
            this.bundle = bundle;
            this.engine = engine;
            this.days = days;
            this.o = o;
            this.dir = dir;
            this.parts = dir.parts();
            this.journal = Journal.open(dir.work(), STREAMS);
            this.limit = o.target() == null ? o.replicates() : Math.max(o.replicates(), o.maxReplicates());
        }

        void execute() throws Exception {
            int committed = journal.committed();
            cleanParts(committed);
            if (committed > 0) {
                rebuild();
                o.progress().note("resuming the interrupted experiment in " + dir.work() + ": " + committed + " replicate"
                        + (committed == 1 ? "" : "s") + " already done");
            }
            if (committed >= limit || (o.target() != null && targetMet(committed))) {
                outcome = new OrderedExecutor.Outcome(0, 0, 0, true);
                return;
            }
            o.progress().start("Replicates", o.target() == null ? limit : -1, committed);
            if (engine == null) {
                outcome = OrderedExecutor.run(committed, limit, o.threads(), u -> Files.isDirectory(parts.resolve(partName(u))),
                        this::runReplicate, this::commit);
            } else {
                // stopping on a target wastes at most a wave: keep waves short then
                int wave = o.target() == null ? Math.max(16, 8 * engine.parallelism()) : Math.max(2, 2 * engine.parallelism());
                outcome = OrderedExecutor.runOn(engine, wave, committed, limit, u -> Files.isDirectory(parts.resolve(partName(u))),
                        new Task(bundle, days, scenario.seed()), this::store, this::commit);
            }
        }

        /** Leaves a replicate computed elsewhere in its part directory, as {@link #runReplicate} would have. */
        private void store(int u, Files4 f) throws IOException {
            Path tmp = parts.resolve(partName(u) + ".tmp");
            ExperimentDir.deleteTree(tmp);
            Files.createDirectories(tmp);
            Files.writeString(tmp.resolve(TIMESERIES), f.timeseries(), StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve(JURISDICTIONS), f.jurisdictions(), StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve(CASES), f.cases(), StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve(EVENTS), f.events(), StandardCharsets.UTF_8);
            Files.move(tmp, parts.resolve(partName(u)), StandardCopyOption.ATOMIC_MOVE);
        }

        private void cleanParts(int committed) throws IOException {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(parts)) {
                for (Path p : ds) {
                    String n = p.getFileName().toString();
                    boolean stale = n.endsWith(".tmp");
                    if (!stale && n.matches("r[0-9]+")) {
                        stale = Integer.parseInt(n.substring(1)) < committed;
                    }
                    if (stale) {
                        ExperimentDir.deleteTree(p);
                    }
                }
            }
        }

        /** Runs replicate {@code u} into its part directory (worker thread). */
        void runReplicate(int u) throws IOException {
            Path tmp = parts.resolve(partName(u) + ".tmp");
            ExperimentDir.deleteTree(tmp);
            Files.createDirectories(tmp);
            Scenario sc = scenario;
            if (variation != null) {
                try {
                    sc = variation.apply(scenario, u);
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
            writeReplicate(sc, days, u, tmp);
            Files.move(tmp, parts.resolve(partName(u)), StandardCopyOption.ATOMIC_MOVE);
        }

        /** Appends replicate {@code u} to the files, in order (calling thread). */
        boolean commit(int u) throws IOException {
            Path p = parts.resolve(partName(u));
            String prefix = u + ",";
            double[] outcomes;
            try (BufferedReader r = Files.newBufferedReader(p.resolve(TIMESERIES), StandardCharsets.UTF_8)) {
                String header = r.readLine();
                header(TIMESERIES, "replicate," + header);
                if (acc == null) {
                    init(header);
                }
                acc.beginReplicate();
                StringBuilder sb = new StringBuilder(1 << 16);
                String line;
                while ((line = r.readLine()) != null) {
                    sb.append(prefix).append(line).append('\n');
                    acc.row(line.split(",", -1), 0);
                    if (sb.length() > (1 << 16) - 1024) {
                        journal.append(TIMESERIES, sb);
                        sb.setLength(0);
                    }
                }
                journal.append(TIMESERIES, sb);
                outcomes = acc.endReplicate();
            }
            copy(p.resolve(JURISDICTIONS), JURISDICTIONS, prefix);
            copy(p.resolve(CASES), CASES, prefix);
            copy(p.resolve(EVENTS), EVENTS, prefix);
            StringBuilder row = new StringBuilder();
            if (journal.size(REPLICATES) == 0) {
                row.append("replicate,seed");
                for (String n : acc.outcomeNames()) {
                    row.append(',').append(n);
                }
                row.append('\n');
            }
            row.append(u).append(',').append(Seeds.replicate(scenario.seed(), u));
            for (double v : outcomes) {
                row.append(',').append(Numbers.format(v));
            }
            journal.append(REPLICATES, row.append('\n'));
            journal.unitDone(u);
            ExperimentDir.deleteTree(p);
            int n = u + 1;
            boolean more = true;
            if (o.target() != null) {
                targetValues.add(parse(Numbers.format(outcomes[o.target().outcome().index(acc.metrics())])));
                more = !targetMet(n);
            }
            String status = o.target() == null ? "" : String.format(Locale.US, "half-width %s, target %s",
                    Report.sig(lastHalfWidth, 3, false), Report.sig(o.target().halfWidth(), 3, false));
            o.progress().update(n, status);
            return more;
        }

        private static double parse(String s) {
            return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
        }

        private boolean targetMet(int n) {
            double[] v = targetValues.stream().mapToDouble(Double::doubleValue).toArray();
            lastHalfWidth = Stats.describe(v).halfWidth();
            reached = n >= o.replicates() && lastHalfWidth <= o.target().halfWidth();
            return reached;
        }

        private void init(String header) {
            String[] h = header.split(",", -1);
            fileMetrics = List.of(h).subList(2, h.length);
            acc = new SeriesAccumulator(fileMetrics, fileMetrics, 0, (int) days);
        }

        private void header(String stream, String header) throws IOException {
            String existing = journal.header(stream);
            if (existing == null) {
                journal.append(stream, header + "\n");
            } else if (!existing.equals(header)) {
                throw new IOException(stream + ": a replicate has other columns than the first (" + header + ")");
            }
        }

        private void copy(Path part, String stream, String prefix) throws IOException {
            try (BufferedReader r = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
                String header = r.readLine();
                header(stream, "replicate," + header);
                StringBuilder sb = new StringBuilder();
                String line;
                boolean inQuotes = false;
                while ((line = r.readLine()) != null) {
                    // a quoted cell may hold a line break (RFC 4180): only a record's first line gets the prefix
                    if (!inQuotes) {
                        sb.append(prefix);
                    }
                    sb.append(line).append('\n');
                    for (int i = 0; i < line.length(); i++) {
                        if (line.charAt(i) == '"') {
                            inQuotes = !inQuotes;
                        }
                    }
                }
                journal.append(stream, sb);
            }
        }

        /** Re-reads the replicates already in timeseries.csv (resume), exactly as if they had just been committed. */
        private void rebuild() throws IOException {
            try (BufferedReader r = Files.newBufferedReader(journal.file(TIMESERIES), StandardCharsets.UTF_8)) {
                String header = r.readLine();
                init(header.substring(header.indexOf(',') + 1));
                String line;
                String current = null;
                int oi = o.target() == null ? -1 : o.target().outcome().index(acc.metrics());
                while ((line = r.readLine()) != null) {
                    int c = line.indexOf(',');
                    String rep = line.substring(0, c);
                    if (!rep.equals(current)) {
                        if (current != null) {
                            endRebuilt(oi);
                        }
                        current = rep;
                        acc.beginReplicate();
                    }
                    acc.row(line.substring(c + 1).split(",", -1), 0);
                }
                if (current != null) {
                    endRebuilt(oi);
                }
            }
        }

        private void endRebuilt(int oi) {
            double[] out = acc.endReplicate();
            if (oi >= 0) {
                targetValues.add(parse(Numbers.format(out[oi])));
            }
        }

        Result finish(Instant started, double wall) throws IOException {
            journal.close();
            Path work = dir.work();
            int n = acc.replicates();
            writeSummary(work.resolve(SUMMARY));
            SingleRun.writeResolved(scenario, work.resolve("scenario.resolved.yaml"));
            Map<String, Stats.Sample> outcomes = outcomeSummaries(work.resolve(REPLICATES));
            List<String> charts = new ArrayList<>();
            if (o.charts() && scenario.charts().contains("compliance") && fileMetrics.contains("compliance_rate")
                    && fileMetrics.contains("compliance_rate_rolling")) {
                List<ExperimentCharts.Band> bands = List.of(
                        ExperimentCharts.band("Daily (honored / issued), mean of " + n, acc, fileMetrics.indexOf("compliance_rate")),
                        ExperimentCharts.band(scenario.metrics().rollingWindowDays() + "-day rolling, mean of " + n, acc,
                                fileMetrics.indexOf("compliance_rate_rolling")));
                String subtitle = scenario.start() + " to " + scenario.dateOf(days - 1) + "  \u00b7  " + scenario.jurisdictions().size()
                        + " jurisdictions  \u00b7  " + n + " replicates from seed " + scenario.seed() + "  \u00b7  shaded: 95% confidence interval of the mean";
                org.jfree.chart.JFreeChart chart = ExperimentCharts.bands("Detainer compliance \u2014 " + scenario.name(), subtitle,
                        "Detainers honored / issued (%)", bands, true,
                        new java.awt.Color[] {new java.awt.Color(150, 170, 210), new java.awt.Color(20, 60, 140)}, new float[] {1.0f, 2.6f});
                ((org.jfree.chart.axis.NumberAxis) chart.getXYPlot().getRangeAxis()).setRange(0.0, 1.0);
                ExperimentCharts.write(chart, work.resolve("charts").resolve("compliance"));
                charts.add("charts/compliance.png");
                charts.add("charts/compliance.svg");
            }
            if (o.charts() && (scenario.charts().contains("litigation") || scenario.charts().contains("policies"))) {
                // the single-run charts, drawn from the replicates' daily means
                SeriesTable means = meanTable();
                String subtitle = scenario.start() + " to " + scenario.dateOf(days - 1) + "  \u00b7  " + scenario.jurisdictions().size()
                        + " jurisdictions  \u00b7  mean of " + n + " replicates from seed " + scenario.seed();
                if (scenario.charts().contains("litigation")) {
                    ExperimentCharts.write(Charts.litigation(means, scenario.name(), subtitle), work.resolve("charts").resolve("litigation"));
                    charts.add("charts/litigation.png");
                    charts.add("charts/litigation.svg");
                }
                if (scenario.charts().contains("policies")) {
                    ExperimentCharts.write(Charts.policies(means, List.copyOf(scenario.policies().keySet()), scenario.name(), subtitle),
                            work.resolve("charts").resolve("policies"));
                    charts.add("charts/policies.png");
                    charts.add("charts/policies.svg");
                }
            }
            if (engine != null) {
                parquet = engine.writeParquet(work.resolve(REPLICATES), work.resolve(PARQUET));
            }
            TargetResult tr = o.target() == null ? null : new TargetResult(o.target(), lastHalfWidth, n, reached);
            writeManifest(work.resolve("manifest.json"), started, wall, n, charts, tr);
            return new Result(dir.target(), days, n, fileMetrics, outcomes, tr, outcome.ran(), outcome.reused() + 0,
                    dir.resumed(), wall);
        }

        /** The replicates' daily means as a table (for the single-run charts). */
        private SeriesTable meanTable() {
            SeriesTable t = new SeriesTable();
            t.begin(fileMetrics.stream().map(m -> new org.jurisim.metrics.MetricDef(m, "", "")).toList());
            double[] row = new double[fileMetrics.size()];
            for (int d = 0; d < acc.days(); d++) {
                for (int m = 0; m < row.length; m++) {
                    row[m] = acc.cells().sample(d, m).mean();
                }
                t.record(d, java.time.LocalDate.parse(acc.date(d)), row);
            }
            return t;
        }

        private void writeSummary(Path file) throws IOException {
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.append("day,date,metric,mean,sd,ci95_low,ci95_high,n\n");
                StringBuilder sb = new StringBuilder();
                for (int d = 0; d < acc.days(); d++) {
                    for (int m = 0; m < fileMetrics.size(); m++) {
                        Stats.Sample s = acc.cells().sample(d, m);
                        sb.setLength(0);
                        sb.append(d).append(',').append(acc.date(d)).append(',').append(fileMetrics.get(m)).append(',')
                                .append(Numbers.format(s.mean())).append(',').append(Numbers.format(s.sd())).append(',')
                                .append(Numbers.format(s.ciLow())).append(',').append(Numbers.format(s.ciHigh())).append(',')
                                .append(s.n()).append('\n');
                        w.append(sb);
                    }
                }
            }
        }

        /** Summaries of the outcomes, from replicates.csv (the values as written). */
        private Map<String, Stats.Sample> outcomeSummaries(Path file) throws IOException {
            List<String> names = acc.outcomeNames();
            int n = acc.replicates();
            double[][] v = new double[names.size()][n];
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                r.readLine();
                String line;
                int i = 0;
                while ((line = r.readLine()) != null && i < n) {
                    String[] f = line.split(",", -1);
                    for (int k = 0; k < names.size(); k++) {
                        v[k][i] = parse(f[2 + k]);
                    }
                    i++;
                }
            }
            Map<String, Stats.Sample> out = new LinkedHashMap<>();
            for (int k = 0; k < names.size(); k++) {
                out.put(names.get(k), Stats.describe(v[k]));
            }
            return out;
        }

        private void writeManifest(Path file, Instant started, double wall, int n, List<String> charts, TargetResult tr)
                throws IOException {
            ObjectNode m = ExperimentDir.json().createObjectNode();
            m.put("jurisim_version", SingleRun.version());
            m.put("java_version", System.getProperty("java.version"));
            m.put("java_vendor", System.getProperty("java.vendor"));
            m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
            ArrayNode c = m.putArray("command_line");
            o.commandLine().forEach(c::add);
            ObjectNode sc = m.putObject("scenario");
            sc.put("name", scenario.name());
            sc.put("path", scenario.file());
            sc.put("absolute_path", Path.of(scenario.file()).toAbsolutePath().normalize().toString());
            sc.put("sha256", scenario.sha256());
            m.put("seed", scenario.seed());
            m.put("start_date", scenario.start().toString());
            m.put("end_date", scenario.dateOf(days - 1).toString());
            m.put("days_simulated", days);
            m.put("jurisdictions", scenario.jurisdictions().size());
            ObjectNode e = m.putObject("experiment");
            e.put("kind", "replicates");
            e.put("replicates", n);
            e.put("seed_derivation", "replicate i runs with seed Seeds.replicate(seed, i): SplitMix64 of the seed mixed with i");
            if (engine == null) {
                e.put("engine", "threads");
                e.put("threads", o.threads());
            } else {
                e.put("engine", engine.describe());
            }
            e.put("resumed", dir.resumed());
            if (tr != null) {
                ObjectNode t = e.putObject("until_ci");
                t.put("outcome", tr.target().outcome().name());
                t.put("target_half_width", tr.target().halfWidth());
                t.put("half_width", tr.halfWidth());
                t.put("min_replicates", o.replicates());
                t.put("max_replicates", o.maxReplicates());
                t.put("reached", tr.reached());
            }
            m.put("started_at", started.toString());
            m.put("finished_at", Instant.now().toString());
            m.put("wall_seconds", Math.round(wall * 1000) / 1000.0);
            ArrayNode files = m.putArray("outputs");
            for (String f : List.of(TIMESERIES, SUMMARY, REPLICATES, JURISDICTIONS, CASES, EVENTS, "scenario.resolved.yaml")) {
                files.add(f);
            }
            charts.forEach(files::add);
            if (parquet != null) {
                files.add(parquet);
            }
            m.set("parameters", scenario.resolved());
            ExperimentDir.writeJson(file, m);
        }

        void close() {
            try {
                journal.close();
            } catch (IOException ignored) {
                // closing twice (after finish) or after a failure: nothing more to save
            }
        }
    }
}
