package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jurisim.experiment.SingleRun;
import org.jurisim.output.SeriesTable;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioLoader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bundled scenario validates, says what it is for, and runs (a short horizon) to sensible outputs. */
class ScenarioLibraryTest {

    static Stream<Path> scenarios() throws Exception {
        try (Stream<Path> s = Files.list(Path.of("scenarios"))) {
            List<Path> all = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(all).extracting(p -> p.getFileName().toString()).contains("standoff-2026.yaml", "status-quo-2016.yaml",
                    "history-2017-2021.yaml", "sanctuary-expansion.yaml", "federal-crackdown.yaml", "funding-war.yaml",
                    "state-preemption.yaml", "small-demo.yaml");
            return all.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void validatesDocumentsItselfAndRuns(Path file, @TempDir Path tmp) throws Exception {
        String text = Files.readString(file);
        assertThat(text).as("names the schema for editors").startsWith("# yaml-language-server: $schema=schema.json");
        assertThat(text).as("a header comment saying what to expect").contains("# Expect").containsAnyOf("# Question", "Not a question");
        Scenario s = ScenarioLoader.load(file);
        assertThat(s.jurisdictions()).isNotEmpty();
        SingleRun.Result r = SingleRun.run(s, tmp.resolve("run"), 60, false, List.of(), null);
        SeriesTable t = r.series();
        assertThat(t.rows()).isEqualTo(Math.min(60, s.days()));
        double issued = 0;
        for (double v : t.series("detainers_issued")) {
            issued += v;
        }
        assertThat(issued).as("detainers issued in 60 days").isGreaterThan(100);
        for (String f : List.of("timeseries.csv", "jurisdictions.csv", "cases.csv", "events.csv", "manifest.json",
                "scenario.resolved.yaml", "charts/compliance.png")) {
            assertThat(tmp.resolve("run").resolve(f)).isRegularFile();
        }
    }
}
