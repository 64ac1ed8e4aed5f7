package org.jurisim.gui;

import java.util.ArrayList;
import java.util.List;
import org.jfree.data.xy.AbstractXYDataset;
import org.jfree.data.xy.TableXYDataset;

/**
 * A chart's view of runs' series, read straight from {@link RunSeries} arrays (no copies, no per-point
 * objects). The current run's series share one x column, so this is a {@link TableXYDataset} and can be
 * stacked; overlay datasets mix runs and are used only for lines. Event-thread only.
 *
 * <p>On screen a long run is decimated for display only ({@link #setDisplayLimit}): beyond the limit a line
 * keeps each bucket's lowest and highest point, in time order (the envelope of a noisy daily series and every
 * peak survive), and a stacked band keeps every k-th row and the last (the bands share their rows, so the
 * stack stays whole). {@link #entries()} and the runs themselves are never decimated: exports read those.
 */
final class RunDataset extends AbstractXYDataset implements TableXYDataset {

    private static final long serialVersionUID = 1L;

    /**
     * One series: a run, the columns summed to draw it (one column, or a stack's running sum), its key, and
     * the series' own column (what it means on its own: exports write this, never a stack's running sum).
     */
    record Entry(RunSeries run, int[] columns, String key, int own) {
    }

    private final List<Entry> entries = new ArrayList<>();
    /** Most points per series drawn (0: no limit). */
    private int displayLimit;
    private boolean stacked;
    /** Per series, the rows shown (null: every row); rebuilt lazily after a change. */
    private int[][] shown = new int[0][];
    private boolean shownValid;

    /**
     * Draw at most about {@code limit} points per series (0: all), as a line's envelope or, when
     * {@code stacked}, as every k-th shared row.
     */
    void setDisplayLimit(int limit, boolean stacked) {
        this.displayLimit = limit;
        this.stacked = stacked;
        this.shownValid = false;
    }

    void clear() {
        entries.clear();
        shownValid = false;
    }

    void add(RunSeries run, int[] columns, String key) {
        entries.add(new Entry(run, columns, key, columns.length == 0 ? -1 : columns[columns.length - 1]));
    }

    List<Entry> entries() {
        return entries;
    }

    /** Tells the chart the data changed (call once per batch). */
    void changed() {
        shownValid = false;
        fireDatasetChanged();
    }

    /** The row behind a displayed item. */
    private int row(int series, int item) {
        int[] rows = shown(series);
        return rows == null ? item : rows[item];
    }

    private int[] shown(int series) {
        if (!shownValid) {
            shown = new int[entries.size()][];
            for (int s = 0; s < entries.size(); s++) {
                shown[s] = stacked ? (s == 0 ? stride(entries.get(0).run().size(), displayLimit) : shown[0]) : envelope(s);
            }
            shownValid = true;
        }
        return shown[series];
    }

    /** Every k-th row and the last, at most about {@code limit} (null when all fit). */
    static int[] stride(int size, int limit) {
        if (limit <= 0 || size <= limit) {
            return null;
        }
        int k = (size + limit - 1) / limit;
        int n = (size - 1) / k + 1;
        boolean lastIn = (size - 1) % k == 0;
        int[] out = new int[n + (lastIn ? 0 : 1)];
        for (int i = 0; i < n; i++) {
            out[i] = i * k;
        }
        if (!lastIn) {
            out[n] = size - 1;
        }
        return out;
    }

    /** Each bucket's lowest and highest row in time order, and the last row (null when all fit). */
    private int[] envelope(int series) {
        Entry e = entries.get(series);
        int size = e.run().size();
        if (displayLimit <= 0 || size <= displayLimit) {
            return null;
        }
        int buckets = Math.max(1, displayLimit / 2);
        int width = (size + buckets - 1) / buckets;
        int[] out = new int[2 * buckets + 1];
        int n = 0;
        for (int start = 0; start < size; start += width) {
            int end = Math.min(size, start + width);
            int lo = -1;
            int hi = -1;
            double vlo = Double.POSITIVE_INFINITY;
            double vhi = Double.NEGATIVE_INFINITY;
            for (int r = start; r < end; r++) {
                double v = value(e, r);
                if (Double.isNaN(v)) {
                    continue;
                }
                if (v < vlo) {
                    vlo = v;
                    lo = r;
                }
                if (v > vhi) {
                    vhi = v;
                    hi = r;
                }
            }
            if (lo < 0) {
                out[n++] = start; // a bucket of gaps stays a gap
            } else if (lo == hi) {
                out[n++] = lo;
            } else {
                out[n++] = Math.min(lo, hi);
                out[n++] = Math.max(lo, hi);
            }
        }
        if (out[n - 1] != size - 1) {
            out[n++] = size - 1;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static double value(Entry e, int row) {
        double s = 0;
        for (int c : e.columns()) {
            if (c < 0) {
                return Double.NaN;
            }
            s += e.run().y(c, row);
        }
        return s;
    }

    @Override
    public int getSeriesCount() {
        return entries.size();
    }

    @Override
    public Comparable<String> getSeriesKey(int series) {
        return entries.get(series).key();
    }

    @Override
    public int getItemCount(int series) {
        int[] rows = shown(series);
        return rows == null ? entries.get(series).run().size() : rows.length;
    }

    @Override
    public Number getX(int series, int item) {
        return getXValue(series, item);
    }

    @Override
    public double getXValue(int series, int item) {
        return entries.get(series).run().x(row(series, item));
    }

    @Override
    public Number getY(int series, int item) {
        double v = getYValue(series, item);
        return Double.isNaN(v) ? null : v;
    }

    @Override
    public double getYValue(int series, int item) {
        return value(entries.get(series), row(series, item));
    }

    @Override
    public int getItemCount() {
        return entries.isEmpty() ? 0 : getItemCount(0);
    }
}
