package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jurisim.output.SeriesTable;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/** A state's ban on 287(g) agreements (stateLaw.bans287g): from its date no offer is accepted there, and agreements held end. */
class Ban287gTest {

    private static int row(SeriesTable t, String date) {
        for (int r = 0; r < t.rows(); r++) {
            if (t.date(r).equals(LocalDate.parse(date))) {
                return r;
            }
        }
        throw new AssertionError("no row for " + date);
    }

    private static JuriSimModel run(Scenario s, SeriesTable sink) {
        JuriSimModel m = new JuriSimModel(s);
        m.addSink(sink);
        m.runDays(s.days(), null);
        return m;
    }

    /** Jurisdictions under 287(g) and in all, by state, at the end of a run. */
    private static Map<String, int[]> byState(JuriSimModel m) {
        Map<String, int[]> out = new TreeMap<>();
        for (Jurisdiction j : m.jurisdictions()) {
            int[] c = out.computeIfAbsent(j.getState(), k -> new int[2]);
            c[0] += j.isAgreement287g() ? 1 : 0;
            c[1]++;
        }
        return out;
    }

    private static final String OFFER_TO_ALL = """
            name: offer to all
            start: 2026-01-01
            duration: 40d
            seed: 11
            jurisdictions: {generate: {counties: 150, states: [CA, TX, IL, NY, ME]}}
            mechanisms: {adaptation: false}
            stateLaw:
              bans287g: {CA: 2025-07-01, IL: 2026-01-01, ME: 2026-01-20}
            events:
              - {on: 2026-02-01, do: offer287g, when: "true", acceptance: 1.0}
            """;

    @Test
    void anOfferToEveryJurisdictionReachesNoneInABanStateAndAllElsewhere() {
        Scenario s = Harness.scenario(OFFER_TO_ALL);
        Map<String, int[]> end = byState(run(s, new SeriesTable()));
        assertThat(end.keySet()).containsExactlyInAnyOrder("CA", "TX", "IL", "NY", "ME");
        for (Map.Entry<String, int[]> e : end.entrySet()) {
            int under = e.getValue()[0];
            int all = e.getValue()[1];
            assertThat(all).as("jurisdictions in %s", e.getKey()).isPositive();
            if (Set.of("CA", "IL", "ME").contains(e.getKey())) {
                assertThat(under).as("under 287(g) in %s (banned)", e.getKey()).isZero();
            } else {
                assertThat(under).as("under 287(g) in %s", e.getKey()).isEqualTo(all);
            }
        }
        // with the state-law mechanism off, the bans do nothing: everyone signs
        Map<String, int[]> off = byState(run(Harness.scenario(OFFER_TO_ALL, "mechanisms.stateLaw=false"), new SeriesTable()));
        off.forEach((st, c) -> assertThat(c[0]).as("under 287(g) in %s, state law off", st).isEqualTo(c[1]));
    }

    @Test
    void anAgreementEndsOnTheBansDateAndNotBefore() {
        String yaml = """
                name: ban ends agreements
                start: 2026-01-01
                duration: 120d
                seed: 3
                jurisdictions:
                  list:
                    - {name: A County, state: CA, population: 2000000, foreignBornShare: 0.3, policy: sanctuary, agreement287g: true}
                    - {name: B County, state: TX, population: 1500000, foreignBornShare: 0.25, policy: sanctuary, agreement287g: true}
                    - {name: C County, state: IL, population: 1000000, foreignBornShare: 0.2, policy: sanctuary, agreement287g: true}
                mechanisms: {adaptation: false}
                stateLaw:
                  bans287g: {CA: 2026-03-01, IL: 2025-12-01}
                events:
                  - {on: 2026-04-01, do: offer287g, jurisdictions: ["A County, CA", "C County, IL"], acceptance: 1.0, note: "refused: banned"}
                """;
        SeriesTable t = new SeriesTable();
        JuriSimModel m = run(Harness.scenario(yaml), t);
        // Illinois's ban is in force before the start: its agreement ends on the first day
        assertThat(t.value("agreements_287g", 0)).isEqualTo(2);
        int mar = row(t, "2026-03-01");
        assertThat(t.value("agreements_287g", mar - 1)).as("the day before California's ban").isEqualTo(2);
        assertThat(t.value("jurisdictions_full_cooperation", mar - 1)).isEqualTo(2);
        assertThat(t.value("agreements_287g", mar)).as("on the ban's date").isEqualTo(1);
        // A County's own policy is in force again
        assertThat(t.value("jurisdictions_full_cooperation", mar)).isEqualTo(1);
        assertThat(t.value("jurisdictions_sanctuary", mar)).isEqualTo(2);
        assertThat(t.value("agreements_287g", t.rows() - 1)).as("the later offer is refused").isEqualTo(1);
        assertThat(m.jurisdiction("B County, TX").isAgreement287g()).isTrue();
        // the ends are logged as events of their day, with how many agreements each ended
        List<EventTimeline.Applied> ends = m.timeline().log().stream().filter(a -> a.note().contains("law bars 287(g)")).toList();
        assertThat(ends).extracting(EventTimeline.Applied::date, EventTimeline.Applied::kind, EventTimeline.Applied::affected)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 1, 1), "end287g", 1),
                        org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 3, 1), "end287g", 1));
        assertThat(m.timeline().log()).filteredOn(a -> a.kind().equals("offer287g")).extracting(EventTimeline.Applied::affected)
                .containsExactly(0);
    }

    /** The nine states whose bans the record dates by Feb 2026 (New Mexico's takes effect after ICE's sheet of 18 May 2026). */
    static final Set<String> BAN_STATES = Set.of("WA", "IL", "CA", "OR", "NJ", "DE", "CT", "ME", "MD");

    @Test
    void theStandoffOnTheRealMapLeavesNoJailUnder287gInTheBanStates() throws Exception {
        // to 10 June 2026: past the story's 287(g) offers of 1 June to jurisdictions with partisan lean below 0.5
        Scenario s = ScenarioLoader.load(Path.of("scenarios/standoff-2026.yaml"), List.of("duration=161d"));
        assertThat(s.stateLaw().bans287g().keySet()).isEqualTo(BAN_STATES);
        assertThat(s.stateLaw().bans287g().get("MD")).isEqualTo(LocalDate.of(2026, 2, 17));
        // the offers could reach the ban states: many of their jurisdictions meet the offer's condition
        long eligible = s.jurisdictions().stream().filter(j -> BAN_STATES.contains(j.state()) && j.partisanLean() < 0.5).count();
        assertThat(eligible).isGreaterThan(100);
        SeriesTable t = new SeriesTable();
        JuriSimModel m = run(s, t);
        assertThat(m.today()).isAfter(LocalDate.of(2026, 6, 1));
        Map<String, int[]> end = byState(m);
        for (String st : BAN_STATES) {
            assertThat(end.get(st)[0]).as("under 287(g) in %s", st).isZero();
        }
        // elsewhere the offers of 1 June were taken up
        int may = row(t, "2026-05-31");
        int jun = row(t, "2026-06-01");
        assertThat(t.value("agreements_287g", jun) - t.value("agreements_287g", may)).isGreaterThan(100);
        assertThat(end.get("NM")[0]).as("New Mexico's agreements on ICE's sheet").isPositive();
    }
}
