package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;

import ec.util.MersenneTwisterFast;
import java.util.List;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.jurisim.model.courts.Court;
import org.jurisim.model.courts.CourtSystem;
import org.jurisim.model.courts.LegalCase;
import org.jurisim.output.SeriesTable;
import org.jurisim.reference.UsReference;
import org.jurisim.scenario.CaseType;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.Settings;
import org.junit.jupiter.api.Test;

/** Courts: precedent, hierarchy, injunction scope, and what rulings do to the world. */
class CourtsMechanismTest {

    private static Settings.Courts courts(String extraYaml) {
        return Harness.scenario(Harness.counties("standard") + "courts:\n  leanWeight: 3.0\n" + extraYaml).courts();
    }

    /** Locality wins out of n draws at a court, with a fixed seed. */
    private static long wins(CourtSystem cs, Court court, int n, long seed) {
        MersenneTwisterFast r = new MersenneTwisterFast(seed);
        double p = cs.probabilityForLocality(court, CaseType.GRANT_CONDITIONS, 3.0);
        long w = 0;
        for (int i = 0; i < n; i++) {
            if (r.nextBoolean(p)) {
                w++;
            }
        }
        return w;
    }

    private static boolean differ(long a, long b, int n) {
        long[][] table = {{a, n - a}, {b, n - b}};
        return new ChiSquareTest().chiSquareTest(table, 0.001);
    }

    @Test
    void aBindingCircuitRulingMovesItsOwnCircuitAndOnlyPersuadesOthers() {
        UsReference ref = UsReference.load();
        CourtSystem none = new CourtSystem(courts("  persuasiveWeight: 0\n"), ref);
        CourtSystem bound = new CourtSystem(courts("""
                  persuasiveWeight: 0
                  precedents: [{type: grantConditions, court: "9", side: government}]
                """), ref);
        int n = 4000;
        // district courts of the 9th circuit are bound; the 7th circuit's are not
        Court cand = bound.district("cand");
        Court ilnd = bound.district("ilnd");
        long before9 = wins(none, none.district("cand"), n, 1);
        long after9 = wins(bound, cand, n, 2);
        long before7 = wins(none, none.district("ilnd"), n, 3);
        long after7 = wins(bound, ilnd, n, 4);
        assertThat(after9).isLessThan(before9);
        assertThat(differ(before9, after9, n)).as("9th circuit moved by its own precedent").isTrue();
        assertThat(differ(before7, after7, n)).as("7th circuit not bound by the 9th").isFalse();
        // with persuasive weight, other circuits move a little, in the same direction, less than the bound one
        CourtSystem persuaded = new CourtSystem(courts("""
                  precedents: [{type: grantConditions, court: "9", side: government}]
                """), ref);
        CourtSystem baseline = new CourtSystem(courts(""), ref);
        double p7 = persuaded.probabilityForLocality(persuaded.district("ilnd"), CaseType.GRANT_CONDITIONS, 3.0);
        double p7base = baseline.probabilityForLocality(baseline.district("ilnd"), CaseType.GRANT_CONDITIONS, 3.0);
        double p9 = persuaded.probabilityForLocality(persuaded.district("cand"), CaseType.GRANT_CONDITIONS, 3.0);
        double p9base = baseline.probabilityForLocality(baseline.district("cand"), CaseType.GRANT_CONDITIONS, 3.0);
        assertThat(p7).isLessThan(p7base);
        assertThat(p7base - p7).isLessThan(p9base - p9);
    }

    @Test
    void aSupremeCourtRulingBindsEveryCircuit() {
        UsReference ref = UsReference.load();
        CourtSystem none = new CourtSystem(courts(""), ref);
        CourtSystem sc = new CourtSystem(courts("  precedents: [{type: grantConditions, court: supreme, side: government}, "
                + "{type: grantConditions, court: \"7\", side: locality}]\n"), ref);
        int n = 3000;
        long seed = 10;
        for (Court c : sc.circuitCourts()) {
            String anyDistrict = ref.districts().stream().filter(d -> d.circuit().equals(c.circuit())).findFirst().orElseThrow().id();
            long before = wins(none, none.district(anyDistrict), n, seed++);
            long after = wins(sc, sc.district(anyDistrict), n, seed++);
            assertThat(after).as("circuit %s", c.circuit()).isLessThan(before);
            assertThat(differ(before, after, n)).as("circuit %s", c.circuit()).isTrue();
        }
        // the Supreme Court's ruling outweighs the 7th circuit's own contrary precedent
        assertThat(sc.probabilityForLocality(sc.district("ilnd"), CaseType.GRANT_CONDITIONS, 3.0)).isLessThan(0.5);
    }

