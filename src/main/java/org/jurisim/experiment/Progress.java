package org.jurisim.experiment;

/**
 * Where an experiment reports how far it is. Called from the thread that started the experiment only.
 * The command line shows it on stderr when attached to a terminal; tests may use it to interrupt an experiment.
 */
public interface Progress {

    /** The experiment starts: {@code total} runs in all (-1 when open-ended), {@code done} of them already finished. */
    default void start(String task, long total, long done) {
    }

    /** Runs done so far, with a short status such as "points 3/40 · replicates 12/160". */
    default void update(long done, String status) {
    }

    /** A remark worth a line of its own (e.g. that an interrupted experiment is being resumed). */
    default void note(String message) {
    }

    /** The experiment has finished (or failed). */
    default void finish() {
    }

    /** Reports nothing. */
    Progress NONE = new Progress() {
    };
}
