package org.jurisim.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jurisim.model.JuriSimModel;
import org.jurisim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failing day stops the dashboard's run instead of escaping to MASON's play thread: the GUIState's step
 * returns false and tells its listeners why (located for a rule, one line plus a log file for an internal
 * error). Runs without a display: the GUIState is stepped directly. (DashboardGuiCase checks the dialog.)
 */
class RunFailureTest {

    @TempDir
    Path tmp;

    @Test
    void aRuleFailingAtRunTimeStopsTheStepsWithItsLocation() throws Exception {
        Path file = tmp.resolve("failing.yaml");
        Files.writeString(file, "extends: " + Path.of("scenarios", "small-demo.yaml").toAbsolutePath() + "\nname: Failing\npolicies:\n"
                + "  standard:\n    detainer: \"jurisdiction.population / detainer.severity > 0 ? HONOR : NOTIFY\"\n",
                StandardCharsets.UTF_8);
        JuriSimGui gui = new JuriSimGui(ScenarioLoader.load(file), file);
        List<JuriSimGui.RunFailure> told = new ArrayList<>();
        gui.addRunListener(new JuriSimGui.RunListener() {
            @Override
            public void runStarted(JuriSimModel model, LiveSink sink, int run) {
            }

            @Override
            public void runFailed(JuriSimModel model, int run, JuriSimGui.RunFailure f) {
                told.add(f);
            }
        });
        gui.start();
        boolean more = true;
        for (int d = 0; d < 30 && more; d++) {
            more = gui.step();
        }
        assertThat(more).isFalse();
        assertThat(told).hasSize(1);
        JuriSimGui.RunFailure f = told.get(0);
        assertThat(f.internal()).isFalse();
        assertThat(f.message()).isEqualTo(file + ":5:40: policies.standard.detainer: rule failed at run time: division by zero");
        assertThat(gui.failure()).isEqualTo(f);
        // a failed run takes no further steps
        assertThat(gui.step()).isFalse();
        assertThat(told).hasSize(1);
        gui.finish();
    }

    @Test
    void anInternalErrorIsOneLineWithItsStackTraceInALogFile() throws Exception {
        JuriSimGui.RunFailure f = JuriSimGui.describe(12, new IllegalStateException("broken\ninvariant"));
        assertThat(f.internal()).isTrue();
        assertThat(f.day()).isEqualTo(12);
        assertThat(f.message()).startsWith("internal error: IllegalStateException: broken invariant (details in ").doesNotContain("\n");
        Path log = Path.of(f.message().replaceAll(".*\\(details in (.*)\\)$", "$1"));
        assertThat(Files.readString(log)).contains("IllegalStateException: broken", "\tat ");
        Files.deleteIfExists(log);
    }
}
