package org.jurisim.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Collectors;

import org.jurisim.common.BadInputException;
import org.jurisim.common.Location;
import org.jurisim.common.Problem;
import org.junit.jupiter.api.Test;

/** Compile-time behaviour: type errors, unknown names, syntax errors, limits, escape attempts. */
class RuleCompilerTest {

    private static final RuleCompiler COMPILER = new RuleCompiler();
    /** The expression starts at line 10, column 15 of the file (not column 1). */
    private static final Location ORIGIN = new Location("scenario.yaml", 10, 15);
    private static final String PATH = "policies.standard.detainers";

    private static List<String> problems(String source, RuleKind kind) {
        BadInputException e = catchThrowableOfType(BadInputException.class,
                () -> COMPILER.compile(source, kind, PATH, ORIGIN));
        assertThat(e).as("compiling %s should fail", source).isNotNull();
        assertThat(e.problems()).allSatisfy(p -> {
            assertThat(p.path()).isEqualTo(PATH);
            assertThat(p.message()).doesNotContain("\n").doesNotContain("^");
        });
        return e.problems().stream().map(Problem::format).collect(Collectors.toList());
    }

    private static String problem(String source, RuleKind kind) {
        List<String> all = problems(source, kind);
        assertThat(all).as("problems for %s", source).hasSize(1);
        return all.get(0);
    }

    // ------------------------------------------------------------------ result type

    @Test
    void boolWhereADecisionIsExpectedIsATypeError() {
        assertThat(problem("detainer.judicialWarrant", RuleKind.DECISION)).isEqualTo(
                "scenario.yaml:10:15: policies.standard.detainers: expected a decision (HONOR, NOTIFY or DECLINE), found bool");
    }

    @Test
    void stringWhereADecisionIsExpectedIsATypeError() {
        assertThat(problem("\"HONOR\"", RuleKind.DECISION)).isEqualTo(
                "scenario.yaml:10:15: policies.standard.detainers: expected a decision (HONOR, NOTIFY or DECLINE), found string");
    }

    @Test
    void decisionWhereABoolIsExpectedIsATypeError() {
        assertThat(problem("HONOR", RuleKind.CONDITION)).isEqualTo(
                "scenario.yaml:10:15: policies.standard.detainers: expected a condition (a bool: true or false), found decision");
    }

    @Test
    void dynIsNotADecision() {
        assertThat(problem("dyn(HONOR)", RuleKind.DECISION)).endsWith("expected a decision (HONOR, NOTIFY or DECLINE), found dyn");
    }

    @Test
    void resultTypeErrorPointsAtTheFirstNonBlankCharacter() {
        assertThat(problem("  \n   detainer.severity", RuleKind.CONDITION)).isEqualTo(
                "scenario.yaml:11:18: policies.standard.detainers: expected a condition (a bool: true or false), found int");
    }

    @Test
    void emptyExpression() {
        assertThat(problem("   ", RuleKind.DECISION)).isEqualTo(
                "scenario.yaml:10:15: policies.standard.detainers: expected a decision (HONOR, NOTIFY or DECLINE), found an empty expression");
    }

    @Test
    void branchesOfATernaryMustAgree() {
        // '?' is the 25th character -> column 15 + 24
        assertThat(problem("detainer.judicialWarrant ? true : HONOR", RuleKind.DECISION)).isEqualTo(
                "scenario.yaml:10:40: policies.standard.detainers: expected both branches of '? :' to have the same type, found bool and decision");
    }

    @Test
    void conditionOfATernaryMustBeABool() {
        assertThat(problem("detainer.severity ? HONOR : NOTIFY", RuleKind.DECISION)).isEqualTo(
                "scenario.yaml:10:33: policies.standard.detainers: expected a bool condition before '?', found int");
    }

    // ------------------------------------------------------------------ operand types

    @Test
    void stringComparedWithInt() {
        // '>' is at offset 18 of the expression -> column 15 + 18
        assertThat(problem("jurisdiction.name > 1", RuleKind.CONDITION)).isEqualTo(
                "scenario.yaml:10:33: policies.standard.detainers: cannot compare string with int using '>'");
    }

    @Test
    void errorOnTheSecondLineOfATwoLineExpression() {
        String source = "detainer.severity >= Severity.FELONY\n  && jurisdiction.name > 1";
        // second line: "  && jurisdiction.name > 1", ">" is its 24th character, after the block indentation of 14
        assertThat(problem(source, RuleKind.CONDITION)).isEqualTo(
                "scenario.yaml:11:38: policies.standard.detainers: cannot compare string with int using '>'");
    }

