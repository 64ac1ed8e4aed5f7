package org.jurisim.experiment;

import java.util.Locale;
import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Variance;

/**
 * How much of what a sweep shows is noise, per outcome. A point's outcome is the mean of its R replicates; the
 * replicates of one point differ only by their random numbers, so their spread, pooled over all points, is the
 * noise: a point mean is uncertain by about {@code pooledSd / sqrt(R)}. That is set against the spread of the
 * point means across the design, and a one-way analysis of variance (points as groups, Commons Math's F
 * distribution) tests whether the points differ more than replicates of one point do. A Saltelli design also
 * measures noise with one replicate: its dummy's A_B points repeat A's parameters with other random numbers, so
 * half the mean squared difference of the pairs is the noise variance of a point mean.
 */
public final class SweepNoise {

    /** Share of the spread of point means above which an outcome's differences are called mostly noise. */
    public static final double MOSTLY_NOISE = 0.5;

    /** Share of the spread of point means above which an outcome is called noisy. */
    public static final double NOISY = 0.2;

    private SweepNoise() {
    }

    /**
     * The noise of one outcome.
     *
     * @param replicates  R, replicates per point
     * @param points      points with a value
     * @param pooledSd    standard deviation of replicates around their point's mean, pooled over points (NaN when R = 1)
     * @param reseedSd    noise standard deviation of a point mean measured by the dummy's pairs (NaN: not a Saltelli design)
     * @param seMean      noise standard deviation of a point mean: pooledSd / sqrt(R), else reseedSd
     * @param halfWidth   95% noise half-width of a point mean (t quantile x seMean)
     * @param spreadSd    standard deviation of the point means across the design
     * @param noiseShare  seMean^2 / spreadSd^2: the share of the spread of point means that noise alone gives
     * @param anovaP      p-value of the one-way F test of "all points have the same mean" (NaN when R = 1)
     */
    public record Noise(String outcome, int replicates, int points, double pooledSd, double reseedSd, double seMean,
                        double halfWidth, double spreadSd, double noiseShare, double anovaP) {

        /** Whether the noise was measured at all. */
        public boolean measured() {
            return !Double.isNaN(seMean);
        }

        /** One of: constant, not measured, noise, mostly noise, noisy, signal. */
        public String verdict() {
            if (!(spreadSd > 0)) {
                return "constant";
            }
            if (!measured()) {
                return "not measured";
            }
            if (!Double.isNaN(anovaP) && anovaP >= 1 - Stats.LEVEL) {
                return "noise";
            }
            return noiseShare >= MOSTLY_NOISE ? "mostly noise" : noiseShare >= NOISY ? "noisy" : "signal";
        }

        /** A plain sentence when the outcome's differences between points are (mostly) noise or not measured; null otherwise. */
        public String warning() {
            return switch (verdict()) {
                case "not measured" -> outcome + ": one run per point, so the sweep cannot tell its differences from noise;"
                        + " run it with --replicates 3 or more.";
                case "noise" -> String.format(Locale.ROOT, "%s: the points differ no more than replicates of one point do"
                        + " (F test p = %s): the differences between points are noise.", outcome, Report.sig(anovaP, 2, false));
                case "mostly noise", "noisy" -> String.format(Locale.ROOT, "%s: noise alone gives %s of the spread of the point means;"
                        + " differences smaller than \u00b1%s are noise.", outcome, Report.sig(Math.min(1, noiseShare), 2, true),
                        Report.sig(halfWidth, 2, false));
                default -> null;
            };
        }
    }

    /**
     * @param means     per point, the mean of its replicates (NaN: no value)
     * @param variances per point, the sample variance of its replicates (NaN when R = 1)
     * @param reseedSd  the dummy's measure of noise (NaN when there is none)
     */
    public static Noise of(String outcome, int replicates, double[] means, double[] variances, double reseedSd) {
        double[] m = Stats.present(means);
        int points = m.length;
        double spread = points > 1 ? Math.sqrt(new Variance(true).evaluate(m)) : Double.NaN;
        double pooled = Double.NaN;
        double anovaP = Double.NaN;
        if (replicates > 1) {
            double[] v = Stats.present(variances);
            if (v.length > 0) {
                pooled = Math.sqrt(new Mean().evaluate(v));
                double df1 = points - 1;
                double df2 = (double) v.length * (replicates - 1);
                double within = pooled * pooled;
                if (df1 > 0 && df2 > 0) {
                    double between = replicates * spread * spread;
                    if (within > 0) {
                        double f = between / within;
                        anovaP = 1 - new FDistribution((RandomGenerator) null, df1, df2).cumulativeProbability(f);
                    } else {
                        anovaP = between > 0 ? 0 : 1;
                    }
                }
            }
        }
        double se = !Double.isNaN(pooled) ? pooled / Math.sqrt(replicates) : reseedSd;
        double df = !Double.isNaN(pooled) ? (double) points * (replicates - 1) : Math.max(1, points / 2.0);
        double half = Double.isNaN(se) ? Double.NaN : Stats.tCritical(df) * se;
        double share = spread > 0 && !Double.isNaN(se) ? se * se / (spread * spread) : Double.NaN;
        return new Noise(outcome, replicates, points, pooled, reseedSd, se, half, spread, share, anovaP);
    }

    /** The dummy's noise measure: sqrt(mean((f(A) - f(A_B^dummy))^2) / 2), over the pairs where both have a value. */
    public static double reseedSd(double[] fA, double[] fDummy) {
        double sum = 0;
        int n = 0;
        for (int j = 0; j < fA.length; j++) {
            double d = fA[j] - fDummy[j];
            if (!Double.isNaN(d)) {
                sum += d * d;
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.sqrt(sum / n / 2);
    }
}
