package org.jurisim.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jurisim.cli.Main;
import org.jurisim.output.Checkpoints;
import org.jurisim.output.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Nothing accepted that then crashes" (issue 18): what {@code validate} accepts, {@code run} runs; what cannot be run is
 * refused before any work, with exit status 2 and the option or field at fault; nothing is cut short or dropped silently;
 * no input prints a line that looks like a diagnostic; the default locale changes nothing. The scenario files that are
 * refused at load are in the corpus of {@code scenario/BrokenScenarioCorpusTest} ({@code policy-name-*},
 * {@code circuit-keys}, {@code date-*-range}, {@code duplicate-fips}, {@code pin-twice}, {@code control-characters},
 * {@code extends-chain-too-long}, {@code all-problems-in-one-pass}); this class checks the command lines.
 */
class AcceptedMeansRunsTest {

    static final String DEMO = Path.of("scenarios/small-demo.yaml").toAbsolutePath().toString();

    private static Cli.Result quietRun(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", DEMO, "--quiet", "--set", "outputs.charts=[]", "--out", out.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    // ------------------------------------------------------------------ A: what validate accepts, run runs

    @Test
    void aPolicyDefinedThroughSetIsCheckedLikeOneInTheFile(@TempDir Path tmp) {
        for (String name : List.of("Strict", "My Policy!", "sanctuaire-é", "a_b")) {
            String[] set = {"--set", "policies." + name + "={cooperation: 0.5, detainer: HONOR}", "--set", "initialPolicy.default=" + name};
            for (String command : List.of("validate", "run")) {
                List<String> args = new ArrayList<>(List.of(command, DEMO));
                args.addAll(List.of(set));
                if (command.equals("run")) {
                    args.addAll(List.of("--quiet", "--days", "3", "--out", tmp.resolve("strict").toString()));
                }
                Cli.Result r = Cli.run(args.toArray(String[]::new));
                if (!name.matches("[A-Za-z0-9_-]+")) {
                    // not a path --set can write: refused as such, before any policy exists
                    Cli.assertBadInput(r, command + " with a policy named " + name);
                    continue;
                }
                Cli.assertBadInput(r, command + " with a policy named " + name);
                assertThat(r.err()).contains("--set #1:1:10: policies." + name + ": expected a policy name in lower case with hyphens");
            }
        }
        assertThat(tmp.resolve("strict")).doesNotExist();
    }

    @Test
    void aPolicyNameWithSpacesInTheFileIsRefusedAtItsName(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("spaces.yaml");
        Files.writeString(f, "name: Spaces\njurisdictions:\n  list:\n    - {name: Cook County, state: IL, population: 5087072, policy: My Policy!}\n"
                + "policies:\n  My Policy!: {cooperation: 0.5, detainer: HONOR}\n");
        for (String command : List.of("validate", "run")) {
            Cli.Result r = Cli.run(command, f.toString());
            Cli.assertBadInput(r, command + " with a policy named My Policy!");
            assertThat(r.err()).isEqualTo(f + ":6:3: policies.My Policy!: expected a policy name in lower case with hyphens, such as"
                    + " jail-only, found the name \"My Policy!\"\n");
        }
    }

    @Test
    void aPolicyWithHyphensRunsWithColumnsOfItsOwn(@TempDir Path tmp) throws IOException {
        Cli.Result r = quietRun(tmp.resolve("ab"), "--days", "3", "--set", "policies.a-b={cooperation: 0.5, detainer: HONOR}",
                "--set", "policies.a--b={cooperation: 0.4, detainer: NOTIFY}");
        assertThat(r.status()).as("%s", r).isZero();
        String header = Files.readAllLines(tmp.resolve("ab/timeseries.csv")).get(0);
        List<String> columns = List.of(header.split(","));
        assertThat(columns).doesNotHaveDuplicates().contains("jurisdictions_a_b", "jurisdictions_a__b");
    }

    @Test
    void anIndexTooLargeForAnyNumberIsAProblemWithTheOverride() {
        Cli.Result r = Cli.run("validate", DEMO, "--set", "jurisdictions.list[99999999999999999999].population=5");
        Cli.assertBadInput(r, "an index of 20 digits");
        assertThat(r.err()).isEqualTo("--set #1:1:19: jurisdictions.list[99999999999999999999].population: expected an index of"
                + " 'jurisdictions.list' from [0] to [7], found [99999999999999999999]\n");
    }

    @Test
    void compareRefusesARunDirectoryWhoseCellsAreNotNumbers(@TempDir Path tmp) throws IOException {
        Path good = tmp.resolve("good");
        assertThat(quietRun(good, "--days", "10").status()).isZero();
        for (String cell : List.of("NA", "abc", "1e999", "NaN", "Infinity", "inf")) {
            Path bad = tmp.resolve("bad-" + cell);
            Files2.copyTree(good, bad);
            Path ts = bad.resolve("timeseries.csv");
            List<String> lines = new ArrayList<>(Files.readAllLines(ts, StandardCharsets.UTF_8));
            String[] header = lines.get(0).split(",", -1);
            String[] f = lines.get(4).split(",", -1);
            int k = List.of(header).indexOf("detainers_issued");
            int column = 1;
            for (int i = 0; i < k; i++) {
                column += f[i].length() + 1;
            }
            f[k] = cell;
            lines.set(4, String.join(",", f));
            Files.write(ts, lines, StandardCharsets.UTF_8);
            Cli.Result r = Cli.run("compare", good.toString(), bad.toString(), "--quiet", "--out", tmp.resolve("cmp-" + cell).toString());
            Cli.assertBadInput(r, "compare with " + cell + " in a cell");
            assertThat(r.err()).startsWith(ts + ":5:" + column + ": timeseries.detainers_issued: expected a finite number");
            assertThat(r.err()).contains("\"" + cell + "\"");
            assertThat(tmp.resolve("cmp-" + cell)).doesNotExist();
        }
    }

    @Test
    void compareRefusesAMalformedManifestAtItsPosition(@TempDir Path tmp) throws IOException {
        Path good = tmp.resolve("good");
        assertThat(quietRun(good, "--days", "5").status()).isZero();
        Path bad = tmp.resolve("bad");
        Files2.copyTree(good, bad);
        Files.writeString(bad.resolve("manifest.json"), "{\n  \"scenario\": {\"name\": \n}\n");
        Cli.Result r = Cli.run("compare", good.toString(), bad.toString(), "--quiet", "--out", tmp.resolve("cmp").toString());
        Cli.assertBadInput(r, "compare with a malformed manifest");
        assertThat(r.err()).startsWith(bad.resolve("manifest.json") + ":3:");
    }

    @Test
    void resumeRefusesAMalformedRunJsonAtItsPosition(@TempDir Path tmp) throws IOException {
        Path work = tmp.resolve("x.incomplete");
        Files.createDirectories(work.resolve(Checkpoints.DIR));
        Files.writeString(work.resolve(RunDirectory.MARKER), "run in progress\n");
        Path plan = work.resolve(Checkpoints.DIR).resolve(Checkpoints.PLAN_FILE);
        Files.writeString(plan, "{\"every\": 5,\n \"scenario\": \"" + DEMO + "\",\n \"days\": \"abc\"}\n");
        Cli.Result wrongType = Cli.run("resume", tmp.resolve("x").toString());
        Cli.assertBadInput(wrongType, "resume with days as text");
        assertThat(wrongType.err()).startsWith(plan + ":3:");
        Files.writeString(plan, "{\"every\": 5,\n \"scenario\": ");
        Cli.Result cut = Cli.run("resume", tmp.resolve("x").toString());
        Cli.assertBadInput(cut, "resume with a cut run.json");
        assertThat(cut.err()).startsWith(plan + ":2:");
        Files.writeString(plan, "{\"every\": 0, \"scenario\": \"" + DEMO + "\", \"scenarioAbsolute\": \"" + DEMO + "\", \"overrides\": [],"
                + " \"days\": 30, \"commandLine\": [], \"resolvedSha256\": \"\"}\n");
        Cli.Result zero = Cli.run("resume", tmp.resolve("x").toString());
        Cli.assertBadInput(zero, "resume with a checkpoint every 0 days");
        assertThat(zero.err()).startsWith(plan + ":1:1: every: expected a checkpoint interval of at least 1 day, found 0");
    }

    // ------------------------------------------------------------------ B: nothing silent

    @Test
    void daysOrUntilPastTheScenarioEndAreRefusedSayingHowToExtendIt(@TempDir Path tmp) {
        Cli.Result days = quietRun(tmp.resolve("d"), "--set", "duration=30d", "--days", "50");
        Cli.assertBadInput(days, "--days past the end");
        assertThat(days.err()).isEqualTo("--days:1:1: days: expected at most the scenario's 30 days (2026-01-01 to 2026-01-30), found 50"
                + " (50 days); to simulate longer, extend the scenario, e.g. --set duration=50d\n");
        Cli.Result until = quietRun(tmp.resolve("u"), "--set", "duration=30d", "--until", "2026-03-01");
        Cli.assertBadInput(until, "--until past the end");
        assertThat(until.err()).contains("--until:1:1: until: expected at most the scenario's 30 days (2026-01-01 to 2026-01-30)")
                .contains("--set duration=60d");
        Cli.Result reps = quietRun(tmp.resolve("r"), "--set", "duration=30d", "--days", "31", "--replicates", "2");
        Cli.assertBadInput(reps, "--days past the end with replicates");
        Cli.Result cmp = Cli.run("compare", DEMO, DEMO, "--set", "duration=30d", "--days", "40", "--replicates", "1", "--quiet", "--out",
                tmp.resolve("c").toString());
        Cli.assertBadInput(cmp, "compare --days past the end");
        Cli.Result sweep = Cli.run("sweep", DEMO, "--set", "duration=30d", "--days", "40", "--param", "ice.detainerRate=0.2:0.8",
                "--design", "lhs", "--samples", "2", "--quiet", "--out", tmp.resolve("s").toString());
        Cli.assertBadInput(sweep, "sweep --days past the end");
        assertThat(List.of(tmp.resolve("d"), tmp.resolve("u"), tmp.resolve("r"), tmp.resolve("c"), tmp.resolve("s")))
                .allSatisfy(p -> assertThat(p).doesNotExist());
        // the last day itself is fine
        assertThat(quietRun(tmp.resolve("ok"), "--set", "duration=5d", "--until", "2026-01-05").status()).isZero();
    }

    @Test
    void aBillionReplicatesAreRefusedBeforeAnyRunsWithTheLimitAndHowToRaiseIt(@TempDir Path tmp) {
        long t0 = System.nanoTime();
        Cli.Result r = quietRun(tmp.resolve("r"), "--days", "3", "--replicates", "1000000000");
        Cli.assertBadInput(r, "a billion replicates");
        assertThat(r.err()).isEqualTo("--replicates:1:1: replicates: expected at most 10,000 replicates, found 1,000,000,000"
                + " (replicate limit); --allow-large raises the limit to 1,000,000\n");
        Cli.Result large = quietRun(tmp.resolve("r"), "--days", "3", "--replicates", "1000000000", "--allow-large");
        Cli.assertBadInput(large, "a billion replicates with --allow-large");
        assertThat(large.err()).contains("expected at most 1,000,000 replicates").contains("the most JuriSim accepts");
        Cli.Result untilCi = quietRun(tmp.resolve("r"), "--days", "3", "--until-ci", "detainers_issued=0.1", "--max-replicates", "20000");
        Cli.assertBadInput(untilCi, "--max-replicates over the limit");
        assertThat(untilCi.err()).startsWith("--max-replicates:1:1: max-replicates: expected at most 10,000 replicates");
        Cli.Result cmp = Cli.run("compare", DEMO, DEMO, "--replicates", "1000000000", "--quiet", "--out", tmp.resolve("c").toString());
        Cli.assertBadInput(cmp, "compare with a billion replicates");
        Cli.Result sweep = Cli.run("sweep", DEMO, "--param", "ice.detainerRate=0.2:0.8", "--param", "ice.officers=1000:9000",
                "--design", "grid", "--samples", "1000", "--quiet", "--out", tmp.resolve("s").toString());
        Cli.assertBadInput(sweep, "a sweep of a million points");
        assertThat(sweep.err()).contains("--samples:1:1: samples: expected a sweep of at most 100,000 runs (points x replicates), found 1,000,000 (sweep limit)");
        assertThat(System.nanoTime() - t0).as("refused before any work").isLessThan(30_000_000_000L);
        assertThat(tmp.resolve("r")).doesNotExist();
    }

    // ------------------------------------------------------------------ C: terminal and file safety

    /** Text planted in every place a user can put text, trying to print a line of its own that looks like a diagnostic. */
    static final String FORGED = "x\nforged.yaml:1:1: name: forged problem\u001b]0;retitled\u0007";
    static final Pattern DIAGNOSTIC = Pattern.compile("^(.+?):[1-9][0-9]*:[1-9][0-9]*: .+?: .+$");

    @Test
    void noInputPrintsALineThatLooksLikeADiagnosticOtherThanTheRealOnes(@TempDir Path tmp) throws IOException {
        String yamlForged = "\"" + FORGED.replace("\n", "\\n").replace("\u001b", "\\e").replace("\u0007", "\\a") + "\"";
        Path csv = tmp.resolve("places.csv");
        Files.writeString(csv, "name,state,population\n\"" + FORGED + "\",IL,5000\n");
        Path csvScenario = tmp.resolve("csv.yaml");
        Files.writeString(csvScenario, "name: From a CSV\njurisdictions:\n  csv: {file: places.csv}\n");
        Path planted = tmp.resolve("planted.yaml");
        Files.writeString(planted, "name: " + yamlForged + "\ndescription: " + yamlForged + "\njurisdictions:\n  list:\n"
                + "    - {name: " + yamlForged + ", state: IL, population: 5000}\n"
                + "events:\n  - {on: 2026-02-01, do: officers, count: 5000, note: " + yamlForged + "}\n");
        List<Cli.Result> results = new ArrayList<>();
        results.add(Cli.run("validate", planted.toString()));
        results.add(Cli.run("run", planted.toString(), "--quiet", "--out", tmp.resolve("p").toString()));
        results.add(Cli.run("validate", csvScenario.toString()));
        results.add(Cli.run("validate", DEMO, "--set", "name=" + yamlForged));
        results.add(Cli.run("run", DEMO, "--days", "2", "--set", "outputs.charts=[]", "--set", "name=" + yamlForged, "--out",
                tmp.resolve("n").toString()));
        results.add(Cli.run("validate", DEMO, "--set", "ice.officers=" + FORGED));
        results.add(Cli.run("validate", DEMO, "--set", FORGED + "=1"));
        results.add(Cli.run("validate", tmp.resolve(FORGED.replace("/", "_")).toString()));
        results.add(Cli.run("run", DEMO, "--until", FORGED));
        results.add(Cli.run("compare", DEMO, DEMO, "--labels", "a," + FORGED, "--days", "2", "--replicates", "1", "--set",
                "outputs.charts=[]", "--out", tmp.resolve("c").toString()));
        List<String> realFiles = List.of(planted.toString(), csvScenario.toString(), csv.toString(), DEMO, "--set #1", "--set #2",
                "--set #3", "--until", escaped(tmp.resolve(FORGED.replace("/", "_")).toString()));
        for (Cli.Result r : results) {
            for (String line : (r.out() + r.err()).lines().toList()) {
                assertThat(line).as("a printed line of\n%s", r).doesNotContainPattern("[\\p{Cc}\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]");
                Matcher m = DIAGNOSTIC.matcher(line);
                if (m.matches()) {
                    assertThat(realFiles).as("the file of a diagnostic line: %s\n%s", line, r).anySatisfy(f -> assertThat(line).startsWith(f + ":"));
                }
                assertThat(line).as("a forged line printed as a line of its own\n%s", r).doesNotStartWith("forged.yaml:");
            }
        }
        // the names were refused at load: nothing with a control character reached a CSV file
        assertThat(tmp.resolve("p")).doesNotExist();
        assertThat(tmp.resolve("n")).doesNotExist();
    }

    /** How a text is printed: control characters as {@code \\uXXXX}. */
    private static String escaped(String s) {
        return s.replace("\n", "\\u000a").replace("\u001b", "\\u001b").replace("\u0007", "\\u0007");
    }

    // ------------------------------------------------------------------ D: messages that mislead

    @Test
    void aSeedOutOfRangeIsReportedAsTheSeed(@TempDir Path tmp) {
        for (String command : List.of("run", "compare", "sweep")) {
            List<String> args = new ArrayList<>(List.of(command, DEMO));
            if (command.equals("compare")) {
                args.add(DEMO);
            }
            if (command.equals("sweep")) {
                args.addAll(List.of("--param", "ice.detainerRate=0.2:0.8", "--samples", "2"));
            }
            args.addAll(List.of("--seed", "9007199254740992", "--out", tmp.resolve(command).toString()));
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.status()).as("%s", r).isEqualTo(Main.BAD_INPUT);
            assertThat(r.err()).as(command).startsWith("jurisim: --seed must be from 0 to 9007199254740991, found 9007199254740992")
                    .doesNotContain("--set");
        }
    }

