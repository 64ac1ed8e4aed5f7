package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.commons.math3.stat.inference.TTest;
import org.jurisim.output.SeriesTable;
import org.jurisim.scenario.Scenario;
import org.junit.jupiter.api.Test;

/**
 * Agents act in a new random order every day, so identical jurisdictions are treated alike whatever their
 * place in the scenario's list: when ICE's officers are too few to answer every release, the first listed
 * do not get more at-large arrests per release than the last.
 */
class AgentOrderTest {

    private static String twins(int n) {
        StringBuilder sb = new StringBuilder("""
                name: twins
                start: 2026-01-01
                duration: 365d
                seed: %d
                jurisdictions:
                  list:
                """);
        for (int i = 0; i < n; i++) {
            sb.append(String.format(java.util.Locale.ROOT,
                    "    - {name: Twin %02d County, state: MA, district: mad, population: 1500000, foreignBornShare: 0.3, partisanLean: 0.5, policy: decline-all}%n", i));
        }
        sb.append("""
                policies:
                  decline-all: {detainer: DECLINE, shareReleaseDates: false, iceJailAccess: false}
                mechanisms: {adaptation: false, courts: false, trust: false}
                ice: {atLargeResponse: 1.0}
                """);
        return sb.toString();
    }

    @Test
    void identicalJurisdictionsGetTheSameShareOfScarceAtLargeArrests() {
        int n = 12;
        List<Integer> seeds = List.of(3, 4, 5, 6, 7, 8);
        long[] arrests = new long[n];
        long[] released = new long[n];
        double[] gap = new double[seeds.size()];
        for (int k = 0; k < seeds.size(); k++) {
            Scenario s = Harness.scenario(twins(n).formatted(seeds.get(k)));
            JuriSimModel m = new JuriSimModel(s);
            m.addSink(new SeriesTable());
            m.runDays(s.days(), null);
            long[] a = new long[n];
            long[] r = new long[n];
            for (int i = 0; i < n; i++) {
                Jurisdiction j = m.jurisdictions().get(i);
                a[i] = j.getAtLargeArrests();
                r[i] = j.getDetainersDeclined();
                arrests[i] += a[i];
                released[i] += r[i];
            }
            // per replicate: arrests per release of the first half of the list less that of the second half
            gap[k] = rate(a, r, 0, n / 2) - rate(a, r, n / 2, n);
        }
        long totalArrests = java.util.Arrays.stream(arrests).sum();
        long totalReleased = java.util.Arrays.stream(released).sum();
        double mean = (double) totalArrests / totalReleased;
        // capacity is short: far from every release is answered
        assertThat(totalArrests).isGreaterThan(3000);
        assertThat(mean).isLessThan(0.6);
        // pooled over the replicates, the first third and the last third of the list alike
        double first = rate(arrests, released, 0, n / 3);
        double last = rate(arrests, released, n - n / 3, n);
        assertThat(first / last).as("arrests per release, first %s vs last %s", first, last).isBetween(0.9, 1.1);
        // across replicates (independent seeds) the half-list gap is centred on zero: a t-test on the replicates, not
        // on individual arrests, which are not independent when capacity binds
        double p = new TTest().tTest(0.0, gap);
        assertThat(p).as("t-test of the first-half minus second-half gap %s", java.util.Arrays.toString(gap)).isGreaterThan(0.01);
        // the test has power: the bias seen with a fixed order (the first half getting twice the arrests per release
        // of the second, a gap of 2/3 of the mean rate) would be rejected with this spread
        double[] biased = java.util.Arrays.stream(gap).map(g -> g + 2.0 / 3 * mean).toArray();
        assertThat(new TTest().tTest(0.0, biased)).isLessThan(1e-4);
    }

    private static double rate(long[] arrests, long[] released, int from, int to) {
        long a = 0;
        long r = 0;
        for (int i = from; i < to; i++) {
            a += arrests[i];
            r += released[i];
        }
        return (double) a / r;
    }
}
