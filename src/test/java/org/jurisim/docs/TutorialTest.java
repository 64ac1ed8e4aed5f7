package org.jurisim.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jurisim.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Follows docs/tutorial.md literally: writes every file it shows (```yaml file=PATH blocks) and runs every
 * command it shows ({@code $ ./jurisim ...} lines in console blocks), in order, from the project folder,
 * asserting each exits 0 and writes what the tutorial says.
 */
class TutorialTest {

    private static final Path TUTORIAL = Path.of("docs/tutorial.md");
    private static final List<Path> CREATED = new ArrayList<>();

    /** Splits a command line the way a POSIX shell would for the quoting the tutorial uses. */
    static List<String> shellWords(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }

    @Test
    void everyStepOfTheTutorialWorks() throws Exception {
        if (!Files.exists(Path.of("runs"))) {
            CREATED.add(Path.of("runs")); // a fresh clone has no runs/: the tutorial's runs make it, and it goes with them
        }
        List<String> lines = Files.readAllLines(TUTORIAL, StandardCharsets.UTF_8);
        int commands = 0;
        int files = 0;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("```yaml file=")) {
                Path target = Path.of(l.substring("```yaml file=".length()).trim());
                StringBuilder body = new StringBuilder();
                for (i++; !lines.get(i).startsWith("```"); i++) {
                    body.append(lines.get(i)).append('\n');
                }
                assertThat(target.toAbsolutePath().getParent()).as("the tutorial makes the folder of %s before saving it", target)
                        .isDirectory();
                if (!Files.exists(target)) {
                    CREATED.add(target);
                }
                Files.writeString(target, body.toString(), StandardCharsets.UTF_8);
                files++;
            } else if (l.startsWith("```console")) {
                for (i++; !lines.get(i).startsWith("```"); i++) {
                    String cmd = lines.get(i);
                    if (cmd.startsWith("$ mkdir -p ")) {
                        Path dir = Path.of(cmd.substring("$ mkdir -p ".length()).trim());
                        if (!Files.exists(dir)) {
                            CREATED.add(0, dir); // removed last, after the files in it
                        }
                        Files.createDirectories(dir);
                        continue;
                    }
                    if (!cmd.startsWith("$ ./jurisim ")) {
                        continue;
                    }
                    List<String> words = shellWords(cmd.substring("$ ./jurisim ".length()));
                    StringWriter out = new StringWriter();
                    StringWriter err = new StringWriter();
                    int code = Main.execute(words.toArray(new String[0]), new PrintWriter(out), new PrintWriter(err));
                    assertThat(code).as("%s%nstdout: %s%nstderr: %s", cmd, out, err).isZero();
                    int o = words.indexOf("--out");
                    if (o >= 0) {
                        Path dir = Path.of(words.get(o + 1));
                        CREATED.add(dir);
                        assertThat(dir).isDirectory();
                    }
                    commands++;
                }
            }
        }
        assertThat(files).isGreaterThanOrEqualTo(1);
        assertThat(commands).isGreaterThanOrEqualTo(8);
        // what the tutorial says the steps produce
        assertThat(Path.of("runs/tutorial-demo/charts/compliance.png")).isRegularFile();
        assertThat(Path.of("runs/tutorial-demo/charts/map.png")).isRegularFile();
        assertThat(Files.readString(Path.of("runs/tutorial-demo/report.html"))).contains("What happened").contains("Detainer compliance");
        assertThat(Files.readAllLines(Path.of("runs/tutorial-demo/jurisdiction_series.csv")).get(0)).isEqualTo("date,fips,name,metric,value");
        assertThat(Files.readString(Path.of("runs/tutorial-my-first/jurisdictions.csv"))).contains("Cook County,IL").contains("jail-only");
        assertThat(Path.of("runs/tutorial-compare/report.html")).isRegularFile();
        assertThat(Files.readString(Path.of("runs/tutorial-compare/comparison.csv"))).contains(",mde80,");
        assertThat(Path.of("runs/tutorial-sweep/sweep.csv")).isRegularFile();
        // the sweep step: five replicates per point, and the noise it tells about
        List<String> sweep = Files.readAllLines(Path.of("runs/tutorial-sweep/sweep.csv"));
        assertThat(sweep).hasSize(1 + 9 * 5);
        List<String> noise = Files.readAllLines(Path.of("runs/tutorial-sweep/noise.csv"));
        assertThat(noise).anyMatch(l -> l.startsWith("compliance_rate_rolling.avg,5,9,") && l.endsWith(",noise"))
                .anyMatch(l -> l.startsWith("detainers_issued.avg,5,9,") && l.endsWith(",signal"));
        assertThat(Path.of("runs/tutorial-sweep/charts/heatmap-compliance_rate_rolling.avg.png")).isRegularFile();
        assertThat(Files.readString(Path.of("runs/tutorial-sweep/report.html"))).contains("the differences between points are noise");
    }

    /** Removes what the tutorial made (its folder, its files, its runs): the test leaves the working tree as it found it. */
    @AfterAll
    static void cleanUp() throws Exception {
        List<Path> reversed = new ArrayList<>(CREATED);
        java.util.Collections.reverse(reversed);
        for (Path p : reversed) {
            if (Files.exists(p)) {
                try (var s = Files.walk(p)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
                }
            }
        }
    }
}
