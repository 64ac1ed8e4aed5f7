package org.jurisim.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.moment.Mean;

/**
 * Reads replicates' daily rows (as written in timeseries.csv) one replicate at a time and keeps, for a window of
 * days and a selection of metrics: the per-day statistics across replicates ({@link CellStats}) and each
 * replicate's outcomes, its end value and time-averaged value per metric ({@link Outcomes}).
 * The same code serves a running experiment and the re-reading of one from disk, so both give the same numbers.
 */
final class SeriesAccumulator {

    private final List<String> metrics;
    private final int[] columns;
    private final long firstDay;
    private final int days;
    private final CellStats cells;
    private final String[] dates;
    private final Mean[] avg;
    private final double[] last;
    private int replicates;

    /**
     * @param fileMetrics the metric columns of the file, in order
     * @param selected    the metrics to keep (a subset of fileMetrics, in the order wanted)
     * @param firstDay    first day of the window (the file's day column)
     * @param days        number of days in the window
     */
    SeriesAccumulator(List<String> fileMetrics, List<String> selected, long firstDay, int days) {
        this.metrics = List.copyOf(selected);
        this.columns = new int[selected.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = fileMetrics.indexOf(selected.get(i));
            if (columns[i] < 0) {
                throw new IllegalArgumentException("no metric " + selected.get(i));
            }
        }
        this.firstDay = firstDay;
        this.days = days;
        this.cells = new CellStats(days, columns.length);
        this.dates = new String[days];
        this.avg = new Mean[columns.length];
        for (int i = 0; i < avg.length; i++) {
            avg[i] = new Mean();
        }
        this.last = new double[columns.length];
    }

    List<String> metrics() {
        return metrics;
    }

    int days() {
        return days;
    }

    int replicates() {
        return replicates;
    }

    CellStats cells() {
        return cells;
    }

    /** The date of day {@code i} of the window (as written in the file), or null if no replicate reached it. */
    String date(int i) {
        return dates[i];
    }

    void beginReplicate() {
        for (Mean m : avg) {
            m.clear();
        }
        Arrays.fill(last, Double.NaN);
    }

    /**
     * One row: {@code f[offset]} is the day, {@code f[offset + 1]} the date, the metric values follow.
     */
    void row(String[] f, int offset) {
        long day = Long.parseLong(f[offset]);
        long i = day - firstDay;
        if (i < 0 || i >= days) {
            return;
        }
        int d = (int) i;
        if (dates[d] == null) {
            dates[d] = f[offset + 1];
        }
        boolean lastDay = d == days - 1;
        for (int m = 0; m < columns.length; m++) {
            String s = f[offset + 2 + columns[m]];
            double v = s.isEmpty() ? Double.NaN : Double.parseDouble(s);
            cells.add(d, m, v);
            if (!Double.isNaN(v)) {
                avg[m].increment(v);
            }
            if (lastDay) {
                last[m] = v;
            }
        }
    }

    /** Ends a replicate and returns its outcomes: per metric, end value then time-averaged value. */
    double[] endReplicate() {
        replicates++;
        double[] out = new double[2 * columns.length];
        for (int m = 0; m < columns.length; m++) {
            out[2 * m] = last[m];
            out[2 * m + 1] = avg[m].getN() == 0 ? Double.NaN : avg[m].getResult();
        }
        return out;
    }

    /** Outcome names in the order {@link #endReplicate} returns them. */
    List<String> outcomeNames() {
        List<String> out = new ArrayList<>();
        for (String m : metrics) {
            out.add(Outcomes.end(m));
            out.add(Outcomes.avg(m));
        }
        return out;
    }
}
