package org.jurisim.gui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jurisim.model.JuriSimModel;
import org.jurisim.output.SeriesTable;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run tweaked through the dashboard's own request path (parameters, a jurisdiction's policy, changes on
 * the same date as the scenario's events, a different seed), saved with "Save scenario as...", replays
 * headless to identical series. Runs without a display: the GUIState is stepped directly.
 */
class SavedScenarioReplayTest {

    @TempDir
    Path tmp;

    @Test
    void savedTweakedScenarioReplaysToIdenticalSeries() throws Exception {
        // the small demo plus a dated `set` event on the day an intervention also changes the same parameter
        String demo = Files.readString(Path.of("scenarios", "small-demo.yaml"), StandardCharsets.UTF_8);
        Path scenarioFile = tmp.resolve("tweak-me.yaml");
        Files.writeString(scenarioFile, demo + "  - {on: 2026-03-01, do: set, path: ice.officers, value: 1500, note: scenario's own change}\n");
        Scenario s = ScenarioLoader.load(scenarioFile);
        JuriSimGui gui = new JuriSimGui(s, scenarioFile);
        gui.state.setSeed(4242);
        JsonNodeFactory f = JsonNodeFactory.instance;
        gui.requestParameter("federal.priorities", f.textNode("SERIOUS_CRIMES_ONLY")); // before the run: day 0
        gui.start();
        List<LiveSink.Row> rows = new ArrayList<>();
        long days = 240;
        for (long d = 0; d < days; d++) {
            if (gui.nextDay() == 20) {
                gui.requestParameter("grantConditions.withholdShare", f.numberNode(0.35));
                gui.requestParameter("ice.detainerRate", f.numberNode(0.123));
            }
            if (gui.nextDay() == 59) { // 2026-03-01: the intervention comes first, then the scenario's event
                gui.requestParameter("ice.officers", f.numberNode(9000));
            }
            if (gui.nextDay() == 181) { // 2026-07-01: the scenario makes Denver sanctuary that day too
                gui.requestPolicy("City and County of Denver, CO", "full-cooperation");
                gui.requestPolicy("Harris County, TX", "limited");
                gui.requestParameter("courts.injunctionScope", f.textNode("UNIVERSAL"));
            }
            assertThat(gui.step()).isTrue();
            rows.addAll(gui.sink().drain());
        }
        List<Change> changes = gui.changes();
        assertThat(changes).extracting(Change::kind).contains(Change.SET, Change.SET_POLICY);
        assertThat(changes).hasSize(7);
        assertThat(gui.model().parameters().get("ice.officers").asInt()).isEqualTo(1500);
        gui.finish();

        Path saved = tmp.resolve("out").resolve("saved.yaml");
        ScenarioWriter.write(gui.scenario(), gui.model().seed(), changes, saved);
        String text = Files.readString(saved);
        assertThat(text).contains("seed: 4242", "note: \"dashboard intervention\"");
        // interventions precede the scenario's events of the same date
        assertThat(text.indexOf("value: 9000")).isLessThan(text.indexOf("value: 1500"));

        JuriSimModel replay = new JuriSimModel(ScenarioLoader.load(saved));
        SeriesTable t = new SeriesTable();
        replay.addSink(t);
        replay.runDays(days, null);
        assertThat(t.rows()).isEqualTo(rows.size());
        List<String> names = t.names();
        for (int r = 0; r < rows.size(); r++) {
            double[] g = rows.get(r).values();
            for (int c = 0; c < names.size(); c++) {
                double h = t.value(names.get(c), r);
                assertThat(Double.compare(g[c], h)).as(names.get(c) + " on day " + r + ": dashboard " + g[c] + ", replay " + h).isZero();
            }
        }
        assertThat(replay.jurisdictions().stream().filter(j -> j.getKey().equals("Harris County, TX")).findFirst().orElseThrow().getPolicy())
                .isEqualTo("limited");
    }

    @Test
    void runSeriesStaysBoundedAndKeepsRecentDaysAtFullResolution() {
        RunSeries r = new RunSeries("r", List.of("a", "b"), java.util.Set.of("a"), List.of(), 100);
        java.time.LocalDate d0 = java.time.LocalDate.of(2026, 1, 1);
        for (int i = 0; i < 10_000; i++) {
            r.append(d0.plusDays(i), new double[] {1, i});
        }
        assertThat(r.size()).isLessThanOrEqualTo(100);
        assertThat(r.daysSeen()).isEqualTo(10_000);
        // the newest rows are daily; the running total is exact; the first day is still there
        assertThat(r.value("b", r.size() - 1)).isEqualTo(9999);
        assertThat(r.value("b", r.size() - 2)).isEqualTo(9998);
        assertThat(r.value("cumulative:a", r.size() - 1)).isEqualTo(10_000);
        assertThat(r.value("b", 0)).isEqualTo(0);
    }
}
