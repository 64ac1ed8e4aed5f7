package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.stat.inference.AlternativeHypothesis;
import org.apache.commons.math3.stat.inference.BinomialTest;
import org.junit.jupiter.api.Test;

/**
 * Policy adaptation (docs/ODD.md §7.14) gives the numbers of the ODD's worked example: one county,
 * ℓ = 0.65, f = 0.21, N = 1,000,000, own policy and policy in force {@code standard}, Λ = 0.5, US$4 of
 * grants per resident at risk, V = 20, diffusion on, the default weights.
 */
class AdaptationWorkedExampleTest {

    private static final String YAML = """
            name: worked example
            start: 2026-01-01
            duration: 30d
            seed: 3
            jurisdictions:
              list:
                - {name: Example County, state: CA, population: 1000000, foreignBornShare: 0.21, partisanLean: 0.65, policy: standard}
            mechanisms: {diffusion: true}
            """;

    /** The ODD's hand computation. */
    private static final double PRESSURE = 1.375;
    private static final double[] PROBABILITY = {0.00744, 0.94492, 0.01819, 0.02944};
    private static final String[] POLICY = {"full-cooperation", "standard", "limited", "sanctuary"};

    private static JuriSimModel world(String... overrides) {
        JuriSimModel m = new JuriSimModel(Harness.scenario(YAML, overrides));
        m.start();
        Jurisdiction j = m.jurisdictionList().get(0);
        j.liabilityExposure = 0.5;
        j.fundsAtRisk = 4.0 * 1_000_000;
        j.visibleEnforcement = 20;
        return m;
    }

    private static double pressure(JuriSimModel m) {
        return Adaptation.pressure(m, m.jurisdictionList().get(0), Adaptation.peerNonCooperation(m));
    }

    @Test
    void pressureAndChoiceProbabilitiesAreTheOnesComputedByHand() {
        JuriSimModel m = world();
        Jurisdiction j = m.jurisdictionList().get(0);
        assertThat(j.getResidents()).isEqualTo(1_000_000);
        assertThat(m.policyNames().get(j.ownPolicyIndex)).isEqualTo("standard");
        double[][] peers = Adaptation.peerNonCooperation(m);
        assertThat(peers[1][0]).isCloseTo(0.25, within(1e-12));
        assertThat(pressure(m)).isCloseTo(PRESSURE, within(1e-9));
        double[] u = new double[m.policyNames().size()];
        double sum = Adaptation.choiceWeights(m, PRESSURE, j.ownPolicyIndex, u);
        for (int i = 0; i < POLICY.length; i++) {
            int k = m.policyNames().indexOf(POLICY[i]);
            assertThat(u[k] / sum).as(POLICY[i]).isCloseTo(PROBABILITY[i], within(5e-6));
        }
    }

    @Test
    void eachTermMovesThePressureByItsWeight() {
        // power: every term of the example counts, with the sign and size the ODD gives it
        assertThat(pressure(world("adaptation.weights.fundsAtRisk=0"))).isCloseTo(PRESSURE + 0.6, within(1e-9));
        assertThat(pressure(world("adaptation.weights.liability=0"))).isCloseTo(PRESSURE - 1.0, within(1e-9));
        assertThat(pressure(world("adaptation.weights.visibleEnforcement=0"))).isCloseTo(PRESSURE - 0.1, within(1e-9));
        assertThat(pressure(world("adaptation.weights.foreignBornInteraction=0"))).isCloseTo(PRESSURE - 1.5, within(1e-9));
        assertThat(pressure(world("adaptation.weights.partisanLean=0"))).isCloseTo(PRESSURE - 1.5, within(1e-9));
        assertThat(pressure(world("mechanisms.diffusion=false"))).isCloseTo(PRESSURE + 0.625, within(1e-9));
        assertThat(pressure(world("adaptation.baseline=0"))).isCloseTo(PRESSURE + 1.5, within(1e-9));
    }

    @Test
    void reviewsDrawThePoliciesWithThoseProbabilities() {
        JuriSimModel m = world();
        Jurisdiction j = m.jurisdictionList().get(0);
        int standard = j.ownPolicyIndex;
        int sanctuary = m.policyNames().indexOf("sanctuary");
        int n = 40_000;
        int kept = 0;
        int toSanctuary = 0;
        for (int i = 0; i < n; i++) {
            Adaptation.review(m);
            kept += j.ownPolicyIndex == standard ? 1 : 0;
            toSanctuary += j.ownPolicyIndex == sanctuary ? 1 : 0;
            j.ownPolicyIndex = standard;
        }
        BinomialTest bt = new BinomialTest();
        assertThat(bt.binomialTest(n, kept, PROBABILITY[1], AlternativeHypothesis.TWO_SIDED)).isGreaterThan(0.001);
        assertThat(bt.binomialTest(n, toSanctuary, PROBABILITY[3], AlternativeHypothesis.TWO_SIDED)).isGreaterThan(0.001);
        // power: the keeping probability without the state peers' term (0.9339) would be rejected
        assertThat(bt.binomialTest(n, kept, 0.9339, AlternativeHypothesis.TWO_SIDED)).isLessThan(0.001);
    }
}
