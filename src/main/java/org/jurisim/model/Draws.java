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

    /** A binomial count of successes in n trials. */
    public int binomial(int n, double p) {
        if (n <= 0 || p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        return binomial.nextInt(n, p);
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
