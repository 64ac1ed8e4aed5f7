package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.jurisim.output.SeriesTable;
import org.junit.jupiter.api.Test;

/**
 * Community trust (docs/ODD.md §7.15): each day τ ← clamp(τ + r·(τ*(c) − τ) − δ·a·10⁵/N), with
 * τ*(c) = τ₀ + (τ₁ − τ₀)·c and a the day's at-large arrests. One county, so {@code trust_index} is its τ.
 */
class TrustMechanismTest {

    private static final int N = 500_000;

    private static String county(String policy) {
        return """
                name: trust
                start: 2026-01-01
                duration: 365d
                seed: 11
                jurisdictions:
                  list:
                    - {name: T County, state: CA, population: %d, foreignBornShare: 0.3, policy: %s}
                mechanisms: {adaptation: false}
                """.formatted(N, policy);
    }

    /** The ODD's recursion, day by day, from the initial trust and the run's own at-large arrests. */
    private static double[] formula(double[] arrests, double initial, double target, double r, double delta) {
        double[] tau = new double[arrests.length];
        double t = initial;
        for (int d = 0; d < arrests.length; d++) {
            t = t + r * (target - t) - delta * arrests[d] * 1e5 / N;
            t = Math.max(0, Math.min(1, t));
            tau[d] = t;
        }
        return tau;
    }

    private static double maxGap(double[] a, double[] b) {
        double g = 0;
        for (int i = 0; i < a.length; i++) {
            g = Math.max(g, Math.abs(a[i] - b[i]));
        }
        return g;
    }

    @Test
    void withoutArrestsTrustRecoversTowardItsPolicysTargetAtTheDocumentedRate() {
        // sanctuary: c = 0, target τ₀ = community.targetAtNoCooperation; closed form τ_t = τ* + (τ_0 − τ*)(1 − r)^(t+1)
        SeriesTable t = Harness.run(Harness.scenario(county("sanctuary"), "mechanisms.atLargeOperations=false",
                "community.initialTrust=0.3", "community.targetAtNoCooperation=0.9", "community.recoveryPerDay=0.01"));
        assertThat(Harness.sum(t, "at_large_arrests")).isZero();
        double[] trust = t.series("trust_index");
        assertThat(trust).hasSize(365);
        for (int d = 0; d < trust.length; d++) {
            assertThat(trust[d]).as("day " + d).isCloseTo(0.9 + (0.3 - 0.9) * Math.pow(0.99, d + 1), within(1e-9));
        }
        // full cooperation (c = 1): the target is community.targetAtFullCooperation, approached from above
        SeriesTable full = Harness.run(Harness.scenario(county("full-cooperation"), "mechanisms.atLargeOperations=false",
                "community.initialTrust=0.8", "community.targetAtFullCooperation=0.4", "community.recoveryPerDay=0.01"));
        double[] f = full.series("trust_index");
        assertThat(f[364]).isCloseTo(0.4 + 0.4 * Math.pow(0.99, 365), within(1e-9));
        // power: a rate 10% off misses the trajectory by far more than the tolerance
        double[] wrong = formula(new double[365], 0.3, 0.9, 0.011, 0);
        assertThat(maxGap(trust, wrong)).isGreaterThan(0.01);
    }

    @Test
    void atLargeArrestsLowerTrustByTheDocumentedAmount() {
        // limited (c = 0.35) with at-large operations on: target 0.8 + (0.5 − 0.8)·0.35 = 0.695 at the defaults
        SeriesTable t = Harness.run(Harness.scenario(county("limited"), "ice.atLargeResponse=0.6",
                "community.dropPerArrest=0.01", "community.recoveryPerDay=0.002", "community.initialTrust=0.6"));
        double[] arrests = t.series("at_large_arrests");
        assertThat(Harness.sum(t, "at_large_arrests")).as("at-large arrests happen").isGreaterThan(100);
        double[] trust = t.series("trust_index");
        double[] expected = formula(arrests, 0.6, 0.695, 0.002, 0.01);
        assertThat(maxGap(trust, expected)).isLessThan(1e-9);
        // and trust ends below where it would be without the arrests
        double[] none = formula(new double[arrests.length], 0.6, 0.695, 0.002, 0.01);
        assertThat(trust[trust.length - 1]).isLessThan(none[none.length - 1] - 0.05);
        // power: a drop 10% off, or arrests counted a day late, miss the trajectory
        assertThat(maxGap(trust, formula(arrests, 0.6, 0.695, 0.002, 0.011))).isGreaterThan(1e-4);
        double[] late = new double[arrests.length];
        System.arraycopy(arrests, 0, late, 1, arrests.length - 1);
        assertThat(maxGap(trust, formula(late, 0.6, 0.695, 0.002, 0.01))).isGreaterThan(1e-4);
    }
}
