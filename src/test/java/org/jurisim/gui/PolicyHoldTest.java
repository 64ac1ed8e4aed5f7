package org.jurisim.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jurisim.model.JuriSimModel;
import org.jurisim.model.Jurisdiction;
import org.jurisim.output.SeriesTable;
import org.jurisim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy set from the dashboard's inspector and held stays in force: when the model's policy adaptation
 * changes it, it is restored at the start of the next day (recorded, so a saved scenario replays it), and the
 * change is reported; a policy set without holding it is reported when the model changes it, and kept as the
 * model left it. Runs without a display: the GUIState is stepped directly.
 */
class PolicyHoldTest {

    private static final String HARRIS = "Harris County, TX";

    @TempDir
    Path tmp;

    /** The small demo with adaptation reviewing daily under a strong push toward limits: policies change within days. */
    private Path restless() throws Exception {
        Path f = tmp.resolve("restless.yaml");
        Files.writeString(f, "extends: " + Path.of("scenarios", "small-demo.yaml").toAbsolutePath() + "\nname: Restless\n"
                + "mechanisms: {adaptation: true}\nadaptation: {everyDays: 1, baseline: 12}\n", StandardCharsets.UTF_8);
        return f;
    }

    private static Jurisdiction harris(JuriSimGui gui) {
        return gui.model().jurisdiction(HARRIS);
    }

    @Test
    void aHeldPolicyIsRestoredEveryTimeTheModelChangesItAndTheRunReplays() throws Exception {
        Path file = restless();
        JuriSimGui gui = new JuriSimGui(ScenarioLoader.load(file), file);
        gui.start();
        List<LiveSink.Row> rows = new ArrayList<>();
        long days = 120;
        List<Long> changedOn = new ArrayList<>();
        for (long d = 0; d < days; d++) {
            if (gui.nextDay() == 10) {
                gui.requestPolicy(HARRIS, "full-cooperation", true);
            }
            assertThat(gui.step()).isTrue();
            rows.addAll(gui.sink().drain());
            // the days at whose end the model had moved Harris County off its held policy
            if (d >= 10 && d < days - 1 && !harris(gui).getPolicy().equals("full-cooperation")) {
                changedOn.add(d);
            }
        }
        // the push toward limits is strong: the model changed the held policy, and every time it was restored
        List<JuriSimGui.PolicyOverride> ov = gui.overrides().stream().filter(o -> o.key().equals(HARRIS)).toList();
        assertThat(ov).isNotEmpty().allSatisfy(o -> {
            assertThat(o.restored()).isTrue();
            assertThat(o.asked()).isEqualTo("full-cooperation");
            assertThat(o.modelPolicy()).isNotEqualTo("full-cooperation");
        });
        // each such day was reported, and the policy restored the next day
        assertThat(ov).extracting(JuriSimGui.PolicyOverride::day).containsExactlyElementsOf(changedOn);
        assertThat(gui.heldPolicy(HARRIS)).isEqualTo("full-cooperation");
        List<Change> changes = gui.changes();
        assertThat(changes.stream().filter(c -> c.target().equals(HARRIS))).hasSize(1 + ov.size());
        gui.finish();

        // the restores are recorded changes: the saved scenario replays the run exactly
        Path saved = tmp.resolve("saved.yaml");
        ScenarioWriter.write(gui.scenario(), gui.model().seed(), changes, saved);
        JuriSimModel replay = new JuriSimModel(ScenarioLoader.load(saved));
        SeriesTable t = new SeriesTable();
        replay.addSink(t);
        replay.runDays(days, null);
        List<String> names = t.names();
        for (int r = 0; r < rows.size(); r++) {
            double[] g = rows.get(r).values();
            for (int c = 0; c < names.size(); c++) {
                assertThat(Double.compare(g[c], t.value(names.get(c), r))).as(names.get(c) + " on day " + r).isZero();
            }
        }
    }

    @Test
    void aPolicyNotHeldIsReportedWhenTheModelChangesItAndStaysChanged() throws Exception {
        Path file = restless();
        JuriSimGui gui = new JuriSimGui(ScenarioLoader.load(file), file);
        gui.start();
        for (long d = 0; d < 120; d++) {
            if (gui.nextDay() == 10) {
                gui.requestPolicy(HARRIS, "full-cooperation");
            }
            assertThat(gui.step()).isTrue();
        }
        JuriSimGui.PolicyOverride o = gui.lastOverride(HARRIS);
        assertThat(o).isNotNull();
        assertThat(o.restored()).isFalse();
        assertThat(o.asked()).isEqualTo("full-cooperation");
        assertThat(o.day()).isGreaterThanOrEqualTo(10);
        assertThat(gui.overrides().stream().filter(x -> x.key().equals(HARRIS))).hasSize(1);
        assertThat(gui.heldPolicy(HARRIS)).isNull();
        // only the one change asked for: the model's later choices stand
        assertThat(gui.changes().stream().filter(c -> c.target().equals(HARRIS))).hasSize(1);
        gui.finish();
    }
}
