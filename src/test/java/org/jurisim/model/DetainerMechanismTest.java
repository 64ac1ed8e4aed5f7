package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.stat.inference.AlternativeHypothesis;
import org.apache.commons.math3.stat.inference.BinomialTest;
import org.jurisim.output.SeriesTable;
import org.jurisim.scenario.Scenario;
import org.junit.jupiter.api.Test;

/** The detainer pipeline: cooperation rules decide compliance; capacity limits pick-ups; priorities filter detainers. */
class DetainerMechanismTest {

    private static final String POLICIES = """
            policies:
              honor-all: {detainer: HONOR, shareReleaseDates: true, iceJailAccess: false}
              decline-all: {detainer: DECLINE, shareReleaseDates: false, iceJailAccess: false}
              felonies-only: {detainer: "detainer.severity >= Severity.FELONY ? HONOR : DECLINE", shareReleaseDates: false, iceJailAccess: false}
            ice: {refusalResponse: 0}
            """;

    @Test
    void honoringEverythingGivesComplianceOne() {
        SeriesTable t = Harness.run(Harness.scenario(Harness.counties("honor-all") + POLICIES));
        double issued = Harness.sum(t, "detainers_issued");
        assertThat(issued).isGreaterThan(1000);
        assertThat(Harness.sum(t, "detainers_honored")).isEqualTo(issued);
        assertThat(Harness.sum(t, "detainers_declined")).isZero();
        for (double r : t.series("compliance_rate_rolling")) {
            assertThat(r).isEqualTo(1.0);
        }
    }

    @Test
    void decliningEverythingGivesComplianceZeroAndNoPickups() {
        SeriesTable t = Harness.run(Harness.scenario(Harness.counties("decline-all") + POLICIES));
        double issued = Harness.sum(t, "detainers_issued");
        assertThat(issued).isGreaterThan(1000);
        assertThat(Harness.sum(t, "detainers_honored")).isZero();
        assertThat(Harness.sum(t, "detainers_declined")).isEqualTo(issued);
        assertThat(Harness.sum(t, "pickups")).isZero();
        assertThat(Harness.sum(t, "released")).isEqualTo(issued);
        for (double r : t.series("compliance_rate_rolling")) {
            assertThat(r).isEqualTo(0.0);
        }
    }

    @Test
    void honoringOnlyFeloniesGivesTheFelonyShareOfDetainers() {
        Scenario s = Harness.scenario(Harness.counties("felonies-only") + POLICIES);
        // with every severity a priority and no jail-access boost, detainers follow the booking severity shares
        double felonyShare = s.bookings().severityShare(org.jurisim.rules.Severity.FELONY)
                + s.bookings().severityShare(org.jurisim.rules.Severity.VIOLENT_FELONY);
        SeriesTable t = Harness.run(s);
        int issued = (int) Harness.sum(t, "detainers_issued");
        int honored = (int) Harness.sum(t, "detainers_honored");
        assertThat(issued).isGreaterThan(3000);
        double p = new BinomialTest().binomialTest(issued, honored, felonyShare, AlternativeHypothesis.TWO_SIDED);
        assertThat(p).as("binomial test of honored/issued = %s against %s", (double) honored / issued, felonyShare)
                .isGreaterThan(0.001);
        // and the test has power: a share 5 points off is rejected
        double pWrong = new BinomialTest().binomialTest(issued, honored, felonyShare + 0.05, AlternativeHypothesis.TWO_SIDED);
        assertThat(pWrong).isLessThan(0.001);
    }

    @Test
    void iceCapacityBelowDemandLowersPickups() {
        String yaml = Harness.counties("honor-all") + POLICIES;
        SeriesTable ample = Harness.run(Harness.scenario(yaml));
        SeriesTable scarce = Harness.run(Harness.scenario(yaml, "ice.officers=300"));
        assertThat(Harness.sum(ample, "missed_pickups")).isLessThan(0.02 * Harness.sum(ample, "detainers_honored"));
        assertThat(Harness.sum(scarce, "pickups")).isLessThan(0.5 * Harness.sum(ample, "pickups"));
        assertThat(Harness.sum(scarce, "missed_pickups")).isGreaterThan(0.3 * Harness.sum(scarce, "detainers_honored"));
        SeriesTable noBeds = Harness.run(Harness.scenario(yaml, "ice.detentionBeds=0"));
        assertThat(Harness.sum(noBeds, "pickups")).isZero();
    }

    @Test
    void narrowerPrioritiesMeanFewerDetainers() {
        String yaml = Harness.counties("honor-all") + POLICIES;
        SeriesTable all = Harness.run(Harness.scenario(yaml));
        SeriesTable serious = Harness.run(Harness.scenario(yaml, "federal.priorities=SERIOUS_CRIMES_ONLY",
                "federal.priorRemovalAlwaysPriority=false"));
        Scenario s = Harness.scenario(yaml);
        double felonyShare = s.bookings().severityShare(org.jurisim.rules.Severity.FELONY)
                + s.bookings().severityShare(org.jurisim.rules.Severity.VIOLENT_FELONY);
        double ratio = Harness.sum(serious, "detainers_issued") / Harness.sum(all, "detainers_issued");
        assertThat(ratio).isCloseTo(felonyShare, org.assertj.core.data.Offset.offset(0.03));
        assertThat(serious.value("priorities_level", 0)).isEqualTo(1.0);
    }
}
