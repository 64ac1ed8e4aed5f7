package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.jurisim.experiment.SingleRun;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Performance work must not change results: a fixed-seed run of the flagship (every mechanism on, a
 * smaller map and horizon) must give the stored SHA-256 of its CSV outputs.
 *
 * <p>When the model changes on purpose, regenerate the checksums with
 * {@code ./mvnw -q test -Dtest=GoldenOutputTest -Djurisim.updateGolden=true}, check the diff of
 * {@code src/test/resources/golden/standoff-small.sha256}, and say why in the commit message.
 */
class GoldenOutputTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/standoff-small.sha256");

    @Test
    void fixedSeedRunMatchesTheStoredChecksums(@TempDir Path tmp) throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("scenarios/standoff-2026.yaml"),
                List.of("duration=400d", "jurisdictions.us.minPopulation=250000", "seed=77",
                        "litigation.dojSuitsPerYear=20", "litigation.liabilitySuitRate=0.002"));
        SingleRun.run(s, tmp.resolve("run"), s.days(), false, List.of(), null);
        StringBuilder sb = new StringBuilder();
        for (String f : List.of("timeseries.csv", "jurisdictions.csv", "cases.csv", "events.csv")) {
            byte[] bytes = Files.readAllBytes(tmp.resolve("run").resolve(f));
            sb.append(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))).append("  ").append(f).append('\n');
        }
        if (Boolean.getBoolean("jurisim.updateGolden")) {
            Files.writeString(GOLDEN, sb.toString(), StandardCharsets.UTF_8);
        }
        assertThat(sb.toString())
                .as("outputs changed; if on purpose, regenerate with -Djurisim.updateGolden=true (see the class comment)")
                .isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
        // the run is not trivial: detainers, cases and policy changes all happen
        String cases = Files.readString(tmp.resolve("run/cases.csv"));
        assertThat(cases.lines().count()).isGreaterThan(5);
    }
}
