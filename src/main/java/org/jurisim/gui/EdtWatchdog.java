package org.jurisim.gui;

import java.util.ArrayDeque;
import javax.swing.Timer;

/**
 * Measures how long the Swing event thread stalls: a {@value #PERIOD} ms timer's lateness is the time the
 * event thread spent on something else (painting, a slow handler). Keeps the longest stall since the last
 * {@link #reset} and the longest of the last {@value #WINDOW_MILLIS} ms (what the status bar shows).
 */
final class EdtWatchdog {

    static final int PERIOD = 20;
    static final long WINDOW_MILLIS = 10_000;
    /** Lateness under this is timer jitter, not a stall worth keeping. */
    private static final long NOISE_MILLIS = 5;

    private record Stall(long atNanos, long millis) {
    }

    private final Timer timer;
    private final ArrayDeque<Stall> recent = new ArrayDeque<>();
    private long last;
    private volatile long max;
    private volatile long recentMax;

    EdtWatchdog() {
        timer = new Timer(PERIOD, e -> tick(System.nanoTime()));
        timer.setCoalesce(false);
    }

    /** One timer tick at {@code now} (on the event thread). */
    void tick(long now) {
        if (last != 0) {
            long late = (now - last) / 1_000_000L - PERIOD;
            if (late > max) {
                max = late;
            }
            if (late > NOISE_MILLIS) {
                recent.addLast(new Stall(now, late));
            }
        }
        last = now;
        while (!recent.isEmpty() && now - recent.peekFirst().atNanos() > WINDOW_MILLIS * 1_000_000L) {
            recent.removeFirst();
        }
        long m = 0;
        for (Stall s : recent) {
            m = Math.max(m, s.millis());
        }
        recentMax = m;
    }

    void start() {
        timer.start();
    }

    void stop() {
        timer.stop();
    }

    boolean isRunning() {
        return timer.isRunning();
    }

    /** Forgets the longest stall (a new run). */
    void reset() {
        max = 0;
    }

    /** Longest stall since the last reset, ms. */
    long maxStallMillis() {
        return max;
    }

    /** Longest stall of the last {@value #WINDOW_MILLIS} ms, ms. */
    long recentStallMillis() {
        return recentMax;
    }
}
