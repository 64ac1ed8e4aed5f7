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

    /** At most this many points per line in the charts (longer runs are drawn from k-day averages). */
    static final int MAX_POINTS = 150;

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

    /** How an outcome's difference was tested. */
    public enum Test {
        /** Paired t-test: the runs share their replicate seeds (common random numbers). */
        PAIRED("paired t-test"),
        /** Welch's unequal-variance t-test: independent replicates. */
        WELCH("Welch t-test"),
        /** No test: a side has fewer than two replicates. */
        NONE("not tested");

        private final String label;

        Test(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What a comparison says of an outcome, in words the terminal, the CSV and the report share. */
    public enum Verdict {
        DIFFERS("differs", "differ"),
        UNDETECTED("no difference detected", "no difference detected"),
        IDENTICAL("identical", "identical"),
        UNTESTED("not tested", "not tested");

        private final String label;
        private final String plural;

        Verdict(String label, String plural) {
            this.label = label;
            this.plural = plural;
        }

        public String label() {
            return label;
        }

        /** As said of a count, e.g. "12 differ". */
        public String plural() {
            return plural;
        }
    }

    /** Power at which the minimum detectable difference is given. */
    public static final double POWER = 0.8;

    /** The metrics that lead a comparison when --metrics does not choose: compliance, litigation, policies. */
    public static final List<String> HEADLINE = List.of("compliance_rate_rolling", "compliance_rate", "cases_filed",
            "injunctions_in_force", "funds_withheld_balance", "jurisdictions_*");

    /** Matches {@code jurisdictions_*} without being a policy's count. */
    private static final Set<String> NOT_POLICIES = Set.of("jurisdictions_losing_funds");

    /**
     * One comparison: an outcome of run {@code run} against the baseline (the first run).
     *
     * @param p        the p-value of {@code test} (NaN when not tested)
     * @param mde      the smallest difference the test detects with probability {@link #POWER} at its alpha (NaN when not tested)
     * @param headline whether the metric is one of the headline metrics, which come first
     */
    public record Row(String metric, boolean end, String baseline, String run, Stats.Sample a, Stats.Sample b,
                      Stats.Difference diff, Test test, double p, boolean significant, double mde, boolean headline) {
        public String statistic() {
            return end ? "end" : "avg";
        }

        /** metric.end or metric.avg */
        public String outcome() {
            return metric + "." + statistic();
        }

        /** The difference as a share of the baseline's mean (NaN when that is 0). */
        public double percent() {
            return a.mean() == 0 || Double.isNaN(a.mean()) ? Double.NaN : diff.difference() / Math.abs(a.mean());
        }

        public double percentLow() {
            return a.mean() == 0 || Double.isNaN(a.mean()) ? Double.NaN : diff.ciLow() / Math.abs(a.mean());
        }

        public double percentHigh() {
            return a.mean() == 0 || Double.isNaN(a.mean()) ? Double.NaN : diff.ciHigh() / Math.abs(a.mean());
        }

        /** Practical size, for ranking: the difference over the larger of the two means (0 to 2; 0 when both are 0). */
        public double size() {
            double scale = Math.max(Math.abs(a.mean()), Math.abs(b.mean()));
            double d = Math.abs(diff.difference());
            return Double.isNaN(d) ? -1 : scale == 0 ? 0 : d / scale;
        }

        public Verdict verdict() {
            if (a.n() == 0 || b.n() == 0) {
                return Verdict.UNTESTED;
            }
            boolean still = !(a.sd() > 0) && !(b.sd() > 0);
            if (still && diff.difference() == 0) {
                return Verdict.IDENTICAL;
            }
            if (test == Test.NONE) {
                return Verdict.UNTESTED;
            }
            return significant ? Verdict.DIFFERS : Verdict.UNDETECTED;
        }

        /** What the difference's interval covers, in words. */
        public String interval() {
            return switch (test) {
                case PAIRED -> "95% CI of the mean paired difference over " + a.n() + " common-seed replicates";
                case WELCH -> "95% CI of the difference of means (Welch; " + a.n() + " and " + b.n() + " replicates)";
                case NONE -> "none: " + (Math.min(a.n(), b.n()) == 0 ? "no values" : "one run a side (descriptive only)");
            };
        }
    }

    /** What a comparison produced; {@code rows} in the one order every output uses (headline first, then by size). */
    public record Result(Path directory, List<String> labels, List<Row> rows, List<String> charted, List<String> constant,
                         LocalDate from, LocalDate to, double alpha, double wallSeconds) {
        public long significant() {
            return rows.stream().filter(Row::significant).count();
        }

        public long count(Verdict v) {
            return rows.stream().filter(r -> r.verdict() == v).count();
        }

        public boolean tested() {
            return rows.stream().anyMatch(r -> r.test() != Test.NONE);
        }

        /** The rows shown first by the terminal and the report alike. */
        public List<Row> summary() {
            return Compare.summary(rows);
        }
    }

    /** A value of a metric for people: shares as percentages. */
    static String value(Row r, double v) {
        return Report.sig(v, 3, MetricInfo.isShare(r.metric()));
    }

    /** A difference for people: of a share in percentage points, else in the metric's unit, with a sign. */
    static String amount(Row r, double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        boolean share = MetricInfo.isShare(r.metric());
        String s = share ? Report.sig(100 * v, 3, false) + " pts" : Report.sig(v, 3, false);
        return v > 0 ? "+" + s : s;
    }

    /** The difference with its interval, e.g. "-4.8 pts [-5.2, -4.4]" (no interval when untested). */
    static String difference(Row r) {
        String ci = differenceInterval(r);
        return amount(r, r.diff().difference()) + (ci.isEmpty() ? "" : " " + ci);
    }

    /** The difference's 95% interval, e.g. "[-5.2, -4.4]"; empty when untested. */
    static String differenceInterval(Row r) {
        if (r.test() == Test.NONE || Double.isNaN(r.diff().ciLow())) {
            return "";
        }
        return "[" + amount(r, r.diff().ciLow()).replace(" pts", "") + ", " + amount(r, r.diff().ciHigh()).replace(" pts", "") + "]";
    }

    /** The difference as a percentage of the baseline, with its interval where tested. */
    static String change(Row r) {
        String ci = changeInterval(r);
        return changeValue(r) + (ci.isEmpty() ? "" : " " + ci);
    }

    static String changeValue(Row r) {
        double p = r.percent();
        if (Double.isNaN(p)) {
            return r.diff().difference() == 0 ? "0%" : "from 0";
        }
        return (p > 0 ? "+" : "") + Report.sig(100 * p, 2, false) + "%";
    }

    static String changeInterval(Row r) {
        if (Double.isNaN(r.percent()) || r.test() == Test.NONE || Double.isNaN(r.percentLow())) {
            return "";
        }
        return "[" + Report.sig(100 * r.percentLow(), 2, false) + "%, " + Report.sig(100 * r.percentHigh(), 2, false) + "%]";
    }

    /** The verdict with its p-value and minimum detectable difference, e.g. "no difference detected (p 0.41; MDE 1.2 pts)". */
    static String verdict(Row r) {
        Verdict v = r.verdict();
        if (v == Verdict.IDENTICAL || v == Verdict.UNTESTED) {
            return v.label();
        }
        String p = r.p() < 0.001 ? "p<0.001" : "p " + String.format(Locale.ROOT, "%.3f", r.p());
        String mde = Double.isNaN(r.mde()) ? "" : "; MDE " + amount(r, r.mde()).replace("+", "");
        return v.label() + " (" + p + mde + ")";
    }

    /** What the comparison prints: the same rows, counts and order as comparison.csv and report.html. */
    public static List<String> terminal(Result r) {
        List<String> out = new ArrayList<>();
        out.add("JuriSim comparison: " + String.join(" vs ", r.labels()) + " (" + r.from() + " to " + r.to() + ")");
        out.add(String.format(Locale.ROOT, "  %-13s %s", "comparisons", counts(r.rows(), r.labels())));
        for (String note : testingNote(r.rows(), r.alpha())) {
            out.add(String.format(Locale.ROOT, "  %-13s %s", "note", note));
        }
        List<Row> summary = r.summary();
        String same = identicalHeadline(r.rows());
        if (!same.isEmpty()) {
            out.add(String.format(Locale.ROOT, "  %-13s %s", "identical", same));
        }
        if (!summary.isEmpty()) {
            int w = Math.max(30, summary.stream().mapToInt(x -> x.outcome().length()).max().orElse(0) + 2);
            out.add(String.format(Locale.ROOT, "    %-" + w + "s %-10s %-10s %-34s %-24s %s", "outcome (headline first)", r.labels().get(0),
                    summary.get(0).run(), "difference [95% CI]", "change", "verdict"));
            for (Row x : summary) {
                out.add(String.format(Locale.ROOT, "    %-" + w + "s %-10s %-10s %-34s %-24s %s", x.outcome() + (r.labels().size() > 2
                        ? " (" + x.run() + ")" : ""), value(x, x.a().mean()), value(x, x.b().mean()), difference(x), change(x), verdict(x)));
            }
        }
        out.add(String.format(Locale.ROOT, "  %-13s %d metrics charted, %d constant", "charts", r.charted().size(), r.constant().size()));
        out.add(String.format(Locale.ROOT, "  %-13s %.2f s", "wall time", r.wallSeconds()));
        out.add(String.format(Locale.ROOT, "  %-13s %s", "report", r.directory().resolve("report.html")));
        out.add(String.format(Locale.ROOT, "  %-13s %s", "all rows", r.directory().resolve("comparison.csv")));
        return out;
    }

    /** The headline outcomes that are identical in every run (left out of the summaries), e.g. "cases_filed.end, ...". */
    static String identicalHeadline(List<Row> rows) {
        return String.join(", ", rows.stream().filter(x -> x.headline() && x.verdict() == Verdict.IDENTICAL).map(Row::outcome).distinct().toList());
    }

    /** "98 (49 metrics x end value and time average x 1 run against a): 12 differ, 80 no difference detected, 6 identical" */
    static String counts(List<Row> rows, List<String> labels) {
        long metrics = rows.stream().map(Row::metric).distinct().count();
        StringBuilder sb = new StringBuilder();
        sb.append(rows.size()).append(" (").append(metrics).append(" metrics x end value and time average x ").append(labels.size() - 1)
                .append(labels.size() == 2 ? " run" : " runs").append(" against ").append(labels.get(0)).append("): ");
        List<String> parts = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            long n = rows.stream().filter(x -> x.verdict() == v).count();
            if (n > 0) {
                parts.add(n + " " + v.plural());
            }
        }
        return sb.append(String.join(", ", parts)).toString();
    }

    /** How many non-headline rows the summaries show after the headline ones. */
    static final int SUMMARY_OTHERS = 5;

    /** The headline rows that are not identical, then the largest other differences. */
    static List<Row> summary(List<Row> rows) {
        List<Row> out = new ArrayList<>(rows.stream().filter(r -> r.headline() && r.verdict() != Verdict.IDENTICAL).toList());
        // the largest other differences the test found (or, untested, the largest descriptive ones)
        Verdict shown = rows.stream().anyMatch(r -> r.test() != Test.NONE) ? Verdict.DIFFERS : Verdict.UNTESTED;
        rows.stream().filter(r -> !r.headline() && r.verdict() == shown && r.size() > 0).limit(SUMMARY_OTHERS).forEach(out::add);
        return out;
    }

    /** The sentences every output prints about what could be tested, and how to get a test where nothing could. */
    static List<String> testingNote(List<Row> rows, double alpha) {
        boolean anyTested = rows.stream().anyMatch(r -> r.test() != Test.NONE);
        boolean anyUntested = rows.stream().anyMatch(r -> r.test() == Test.NONE && r.verdict() != Verdict.IDENTICAL);
        List<String> out = new ArrayList<>();
        if (!anyTested) {
            out.add("Not tested: a run has one replicate, so nothing here can tell a real difference from chance; the differences are"
                    + " descriptive only.");
        } else {
            Test t = rows.stream().map(Row::test).filter(x -> x != Test.NONE).findFirst().orElse(Test.WELCH);
            out.add("Tested with the " + t.label() + (t == Test.PAIRED ? " (common random numbers)" : "") + " at alpha "
                    + Report.sig(alpha, 3, false) + "; \"no difference detected\" means only that a difference smaller than the"
                    + " minimum detectable one (80% power) may be there.");
            if (anyUntested) {
                out.add("Some runs have one replicate: their differences are not tested, descriptive only.");
            }
        }
        if (!anyTested || anyUntested) {
            out.add("For a test, compare scenario files (each is run here as --replicates N with common random numbers) or run"
                    + " directories written with 'jurisim run SCENARIO --replicates N'.");
        }
        return out;
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
                List<Row> rows = compare(runs, o.alpha(), headline(metrics, o.metrics()), o.metrics().isEmpty() ? HEADLINE : o.metrics());
                writeCsv(work.resolve("comparison.csv"), rows);
                List<String> constant = new ArrayList<>();
                List<String> charted = new ArrayList<>();
                List<String> svgs = new ArrayList<>();
                // charts in the order of the rows; long runs are drawn from k-day means, so that the report stays small
                int step = ExperimentCharts.step(days, MAX_POINTS);
                String subtitle = window[0] + " to " + window[1] + "  \u00b7  mean per run, shaded: 95% confidence interval of the mean"
                        + (step > 1 ? "  \u00b7  plotted as " + step + "-day averages" : "");
                for (String metric : rows.stream().map(Row::metric).distinct().toList()) {
                    int m = metrics.indexOf(metric);
                    if (isConstant(runs, m)) {
                        constant.add(metric);
                        continue;
                    }
                    List<ExperimentCharts.Band> bands = new ArrayList<>();
                    for (RunReader.Data r : runs) {
                        bands.add(ExperimentCharts.band(r.label() + " (n=" + r.replicates() + ")", r.acc(), m).averaged(step));
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
                        window[0], window[1], o.alpha(), wall);
            } catch (IOException e) {
                throw dir.fail(e);
            } catch (java.io.UncheckedIOException e) {
                throw dir.fail(e.getCause());
            } catch (RuntimeException | Error e) {
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
            Pattern re = glob(p);
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

    /** The headline metrics: those --metrics chose, else {@link #HEADLINE}'s that the runs have, in that order. */
    static List<String> headline(List<String> metrics, List<String> chosen) {
        List<String> patterns = chosen.isEmpty() ? HEADLINE : chosen;
        Set<String> out = new LinkedHashSet<>();
        for (String p : patterns) {
            Pattern re = glob(p);
            metrics.stream().filter(m -> re.matcher(m).matches() && !(chosen.isEmpty() && NOT_POLICIES.contains(m))).forEach(out::add);
        }
        return List.copyOf(out);
    }

    /** The statistics of every outcome of every run against the first run, with the default headline metrics. */
    static List<Row> compare(List<RunReader.Data> runs, double alpha) {
        return compare(runs, alpha, headline(runs.get(0).acc().metrics(), List.of()));
    }

    /**
     * The statistics of every outcome of every run against the first run, in the order every output shows them:
     * headline metrics first, then the others; within each, the largest practical difference ({@link Row#size()})
     * first; ties in the runs' metric order.
     */
    static List<Row> compare(List<RunReader.Data> runs, double alpha, List<String> headline) {
        return compare(runs, alpha, headline, HEADLINE);
    }

    /** Which of the headline patterns a metric matches first (compliance before litigation before policies). */
    private static int headlineGroup(String metric, List<String> patterns) {
        for (int i = 0; i < patterns.size(); i++) {
            if (glob(patterns.get(i)).matcher(metric).matches()) {
                return i;
            }
        }
        return patterns.size();
    }

    private static Pattern glob(String p) {
        return Pattern.compile(Arrays.stream(p.split("\\*", -1)).map(Pattern::quote).reduce((x, y) -> x + ".*" + y).orElse(""));
    }

    /**
     * As {@link #compare(List, double, List)}, the headline rows grouped by the first of {@code headlinePatterns}
     * they match, in that order (the patterns --metrics gave, or {@link #HEADLINE}).
     */
    static List<Row> compare(List<RunReader.Data> runs, double alpha, List<String> headline, List<String> headlinePatterns) {
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
                    Stats.Sample sb = Stats.describe(b);
                    Test test = sa.n() < 2 || sb.n() < 2 ? Test.NONE : d.paired() ? Test.PAIRED : Test.WELCH;
                    double p = Double.NaN;
                    double mde = Double.NaN;
                    if (test != Test.NONE) {
                        p = test == Test.PAIRED ? d.pairedP() : d.welchP();
                        if (Double.isNaN(p) && d.se() == 0) {
                            p = d.difference() == 0 ? 1 : 0; // no noise at all: equal or not, for certain
                        }
                        mde = Stats.minimumDetectable(d.se(), d.df(), alpha, POWER);
                    }
                    rows.add(new Row(metrics.get(m), s == 0, base.label(), r.label(), sa, sb, d, test, p, p < alpha, mde,
                            headline.contains(metrics.get(m))));
                }
            }
        }
        List<Row> ranked = new ArrayList<>(rows);
        ranked.sort(java.util.Comparator.comparing((Row r) -> !r.headline())
                .thenComparing(r -> r.headline() ? headlineGroup(r.metric(), headlinePatterns) : 0)
                .thenComparing(Row::size, java.util.Comparator.reverseOrder())
                .thenComparing(rows::indexOf));
        return List.copyOf(ranked);
    }

    static final String CSV_HEADER = "rank,metric,statistic,headline,baseline,run,baseline_n,baseline_mean,baseline_ci95_low,"
            + "baseline_ci95_high,run_n,run_mean,run_ci95_low,run_ci95_high,difference,difference_ci95_low,difference_ci95_high,"
            + "percent_difference,percent_ci95_low,percent_ci95_high,interval,difference_method,p_value,significant,verdict,"
            + "mde80,welch_t,welch_df,welch_p,paired_t_p,mann_whitney_u,mann_whitney_p,cohens_d";

    private static void writeCsv(Path file, List<Row> rows) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.append(CSV_HEADER).append('\n');
            int rank = 0;
            for (Row r : rows) {
                Stats.Difference d = r.diff();
                String[] f = {Integer.toString(++rank), r.metric(), r.statistic(), r.headline() ? "yes" : "no", Csv.cell(r.baseline()),
                        Csv.cell(r.run()), Integer.toString(r.a().n()),
                        Numbers.format(r.a().mean()), Numbers.format(r.a().ciLow()), Numbers.format(r.a().ciHigh()),
                        Integer.toString(r.b().n()), Numbers.format(r.b().mean()), Numbers.format(r.b().ciLow()),
                        Numbers.format(r.b().ciHigh()), Numbers.format(d.difference()), Numbers.format(d.ciLow()),
                        Numbers.format(d.ciHigh()), Numbers.format(r.percent()), Numbers.format(r.percentLow()),
                        Numbers.format(r.percentHigh()), Csv.cell(r.interval()),
                        switch (r.test()) {
                            case PAIRED -> "paired";
                            case WELCH -> "welch";
                            case NONE -> "none";
                        }, Numbers.format(r.p()), r.test() == Test.NONE ? "" : r.significant() ? "yes" : "no", r.verdict().label(),
                        Numbers.format(r.mde()), Numbers.format(d.welchT()),
                        Numbers.format(d.welchDf()), Numbers.format(d.welchP()), Numbers.format(d.pairedP()),
                        Numbers.format(d.mannWhitneyU()), Numbers.format(d.mannWhitneyP()), Numbers.format(d.cohensD())};
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
        Manifest mf = Manifest.of(o.commandLine());
        ObjectNode m = mf.node();
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
        List<String> files = new ArrayList<>(List.of("comparison.csv", "report.html", "charts/"));
        if (inputs.stream().anyMatch(i -> i.scenarioFile)) {
            files.add("runs/");
        }
        mf.finish(started, wall, files).write(file.getParent());
    }
}