    @Test
    void decisionsCanOnlyBeTestedForEquality() {
        assertThat(problem("HONOR < NOTIFY", RuleKind.CONDITION)).isEqualTo(
                "scenario.yaml:10:21: policies.standard.detainers: '<' is not defined for decision");
        assertThat(problem("HONOR == \"HONOR\"", RuleKind.CONDITION)).isEqualTo(
                "scenario.yaml:10:21: policies.standard.detainers: cannot compare decision with string using '=='");
    }

    @Test
    void arithmeticOnMismatchedTypesListsWhatIsAccepted() {
        assertThat(problem("detainer.severity + 'x' == 1", RuleKind.CONDITION)).isEqualTo(
                "scenario.yaml:10:33: policies.standard.detainers: cannot apply '+' to (int, string); expected one of "
                        + "(int, int), (uint, uint), (double, double), (string, string), (bytes, bytes), (list(A), list(A)), "
                        + "(timestamp, duration), (duration, timestamp), (duration, duration)");
    }

    @Test
    void logicalOperatorsNeedBools() {
        assertThat(problem("jurisdiction.population && true", RuleKind.CONDITION)).isEqualTo(
                "scenario.yaml:10:39: policies.standard.detainers: expected bool operands for '&&', found int and bool");
        assertThat(problem("!jurisdiction.name", RuleKind.CONDITION)).isEqualTo(
                "scenario.yaml:10:15: policies.standard.detainers: expected a bool operand for '!', found string");
    }

    @Test
    void fieldsOfScalarsDoNotExist() {
        assertThat(problem("detainer.severity.level > 1", RuleKind.CONDITION)).isEqualTo(
                "scenario.yaml:10:32: policies.standard.detainers: type 'int' does not support field selection");
    }

    // ------------------------------------------------------------------ names

    @Test
    void misspelledFieldGetsADidYouMean() {
        assertThat(problem("detainer.severty >= 2 ? HONOR : NOTIFY", RuleKind.DECISION)).isEqualTo(
                "scenario.yaml:10:15: policies.standard.detainers: undeclared reference to 'detainer.severty' (did you mean 'detainer.severity'?)");
    }

    @Test
    void unknownFieldOfAKnownNamespaceListsItsFields() {
        assertThat(problem("detainer.foo ? HONOR : NOTIFY", RuleKind.DECISION)).isEqualTo(
                "scenario.yaml:10:15: policies.standard.detainers: undeclared reference to 'detainer.foo' (expected one of "
                        + "detainer.severity, detainer.judicialWarrant, detainer.priorRemoval, detainer.convicted)");
    }

    @Test
    void misspellingsOfConstantsAndUnqualifiedNames() {
        assertThat(problem("detainer.severity >= Severity.FELNY ? HONOR : DECLINE", RuleKind.DECISION))
                .endsWith(": undeclared reference to 'Severity.FELNY' (did you mean 'Severity.FELONY'?)");
        assertThat(problem("honor", RuleKind.DECISION)).endsWith(": undeclared reference to 'honor' (did you mean 'HONOR'?)");
        assertThat(problem("severity > 1 ? HONOR : NOTIFY", RuleKind.DECISION))
                .endsWith(": undeclared reference to 'severity' (did you mean 'detainer.severity'?)");
        assertThat(problem("jurisdiction.partisanlean > 0.5", RuleKind.CONDITION))
                .endsWith(": undeclared reference to 'jurisdiction.partisanlean' (did you mean 'jurisdiction.partisanLean'?)");
    }

    @Test
    void namespaceAloneIsNotAValue() {
        assertThat(problem("state == 'CA'", RuleKind.CONDITION)).isEqualTo(
                "scenario.yaml:10:15: policies.standard.detainers: 'state' is not a value by itself; expected one of "
                        + "state.sanctuaryLaw, state.antiSanctuaryLaw (or did you mean 'jurisdiction.state'?)");
    }

    @Test
    void unrelatedNameHasNoSuggestion() {
        assertThat(problem("budget > 3", RuleKind.CONDITION)).isEqualTo(
                "scenario.yaml:10:15: policies.standard.detainers: undeclared reference to 'budget'");
    }

    @Test
    void everyUndeclaredNameIsReported() {
        assertThat(problems("detainer.sevrity > 1 || jurisdiction.trst > 0.5", RuleKind.CONDITION)).containsExactly(
                "scenario.yaml:10:15: policies.standard.detainers: undeclared reference to 'detainer.sevrity' (did you mean 'detainer.severity'?)",
                "scenario.yaml:10:39: policies.standard.detainers: undeclared reference to 'jurisdiction.trst' (did you mean 'jurisdiction.trust'?)");
    }

