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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jurisim sweep SCENARIO --param path=LOW:HIGH ... --design grid|lhs|sobol --samples N}. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sweep scenario parameters over ranges and measure what they do to the outcomes.",
                "The sweep writes sweep.csv: one row per point and replicate, with the parameters, then each metric's"
                        + " end value (METRIC.end) and time average (METRIC.avg). With --design sobol it also writes"
                        + " sobol.csv (first-order and total Sobol indices with bootstrap 95%% intervals) and tornado"
                        + " charts; a grid of two parameters also gets heat maps.",
                "--samples is the number of levels per parameter (grid), of points (lhs), or of base samples N (sobol,"
                        + " which runs N x (parameters + 2) points). An interrupted sweep resumes when the same command is"
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
            description = "grid: levels per parameter; lhs: points; sobol: base samples (points = N x (parameters + 2)).")
    int samples;

    @Option(names = "--replicates", paramLabel = "R", description = "Replicates per point (default 1); outcomes are averaged per point.")
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

    @Option(names = "--force", description = "Replace the output directory if it exists and JuriSim wrote it"
            + " (never ., .., /, a home directory, a file or another program's directory).")
    boolean force;

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
        long points = kind == Design.Kind.SOBOL ? (long) samples * (ps.size() + 2)
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
            Sweep.Options o = new Sweep.Options(d, replicates, t, base, bootstrap, outcomes, force, !noResume, ev.base().name(), cmd,
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
                if (!r.sobol().isEmpty()) {
                    w.printf(Locale.US, "  Sobol indices (first-order / total) of the time-averaged outcomes that vary:%n");
                    for (Map.Entry<String, SobolIndices.Result> e : r.sobol().entrySet()) {
                        if (!e.getKey().endsWith(".avg") || !(e.getValue().variance() > 0)) {
                            continue;
                        }
                        StringBuilder sb = new StringBuilder();
                        for (int i = 0; i < ps.size(); i++) {
                            sb.append(String.format(Locale.US, "  %s %.2f/%.2f", ps.get(i).path(), e.getValue().first()[i].value(),
                                    e.getValue().total()[i].value()));
                        }
                        w.printf(Locale.US, "    %-36s%s%n", e.getKey(), sb);
                    }
                }
                w.printf(Locale.US, "  %-16s %d%n", "charts", r.charts().size());
                w.printf(Locale.US, "  %-16s %.2f s%n", "wall time", r.wallSeconds());
                w.printf(Locale.US, "  %-16s %s%n", "output", r.directory());
            }
            return Main.OK;
        }
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
