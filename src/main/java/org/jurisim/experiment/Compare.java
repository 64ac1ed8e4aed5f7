package org.jurisim.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Location;
import org.jurisim.common.Problem;
import org.jurisim.common.Suggest;
import org.jurisim.output.Charts;
import org.jurisim.output.Csv;
import org.jurisim.output.Numbers;
import org.jurisim.output.RunDirectory;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.Limits;
import org.jurisim.scenario.ScenarioBundle;
import org.jurisim.scenario.ScenarioLoader;

/**
 * Compares runs: run directories, or scenario files that are run first as replicates with common random numbers
 * (every scenario gets the same replicate seeds). Writes {@code comparison.csv}, overlay charts of every metric
 * (mean and 95% band per run, by calendar date) and a self-contained {@code report.html}.
 *
 * <p>Runs must cover the same calendar dates and have the same metrics; otherwise the comparison stops with a
 * clear error, unless an alignment is asked for: {@link Align#DATES} compares only the dates all runs share
 * (end values are then those of the last shared date), {@link Align#METRICS} only the metrics all runs have.
 */
public final class Compare {

    /** Documented ways to compare runs that do not match. */
    public enum Align {
        /** Compare only the calendar dates all runs cover. */
        DATES,
        /** Compare only the metrics all runs have. */
        METRICS
    }

    /** Default replicates per scenario file. */
    public static final int DEFAULT_REPLICATES = 10;

    /**
     * @param overrides  {@code --set} overrides applied to every scenario file
     * @param seed       base seed of the scenario files' replicates (null: the first scenario file's seed)
     * @param days       simulate at most this many days (null: each scenario's duration)
     * @param labels     names of the runs in charts and tables (null: file or directory names)
     * @param metrics    metric names or glob patterns to compare (empty: all)
     * @param alpha      significance level for the "significant" column and the report's highlighting
     */
    public record Options(List<String> overrides, Long seed, int replicates, int threads, Long days, List<String> labels,
                          Set<Align> align, List<String> metrics, double alpha, boolean force, boolean resume,
                          List<String> commandLine, Progress progress) {
        public Options {
            overrides = List.copyOf(overrides);
            labels = labels == null ? null : List.copyOf(labels);
            align = align.isEmpty() ? EnumSet.noneOf(Align.class) : EnumSet.copyOf(align);
            metrics = List.copyOf(metrics);
            commandLine = List.copyOf(commandLine);
            progress = progress == null ? Progress.NONE : progress;
        }

        public static Options defaults() {
            return new Options(List.of(), null, DEFAULT_REPLICATES, Runtime.getRuntime().availableProcessors(), null, null,
                    Set.of(), List.of(), 0.05, false, true, List.of(), Progress.NONE);
        }
    }

    /** One comparison: an outcome of run {@code run} against the baseline (the first run). */
    public record Row(String metric, boolean end, String baseline, String run, Stats.Sample a, Stats.Sample b,
                      Stats.Difference diff, boolean significant) {
        public String statistic() {
            return end ? "end" : "avg";
        }
    }

    /** What a comparison produced. */
    public record Result(Path directory, List<String> labels, List<Row> rows, List<String> charted, List<String> constant,
                         LocalDate from, LocalDate to, double wallSeconds) {
        public long significant() {
            return rows.stream().filter(Row::significant).count();
        }
    }

    private Compare() {
    }

    /** An input as given: a run directory or a scenario file. */
    private static final class Input {
        final Path path;
        final boolean scenarioFile;
        String label;
        Scenario scenario;
        ScenarioBundle bundle;
        long days;
        RunReader.Meta meta;
        List<String> metrics;
        LocalDate start;
        int length;

        Input(Path path, boolean scenarioFile) {
            this.path = path;
            this.scenarioFile = scenarioFile;
        }

        LocalDate end() {
            return start.plusDays(length - 1L);
        }

        String display() {
            return path.toString();
        }
    }

    public static Result run(List<Path> paths, Path out, Options o) throws IOException, RunDirectory.ExistsException, BadInputException {
        return run(paths, out, o, null);
    }

