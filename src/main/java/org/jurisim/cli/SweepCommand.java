package org.jurisim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Location;
import org.jurisim.common.Problem;
import org.jurisim.scenario.Limits;
import org.jurisim.output.OutputPlace;
import org.jurisim.experiment.Design;
import org.jurisim.experiment.DistributedEngine;
import org.jurisim.experiment.ModelEvaluator;
import org.jurisim.experiment.SobolIndices;
import org.jurisim.experiment.Sweep;
import org.jurisim.experiment.SweepNoise;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jurisim sweep SCENARIO --param path=LOW:HIGH ... --design grid|lhs|sobol --samples N}. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sweep scenario parameters over ranges and measure what they do to the outcomes.",
                "The sweep writes sweep.csv: one row per point and replicate, with the parameters, then each metric's"
                        + " end value (METRIC.end) and time average (METRIC.avg). With --design sobol it also writes"
                        + " sobol.csv (first-order and total Sobol indices with bootstrap 95%% intervals, an inert dummy"
                        + " parameter as the noise floor, and the indices at N/2) and tornado charts; a grid of two"
                        + " parameters also gets heat maps. noise.csv and report.html tell what is noise.",
                "--samples is the number of levels per parameter (grid), of points (lhs), or of base samples N (sobol,"
                        + " which runs N x (parameters + 3) points). An interrupted sweep resumes when the same command is"
                        + " run again. ./jurisim params lists the parameters, and 'sweep' marks those --param can vary."},
        footer = {"", "Examples:",
                "  ./jurisim sweep scenarios/standoff-2026.yaml \\",
                "      --param ice.officers=4000:9000 \\",
                "      --param ice.detentionBeds=30000:90000 --design grid --samples 5 \\",
                "      --replicates 4 --out runs/grid",
                "  ./jurisim sweep scenarios/standoff-2026.yaml \\",
                "      --param ice.officers=4000:9000 \\",
                "      --param community.initialTrust=0.3:0.9 \\",
                "      --param ice.pickupsPerOfficerPerDay=0.05:0.3 \\",
                "      --design sobol --samples 256 --out runs/sobol",
                "  ./jurisim sweep scenarios/standoff-2026.yaml \\",
                "      --param ice.officers=4000:9000 \\",
                "      --design lhs --samples 64 --engine spark --out runs/lhs-spark",
                "See docs/experiments.md, and docs/distributed.md for Spark."})
final class SweepCommand implements Callable<Integer> {