    // ------------------------------------------------------------------ syntax

    @Test
    void syntaxErrorIsOneLineAtThePlaceItWasNoticed() {
        assertThat(problem("detainer.severity >= ) ? HONOR : NOTIFY", RuleKind.DECISION)).startsWith(
                "scenario.yaml:10:36: policies.standard.detainers: syntax error: mismatched input ')' expecting ");
        assertThat(problem("detainer.severity >=", RuleKind.CONDITION)).startsWith(
                "scenario.yaml:10:35: policies.standard.detainers: syntax error: mismatched input '<EOF>' expecting ");
    }

    @Test
    void syntaxErrorListsTokensAsWritten() {
        assertThat(problem("1_000_000 > 1", RuleKind.CONDITION))
                .startsWith("scenario.yaml:10:16: policies.standard.detainers: syntax error: mismatched input '_000_000' expecting ")
                .contains("'%'").doesNotContain("'%%'");
    }

    @Test
    void syntaxErrorOnSecondLine() {
        assertThat(problem("detainer.judicialWarrant\n  ? HONOR : : NOTIFY", RuleKind.DECISION))
                .startsWith("scenario.yaml:11:27: policies.standard.detainers: syntax error: ");
    }

    @Test
    void malformedLiteralsAreCaughtAtCompileTime() {
        assertThat(problem("date >= timestamp('2026-13-01T00:00:00Z')", RuleKind.CONDITION))
                .startsWith("scenario.yaml:10:33: policies.standard.detainers: invalid timestamp literal: Text '2026-13-01T00:00:00Z' could not be parsed");
        assertThat(problem("jurisdiction.name.matches('(')", RuleKind.CONDITION)).isEqualTo(
                "scenario.yaml:10:41: policies.standard.detainers: invalid regex literal: error parsing regexp: missing closing ): `(`");
        // valid for java.util.regex, but not for RE2, which the rules use
        assertThat(problem("jurisdiction.name.matches('^(?=S)')", RuleKind.CONDITION))
                .startsWith("scenario.yaml:10:41: policies.standard.detainers: invalid regex literal: ");
        assertThat(problem("jurisdiction.name.matches('((a{100}){100}){10}')", RuleKind.CONDITION)).isEqualTo(
                "scenario.yaml:10:41: policies.standard.detainers: invalid regex literal: "
                        + "Regex pattern exceeds allowed program size. Allowed: 5000, Provided: 102022");
    }

    @Test
    void ruleThatAlwaysFailsIsRejected() {
        assertThat(problem("1 / 0 == 1", RuleKind.CONDITION)).isEqualTo(
                "scenario.yaml:10:17: policies.standard.detainers: rule fails whatever the inputs: division by zero");
    }

    // ------------------------------------------------------------------ limits

    @Test
    void expressionOfExactly4096CharactersIsAccepted() throws Exception {
        String source = "true" + " ".repeat(RuleCompiler.MAX_EXPRESSION_LENGTH - 4);
        assertThat(source).hasSize(4096);
        assertThat(COMPILER.compile(source, RuleKind.CONDITION, PATH, ORIGIN).test(new RuleInputs())).isTrue();
    }

    @Test
    void expressionLongerThan4096CharactersIsRefused() {
        String source = "true" + " ".repeat(4093);
        assertThat(problem(source, RuleKind.CONDITION)).isEqualTo(
                "scenario.yaml:10:15: policies.standard.detainers: expression is too long: 4097 characters, the limit is 4096");
    }

    @Test
    void fiveThousandNestedParenthesesAreRejectedCleanly() {
        String source = "(".repeat(5000) + "true" + ")".repeat(5000);
        assertThat(problem(source, RuleKind.CONDITION)).isEqualTo(
                "scenario.yaml:10:15: policies.standard.detainers: expression is too long: 10004 characters, the limit is 4096");
    }

    @Test
    void deepNestingWithinTheLengthLimitIsRejectedCleanly() {
        String expected = "scenario.yaml:10:15: policies.standard.detainers: expression is nested too deeply, the limit is 100 levels";
        assertThat(problem("(".repeat(2000) + "true" + ")".repeat(2000), RuleKind.CONDITION)).isEqualTo(expected);
        assertThat(problem("[".repeat(2000) + "]".repeat(2000) + " == []", RuleKind.CONDITION)).isEqualTo(expected);
        assertThat(problem("1" + " + 1".repeat(1000) + " > 0", RuleKind.CONDITION)).isEqualTo(expected);
        assertThat(problem("size(".repeat(600) + "'x'" + ")".repeat(600) + " > 0", RuleKind.CONDITION)).isEqualTo(expected);
    }

