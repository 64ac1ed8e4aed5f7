package org.jurisim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jurisim.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance test of "bad input gets a clear error, never a stack trace": every scenario in
 * {@code src/test/resources/broken/} goes through {@code jurisim validate} and {@code jurisim run}, and must
 * give exit status 2, exactly the lines of {@code NAME.expected} on stderr, nothing on stdout, and no
 * output directory.
 *
 * <p>A case is a {@code NAME.yaml} with a {@code NAME.expected} next to it. Files a case needs (a CSV, a parent
 * scenario) sit next to it without an {@code .expected}, or under {@code support/}. The scenario path is
 * passed relative to the working directory (Maven runs tests in the project directory), so the file names in
 * the messages are deterministic.
 */
class BrokenScenarioCorpusTest {

    static final Path DIR = Path.of("src/test/resources/broken");

    /** Case names (file names without {@code .yaml}), sorted. */
    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".expected"))
                    .map(n -> n.substring(0, n.length() - ".expected".length()))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    private record Result(int status, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(status, normalise(out.toString()), normalise(err.toString()));
    }

    private static String normalise(String s) {
        return s.replace("\r\n", "\n");
    }

    private static String scenario(String name) {
        // forward slashes whatever the platform: the expected files are written that way
        return DIR.resolve(name + ".yaml").toString().replace('\\', '/');
    }

    private static String expected(String name) throws IOException {
        return normalise(Files.readString(DIR.resolve(name + ".expected"), StandardCharsets.UTF_8));
    }

    private static void assertCleanFailure(String name, Result r) throws IOException {
        String expected = expected(name);
        assertThat(r.err()).as("stderr of %s", name).isEqualTo(expected);
        assertThat(r.status()).as("exit status of %s", name).isEqualTo(Main.BAD_INPUT);
        assertThat(r.out()).as("stdout of %s", name).isEmpty();
        assertThat(r.errLines()).as("stderr lines of %s", name).isNotEmpty().allSatisfy(line -> assertThat(line)
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContain("Caused by"));
    }

    @ParameterizedTest(name = "validate {0}")
    @MethodSource("cases")
    void validateReportsTheExpectedProblems(String name) throws IOException {
        assertCleanFailure(name, cli("validate", scenario(name)));
    }

    @ParameterizedTest(name = "run {0}")
    @MethodSource("cases")
    void runReportsTheSameProblemsAndWritesNothing(String name, @TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        assertCleanFailure(name, cli("run", scenario(name), "--quiet", "--out", out.toString()));
        assertThat(out).as("output directory of %s", name).doesNotExist();
        assertThat(tmp.resolve("out.incomplete")).as("half-written output of %s", name).doesNotExist();
    }

    // ------------------------------------------------------------------ the corpus itself

    @Test
    void theCorpusHasAtLeastThirtyCases() throws IOException {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void everyScenarioInTheCorpusHasItsExpectedOutput() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            List<String> orphans = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml"))
                    .filter(n -> !Files.exists(DIR.resolve(n.replaceFirst("\\.yaml$", ".expected"))))
                    .toList();
            assertThat(orphans).as("cases without a .expected file").isEmpty();
        }
        assertThat(cases()).allSatisfy(n -> assertThat(DIR.resolve(n + ".yaml")).exists());
    }

    /** Each expected line is one FILE:LINE:COLUMN: path: message line that says what was expected. */
    @ParameterizedTest(name = "expected output of {0} is well-formed")
    @MethodSource("cases")
    void expectedLinesAreOneLineProblemsThatSayWhatWasExpected(String name) throws IOException {
        String text = expected(name);
        assertThat(text).as("%s.expected ends with a newline", name).endsWith("\n");
        List<String> lines = Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1));
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line).matches("^src/test/resources/broken/[^:]+:[1-9][0-9]*:[1-9][0-9]*: [^ ]+( level\\))?: .+$");
            // "missing ')'" and "expecting" come from the CEL parser's syntax errors
            assertThat(line).containsAnyOf("expected", "expecting", "missing", "did you mean");
        });
    }
}
