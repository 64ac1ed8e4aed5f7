package org.jurisim.gui;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jurisim.metrics.MetricDef;
import org.jurisim.metrics.MetricsSink;

/**
 * The model's sink for the dashboard: on the simulation thread it only copies each day's row into a
 * buffer; the Swing side drains the buffer in batches (a timer), so the simulation never waits for a
 * repaint and the screen never waits for the simulation.
 */
public final class LiveSink implements MetricsSink {

    /** One day's row. */
    public record Row(long day, LocalDate date, double[] values) {
    }

    private final Object lock = new Object();
    private List<Row> buffer = new ArrayList<>();
    private volatile List<MetricDef> columns;
    private volatile boolean ended;
    private volatile long lastDay = -1;

    @Override
    public void begin(List<MetricDef> cols) {
        columns = List.copyOf(cols);
    }

    @Override
    public void record(long day, LocalDate date, double[] values) {
        Row r = new Row(day, date, values.clone());
        synchronized (lock) {
            buffer.add(r);
        }
        lastDay = day;
    }

    @Override
    public void end() {
        ended = true;
    }

    /** Columns, once the run has begun (else null). */
    public List<MetricDef> columns() {
        return columns;
    }

    /** Takes every row recorded since the last call. */
    public List<Row> drain() {
        synchronized (lock) {
            if (buffer.isEmpty()) {
                return List.of();
            }
            List<Row> out = buffer;
            buffer = new ArrayList<>(Math.max(16, out.size()));
            return out;
        }
    }

    public boolean ended() {
        return ended;
    }

    /** Last day recorded (-1 before the first). */
    public long lastDay() {
        return lastDay;
    }
}
