package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jurisim.experiment.SingleRun;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same scenario and seed: byte-identical outputs; another seed: different ones. */
class DeterminismTest {

    @Test
    void sameSeedSameBytes(@TempDir Path tmp) throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("scenarios/small-demo.yaml"), List.of("duration=120d"));
        SingleRun.run(s, tmp.resolve("a"), s.days(), false, List.of(), null);
        SingleRun.run(s, tmp.resolve("b"), s.days(), false, List.of(), null);
        Scenario other = ScenarioLoader.load(Path.of("scenarios/small-demo.yaml"), List.of("duration=120d", "seed=43"));
        SingleRun.run(other, tmp.resolve("c"), other.days(), false, List.of(), null);
        for (String f : List.of("timeseries.csv", "jurisdictions.csv", "events.csv", "scenario.resolved.yaml")) {
            assertThat(Files.readAllBytes(tmp.resolve("a").resolve(f))).as(f).isEqualTo(Files.readAllBytes(tmp.resolve("b").resolve(f)));
        }
        assertThat(Files.readString(tmp.resolve("c/timeseries.csv"))).isNotEqualTo(Files.readString(tmp.resolve("a/timeseries.csv")));
    }
}
