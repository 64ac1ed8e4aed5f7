package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.stat.inference.AlternativeHypothesis;
import org.apache.commons.math3.stat.inference.BinomialTest;
import org.jurisim.output.SeriesTable;
import org.junit.jupiter.api.Test;

/**
 * ICE's answer to a jail's refusals: fewer detainers where the jail declines them; and what ICE records as
 * declined (every decline it is told of, a share of the others).
 */
class RefusalResponseTest {

    private static final String POLICIES = """
            policies:
              honor-all: {detainer: HONOR, shareReleaseDates: true, iceJailAccess: false}
              decline-all: {detainer: DECLINE, shareReleaseDates: false, iceJailAccess: false}
              decline-but-tell: {detainer: DECLINE, shareReleaseDates: true, iceJailAccess: false}
            """;

    private static double lastHalf(SeriesTable t, String metric) {
        double s = 0;
        double[] v = t.series(metric);
        for (int i = v.length / 2; i < v.length; i++) {
            s += v[i];
        }
        return s;
    }

    @Test
    void iceIssuesFewerDetainersWhereTheJailRefusesThem() {
        String yaml = Harness.counties("decline-all") + POLICIES;
        SeriesTable off = Harness.run(Harness.scenario(yaml, "ice.refusalResponse=0"));
        SeriesTable on = Harness.run(Harness.scenario(yaml, "ice.refusalResponse=0.8", "ice.refusalMemoryDays=30"));
        // once ICE has learned that every detainer is declined, issuance there is 1 - 0.8 x 1 = 0.2 of what it was
        double ratio = lastHalf(on, "detainers_issued") / lastHalf(off, "detainers_issued");
        assertThat(ratio).isBetween(0.17, 0.23);
        // where nothing is declined, nothing changes: the same detainers, to the day
        String honor = Harness.counties("honor-all") + POLICIES;
        SeriesTable a = Harness.run(Harness.scenario(honor, "ice.refusalResponse=0"));
        SeriesTable b = Harness.run(Harness.scenario(honor, "ice.refusalResponse=0.8"));
        assertThat(b.series("detainers_issued")).containsExactly(a.series("detainers_issued"));
    }

    @Test
    void iceRecordsTheDeclinesItIsToldOfAndAShareOfTheRest() {
        SeriesTable quiet = Harness.run(Harness.scenario(Harness.counties("decline-all") + POLICIES, "ice.declineRecordedShare=0.3"));
        int declined = (int) Harness.sum(quiet, "detainers_declined");
        int recorded = (int) Harness.sum(quiet, "detainers_declined_recorded");
        assertThat(declined).isGreaterThan(1500);
        BinomialTest bt = new BinomialTest();
        assertThat(bt.binomialTest(declined, recorded, 0.3, AlternativeHypothesis.TWO_SIDED)).isGreaterThan(0.001);
        // with power: a share 6 points off is rejected
        assertThat(bt.binomialTest(declined, recorded, 0.24, AlternativeHypothesis.TWO_SIDED)).isLessThan(0.001);
        // a jail that declines but tells ICE the release date: every decline is on ICE's record
        SeriesTable told = Harness.run(Harness.scenario(Harness.counties("decline-but-tell") + POLICIES, "ice.declineRecordedShare=0.3"));
        assertThat(Harness.sum(told, "detainers_declined_recorded")).isEqualTo(Harness.sum(told, "detainers_declined")).isPositive();
    }
}
