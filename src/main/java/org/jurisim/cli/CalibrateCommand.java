package org.jurisim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Location;
import org.jurisim.common.Problem;
import org.jurisim.experiment.Calibrate;
import org.jurisim.experiment.Design;
import org.jurisim.experiment.DistributedEngine;
import org.jurisim.experiment.Targets;
import org.jurisim.output.OutputPlace;
import org.jurisim.scenario.Limits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jurisim calibrate SCENARIO [--targets FILE] [--param PATH=LOW:HIGH ...] [--samples N] ...}. */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit a scenario's free parameters to the record, with their uncertainty.",
                "The method is approximate Bayesian computation by rejection: a Latin hypercube (or Sobol) design over"
                        + " the parameters' ranges (the prior), R replicates per point with common random numbers, and the"
                        + " points nearest the record accepted (the posterior sample).",
                "The output directory holds runs.csv, points.csv, posterior.csv, parameters.csv (median, 90%% interval,"
                        + " prior range), targets.csv (record against the model's band), constraints.csv, calibrated.yaml"
                        + " (the scenario with the fitted values) and report.html.",
                "Without --param, the targets file's calibration entry for the scenario gives the parameters (and the"
                        + " targets). An interrupted calibration resumes when the same command is run again."},
        footer = {"", "Examples:",
                "  ./jurisim calibrate scenarios/history-2013-2026.yaml --samples 64 \\",
                "      --out runs/calibration",
                "  ./jurisim calibrate scenarios/history-2017-2021.yaml \\",
                "      --only detainers-fy2018,grant-suits-2017 \\",
                "      --param ice.detainerRate=0.3:0.8 \\",
                "      --param litigation.grantSuitMonthlyProbability=0.005:0.1 \\",
                "      --samples 200 --replicates 2 --accept 0.1 --out runs/cal",
                "See docs/calibration.md."})
