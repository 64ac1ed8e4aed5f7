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
 *
 * <p>What makes the indices honest about noise:
 * <ul>
 *   <li><b>The dummy.</b> One of the parameters may be an inert dummy ({@link Design#DUMMY}): its indices are what the
 *   estimator gives for a parameter that does nothing but change the random numbers, the noise floor. Each
 *   parameter's total index is compared with the dummy's by a paired bootstrap of the difference ST_i - ST_dummy
 *   (the same resampled rows for both): a parameter is <i>above the dummy</i> only when that difference's 95%
 *   interval lies above zero.</li>
 *   <li><b>Convergence.</b> The indices are estimated again from the first N/2 rows (a valid design: the rows come
 *   from a Sobol sequence, whose prefixes cover the space); a large change from N/2 to N means N is too small.</li>
 *   <li><b>Impossible values.</b> An index below 0 or above 1 is estimator variance, never a property of the model:
 *   {@link #note} says so in words.</li>
 * </ul>
 */
public final class SobolIndices {

    private SobolIndices() {
    }

    /** An index with its bootstrap 95% interval. */
    public record Index(double value, double ciLow, double ciHigh) {
    }

    /** Smallest total index (share of variance) a parameter needs to count as moving an outcome, above the dummy or not. */
    public static final double MIN_SHARE = 0.01;

    /** Largest change of an index between N/2 and N rows for the estimate to count as converged. */
    public static final double CONVERGED = 0.05;

    /**
     * Indices of one outcome: per parameter, first-order and total; N rows used, output variance; the dummy's
     * position among the parameters (-1: none); per parameter, ST_i - ST_dummy with its paired bootstrap interval
     * (NaN without a dummy); the first-order and total indices from the first N/2 rows (NaN when N &lt; 4).
     */
    public record Result(int n, double variance, Index[] first, Index[] total, int dummy, Index[] excess, double[] firstHalf,
                         double[] totalHalf) {

        /**
         * Whether parameter {@code i}'s total index is above the dummy's: the lower end of ST_i - ST_dummy's interval
         * above 0, and ST_i at least {@link #MIN_SHARE}.
         */
        public boolean aboveDummy(int i) {
            if (i == dummy || !(total[i].value() >= MIN_SHARE)) {
                return false;
            }
            if (dummy < 0) {
                return true;
            }
            Index e = excess[i];
            return Double.isNaN(e.ciLow()) ? e.value() > 0 : e.ciLow() > 0;
        }

        /** The largest change of an index (first-order or total, any parameter) between N/2 and N rows; NaN when unknown. */
        public double convergenceGap() {
            double gap = Double.NaN;
            for (int i = 0; i < total.length; i++) {
                for (double d : new double[] {Math.abs(total[i].value() - totalHalf[i]), Math.abs(first[i].value() - firstHalf[i])}) {
                    if (!Double.isNaN(d)) {
                        gap = Double.isNaN(gap) ? d : Math.max(gap, d);
                    }
                }
            }
            return gap;
        }

        /** Whether the indices moved by at most {@link #CONVERGED} from N/2 to N rows (false when unknown). */
        public boolean converged() {
            return convergenceGap() <= CONVERGED;
        }
    }

    /**
     * What an index's value means when it cannot be a share of variance (below 0 or above 1), or when it is
     * undefined; empty for an ordinary value.
     */
    public static String note(Index x) {
        if (Double.isNaN(x.value())) {
            return "undefined: the outcome does not vary";
        }
        if (x.value() < 0) {
            return "noise: a negative index is estimator variance; the index is not distinguishable from zero";
        }
        if (x.value() > 1) {
            return "noise: an index above 1 is estimator variance (a share of variance is at most 1)";
        }
        return "";
    }

    /** Indices without a dummy. */
    public static Result analyze(double[] fA, double[] fB, double[][] fAB, int bootstrap, long seed) {
        return analyze(fA, fB, fAB, -1, bootstrap, seed);
    }

    /**
     * @param fA  outcome at the rows of A (length N)
     * @param fB  outcome at the rows of B
     * @param fAB fAB[i][j]: outcome at row j of A_B^(i)
     * @param dummy     which i is the inert dummy (-1: none)
     * @param bootstrap number of bootstrap resamples (0 for none)
     * @param seed      seed of the bootstrap resampling
     */
    public static Result analyze(double[] fA, double[] fB, double[][] fAB, int dummy, int bootstrap, long seed) {
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
        double[][][] boot = new double[3][k][bootstrap];
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
                    boot[2][i][b] = dummy >= 0 ? e.total()[i] - e.total()[dummy] : Double.NaN;
                }
            }
        }
        Percentile pct = new Percentile();
        Index[] excess = new Index[k];
        boolean have = bootstrap > 0 && n > 1 && variance > 0;
        for (int i = 0; i < k; i++) {
            first[i] = index(point.first()[i], boot[0][i], pct, have);
            total[i] = index(point.total()[i], boot[1][i], pct, have);
            excess[i] = dummy < 0 ? new Index(Double.NaN, Double.NaN, Double.NaN)
                    : index(point.total()[i] - point.total()[dummy], boot[2][i], pct, have);
        }
        double[] firstHalf = new double[k];
        double[] totalHalf = new double[k];
        java.util.Arrays.fill(firstHalf, Double.NaN);
        java.util.Arrays.fill(totalHalf, Double.NaN);
        if (n >= 4) {
            int[] half = new int[n / 2];
            for (int j = 0; j < half.length; j++) {
                half[j] = j;
            }
            Estimate h = estimate(fA, fB, fAB, half);
            firstHalf = h.first();
            totalHalf = h.total();
        }
        return new Result(n, variance, first, total, dummy, excess, firstHalf, totalHalf);
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
