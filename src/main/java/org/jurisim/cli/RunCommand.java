package org.jurisim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Location;
import org.jurisim.common.Problem;
import org.jurisim.experiment.DistributedEngine;
import org.jurisim.experiment.Outcomes;
import org.jurisim.experiment.Posterior;
import org.jurisim.experiment.Replicates;
import org.jurisim.experiment.SingleRun;
import org.jurisim.output.Checkpoints;
import org.jurisim.output.OutputPlace;
import org.jurisim.output.SeriesTable;
import org.jurisim.scenario.Limits;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioBundle;
import org.jurisim.scenario.ScenarioLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jurisim run SCENARIO}: simulate a scenario headless and write its run directory. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate a scenario headless and write its outputs to a run directory.",
                "A run directory holds report.html (what happened, in sentences, with the charts and the map),"
                        + " manifest.json (scenario, seed, parameters, versions and times),"
                        + " scenario.resolved.yaml (the scenario as run, to run again), timeseries.csv (every metric, one row per"
                        + " day), jurisdictions.csv (every jurisdiction and its final state), cases.csv (every lawsuit at every"
                        + " level), events.csv (the dated events applied), and the charts charts/compliance, charts/litigation,"
                        + " charts/policies and charts/map, each as .png and .svg (the map only for real counties). With"
                        + " --jurisdiction-series it also holds jurisdiction_series.csv. The"
                        + " directory appears only when the run is complete: it is written as DIR.incomplete first.",
                "With --replicates or --until-ci, many runs with seeds derived from the run's seed are computed in"
                        + " parallel, and the directory also holds summary.csv (the mean, sd and 95%% CI of every metric per"
                        + " day) and replicates.csv (the outcomes of each replicate); with --engine spark, a Parquet copy of"
                        + " them too. An interrupted experiment resumes when the same command is run again (see"
                        + " docs/experiments.md)."},
        footer = {"", "Examples:",
                "  ./jurisim run scenarios/standoff-2026.yaml",
                "  ./jurisim run scenarios/standoff-2026.yaml --seed 7 --until 2027-12-31 \\",
                "      --out runs/s7",
                "  ./jurisim run scenarios/standoff-2026.yaml --set ice.detentionBeds=80000 \\",
                "      --set federal.priorities=SERIOUS_CRIMES_ONLY",
                "  ./jurisim run scenarios/small-demo.yaml --replicates 20 --out runs/demo-20",
                "  ./jurisim run scenarios/small-demo.yaml \\",
                "      --until-ci compliance_rate_rolling.end=0.005",
                "  ./jurisim run scenarios/small-demo.yaml --replicates 20 --engine spark \\",
                "      --out runs/demo-spark",
                "The last one runs on Apache Spark (see docs/distributed.md).",
                "The paths that --set accepts, with defaults and ranges: ./jurisim params."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML).")
    Path scenarioFile;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: the scenario's seed).")
    Long seed;

    @Option(names = "--days", paramLabel = "N", description = "Simulate only the first N days.")
    Long days;

    @Option(names = "--until", paramLabel = "DATE", description = "Simulate up to and including this date (YYYY-MM-DD).")
    String until;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override a scenario field, e.g. --set ice.officers=7000 (repeatable; value read as YAML).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/<scenario>-<timestamp>).")
    Path out;

    @CommandLine.Mixin
    ForceOption forceOption = new ForceOption();

    @Option(names = "--quiet", description = "No progress bar and no summary.")
    boolean quiet;

    @Option(names = "--parameter-uncertainty", paramLabel = "POSTERIOR.csv",
            description = "With --replicates: each replicate takes its parameters from a row of a calibration's posterior.csv,"
                    + " drawn from its seed (docs/calibration.md), so the spread carries parameter uncertainty as well as chance.")
    Path parameterUncertainty;

    @Option(names = "--replicates", paramLabel = "N",
            description = "Run N replicates (seeds derived from the run's seed) and summarise them; with --until-ci, the minimum (default "
                    + Replicates.UNTIL_CI_MIN + ").")
    Integer replicates;

    @Option(names = "--until-ci", paramLabel = "METRIC=HALFWIDTH",
            description = "Add replicates until the 95%% confidence half-width of this outcome is at most HALFWIDTH. "
                    + "METRIC is a metric (its time average), METRIC.avg or METRIC.end (its last-day value).")
    String untilCi;

    @Option(names = "--max-replicates", paramLabel = "N",
            description = "With --until-ci: stop after N replicates even if the target is not met (default " + Replicates.UNTIL_CI_MAX + ").")
    Integer maxReplicates;

    @Option(names = "--no-resume", description = "Discard an interrupted experiment in DIR.incomplete instead of resuming it.")
    boolean noResume;

    @Option(names = "--checkpoint-every", paramLabel = "DAYS",
            description = "Write a checkpoint every DAYS simulated days (e.g. 365d, 52w, 1y = 365d) into DIR.incomplete/checkpoints/,"
                    + " so that './jurisim resume DIR' finishes an interrupted run exactly as it would have ended. Outputs do not depend on it.")
    String checkpointEvery;

    @Option(names = "--jurisdiction-series", paramLabel = "EVERY", arity = "0..1", fallbackValue = "monthly",
            description = "Also write jurisdiction_series.csv: per-jurisdiction time series in long form (date,fips,name,metric,value),"
                    + " sampled monthly (default), weekly or daily, and on the last day. Single runs only.")
    String jurisdictionSeries;

    @Option(names = Limits.FLAG,
            description = "Accept scenarios larger than the default limits (file size, YAML aliases, duration, jurisdictions,"
                    + " jurisdiction-days) and more replicates; see docs/reliability.md.")
    boolean allowLarge;

    @CommandLine.Mixin
    EngineOptions engine = new EngineOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (days != null && until != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --days or --until, not both");
        }
        if (days != null && days < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--days must be at least 1, found " + days);
        }
        // the replicate limit, before the scenario is read or anything runs
        Limits limits = Limits.of(allowLarge);
        long asked = Math.max(replicates == null ? 0 : replicates, untilCi == null ? 0 : maxReplicates == null ? Replicates.UNTIL_CI_MAX : maxReplicates);
        Problem tooMany = limits.replicates(replicates != null ? "--replicates" : "--max-replicates", asked, "replicates");
        if (tooMany != null) {
            throw new org.jurisim.common.BadInputException(tooMany);
        }
        List<String> all = new ArrayList<>(overrides);
        if (seed != null) {
            Main.checkSeed(spec.commandLine(), seed);
            all.add("seed=" + seed);
        }
        boolean spark = engine.spark(spec.commandLine());
        if (spark && replicates == null && untilCi == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--engine spark runs experiments: add --replicates N or --until-ci");
        }
        // for Spark, the scenario's files are captured so that they travel with the job
        ScenarioBundle.Captured captured = spark ? ScenarioBundle.capture(scenarioFile, all, Limits.of(allowLarge)) : null;
        Scenario s = spark ? captured.scenario() : ScenarioLoader.load(scenarioFile, all, Limits.of(allowLarge));
        s.notes().forEach(note -> spec.commandLine().getErr().println(Main.printable("note: " + note)));
        long n = s.days();
        if (days != null) {
            Problem past = s.pastEnd("--days", String.valueOf(days), days);
            if (past != null) {
                throw new BadInputException(past);
            }
            n = days;
        }
        if (until != null) {
            LocalDate u;
            try {
                u = LocalDate.parse(until);
            } catch (DateTimeParseException e) {
                throw new BadInputException(new Problem(new Location("--until", 1, 1), "until", "expected a date YYYY-MM-DD, found \"" + until + "\""));
            }
            long d = ChronoUnit.DAYS.between(s.start(), u) + 1;
            if (d < 1) {
                throw new BadInputException(new Problem(new Location("--until", 1, 1), "until",
                        "expected a date on or after the scenario start " + s.start() + ", found " + u));
            }
            Problem past = s.pastEnd("--until", u.toString(), d);
            if (past != null) {
                throw new BadInputException(past);
            }
            n = d;
        }
        // a default name is reserved (locked) here, fresh even for runs started in the same second
        try (OutputPlace.Lock reserved = out != null ? null : OutputPlace.reserveNew(defaultOut(scenarioFile))) {
            return run(s, captured, n, all, reserved != null ? reserved.target() : out);
        }
    }

    private int run(Scenario s, ScenarioBundle.Captured captured, long n, List<String> all, Path dir) throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if ((replicates != null || untilCi != null) && checkpointEvery != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--checkpoint-every applies to single runs, not to --replicates or --until-ci");
        }
        Checkpoints.Plan plan = checkpointEvery == null ? null
                : Checkpoints.Plan.of(checkpointDays(checkpointEvery), scenarioFile, all, allowLarge, commandLine());
        org.jurisim.output.JurisdictionSeries.Every every = null;
        if (jurisdictionSeries != null) {
            every = org.jurisim.output.JurisdictionSeries.Every.parse(jurisdictionSeries);
            if (every == null) {
                throw new BadInputException(new Problem(new Location("--jurisdiction-series", 1, 1), "jurisdiction-series",
                        "expected monthly, weekly or daily, found \"" + jurisdictionSeries + "\""));
            }
            if (replicates != null || untilCi != null || plan != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--jurisdiction-series applies to single runs, not to --replicates, --until-ci or --checkpoint-every");
            }
        }
        if (replicates != null || untilCi != null) {
            return runReplicates(s, captured, n, dir, o);
        }
        if (parameterUncertainty != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--parameter-uncertainty applies to experiments: add --replicates N");
        }
        if (engine.threadsGiven() || maxReplicates != null || noResume) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--threads, --max-replicates and --no-resume apply to experiments: add --replicates N or --until-ci");
        }
        SingleRun.Result r;
        boolean bar = !quiet && System.console() != null;
        if (bar) {
            try (ProgressBar pb = new ProgressBarBuilder().setTaskName("Simulating").setInitialMax(n)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" days", 1).showSpeed()
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
                LongConsumer progress = d -> {
                    if (d % 30 == 0 || d == pb.getMax()) {
                        pb.stepTo(d);
                    }
                };
                r = SingleRun.run(s, dir, n, forceOption.force, commandLine(), progress, plan, every);
            }
        } else {
            r = SingleRun.run(s, dir, n, forceOption.force, commandLine(), null, plan, every);
        }
        if (!quiet) {
            summary(o, s, r);
        }
        return Main.OK;
    }

    private int runReplicates(Scenario s, ScenarioBundle.Captured captured, long n, Path dir, PrintWriter o) throws Exception {
        CommandLine cl = spec.commandLine();
        if (replicates != null && replicates < 1) {
            throw new CommandLine.ParameterException(cl, "--replicates must be at least 1, found " + replicates);
        }
        int t = engine.threads(cl);
        Replicates.Target target = null;
        int min = replicates == null ? 1 : replicates;
        int max = maxReplicates == null ? Replicates.UNTIL_CI_MAX : maxReplicates;
        if (untilCi != null) {
            target = parseTarget(untilCi);
            min = replicates == null ? Replicates.UNTIL_CI_MIN : replicates;
            if (max < min) {
                throw new CommandLine.ParameterException(cl, "--max-replicates (" + max + ") must be at least the minimum of " + min);
            }
        } else if (maxReplicates != null) {
            throw new CommandLine.ParameterException(cl, "--max-replicates applies with --until-ci");
        }
        Limits lim = Limits.of(allowLarge);
        Problem tooMany = lim.replicates("--replicates", min, "replicates");
        if (tooMany == null && untilCi != null) {
            tooMany = lim.replicates("--max-replicates", max, "replicates");
        }
        if (tooMany != null) {
            throw new BadInputException(tooMany);
        }
        Replicates.Options opts = Replicates.Options.of(min, t, n).withForce(forceOption.force).withResume(!noResume)
                .withTarget(target, max).withCommandLine(commandLine()).withProgress(TerminalProgress.of(quiet));
        Replicates.Result r;
        String where;
        if (parameterUncertainty != null) {
            if (captured != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--parameter-uncertainty runs on --engine threads only");
            }
            List<String> all = new ArrayList<>(overrides);
            all.add("seed=" + s.seed());
            r = Replicates.run(s, dir, opts, Posterior.load(parameterUncertainty, scenarioFile, all));
            where = t + " thread" + (t == 1 ? "" : "s") + ", parameters drawn from " + parameterUncertainty;
        } else if (captured == null) {
            r = Replicates.run(s, dir, opts);
            where = t + " thread" + (t == 1 ? "" : "s");
        } else {
            try (DistributedEngine e = engine.open("JuriSim replicates: " + s.name())) {
                where = e.describe();
                r = Replicates.run(captured, dir, opts, e);
            }
        }
        if (!quiet) {
            ExperimentSummary.replicates(o, s, r, where);
        }
        return Main.OK;
    }

    /** Parses --checkpoint-every: N, Nd, Nw or Ny (365 days), at least one day. */
    static long checkpointDays(String text) throws BadInputException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([1-9][0-9]{0,6})([dwy]?)$").matcher(text.trim());
        if (!m.matches()) {
            throw new BadInputException(new Problem(new Location("--checkpoint-every", 1, 1), "checkpoint-every",
                    "expected a number of simulated days such as 365d, 52w or 1y, found \"" + text + "\""));
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "w" -> 7 * n;
            case "y" -> 365 * n;
            default -> n;
        };
    }

    /** Parses METRIC=HALFWIDTH. */
    static Replicates.Target parseTarget(String text) throws BadInputException {
        int eq = text.lastIndexOf('=');
        Location at = new Location("--until-ci", 1, 1);
        if (eq <= 0) {
            throw new BadInputException(new Problem(at, "until-ci", "expected METRIC=HALFWIDTH (e.g. compliance_rate_rolling=0.01), found \""
                    + text + "\""));
        }
        double h;
        try {
            h = Double.parseDouble(text.substring(eq + 1).trim());
        } catch (NumberFormatException e) {
            h = Double.NaN;
        }
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new BadInputException(new Problem(new Location("--until-ci", 1, eq + 2), "until-ci",
                    "expected a positive half-width after '=', found \"" + text.substring(eq + 1) + "\""));
        }
        return new Replicates.Target(Outcomes.parse(text.substring(0, eq).trim()), h);
    }

    private List<String> commandLine() {
        List<String> c = new ArrayList<>();
        c.add("jurisim");
        c.addAll(spec.commandLine().getParseResult().originalArgs());
        return c;
    }

    /** {@code runs/<scenario>-<timestamp>}: where {@link OutputPlace#reserveNew} starts looking for a fresh name. */
    static Path defaultOut(Path scenario) {
        return OutputPlace.defaultName(scenario.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
    }

    private static void summary(PrintWriter o, Scenario s, SingleRun.Result r) {
        SeriesTable t = r.series();
        double issued = sum(t, "detainers_issued");
        double honored = sum(t, "detainers_honored");
        double notified = sum(t, "detainers_notified");
        double declined = sum(t, "detainers_declined");
        int last = t.rows() - 1;
        o.printf(Locale.US, "JuriSim run: %s (seed %d)%n", Main.printable(s.name()), s.seed());
        o.printf(Locale.US, "  %-16s %s to %s (%d days), %d jurisdictions, %s map%n", "simulated", s.start(),
                s.dateOf(r.days() - 1), r.days(), s.jurisdictions().size(), s.map());
        o.printf(Locale.US, "  %-16s issued %,.0f   honored %,.0f   notified %,.0f   declined %,.0f%n", "detainers", issued, honored,
                notified, declined);
        o.printf(Locale.US, "  %-16s %s over the run; %s over the last %d days%n", "compliance",
                pct(issued == 0 ? Double.NaN : honored / issued), pct(t.value("compliance_rate_rolling", last)),
                s.metrics().rollingWindowDays());
        o.printf(Locale.US, "  %-16s pick-ups %,.0f   missed %,.0f   released %,.0f   removals %,.0f%n", "ICE",
                sum(t, "pickups"), sum(t, "missed_pickups"), sum(t, "released"), sum(t, "removals"));
        o.printf(Locale.US, "  %-16s %,.0f of %,.0f beds occupied on the last day%n", "detention",
                t.value("detention_occupancy", last), t.value("detention_capacity", last));
        StringBuilder pol = new StringBuilder();
        for (String p : s.policies().keySet()) {
            String col = "jurisdictions_" + p.replace('-', '_');
            double c = t.value(col, last);
            if (c > 0) {
                pol.append(String.format(Locale.US, "%s %,.0f   ", p, c));
            }
        }
        o.printf(Locale.US, "  %-16s %s%n", "policies at end", pol.toString().trim());
        o.printf(Locale.US, "  %-16s %.2f s%n", "wall time", r.wallSeconds());
        o.printf(Locale.US, "  %-16s %s%n", "output", Main.printable(String.valueOf(r.directory())));
    }

    private static double sum(SeriesTable t, String m) {
        double s = 0;
        for (double v : t.series(m)) {
            if (!Double.isNaN(v)) {
                s += v;
            }
        }
        return s;
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.US, "%.1f%%", 100 * v);
    }
}