    /**
     * Compares, with the replicates of scenario files computed by {@code engine} (null: {@link Options#threads()}
     * threads of this JVM); the results are the same either way.
     */
    public static Result run(List<Path> paths, Path out, Options o, DistributedEngine engine)
            throws IOException, RunDirectory.ExistsException, BadInputException {
        long t0 = System.nanoTime();
        Instant started = Instant.now();
        List<Input> inputs = classify(paths);
        loadScenarios(inputs, o, engine != null);
        assignLabels(inputs, o.labels());
        for (Input in : inputs) {
            if (in.scenarioFile) {
                in.metrics = MetricProbe.names(in.scenario);
                in.start = in.scenario.start();
                in.length = (int) in.days;
            } else {
                in.meta = RunReader.meta(in.path);
                in.metrics = in.meta.metrics();
                in.start = in.meta.start();
                in.length = in.meta.days();
            }
        }
        LocalDate[] window = alignDates(inputs, o.align().contains(Align.DATES));
        List<String> metrics = select(alignMetrics(inputs, o.align().contains(Align.METRICS)), o.metrics());
        int days = (int) ChronoUnit.DAYS.between(window[0], window[1]) + 1;

        try (ExperimentDir dir = ExperimentDir.open(out, o.force(), o.resume(), settings(inputs, o, metrics), o.progress()::note)) {
            try {
                Path work = dir.work();
                for (Input in : inputs) {
                    if (!in.scenarioFile) {
                        continue;
                    }
                    Path rd = work.resolve("runs").resolve(in.label);
                    if (!RunReader.isRunDirectory(rd) || Files.exists(rd.resolve(ExperimentDir.MARKER))) {
                        Files.createDirectories(rd.getParent());
                        o.progress().note("running " + in.display() + " as \"" + in.label + "\": " + o.replicates() + " replicates from seed "
                                + in.scenario.seed());
                        Replicates.Options ro = Replicates.Options.of(o.replicates(), o.threads(), in.days).withResume(true)
                                .withForce(true).withCommandLine(o.commandLine()).withProgress(o.progress());
                        if (engine == null) {
                            Replicates.run(in.scenario, rd, ro);
                        } else {
                            Replicates.run(new ScenarioBundle.Captured(in.scenario, in.bundle), rd, ro, engine);
                        }
                    }
                    in.meta = RunReader.meta(rd);
                }
                List<RunReader.Data> runs = new ArrayList<>();
                for (Input in : inputs) {
                    runs.add(RunReader.read(in.label, in.meta, metrics, window[0], days));
                }
                List<Row> rows = compare(runs, o.alpha());
                writeCsv(work.resolve("comparison.csv"), rows);
                List<String> constant = new ArrayList<>();
                List<String> charted = new ArrayList<>();
                List<String> svgs = new ArrayList<>();
                String subtitle = window[0] + " to " + window[1] + "  \u00b7  mean per run, shaded: 95% confidence interval of the mean";
                for (int m = 0; m < metrics.size(); m++) {
                    String metric = metrics.get(m);
                    if (isConstant(runs, m)) {
                        constant.add(metric);
                        continue;
                    }
                    List<ExperimentCharts.Band> bands = new ArrayList<>();
                    for (RunReader.Data r : runs) {
                        bands.add(ExperimentCharts.band(r.label() + " (n=" + r.replicates() + ")", r.acc(), m));
                    }
                    JFreeChart chart = ExperimentCharts.bands(metric, subtitle, MetricInfo.axisLabel(metric), bands, MetricInfo.isShare(metric));
                    ExperimentCharts.write(chart, work.resolve("charts").resolve(metric));
                    svgs.add(ExperimentCharts.svg(chart, "chart-" + metric, Charts.WIDTH, Charts.HEIGHT));
                    charted.add(metric);
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                CompareReport.write(work.resolve("report.html"), new CompareReport.Input(runs, inputs.stream().map(Input::display).toList(),
                        inputs.stream().map(i -> i.scenarioFile).toList(), rows, charted, svgs, constant, window[0], window[1],
                        o.alpha(), o.align(), excludedMetrics(inputs, metrics)));
                writeManifest(work.resolve("manifest.json"), inputs, runs, o, window, metrics, started, wall);
                dir.commit();
                return new Result(dir.target(), runs.stream().map(RunReader.Data::label).toList(), rows, charted, constant,
                        window[0], window[1], wall);
            } catch (IOException | RuntimeException | Error e) {
                dir.fail(e.toString());
                throw e;
            } catch (BadInputException e) {
                dir.fail(e.getMessage());
                throw e;
            } finally {
                o.progress().finish();
            }
        }
    }

    private static List<Input> classify(List<Path> paths) throws BadInputException {
        List<Input> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path p : paths) {
            if (RunReader.isRunDirectory(p)) {
                out.add(new Input(p, false));
            } else if (Files.isRegularFile(p)) {
                out.add(new Input(p, true));
            } else {
                Path unfinished = ExperimentDir.workOf(p);
                String what = Files.exists(p.resolve(RunDirectory.MARKER)) ? "an unfinished run (run its command again to finish it)"
                        : Files.isDirectory(p) ? "a directory without timeseries.csv"
                        : Files.isDirectory(unfinished) ? "no such directory, but an unfinished run in " + unfinished
                        + " (run its command again to finish it)"
                        : "no such file or directory";
                problems.add(new Problem(new Location(p.toString(), 1, 1), "input",
                        "expected a run directory (with timeseries.csv) or a scenario file, found " + what));
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return out;
    }

    /** Loads the scenario files; {@code travel}: also captures their files, for a distributed engine. */
    private static void loadScenarios(List<Input> inputs, Options o, boolean travel) throws BadInputException {
        List<Problem> problems = new ArrayList<>();
        Long base = o.seed();
        for (Input in : inputs) {
            if (!in.scenarioFile) {
                continue;
            }
            try {
                Scenario s;
                if (travel) {
                    ScenarioBundle.Captured c = ScenarioBundle.capture(in.path, o.overrides(), Limits.DEFAULT);
                    s = c.scenario();
                    in.bundle = c.bundle();
                } else {
                    s = ScenarioLoader.load(in.path, o.overrides());
                }
                if (base == null) {
                    base = s.seed();
                }
                in.scenario = s.withSeed(base);
                org.jurisim.common.Problem past = o.days() == null ? null : s.pastEnd("--days", String.valueOf(o.days()), o.days());
                if (past != null) {
                    problems.add(new org.jurisim.common.Problem(past.location(), past.path(), past.message().replaceFirst("the scenario.s", in.path + "'s")));
                    continue;
                }
                in.days = o.days() == null ? s.days() : o.days();
            } catch (BadInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
    }

    private static void assignLabels(List<Input> inputs, List<String> labels) {
        Set<String> used = new LinkedHashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            String base;
            if (labels != null) {
                base = labels.get(i);
            } else {
                String name = in.path.toAbsolutePath().normalize().getFileName().toString();
                base = in.scenarioFile ? name.replaceFirst("\\.ya?ml$", "") : name;
            }
            base = base.replaceAll("[^A-Za-z0-9._-]+", "-");
            if (base.isEmpty()) {
                base = "run";
            }
            String l = base;
            for (int k = 2; used.contains(l); k++) {
                l = base + "-" + k;
            }
            used.add(l);
            in.label = l;
        }
    }

    /** The shared dates [from, to], or a clear error when calendars differ and no alignment was asked for. */
    private static LocalDate[] alignDates(List<Input> inputs, boolean align) throws BadInputException {
        Input first = inputs.get(0);
        LocalDate from = first.start;
        LocalDate to = first.end();
        boolean same = true;
        for (Input in : inputs) {
            same &= in.start.equals(first.start) && in.length == first.length;
            from = in.start.isAfter(from) ? in.start : from;
            to = in.end().isBefore(to) ? in.end() : to;
        }
        if (same) {
            return new LocalDate[] {first.start, first.end()};
        }
        List<Problem> problems = new ArrayList<>();
        if (!align) {
            for (Input in : inputs.subList(1, inputs.size())) {
                if (!in.start.equals(first.start) || in.length != first.length) {
                    problems.add(new Problem(new Location(in.display(), 1, 1), "calendar", "expected the calendar of "
                            + first.display() + " (" + first.start + " to " + first.end() + ", " + first.length + " days), found "
                            + in.start + " to " + in.end() + " (" + in.length + " days); "
                            + (from.isAfter(to) ? "the runs share no dates, so they cannot be compared"
                            : "add --align dates to compare only the " + (ChronoUnit.DAYS.between(from, to) + 1)
                            + " dates all runs share (" + from + " to " + to + ")")));
                }
            }
            throw new BadInputException(problems);
        }
        if (from.isAfter(to)) {
            throw new BadInputException(new Problem(new Location(inputs.get(1).display(), 1, 1), "calendar",
                    "expected runs that share at least one date, found none shared by all (latest start " + from
                            + ", earliest end " + to + ")"));
        }
        return new LocalDate[] {from, to};
    }

    /** The metrics all runs have (in the first run's order), or a clear error when they differ. */
    private static List<String> alignMetrics(List<Input> inputs, boolean align) throws BadInputException {
        List<String> common = new ArrayList<>(inputs.get(0).metrics);
        boolean same = true;
        for (Input in : inputs) {
            same &= new LinkedHashSet<>(in.metrics).equals(new LinkedHashSet<>(inputs.get(0).metrics));
            common.retainAll(in.metrics);
        }
        if (same) {
            return common;
        }
        if (!align) {
            List<Problem> problems = new ArrayList<>();
            Input first = inputs.get(0);
            for (Input in : inputs.subList(1, inputs.size())) {
                List<String> missing = new ArrayList<>(first.metrics);
                missing.removeAll(in.metrics);
                List<String> extra = new ArrayList<>(in.metrics);
                extra.removeAll(first.metrics);
                if (missing.isEmpty() && extra.isEmpty()) {
                    continue;
                }
                StringBuilder sb = new StringBuilder("expected the metrics of " + first.display() + ", found ");
                if (!missing.isEmpty()) {
                    sb.append(missing.size()).append(" missing (").append(list(missing)).append(')');
                }
                if (!extra.isEmpty()) {
                    sb.append(missing.isEmpty() ? "" : " and ").append(extra.size()).append(" more (").append(list(extra)).append(')');
                }
                sb.append("; add --align metrics to compare only the ").append(common.size()).append(" metrics all runs have");
                problems.add(new Problem(new Location(in.display(), 1, 1), "metrics", sb.toString()));
            }
            throw new BadInputException(problems);
        }
        if (common.isEmpty()) {
            throw new BadInputException(new Problem(new Location(inputs.get(1).display(), 1, 1), "metrics",
                    "expected runs with at least one metric in common, found none"));
        }
        return common;
    }

    private static String list(List<String> names) {
        return names.size() <= 6 ? String.join(", ", names) : String.join(", ", names.subList(0, 6)) + ", ...";
    }

    /** Metrics some run has but not all (left out by --align metrics). */
    private static List<String> excludedMetrics(List<Input> inputs, List<String> kept) {
        Set<String> all = new LinkedHashSet<>();
        for (Input in : inputs) {
            all.addAll(in.metrics);
        }
        List<String> out = new ArrayList<>();
        for (String m : all) {
            boolean everywhere = inputs.stream().allMatch(i -> i.metrics.contains(m));
            if (!everywhere) {
                out.add(m);
            }
        }
        out.removeAll(kept);
        return out;
    }

    /** Keeps the metrics matching the patterns (names, or globs with *), in the runs' order. */
    static List<String> select(List<String> metrics, List<String> patterns) throws BadInputException {
        if (patterns.isEmpty()) {
            return metrics;
        }
        List<Problem> problems = new ArrayList<>();
        Set<String> keep = new LinkedHashSet<>();
        for (String p : patterns) {
            Pattern re = Pattern.compile(Arrays.stream(p.split("\\*", -1)).map(Pattern::quote).reduce((a, b) -> a + ".*" + b).orElse(""));
            List<String> hit = metrics.stream().filter(m -> re.matcher(m).matches()).toList();
            if (hit.isEmpty()) {
                problems.add(new Problem(new Location("--metrics", 1, 1), "metrics",
                        "expected a metric of the runs (or a pattern with *), found \"" + p + "\"" + Suggest.hint(p, metrics)));
            }
            keep.addAll(hit);
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return metrics.stream().filter(keep::contains).toList();
    }

    /** The statistics of every outcome of every run against the first run. */
    static List<Row> compare(List<RunReader.Data> runs, double alpha) {
        List<Row> rows = new ArrayList<>();
        RunReader.Data base = runs.get(0);
        List<String> metrics = base.acc().metrics();
        for (int m = 0; m < metrics.size(); m++) {
            for (int s = 0; s < 2; s++) {
                int k = 2 * m + s;
                double[] a = base.outcome(k);
                Stats.Sample sa = Stats.describe(a);
                for (RunReader.Data r : runs.subList(1, runs.size())) {
                    double[] b = r.outcome(k);
                    boolean paired = base.seeds().length > 1 && Arrays.equals(base.seeds(), r.seeds());
                    Stats.Difference d = Stats.compare(a, b, paired);
                    double p = d.paired() ? d.pairedP() : d.welchP();
                    rows.add(new Row(metrics.get(m), s == 0, base.label(), r.label(), sa, Stats.describe(b), d, p < alpha));
                }
            }
        }
        return rows;
    }

    static final String CSV_HEADER = "metric,statistic,baseline,run,baseline_n,baseline_mean,baseline_ci95_low,baseline_ci95_high,"
            + "run_n,run_mean,run_ci95_low,run_ci95_high,difference,difference_ci95_low,difference_ci95_high,difference_method,"
            + "welch_t,welch_df,welch_p,paired_t_p,mann_whitney_u,mann_whitney_p,cohens_d,significant";

    private static void writeCsv(Path file, List<Row> rows) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.append(CSV_HEADER).append('\n');
            for (Row r : rows) {
                Stats.Difference d = r.diff();
                String[] f = {r.metric(), r.statistic(), Csv.cell(r.baseline()), Csv.cell(r.run()), Integer.toString(r.a().n()),
                        Numbers.format(r.a().mean()), Numbers.format(r.a().ciLow()), Numbers.format(r.a().ciHigh()),
                        Integer.toString(r.b().n()), Numbers.format(r.b().mean()), Numbers.format(r.b().ciLow()),
                        Numbers.format(r.b().ciHigh()), Numbers.format(d.difference()), Numbers.format(d.ciLow()),
                        Numbers.format(d.ciHigh()), d.paired() ? "paired" : "welch", Numbers.format(d.welchT()),
                        Numbers.format(d.welchDf()), Numbers.format(d.welchP()), Numbers.format(d.pairedP()),
                        Numbers.format(d.mannWhitneyU()), Numbers.format(d.mannWhitneyP()), Numbers.format(d.cohensD()),
                        r.significant() ? "yes" : "no"};
                w.append(String.join(",", f)).append('\n');
            }
        }
    }

    /** True when the metric has the same value every day in every replicate of every run. */
    private static boolean isConstant(List<RunReader.Data> runs, int m) {
        double v = Double.NaN;
        for (RunReader.Data r : runs) {
            CellStats c = r.acc().cells();
            for (int d = 0; d < c.days(); d++) {
                Stats.Sample s = c.sample(d, m);
                if (s.n() == 0) {
                    continue;
                }
                if (s.sd() > 0) {
                    return false;
                }
                if (Double.isNaN(v)) {
                    v = s.mean();
                } else if (v != s.mean()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static ObjectNode settings(List<Input> inputs, Options o, List<String> metrics) {
        ObjectNode n = ExperimentDir.json().createObjectNode();
        n.put("kind", "compare");
        ArrayNode in = n.putArray("inputs");
        for (Input i : inputs) {
            ObjectNode e = in.addObject();
            e.put("label", i.label);
            e.put("path", i.path.toAbsolutePath().normalize().toString());
            if (i.scenarioFile) {
                e.put("days", i.days);
                e.set("scenario", i.scenario.resolved());
            }
        }
        n.put("replicates", o.replicates());
        ArrayNode al = n.putArray("align");
        o.align().forEach(a -> al.add(a.name().toLowerCase(Locale.ROOT)));
        ArrayNode ms = n.putArray("metrics");
        metrics.forEach(ms::add);
        n.put("alpha", o.alpha());
        return n;
    }

    private static void writeManifest(Path file, List<Input> inputs, List<RunReader.Data> runs, Options o, LocalDate[] window,
                                      List<String> metrics, Instant started, double wall) throws IOException {
        ObjectNode m = ExperimentDir.manifestHeader(o.commandLine());
        ObjectNode e = m.putObject("experiment");
        e.put("kind", "compare");
        e.put("from", window[0].toString());
        e.put("to", window[1].toString());
        ArrayNode al = e.putArray("align");
        o.align().forEach(a -> al.add(a.name().toLowerCase(Locale.ROOT)));
        e.put("alpha", o.alpha());
        ArrayNode rs = e.putArray("runs");
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            ObjectNode r = rs.addObject();
            r.put("label", in.label);
            r.put("input", in.path.toString());
            r.put("kind", in.scenarioFile ? "scenario file (run here, runs/" + in.label + ")" : "run directory");
            r.put("directory", in.scenarioFile ? "runs/" + in.label : in.meta.dir().toString());
            r.put("scenario", in.meta.scenarioName());
            r.put("replicates", runs.get(i).replicates());
            if (in.scenarioFile) {
                r.put("seed", in.scenario.seed());
            }
        }
        ArrayNode ms = e.putArray("metrics");
        metrics.forEach(ms::add);
        m.put("started_at", started.toString());
        m.put("finished_at", Instant.now().toString());
        m.put("wall_seconds", Math.round(wall * 1000) / 1000.0);
        ArrayNode files = m.putArray("outputs");
        files.add("comparison.csv");
        files.add("report.html");
        files.add("charts/");
        if (inputs.stream().anyMatch(i -> i.scenarioFile)) {
            files.add("runs/");
        }
        ExperimentDir.writeJson(file, m);
    }
}
