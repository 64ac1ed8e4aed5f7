package org.jurisim.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.jurisim.output.MapChart;
import org.jurisim.output.RunMap;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** charts/map.png and .svg: written for runs with real county FIPS codes, not for generated counties. */
class RunMapTest {

    @TempDir
    Path tmp;

    @Test
    void aRunWithRealCountiesWritesTheMapDeterministically() throws Exception {
        Scenario s = Fixtures.demo(200);
        SingleRun.Result a = SingleRun.run(s, tmp.resolve("a"), s.days(), false, List.of(), null);
        SingleRun.run(s, tmp.resolve("b"), s.days(), false, List.of(), null);
        Path png = a.directory().resolve("charts/map.png");
        Path svg = a.directory().resolve("charts/map.svg");
        assertThat(png).exists();
        assertThat(svg).exists();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(MapChart.WIDTH);
        assertThat(img.getHeight()).isEqualTo(MapChart.HEIGHT);
        String text = Files.readString(svg);
        assertThat(text).contains("Policies in force on", "What changed since the first day", "not simulated",
                "sanctuary: 3 jurisdictions", "Cook County", MapChart.SOURCE);
        assertThat(text.length()).as("SVG size").isLessThan(3_000_000);
        assertThat(Files.readAllBytes(tmp.resolve("b/charts/map.svg"))).as("same run, same SVG bytes")
                .isEqualTo(Files.readAllBytes(svg));
        assertThat(Files.readString(a.directory().resolve("manifest.json"))).contains("\"charts/map.png\"", "\"charts/map.svg\"");
    }

    @Test
    void theChangePanelShowsTheJurisdictionsWhosePolicyInForceChanged() {
        Scenario s = Fixtures.demo(365);
        org.jurisim.model.JuriSimModel m = new org.jurisim.model.JuriSimModel(s);
        m.runDays(s.days(), null);
        Map<String, RunMap.Item> items = RunMap.items(s, m).stream().collect(Collectors.toMap(RunMap.Item::name, i -> i));
        assertThat(items).hasSize(8);
        assertThat(items.get("Cook County").countyFips()).isEqualTo("17031");
        // the demo's July event: Miami-Dade and Maricopa go sanctuary
        assertThat(items.get("Miami-Dade County").start()).isEqualTo("full-cooperation");
        assertThat(items.get("Miami-Dade County").end()).isEqualTo("sanctuary");
        assertThat(items.get("Maricopa County").end()).isEqualTo("sanctuary");
        assertThat(items.values().stream().filter(i -> !i.start().equals(i.end())).map(RunMap.Item::name))
                .containsExactlyInAnyOrder("Miami-Dade County", "Maricopa County");
        List<MapChart.Panel> panels = RunMap.panels(List.copyOf(items.values()), m.policyNames(), "2026-12-31");
        assertThat(panels).hasSize(2);
        assertThat(panels.get(1).legend()).extracting(MapChart.LegendItem::text)
                .contains("now sanctuary: 2 jurisdictions, 7.5 million residents", "unchanged: 6 jurisdictions, 23.6 million residents",
                        "not simulated");
        assertThat(panels.get(1).fill().get("17031")).isEqualTo(MapChart.UNCHANGED);
    }

    @Test
    void generatedCountiesAreNotDrawnAndARunWithNothingToDrawHasNoMap() throws Exception {
        Path f = tmp.resolve("gen.yaml");
        Files.writeString(f, "name: Generated\nduration: 20d\njurisdictions:\n  generate: {counties: 60, states: [RI, DE]}\n");
        Scenario s = ScenarioLoader.load(f, List.of());
        assertThat(s.jurisdictions()).allSatisfy(j -> assertThat(j.fips()).isNull());
        SingleRun.Result r = SingleRun.run(s, tmp.resolve("gen"), s.days(), false, List.of(), null);
        assertThat(r.directory().resolve("charts/compliance.png")).exists();
        assertThat(r.directory().resolve("charts/map.png")).doesNotExist();
        assertThat(r.directory().resolve("charts/map.svg")).doesNotExist();
        assertThat(Files.readString(r.directory().resolve("manifest.json"))).doesNotContain("charts/map");

        // generated counties plus a named real one: only the named one is drawn
        Path g = tmp.resolve("mixed.yaml");
        Files.writeString(g, "name: Mixed\nduration: 5d\njurisdictions:\n  generate: {counties: 60, states: [RI, DE]}\n"
                + "  list:\n    - {name: Providence County, fips: \"44007\", state: RI, population: 660000, foreignBornShare: 0.2,"
                + " partisanLean: 0.6, policy: limited}\n");
        Scenario mixed = ScenarioLoader.load(g, List.of());
        org.jurisim.model.JuriSimModel m = new org.jurisim.model.JuriSimModel(mixed);
        m.runDays(mixed.days(), null);
        assertThat(RunMap.items(mixed, m)).extracting(RunMap.Item::name).containsExactly("Providence County");
    }
}
