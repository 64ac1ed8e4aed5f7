package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.stat.inference.AlternativeHypothesis;
import org.apache.commons.math3.stat.inference.BinomialTest;
import org.jurisim.output.SeriesTable;
import org.jurisim.scenario.Scenario;
import org.junit.jupiter.api.Test;

/**
 * Cities inside counties: the county jail receives the detainers of everyone booked there, whoever arrested
 * them; a city's own policy governs its police (telling ICE of a release the jail keeps quiet about), and the
 * at-large arrests and residents that follow are the city's.
 */
class CitiesInCountiesTest {

    private static final String POLICIES = """
            policies:
              honor-all: {detainer: HONOR, shareReleaseDates: true, iceJailAccess: false}
              decline-all: {detainer: DECLINE, shareReleaseDates: false, iceJailAccess: false}
            mechanisms: {adaptation: false, capacityLimits: false, atLargeOperations: false, courts: false}
            ice: {refusalResponse: 0}
            """;

    /** A big county (fake FIPS 06999) with a city of 40% of its residents inside it. */
    private static String place(String countyPolicy, String cityPolicy) {
        return """
                name: city in county
                start: 2026-01-01
                duration: 300d
                seed: 11
                jurisdictions:
                  list:
                    - {name: Big County, state: CA, fips: "06999", population: 5000000, foreignBornShare: 0.3, policy: %s}
                    - {name: Metro City, state: CA, kind: city, county: "06999", population: 2000000, foreignBornShare: 0.3, policy: %s}
                """.formatted(countyPolicy, cityPolicy) + POLICIES;
    }

    private static JuriSimModel runModel(Scenario s, SeriesTable t) {
        JuriSimModel m = new JuriSimModel(s);
        m.addSink(t);
        m.runDays(s.days(), null);
        return m;
    }

    private static Jurisdiction named(JuriSimModel m, String name) {
        return m.jurisdictions().stream().filter(j -> j.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theCountyJailReceivesTheCitysArrestsInProportionToItsPeople() {
        SeriesTable t = new SeriesTable();
        JuriSimModel m = runModel(Harness.scenario(place("honor-all", "honor-all")), t);
        Jurisdiction county = named(m, "Big County");
        Jurisdiction city = named(m, "Metro City");
        assertThat(city.runsJail()).isFalse();
        assertThat(city.jail()).isSameAs(county);
        // all detainers at the county's jail; the city's are those of its police's arrests
        assertThat(county.getDetainersIssued()).isEqualTo((long) Harness.sum(t, "detainers_issued")).isGreaterThan(3000);
        int n = (int) county.getDetainersIssued();
        int k = (int) city.getDetainersIssued();
        double p = new BinomialTest().binomialTest(n, k, 0.4, AlternativeHypothesis.TWO_SIDED);
        assertThat(p).as("city share %s of the jail's detainers against its population share 0.4", (double) k / n).isGreaterThan(0.001);
        // the test has power: a share 5 points off is rejected
        assertThat(new BinomialTest().binomialTest(n, k, 0.35, AlternativeHypothesis.TWO_SIDED)).isLessThan(0.001);
        // nobody counted twice: the county governs the 3 million outside the city
        assertThat(county.getResidents()).isEqualTo(3_000_000L);
        assertThat(city.getResidents()).isEqualTo(2_000_000L);
        assertThat(t.value("population_honor_all", t.rows() - 1)).isEqualTo(5_000_000.0);
    }

    @Test
    void aSanctuaryCityCannotStopTheCountyJailHonoringDetainers() {
        SeriesTable t = new SeriesTable();
        JuriSimModel m = runModel(Harness.scenario(place("honor-all", "decline-all")), t);
        double issued = Harness.sum(t, "detainers_issued");
        assertThat(issued).isGreaterThan(3000);
        assertThat(Harness.sum(t, "detainers_honored")).isEqualTo(issued);
        Jurisdiction city = named(m, "Metro City");
        assertThat(city.getDetainersIssued()).isPositive().isEqualTo(city.getDetainersHonored());
        // residents by policy follow whom each government governs
        assertThat(t.value("population_decline_all", t.rows() - 1)).isEqualTo(2_000_000.0);
        assertThat(t.value("population_honor_all", t.rows() - 1)).isEqualTo(3_000_000.0);
    }

    @Test
    void aCooperatingCityInASanctuaryCountyTellsIceOfItsArrests() {
        SeriesTable coop = new SeriesTable();
        JuriSimModel m = runModel(Harness.scenario(place("decline-all", "honor-all")), coop);
        SeriesTable control = new SeriesTable();
        runModel(Harness.scenario(place("decline-all", "decline-all")), control);
        // the jail declines everything either way
        assertThat(Harness.sum(coop, "detainers_honored")).isZero();
        assertThat(Harness.sum(control, "detainers_honored")).isZero();
        // with a sanctuary city too, ICE never hears of a release
        assertThat(Harness.sum(control, "pickups")).isZero();
        // a cooperating city tells ICE of its own arrests: ICE is at the door for notifyPickupProbability (0.5) of them
        Jurisdiction city = named(m, "Metro City");
        int told = (int) city.getDetainersDeclined();
        int pickups = (int) Harness.sum(coop, "pickups");
        assertThat(told).isGreaterThan(1000);
        double p = new BinomialTest().binomialTest(told, pickups, 0.5, AlternativeHypothesis.TWO_SIDED);
        assertThat(p).as("pick-ups %s of the city's %s declined detainers against 0.5", pickups, told).isGreaterThan(0.001);
        // the power of that test: a chance 8 points lower (five standard errors at about 1,000 declines) is rejected
        assertThat(new BinomialTest().binomialTest(told, pickups, 0.42, AlternativeHypothesis.TWO_SIDED))
                .as("pick-ups %s of %s against 0.42", pickups, told).isLessThan(0.01);
        // so fewer are released without ICE than when the city keeps quiet too
        assertThat(Harness.sum(coop, "released")).isLessThan(Harness.sum(control, "released") - 500);
    }

    @Test
    void atLargeArrestsAfterACityArrestAreTheCitys() {
        String yaml = place("decline-all", "decline-all").replace("atLargeOperations: false", "atLargeOperations: true");
        SeriesTable t = new SeriesTable();
        JuriSimModel m = runModel(Harness.scenario(yaml), t);
        Jurisdiction county = named(m, "Big County");
        Jurisdiction city = named(m, "Metro City");
        long total = (long) Harness.sum(t, "at_large_arrests");
        assertThat(total).isGreaterThan(300);
        assertThat(city.getAtLargeArrests() + county.getAtLargeArrests()).isEqualTo(total);
        double p = new BinomialTest().binomialTest((int) total, (int) city.getAtLargeArrests(), 0.4, AlternativeHypothesis.TWO_SIDED);
        assertThat(p).isGreaterThan(0.001);
    }
}
