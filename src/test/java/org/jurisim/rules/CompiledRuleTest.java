package org.jurisim.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jurisim.common.BadInputException;
import org.jurisim.common.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Evaluation behaviour of compiled rules. */
class CompiledRuleTest {

    private static final RuleCompiler COMPILER = new RuleCompiler();
    private static final Location ORIGIN = new Location("scenario.yaml", 10, 15);
    private static final String STANDARD = "detainer.judicialWarrant || detainer.severity >= Severity.VIOLENT_FELONY ? HONOR : NOTIFY";

    private static CompiledRule decision(String source) throws BadInputException {
        return COMPILER.compile(source, RuleKind.DECISION, "policies.p.detainers", ORIGIN);
    }

    private static CompiledRule condition(String source) throws BadInputException {
        return COMPILER.compile(source, RuleKind.CONDITION, "policies.p.shareReleaseDates", ORIGIN);
    }

    // ------------------------------------------------------------------ constants

    @ParameterizedTest
    @EnumSource(Decision.class)
    void decisionConstantIsEvaluatedOnce(Decision d) throws Exception {
        CompiledRule rule = decision(d.name());
        assertThat(rule.isConstant()).isTrue();
        assertThat(rule.referencedVariables()).isEmpty();
        assertThat(rule.decide(new RuleInputs())).isEqualTo(d);
        assertThat(rule.decide(new RuleInputs().setSeverity(Severity.FELONY))).isEqualTo(d);
        assertThat(rule.source()).isEqualTo(d.name());
        assertThat(rule.kind()).isEqualTo(RuleKind.DECISION);
        assertThat(rule.origin()).isEqualTo(ORIGIN);
        assertThat(rule.fieldPath()).isEqualTo("policies.p.detainers");
    }

    @Test
    void boolConstants() throws Exception {
        assertThat(condition("true").test(new RuleInputs())).isTrue();
        assertThat(condition("false").test(new RuleInputs())).isFalse();
        assertThat(condition("true").isConstant()).isTrue();
        assertThat(condition("Severity.FELONY == 2 && Severity.NONE == 0 && Severity.VIOLENT_FELONY == 3").isConstant()).isTrue();
        assertThat(condition("Severity.MISDEMEANOR < Severity.FELONY").test(new RuleInputs())).isTrue();
        assertThat(decision("Severity.FELONY > Severity.MISDEMEANOR ? DECLINE : HONOR").decide(new RuleInputs()))
                .isEqualTo(Decision.DECLINE);
    }

    @Test
    void decisionsCompareForEquality() throws Exception {
        assertThat(condition("HONOR == HONOR && HONOR != NOTIFY && NOTIFY in [NOTIFY, DECLINE]").test(new RuleInputs())).isTrue();
    }

    // ------------------------------------------------------------------ ternaries over the detainer

