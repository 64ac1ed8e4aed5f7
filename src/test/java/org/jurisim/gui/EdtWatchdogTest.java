package org.jurisim.gui;

import static org.assertj.core.api.Assertions.assertThat;

import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/**
 * The status bar's stall measurement: the event thread's longest recent stall, from a timer's lateness.
 * Asserts the mechanism (a deliberately blocked event thread is reported), not the machine's speed.
 */
class EdtWatchdogTest {

    private static final long MS = 1_000_000L;

    @Test
    void aLateTickIsAStallAndIsForgottenAfterTheWindow() {
        EdtWatchdog w = new EdtWatchdog();
        long t = 1_000 * MS;
        w.tick(t);
        for (int i = 0; i < 10; i++) {
            t += EdtWatchdog.PERIOD * MS;
            w.tick(t);
        }
        assertThat(w.recentStallMillis()).isZero();
        t += (EdtWatchdog.PERIOD + 450) * MS; // the event thread was busy for 450 ms
        w.tick(t);
        assertThat(w.recentStallMillis()).isEqualTo(450);
        assertThat(w.maxStallMillis()).isEqualTo(450);
        // still reported for the window, then forgotten (the longest since the reset stays)
        long until = t + (EdtWatchdog.WINDOW_MILLIS - 100) * MS;
        while (t < until) {
            t += EdtWatchdog.PERIOD * MS;
            w.tick(t);
        }
        assertThat(w.recentStallMillis()).isEqualTo(450);
        t += 200 * MS;
        w.tick(t);
        t += EdtWatchdog.PERIOD * MS;
        w.tick(t);
        assertThat(w.recentStallMillis()).isEqualTo(180);
        for (int i = 0; i < 600; i++) {
            t += EdtWatchdog.PERIOD * MS;
            w.tick(t);
        }
        assertThat(w.recentStallMillis()).isZero();
        assertThat(w.maxStallMillis()).isEqualTo(450);
        w.reset();
        assertThat(w.maxStallMillis()).isZero();
    }

    @Test
    void aBlockedEventThreadIsReported() throws Exception {
        EdtWatchdog w = new EdtWatchdog();
        SwingUtilities.invokeAndWait(w::start);
        try {
            Thread.sleep(200);
            SwingUtilities.invokeAndWait(() -> {
                try {
                    Thread.sleep(600); // block the event thread on purpose
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long deadline = System.nanoTime() + 10_000 * MS;
            while (w.recentStallMillis() < 500 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(w.recentStallMillis()).as("stall reported after blocking the event thread 600 ms").isGreaterThanOrEqualTo(500);
            assertThat(w.maxStallMillis()).isGreaterThanOrEqualTo(500);
        } finally {
            SwingUtilities.invokeAndWait(w::stop);
        }
    }
}
