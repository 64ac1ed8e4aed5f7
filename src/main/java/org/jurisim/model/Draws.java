package org.jurisim.model;

import ec.util.MersenneTwisterFast;
import org.jurisim.rules.Severity;
import org.jurisim.scenario.Settings;
import sim.util.distribution.Binomial;
import sim.util.distribution.Poisson;

/** The model's random draws, all from the one MASON generator of the run (so a seed fixes everything). */
public final class Draws implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** Means below this are drawn by inversion; larger ones by the distribution's own method (with a set-up per mean). */
    static final double SMALL_MEAN = 12.0;
    private static final Severity[] SEVERITIES = Severity.values();

    private final MersenneTwisterFast random;
    private final Poisson poisson;
    private final Binomial binomial;

    /** Draws on a given generator (the benchmark's floor uses the model's own distributions). */
    public static Draws of(MersenneTwisterFast random) {
        return new Draws(random);
    }

    Draws(MersenneTwisterFast random) {
        this.random = random;
        this.poisson = new Poisson(1.0, random);
        this.binomial = new Binomial(1, 0.5, random);
    }

    /**
     * A Poisson count with the given mean (0 for a non-positive mean). For small means the one uniform is drawn
     * first: when it is at most 1 - mean (below e^-mean, the chance of 0) the count is 0 without computing the
     * exponential; otherwise the same inversion as {@link #poisson(double, double)}. Same draws, same counts.
     */
    public int poisson(double mean) {
        return poisson(random, poisson, mean);
    }

    /** A Poisson count, with {@code exp(-mean)} computed once by the caller (for means that do not change). */
    public int poisson(double mean, double expNegMean) {
        return poisson(random, poisson, mean, expNegMean);
    }

    /**
     * A source of Poisson counts for one caller whose mean changes rarely (a large jail, a field office's
     * admissions): the same counts from the same draws as {@link #poisson(double)} and
     * {@link #poisson(double, double)}, but with its own set-up of the method for large means, which the shared one
     * computes again (logarithms, factorials) whenever it last served another mean.
     */
    public Stream stream() {
        return new Stream(random);
    }

    /** See {@link #stream()}. */
    public static final class Stream implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final MersenneTwisterFast random;
        private final Poisson own;

        private Stream(MersenneTwisterFast random) {
            this.random = random;
            this.own = new Poisson(1.0, random);
        }

        public int poisson(double mean) {
            return Draws.poisson(random, own, mean);
        }

        public int poisson(double mean, double expNegMean) {
            return Draws.poisson(random, own, mean, expNegMean);
        }
    }

    private static int poisson(MersenneTwisterFast random, Poisson large, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean < SMALL_MEAN) {
            double u = random.nextDouble();
            // 1 - mean < e^-mean; the margin of one ulp covers the rounding of Math.exp
            return u < 1.0 - mean - 0x1.0p-52 ? 0 : invert(u, mean, Math.exp(-mean));
        }
        return large.nextInt(mean);
    }

    private static int poisson(MersenneTwisterFast random, Poisson large, double mean, double expNegMean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean < SMALL_MEAN) {
            return invert(random.nextDouble(), mean, expNegMean);
        }
        return large.nextInt(mean);
    }

    /** Inversion by sequential search: the Poisson count whose distribution function first reaches {@code u}. */
    private static int invert(double u, double mean, double expNegMean) {
        double p = expNegMean;
        double cdf = p;
        int k = 0;
        while (u > cdf && k < 1000) {
            k++;
            p *= mean / k;
            cdf += p;
        }
        return k;
    }

    /**
     * A binomial count of successes in n trials. Where the smaller of n·p and n·(1 - p) is at least
     * {@link #BTRS_MIN_MEAN}, by transformed rejection ({@link #btrs}; the count of failures drawn for p above 1/2,
     * the same distribution); below, by MASON's {@code Binomial} (inversion).
     */
    public int binomial(int n, double p) {
        if (n <= 0 || p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        // exact for p >= 1/2 (Sterbenz)
        double q = p <= 0.5 ? p : 1.0 - p;
        if (n * q < BTRS_MIN_MEAN) {
            return binomial.nextInt(n, p);
        }
        int k = btrs(random, n, q);
        return q == p ? k : n - k;
    }

    /** The smallest n·min(p, 1 - p) drawn by {@link #btrs}. */
    static final double BTRS_MIN_MEAN = 10.0;

    /**
     * A binomial count by transformed rejection with squeeze (algorithm BTRS of W. Hörmann, "The generation of
     * binomial random variates", J. Statist. Comput. Simul. 46, 1993), for p at most 1/2 and n·p at least 10: a
     * pair of uniforms gives a candidate k from a hat over the distribution; most are accepted at once inside the
     * squeeze, the rest against the ratio of probabilities f(k) / f(m) at the mode m, computed with the
     * remainders of Stirling's series for log k! ({@link #stirlingTail}). Exact: the candidates accepted have the
     * binomial distribution (to the precision of the logarithms), two uniforms a try, about 1.2 tries a count.
     */
    static int btrs(MersenneTwisterFast random, int n, double p) {
        double spq = Math.sqrt(n * p * (1 - p));
        double b = 1.15 + 2.53 * spq;
        double a = -0.0873 + 0.0248 * b + 0.01 * p;
        double c = n * p + 0.5;
        double vr = 0.92 - 4.2 / b;
        // the terms of the full test, computed at its first use (most counts pass the squeeze at once)
        double alpha = 0;
        double lpq = 0;
        double m = 0;
        double h = Double.NaN;
        while (true) {
            double u = random.nextDouble() - 0.5;
            double v = random.nextDouble();
            double us = 0.5 - Math.abs(u);
            double k = Math.floor((2 * a / us + b) * u + c);
            if (k < 0 || k > n) {
                continue;
            }
            if (us >= 0.07 && v <= vr) {
                return (int) k;
            }
            if (h != h) {
                alpha = (2.83 + 5.1 / b) * spq;
                lpq = Math.log(p / (1 - p));
                m = Math.floor((n + 1) * p);
                h = logFactorial(m) + logFactorial(n - m);
            }
            v = v * alpha / (a / (us * us) + b);
            // accept when v <= f(k) / f(m), both as logarithms
            if (Math.log(v) <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) {
                return (int) k;
            }
        }
    }

    /** log k! for a whole k >= 0: from a table below {@link #LOG_FACTORIALS}, else Stirling's formula with {@link #stirlingTail}. */
    static double logFactorial(double k) {
        if (k < LOG_FACTORIALS) {
            return LOG_FACTORIAL[(int) k];
        }
        return (k + 0.5) * Math.log(k + 1) - (k + 1) + HALF_LOG_2PI + stirlingTail(k);
    }

    private static final int LOG_FACTORIALS = 4096;
    private static final double[] LOG_FACTORIAL = new double[LOG_FACTORIALS];

    static {
        for (int k = 0; k < LOG_FACTORIALS; k++) {
            LOG_FACTORIAL[k] = org.apache.commons.math3.special.Gamma.logGamma(k + 1.0);
        }
    }

    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    /** log k! - ((k + 1/2) log(k + 1) - (k + 1) + log(2π) / 2) for k = 0..9. */
    private static final double[] STIRLING_TAIL = {0.0810614667953272, 0.0413406959554092, 0.0276779256849983,
        0.02079067210376509, 0.0166446911898211, 0.0138761288230707, 0.0118967099458917, 0.0104112652619720,
        0.00925546218271273, 0.00833056343336287};

    /**
     * The remainder of Stirling's series for log k! around k + 1 (a table below 10, then three terms of the
     * series, whose error is below 1 / (1680 (k + 1)^7), about 1e-10 at k = 10).
     */
    static double stirlingTail(double k) {
        if (k <= 9) {
            return STIRLING_TAIL[(int) k];
        }
        double kp1sq = (k + 1) * (k + 1);
        return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / (k + 1);
    }

    /** An exponential time with mean 1, by inversion of one uniform. */
    public double exponential() {
        return -StrictMath.log(1.0 - random.nextDouble());
    }

    /** Rounds a non-negative real count to an integer at random, keeping its mean. */
    public int stochasticRound(double x) {
        int whole = (int) Math.floor(x);
        return whole + (random.nextDouble() < x - whole ? 1 : 0);
    }

    /** The most serious charge of a matched booking, drawn from the scenario's shares. */
    public Severity severity(Settings.Bookings b) {
        double u = random.nextDouble();
        Severity[] all = SEVERITIES;
        double acc = 0;
        for (Severity s : all) {
            acc += b.severityShare(s);
            if (u < acc) {
                return s;
            }
        }
        return all[all.length - 1];
    }
}
