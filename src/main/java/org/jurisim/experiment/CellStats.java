package org.jurisim.experiment;

import org.apache.commons.math3.stat.descriptive.StorelessUnivariateStatistic;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Variance;

/**
 * Streaming mean and variance of every (day, metric) cell across replicates (Commons Math storeless
 * statistics): memory grows with days x metrics, never with the number of replicates. NaN values are left out.
 */
final class CellStats {

    private final int days;
    private final int metrics;
    private final StorelessUnivariateStatistic[] mean;
    private final StorelessUnivariateStatistic[] variance;

    CellStats(int days, int metrics) {
        this.days = days;
        this.metrics = metrics;
        this.mean = new StorelessUnivariateStatistic[days * metrics];
        this.variance = new StorelessUnivariateStatistic[days * metrics];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = new Mean();
            variance[i] = new Variance(true);
        }
    }

    int days() {
        return days;
    }

    int metrics() {
        return metrics;
    }

    void add(int day, int metric, double v) {
        if (Double.isNaN(v)) {
            return;
        }
        int i = day * metrics + metric;
        mean[i].increment(v);
        variance[i].increment(v);
    }

    Stats.Sample sample(int day, int metric) {
        int i = day * metrics + metric;
        int n = (int) mean[i].getN();
        if (n == 0) {
            return new Stats.Sample(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return Stats.fromMoments(n, mean[i].getResult(), n < 2 ? Double.NaN : Math.sqrt(variance[i].getResult()));
    }
}
