package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jurisim.model.courts.LegalCase;
import org.jurisim.model.courts.Party;
import org.jurisim.scenario.CaseType;
import org.jurisim.scenario.Scenario;
import org.junit.jupiter.api.Test;

/**
 * DOJ's preemption suits (docs/ODD.md §7.8, {@code FederalExecutive.chooseTarget}): under
 * {@code SANCTUARY_STATES_FIRST} the states with a sanctuary law, in alphabetical order, then the largest
 * jurisdictions whose own policy limits cooperation (c &lt; {@code grantConditions.nonCooperationBelow}),
 * each sued once; under {@code LARGEST_NON_COOPERATING} only the latter.
 */
class DojTargetingTest {

    private static final String YAML = """
            name: doj
            start: 2026-01-01
            duration: 90d
            seed: 5
            jurisdictions:
              list:
                - {name: Big Standard County, state: CA, population: 5000000, policy: standard}
                - {name: D Full County, state: TX, population: 4000000, policy: full-cooperation}
                - {name: A Sanctuary County, state: IL, population: 3000000, policy: sanctuary}
                - {name: B Limited County, state: NY, population: 2000000, policy: limited}
                - {name: C Sanctuary County, state: TX, population: 1000000, policy: sanctuary}
            stateLaw:
              initial: {NJ: sanctuary, IL: sanctuary, CA: sanctuary, TX: anti-sanctuary}
            mechanisms: {adaptation: false, courts: true, stateLaw: true}
            litigation: {dojSuitsPerYear: 1000}
            """;

    private static JuriSimModel run(String... overrides) {
        Scenario s = Harness.scenario(YAML, overrides);
        JuriSimModel m = new JuriSimModel(s);
        m.runDays(s.days(), null);
        return m;
    }

    /** Defendants of DOJ's preemption suits (first instance), in filing order. */
    private static List<String> targets(JuriSimModel m) {
        return m.courts().cases().stream()
                .filter(c -> c.type() == CaseType.PREEMPTION && c.appealOf() == null && c.plaintiff().equals(Party.UNITED_STATES))
                .map(LegalCase::defendant)
                .map(p -> p.jurisdiction() != null ? p.jurisdiction().getName() : p.state())
                .toList();
    }

    @Test
    void sanctuaryStatesFirstThenTheLargestLimitingJurisdictions() {
        JuriSimModel m = run("litigation.dojTargets=SANCTUARY_STATES_FIRST");
        assertThat(targets(m)).containsExactly("CA", "IL", "NJ", "A Sanctuary County", "B Limited County", "C Sanctuary County");
        // power: DOJ reads the own policy. The biggest county's policy in force is capped by California's
        // law (limited, c < 0.5) and the smallest's is raised by Texas's (full cooperation): targeting by the
        // policy in force would sue the first and skip the second
        Jurisdiction big = m.jurisdictionList().stream().filter(j -> j.getName().equals("Big Standard County")).findFirst().orElseThrow();
        Jurisdiction small = m.jurisdictionList().stream().filter(j -> j.getName().equals("C Sanctuary County")).findFirst().orElseThrow();
        assertThat(m.cooperation(big.effectivePolicyIndex)).isLessThan(0.5);
        assertThat(m.cooperation(small.effectivePolicyIndex)).isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void largestNonCooperatingSuesNoStates() {
        assertThat(targets(run("litigation.dojTargets=LARGEST_NON_COOPERATING")))
                .containsExactly("A Sanctuary County", "B Limited County", "C Sanctuary County");
    }

    @Test
    void withoutTheStateLawMechanismStatesFirstFallsBackToTheLargest() {
        assertThat(targets(run("litigation.dojTargets=SANCTUARY_STATES_FIRST", "mechanisms.stateLaw=false")))
                .containsExactly("A Sanctuary County", "B Limited County", "C Sanctuary County");
    }

    @Test
    void randomNonCooperatingSuesTheSameCandidatesEachOnce() {
        assertThat(targets(run("litigation.dojTargets=RANDOM_NON_COOPERATING")))
                .containsExactlyInAnyOrder("A Sanctuary County", "B Limited County", "C Sanctuary County");
    }

    @Test
    void theCooperationThresholdDecidesWhoIsACandidate() {
        // with the threshold above standard's 0.75, the biggest county (own policy standard) is sued first
        assertThat(targets(run("litigation.dojTargets=LARGEST_NON_COOPERATING", "grantConditions.nonCooperationBelow=0.8")))
                .containsExactly("Big Standard County", "A Sanctuary County", "B Limited County", "C Sanctuary County");
    }
}
