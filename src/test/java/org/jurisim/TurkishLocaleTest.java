package org.jurisim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A representative part of the suite, run again in a child JVM whose default locale is Turkish (the locale whose
 * case rules break identifiers: "i".toUpperCase() is "İ"): the flagship's golden output (the same bytes as the
 * stored checksums, made under the default locale), scenario loading and its problems, the CLI's help, CSV import
 * and the locale scan. Each test of the child JVM is reported here by name.
 */
class TurkishLocaleTest {

    static final List<String> CLASSES = List.of(
            "org.jurisim.LocaleTest",
            "org.jurisim.model.GoldenOutputTest",
            "org.jurisim.scenario.ScenarioLoaderTest",
            "org.jurisim.scenario.ValidateOnePassTest",
            "org.jurisim.scenario.BrokenScenarioCorpusTest",
            "org.jurisim.scenario.CsvImportTest",
            "org.jurisim.cli.HelpTest");

    @TestFactory
    Stream<DynamicTest> theSuitePassesUnderATurkishDefaultLocale(@TempDir Path tmp) throws Exception {
        Path results = tmp.resolve("results.json");
        Path log = Path.of("target/turkish-locale.log");
        Files.createDirectories(log.getParent());
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1500m", "-Djava.awt.headless=true", "-Duser.language=tr", "-Duser.country=TR", "-Djurisim.expectLocale=tr-TR",
                "-Dfile.encoding=UTF-8", "-cp", cp.replace(";", File.pathSeparator),
                // the JUnit launcher in a child JVM, as for the GUI tests: it writes each test's outcome as JSON
                "org.jurisim.gui.GuiCaseRunner", results.toString()));
        cmd.addAll(CLASSES);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("LANG", "tr_TR.UTF-8");
        pb.environment().put("LC_ALL", "tr_TR.UTF-8");
        Process p = pb.start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("the Turkish-locale tests did not finish in 15 minutes; see " + log.toAbsolutePath());
        }
        assertThat(p.exitValue()).as("the Turkish-locale JVM; see " + log.toAbsolutePath()).isZero();
        JsonNode arr = new ObjectMapper().readTree(results.toFile());
        assertThat(arr.size()).as("tests run under the Turkish locale; see " + log.toAbsolutePath()).isGreaterThan(20);
        List<String> ran = new ArrayList<>();
        arr.forEach(r -> ran.add(r.path("name").asText()));
        assertThat(ran).as("the check that the child JVM really is Turkish ran").contains("theTurkishExecutionRunsTurkish()");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode r : arr) {
            String name = r.path("name").asText();
            String status = r.path("status").asText();
            String error = r.path("error").asText("");
            tests.add(DynamicTest.dynamicTest(name, () -> {
                if (!status.equals("SUCCESSFUL")) {
                    fail(name + " " + status + " under a Turkish default locale:\n" + error);
                }
            }));
        }
        return tests.stream();
    }
}
