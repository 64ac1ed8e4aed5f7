package org.jurisim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jurisim.experiment.Explain;
import org.jurisim.output.OutputPlace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jurisim explain A.yaml B.yaml --outcome METRIC [--replicates R]}: Shapley attribution of a difference. */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Explain why an outcome differs between two scenarios, as Shapley shares of B - A.",
                "Each difference between them (a field of the resolved scenarios, an event added or removed) gets its"
                        + " share of B - A, by same-seed counterfactuals (A with some of B's changes) and Shapley values:"
                        + " exact for up to --exact-up-to factors, sampled orderings beyond. The shares add up to the total"
                        + " difference in every replicate; intervals are over replicates.",
                "The output holds explain.csv, explain-replicates.csv, coalitions.csv, charts/waterfall.png and"
                        + " report.html."},
        footer = {"", "Examples:",
                "  ./jurisim explain scenarios/standoff-2026.yaml scenarios/funding-war.yaml \\",
                "      --outcome compliance_rate_rolling.avg --replicates 5 --days 365 \\",
                "      --by section",
                "See docs/experiments.md."})
final class ExplainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "A", description = "Scenario A (YAML).")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "Scenario B (YAML).")
    Path b;

    @Option(names = "--outcome", paramLabel = "METRIC", required = true,
            description = "The outcome: METRIC.avg (time average, also a bare METRIC) or METRIC.end.")
    String outcome;

    @Option(names = "--replicates", paramLabel = "R", description = "Replicates (seeds) per counterfactual (default 5).")
    int replicates = 5;

    @Option(names = "--seed", paramLabel = "N", description = "Base seed (default: A's).")
    Long seed;

    @Option(names = "--days", paramLabel = "N", description = "Simulate only the first N days.")
    Long days;

    @Option(names = "--by", paramLabel = "HOW", description = "field (each field and event, default) or section (top-level sections; events by kind).")
    String by = "field";

    @Option(names = "--exact-up-to", paramLabel = "K", description = "Exact Shapley values for up to K factors (2^K counterfactuals; default 8).")
    int exactUpTo = 8;

    @Option(names = "--permutations", paramLabel = "M", description = "Sampled orderings beyond that (even; each with its reverse; default 16).")
    int permutations = 16;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/explain-<timestamp>).")
    Path out;

    @CommandLine.Mixin
    ForceOption forceOption = new ForceOption();

    @Option(names = "--quiet", description = "No progress and no summary.")
    boolean quiet;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: the number of processors).")
    Integer threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (replicates < 2) {
            throw new CommandLine.ParameterException(cl, "--replicates must be at least 2 (intervals need them), found " + replicates);
        }
        if (days != null && days < 1) {
            throw new CommandLine.ParameterException(cl, "--days must be at least 1, found " + days);
        }
        if (exactUpTo < 1 || exactUpTo > 16) {
            throw new CommandLine.ParameterException(cl, "--exact-up-to must be from 1 to 16, found " + exactUpTo);
        }
        if (permutations < 2 || permutations % 2 != 0) {
            throw new CommandLine.ParameterException(cl, "--permutations must be an even number of at least 2, found " + permutations);
        }
        Explain.By how;
        try {
            how = Explain.By.valueOf(by.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--by takes field or section, found '" + by + "'");
        }
        Main.checkSeed(cl, seed);
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1) {
            throw new CommandLine.ParameterException(cl, "--threads must be at least 1, found " + t);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add("jurisim");
        cmd.addAll(cl.getParseResult().originalArgs());
        try (OutputPlace.Lock reserved = out != null ? null : OutputPlace.reserveNew(OutputPlace.defaultName("explain"))) {
            Path dir = reserved != null ? reserved.target() : out;
            Explain.Result r = Explain.run(a, b, dir, new Explain.Options(outcome, replicates, seed, days, how, exactUpTo, permutations / 2, t,
                    forceOption.force, cmd, TerminalProgress.of(quiet)));
            if (!quiet) {
                PrintWriter w = cl.getOut();
                w.printf(Locale.US, "JuriSim explain: %s, %s -> %s%n", Main.printable(outcome), Main.printable(r.nameA()), Main.printable(r.nameB()));
                w.printf(Locale.US, "  %-16s %d factors, %s Shapley values, %d counterfactuals x %d replicates = %d runs%n", "method",
                        r.shares().size(), r.exact() ? "exact" : "sampled", r.coalitions(), replicates, r.runs());
                w.printf(Locale.US, "  %-16s A %s, B %s%n", "outcome", num(r.a().mean()), num(r.b().mean()));
                w.printf(Locale.US, "  %-16s %s  [%s, %s]%n", "total B - A", num(r.total().mean()), num(r.total().ciLow()), num(r.total().ciHigh()));
                w.printf(Locale.US, "  Shares (mean over replicates, 95%% interval; largest first):%n");
                double sum = 0;
                for (Explain.Share s : r.shares().stream().sorted((x, y) -> Double.compare(Math.abs(y.shapley().mean()),
                        Math.abs(x.shapley().mean()))).toList()) {
                    boolean zero = !(s.shapley().ciLow() > 0 || s.shapley().ciHigh() < 0);
                    w.printf(Locale.US, "    %-60s %12s  [%s, %s]%s%n", Main.printable(trim(s.factor().name(), 60)), num(s.shapley().mean()),
                            num(s.shapley().ciLow()), num(s.shapley().ciHigh()), zero ? "  (not distinguishable from 0)" : "");
                    sum += s.shapley().mean();
                }
                w.printf(Locale.US, "    %-60s %12s  (= the total; largest gap in a replicate %.1e)%n", "sum of the shares", num(sum), r.maxEfficiencyGap());
                w.printf(Locale.US, "  %-16s %.1f s%n", "wall time", r.wallSeconds());
                w.printf(Locale.US, "  %-16s %s%n", "output", r.directory());
                w.printf(Locale.US, "  %-16s %s%n", "report", r.directory().resolve("report.html"));
            }
            return Main.OK;
        }
    }

    private static String trim(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "\u2026";
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "n/a" : new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
