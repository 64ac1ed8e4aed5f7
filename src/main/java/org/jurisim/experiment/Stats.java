package org.jurisim.experiment;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * The statistics of experiments, all computed with Apache Commons Math 3.6.1: sample summaries with
 * t-distribution confidence intervals, Welch and paired differences, Mann-Whitney U, Cohen's d (only where the
 * replicates spread) and the minimum detectable difference of a t-test.
 * Missing values (NaN) are left out of every sample.
 */
public final class Stats {

    /** Confidence level of every interval JuriSim reports. */
    public static final double LEVEL = 0.95;

    private static final Map<Integer, Double> T_CRITICAL = new ConcurrentHashMap<>();

    private Stats() {
    }

    /** A sample's size, mean, standard deviation and 95% confidence interval of the mean (NaN where undefined). */
    public record Sample(int n, double mean, double sd, double ciLow, double ciHigh) {
        public double halfWidth() {
            return (ciHigh - ciLow) / 2;
        }
    }

    /**
     * A difference of means (b - a) with its 95% confidence interval and the tests of it; {@code se} and {@code df}
     * are the standard error and degrees of freedom of the interval used (paired or Welch; NaN when untestable).
     */
    public record Difference(double difference, double ciLow, double ciHigh, boolean paired, double welchT, double welchDf,
                             double welchP, double pairedP, double mannWhitneyU, double mannWhitneyP, double cohensD,
                             double se, double df) {
    }

    /** Below this coefficient of variation (pooled sd over the larger mean) a standardised effect size means nothing. */
    public static final double EFFECT_SIZE_MIN_CV = 0.01;

    /**
     * The smallest true difference a two-sided t-test at level {@code alpha} with standard error {@code se} and
     * {@code df} degrees of freedom detects with probability {@code power}: (t(1 - alpha/2) + t(power)) x se.
     * NaN when the test is not defined; 0 when there is no noise at all.
     */
    public static double minimumDetectable(double se, double df, double alpha, double power) {
        if (!(df > 0) || Double.isNaN(se)) {
            return Double.NaN;
        }
        if (se == 0) {
            return 0;
        }
        TDistribution t = new TDistribution((RandomGenerator) null, df);
        return (t.inverseCumulativeProbability(1 - alpha / 2) + t.inverseCumulativeProbability(power)) * se;
    }

    /** The two-sided 95% critical value of Student's t with {@code df} degrees of freedom. */
    public static double tCritical(double df) {
        if (!(df > 0)) {
            return Double.NaN;
        }
        if (df == Math.rint(df) && df < 1e6) {
            return T_CRITICAL.computeIfAbsent((int) df, d -> t(d));
        }
        return t(df);
    }

    private static double t(double df) {
        return new TDistribution((RandomGenerator) null, df).inverseCumulativeProbability(0.5 + LEVEL / 2);
    }

