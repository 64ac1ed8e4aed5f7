package org.jurisim.gui;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jurisim.output.SeriesTable;

/**
 * One run's daily metric series as the charts hold them, with bounded memory: at most {@code capacity}
 * rows per column. When full, the older half is thinned to every other row, so recent days stay at daily
 * resolution and the whole run stays on the charts however long it goes. Running totals of the
 * {@code cumulative} metrics are kept as extra columns, computed on the full daily series before thinning.
 * Confined to the Swing event thread.
 */
public final class RunSeries {

    /** Prefix of the running-total column of a metric. */
    public static final String CUMULATIVE = "cumulative:";

    public static final int DEFAULT_CAPACITY = 4000;

    private final String name;
    private final List<String> policyNames;
    private final List<String> columns;
    private final Map<String, Integer> index = new HashMap<>();
    private final int[] cumulativeOf;
    private final double[] running;
    private final int capacity;
    private double[] x;
    private double[][] y;
    private int size;
    private long daysSeen;
    private int thinnings;

    /**
     * @param metrics    the run's metric names, in the order rows will give them
     * @param cumulative metrics to keep a running total of
     */
    public RunSeries(String name, List<String> metrics, Set<String> cumulative, List<String> policyNames, int capacity) {
        if (capacity < 16) {
            throw new IllegalArgumentException("capacity too small: " + capacity);
        }
        this.name = name;
        this.policyNames = List.copyOf(policyNames);
        this.capacity = capacity;
        List<String> cols = new ArrayList<>(metrics);
        List<Integer> cum = new ArrayList<>();
        for (String c : cumulative) {
            int i = metrics.indexOf(c);
            if (i >= 0) {
                cols.add(CUMULATIVE + c);
                cum.add(i);
            }
        }
        this.columns = List.copyOf(cols);
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i), i);
        }
        this.cumulativeOf = cum.stream().mapToInt(Integer::intValue).toArray();
        this.running = new double[cumulativeOf.length];
        int initial = Math.min(capacity, 512);
        this.x = new double[initial];
        this.y = new double[columns.size()][initial];
    }

    /** A run read back from a run directory's series (every row goes through the same thinning). */
    public static RunSeries of(String name, SeriesTable t, Set<String> cumulative, List<String> policyNames, int capacity) {
        List<String> names = t.names();
        RunSeries r = new RunSeries(name, names, cumulative, policyNames, capacity);
        double[] row = new double[names.size()];
        for (int i = 0; i < t.rows(); i++) {
            for (int c = 0; c < row.length; c++) {
                row[c] = t.value(names.get(c), i);
            }
            r.append(t.date(i), row);
        }
        return r;
    }

    /** Adds one day's row (values in metric order). */
    public void append(LocalDate date, double[] values) {
        if (size == capacity) {
            thin();
        }
        if (size == x.length) {
            int n = Math.min(capacity, x.length * 2);
            x = Arrays.copyOf(x, n);
            for (int c = 0; c < y.length; c++) {
                y[c] = Arrays.copyOf(y[c], n);
            }
        }
        x[size] = millis(date);
        int m = values.length;
        for (int c = 0; c < m; c++) {
            y[c][size] = values[c];
        }
        for (int k = 0; k < cumulativeOf.length; k++) {
            double v = values[cumulativeOf[k]];
            running[k] += Double.isNaN(v) ? 0 : v;
            y[m + k][size] = running[k];
        }
        size++;
        daysSeen++;
    }

    /** Keeps every other row of the older half. */
    private void thin() {
        int half = size / 2;
        int w = 0;
        for (int i = 0; i < size; i++) {
            if (i >= half || i % 2 == 0) {
                x[w] = x[i];
                for (double[] col : y) {
                    col[w] = col[i];
                }
                w++;
            }
        }
        size = w;
        thinnings++;
    }

    /** Epoch milliseconds of midnight UTC of a date (the charts' time axis is in UTC). */
    public static double millis(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    public String name() {
        return name;
    }

    public List<String> policyNames() {
        return policyNames;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    /** Days appended in all (rows held may be fewer, once thinned). */
    public long daysSeen() {
        return daysSeen;
    }

    /** How many times the older half was thinned. */
    public int thinnings() {
        return thinnings;
    }

    public boolean has(String column) {
        return index.containsKey(column);
    }

    /** Column index, or -1. */
    public int column(String column) {
        Integer i = index.get(column);
        return i == null ? -1 : i;
    }

    public List<String> columns() {
        return columns;
    }

    public double x(int row) {
        return x[row];
    }

    public double y(int column, int row) {
        return y[column][row];
    }

    /** Value of a column at a row; NaN where the column is missing. */
    public double value(String column, int row) {
        int c = column(column);
        return c < 0 ? Double.NaN : y[c][row];
    }

    /** A frozen copy (for pinning). */
    public RunSeries copy() {
        return fill(this);
    }

    private static RunSeries fill(RunSeries src) {
        RunSeries r = new RunSeries(src.name, src.columns, java.util.Set.of(), src.policyNames, src.capacity);
        r.x = Arrays.copyOf(src.x, Math.max(src.size, 1));
        r.y = new double[src.y.length][];
        for (int c = 0; c < src.y.length; c++) {
            r.y[c] = Arrays.copyOf(src.y[c], Math.max(src.size, 1));
        }
        r.size = src.size;
        r.daysSeen = src.daysSeen;
        r.thinnings = src.thinnings;
        return r;
    }
}
