package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.jurisim.output.SeriesTable;
import org.junit.jupiter.api.Test;

/** Dated events change the world on their date, and only from then on. */
class EventMechanismTest {

    private static int row(SeriesTable t, String date) {
        for (int r = 0; r < t.rows(); r++) {
            if (t.date(r).equals(LocalDate.parse(date))) {
                return r;
            }
        }
        throw new AssertionError("no row for " + date);
    }

    @Test
    void a287gEventChangesTheAffectedJurisdictionsPolicyOnItsDate() {
        String yaml = Harness.counties("sanctuary") + """
                events:
                  - {on: 2026-03-01, do: offer287g, jurisdictions: ["A County, CA", "B County, TX"], acceptance: 1.0}
                """;
        SeriesTable t = Harness.run(Harness.scenario(yaml));
        int d = row(t, "2026-03-01");
        assertThat(t.value("agreements_287g", d - 1)).isZero();
        assertThat(t.value("jurisdictions_sanctuary", d - 1)).isEqualTo(3);
        assertThat(t.value("agreements_287g", d)).isEqualTo(2);
        assertThat(t.value("jurisdictions_full_cooperation", d)).isEqualTo(2);
        assertThat(t.value("jurisdictions_sanctuary", d)).isEqualTo(1);
        assertThat(t.value("population_full_cooperation", d)).isEqualTo(7_000_000);
        // compliance before: sanctuary holds only on judicial warrants; after: most detainers are in 287(g) jails
        double before = 0;
        double after = 0;
        for (int r = 0; r < d; r++) {
            before += t.value("compliance_rate", r);
        }
        for (int r = d; r < t.rows(); r++) {
            after += t.value("compliance_rate", r);
        }
        assertThat(before / d).isLessThan(0.1);
        assertThat(after / (t.rows() - d)).isGreaterThan(0.7);
    }

    @Test
    void a287gOfferIsAcceptedByAboutTheAcceptanceShare() {
        String yaml = """
                name: offers
                start: 2026-01-01
                duration: 10d
                jurisdictions: {generate: {counties: 2000}}
                events:
                  - {on: 2026-01-05, do: offer287g, when: "jurisdiction.partisanLean < 0.5", acceptance: 0.3}
                """;
        var s = Harness.scenario(yaml);
        long eligible = s.jurisdictions().stream().filter(j -> j.partisanLean() < 0.5).count();
        SeriesTable t = Harness.run(s);
        double signed = t.value("agreements_287g", t.rows() - 1);
        double sd = Math.sqrt(eligible * 0.3 * 0.7);
        assertThat(signed).isBetween(eligible * 0.3 - 4 * sd, eligible * 0.3 + 4 * sd);
        assertThat(t.value("agreements_287g", 3)).isZero();
    }

    @Test
    void capacityAndPriorityEventsTakeEffectOnTheirDate() {
        String yaml = Harness.counties("standard") + """
                events:
                  - {on: 2026-02-01, do: detentionCapacity, beds: 80000}
                  - {on: 2026-03-01, do: priorities, value: NATIONAL_SECURITY_ONLY}
                """;
        SeriesTable t = Harness.run(Harness.scenario(yaml));
        int feb = row(t, "2026-02-01");
        assertThat(t.value("detention_capacity", feb - 1)).isCloseTo(50_000, org.assertj.core.data.Offset.offset(15.0));
        assertThat(t.value("detention_capacity", feb)).isCloseTo(80_000, org.assertj.core.data.Offset.offset(15.0));
        int mar = row(t, "2026-03-01");
        assertThat(t.value("priorities_level", mar - 1)).isEqualTo(0);
        assertThat(t.value("priorities_level", mar)).isEqualTo(2);
    }

    @Test
    void setOverridesReachTheModel() {
        SeriesTable t = Harness.run(Harness.scenario(Harness.counties("standard"), "ice.detentionBeds=20000",
                "bookings.perCapitaPerYear=0"));
        assertThat(t.value("detention_capacity", 0)).isCloseTo(20_000, org.assertj.core.data.Offset.offset(15.0));
        assertThat(Harness.sum(t, "bookings")).isZero();
        assertThat(Harness.sum(t, "detainers_issued")).isZero();
    }
}
