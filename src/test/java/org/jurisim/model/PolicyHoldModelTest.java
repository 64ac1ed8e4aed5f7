package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jurisim.scenario.Scenario;
import org.junit.jupiter.api.Test;

/**
 * A held policy ({@link JuriSimModel#adoptPolicy(String, String, Boolean)}, or a {@code setPolicy} event with
 * {@code hold}) is kept by the model every day: the policy adaptation leaves it alone and so does a {@code setPolicy}
 * event without {@code hold}; the law may still override the policy in force, and says so. Fixed seed; the unheld
 * jurisdictions beside it show that the adaptation pressure does change policies within the same days.
 */
class PolicyHoldModelTest {

    private static final String HARRIS = "Harris County, TX";
    private static final String MIAMI = "Miami-Dade County, FL";

    /** Four places; adaptation reviews every day under a strong push toward limits. */
    private static Scenario restless(String extra) {
        return Harness.scenario("""
                name: Restless
                start: 2026-01-01
                duration: 200d
                seed: 7
                jurisdictions:
                  list:
                    - {name: Harris County, state: TX, fips: "48201", population: 5045026, foreignBornShare: 0.2617, partisanLean: 0.5281, policy: full-cooperation}
                    - {name: Miami-Dade County, state: FL, fips: "12086", population: 2802029, foreignBornShare: 0.5399, partisanLean: 0.4423, policy: full-cooperation}
                    - {name: Maricopa County, state: AZ, fips: "04013", population: 4689558, foreignBornShare: 0.1449, partisanLean: 0.4824, policy: full-cooperation}
                    - {name: Cook County, state: IL, fips: "17031", population: 5194625, foreignBornShare: 0.2093, partisanLean: 0.7126, policy: full-cooperation}
                mechanisms: {adaptation: true}
                adaptation: {everyDays: 1, baseline: 12}
                """ + extra);
    }

    /** Own policy of a jurisdiction at the end of each day, for {@code days} days, holding Harris County from day {@code holdOn}. */
    private static List<String> ownPolicyByDay(JuriSimModel m, String key, long days, long holdOn, String held) {
        List<String> out = new ArrayList<>();
        m.start();
        for (long d = 0; d < days; d++) {
            if (d == holdOn) {
                m.adoptPolicy(HARRIS, held, true);
            }
            assertThat(m.schedule.step(m)).isTrue();
            out.add(m.jurisdiction(key).getPolicy());
        }
        return out;
    }

    @Test
    void aHeldPolicyStaysEveryDayUnderAdaptationPressureWhileAnUnheldOneChanges() {
        JuriSimModel m = new JuriSimModel(restless(""));
        List<String> harris = ownPolicyByDay(m, HARRIS, 200, 10, "full-cooperation");
        assertThat(m.jurisdiction(HARRIS).isHeld()).isTrue();
        // from the day it was held, every day: no lapse, not even for a day
        assertThat(harris.subList(10, 200)).containsOnly("full-cooperation");
        assertThat(m.jurisdiction(HARRIS).effectivePolicyIndex()).isEqualTo(m.policyIndex("full-cooperation"));
        assertThat(m.jurisdiction(HARRIS).policyInForceSource()).isEqualTo(PolicySource.OWN);
        // the same pressure moves the jurisdictions not held (the test has the power to see a change)
        for (String other : List.of(MIAMI, "Maricopa County, AZ", "Cook County, IL")) {
            assertThat(m.jurisdiction(other).isHeld()).isFalse();
        }
        JuriSimModel free = new JuriSimModel(restless(""));
        List<String> unheld = ownPolicyByDay(free, MIAMI, 200, 10, "full-cooperation");
        assertThat(unheld.subList(10, 200)).as("Miami-Dade, not held").anyMatch(p -> !p.equals("full-cooperation"));
        // and Harris County itself, not held, changes under the same pressure
        JuriSimModel none = new JuriSimModel(restless(""));
        none.start();
        List<String> harrisFree = new ArrayList<>();
        for (int d = 0; d < 200; d++) {
            none.schedule.step(none);
            harrisFree.add(none.jurisdiction(HARRIS).getPolicy());
        }
        assertThat(harrisFree.subList(10, 200)).as("Harris County, not held").anyMatch(p -> !p.equals("full-cooperation"));
    }

    @Test
    void aReleasedHoldLetsTheAdaptationChangeThePolicyAgain() {
        JuriSimModel m = new JuriSimModel(restless(""));
        m.start();
        List<String> after = new ArrayList<>();
        for (long d = 0; d < 200; d++) {
            if (d == 10) {
                m.adoptPolicy(HARRIS, "full-cooperation", true);
            }
            if (d == 50) {
                m.adoptPolicy(HARRIS, "full-cooperation", false);
            }
            m.schedule.step(m);
            if (d >= 50) {
                after.add(m.jurisdiction(HARRIS).getPolicy());
            }
        }
        assertThat(m.jurisdiction(HARRIS).isHeld()).isFalse();
        assertThat(after).anyMatch(p -> !p.equals("full-cooperation"));
    }

    @Test
    void aSetPolicyEventSkipsAHeldJurisdictionUnlessItSaysWhatBecomesOfTheHold() {
        String events = """
                events:
                  - {on: 2026-01-02, do: setPolicy, jurisdictions: ["Harris County, TX"], policy: standard, hold: true}
                  - {on: 2026-03-01, do: setPolicy, jurisdictions: ["Harris County, TX", "Miami-Dade County, FL"], policy: sanctuary}
                  - {on: 2026-05-01, do: setPolicy, jurisdictions: ["Harris County, TX"], policy: limited, hold: false}
                """;
        JuriSimModel m = new JuriSimModel(restless(events));
        m.start();
        List<String> harris = new ArrayList<>();
        for (int d = 0; d < 200; d++) {
            m.schedule.step(m);
            harris.add(m.jurisdiction(HARRIS).getPolicy());
            if (d == 0) {
                assertThat(m.jurisdiction(HARRIS).isHeld()).isFalse();
            }
        }
        // held as "standard" from 2 January (day 1) to 1 May (day 120): every day, the March event without hold skipped
        assertThat(harris.subList(1, 120)).containsOnly("standard");
        assertThat(m.timeline().log().get(1).affected()).as("the March event changed Miami-Dade only").isEqualTo(1);
        // released on 1 May (the event applies to the held jurisdiction: it says what becomes of the hold); from that
        // day the adaptation moves it again
        assertThat(m.timeline().log().get(2).affected()).isEqualTo(1);
        assertThat(m.jurisdiction(HARRIS).isHeld()).isFalse();
        assertThat(harris.subList(120, 200)).anyMatch(p -> !p.equals("standard"));
    }

    @Test
    void theLawOverridesTheHeldPolicyInForceAndSaysWhy() {
        JuriSimModel m = new JuriSimModel(restless("stateLaw:\n  initial:\n    TX: anti-sanctuary\n"));
        List<String> harris = ownPolicyByDay(m, HARRIS, 60, 5, "sanctuary");
        Jurisdiction j = m.jurisdiction(HARRIS);
        assertThat(harris.subList(5, 60)).containsOnly("sanctuary");
        assertThat(j.effectivePolicyIndex()).as("the state's law forces more cooperation").isNotEqualTo(m.policyIndex("sanctuary"));
        assertThat(j.policyInForceSource()).isEqualTo(PolicySource.STATE_ANTI_SANCTUARY_LAW);
        // Miami-Dade (Florida, no such law here) decides its own policy in force
        assertThat(m.jurisdiction(MIAMI).policyInForceSource()).isEqualTo(PolicySource.OWN);
    }
}
