package org.jurisim.output;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jurisim.metrics.MetricDef;
import org.jurisim.metrics.MetricsSink;

/**
 * A run's daily metric series held in memory (a few hundred kB per simulated decade): filled as a
 * {@link MetricsSink} during a run, or read back from a run's {@code timeseries.csv}. Charts draw from it.
 */
public final class SeriesTable implements MetricsSink {

    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final List<LocalDate> dates = new ArrayList<>();
    private double[][] columns = new double[0][];
    private int rows;

    @Override
    public void begin(List<MetricDef> cols) {
        names.clear();
        index.clear();
        for (MetricDef c : cols) {
            index.put(c.name(), names.size());
            names.add(c.name());
        }
        columns = new double[names.size()][256];
        rows = 0;
        dates.clear();
    }

    @Override
    public void record(long day, LocalDate date, double[] values) {
        if (rows == columns[0].length) {
            for (int c = 0; c < columns.length; c++) {
                columns[c] = Arrays.copyOf(columns[c], rows * 2);
            }
        }
        for (int c = 0; c < columns.length; c++) {
            columns[c][rows] = values[c];
        }
        dates.add(date);
        rows++;
    }

    /** Reads a run's timeseries.csv (as JuriSim writes it). */
    public static SeriesTable read(Path csv) throws IOException {
        SeriesTable t = new SeriesTable();
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new IOException(csv + ": empty file");
            }
            String[] h = header.split(",", -1);
            int first = Arrays.asList(h).indexOf("date") + 1;
            if (first == 0) {
                throw new IOException(csv + ": no 'date' column");
            }
            List<MetricDef> cols = new ArrayList<>();
            for (int i = first; i < h.length; i++) {
                cols.add(new MetricDef(h[i], "", ""));
            }
            t.begin(cols);
            String line;
            double[] vals = new double[cols.size()];
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                for (int i = 0; i < vals.length; i++) {
                    String s = f[first + i];
                    vals[i] = s.isEmpty() ? Double.NaN : Double.parseDouble(s);
                }
                t.record(0, LocalDate.parse(f[first - 1]), vals);
            }
        }
        return t;
    }

    public int rows() {
        return rows;
    }

    public List<String> names() {
        return List.copyOf(names);
    }

    public boolean has(String name) {
        return index.containsKey(name);
    }

    public LocalDate date(int row) {
        return dates.get(row);
    }

    public double value(String name, int row) {
        Integer c = index.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no metric " + name);
        }
        return columns[c][row];
    }

    /** A copy of one metric's series. */
    public double[] series(String name) {
        Integer c = index.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no metric " + name);
        }
        return Arrays.copyOf(columns[c], rows);
    }
}
