package org.jurisim.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Location;
import org.jurisim.rules.CompiledRule;
import org.jurisim.rules.RuleCompiler;
import org.jurisim.rules.RuleEvaluationException;
import org.jurisim.rules.RuleInputs;
import org.jurisim.rules.RuleKind;
import org.jurisim.rules.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rules cannot escape: attempts to reach Java classes, files, the network or environment variables, to loop or
 * recurse without bound, or to build enormous values are each either rejected when the scenario is loaded or
 * bounded when the rule runs (a located error, within a fraction of a second, with memory to spare). Also the
 * YAML around the rules: tags that would construct Java objects are refused.
 */
class RuleEscapeTest {

    static final RuleCompiler COMPILER = new RuleCompiler();
    static final Location ORIGIN = new Location("escape.yaml", 7, 14);

    @TempDir
    Path tmp;

    /** What the command-running attempts would create. */
    static final Path PWNED = Path.of(System.getProperty("java.io.tmpdir"), "jurisim-escape-pwned");

    /** How an attempt ends. */
    enum Outcome { REJECTED_AT_LOAD, BOUNDED_AT_RUN_TIME }

    record Attempt(String what, String expression, Outcome expected, String messagePart) {
        @Override
        public String toString() {
            return what;
        }
    }

    static String list(int n) {
        return IntStream.range(0, n).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
    }