    /** The values that are not NaN. */
    public static double[] present(double[] values) {
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                n++;
            }
        }
        if (n == values.length) {
            return values.clone();
        }
        double[] out = new double[n];
        int i = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                out[i++] = v;
            }
        }
        return out;
    }

    /** Summary of a sample (NaN values left out). */
    public static Sample describe(double[] values) {
        double[] x = present(values);
        if (x.length == 0) {
            return new Sample(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = new Mean().evaluate(x);
        if (x.length == 1) {
            return new Sample(1, mean, Double.NaN, Double.NaN, Double.NaN);
        }
        double sd = Math.sqrt(new Variance(true).evaluate(x, mean));
        return fromMoments(x.length, mean, sd);
    }

    /** A summary from its size, mean and standard deviation: the t-interval mean +- t(n-1) sd / sqrt(n). */
    public static Sample fromMoments(int n, double mean, double sd) {
        if (n < 2) {
            return new Sample(n, n == 1 ? mean : Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double h = tCritical(n - 1) * sd / Math.sqrt(n);
        return new Sample(n, mean, sd, mean - h, mean + h);
    }

    /** Exposes Commons Math's Welch-Satterthwaite degrees of freedom. */
    private static final class Welch extends TTest {
        double degreesOfFreedom(double v1, double v2, double n1, double n2) {
            return df(v1, v2, n1, n2);
        }
    }

    /**
     * Compares sample {@code b} with sample {@code a} (difference b - a). When {@code paired} (the same replicate
     * seeds in both, i.e. common random numbers) and the samples have equal size, the interval is the paired
     * t-interval of the differences; otherwise Welch's. Welch's t-test and the Mann-Whitney U test (normal
     * approximation, ties averaged) are reported in both cases; the paired t-test p-value only when paired.
     */
    public static Difference compare(double[] a, double[] b, boolean paired) {
        double[] x = present(a);
        double[] y = present(b);
        boolean pair = paired && a.length == b.length && x.length == a.length && y.length == b.length;
        double nan = Double.NaN;
        if (x.length == 0 || y.length == 0) {
            return new Difference(nan, nan, nan, pair, nan, nan, nan, nan, nan, nan, nan, nan, nan);
        }
        Sample sa = describe(x);
        Sample sb = describe(y);
        double diff = sb.mean() - sa.mean();
        double lo = nan;
        double hi = nan;
        double welchT = nan;
        double welchDf = nan;
        double welchP = nan;
        double pairedP = nan;
        double d = nan;
        double se = nan;
        double df = nan;
        if (x.length >= 2 && y.length >= 2) {
            double va = sa.sd() * sa.sd();
            double vb = sb.sd() * sb.sd();
            if (va + vb > 0) {
                Welch w = new Welch();
                welchT = w.t(y, x);
                welchDf = w.degreesOfFreedom(vb, va, y.length, x.length);
                welchP = w.tTest(y, x);
                se = Math.sqrt(va / x.length + vb / y.length);
                df = welchDf;
                double h = tCritical(welchDf) * se;
                lo = diff - h;
                hi = diff + h;
                double pooled = Math.sqrt(((x.length - 1) * va + (y.length - 1) * vb) / (x.length + y.length - 2));
                double scale = Math.max(Math.abs(sa.mean()), Math.abs(sb.mean()));
                // a standardised difference over (almost) no spread is a division by noise: left out
                d = pooled > 0 && pooled >= EFFECT_SIZE_MIN_CV * scale ? diff / pooled : nan;
            } else {
                se = 0;
                df = x.length + y.length - 2;
                if (diff == 0) {
                    lo = 0;
                    hi = 0;
                } else {
                    lo = diff;
                    hi = diff;
                }
            }
            if (pair) {
                double[] dd = new double[x.length];
                for (int i = 0; i < dd.length; i++) {
                    dd[i] = y[i] - x[i];
                }
                Sample sd = describe(dd);
                df = dd.length - 1;
                se = sd.sd() / Math.sqrt(dd.length);
                if (sd.sd() > 0) {
                    lo = sd.ciLow();
                    hi = sd.ciHigh();
                    pairedP = new TTest().pairedTTest(y, x);
                } else if (sd.mean() == 0) {
                    lo = 0;
                    hi = 0;
                } else {
                    lo = sd.mean();
                    hi = sd.mean();
                    pairedP = 0;
                }
            }
        }
        MannWhitneyUTest mw = new MannWhitneyUTest();
        double u = mw.mannWhitneyU(x, y);
        double mwp = (x.length >= 2 || y.length >= 2) && !allEqual(x, y) ? mw.mannWhitneyUTest(x, y) : nan;
        return new Difference(diff, lo, hi, pair, welchT, welchDf, welchP, pairedP, u, mwp, d, se, df);
    }

    private static boolean allEqual(double[] x, double[] y) {
        double v = x[0];
        return Arrays.stream(x).allMatch(e -> e == v) && Arrays.stream(y).allMatch(e -> e == v);
    }
}
