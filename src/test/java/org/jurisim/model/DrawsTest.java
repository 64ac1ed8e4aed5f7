package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;

import ec.util.MersenneTwisterFast;
import org.junit.jupiter.api.Test;

/** Draws: a Poisson stream with its own set-up gives the same counts, from the same draws, as the shared one. */
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
}
