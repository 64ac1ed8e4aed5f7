package org.jurisim.cli;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jurisim.experiment.Progress;

/**
 * Experiment progress on stderr: a progress bar (runs done, status such as points and replicates done, time
 * left) when stderr is a terminal; otherwise only the notes, one line each. Nothing at all when quiet.
 */
final class TerminalProgress implements Progress {

    private final PrintStream err;
    private final boolean bar;
    private final boolean quiet;
    private ProgressBar pb;

    private TerminalProgress(PrintStream err, boolean bar, boolean quiet) {
        this.err = err;
        this.bar = bar;
        this.quiet = quiet;
    }

    /** The progress display for a command: a bar when attached to a terminal and not quiet. */
    static Progress of(boolean quiet) {
        return new TerminalProgress(System.err, !quiet && System.console() != null, quiet);
    }

    @Override
    public void start(String task, long total, long done) {
        if (!bar) {
            return;
        }
        finish();
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" runs", 1).setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(err));
        if (done > 0) {
            b.startsFrom(done, Duration.ZERO);
        }
        pb = b.build();
    }

    @Override
    public void update(long done, String status) {
        if (pb != null) {
            pb.stepTo(done);
            pb.setExtraMessage(" " + status);
        }
    }

    @Override
    public void note(String message) {
        if (quiet) {
            return;
        }
        if (pb != null) {
            pb.pause();
            err.println();
        }
        err.println("jurisim: " + message);
        if (pb != null) {
            pb.resume();
        }
    }

    @Override
    public void finish() {
        if (pb != null) {
            pb.close();
            pb = null;
        }
    }
}
