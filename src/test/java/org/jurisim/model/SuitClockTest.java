package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;

import ec.util.MersenneTwisterFast;
import org.apache.commons.math3.stat.inference.AlternativeHypothesis;
import org.apache.commons.math3.stat.inference.BinomialTest;
import org.junit.jupiter.api.Test;

/**
 * A liability suit by an exponential clock run down by each warrantless hold's hazard: every hold brings a suit
 * with the scenario's chance, independently of the holds before it; and the exponential time it is drawn from.
 */
class SuitClockTest {

    private static final int HOLDS = 40_000;

    @Test
    void eachHoldBringsASuitWithTheScenariosChanceWhateverCameBefore() {
        JuriSimModel m = new JuriSimModel(Harness.scenario(Harness.counties("sanctuary"),
                "litigation.liabilitySuitRate=0.3", "litigation.liabilitySettledMultiplier=0.1"));
        m.start();
        Jurisdiction j = m.jurisdictions().get(0);
        BinomialTest bt = new BinomialTest();
        for (boolean settled : new boolean[] {false, true}) {
            j.liabilitySettled = settled;
            double chance = settled ? 0.03 : 0.3;
            int suits = 0;
            int afterSuit = 0;
            int suitsAfterSuit = 0;
            boolean previous = false;
            for (int k = 0; k < HOLDS; k++) {
                boolean suit = j.suitDue(m, m.draws());
                suits += suit ? 1 : 0;
                if (previous) {
                    afterSuit++;
                    suitsAfterSuit += suit ? 1 : 0;
                }
                previous = suit;
            }
            assertThat(bt.binomialTest(HOLDS, suits, chance, AlternativeHypothesis.TWO_SIDED)).as("settled %s", settled).isGreaterThan(0.001);
            // the hold right after a suit has the same chance (the clock is drawn afresh, not carried over)
            assertThat(bt.binomialTest(afterSuit, suitsAfterSuit, chance, AlternativeHypothesis.TWO_SIDED)).isGreaterThan(0.001);
            if (!settled) {
                // power: the chance a clock run down by the chance itself (not by -ln(1 - chance)) would give is rejected
                assertThat(bt.binomialTest(HOLDS, suits, 1 - Math.exp(-chance), AlternativeHypothesis.TWO_SIDED)).isLessThan(0.001);
            }
        }
    }

    @Test
    void theClockIsAnExponentialTimeWithMeanOne() {
        Draws d = Draws.of(new MersenneTwisterFast(11));
        int n = 100_000;
        double sum = 0;
        int beyondOne = 0;
        for (int k = 0; k < n; k++) {
            double e = d.exponential();
            assertThat(e).isGreaterThanOrEqualTo(0.0).isFinite();
            sum += e;
            beyondOne += e > 1 ? 1 : 0;
        }
        // mean 1, sd 1: the mean of 100,000 within 0.01 (3 sd); P(E > 1) = 1/e
        assertThat(sum / n).isBetween(0.99, 1.01);
        assertThat(new BinomialTest().binomialTest(n, beyondOne, Math.exp(-1), AlternativeHypothesis.TWO_SIDED)).isGreaterThan(0.001);
    }
}
