package org.jurisim.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The dashboard's GUI tests drive real windows, which the surefire JVM cannot open (it runs with
 * {@code java.awt.headless=true} for the headless chart tests). This runs them in a child JVM with the
 * display (CI runs the build under {@code xvfb-run}) and reports each as a test here.
 */
class GuiTest {

    static final List<String> CASES = List.of("org.jurisim.gui.DashboardGuiCase");

    @TestFactory
    Stream<DynamicTest> dashboardInARealWindow() throws Exception {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            if (System.getenv("CI") != null) {
                fail("no DISPLAY in CI: the build must run under xvfb-run");
            }
            Assumptions.abort("no DISPLAY: run under xvfb-run to include the GUI tests");
        }
        Path results = Files.createTempFile("jurisim-gui-results-", ".json");
        Path log = Path.of("target", "gui-tests.log");
        Files.createDirectories(log.getParent());
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Djava.awt.headless=false");
        cmd.add("-Xmx1500m");
        // AssertJ Swing's window monitor reads Swing and timer internals
        for (String pkg : List.of("java.base/java.util", "java.base/java.lang", "java.desktop/java.awt", "java.desktop/javax.swing",
                "java.desktop/sun.awt", "java.desktop/java.awt.event")) {
            cmd.add("--add-opens");
            cmd.add(pkg + "=ALL-UNNAMED");
        }
        // the dashboard runs in the suite's default locale (Turkish: see LocaleTest)
        cmd.add("-Duser.language=" + Locale.getDefault().getLanguage());
        cmd.add("-Duser.country=" + Locale.getDefault().getCountry());
        cmd.add("-Djurisim.gui.debug=true");
        cmd.add("-Djurisim.screenshots=" + Path.of("target", "screenshots").toAbsolutePath());
        if (System.getProperty("jurisim.nationalScreenshots") != null) {
            cmd.add("-Djurisim.nationalScreenshots=" + Path.of(System.getProperty("jurisim.nationalScreenshots")).toAbsolutePath());
        }
        if (System.getProperty("jurisim.soakYears") != null) {
            cmd.add("-Djurisim.soakYears=" + Integer.getInteger("jurisim.soakYears"));
        }
        cmd.add("-cp");
        cmd.add(ChildJvm.testClassPath());
        cmd.add(GuiCaseRunner.class.getName());
        cmd.add(results.toString());
        cmd.addAll(CASES);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int minutes = 6 + Integer.getInteger("jurisim.soakYears", 0) / 10 + (System.getProperty("jurisim.nationalScreenshots") != null ? 20 : 0);
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("GUI tests did not finish in " + minutes + " minutes; see " + log.toAbsolutePath());
        }
        assertEquals(0, p.exitValue(), "GUI test JVM failed; see " + log.toAbsolutePath());
        JsonNode arr = new ObjectMapper().readTree(results.toFile());
        assertTrue(arr.size() > 0, "no GUI test ran; see " + log.toAbsolutePath());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode r : arr) {
            String name = r.path("name").asText();
            String status = r.path("status").asText();
            String error = r.path("error").asText("");
            tests.add(DynamicTest.dynamicTest(name, () -> {
                if (status.equals("SKIPPED")) {
                    Assumptions.abort(error);
                }
                if (!status.equals("SUCCESSFUL")) {
                    fail(name + " " + status + " in the GUI JVM:\n" + error);
                }
            }));
        }
        Files.deleteIfExists(results);
        return tests.stream();
    }
}