    @Test
    void sweepParameterProblemsNameTheParameterOnce(@TempDir Path tmp) {
        Cli.Result r = Cli.run("sweep", DEMO, "--set", "ice.detentionBeds=50000", "--param", "ice.officers=-9:-2",
                "--param", "ice.nope=1:2", "--samples", "2", "--design", "lhs", "--quiet", "--out", tmp.resolve("s").toString());
        Cli.assertBadInput(r, "sweep with bad parameters");
        assertThat(r.errLines()).containsExactly(
                "--param #1:1:14: ice.officers: expected a number >= 0 (officers), found -9",
                "--param #2:1:5: ice.nope: unknown field 'nope'; expected one of: atLargeOfficerCost, atLargeResponse, atLargeStayDays,"
                        + " atLargeStockPerYear, borderRemovalShare, borderStayDays, borderTransfers, declineRecordedShare, detainerRate,"
                        + " detentionBeds, holdDays, initialOccupancy, interiorArrests, jailAccessIssueMultiplier, notifyPickupProbability, officers,"
                        + " otherAdmissionsPerDay, pickupsPerOfficerPerDay, proceedingsMeanDays, refusalMemoryDays, refusalResponse,"
                        + " removableMatchRate, removalShare, stockExitPerYear");
    }

    @Test
    void anOverrideThatCannotBeAppliedDoesNotHideTheOtherProblems() {
        Cli.Result r = Cli.run("validate", DEMO, "--set", "no-equals-sign", "--set", "jurisdictions.list[12].population=5",
                "--set", "ice.officers=-1", "--set", "initialPolicy.default=limitd");
        Cli.assertBadInput(r, "four overrides, each wrong");
        assertThat(r.errLines()).containsExactly(
                "--set #1:1:1: (top level): expected path.to.field=value, found \"no-equals-sign\"",
                "--set #2:1:19: jurisdictions.list[12].population: expected an index of 'jurisdictions.list' from [0] to [7], found [12]",
                "--set #3:1:14: ice.officers: expected a number >= 0 (officers), found -1",
                "--set #4:1:23: initialPolicy.default: expected a policy defined under 'policies' (full-cooperation, standard, limited,"
                        + " sanctuary), found \"limitd\" (did you mean 'limited'?)");
    }

