package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jurisim.model.courts.Court;
import org.jurisim.model.courts.LegalCase;
import org.jurisim.model.courts.Party;
import org.jurisim.scenario.CaseType;
import org.jurisim.scenario.Scenario;
import org.junit.jupiter.api.Test;

/**
 * Coalition suits (one suit, many plaintiffs), injunctions that cover every plaintiff of a suit, a
 * Supreme Court that takes one case per question, and injunctions that do not outlast a binding
 * appellate ruling against them (Texas SB4).
 */
class CoalitionsAndCertiorariTest {

    private static final String MANY = """
            name: coalitions
            start: 2017-01-01
            duration: 365d
            seed: 21
            jurisdictions: {generate: {counties: 400}}
            grantConditions: {active: true}
            litigation: {grantSuitMonthlyProbability: 0.5, grantSuitMinLean: 0.5, liabilitySuitRate: 0}
            initialPolicy:
              rules: [{when: "jurisdiction.partisanLean > 0.55", policy: sanctuary}]
            mechanisms: {adaptation: false}
            """;

    private static List<LegalCase> grantSuits(JuriSimModel m) {
        return m.courts().cases().stream()
                .filter(c -> c.type() == CaseType.GRANT_CONDITIONS && c.court().level() == Court.Level.DISTRICT).toList();
    }

    @Test
    void localitiesJoinAPendingSuitInsteadOfFilingTheirOwn() {
        Scenario s = Harness.scenario(MANY);
        JuriSimModel m = new JuriSimModel(s);
        m.runDays(s.days(), null);
        List<LegalCase> suits = grantSuits(m);
        int suers = suits.stream().mapToInt(c -> c.plaintiffs().size()).sum();
        assertThat(suers).as("localities suing").isGreaterThan(30);
        assertThat(suits.size() * 4).as("suits << localities suing").isLessThan(suers);
        assertThat(suits.stream().mapToInt(c -> c.plaintiffs().size()).max().orElseThrow()).isGreaterThan(1);
        // every locality is a plaintiff in one suit only, and the lead is the one who filed
        Set<Party> seen = new HashSet<>();
        for (LegalCase c : suits) {
            assertThat(c.plaintiffs().get(0)).isEqualTo(c.plaintiff());
            for (Party p : c.plaintiffs()) {
                assertThat(seen.add(p)).as("%s in one suit", p.label()).isTrue();
            }
        }
        // the same world without coalitions: one suit per locality
        Scenario alone = Harness.scenario(MANY, "litigation.coalitionJoinProbability=0", "litigation.joinMonthlyProbability=0");
        JuriSimModel a = new JuriSimModel(alone);
        a.runDays(alone.days(), null);
        List<LegalCase> single = grantSuits(a);
        assertThat(single).allSatisfy(c -> assertThat(c.plaintiffs()).hasSize(1));
        assertThat(single.size()).isGreaterThan(30);
    }

    private static final String FUNDING = """
            name: coalition-funding
            start: 2026-01-01
            duration: 120d
            seed: 3
            jurisdictions:
              list:
                - {name: A County, state: CA, population: 2000000, foreignBornShare: 0.3, partisanLean: 0.7, policy: sanctuary}
                - {name: B County, state: WA, population: 1000000, foreignBornShare: 0.2, partisanLean: 0.7, policy: sanctuary}
                - {name: C County, state: IL, population: 1500000, foreignBornShare: 0.2, partisanLean: 0.7, policy: sanctuary}
                - {name: D County, state: NY, population: 1500000, foreignBornShare: 0.2, partisanLean: 0.55, policy: sanctuary}
            grantConditions: {active: true}
            litigation: {grantSuitMonthlyProbability: 1, grantSuitMinLean: 0.6, coalitionJoinProbability: 1, liabilitySuitRate: 0}
            mechanisms: {adaptation: false}
            courts:
              doctrine: {grantConditions: 8}
              injunctionRequestProbability: 1
              decisionDays: {injunction: {median: 45, sigma: 0.01}, district: {median: 300, sigma: 0.01}}
            events:
              - {on: 2026-01-01, do: suit, caseType: grantConditions, plaintiff: "A County, CA", defendant: United States}
            """;

