package org.jurisim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jurisim.experiment.CheckpointedRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jurisim resume RUNDIR}: finishes a run started with {@code --checkpoint-every} that was interrupted. */
@Command(name = "resume", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Finish an interrupted run that was started with 'run --checkpoint-every'.",
                "RUNDIR is the run's output directory, or its working directory RUNDIR.incomplete. The run goes on from"
                        + " its latest checkpoint (from the start if it had none yet) with the scenario loaded again, which"
                        + " must not have changed. It ends with the same outputs, byte for byte, as if it had never been"
                        + " interrupted."},
        footer = {"", "Example (the second command after the first was interrupted):",
                "  ./jurisim run scenarios/standoff-2026.yaml --checkpoint-every 365d \\",
                "      --out runs/long",
                "  ./jurisim resume runs/long"})
final class ResumeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUNDIR", description = "The interrupted run's directory (DIR or DIR.incomplete).")
    Path dir;

    @Option(names = "--quiet", description = "No summary.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CheckpointedRun.Resumed r = CheckpointedRun.resume(dir, null);
        if (!quiet) {
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.US, "JuriSim resume: %s%n", Main.printable(String.valueOf(r.result().directory())));
            o.printf(Locale.US, "  %-16s %s%n", "resumed from", r.checkpoint() == null ? "the start (no checkpoint had been written)"
                    : "day " + r.fromDay() + " (" + r.checkpoint().getFileName() + ")");
            o.printf(Locale.US, "  %-16s %d days%n", "simulated", r.result().days());
            o.printf(Locale.US, "  %-16s %.2f s%n", "wall time", r.result().wallSeconds());
        }
        return Main.OK;
    }
}