    private static final Pattern PARAM = Pattern.compile("^([^=]+)=([^:]+):([^:]+)$");

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML).")
    Path scenarioFile;

    @Option(names = "--param", paramLabel = "PATH=LOW:HIGH", required = true,
            description = "A parameter to vary over [LOW, HIGH] (repeatable). Integer bounds make an integer parameter.")
    List<String> params = new ArrayList<>();

    @Option(names = "--design", paramLabel = "KIND", description = "grid, lhs (Latin hypercube) or sobol (Saltelli). Default: sobol.")
    String design = "sobol";

    @Option(names = Limits.FLAG, description = "Accept sweeps of more runs than the default limit (see docs/reliability.md).")
    boolean allowLarge;

    @Option(names = "--samples", paramLabel = "N", required = true,
            description = "grid: levels per parameter; lhs: points; sobol: base samples (points = N x (parameters + 3)).")
    int samples;

    @Option(names = "--replicates", paramLabel = "R", description = "Replicates per point (default 1; 3 or more to measure the noise); outcomes are averaged per point.")
    int replicates = 1;

    @Option(names = "--seed", paramLabel = "N", description = "Base seed (default: the scenario's).")
    Long seed;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a scenario field at every point (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--days", paramLabel = "N", description = "Simulate only the first N days.")
    Long days;

    @Option(names = "--metrics", paramLabel = "METRIC", split = ",",
            description = "Outcomes only for these metrics (names or patterns with *). Default: all.")
    List<String> metrics = new ArrayList<>();

    @Option(names = "--outcome", paramLabel = "NAME", split = ",",
            description = "Outcomes to chart (e.g. compliance_rate_rolling.avg). Default: every time-averaged outcome that varies.")
    List<String> outcomes;

    @Option(names = "--bootstrap", paramLabel = "B", description = "Bootstrap resamples for the Sobol intervals (default 1000).")
    int bootstrap = 1000;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/sweep-<timestamp>).")
    Path out;

    @CommandLine.Mixin
    ForceOption forceOption = new ForceOption();

    @Option(names = "--no-resume", description = "Discard an interrupted sweep in DIR.incomplete instead of resuming it.")
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
        Design.Kind kind;
        try {
            kind = Design.Kind.valueOf(design.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--design takes grid, lhs or sobol, found '" + design + "'");
        }
        if (samples < (kind == Design.Kind.GRID ? 2 : 1)) {
            throw new CommandLine.ParameterException(cl, "--samples must be at least " + (kind == Design.Kind.GRID ? 2 : 1)
                    + (kind == Design.Kind.GRID ? " levels" : "") + ", found " + samples);
        }
        if (replicates < 1) {
            throw new CommandLine.ParameterException(cl, "--replicates must be at least 1, found " + replicates);
        }
        if (bootstrap < 0) {
            throw new CommandLine.ParameterException(cl, "--bootstrap must be 0 or more, found " + bootstrap);
        }
        if (days != null && days < 1) {
            throw new CommandLine.ParameterException(cl, "--days must be at least 1, found " + days);
        }
        Main.checkSeed(cl, seed);
        boolean spark = engine.spark(cl);
        int t = engine.threads(cl);
        List<Design.Param> ps = parseParams(params);
        long points = kind == Design.Kind.SOBOL ? (long) samples * (ps.size() + 3)
                : kind == Design.Kind.LHS ? samples : (long) Math.pow(samples, ps.size());
        Limits limits = Limits.of(allowLarge);
        java.math.BigInteger runs = (kind == Design.Kind.GRID ? java.math.BigInteger.valueOf(samples).pow(ps.size())
                : java.math.BigInteger.valueOf(points)).multiply(java.math.BigInteger.valueOf(replicates));
        if (runs.compareTo(java.math.BigInteger.valueOf(limits.sweepRuns())) > 0) {
            throw new BadInputException(new Problem(new Location("--samples", 1, 1), "samples", "expected a sweep of at most "
                    + Limits.number(limits.sweepRuns()) + " runs (points x replicates), found " + String.format(Locale.ROOT, "%,d", runs)
                    + " (sweep limit)" + limits.raise(Limits.DEFAULT.sweepRuns(), Limits.LARGE.sweepRuns())));
        }
        ModelEvaluator ev = ModelEvaluator.create(scenarioFile, overrides, ps, days, metrics, t);
        if (days != null && ev.base().pastEnd("--days", String.valueOf(days), days) != null) {
            throw new BadInputException(ev.base().pastEnd("--days", String.valueOf(days), days));
        }
        long base = seed != null ? seed : ev.base().seed();
        if (outcomes != null) {
            List<Problem> problems = new ArrayList<>();
            for (String o : outcomes) {
                if (!ev.outcomeNames().contains(o)) {
                    problems.add(new Problem(new Location("--outcome", 1, 1), "outcome", "expected an outcome of the sweep (METRIC.end or METRIC.avg), found \""
                            + o + "\"" + org.jurisim.common.Suggest.hint(o, ev.outcomeNames())));
                }
            }
            if (!problems.isEmpty()) {
                throw new BadInputException(problems);
            }
        }
        Design d = Design.of(kind, ps, samples, base);
        // a default name is reserved (locked) here, fresh even for experiments started in the same second
        try (OutputPlace.Lock reserved = out != null ? null : OutputPlace.reserveNew(OutputPlace.defaultName("sweep"))) {
            Path dir = reserved != null ? reserved.target() : out;
            List<String> cmd = new ArrayList<>();
            cmd.add("jurisim");
            cmd.addAll(cl.getParseResult().originalArgs());
            Sweep.Options o = new Sweep.Options(d, replicates, t, base, bootstrap, outcomes, forceOption.force, !noResume, ev.base().name(), cmd,
                    TerminalProgress.of(quiet));
            Sweep.Result r;
            String where = t + " thread" + (t == 1 ? "" : "s");
            if (spark) {
                try (DistributedEngine e = engine.open("JuriSim sweep: " + ev.base().name())) {
                    where = e.describe();
                    r = Sweep.run(ev, dir, o, e);
                }
            } else {
                r = Sweep.run(ev, dir, o);
            }
            if (!quiet) {
                PrintWriter w = cl.getOut();
                w.printf(Locale.US, "JuriSim sweep: %s%n", Main.printable(ev.base().name()));
                w.printf(Locale.US, "  %-16s %s, %d replicate%s per point = %d runs (seed %d)%n", "design", d.describe(), replicates,
                        replicates == 1 ? "" : "s", r.runs(), base);
                w.printf(Locale.US, "  %-16s %s%n", "computed on", where);
                if (r.resumed()) {
                    w.printf(Locale.US, "  %-16s resumed an interrupted sweep (%d runs ran now)%n", "resumed", r.ran());
                }
                printNoise(w, r, replicates);
                if (!r.sobol().isEmpty()) {
                    printSobol(w, r, ps);
                }
                if (!r.warnings().isEmpty()) {
                    w.printf(Locale.US, "  Warnings (where a result is noise):%n");
                    int shown = Math.min(12, r.warnings().size());
                    for (int i = 0; i < shown; i++) {
                        w.printf(Locale.US, "    - %s%n", Main.printable(r.warnings().get(i)));
                    }
                    if (shown < r.warnings().size()) {
                        w.printf(Locale.US, "    ... and %d more in report.html%n", r.warnings().size() - shown);
                    }
                }
                w.printf(Locale.US, "  %-16s %d%n", "charts", r.charts().size());
                w.printf(Locale.US, "  %-16s %.2f s%n", "wall time", r.wallSeconds());
                w.printf(Locale.US, "  %-16s %s%n", "output", r.directory());
                w.printf(Locale.US, "  %-16s %s%n", "report", r.directory().resolve("report.html"));
            }
            return Main.OK;
        }
    }

    /** The noise of the time-averaged outcomes that vary: one line each. */
    private static void printNoise(PrintWriter w, Sweep.Result r, int replicates) {
        List<SweepNoise.Noise> shown = r.noise().values().stream()
                .filter(n -> n.outcome().endsWith(".avg") && !n.verdict().equals("constant")).toList();
        if (shown.isEmpty()) {
            return;
        }
        w.printf(Locale.US, "  Noise of the time-averaged outcomes (%s):%n", replicates == 1 && r.sobol().isEmpty()
                ? "1 run per point: not measured" : replicates + " replicate" + (replicates == 1 ? "" : "s")
                + " per point; noise share = part of the spread of point means that chance alone gives");
        w.printf(Locale.US, "    %-36s %14s %14s %8s  %s%n", "outcome", "point means SD", "noise (95%)", "share", "verdict");
        for (SweepNoise.Noise n : shown) {
            w.printf(Locale.US, "    %-36s %14s %14s %8s  %s%n", n.outcome(), sig(n.spreadSd()),
                    Double.isNaN(n.halfWidth()) ? "n/a" : "\u00b1" + sig(n.halfWidth()),
                    Double.isNaN(n.noiseShare()) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * Math.min(1, n.noiseShare())), n.verdict());
        }
    }

    /** Total indices with intervals, against the dummy's: one line per time-averaged outcome that varies. */
    private static void printSobol(PrintWriter w, Sweep.Result r, List<Design.Param> ps) {
        int k = ps.size();
        w.printf(Locale.US, "  Sobol total indices ST [bootstrap 95%%], time-averaged outcomes that vary; * = above the dummy"
                + " (noise floor); (noise) = impossible value (below 0 or above 1: estimator variance):%n");
        StringBuilder h = new StringBuilder(String.format(Locale.US, "    %-36s", "outcome"));
        for (Design.Param p : ps) {
            h.append(String.format(Locale.US, " %-26s", p.path()));
        }
        h.append(String.format(Locale.US, " %-26s %s", "dummy (noise floor)", "N/2 -> N"));
        w.println(h);
        for (Map.Entry<String, SobolIndices.Result> e : r.sobol().entrySet()) {
            SobolIndices.Result x = e.getValue();
            if (!e.getKey().endsWith(".avg") || !(x.variance() > 0)) {
                continue;
            }
            StringBuilder sb = new StringBuilder(String.format(Locale.US, "    %-36s", e.getKey()));
            for (int i = 0; i <= k; i++) {
                sb.append(String.format(Locale.US, " %-26s", index(x.total()[i]) + (i < k && x.aboveDummy(i) ? " *" : "")));
            }
            double gap = x.convergenceGap();
            sb.append(Double.isNaN(gap) ? " n/a" : x.converged() ? " converged" : String.format(Locale.US, " moved %.2f", gap));
            w.println(sb);
        }
    }

    private static String index(SobolIndices.Index x) {
        String v = String.format(Locale.US, "%.2f", x.value());
        if (x.value() < 0 || x.value() > 1) {
            v += " (noise)";
        }
        return Double.isNaN(x.ciLow()) ? v : v + String.format(Locale.US, " [%.2f,%.2f]", x.ciLow(), x.ciHigh());
    }

    private static String sig(double v) {
        return Double.isNaN(v) ? "n/a" : new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String d(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Parses PATH=LOW:HIGH; bounds written as integers make an integer parameter. */
    static List<Design.Param> parseParams(List<String> texts) throws BadInputException {
        List<Design.Param> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int i = 0;
        for (String s : texts) {
            i++;
            Location at = new Location("--param #" + i, 1, 1);
            Matcher m = PARAM.matcher(s.trim());
            if (!m.matches()) {
                problems.add(new Problem(at, "param", "expected PATH=LOW:HIGH (e.g. ice.officers=4000:9000), found \"" + s + "\""));
                continue;
            }
            String path = m.group(1).trim();
            String lo = m.group(2).trim();
            String hi = m.group(3).trim();
            double low;
            double high;
            try {
                low = Double.parseDouble(lo);
                high = Double.parseDouble(hi);
            } catch (NumberFormatException e) {
                problems.add(new Problem(at, path, "expected numbers LOW:HIGH, found \"" + lo + ":" + hi + "\""));
                continue;
            }
            if (!(low < high) || Double.isInfinite(low) || Double.isInfinite(high)) {
                problems.add(new Problem(at, path, "expected LOW below HIGH, found " + lo + ":" + hi));
                continue;
            }
            if (!seen.add(path)) {
                problems.add(new Problem(at, path, "expected each parameter once, found it again"));
                continue;
            }
            boolean integer = lo.matches("[-+]?[0-9]+") && hi.matches("[-+]?[0-9]+");
            out.add(new Design.Param(path, low, high, integer));
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return out;
    }
}