    @Test
    void standardPolicyOverAllSixteenCombinations() throws Exception {
        CompiledRule rule = decision(STANDARD);
        assertThat(rule.isConstant()).isFalse();
        assertThat(rule.referencedVariables()).containsExactly("detainer.severity", "detainer.judicialWarrant");
        RuleInputs in = new RuleInputs();
        int checked = 0;
        for (Severity s : Severity.values()) {
            for (boolean warrant : new boolean[] {false, true}) {
                for (boolean prior : new boolean[] {false, true}) {
                    in.setSeverity(s).setJudicialWarrant(warrant).setPriorRemoval(prior);
                    Decision expected = warrant || s == Severity.VIOLENT_FELONY ? Decision.HONOR : Decision.NOTIFY;
                    assertThat(rule.decide(in)).as("%s warrant=%s prior=%s", s, warrant, prior).isEqualTo(expected);
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(16);
    }

    @Test
    void limitedPolicyUsesConvictionAndPriorRemoval() throws Exception {
        CompiledRule rule = decision("""
                detainer.judicialWarrant ? HONOR
                  : (detainer.convicted && detainer.severity >= Severity.FELONY) || detainer.priorRemoval ? NOTIFY
                  : DECLINE""");
        RuleInputs in = new RuleInputs();
        assertThat(rule.decide(in)).isEqualTo(Decision.DECLINE);
        assertThat(rule.decide(in.setSeverity(Severity.FELONY))).isEqualTo(Decision.DECLINE);
        assertThat(rule.decide(in.setConvicted(true))).isEqualTo(Decision.NOTIFY);
        assertThat(rule.decide(in.setSeverity(Severity.MISDEMEANOR))).isEqualTo(Decision.DECLINE);
        assertThat(rule.decide(in.setPriorRemoval(true))).isEqualTo(Decision.NOTIFY);
        assertThat(rule.decide(in.setJudicialWarrant(true))).isEqualTo(Decision.HONOR);
        assertThat(rule.referencedVariables()).containsExactly(
                "detainer.severity", "detainer.judicialWarrant", "detainer.priorRemoval", "detainer.convicted");
    }

    // ------------------------------------------------------------------ dates

    @Test
    void dateComparisons() throws Exception {
        CompiledRule rule = decision("date >= timestamp(\"2026-03-01T00:00:00Z\") ? DECLINE : HONOR");
        assertThat(rule.referencedVariables()).containsExactly("date");
        RuleInputs in = new RuleInputs();
        assertThat(rule.decide(in.setDate(LocalDate.of(2026, 2, 28)))).isEqualTo(Decision.HONOR);
        assertThat(rule.decide(in.setDate(LocalDate.of(2026, 3, 1)))).isEqualTo(Decision.DECLINE);
        assertThat(rule.decide(in.setDate(LocalDate.of(2027, 1, 1)))).isEqualTo(Decision.DECLINE);
    }

    @Test
    void dateIsMidnightUtcAndSupportsTimestampFunctions() throws Exception {
        RuleInputs in = new RuleInputs().setDate(LocalDate.of(2026, 7, 4));
        assertThat(condition("date == timestamp('2026-07-04T00:00:00Z')").test(in)).isTrue();
        // getMonth() is 0-based in CEL
        assertThat(condition("date.getFullYear() == 2026 && date.getMonth() == 6 && date.getDayOfMonth() == 3").test(in)).isTrue();
        assertThat(condition("date - timestamp('2026-07-01T00:00:00Z') >= duration('72h')").test(in)).isTrue();
        assertThat(condition("date < timestamp('2026-07-04T00:00:01Z')").test(in)).isTrue();
    }

    @Test
    void dayCounter() throws Exception {
        CompiledRule rule = decision("day < 30 ? HONOR : NOTIFY");
        assertThat(rule.decide(new RuleInputs().setDay(29))).isEqualTo(Decision.HONOR);
        assertThat(rule.decide(new RuleInputs().setDay(30))).isEqualTo(Decision.NOTIFY);
        assertThat(rule.referencedVariables()).containsExactly("day");
    }

    // ------------------------------------------------------------------ state law, jurisdiction, federal

    @Test
    void stateLawOverridesLocalPreference() throws Exception {
        CompiledRule rule = decision("""
                state.antiSanctuaryLaw ? HONOR
                  : state.sanctuaryLaw ? (detainer.judicialWarrant ? HONOR : DECLINE)
                  : NOTIFY""");
        RuleInputs in = new RuleInputs();
        assertThat(rule.decide(in)).isEqualTo(Decision.NOTIFY);
        assertThat(rule.decide(in.setSanctuaryLaw(true))).isEqualTo(Decision.DECLINE);
        assertThat(rule.decide(in.setJudicialWarrant(true))).isEqualTo(Decision.HONOR);
        assertThat(rule.decide(in.setJudicialWarrant(false).setSanctuaryLaw(false).setAntiSanctuaryLaw(true)))
                .isEqualTo(Decision.HONOR);
        assertThat(rule.referencedVariables()).containsExactly(
                "detainer.judicialWarrant", "state.sanctuaryLaw", "state.antiSanctuaryLaw");
    }

    @Test
    void jurisdictionFields() throws Exception {
        RuleInputs harris = new RuleInputs().setName("Harris County").setState("TX").setKind("county")
                .setPopulation(4_731_145).setForeignBornShare(0.26).setPartisanLean(0.56).setAgreement287g(true)
                .setFundsAtRisk(12_500_000).setLiabilityExposure(0.2).setTrust(0.4);
        RuleInputs sf = new RuleInputs().setName("San Francisco").setState("CA").setKind("city-county")
                .setPopulation(808_437).setForeignBornShare(0.34).setPartisanLean(0.86).setAgreement287g(false)
                .setFundsAtRisk(3_000_000).setLiabilityExposure(0.7).setTrust(0.8);

        CompiledRule rule = decision("jurisdiction.agreement287g || jurisdiction.state in ['TX', 'FL'] ? HONOR"
                + " : jurisdiction.partisanLean > 0.6 && jurisdiction.kind == 'city-county' ? DECLINE : NOTIFY");
        assertThat(rule.decide(harris)).isEqualTo(Decision.HONOR);
        assertThat(rule.decide(sf)).isEqualTo(Decision.DECLINE);
        assertThat(rule.referencedVariables())
                .containsExactly("jurisdiction.state", "jurisdiction.kind", "jurisdiction.partisanLean", "jurisdiction.agreement287g");

        CompiledRule money = condition("jurisdiction.fundsAtRisk > 1e7 && jurisdiction.population > 1000000"
                + " && jurisdiction.foreignBornShare < 0.3 && jurisdiction.liabilityExposure < 0.5 && jurisdiction.trust < 1");
        assertThat(money.test(harris)).isTrue();
        assertThat(money.test(sf)).isFalse();

        assertThat(condition("jurisdiction.name.endsWith('County') && jurisdiction.trust > 0").test(harris)).isTrue();
        // integer and double mix in comparisons
        assertThat(condition("jurisdiction.population > 1e6").test(harris)).isTrue();
        assertThat(condition("double(jurisdiction.population) * jurisdiction.foreignBornShare > 1e6").test(harris)).isTrue();
    }

    @Test
    void federalPriorities() throws Exception {
        CompiledRule rule = decision("federal.priorities == 'ALL_REMOVABLE' || detainer.severity >= Severity.FELONY ? HONOR : NOTIFY");
        RuleInputs in = new RuleInputs().setSeverity(Severity.MISDEMEANOR);
        assertThat(rule.decide(in.setPriorities("ALL_REMOVABLE"))).isEqualTo(Decision.HONOR);
        assertThat(rule.decide(in.setPriorities("SERIOUS_CRIMES_ONLY"))).isEqualTo(Decision.NOTIFY);
    }

    @Test
    void conditionRules() throws Exception {
        CompiledRule share = condition("!state.sanctuaryLaw || detainer.convicted");
        assertThat(share.kind()).isEqualTo(RuleKind.CONDITION);
        assertThat(share.test(new RuleInputs())).isTrue();
        assertThat(share.test(new RuleInputs().setSanctuaryLaw(true))).isFalse();
        assertThat(share.test(new RuleInputs().setSanctuaryLaw(true).setConvicted(true))).isTrue();
        CompiledRule access = condition("jurisdiction.agreement287g");
        assertThat(access.test(new RuleInputs().setAgreement287g(true))).isTrue();
    }

    @Test
    void comprehensionsWithinTheLimit() throws Exception {
        CompiledRule rule = condition("['CA', 'OR', 'WA'].exists(s, s == jurisdiction.state)");
        assertThat(rule.test(new RuleInputs().setState("OR"))).isTrue();
        assertThat(rule.test(new RuleInputs().setState("TX"))).isFalse();
        assertThat(rule.referencedVariables()).containsExactly("jurisdiction.state");
    }

    @Test
    void everyDeclaredInputIsReadable() throws Exception {
        RuleInputs in = new RuleInputs();
        for (String name : RuleCompiler.inputVariables()) {
            CompiledRule rule = condition("[" + name + "].size() == 1");
            assertThat(rule.referencedVariables()).containsExactly(name);
            assertThat(rule.test(in)).as(name).isTrue();
        }
        assertThat(RuleCompiler.inputVariables()).hasSize(19);
    }

    @Test
    void wrongEvaluationMethodIsAProgrammingError() throws Exception {
        assertThatThrownBy(() -> condition("true").decide(new RuleInputs())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> decision("HONOR").test(new RuleInputs())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void documentedExamplesCompile() throws Exception {
        // the rules shown in docs/rules.md
        List<String> decisions = List.of(
                "HONOR",
                "detainer.severity >= Severity.MISDEMEANOR || detainer.judicialWarrant ? HONOR : NOTIFY",
                "detainer.judicialWarrant || detainer.severity >= Severity.VIOLENT_FELONY ? HONOR\n"
                        + "  : (detainer.severity >= Severity.FELONY ? NOTIFY : DECLINE)",
                "detainer.judicialWarrant ? HONOR : DECLINE",
                "state.antiSanctuaryLaw || detainer.judicialWarrant ? HONOR : DECLINE",
                "state.antiSanctuaryLaw ? HONOR\n  : detainer.judicialWarrant ? HONOR\n  : NOTIFY",
                "jurisdiction.fundsAtRisk > 5e6 && jurisdiction.liabilityExposure < 0.5 ? HONOR\n"
                        + "  : federal.priorities == 'ALL_REMOVABLE' && detainer.severity == Severity.NONE ? DECLINE\n"
                        + "  : date >= timestamp('2026-07-01T00:00:00Z') && detainer.severity >= Severity.FELONY ? HONOR\n"
                        + "  : NOTIFY",
                "jurisdiction.agreement287g ? HONOR : NOTIFY");
        List<String> conditions = List.of(
                "true", "false",
                "detainer.severity >= Severity.FELONY",
                "state.antiSanctuaryLaw",
                "jurisdiction.trust < 0.6 || detainer.convicted",
                "jurisdiction.agreement287g",
                "state.sanctuaryLaw || jurisdiction.partisanLean > 0.7 && jurisdiction.kind != 'county'",
                "jurisdiction.state in ['CA', 'OR', 'WA']",
                "jurisdiction.name.startsWith('San') && jurisdiction.name.endsWith('County')",
                "jurisdiction.state.matches('^[A-Z]{2}$') && size(jurisdiction.name) > 0",
                "date.getFullYear() >= 2026 && date.getDayOfWeek() != 0",
                "double(jurisdiction.population) * jurisdiction.foreignBornShare > 1e5");
        RuleInputs in = new RuleInputs().setState("CA").setName("San Mateo County").setDate(LocalDate.of(2026, 8, 3));
        for (String d : decisions) {
            assertThat(decision(d).decide(in)).as(d).isNotNull();
        }
        for (String c : conditions) {
            condition(c).test(in);
        }
        // a rule that reads no detainer.* variable can be cached per jurisdiction and day
        assertThat(decision("jurisdiction.agreement287g ? HONOR : NOTIFY").referencedVariables())
                .noneMatch(v -> v.startsWith("detainer."));
    }

    // ------------------------------------------------------------------ run-time failures

    @Test
    void divisionByZeroAtRunTime() throws Exception {
        CompiledRule rule = decision("jurisdiction.population / detainer.severity > 10 ? HONOR : NOTIFY");
        assertThat(rule.decide(new RuleInputs().setPopulation(100).setSeverity(Severity.MISDEMEANOR))).isEqualTo(Decision.HONOR);
        RuleEvaluationException e = catchThrowableOfType(RuleEvaluationException.class,
                () -> rule.decide(new RuleInputs().setPopulation(100)));
        // '/' is at offset 24 -> column 15 + 24
        assertThat(e).hasMessage("scenario.yaml:10:39: policies.p.detainers: rule failed at run time: division by zero");
        assertThat(e.reason()).isEqualTo("division by zero");
        assertThat(e.fieldPath()).isEqualTo("policies.p.detainers");
        assertThat(e.location()).isEqualTo(new Location("scenario.yaml", 10, 39));
    }

    @Test
    void runTimeFailureOnSecondLine() throws Exception {
        CompiledRule rule = condition("detainer.convicted ||\n  100 % detainer.severity == 0");
        assertThatThrownBy(() -> rule.test(new RuleInputs()))
                .isInstanceOf(RuleEvaluationException.class)
                .hasMessage("scenario.yaml:11:21: policies.p.shareReleaseDates: rule failed at run time: division by zero");
    }

    @Test
    void iterationLimitAtRunTime() throws Exception {
        String list = "[" + "1, ".repeat(49) + "1]";
        CompiledRule rule = condition(list + ".all(x, " + list + ".all(y, x + y > -detainer.severity))");
        assertThatThrownBy(() -> rule.test(new RuleInputs()))
                .isInstanceOf(RuleEvaluationException.class)
                .hasMessageEndingWith("rule failed at run time: more than 1000 comprehension iterations");
    }

    @Test
    void integerOverflowAtRunTime() throws Exception {
        CompiledRule rule = condition("jurisdiction.population * 9223372036854775807 > 0");
        assertThatThrownBy(() -> rule.test(new RuleInputs().setPopulation(2)))
                .isInstanceOf(RuleEvaluationException.class)
                .hasMessageEndingWith("rule failed at run time: integer overflow");
    }

    // ------------------------------------------------------------------ threads

    @Test
    void sameRuleFromTwoThreadsGivesTheSequentialResults() throws Exception {
        CompiledRule rule = decision(STANDARD + " == HONOR && jurisdiction.trust < 0.5 ? HONOR : "
                + "(state.sanctuaryLaw ? DECLINE : NOTIFY)");
        int n = 20_000;
        List<Decision> sequentialA = run(rule, n, 0);
        List<Decision> sequentialB = run(rule, n, 1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<List<Decision>> a = () -> run(rule, n, 0);
            Callable<List<Decision>> b = () -> run(rule, n, 1);
            Future<List<Decision>> fa = pool.submit(a);
            Future<List<Decision>> fb = pool.submit(b);
            assertThat(fa.get(60, TimeUnit.SECONDS)).isEqualTo(sequentialA);
            assertThat(fb.get(60, TimeUnit.SECONDS)).isEqualTo(sequentialB);
        } finally {
            pool.shutdownNow();
        }
        assertThat(sequentialA).contains(Decision.HONOR, Decision.NOTIFY, Decision.DECLINE);
    }

    /** Evaluates the rule n times over varying inputs; each thread uses its own RuleInputs. */
    private static List<Decision> run(CompiledRule rule, int n, int seed) {
        RuleInputs in = new RuleInputs();
        List<Decision> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = i * 7 + seed * 13;
            in.setSeverity(Severity.values()[k & 3])
                    .setJudicialWarrant((k & 4) != 0)
                    .setSanctuaryLaw((k & 8) != 0)
                    .setTrust(((k >> 4) % 10) / 10.0);
            out.add(rule.decide(in));
        }
        return out;
    }
}