    /** Every attempt; dynamic ones start with a jurisdiction test so that they cannot be folded at load time. */
    static Stream<Attempt> attempts() {
        String dyn = "jurisdiction.population >= 0 && ";
        return Stream.of(
                // Java classes and reflection
                new Attempt("Runtime.exec", "java.lang.Runtime.getRuntime().exec('touch " + PWNED + "') == null",
                        Outcome.REJECTED_AT_LOAD, "undeclared reference"),
                new Attempt("System.exit", "java.lang.System.exit(1) == 0", Outcome.REJECTED_AT_LOAD, "undeclared reference"),
                new Attempt("getClass", "jurisdiction.name.getClass().getName() == 'java.lang.String'", Outcome.REJECTED_AT_LOAD, "getClass"),
                new Attempt("Class.forName", "Class.forName('java.lang.Runtime') != null", Outcome.REJECTED_AT_LOAD, "undeclared"),
                new Attempt("SpEL T()", "T(java.lang.Runtime).getRuntime() != null", Outcome.REJECTED_AT_LOAD, ""),
                new Attempt("new object", "new java.io.File('/etc/passwd').exists()", Outcome.REJECTED_AT_LOAD, "syntax error"),
                new Attempt("type() reflection", "type(jurisdiction.name).getClass() != null", Outcome.REJECTED_AT_LOAD, "getClass"),
                new Attempt("protobuf message", "google.protobuf.Any{type_url: 'type.googleapis.com/x', value: b'x'} != null",
                        Outcome.REJECTED_AT_LOAD, "rules cannot create objects"),
                new Attempt("protobuf struct", "google.protobuf.Struct{fields: {'a': 1}} != null", Outcome.REJECTED_AT_LOAD,
                        "unknown type 'google.protobuf.Struct'"),
                new Attempt("python dunder", "jurisdiction.__class__ == 'x'", Outcome.REJECTED_AT_LOAD, "undeclared reference"),
                new Attempt("log4shell text", "jurisdiction.name == '${jndi:ldap://127.0.0.1:1389/a}'", null, ""),
                // files
                new Attempt("file()", "file('/etc/passwd') != ''", Outcome.REJECTED_AT_LOAD, "unknown function 'file'"),
                new Attempt("read()", "size(read('/etc/passwd')) > 0", Outcome.REJECTED_AT_LOAD, "unknown function 'read'"),
                new Attempt("open().read()", "open('/etc/passwd').read() != ''", Outcome.REJECTED_AT_LOAD, "unknown function"),
                new Attempt("import", "import('os') != null", Outcome.REJECTED_AT_LOAD, ""),
                new Attempt("include", "include('/etc/passwd')", Outcome.REJECTED_AT_LOAD, "unknown function"),
                // network
                new Attempt("http.get", "http.get('http://127.0.0.1:9/') != ''", Outcome.REJECTED_AT_LOAD, ""),
                new Attempt("url().fetch", "url('http://127.0.0.1:9/').fetch() != ''", Outcome.REJECTED_AT_LOAD, "unknown function"),
                new Attempt("socket", "socket('127.0.0.1', 9) != null", Outcome.REJECTED_AT_LOAD, "unknown function"),
                // environment
                new Attempt("env()", "env('HOME') == '/root'", Outcome.REJECTED_AT_LOAD, "unknown function 'env'"),
                new Attempt("env.HOME", "env.HOME == '/root'", Outcome.REJECTED_AT_LOAD, "undeclared reference"),
                new Attempt("System.getenv", "System.getenv('HOME') == '/root'", Outcome.REJECTED_AT_LOAD, ""),
                new Attempt("process.env", "process.env.HOME == '/root'", Outcome.REJECTED_AT_LOAD, "undeclared reference"),
                new Attempt("shell variable", "$HOME == '/root'", Outcome.REJECTED_AT_LOAD, "syntax error"),
                // unbounded loops and recursion
                new Attempt("nested comprehensions (constant)", list(100) + ".all(x, " + list(100) + ".all(y, " + list(100) + ".all(z, true)))",
                        Outcome.REJECTED_AT_LOAD, "more than 1000 comprehension iterations"),
                new Attempt("nested comprehensions (dynamic)", dyn + list(100) + ".exists(x, " + list(100) + ".exists(y, " + list(100)
                        + ".exists(z, x + y + z < -jurisdiction.population)))", Outcome.BOUNDED_AT_RUN_TIME, "more than 1000 comprehension iterations"),
                new Attempt("comprehension over a growing list", dyn + list(500) + ".map(x, " + list(500) + ").all(l, l.all(y, y >= 0))",
                        Outcome.BOUNDED_AT_RUN_TIME, "comprehension iterations"),
                new Attempt("deep recursion by nesting", "(".repeat(500) + "true" + ")".repeat(500), Outcome.REJECTED_AT_LOAD,
                        "nested too deeply"),
                // the parser folds a run of '!' into one operator: no recursion to bound, accepted and harmless
                new Attempt("deep negation", "!".repeat(3000) + "jurisdiction.agreement287g", null, ""),
                new Attempt("deep ternary chain", "day > 0 ? false : ".repeat(200) + "true", Outcome.REJECTED_AT_LOAD,
                        "nested too deeply"),
                new Attempt("over-long expression", "jurisdiction.population > 0" + " && true".repeat(1000), Outcome.REJECTED_AT_LOAD,
                        "expression is too long"),
                new Attempt("user functions", "f(x) = f(x); f(1)", Outcome.REJECTED_AT_LOAD, "syntax error"),
                new Attempt("cel.bind recursion", "cel.bind(f, f, f) == 1", Outcome.REJECTED_AT_LOAD, ""),
                // enormous values
                new Attempt("repeated concatenation", dyn + "size(jurisdiction.name" + " + jurisdiction.name".repeat(90) + ") >= 0", null, ""),
                new Attempt("string repeat", "size('x'.repeat(1000000000)) > 0", Outcome.REJECTED_AT_LOAD, "unknown function"),
                new Attempt("format into a huge string", "size('%999999999d'.format([1])) > 0", Outcome.REJECTED_AT_LOAD, ""),
                new Attempt("list doubling by map", dyn + "size(" + list(900) + ".map(x, jurisdiction.name + jurisdiction.name + jurisdiction.name)) > 0",
                        null, ""),
                new Attempt("list concatenation", dyn + "size(" + String.join(" + ", Collections.nCopies(40, list(20))) + ") > 0", null, ""),
                new Attempt("catastrophic regex", dyn + "jurisdiction.name.matches('(a+)+$')", null, ""),
                new Attempt("huge regex", "jurisdiction.name.matches('" + "(a{100}){100}".repeat(3) + "')", Outcome.REJECTED_AT_LOAD,
                        "invalid regex literal"),
                new Attempt("regex from data", dyn + "jurisdiction.name.matches(jurisdiction.name + jurisdiction.name)", null, ""),
                new Attempt("integer overflow", dyn + "jurisdiction.population * 9223372036854775807 > 0", Outcome.BOUNDED_AT_RUN_TIME,
                        "integer overflow"),
                new Attempt("division by zero", dyn + "jurisdiction.population / (jurisdiction.population - jurisdiction.population) > 0",
                        Outcome.BOUNDED_AT_RUN_TIME, "division by zero"),
                new Attempt("huge duration", "date + duration('999999999999999h') > date", Outcome.REJECTED_AT_LOAD, "invalid duration literal"),
                new Attempt("timestamp overflow", dyn + "date + duration('87600000h') > date", null, ""));
    }

