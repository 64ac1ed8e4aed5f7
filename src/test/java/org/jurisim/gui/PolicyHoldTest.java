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
 * A policy set from the dashboard's inspector and held is held by the model: it stays every day (no lapse), the
 * hold and its release are recorded changes, so a saved scenario replays the run; a policy set without holding it is
 * reported when the model changes it, and kept as the model left it. Runs without a display: the GUIState is stepped
 * directly.
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
    void aHeldPolicyStaysEveryDayAndTheRunWithItsReleaseReplays() throws Exception {
        Path file = restless();
        JuriSimGui gui = new JuriSimGui(ScenarioLoader.load(file), file);
        gui.start();
        List<LiveSink.Row> rows = new ArrayList<>();
        long days = 160;
        List<String> whileHeld = new ArrayList<>();
        List<String> afterRelease = new ArrayList<>();
        for (long d = 0; d < days; d++) {
            if (gui.nextDay() == 10) {
                gui.requestPolicy(HARRIS, "full-cooperation", true);
            }
            if (gui.nextDay() == 90) {
                gui.release(HARRIS);
            }
            assertThat(gui.step()).isTrue();
            rows.addAll(gui.sink().drain());
            if (d >= 10 && d < 90) {
                whileHeld.add(harris(gui).getPolicy());
            } else if (d >= 90) {
                afterRelease.add(harris(gui).getPolicy());
            }
            if (d == 89) {
                assertThat(gui.heldPolicy(HARRIS)).isEqualTo("full-cooperation");
            }
        }
        // held: the policy every day, whatever the push toward limits; released: the adaptation moves it again
        assertThat(whileHeld).hasSize(80).containsOnly("full-cooperation");
        assertThat(afterRelease).anyMatch(p -> !p.equals("full-cooperation"));
        assertThat(gui.heldPolicy(HARRIS)).isNull();
        assertThat(gui.overrides()).noneMatch(o -> o.key().equals(HARRIS));
        // two changes: the hold, and its release
        List<Change> changes = gui.changes();
        List<Change> mine = changes.stream().filter(c -> c.target().equals(HARRIS)).toList();
        assertThat(mine).extracting(Change::day).containsExactly(10L, 90L);
        assertThat(mine).extracting(Change::hold).containsExactly(true, false);
        assertThat(mine.get(1).shortLabel()).isEqualTo("Harris County: hold released");
        gui.finish();

        // the saved scenario holds and releases on the same days: it replays the run exactly
        Path saved = tmp.resolve("saved.yaml");
        ScenarioWriter.write(gui.scenario(), gui.model().seed(), changes, saved);
        assertThat(Files.readString(saved)).contains("hold: true", "hold: false");
        JuriSimModel replay = new JuriSimModel(ScenarioLoader.load(saved));
        SeriesTable t = new SeriesTable();
        replay.addSink(t);
        replay.runDays(days, null);
        List<String> names = t.names();
        assertThat(t.rows()).isEqualTo(rows.size());
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
        assertThat(o.asked()).isEqualTo("full-cooperation");
        assertThat(o.modelPolicy()).isNotEqualTo("full-cooperation");
        assertThat(o.day()).isGreaterThanOrEqualTo(10);
        assertThat(gui.overrides().stream().filter(x -> x.key().equals(HARRIS))).hasSize(1);
        assertThat(gui.heldPolicy(HARRIS)).isNull();
        // only the one change asked for: the model's later choices stand
        assertThat(gui.changes().stream().filter(c -> c.target().equals(HARRIS))).hasSize(1);
        gui.finish();
    }
}
