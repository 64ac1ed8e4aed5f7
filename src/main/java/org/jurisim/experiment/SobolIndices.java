package org.jurisim.experiment;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Variance-based sensitivity indices from a Saltelli design: for base matrices A and B (N rows each) and the k
 * matrices A_B^(i) (A with column i taken from B),
 * <ul>
 *   <li>first-order index (Saltelli et al. 2010): S_i = mean_j[ (f(B)_j - f0) (f(A_B^i)_j - f(A)_j) ] / V</li>
 *   <li>total index (Jansen 1999): ST_i = mean_j[ (f(A)_j - f(A_B^i)_j)^2 ] / (2 V)</li>
 * </ul>
 * with V the variance and f0 the mean of all f(A) and f(B) values. Subtracting f0 leaves the estimator's expectation
 * unchanged (the second factor has mean zero) and removes the variance a large output mean would add. 95% confidence intervals are bootstrap percentile intervals
 * (rows j resampled with replacement, a seeded generator, so the same data give the same intervals).
 * Means, variances and percentiles are Commons Math's.
 */
public final class SobolIndices {

    private SobolIndices() {
    }

    /** An index with its bootstrap 95% interval. */
    public record Index(double value, double ciLow, double ciHigh) {
    }

    /** Indices of one outcome: per parameter, first-order and total; N rows used, output variance. */
    public record Result(int n, double variance, Index[] first, Index[] total) {
    }

    /**
     * @param fA  outcome at the rows of A (length N)
     * @param fB  outcome at the rows of B
     * @param fAB fAB[i][j]: outcome at row j of A_B^(i)
     * @param bootstrap number of bootstrap resamples (0 for none)
     * @param seed      seed of the bootstrap resampling
     */
    public static Result analyze(double[] fA, double[] fB, double[][] fAB, int bootstrap, long seed) {
        int k = fAB.length;
        int n = fA.length;
        int[] all = new int[n];
        for (int j = 0; j < n; j++) {
            all[j] = j;
        }
        Estimate point = estimate(fA, fB, fAB, all);
        double variance = point.variance();
        Index[] first = new Index[k];
        Index[] total = new Index[k];
        double[][][] boot = new double[2][k][bootstrap];
        if (bootstrap > 0 && n > 1 && variance > 0) {
            RandomGenerator rng = new Well19937c(seed);
            int[] idx = new int[n];
            for (int b = 0; b < bootstrap; b++) {
                for (int j = 0; j < n; j++) {
                    idx[j] = rng.nextInt(n);
                }
                Estimate e = estimate(fA, fB, fAB, idx);
                for (int i = 0; i < k; i++) {
                    boot[0][i][b] = e.first()[i];
                    boot[1][i][b] = e.total()[i];
                }
            }
        }
        Percentile pct = new Percentile();
        for (int i = 0; i < k; i++) {
            first[i] = index(point.first()[i], boot[0][i], pct, bootstrap > 0 && n > 1 && variance > 0);
            total[i] = index(point.total()[i], boot[1][i], pct, bootstrap > 0 && n > 1 && variance > 0);
        }
        return new Result(n, variance, first, total);
    }

    private static Index index(double v, double[] boot, Percentile pct, boolean have) {
        if (!have || Double.isNaN(v)) {
            return new Index(v, Double.NaN, Double.NaN);
        }
        double[] finite = Stats.present(boot);
        if (finite.length == 0) {
            return new Index(v, Double.NaN, Double.NaN);
        }
        pct.setData(finite);
        return new Index(v, pct.evaluate(100 * (1 - Stats.LEVEL) / 2), pct.evaluate(100 * (1 + Stats.LEVEL) / 2));
    }

    private record Estimate(double[] first, double[] total, double variance) {
    }

    /** Point estimates over the rows {@code idx} (a bootstrap resample, or all rows). */
    private static Estimate estimate(double[] fA, double[] fB, double[][] fAB, int[] idx) {
        int k = fAB.length;
        int n = idx.length;
        double[] ab = new double[2 * n];
        for (int j = 0; j < n; j++) {
            ab[j] = fA[idx[j]];
            ab[n + j] = fB[idx[j]];
        }
        double v = new Variance(false).evaluate(ab);
        double f0 = new Mean().evaluate(ab);
        double[] s1 = new double[k];
        double[] st = new double[k];
        double[] t1 = new double[n];
        double[] t2 = new double[n];
        Mean mean = new Mean();
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < n; j++) {
                int r = idx[j];
                double a = fA[r];
                double c = fAB[i][r];
                t1[j] = (fB[r] - f0) * (c - a);
                t2[j] = (a - c) * (a - c);
            }
            s1[i] = v > 0 ? mean.evaluate(t1) / v : Double.NaN;
            st[i] = v > 0 ? mean.evaluate(t2) / (2 * v) : Double.NaN;
        }
        return new Estimate(s1, st, v);
    }
}