final class CalibrateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML).")
    Path scenarioFile;

    @Option(names = "--targets", paramLabel = "FILE", description = "Targets file (default: the built-in targets, docs/validation.md).")
    Path targetsFile;

    @Option(names = "--only", paramLabel = "ID", split = ",",
            description = "Fit these targets (ids; measured on this scenario's runs). Default: the calibration entry's, else the targets naming the scenario.")
    List<String> only = new ArrayList<>();

    @Option(names = "--param", paramLabel = "PATH=LOW:HIGH",
            description = "A free parameter and its prior range (repeatable). Default: the targets file's calibration entry. Integer bounds make an integer parameter.")
    List<String> params = new ArrayList<>();

    @Option(names = "--design", paramLabel = "KIND", description = "lhs (Latin hypercube, the default) or sobol (the points of a Saltelli design).")
    String design = "lhs";

    @Option(names = "--samples", paramLabel = "N", description = "lhs: points (default 100); sobol: base samples (points = N x (parameters + 3)).")
    int samples = 100;

    @Option(names = "--replicates", paramLabel = "R", description = "Replicates per point (default 1); a point's statistics are their means.")
    int replicates = 1;

    @Option(names = "--accept", paramLabel = "FRACTION", description = "Accept the nearest FRACTION of the points (default 0.1).")
    Double accept;

    @Option(names = "--tolerance", paramLabel = "D", description = "Accept every point within distance D instead (1: on average at the end of the acceptance ranges).")
    Double tolerance;

    @Option(names = "--seed", paramLabel = "N", description = "Base seed (default: the scenario's).")
    Long seed;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a scenario field at every point (repeatable); the calibrated scenario keeps it.")
    List<String> overrides = new ArrayList<>();

    @Option(names = Limits.FLAG, description = "Accept calibrations of more runs than the default limit (see docs/reliability.md).")
    boolean allowLarge;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/calibration-<timestamp>).")
    Path out;

    @CommandLine.Mixin
    ForceOption forceOption = new ForceOption();

    @Option(names = "--no-resume", description = "Discard an interrupted calibration in DIR.incomplete instead of resuming it.")
    boolean noResume;

    @Option(names = "--quiet", description = "No progress and no summary.")
    boolean quiet;

    @CommandLine.Mixin
    EngineOptions engine = new EngineOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        Design.Kind kind = switch (design.trim().toLowerCase(Locale.ROOT)) {
            case "lhs" -> Design.Kind.LHS;
            case "sobol" -> Design.Kind.SOBOL;
            default -> throw new CommandLine.ParameterException(cl, "--design takes lhs or sobol, found '" + design + "'");
        };
        if (samples < 2) {
            throw new CommandLine.ParameterException(cl, "--samples must be at least 2, found " + samples);
        }
        if (replicates < 1) {
            throw new CommandLine.ParameterException(cl, "--replicates must be at least 1, found " + replicates);
        }
        if (accept != null && tolerance != null) {
            throw new CommandLine.ParameterException(cl, "give --accept or --tolerance, not both");
        }
        if (accept != null && !(accept > 0 && accept <= 1)) {
            throw new CommandLine.ParameterException(cl, "--accept must be a fraction above 0 and at most 1, found " + accept);
        }
        if (tolerance != null && !(tolerance > 0 && Double.isFinite(tolerance))) {
            throw new CommandLine.ParameterException(cl, "--tolerance must be a positive number, found " + tolerance);
        }
        Main.checkSeed(cl, seed);
        boolean spark = engine.spark(cl);
        int t = engine.threads(cl);
        Targets targets = targetsFile == null ? Targets.builtIn() : Targets.load(targetsFile);
        List<String> ids = new ArrayList<>();
        for (String id : only) {
            if (!id.isBlank()) {
                ids.add(id.trim());
            }
        }
        List<Design.Param> ps = params.isEmpty() ? List.of() : SweepCommand.parseParams(params);
        // the run limit, before the scenario is read (the Sobol design's size needs the parameters' count)
        Limits limits = Limits.of(allowLarge);
        checkRuns(limits, (long) samples * replicates);
        Calibrate.ModelSetup setup = Calibrate.model(scenarioFile, overrides, targets, ids, ps, t);
        int k = setup.params().size();
        checkRuns(limits, (kind == Design.Kind.SOBOL ? (long) samples * (k + 3) : samples) * (long) replicates);
        long base = seed != null ? seed : setup.scenarioSeed();
        Design d = Design.of(kind, setup.params(), samples, base);
        try (OutputPlace.Lock reserved = out != null ? null : OutputPlace.reserveNew(OutputPlace.defaultName("calibration"))) {
            Path dir = reserved != null ? reserved.target() : out;
            List<String> cmd = new ArrayList<>();
            cmd.add("jurisim");
            cmd.addAll(cl.getParseResult().originalArgs());
            Calibrate.Options o = new Calibrate.Options(d, replicates, t, base, tolerance == null ? (accept == null ? Calibrate.DEFAULT_ACCEPT
                    : accept) : null, tolerance, forceOption.force, !noResume, cmd, TerminalProgress.of(quiet));
            Calibrate.Result r;
            String where = t + " thread" + (t == 1 ? "" : "s");
            if (spark) {
                try (DistributedEngine e = engine.open("JuriSim calibration: " + setup.scenarioName())) {
                    where = e.describe();
                    r = Calibrate.run(setup.evaluator(), setup.goals(), setup.source(), dir, o, e);
                }
            } else {
                r = Calibrate.run(setup.evaluator(), setup.goals(), setup.source(), dir, o, null);
            }
            if (!quiet) {
                print(cl.getOut(), setup, d, r, base, where);
            }
            return Main.OK;
        }
    }

    private static void checkRuns(Limits limits, long runs) throws BadInputException {
        if (runs > limits.sweepRuns()) {
            throw new BadInputException(new Problem(new Location("--samples", 1, 1), "samples", "expected a calibration of at most "
                    + Limits.number(limits.sweepRuns()) + " runs (points x replicates), found " + String.format(Locale.ROOT, "%,d", runs)
                    + " (sweep limit)" + limits.raise(Limits.DEFAULT.sweepRuns(), Limits.LARGE.sweepRuns())));
        }
    }

    private void print(PrintWriter w, Calibrate.ModelSetup setup, Design d, Calibrate.Result r, long base, String where) {
        w.printf(Locale.US, "JuriSim calibration: %s%n", Main.printable(setup.scenarioName()));
        w.printf(Locale.US, "  %-14s %s, %d replicate%s per point = %d runs (seed %d), %d days each%n", "design", d.describe(), replicates,
                replicates == 1 ? "" : "s", r.runs(), base, setup.days());
        w.printf(Locale.US, "  %-14s %s%n", "computed on", where);
        if (r.resumed()) {
            w.printf(Locale.US, "  %-14s resumed an interrupted calibration (%d runs ran now)%n", "resumed", r.ran());
        }
        if (r.accepted() == 0) {
            w.printf(Locale.US, "  %-14s no point within distance %.3g: no posterior and no calibrated scenario; widen --tolerance or"
                    + " use --accept%n", "accepted", r.tolerance());
        } else {
            w.printf(Locale.US, "  %-14s %d point%s, distance at most %.3g; at the calibrated values %.3g%n", "accepted", r.accepted(),
                    r.accepted() == 1 ? "" : "s", r.tolerance(), r.calibratedDistance());
        }
        w.printf(Locale.US, "  parameters (posterior median, 90%% interval, prior range):%n");
        for (Calibrate.ParamSummary p : r.params()) {
            w.printf(Locale.US, "    %-44s %10.4g  [%.4g, %.4g]  prior [%.4g, %.4g]%n", p.param().path(), p.median(), p.q05(), p.q95(),
                    p.param().low(), p.param().high());
        }
        w.printf(Locale.US, "  targets (record, model median and 90%% band after calibration):%n");
        for (Calibrate.TargetFit f : r.targets()) {
            w.printf(Locale.US, "    %-44s %12.6g  %12.6g  [%.6g, %.6g]%n", f.goal().id(), f.goal().record(), f.median(), f.q05(), f.q95());
        }
        w.printf(Locale.US, "  %-14s %.2f s%n", "wall time", r.wallSeconds());
        w.printf(Locale.US, "  %-14s %s%n", "output", r.directory());
    }
}