    /** Inputs with a name that is long, unicode, and itself a pathological regex. */
    static RuleInputs inputs() {
        return new RuleInputs().setSeverity(Severity.FELONY).setName("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!(a+)+$\ud83d\ude80")
                .setState("IL").setKind("county").setPopulation(5_087_072).setForeignBornShare(0.21).setPartisanLean(0.74)
                .setTrust(0.6).setPriorities("ALL_REMOVABLE").setDate(LocalDate.of(2026, 1, 1)).setDay(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void everyEscapeAttemptIsRejectedAtLoadOrBoundedAtRunTime(Attempt a) {
        long heapBefore = usedHeap();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            CompiledRule rule;
            try {
                rule = COMPILER.compile(a.expression(), RuleKind.CONDITION, "policies.x.shareReleaseDates", ORIGIN);
            } catch (BadInputException e) {
                assertThat(a.expected()).as("%s was rejected at load: %s", a, e.problems()).isNotEqualTo(Outcome.BOUNDED_AT_RUN_TIME);
                assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                    assertThat(p.location().file()).isEqualTo("escape.yaml");
                    assertThat(p.message()).doesNotContain("\n");
                });
                assertThat(e.problems().stream().map(p -> p.message()).collect(Collectors.joining(" | "))).contains(a.messagePart());
                System.out.println("RuleEscapeTest: " + a + ": rejected at load: " + e.problems().get(0).message());
                return;
            }
            assertThat(a.expected()).as("%s compiled", a).isNotEqualTo(Outcome.REJECTED_AT_LOAD);
            assertThat(rule.isConstant()).as("%s must be evaluated when it runs", a).isFalse();
            try {
                boolean v = rule.test(inputs());
                assertThat(a.expected()).as("%s answered", a).isNotEqualTo(Outcome.BOUNDED_AT_RUN_TIME);
                System.out.println("RuleEscapeTest: " + a + ": harmless, answered " + v);
            } catch (RuleEvaluationException e) {
                assertThat(e.location().file()).isEqualTo("escape.yaml");
                assertThat(e.getMessage()).doesNotContain("\n").contains(a.messagePart());
                System.out.println("RuleEscapeTest: " + a + ": bounded at run time: " + e.reason());
            }
        }, () -> a + " was not bounded in time");
        assertThat(usedHeap() - heapBefore).as("memory taken by %s", a).isLessThan(256L << 20);
        assertThat(PWNED).doesNotExist();
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void theAttemptsCoverEveryKindOfEscape() {
        assertThat(attempts().count()).isGreaterThanOrEqualTo(40);
        assertThat(attempts().filter(a -> a.expected() == Outcome.BOUNDED_AT_RUN_TIME)).hasSizeGreaterThanOrEqualTo(4);
    }

    /** Through the command line, a rule that cannot compile stops the scenario before the run; one that fails mid-run exits 2. */
    @Test
    void inAScenarioAnEscapeIsAOneLineErrorAndNoRun() throws Exception {
        for (String rule : List.of("env('HOME') == '/root'", "java.lang.Runtime.getRuntime() != null",
                "jurisdiction.population / (jurisdiction.population - jurisdiction.population) > 0")) {
            Path f = tmp.resolve("escape-" + Math.abs(rule.hashCode()) + ".yaml");
            Files.writeString(f, """
                    name: Escape
                    start: 2026-01-01
                    duration: 10d
                    jurisdictions:
                      list:
                        - {name: Cook County, state: IL, population: 5087072, policy: x}
                    policies:
                      x: {cooperation: 0.5, detainer: HONOR, shareReleaseDates: true, iceJailAccess: %s}
                    outputs: {charts: []}
                    """.formatted(RuleFuzzTest.quote(rule)), StandardCharsets.UTF_8);
            Path out = tmp.resolve("escape-out");
            Cli.Result r = Cli.run("run", f.toString(), "--quiet", "--out", out.toString());
            Cli.assertBadInput(r, rule);
            assertThat(r.err()).contains(f + ":8:").contains("policies.x.iceJailAccess");
            assertThat(out).doesNotExist();
            Files2.deleteTree(out.resolveSibling("escape-out.incomplete"));
        }
    }

    /** SnakeYAML's classic gadgets: tags that would construct Java objects are refused, and nothing is constructed. */
    @Test
    void yamlTagsThatWouldConstructJavaObjectsAreRefused() throws Exception {
        Path marker = tmp.resolve("yaml-pwned");
        for (String value : List.of(
                "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:9/\"]]]]",
                "!!java.lang.ProcessBuilder [[\"touch\", \"" + marker + "\"]]",
                "!!java.io.FileInputStream [\"/etc/passwd\"]",
                "!<tag:yaml.org,2002:java.lang.Runtime> {}")) {
            Path f = tmp.resolve("tag.yaml");
            Files.writeString(f, """
                    name: Tags
                    start: 2026-01-01
                    duration: 10d
                    description: %s
                    jurisdictions:
                      list:
                        - {name: Cook County, state: IL, population: 5087072}
                    """.formatted(value), StandardCharsets.UTF_8);
            Cli.Result r = Cli.run("validate", f.toString());
            Cli.assertBadInput(r, value);
            assertThat(r.err()).contains("unsupported YAML tag");
        }
        assertThat(marker).doesNotExist();
    }
}