    private static final String FUNDING = """
            name: funding
            start: 2026-01-01
            duration: 400d
            seed: 3
            jurisdictions:
              list:
                - {name: A County, state: CA, population: 2000000, foreignBornShare: 0.3, partisanLean: 0.7, policy: sanctuary, pinned: true}
                - {name: B County, state: WA, population: 1000000, foreignBornShare: 0.2, partisanLean: 0.7, policy: sanctuary}
                - {name: C County, state: IL, population: 1500000, foreignBornShare: 0.2, partisanLean: 0.7, policy: sanctuary}
            grantConditions: {active: true}
            litigation: {grantSuitMonthlyProbability: 0}
            mechanisms: {adaptation: false}
            courts:
              doctrine: {grantConditions: 8}
              injunctionRequestProbability: 1
              decisionDays: {injunction: {median: 30, sigma: 0.01}, district: {median: 200, sigma: 0.01}}
            events:
              - {on: 2026-02-01, do: suit, caseType: grantConditions, plaintiff: "A County, CA", defendant: United States}
            """;

    @Test
    void partiesOnlyInjunctionsRestoreFundsOnlyToPlaintiffs() {
        Scenario s = Harness.scenario(FUNDING.replace(", pinned: true", ""));
        JuriSimModel m = new JuriSimModel(s);
        SeriesTable t = new SeriesTable();
        m.addSink(t);
        m.runDays(120, null);
        Jurisdiction a = m.jurisdictions().get(0);
        Jurisdiction b = m.jurisdictions().get(1);
        assertThat(m.courts().cases()).hasSize(1);
        assertThat(m.courts().cases().get(0).preliminaryInjunction()).isTrue();
        assertThat(a.getFundsWithheld()).isZero();
        assertThat(a.isLosingFunds()).isFalse();
        assertThat(b.getFundsWithheld()).isGreaterThan(0);
        assertThat(b.isLosingFunds()).isTrue();
        assertThat(Harness.sum(t, "funds_restored")).isGreaterThan(0);
    }

    @Test
    void universalInjunctionsRestoreFundsToAll() {
        Scenario s = Harness.scenario(FUNDING.replace(", pinned: true", "").replace("injunctionRequestProbability: 1",
                "injunctionRequestProbability: 1\n  injunctionScope: UNIVERSAL"));
        JuriSimModel m = new JuriSimModel(s);
        m.runDays(120, null);
        for (Jurisdiction j : m.jurisdictions()) {
            assertThat(j.getFundsWithheld()).as(j.getKey()).isZero();
            assertThat(j.isLosingFunds()).as(j.getKey()).isFalse();
        }
    }

    @Test
    void appealsGoToTheCircuitOfTheDistrictThatDecided() {
        Scenario s = Harness.scenario("""
                name: appeals
                start: 2017-01-01
                duration: 6y
                seed: 11
                jurisdictions: {generate: {counties: 600}}
                grantConditions: {active: true}
                litigation: {dojSuitsPerYear: 10, grantSuitMonthlyProbability: 0.5, liabilitySuitRate: 0.001}
                initialPolicy:
                  rules: [{when: "jurisdiction.partisanLean > 0.55", policy: sanctuary}]
                courts: {certProbability: 0.3}
                """);
        JuriSimModel m = new JuriSimModel(s);
        m.runDays(s.days(), null);
        List<LegalCase> cases = m.courts().cases();
        long appeals = cases.stream().filter(c -> c.court().level() == Court.Level.CIRCUIT).count();
        long supreme = cases.stream().filter(c -> c.court().level() == Court.Level.SUPREME).count();
        assertThat(appeals).isGreaterThan(20);
        assertThat(supreme).isGreaterThan(0);
        for (LegalCase c : cases) {
            switch (c.court().level()) {
                case DISTRICT -> assertThat(c.appealOf()).isNull();
                case CIRCUIT -> {
                    assertThat(c.appealOf().court().level()).isEqualTo(Court.Level.DISTRICT);
                    assertThat(c.court().circuit()).isEqualTo(c.appealOf().court().circuit());
                    assertThat(c.filed()).isEqualTo(c.appealOf().decided());
                }
                case SUPREME -> assertThat(c.appealOf().court().level()).isEqualTo(Court.Level.CIRCUIT);
            }
            // a suit is filed where it arises: the district of the suing (or sued) locality
            if (c.court().level() == Court.Level.DISTRICT && c.type() == CaseType.GRANT_CONDITIONS) {
                assertThat(c.court().id()).isEqualTo(c.plaintiff().jurisdiction().spec().district());
            }
        }
    }

    @Test
    void courtsSwitchedOffGiveZeroCases() {
        Scenario s = Harness.scenario(FUNDING + """
                  - {on: 2026-03-01, do: suit, caseType: preemption, plaintiff: United States, defendant: CA}
                """, "mechanisms.courts=false", "litigation.dojSuitsPerYear=20", "litigation.grantSuitMonthlyProbability=1",
                "litigation.liabilitySuitRate=1");
        SeriesTable t = Harness.run(s);
        assertThat(Harness.sum(t, "cases_filed")).isZero();
        assertThat(Harness.sum(t, "funds_withheld")).isGreaterThan(0);
        JuriSimModel m = new JuriSimModel(s);
        m.runDays(s.days(), null);
        assertThat(m.courts().cases()).isEmpty();
    }
}