    @Test
    void anInjunctionInACoalitionSuitProtectsAllItsPlaintiffsAndNoOneElse() {
        Scenario s = Harness.scenario(FUNDING);
        JuriSimModel m = new JuriSimModel(s);
        m.runDays(s.days(), null);
        assertThat(m.courts().cases()).hasSize(1);
        LegalCase c = m.courts().cases().get(0);
        assertThat(c.plaintiffs()).extracting(Party::label).containsExactly("A County, CA", "C County, IL", "B County, WA");
        assertThat(c.preliminaryInjunction()).isTrue();
        assertThat(c.injunctionUniversal()).isFalse();
        List<Jurisdiction> js = m.jurisdictions();
        for (Jurisdiction j : js.subList(0, 3)) {
            assertThat(j.isLosingFunds()).as(j.getKey()).isFalse();
            assertThat(j.getFundsWithheld()).as(j.getKey() + " restored").isZero();
            assertThat(m.courts().grantFundsProtected(j)).as(j.getKey()).isTrue();
        }
        // B and C lost funds before the injunction (they joined within their first month), so it is the
        // coalition's injunction that restored them
        Jurisdiction d = js.get(3);
        assertThat(d.isLosingFunds()).as("D is no plaintiff").isTrue();
        assertThat(d.getFundsWithheld()).isGreaterThan(0);
        assertThat(m.courts().grantFundsProtected(d)).isFalse();
        // the same suit with a universal injunction protects D too: the check above can fail
        Scenario u = Harness.scenario(FUNDING.replace("injunctionRequestProbability: 1",
                "injunctionRequestProbability: 1\n  injunctionScope: UNIVERSAL"));
        JuriSimModel mu = new JuriSimModel(u);
        mu.runDays(u.days(), null);
        assertThat(mu.jurisdictions().get(3).isLosingFunds()).isFalse();
        // and without coalitions, each plaintiff is protected by its own suit only: three suits
        Scenario alone = Harness.scenario(FUNDING, "litigation.coalitionJoinProbability=0");
        JuriSimModel ma = new JuriSimModel(alone);
        ma.runDays(alone.days(), null);
        assertThat(ma.courts().cases()).hasSize(3).allSatisfy(k -> assertThat(k.plaintiffs()).hasSize(1));
    }

    private static final String JOINING = """
            name: joining
            start: 2026-01-01
            duration: 240d
            seed: 5
            jurisdictions: {generate: {counties: 400}}
            grantConditions: {active: true}
            litigation: {grantSuitMonthlyProbability: 0.004, grantSuitMinLean: 0.5, coalitionJoinProbability: 0, liabilitySuitRate: 0,
                         joinMonthlyProbability: 0.5}
            initialPolicy:
              rules: [{when: "jurisdiction.partisanLean > 0.55", policy: sanctuary}]
            mechanisms: {adaptation: false}
            courts:
              doctrine: {grantConditions: 8}
              injunctionRequestProbability: 1
              decisionDays: {injunction: {median: 20, sigma: 0.01}, district: {median: 2000, sigma: 0.01}}
            """;

    @Test
    void localitiesLosingFundsJoinASuitWhoseInjunctionProtectsOnlyItsPlaintiffs() {
        Scenario s = Harness.scenario(JOINING);
        JuriSimModel m = new JuriSimModel(s);
        m.runDays(s.days(), null);
        List<LegalCase> suits = grantSuits(m);
        // few decide to sue on their own (0.004 a month), but once a suit holds a parties-only injunction, those losing
        // funds join it at half a chance a month (coalitionJoinProbability is 0: no joining by the ordinary path)
        int largest = suits.stream().mapToInt(c -> c.plaintiffs().size()).max().orElseThrow();
        assertThat(suits).anySatisfy(c -> assertThat(c.preliminaryInjunction()).isTrue());
        assertThat(largest).as("plaintiffs of the largest suit").isGreaterThan(20);
        assertThat(suits.size()).as("suits filed").isLessThan(largest / 2);
        // the join rate is what does it: without it every suit keeps its one plaintiff
        Scenario none = Harness.scenario(JOINING, "litigation.joinMonthlyProbability=0");
        JuriSimModel n = new JuriSimModel(none);
        n.runDays(none.days(), null);
        assertThat(grantSuits(n)).isNotEmpty().allSatisfy(c -> assertThat(c.plaintiffs()).hasSize(1));
        // and a universal injunction protects everyone: nobody loses funds, so nobody needs to join
        Scenario universal = Harness.scenario(JOINING, "courts.injunctionScope=UNIVERSAL");
        JuriSimModel u = new JuriSimModel(universal);
        u.runDays(universal.days(), null);
        assertThat(grantSuits(u).stream().mapToInt(c -> c.plaintiffs().size()).max().orElseThrow()).isLessThan(3);
    }