    @Test
    void tabsSeparatingTokensInsideALineAreYaml(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("tabs.yaml");
        Files.writeString(f, "name: Tabs\nduration: 10d\nice: {officers: 7000,\tdetentionBeds: 5000}\nbookings: {perCapitaPerYear:\t0.03}\n"
                + "jurisdictions:\n  list:\n    - {name: Cook County,\tstate: IL, population: 5087072}\n");
        Cli.Result r = Cli.run("validate", f.toString());
        assertThat(r.status()).as("%s", r).isZero();
        Cli.Result run = Cli.run("run", f.toString(), "--quiet", "--set", "outputs.charts=[]", "--out", tmp.resolve("t").toString());
        assertThat(run.status()).as("%s", run).isZero();
        String resolved = Files.readString(tmp.resolve("t/scenario.resolved.yaml"));
        assertThat(resolved).contains("officers: 7000").contains("detentionBeds: 5000").contains("perCapitaPerYear: 0.03");
        // a tab as indentation is still refused, at the tab
        Files.writeString(f, "name: Tabs\njurisdictions:\n\tlist: []\n");
        Cli.assertBadInput(Cli.run("validate", f.toString()), "a tab as indentation");
    }

    // ------------------------------------------------------------------ E: locale

    @Test
    void aTurkishDefaultLocaleWritesTheSameBytes(@TempDir Path tmp) throws IOException {
        String[] extra = {"--days", "40", "--set", "stateLaw.initial={TX: anti-sanctuary, CA: sanctuary}", "--set",
                "events=[{on: 2026-01-03, do: suit, caseType: grantConditions, plaintiff: \"Cook County, IL\", defendant: United States},"
                        + " {on: 2026-01-05, do: stateLaw, state: AZ, law: anti-sanctuary}]"};
        Locale before = Locale.getDefault();
        Cli.Result tr;
        try {
            Locale.setDefault(new Locale("tr", "TR"));
            tr = quietRun(tmp.resolve("tr"), extra);
        } finally {
            Locale.setDefault(before);
        }
        assertThat(tr.status()).as("%s", tr).isZero();
        Locale.setDefault(Locale.ROOT);
        Cli.Result root;
        try {
            root = quietRun(tmp.resolve("root"), extra);
        } finally {
            Locale.setDefault(before);
        }
        assertThat(root.status()).as("%s", root).isZero();
        assertThat(Files.readString(tmp.resolve("root/cases.csv"))).contains(",district,");
        for (String f : List.of("timeseries.csv", "cases.csv", "jurisdictions.csv", "events.csv", "scenario.resolved.yaml")) {
            assertThat(Files.readAllBytes(tmp.resolve("tr").resolve(f))).as(f).isEqualTo(Files.readAllBytes(tmp.resolve("root").resolve(f)));
        }
    }
}
