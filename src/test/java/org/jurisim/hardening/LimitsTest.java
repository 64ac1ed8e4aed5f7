package org.jurisim.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jurisim.cli.Main;
import org.jurisim.scenario.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resource limits: alias bombs, oversized files, absurd sizes and devices are refused before any work starts
 * (within seconds, before an output directory exists), each with the limit named and, where it can be raised,
 * the way to raise it ({@value Limits#FLAG}, a command-line flag: a scenario file cannot raise its own limits).
 */
class LimitsTest {

    /** A refusal must come at once: no generation, no simulation. */
    static final Duration QUICK = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private static final String SMALL = """
            name: Limits
            start: 2026-01-01
            duration: 30d
            jurisdictions:
              list:
                - {name: Cook County, state: IL, population: 5087072}
            """;

    private Path write(String name, String text) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    /** Runs validate and run; both must refuse quickly with exit 2 and the given words, and write nothing. */
    private List<String> refused(Path scenario, String... extra) {
        List<String> lines = new ArrayList<>();
        for (String command : List.of("validate", "run")) {
            List<String> args = new ArrayList<>(List.of(command, scenario.toString()));
            Path out = tmp.resolve("out-" + command);
            if (command.equals("run")) {
                args.addAll(List.of("--quiet", "--out", out.toString()));
            }
            args.addAll(List.of(extra));
            Cli.Result r = assertTimeoutPreemptively(QUICK, () -> Cli.run(args.toArray(String[]::new)),
                    () -> command + " took longer than " + QUICK + ": the limit was not checked before the work");
            Cli.assertBadInput(r, command + " " + scenario.getFileName() + " " + String.join(" ", extra));
            assertThat(out).doesNotExist();
            assertThat(out.resolveSibling(out.getFileName() + ".incomplete")).doesNotExist();
            lines.addAll(r.errLines());
        }
        return lines;
    }

    private static void accepted(Path scenario, String... extra) {
        List<String> args = new ArrayList<>(List.of("validate", scenario.toString()));
        args.addAll(List.of(extra));
        Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Cli.run(args.toArray(String[]::new)));
        assertThat(r.status()).as("%s", r).isEqualTo(Main.OK);
    }

    @Test
    void billionLaughsIsRefusedByTheAliasLimitAndStillWithAllowLarge() throws Exception {
        StringBuilder y = new StringBuilder(SMALL).append("lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            y.append("lol").append(i).append(": &l").append(i).append(" [").append(String.join(", ", java.util.Collections.nCopies(9, "*l" + (i - 1))))
                    .append("]\n");
        }
        Path f = write("billion-laughs.yaml", y.toString());
        assertThat(refused(f)).allSatisfy(l -> assertThat(l)
                .contains("expected at most 50 aliases").contains("YAML alias limit").contains("--allow-large raises the limit to 500"));
        // 81 aliases pass the raised alias limit; the 387,420,489 values they expand to do not
        assertThat(refused(f, Limits.FLAG)).hasSize(2).allSatisfy(l -> assertThat(l)
                .contains("expected at most 5,000,000 values").contains("YAML value limit").contains("the most JuriSim accepts"));
    }

    @Test
    void aliasBombWithFewAliasesIsRefusedByTheValueLimitInOneLine() throws Exception {
        StringBuilder y = new StringBuilder(SMALL).append("b0: &b0 [x, x]\n");
        for (int i = 1; i <= 24; i++) {
            y.append("b").append(i).append(": &b").append(i).append(" [*b").append(i - 1).append(", *b").append(i - 1).append("]\n");
        }
        Path f = write("doubling.yaml", y.toString());
        List<String> lines = refused(f);
        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).contains(":1:1: (top level): expected at most 2,000,000 values in the document")
                .contains("--allow-large raises the limit to 5,000,000"));
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedUnreadAndAcceptedWithAllowLarge() throws Exception {
        StringBuilder y = new StringBuilder(SMALL);
        String comment = "# " + "padding ".repeat(12) + "\n";
        while (y.length() <= Limits.DEFAULT.fileChars()) {
            y.append(comment);
        }
        Path f = write("big.yaml", y.toString());
        assertThat(refused(f)).allSatisfy(l -> assertThat(l).contains("expected a scenario file of at most 4,194,304")
                .contains("file size limit").contains("--allow-large raises the limit to 33,554,432"));
        accepted(f, Limits.FLAG);
    }

    @Test
    void aBillionJurisdictionsAreRefusedEvenWithAllowLarge() throws Exception {
        Path base = Path.of("scenarios/base-us-2026.yaml");
        assertThat(refused(base, "--set", "jurisdictions={generate: {counties: 1000000000}}")).allSatisfy(l -> assertThat(l)
                .contains("jurisdictions.generate.counties: expected at most 100,000 jurisdictions, found 1,000,000,000")
                .contains("jurisdiction limit").contains("--allow-large raises the limit to 1,000,000"));
        assertThat(refused(base, "--set", "jurisdictions={generate: {counties: 1e9}}", Limits.FLAG)).allSatisfy(l -> assertThat(l)
                .contains("expected at most 1,000,000 jurisdictions").contains("the most JuriSim accepts"));
    }

    @Test
    void twoHundredThousandCountiesNeedAllowLarge() throws Exception {
        Path base = Path.of("scenarios/base-us-2026.yaml");
        assertThat(refused(base, "--set", "jurisdictions={generate: {counties: 200000}}", "--set", "duration=30d"))
                .allSatisfy(l -> assertThat(l).contains("jurisdiction limit").contains(Limits.FLAG));
        accepted(base, "--set", "jurisdictions={generate: {counties: 200000}}", "--set", "duration=30d", Limits.FLAG);
    }

    @Test
    void aThousandYearsOfDailyStepsNeedAllowLarge() throws Exception {
        Path f = write("millennium.yaml", SMALL);
        assertThat(refused(f, "--set", "duration=1000y")).allSatisfy(l -> assertThat(l)
                .contains("duration: expected at most 73,200 days (200 years) of daily steps, found 365,242 days")
                .contains("duration limit").contains("--allow-large raises the limit to 366,000"));
        accepted(f, "--set", "duration=1000y", Limits.FLAG);
        assertThat(refused(f, "--set", "duration=999999y", Limits.FLAG)).allSatisfy(l -> assertThat(l)
                .contains("expected at most 366,000 days").contains("the most JuriSim accepts"));
    }

    @Test
    void theWorkOfARunIsBounded() throws Exception {
        Path base = Path.of("scenarios/base-us-2026.yaml");
        assertThat(refused(base, "--set", "jurisdictions={generate: {counties: 100000}}", "--set", "duration=200y"))
                .allSatisfy(l -> assertThat(l).contains("duration: expected at most 1,000,000,000 jurisdiction-days")
                        .contains("100,000 x 73,048").contains("work limit").contains("--allow-large raises the limit to 100,000,000,000"));
    }

    @Test
    void deepNestingIsRefusedByAFixedLimit() throws Exception {
        Path f = write("deep.yaml", SMALL + "deep: " + "[".repeat(200) + "]".repeat(200) + "\n");
        assertThat(refused(f)).allSatisfy(l -> assertThat(l).contains("expected at most 64 levels of nested lists and mappings")
                .contains("(a fixed limit)"));
        Path g = write("deep-map.yaml", SMALL + "deep: " + "{a: ".repeat(100) + "1" + "}".repeat(100) + "\n");
        assertThat(refused(g, Limits.FLAG)).allSatisfy(l -> assertThat(l).contains("nesting limit"));
    }

    @Test
    void devicesAndDirectoriesAreNeverReadWithoutEnd() throws Exception {
        if (Files.exists(Path.of("/dev/zero"))) {
            assertThat(refused(Path.of("/dev/zero"))).allSatisfy(l -> assertThat(l).contains("expected a scenario file, found something that is not a regular file"));
            assertThat(refused(write("extends-zero.yaml", "extends: /dev/zero\n" + SMALL.replace("name: Limits\n", ""))))
                    .allSatisfy(l -> assertThat(l).contains("extends"));
            assertThat(refused(write("csv-zero.yaml", """
                    name: CSV from a device
                    start: 2026-01-01
                    duration: 30d
                    jurisdictions:
                      csv: {file: /dev/zero}
                    """))).allSatisfy(l -> assertThat(l).contains("jurisdictions.csv.file: expected a CSV file, found something that is not a regular file"));
        }
        assertThat(refused(tmp)).allSatisfy(l -> assertThat(l).contains("expected a scenario file, found a directory"));
    }

    @Test
    void aScenarioFileCannotRaiseItsOwnLimits() throws Exception {
        Path f = write("self-raise.yaml", SMALL + "limits: {days: 1000000}\nallowLarge: true\n");
        assertThat(refused(f, "--set", "duration=1000y")).isNotEmpty()
                .allSatisfy(l -> assertThat(l).containsAnyOf("limits", "allowLarge", "duration limit"));
        assertThat(refused(write("self-raise-2.yaml", SMALL + "limits: {days: 1000000}\n"))).anySatisfy(l -> assertThat(l).contains("limits"));
    }

    @Test
    void replicatesAndSweepRunsAreBoundedBeforeAnyRun() {
        Path out = tmp.resolve("experiment");
        Cli.Result r = assertTimeoutPreemptively(QUICK, () -> Cli.run("run", "scenarios/small-demo.yaml", "--replicates", "20000",
                "--quiet", "--out", out.toString()));
        assertThat(r.status()).as("%s", r).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("expected at most 10,000 replicates, found 20,000 (replicate limit); --allow-large raises the limit to 1,000,000");
        Cli.Result ci = Cli.run("run", "scenarios/small-demo.yaml", "--until-ci", "compliance.end=0.001", "--max-replicates", "2000000",
                "--allow-large", "--quiet", "--out", out.toString());
        assertThat(ci.err()).contains("expected at most 1,000,000 replicates, found 2,000,000 (replicate limit) (the limit as raised by --allow-large");
        Cli.Result sweep = assertTimeoutPreemptively(QUICK, () -> Cli.run("sweep", "scenarios/small-demo.yaml", "--param", "ice.officers=1000:9000",
                "--param", "ice.detentionBeds=1000:90000", "--design", "grid", "--samples", "400", "--quiet", "--out", out.toString()));
        assertThat(sweep.status()).as("%s", sweep).isEqualTo(Main.BAD_INPUT);
        assertThat(sweep.err()).contains("expected a sweep of at most 100,000 runs (points x replicates), found 160,000 (sweep limit); "
                + "--allow-large raises the limit to 10,000,000");
        assertThat(out).doesNotExist();
        assertThat(out.resolveSibling("experiment.incomplete")).doesNotExist();
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertThat(Limits.DEFAULT).isEqualTo(new Limits(false, 4_194_304, 50, 2_000_000, 73_200, 100_000, 1_000_000_000L, 10_000, 20_000, 10_000, 100_000L));
        assertThat(Limits.LARGE).isEqualTo(new Limits(true, 33_554_432, 500, 5_000_000, 366_000, 1_000_000, 100_000_000_000L, 100_000, 100_000, 1_000_000, 10_000_000L));
        assertThat(Limits.of(false)).isSameAs(Limits.DEFAULT);
        assertThat(Limits.of(true)).isSameAs(Limits.LARGE);
    }
}