    private static final String RENEWED = """
            name: renewed-conditions
            start: 2026-01-01
            duration: 200d
            seed: 3
            jurisdictions:
              list:
                - {name: A County, state: CA, population: 2000000, foreignBornShare: 0.3, partisanLean: 0.7, policy: sanctuary}
                - {name: B County, state: WA, population: 1000000, foreignBornShare: 0.2, partisanLean: 0.7, policy: sanctuary}
            grantConditions: {active: true}
            litigation: {grantSuitMonthlyProbability: 1, grantSuitMinLean: 0.6, coalitionJoinProbability: 1, liabilitySuitRate: 0}
            mechanisms: {adaptation: false}
            courts:
              doctrine: {grantConditions: 8}
              injunctionRequestProbability: 1
              certProbability: 0
              certProbabilityAfterSplit: 0
              decisionDays: {injunction: {median: 20, sigma: 0.01}, district: {median: 40, sigma: 0.01}, circuit: {median: 10, sigma: 0.01}}
            events:
              - {on: 2026-03-01, do: grantConditions, active: false}
              - {on: 2026-04-01, do: grantConditions, active: true}
            """;

    @Test
    void withdrawnConditionsEndTheirInjunctionsAndNewOnesAreSuedAnew() {
        Scenario s = Harness.scenario(RENEWED);
        JuriSimModel m = new JuriSimModel(s);
        m.start();
        step(m, 58);   // to 27 February: the first suit and its appeal decided for the localities, the injunction in force
        List<LegalCase> first = grantSuits(m);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).injunctionActive()).isTrue();
        step(m, 31);   // past 1 March: the conditions withdrawn, nothing left to enjoin
        assertThat(first.get(0).injunctionActive()).isFalse();
        step(m, s.days() - 89);   // the conditions of 1 April are new: the same localities sue again
        m.finish();
        List<LegalCase> all = grantSuits(m);
        assertThat(all).hasSize(2);
        LegalCase second = all.get(1);
        assertThat(m.scenario().dateOf(second.filed())).isAfterOrEqualTo(java.time.LocalDate.of(2026, 4, 1));
        assertThat(second.plaintiffs()).extracting(Party::label).containsExactlyInAnyOrder("A County, CA", "B County, WA");
        assertThat(second.injunctionActive()).isTrue();
    }

    private static void step(JuriSimModel m, long days) {
        for (long d = 0; d < days; d++) {
            assertThat(m.schedule.step(m)).isTrue();
        }
    }

    private static final String CERT = """
            name: certiorari
            start: 2017-01-01
            duration: 8y
            seed: 11
            jurisdictions: {generate: {counties: 600}}
            grantConditions: {active: true}
            litigation: {grantSuitMonthlyProbability: 0.5, coalitionJoinProbability: 0, liabilitySuitRate: 0}
            initialPolicy:
              rules: [{when: "jurisdiction.partisanLean > 0.55", policy: sanctuary}]
            mechanisms: {adaptation: false}
            courts: {certProbability: 0.5, certProbabilityAfterSplit: 1, supremeGrantsPerYear: 2, leanWeight: 8,
                     decisionDays: {supreme: {median: 600, sigma: 0.3}}}
            """;

    @Test
    void theSupremeCourtTakesOneCasePerQuestionAndDecidesTheHeldOnesByItsRuling() {
        Scenario s = Harness.scenario(CERT);
        JuriSimModel m = new JuriSimModel(s);
        m.runDays(s.days(), null);
        List<LegalCase> cases = m.courts().cases();
        List<LegalCase> granted = new ArrayList<>();
        List<LegalCase> heldCases = new ArrayList<>();
        for (LegalCase c : cases) {
            if (c.court().level() == Court.Level.SUPREME && c.type() == CaseType.GRANT_CONDITIONS) {
                (c.heldFor() == null ? granted : heldCases).add(c);
            }
        }
        long circuitGrant = cases.stream()
                .filter(c -> c.court().level() == Court.Level.CIRCUIT && c.type() == CaseType.GRANT_CONDITIONS && c.decided() >= 0).count();
        assertThat(circuitGrant).as("many circuit decisions, each a candidate for certiorari").isGreaterThan(20);
        assertThat(granted).isNotEmpty();
        // the circuit decisions that came while the case was pending were held, not granted
        assertThat(heldCases).isNotEmpty();
        // at most one grant-condition case pending in the Supreme Court at any time
        for (long day = 0; day < s.days(); day++) {
            final long t = day;
            long pending = granted.stream().filter(c -> c.filed() <= t && (c.decided() < 0 || c.decided() > t)).count();
            assertThat(pending).as("day %d", day).isLessThanOrEqualTo(1);
        }
        // held cases are decided on the day of the ruling they waited for, the same way
        for (LegalCase h : heldCases) {
            assertThat(h.decided()).isEqualTo(h.heldFor().decided());
            assertThat(h.forLocality()).isEqualTo(h.heldFor().forLocality());
            assertThat(h.appealOf().court().level()).isEqualTo(Court.Level.CIRCUIT);
            assertThat(h.appealOf().decided()).isLessThanOrEqualTo(h.heldFor().decided());
        }
        // and no more than supremeGrantsPerYear grants (of any question) in any 365 days
        List<Long> grants = cases.stream().filter(c -> c.court().level() == Court.Level.SUPREME && c.heldFor() == null)
                .map(LegalCase::filed).sorted().toList();
        for (int i = 2; i < grants.size(); i++) {
            assertThat(grants.get(i) - grants.get(i - 2)).isGreaterThanOrEqualTo(365);
        }
    }

    private static final String SB4 = """
            name: sb4-appeal
            start: 2017-01-01
            duration: %s
            seed: 4
            jurisdictions:
              list:
                - {name: Travis County, state: TX, population: 1300000, foreignBornShare: 0.17, partisanLean: 0.75, policy: sanctuary}
                - {name: Bexar County, state: TX, population: 2000000, foreignBornShare: 0.13, partisanLean: 0.6, policy: limited}
            litigation: {stateLawSuitProbability: 0, coalitionJoinProbability: 0, liabilitySuitRate: 0}
            mechanisms: {adaptation: false}
            courts:
              doctrine: {antiSanctuaryLaw: -8}
              circuitLeans: {"5": 0.95}
              leanWeight: 40
              injunctionRequestProbability: 0
              appealProbability: 1
              governmentAppealProbability: 0
              certProbability: 0
              decisionDays: {district: {median: 100, sigma: 0.01}, circuit: {median: 200, sigma: 0.01}}
            events:
              - {on: 2017-01-01, do: stateLaw, state: TX, law: anti-sanctuary}
              - {on: 2017-01-10, do: suit, caseType: antiSanctuaryLaw, plaintiff: "Travis County, TX", defendant: TX}
              - {on: 2017-05-01, do: suit, caseType: antiSanctuaryLaw, plaintiff: "Bexar County, TX", defendant: TX}
              - {on: 2017-06-01, do: set, path: courts.leanWeight, value: 0}
            """;

    @Test
    void anInjunctionAgainstAStateLawEndsWhenTheCircuitUpholdsTheLawInAnotherSuit() {
        // Travis County wins in district court (Apr 2017) and the state does not appeal; Bexar County loses
        // (Aug 2017), appeals, and the 5th Circuit upholds the law (Feb 2018): Travis's injunction ends
        Scenario early = Harness.scenario(SB4.formatted("365d"));
        JuriSimModel e = new JuriSimModel(early);
        e.runDays(early.days(), null);
        Jurisdiction travis = e.jurisdictions().get(0);
        LegalCase travisSuit = e.courts().cases().get(0);
        assertThat(travisSuit.forLocality()).isTrue();
        assertThat(travisSuit.injunctionActive()).as("enjoined at the end of 2017").isTrue();
        assertThat(e.courts().antiSanctuaryLawEnjoined(travis)).isTrue();
        assertThat(travis.policyInForce(e)).isEqualTo("sanctuary");

        Scenario full = Harness.scenario(SB4.formatted("600d"));
        JuriSimModel m = new JuriSimModel(full);
        m.runDays(full.days(), null);
        LegalCase circuit = m.courts().cases().stream().filter(c -> c.court().level() == Court.Level.CIRCUIT).findFirst().orElseThrow();
        assertThat(circuit.plaintiff().label()).isEqualTo("Bexar County, TX");
        assertThat(circuit.forLocality()).as("5th Circuit upholds the law").isFalse();
        assertThat(m.courts().circuitPrecedent(CaseType.ANTI_SANCTUARY_LAW, "5")).isFalse();
        LegalCase travisAfter = m.courts().cases().get(0);
        assertThat(travisAfter.forLocality()).isTrue();
        assertThat(travisAfter.injunctionActive()).as("no injunction outlasts the binding ruling").isFalse();
        assertThat(m.courts().antiSanctuaryLawEnjoined(m.jurisdictions().get(0))).isFalse();
        assertThat(m.jurisdictions().get(0).policyInForce(m)).isEqualTo("full-cooperation");
    }
}
