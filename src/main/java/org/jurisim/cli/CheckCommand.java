package org.jurisim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jurisim.experiment.Check;
import org.jurisim.experiment.DistributedEngine;
import org.jurisim.experiment.Targets;
import org.jurisim.output.OutputPlace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jurisim check}: runs the scenarios that calibration targets name and reports, per target, model against record. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check the model against the record of real detainers, removals, suits and policies.",
                "The check runs the scenarios the calibration targets name as replicates (each only as many days as"
                        + " its targets need) and computes every target's statistic per replicate. It prints, per target,"
                        + " the record, the model's mean, the min-max of the replicates, the 90%% of replicates between"
                        + " their 5th and 95th percentiles, the acceptance range, and PASS (the mean is within the range),"
                        + " FAIL, or NOT MEASURED (the model has no output for it). It writes check.csv,"
                        + " check-replicates.csv, report.html (the record over the model's bands) and the replicates"
                        + " (runs/).",
                "The exit status is 0 even when targets fail, since a check is a report; it is 2 on bad input."},
        footer = {"", "Examples:",
                "  ./jurisim check                   # the built-in targets, 20 replicates",
                "  ./jurisim check --quick           # the quick subset, 3 replicates",
                "  ./jurisim check --only detainers-fy2018,removals-fy2019 --replicates 10",
                "  ./jurisim check --quick --out runs/my-check --force",
                "See docs/validation.md (\"How to check the model against the record\")."})
final class CheckCommand implements Callable<Integer> {

    @Option(names = "--targets", paramLabel = "FILE",
            description = "Targets file (YAML; default: the built-in targets, " + Targets.BUILT_IN + " in the jar)."
                    + " Scenario paths in it are relative to its directory, else to the working directory.")
    Path targetsFile;

    @Option(names = "--only", paramLabel = "ID", split = ",", description = "Check only these targets (ids, comma-separated).")
    List<String> only = new ArrayList<>();

    @Option(names = "--quick", description = "Check only the targets marked 'quick: true', with " + Check.QUICK_REPLICATES
            + " replicates unless --replicates says otherwise (what CI runs).")
    boolean quick;

    @Option(names = "--replicates", paramLabel = "N",
            description = "Replicates per scenario (default " + Check.DEFAULT_REPLICATES + "; " + Check.QUICK_REPLICATES + " with --quick).")
    Integer replicates;

    @Option(names = "--seed", paramLabel = "N", description = "Base seed of every scenario's replicates (default: each scenario's own).")
    Long seed;

    @Option(names = "--parameter-uncertainty", paramLabel = "POSTERIOR.csv",
            description = "Each replicate takes its parameters from a row of a calibration's posterior.csv, drawn from its seed"
                    + " (docs/calibration.md): the replicates' spread carries parameter uncertainty as well as chance. Thread engine only.")
    Path parameterUncertainty;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/check-<timestamp>).")
    Path out;

    @CommandLine.Mixin
    ForceOption forceOption = new ForceOption();

    @Option(names = "--no-resume", description = "Discard an interrupted check in DIR.incomplete instead of resuming it.")
    boolean noResume;

    @Option(names = "--quiet", description = "No progress and no table.")
    boolean quiet;

    @CommandLine.Mixin
    EngineOptions engine = new EngineOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (replicates != null && replicates < 1) {
            throw new CommandLine.ParameterException(cl, "--replicates must be at least 1, found " + replicates);
        }
        Main.checkSeed(cl, seed);
        boolean spark = engine.spark(cl);
        if (spark && parameterUncertainty != null) {
            throw new CommandLine.ParameterException(cl, "--parameter-uncertainty runs on --engine threads only");
        }
        int t = engine.threads(cl);
        Targets targets = targetsFile == null ? Targets.builtIn() : Targets.load(targetsFile);
        List<String> ids = new ArrayList<>();
        for (String id : only) {
            if (!id.isBlank()) {
                ids.add(id.trim());
            }
        }
        // a default name is reserved (locked) here, fresh even for checks started in the same second
        try (OutputPlace.Lock reserved = out != null ? null : OutputPlace.reserveNew(OutputPlace.defaultName("check"))) {
            Path dir = reserved != null ? reserved.target() : out;
            List<String> cmd = new ArrayList<>();
            cmd.add("jurisim");
            cmd.addAll(cl.getParseResult().originalArgs());
            Check.Options o = new Check.Options(replicates, t, seed, ids, quick, forceOption.force, !noResume, cmd, TerminalProgress.of(quiet));
            Check.Result r;
            if (spark) {
                try (DistributedEngine e = engine.open("JuriSim check")) {
                    r = Check.run(targets, dir, o, e);
                }
            } else {
                r = Check.run(targets, dir, o, null, parameterUncertainty);
            }
            if (!quiet) {
                PrintWriter w = cl.getOut();
                w.printf(Locale.ROOT, "JuriSim check: %d targets from %s, %d replicates per scenario%n", r.outcomes().size(),
                        targets.file(), r.replicates());
                w.printf(Locale.ROOT, "  PASS: the mean over replicates is within the acceptance range; min-max: of all %d"
                        + " replicates; 90%%: 5th-95th percentile of the replicates%n%n", r.replicates());
                for (String line : Check.table(r)) {
                    w.println(line);
                }
                w.println();
                w.printf(Locale.ROOT, "  %-16s %d pass, %d fail, %d not measured%n", "verdicts", r.count(Check.Verdict.PASS),
                        r.count(Check.Verdict.FAIL), r.count(Check.Verdict.NOT_MEASURED));
                w.printf(Locale.ROOT, "  %-16s %.2f s%n", "wall time", r.wallSeconds());
                w.printf(Locale.ROOT, "  %-16s %s%n", "report", r.directory().resolve("report.html"));
            }
            return Main.OK;
        }
    }
}
