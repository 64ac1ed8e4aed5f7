package org.jurisim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jurisim.output.OutputPlace;
import org.jurisim.experiment.Compare;
import org.jurisim.experiment.DistributedEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jurisim compare A B [C ...] --out DIR}: overlay charts, statistics and a report. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare runs, or scenarios run as replicates, metric by metric with statistical tests.",
                "Each RUN is a run directory, or a scenario file that is run first as replicates with common random"
                        + " numbers. The comparison writes comparison.csv (per metric: the end value and time average of"
                        + " each run with its 95%% CI, the difference and percent difference with their CIs, the test and its"
                        + " verdict, the minimum detectable difference at 80%% power, Welch and Mann-Whitney p-values, and"
                        + " Cohen's d where replicates spread), overlay charts of every metric by calendar date (charts/), and"
                        + " report.html, a self-contained report for any browser.",
                "The terminal, the CSV and the report list the same comparisons in the same order: the headline metrics"
                        + " first (compliance, litigation, policies, or those of --metrics), then the largest differences."
                        + " With one run a side nothing is tested, and the differences are descriptive only.",
                "The first run is the baseline. The runs must cover the same dates and have the same metrics, unless"
                        + " --align says how to line them up."},
        footer = {"", "Examples:",
                "  ./jurisim compare scenarios/standoff-2026.yaml scenarios/funding-war.yaml \\",
                "      --replicates 30 --out runs/cmp",
                "  ./jurisim compare scenarios/standoff-2026.yaml scenarios/funding-war.yaml \\",
                "      --engine spark --out runs/cmp-spark",
                "  ./jurisim compare runs/baseline runs/more-beds --out runs/beds-effect",
                "  ./jurisim compare runs/2026 runs/2026-late-start --align dates \\",
                "      --out runs/cmp-dates",
                "See docs/experiments.md, and docs/distributed.md for Spark."})
final class CompareCommand implements Callable<Integer> {

    @Parameters(arity = "2..*", paramLabel = "RUN", description = "Run directories or scenario files (YAML), at least two.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/compare-<timestamp>).")
    Path out;

    @Option(names = "--replicates", paramLabel = "N",
            description = "Replicates per scenario file (default " + Compare.DEFAULT_REPLICATES + ").")
    int replicates = Compare.DEFAULT_REPLICATES;

    @Option(names = "--seed", paramLabel = "N",
            description = "Base seed of the scenario files' replicates, the same for all (default: the first scenario file's seed).")
    Long seed;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a field of every scenario file (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--days", paramLabel = "N", description = "Simulate only the first N days of the scenario files.")
    Long days;

    @Option(names = "--labels", paramLabel = "LABEL", split = ",", description = "Names of the runs in charts and tables.")
    List<String> labels;

    @Option(names = "--align", paramLabel = "WHAT", split = ",",
            description = "Line up runs that differ: 'dates' compares only the dates all runs share, 'metrics' only the metrics all have.")
    List<String> align = new ArrayList<>();

    @Option(names = "--metrics", paramLabel = "METRIC", split = ",",
            description = "Compare only these metrics, which then lead as the headline (names or patterns with *, e.g. 'compliance_*');"
                    + " default: all metrics, led by compliance, litigation and policies.")
    List<String> metrics = new ArrayList<>();

    @Option(names = "--alpha", paramLabel = "A", description = "Significance level (default 0.05).")
    double alpha = 0.05;

    @CommandLine.Mixin
    ForceOption forceOption = new ForceOption();

    @Option(names = "--no-resume", description = "Discard an interrupted comparison in DIR.incomplete instead of resuming it.")
    boolean noResume;

    @Option(names = "--quiet", description = "No progress and no summary.")
    boolean quiet;

    @Option(names = org.jurisim.scenario.Limits.FLAG, description = "Accept more replicates than the default limit; see docs/reliability.md.")
    boolean allowLarge;

    @CommandLine.Mixin
    EngineOptions engine = new EngineOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (replicates < 1) {
            throw new CommandLine.ParameterException(cl, "--replicates must be at least 1, found " + replicates);
        }
        org.jurisim.common.Problem tooMany = org.jurisim.scenario.Limits.of(allowLarge).replicates("--replicates", replicates,
                "replicates per scenario file");
        if (tooMany != null) {
            throw new org.jurisim.common.BadInputException(tooMany);
        }
        boolean spark = engine.spark(cl);
        int t = engine.threads(cl);
        Main.checkSeed(cl, seed);
        if (days != null && days < 1) {
            throw new CommandLine.ParameterException(cl, "--days must be at least 1, found " + days);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new CommandLine.ParameterException(cl, "--alpha must be between 0 and 1, found " + alpha);
        }
        if (labels != null && labels.size() != inputs.size()) {
            throw new CommandLine.ParameterException(cl, "--labels gives " + labels.size() + " names for " + inputs.size() + " runs");
        }
        Set<Compare.Align> al = EnumSet.noneOf(Compare.Align.class);
        for (String a : align) {
            try {
                al.add(Compare.Align.valueOf(a.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--align takes 'dates' or 'metrics', found '" + a + "'");
            }
        }
        // a default name is reserved (locked) here, fresh even for experiments started in the same second
        try (OutputPlace.Lock reserved = out != null ? null : OutputPlace.reserveNew(OutputPlace.defaultName("compare"))) {
            Path dir = reserved != null ? reserved.target() : out;
            List<String> cmd = new ArrayList<>();
            cmd.add("jurisim");
            cmd.addAll(cl.getParseResult().originalArgs());
            Compare.Options o = new Compare.Options(overrides, seed, replicates, t, days, labels, al, metrics, alpha, forceOption.force, !noResume,
                    cmd, TerminalProgress.of(quiet));
            Compare.Result r;
            if (spark) {
                try (DistributedEngine e = engine.open("JuriSim compare")) {
                    r = Compare.run(inputs, dir, o, e);
                }
            } else {
                r = Compare.run(inputs, dir, o);
            }
            if (!quiet) {
                PrintWriter w = cl.getOut();
                for (String line : Compare.terminal(r)) {
                    w.println(Main.printable(line));
                }
            }
            return Main.OK;
        }
    }
}
