package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;

import ec.util.MersenneTwisterFast;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

/**
 * Draws: a Poisson stream with its own set-up gives the same counts, from the same draws, as the shared one; binomial
 * counts drawn by transformed rejection have the binomial distribution.
 */
class DrawsTest {

    private static final double[] MEANS = {15.3, 0.4, 42.0, 15.3, 3.0, 12.0, 9000.5, 42.0, 0.0, 15.3};

    @Test
    void aStreamDrawsWhatTheSharedPoissonDraws() {
        MersenneTwisterFast sharedRandom = new MersenneTwisterFast(7);
        Draws shared = Draws.of(sharedRandom);
        MersenneTwisterFast r = new MersenneTwisterFast(7);
        Draws d = Draws.of(r);
        // one stream per mean, so each keeps its set-up; the shared one alternates between means
        Draws.Stream[] streams = new Draws.Stream[MEANS.length];
        for (int i = 0; i < MEANS.length; i++) {
            streams[i] = d.stream();
        }
        int sum = 0;
        for (int k = 0; k < 2000; k++) {
            for (int i = 0; i < MEANS.length; i++) {
                double mean = MEANS[i];
                boolean withExp = k % 2 == 0;
                int expected = withExp ? shared.poisson(mean, Math.exp(-mean)) : shared.poisson(mean);
                int got = withExp ? streams[i].poisson(mean, Math.exp(-mean)) : streams[i].poisson(mean);
                assertThat(got).as("draw %d, mean %s", k, mean).isEqualTo(expected);
                sum += got;
            }
        }
        // the same generator state afterwards: the same number of uniforms was drawn
        assertThat(r.nextLong()).isEqualTo(sharedRandom.nextLong());
        // the comparison has something to compare: counts of every size were drawn
        assertThat(sum).isGreaterThan(2000 * 9000);
    }

    @Test
    void aDifferentMeanIsToldApart() {
        // the power of the comparison above: a stream asked for another mean gives other counts
        Draws a = Draws.of(new MersenneTwisterFast(7));
        Draws.Stream b = Draws.of(new MersenneTwisterFast(7)).stream();
        int differ = 0;
        for (int k = 0; k < 200; k++) {
            differ += a.poisson(42.0) != b.poisson(43.0) ? 1 : 0;
        }
        assertThat(differ).isGreaterThan(10);
    }

    /** The sizes of the model's binomials: detention exits (p = 1/56, 1/38), removals (p above 1/2), and extremes. */
    private static final int[] N = {2400, 700, 34, 1000, 200_000, 25};
    private static final double[] P = {1.0 / 56, 1.0 / 38, 0.3, 0.7, 0.5, 0.42};
    private static final int DRAWS = 100_000;

    @Test
    void binomialCountsHaveTheBinomialDistribution() {
        Draws d = Draws.of(new MersenneTwisterFast(11));
        for (int c = 0; c < N.length; c++) {
            long[] counts = new long[N[c] + 1];
            double sum = 0;
            for (int k = 0; k < DRAWS; k++) {
                int x = d.binomial(N[c], P[c]);
                counts[x]++;
                sum += x;
            }
            double mean = N[c] * P[c];
            double se = Math.sqrt(mean * (1 - P[c]) / DRAWS);
            assertThat(Math.abs(sum / DRAWS - mean)).as("mean of n=%d p=%s", N[c], P[c]).isLessThan(4 * se);
            assertThat(pValue(counts, N[c], P[c])).as("chi-square of n=%d p=%s", N[c], P[c]).isGreaterThan(1e-3);
        }
    }

    @Test
    void theChiSquareComparisonTellsANearbyDistributionApart() {
        // the power of the test above: counts drawn with a chance 2% off (a mean shifted by a sixth of a standard
        // deviation at n = 2400, p = 1/56), or with the right mean but a spread 10% too wide, are rejected
        Draws d = Draws.of(new MersenneTwisterFast(11));
        long[] off = new long[2401];
        long[] wide = new long[2401];
        MersenneTwisterFast r = new MersenneTwisterFast(12);
        double mean = 2400.0 / 56;
        double sd = Math.sqrt(mean * (1 - 1.0 / 56));
        for (int k = 0; k < DRAWS; k++) {
            off[d.binomial(2400, 1.02 / 56)]++;
            int x = (int) Math.round(mean + 1.1 * sd * r.nextGaussian());
            wide[Math.max(0, Math.min(2400, x))]++;
        }
        assertThat(pValue(off, 2400, 1.0 / 56)).isLessThan(1e-6);
        assertThat(pValue(wide, 2400, 1.0 / 56)).isLessThan(1e-6);
    }

    @Test
    void stirlingTailIsTheRemainderOfLogFactorialAndLogFactorialIsRight() {
        for (int k = 0; k <= 200; k++) {
            double exact = Gamma.logGamma(k + 1.0) - ((k + 0.5) * Math.log(k + 1.0) - (k + 1) + 0.5 * Math.log(2 * Math.PI));
            assertThat(Draws.stirlingTail(k)).as("k=%d", k).isCloseTo(exact, org.assertj.core.data.Offset.offset(1e-9));
        }
        // log k! from the table and, beyond it, from the series
        for (int k = 0; k < 10_000; k += 7) {
            assertThat(Draws.logFactorial(k)).as("log %d!", k).isCloseTo(Gamma.logGamma(k + 1.0), org.assertj.core.data.Percentage.withPercentage(1e-11));
        }
    }

    /** Chi-square p-value of counts against Binomial(n, p), cells pooled until each expects at least 5. */
    private static double pValue(long[] counts, int n, double p) {
        BinomialDistribution b = new BinomialDistribution(null, n, p);
        List<double[]> cells = new ArrayList<>();
        double e = 0;
        long o = 0;
        for (int k = 0; k <= n; k++) {
            e += b.probability(k) * DRAWS;
            o += counts[k];
            if (e >= 5 && (1 - b.cumulativeProbability(k)) * DRAWS >= 5) {
                cells.add(new double[] {e, o});
                e = 0;
                o = 0;
            }
        }
        cells.get(cells.size() - 1)[0] += e;
        cells.get(cells.size() - 1)[1] += o;
        double[] expected = cells.stream().mapToDouble(x -> x[0]).toArray();
        long[] observed = cells.stream().mapToLong(x -> (long) x[1]).toArray();
        assertThat(expected.length).isGreaterThan(5);
        return new ChiSquareTest().chiSquareTest(expected, observed);
    }
}
