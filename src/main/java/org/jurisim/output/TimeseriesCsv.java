package org.jurisim.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.jurisim.metrics.MetricDef;
import org.jurisim.metrics.MetricsSink;

/** Streams {@code timeseries.csv}: one row per day, {@code day,date,} then one column per metric. */
public final class TimeseriesCsv implements MetricsSink, AutoCloseable {

    private final BufferedWriter out;
    private final String prefixHeader;
    private final String prefixValue;
    private final boolean appending;
    private final StringBuilder line = new StringBuilder(512);

    public TimeseriesCsv(Path file) throws IOException {
        this(file, null, null);
    }

    /** With an extra leading column (e.g. {@code replicate}) holding the same value on every row. */
    public TimeseriesCsv(Path file, String extraColumn, String extraValue) throws IOException {
        this(Files.newBufferedWriter(file, StandardCharsets.UTF_8), extraColumn, extraValue, false);
    }

    private TimeseriesCsv(BufferedWriter out, String extraColumn, String extraValue, boolean appending) {
        this.out = out;
        this.prefixHeader = extraColumn == null ? "" : extraColumn + ",";
        this.prefixValue = extraColumn == null ? "" : extraValue + ",";
        this.appending = appending;
    }

    /** Appends rows to an existing timeseries.csv (a resumed run, cut back to its checkpoint): no header. */
    public static TimeseriesCsv appending(Path file) throws IOException {
        return new TimeseriesCsv(Files.newBufferedWriter(file, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.APPEND), null, null, true);
    }

    @Override
    public void begin(List<MetricDef> columns) {
        if (appending) {
            throw new IllegalStateException("a resumed run's timeseries.csv already has its header");
        }
        line.setLength(0);
        line.append(prefixHeader).append("day,date");
        for (MetricDef c : columns) {
            line.append(',').append(c.name());
        }
        write();
    }

    @Override
    public void record(long day, LocalDate date, double[] values) {
        line.setLength(0);
        line.append(prefixValue).append(day).append(',').append(date);
        for (double v : values) {
            line.append(',').append(Numbers.format(v));
        }
        write();
    }

    private void write() {
        try {
            out.append(line).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void end() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