    @Test
    void moderateNestingIsFine() throws Exception {
        String source = "(".repeat(20) + "detainer.judicialWarrant" + ")".repeat(20);
        assertThat(COMPILER.compile(source, RuleKind.CONDITION, PATH, ORIGIN).test(new RuleInputs().setJudicialWarrant(true))).isTrue();
    }

    @Test
    void constantComprehensionOverTheIterationLimitIsRejected() {
        String list = "[" + "1, ".repeat(49) + "1]";
        assertThat(problem(list + ".all(x, " + list + ".all(y, x == y))", RuleKind.CONDITION)).endsWith(
                "rule fails whatever the inputs: more than 1000 comprehension iterations");
    }

    // ------------------------------------------------------------------ escape attempts

    @Test
    void javaClassesAreUnreachable() {
        assertThat(problems("java.lang.System.exit(0) == 0", RuleKind.CONDITION)).containsExactly(
                "scenario.yaml:10:15: policies.standard.detainers: undeclared reference to 'java.lang.System'",
                "scenario.yaml:10:36: policies.standard.detainers: unknown function 'exit'");
        assertThat(problems("Runtime.getRuntime().exec('rm -rf /') == null", RuleKind.CONDITION))
                .anySatisfy(p -> assertThat(p).contains("unknown function"));
        assertThat(problems("System.getProperty('user.home') == ''", RuleKind.CONDITION))
                .anySatisfy(p -> assertThat(p).contains("undeclared reference to 'System'"));
    }

    @Test
    void environmentFilesAndNetworkAreUnreachable() {
        assertThat(problem("getenv(\"HOME\") == ''", RuleKind.CONDITION)).isEqualTo(
                "scenario.yaml:10:21: policies.standard.detainers: unknown function 'getenv'");
        assertThat(problem("readFile('/etc/passwd') == ''", RuleKind.CONDITION)).endsWith("unknown function 'readFile'");
        assertThat(problems("http.get('http://example.com') == ''", RuleKind.CONDITION)).containsExactly(
                "scenario.yaml:10:15: policies.standard.detainers: undeclared reference to 'http'",
                "scenario.yaml:10:23: policies.standard.detainers: unknown function 'get'");
    }

    @Test
    void standardStringFunctionsAreHarmless() throws Exception {
        CompiledRule rule = COMPILER.compile("\"x\".matches(\"^[a-z]+$\") && jurisdiction.name.startsWith('San')",
                RuleKind.CONDITION, PATH, ORIGIN);
        assertThat(rule.test(new RuleInputs().setName("San Diego County"))).isTrue();
        assertThat(rule.test(new RuleInputs().setName("Harris County"))).isFalse();
        assertThat(rule.referencedVariables()).containsExactly("jurisdiction.name");
    }

    @Test
    void problemsNameTheFieldPathAndFile() {
        BadInputException e = catchThrowableOfType(BadInputException.class,
                () -> COMPILER.compile("HONR", RuleKind.DECISION, "jurisdictions[3].policy.detainers", new Location("x.yaml", 7, 3)));
        assertThat(e.problems()).containsExactly(new Problem(new Location("x.yaml", 7, 3), "jurisdictions[3].policy.detainers",
                "undeclared reference to 'HONR' (did you mean 'HONOR'?)"));
        assertThat(e).hasMessage("x.yaml:7:3: jurisdictions[3].policy.detainers: undeclared reference to 'HONR' (did you mean 'HONOR'?)");
    }

    @Test
    void unknownLocationStaysUnknown() {
        BadInputException e = catchThrowableOfType(BadInputException.class,
                () -> COMPILER.compile("1 > 'a'", RuleKind.CONDITION, "override", Location.unknown("<command line>")));
        assertThat(e.problems().get(0).format()).isEqualTo("<command line>:0:0: override: cannot compare int with string using '>'");
    }

    @Test
    void nullArgumentsAreProgrammingErrors() {
        assertThatThrownBy(() -> COMPILER.compile(null, RuleKind.DECISION, PATH, ORIGIN)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> COMPILER.compile("HONOR", null, PATH, ORIGIN)).isInstanceOf(NullPointerException.class);
    }
}
