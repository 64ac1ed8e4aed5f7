package org.jurisim.gui;

import java.awt.AWTEvent;
import java.awt.EventQueue;
import java.awt.Toolkit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.swing.SwingUtilities;

/**
 * Times every event the event thread dispatches, and the part of it the thread spent waiting for a CPU (Linux:
 * the run-queue delay in {@code /proc/self/task/TID/schedstat}). An event's own time, wall time minus that wait, is
 * what the dashboard's code made the window wait (its work, a sleep, a lock, a call that blocks); the wait for a CPU
 * is what other processes on a loaded machine add. Installed for one test, then removed.
 */
final class EdtAccounting extends EventQueue {

    private final Path schedstat;
    private volatile long maxWallMillis;
    private volatile long maxOwnMillis;
    private volatile String longest = "";

    private EdtAccounting(Path schedstat) {
        this.schedstat = schedstat;
    }

    /** Installs it on the event queue (call off the event thread). */
    static EdtAccounting install() throws Exception {
        Path[] stat = new Path[1];
        SwingUtilities.invokeAndWait(() -> {
            try {
                // /proc/thread-self is this thread's /proc/PID/task/TID
                Path self = Path.of("/proc/thread-self").toRealPath();
                Path s = self.resolve("schedstat");
                stat[0] = Files.isReadable(s) ? s : null;
            } catch (IOException | RuntimeException e) {
                stat[0] = null; // not Linux: own time is wall time
            }
        });
        EdtAccounting q = new EdtAccounting(stat[0]);
        Toolkit.getDefaultToolkit().getSystemEventQueue().push(q);
        return q;
    }

    /** Whether the run-queue wait is known (Linux); otherwise own time is wall time. */
    boolean measuresCpuWait() {
        return schedstat != null;
    }

    /** Removes it from the event queue. */
    void remove() throws Exception {
        SwingUtilities.invokeAndWait(this::pop);
    }

    /** Starts a new measure: forgets the longest events. */
    void reset() {
        maxWallMillis = 0;
        maxOwnMillis = 0;
        longest = "";
    }

    long maxWallMillis() {
        return maxWallMillis;
    }

    long maxOwnMillis() {
        return maxOwnMillis;
    }

    /** The event with the longest own time since the reset. */
    String longest() {
        return longest;
    }

    @Override
    protected void dispatchEvent(AWTEvent event) {
        long d0 = runQueueNanos();
        long t0 = System.nanoTime();
        super.dispatchEvent(event);
        long wall = System.nanoTime() - t0;
        long own = wall - Math.max(0, runQueueNanos() - d0);
        long wallMs = wall / 1_000_000L;
        long ownMs = own / 1_000_000L;
        if (wallMs > maxWallMillis) {
            maxWallMillis = wallMs;
        }
        if (ownMs > maxOwnMillis) {
            maxOwnMillis = ownMs;
            longest = ownMs + " ms own (" + wallMs + " ms wall): " + event.paramString().replaceAll(",when=.*", "") + " "
                    + event.getClass().getSimpleName();
        }
    }

    /** Time this thread has spent waiting for a CPU, ns (0 when unknown). */
    private long runQueueNanos() {
        if (schedstat == null) {
            return 0;
        }
        try {
            String[] f = Files.readString(schedstat).trim().split("\\s+");
            return Long.parseLong(f[1]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
