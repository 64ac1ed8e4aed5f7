package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jurisim.experiment.SingleRun;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Performance work must not change results: a fixed-seed run of the flagship (every mechanism on, a
 * smaller map and horizon) must give the stored SHA-256 of its CSV outputs. A gzipped golden copy of each
 * CSV is kept beside the checksums, so that a mismatch names the file, the row (the day, for the time
 * series) and the column of the first cell that differs ({@link CsvDiff}).
 *
 * <p>When the model changes on purpose, regenerate the checksums and copies with
 * {@code ./mvnw -q test -Dtest=GoldenOutputTest -Djurisim.updateGolden=true}, check the diff of
 * {@code src/test/resources/golden/standoff-small.sha256}, and say why in the commit message.
 */
class GoldenOutputTest {

    private static final Path GOLDEN_DIR = Path.of("src/test/resources/golden");
    private static final Path GOLDEN = GOLDEN_DIR.resolve("standoff-small.sha256");
    private static final List<String> FILES = List.of("timeseries.csv", "jurisdictions.csv", "cases.csv", "events.csv");

    static Path copyOf(String file) {
        return GOLDEN_DIR.resolve("standoff-small." + file + ".gz");
    }

    @Test
    void fixedSeedRunMatchesTheStoredChecksums(@TempDir Path tmp) throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("scenarios/standoff-2026.yaml"),
                List.of("duration=400d", "jurisdictions.us.minPopulation=250000", "seed=77",
                        "litigation.dojSuitsPerYear=20", "litigation.liabilitySuitRate=0.002"));
        SingleRun.run(s, tmp.resolve("run"), s.days(), false, List.of(), null);
        Map<String, byte[]> outputs = new LinkedHashMap<>();
        StringBuilder sb = new StringBuilder();
        for (String f : FILES) {
            byte[] bytes = Files.readAllBytes(tmp.resolve("run").resolve(f));
            outputs.put(f, bytes);
            sb.append(sha256(bytes)).append("  ").append(f).append('\n');
        }
        if (Boolean.getBoolean("jurisim.updateGolden")) {
            Files.writeString(GOLDEN, sb.toString(), StandardCharsets.UTF_8);
            for (Map.Entry<String, byte[]> e : outputs.entrySet()) {
                writeGzip(copyOf(e.getKey()), e.getValue());
            }
        }
        String stored = Files.readString(GOLDEN, StandardCharsets.UTF_8);
        if (!sb.toString().equals(stored)) {
            assertThat(sb.toString())
                    .as("outputs changed; if on purpose, regenerate with -Djurisim.updateGolden=true (see the class comment)\n"
                            + String.join("\n", differences(stored, outputs)))
                    .isEqualTo(stored);
        }
        // the run is not trivial: detainers, cases and policy changes all happen
        String cases = Files.readString(tmp.resolve("run/cases.csv"));
        assertThat(cases.lines().count()).isGreaterThan(5);
    }

    @Test
    void aMismatchNamesTheFileColumnAndDayOfTheFirstChangedCell() throws Exception {
        String stored = Files.readString(GOLDEN, StandardCharsets.UTF_8);
        String series = new String(readGzip(copyOf("timeseries.csv")), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(series.lines().toList());
        List<String> header = List.of(lines.get(0).split(",", -1));
        int column = header.indexOf("detainers_issued");
        List<String> row = new ArrayList<>(List.of(lines.get(101).split(",", -1)));
        String day = row.get(header.indexOf("date"));
        row.set(column, row.get(column) + "1");
        lines.set(101, String.join(",", row));
        Map<String, byte[]> outputs = new LinkedHashMap<>();
        outputs.put("timeseries.csv", (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        outputs.put("events.csv", readGzip(copyOf("events.csv")));
        // the golden copies match the stored checksums; only the changed file is reported
        assertThat(differences(stored, Map.of("events.csv", readGzip(copyOf("events.csv")),
                "timeseries.csv", series.getBytes(StandardCharsets.UTF_8)))).isEmpty();
        assertThat(differences(stored, outputs)).singleElement().satisfies(m -> assertThat(m)
                .startsWith("timeseries.csv: first difference in row 101 (date " + day + "), column detainers_issued"));
    }

    /** For each output whose checksum is not the stored one, where it first differs from its golden copy. */
    static List<String> differences(String storedChecksums, Map<String, byte[]> outputs) throws IOException, NoSuchAlgorithmException {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : outputs.entrySet()) {
            String f = e.getKey();
            String line = sha256(e.getValue()) + "  " + f;
            if (storedChecksums.lines().anyMatch(line::equals)) {
                continue;
            }
            Path copy = copyOf(f);
            if (!Files.exists(copy)) {
                out.add(f + ": checksum differs (no golden copy " + copy + " to compare with)");
                continue;
            }
            byte[] golden = readGzip(copy);
            if (!storedChecksums.lines().anyMatch((sha256(golden) + "  " + f)::equals)) {
                out.add(f + ": checksum differs, and the golden copy " + copy + " does not match the stored checksum either");
            }
            String actual = new String(e.getValue(), StandardCharsets.UTF_8);
            out.add(CsvDiff.firstDifference(f, new String(golden, StandardCharsets.UTF_8), actual)
                    .orElse(f + ": checksum differs but every cell is the same (line endings or quoting)"));
        }
        return out;
    }

    static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static byte[] readGzip(Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return in.readAllBytes();
        }
    }

    static void writeGzip(Path p, byte[] bytes) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(buf) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
            }
        }) {
            out.write(bytes);
        }
        Files.write(p, buf.toByteArray());
    }
}
