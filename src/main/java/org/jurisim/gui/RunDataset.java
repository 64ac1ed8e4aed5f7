package org.jurisim.gui;

import java.util.ArrayList;
import java.util.List;
import org.jfree.data.xy.AbstractXYDataset;
import org.jfree.data.xy.TableXYDataset;

/**
 * A chart's view of runs' series, read straight from {@link RunSeries} arrays (no copies, no per-point
 * objects). The current run's series share one x column, so this is a {@link TableXYDataset} and can be
 * stacked; overlay datasets mix runs and are used only for lines. Event-thread only.
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

    void clear() {
        entries.clear();
    }

    void add(RunSeries run, int[] columns, String key) {
        entries.add(new Entry(run, columns, key, columns.length == 0 ? -1 : columns[columns.length - 1]));
    }

    List<Entry> entries() {
        return entries;
    }

    /** Tells the chart the data changed (call once per batch). */
    void changed() {
        fireDatasetChanged();
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
        return entries.get(series).run().size();
    }

    @Override
    public Number getX(int series, int item) {
        return entries.get(series).run().x(item);
    }

    @Override
    public double getXValue(int series, int item) {
        return entries.get(series).run().x(item);
    }

    @Override
    public Number getY(int series, int item) {
        double v = getYValue(series, item);
        return Double.isNaN(v) ? null : v;
    }

    @Override
    public double getYValue(int series, int item) {
        Entry e = entries.get(series);
        double s = 0;
        for (int c : e.columns()) {
            if (c < 0) {
                return Double.NaN;
            }
            s += e.run().y(c, item);
        }
        return s;
    }

    @Override
    public int getItemCount() {
        return entries.isEmpty() ? 0 : entries.get(0).run().size();
    }
}
