package org.jurisim.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command that writes manifest.json writes it through {@link Manifest}: the same header, the same closing fields. */
class ManifestTest {

    private static final List<String> HEADER = List.of("jurisim_version", "java_version", "java_vendor", "os", "command_line");
    private static final List<String> CLOSING = List.of("started_at", "finished_at", "wall_seconds", "outputs");

    @Test
    void everyCommandsManifestHasTheSameHeaderAndClosingFields(@TempDir Path tmp) throws Exception {
        String demo = Fixtures.DEMO.toString();
        Path targets = tmp.resolve("targets.yaml");
        Files.writeString(targets, "targets:\n  - id: bookings\n    description: jail bookings\n    source: none\n"
                + "    period: {from: 2026-01-01, to: 2026-01-10}\n    scenario: " + demo + "\n"
                + "    statistic: {kind: sum, column: bookings}\n    record: 1\n    accept: {low: 0, high: 1000000000}\n", StandardCharsets.UTF_8);
        List<String[]> commands = List.of(
                new String[] {"run", demo, "--set", "duration=15d", "--quiet", "--out", tmp.resolve("run").toString()},
                new String[] {"run", demo, "--set", "duration=15d", "--replicates", "2", "--threads", "2", "--quiet", "--out",
                        tmp.resolve("replicates").toString()},
                new String[] {"compare", tmp.resolve("run").toString(), tmp.resolve("replicates").toString(), "--quiet", "--out",
                        tmp.resolve("compare").toString()},
                new String[] {"sweep", demo, "--param", "ice.officers=1000:9000", "--design", "grid", "--samples", "2", "--days", "15",
                        "--quiet", "--out", tmp.resolve("sweep").toString()},
                new String[] {"check", "--targets", targets.toString(), "--replicates", "2", "--threads", "2", "--quiet", "--out",
                        tmp.resolve("check").toString()});
        ObjectMapper json = new ObjectMapper();
        for (String[] args : commands) {
            Fixtures.Cli c = Fixtures.cli(args);
            assertThat(c.status()).as("%s: %s", String.join(" ", args), c.err()).isZero();
            Path dir = Path.of(args[args.length - 1]);
            JsonNode m = json.readTree(dir.resolve("manifest.json").toFile());
            List<String> fields = new ArrayList<>();
            m.fieldNames().forEachRemaining(fields::add);
            assertThat(fields.subList(0, HEADER.size())).as("header of %s's manifest", args[0]).isEqualTo(HEADER);
            assertThat(fields).as("fields of %s's manifest", args[0]).containsSubsequence(CLOSING);
            assertThat(m.get("command_line").get(1).asText()).isEqualTo(args[0]);
            // every output it lists is there
            for (JsonNode f : m.get("outputs")) {
                assertThat(dir.resolve(f.asText())).as("%s lists %s", args[0], f.asText()).exists();
            }
        }
        // the single run and the replicates share the scenario block too
        JsonNode run = json.readTree(tmp.resolve("run/manifest.json").toFile());
        JsonNode reps = json.readTree(tmp.resolve("replicates/manifest.json").toFile());
        for (String f : List.of("scenario", "seed", "start_date", "end_date", "days_simulated", "jurisdictions", "parameters")) {
            assertThat(run.has(f)).as(f).isTrue();
            assertThat(reps.get(f)).as(f).isEqualTo(run.get(f));
        }
        // and no other class of the program writes a manifest header of its own
        List<String> writers = new ArrayList<>();
        try (Stream<Path> src = Files.walk(Path.of("src/main/java"))) {
            for (Path p : src.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (Files.readString(p).contains("put(\"jurisim_version\"")) {
                    writers.add(p.getFileName().toString());
                }
            }
        }
        assertThat(writers).containsExactly("Manifest.java");
    }
}
