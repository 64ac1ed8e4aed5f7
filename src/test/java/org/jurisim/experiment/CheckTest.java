package org.jurisim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jurisim.cli.Main;
import org.jurisim.common.BadInputException;
import org.jurisim.output.CasesCsv;
import org.jurisim.output.JurisdictionsCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jurisim check}: the statistic kinds on a hand-made run directory, bad targets files, PASS / FAIL /
 * NOT MEASURED on the small demo with a fixed seed, determinism, and the built-in quick subset end to end. Nothing
 * here asserts whether the real model meets the real targets (the model is recalibrated independently).
 */
class CheckTest {

    @TempDir
    Path tmp;

    // ------------------------------------------------------------------------------------------------
    // statistics on a hand-made run directory (two replicates, five days)

    private Path handMadeRun() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(dir.resolve("timeseries.csv"), String.join("\n",
                "replicate,day,date,a,b",
                "0,0,2026-01-01,1,10", "0,1,2026-01-02,2,10", "0,2,2026-01-03,3,10", "0,3,2026-01-04,4,10", "0,4,2026-01-05,5,",
                "1,0,2026-01-01,2,1", "1,1,2026-01-02,2,1", "1,2,2026-01-03,2,1", "1,3,2026-01-04,2,1", "1,4,2026-01-05,2,1") + "\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("cases.csv"), String.join("\n",
                "replicate," + CasesCsv.HEADER,
                "0,1,grantConditions,\"Doe, ST\",United States,cand,district,9,2026-01-01,2026-01-03,for_locality,true,false,,,3,A;B;C,,2026-01-02",
                "0,2,grantConditions,\"Doe, ST\",United States,ca9,circuit,9,2026-01-03,2026-01-05,for_government,false,,,1,1,Doe,",
                "0,3,preemption,United States,State of CA,cacd,district,9,2026-01-02,,pending,false,false,,",
                "1,1,grantConditions,\"Roe, ST\",United States,ilnd,district,7,2026-01-02,2026-01-04,for_government,false,false,,,2,Roe;Poe,")
                + "\n", StandardCharsets.UTF_8);
        List<String> rows = new ArrayList<>();
        rows.add("replicate," + JurisdictionsCsv.HEADER);
        rows.add("0," + jurisdiction("\"Alpha County, with a comma\"", "county", "limited"));
        rows.add("0," + jurisdiction("Beta County", "county", "sanctuary"));
        rows.add("0," + jurisdiction("Gamma", "city", "sanctuary"));
        rows.add("1," + jurisdiction("Alpha County", "county", "standard"));
        Files.writeString(dir.resolve("jurisdictions.csv"), String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
        return dir;
    }

    private static String jurisdiction(String name, String kind, String policy) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String c : JurisdictionsCsv.HEADER.split(",")) {
            v.put(c, "0");
        }
        v.put("name", name);
        v.put("kind", kind);
        v.put("policy_in_force", policy);
        v.put("policy_source", "\"initialPolicy.rules[1], with a comma\"");
        return String.join(",", v.values());
    }

    private static Targets.Target target(String statistic) throws BadInputException {
        String yaml = "targets:\n  - id: t\n    description: d\n    source: s\n    period: {from: 2026-01-01, to: 2026-01-05}\n"
                + "    scenario: x.yaml\n    statistic: " + statistic + "\n    record: 1\n    accept: {low: 0, high: 2}\n";
        return Targets.parse("t.yaml", null, yaml).all().get(0);
    }

    private double[] measure(String statistic) throws Exception {
        Targets.Target t = target(statistic);
        Check.RunTables run = Check.RunTables.read(handMadeRun(), List.of(t));
        return Check.measure(t, run);
    }

    @Test
    void timeseriesStatisticsAreComputedPerReplicateOverTheirWindow() throws Exception {
        assertThat(measure("{kind: sum, column: a, from: 2026-01-02, to: 2026-01-04}")).containsExactly(9, 6);
        // a rate: the sum over 5 days, per day
        assertThat(measure("{kind: sum, column: a, per: day}")).containsExactly(3, 2);
        assertThat(measure("{kind: sum, column: a, per: year}")[0]).isCloseTo(15 * 365.25 / 5, within(1e-9));
        assertThat(measure("{kind: sum, column: a, from: 2026-01-01, to: 2026-01-02, per: month}")[1])
                .isCloseTo(4 * 365.25 / 12 / 2, within(1e-9));
        // columns in a list are added day by day
        assertThat(measure("{kind: sum, column: [a, b], from: 2026-01-01, to: 2026-01-02}")).containsExactly(23, 6);
        // an empty cell is no value: left out of the mean
        assertThat(measure("{kind: mean, column: b}")).containsExactly(10, 1);
        assertThat(measure("{kind: max, column: a}")).containsExactly(5, 2);
        assertThat(measure("{kind: value, column: a, on: 2026-01-03}")).containsExactly(3, 2);
        assertThat(measure("{kind: ratio, numerator: a, denominator: b, to: 2026-01-04}")).containsExactly(0.25, 2.0);
    }

    @Test
    void caseStatisticsFilterRowsAndFollowAppealsToTheFirstSuit() throws Exception {
        assertThat(measure("{kind: cases, where: {type: grantConditions, level: district}}")).containsExactly(1, 1);
        assertThat(measure("{kind: cases, where: {type: grantConditions, level: district}, from: 2026-01-02}")).containsExactly(0, 1);
        assertThat(measure("{kind: cases, where: {level: [district, circuit]}, date: decided}")).containsExactly(2, 1);
        // a pending case has no decision date: not counted by decided
        assertThat(measure("{kind: cases, where: {type: preemption}, date: decided}")).containsExactly(0, 0);
        assertThat(measure("{kind: case-share, where: {type: grantConditions, level: district}, matching: {outcome: for_locality},"
                + " date: decided}")).containsExactly(1.0, 0.0);
        assertThat(measure("{kind: case-share, where: {type: grantConditions}, matching: {preliminary_injunction: 'true'}}"))
                .containsExactly(0.5, 0.0);
        // the appeal (decided 5 Jan) of a suit filed on 1 Jan: 4 days; replicate 1 has no appeal: no value
        double[] days = measure("{kind: case-days, where: {type: grantConditions, level: circuit}}");
        assertThat(days[0]).isEqualTo(4);
        assertThat(days[1]).isNaN();
        // to a preliminary injunction instead of a decision: 1 day; replicate 1's suit had none: no value
        double[] pi = measure("{kind: case-days, where: {type: grantConditions, level: district}, date: preliminary_injunction_date}");
        assertThat(pi[0]).isEqualTo(1);
        assertThat(pi[1]).isNaN();
        assertThat(measure("{kind: cases, where: {type: grantConditions}, date: preliminary_injunction_date}")).containsExactly(1, 0);
        // a plaintiff with a comma (quoted cell) matches
        assertThat(measure("{kind: cases, where: {plaintiff: 'Doe, ST'}}")).containsExactly(2, 0);
        // a numeric column of the matching rows: mean and largest (coalition sizes)
        assertThat(measure("{kind: case-mean, column: plaintiffs, where: {type: grantConditions}}")).containsExactly(2.0, 2.0);
        assertThat(measure("{kind: case-max, column: plaintiffs, where: {type: grantConditions}}")).containsExactly(3.0, 2.0);
        assertThat(measure("{kind: case-mean, column: plaintiffs, where: {type: grantConditions, level: district}}")).containsExactly(3.0, 2.0);
        // no matching row: no value
        assertThat(measure("{kind: case-max, column: plaintiffs, where: {type: preemption, level: circuit}}")[0]).isNaN();
    }

    @Test
    void anOutcomeTurnsEachReplicatesValueIntoWhetherItShowsIt() throws Exception {
        // max of a: 5 and 2; a replicate shows "at least 3" only in the first
        assertThat(measure("{kind: max, column: a, outcome: {atLeast: 3}}")).containsExactly(1, 0);
        assertThat(measure("{kind: max, column: a, outcome: {atLeast: 2}}")).containsExactly(1, 1);
        // the bound is included both ways
        assertThat(measure("{kind: max, column: a, outcome: {atMost: 2}}")).containsExactly(0, 1);
        // cases decided: 2 and 1; "none" is at most 0
        assertThat(measure("{kind: cases, where: {level: [district, circuit]}, date: decided, outcome: {atMost: 0}}"))
                .containsExactly(0, 0);
        assertThat(measure("{kind: cases, where: {type: preemption}, date: decided, outcome: {atMost: 0}}")).containsExactly(1, 1);
        // no value stays no value (not a replicate that fails to show the outcome)
        assertThat(measure("{kind: case-max, column: plaintiffs, where: {type: preemption, level: circuit}, outcome: {atLeast: 1}}")[0])
                .isNaN();
        // so the mean over replicates is the share of replicates showing the outcome
        Targets.Target t = target("{kind: max, column: a, outcome: {atLeast: 3}}");
        assertThat(Check.outcome(t, "r", Check.measure(t, Check.RunTables.read(handMadeRun(), List.of(t))), new long[2]).summary().mean())
                .isEqualTo(0.5);
        assertThat(t.statistic().describe()).endsWith("; 1 in a replicate where it is at least 3, else 0");
    }

    @Test
    void jurisdictionStatisticsCountMatchingRows() throws Exception {
        assertThat(measure("{kind: jurisdictions, where: {kind: county, policy_in_force: [limited, sanctuary]}}")).containsExactly(2, 0);
        assertThat(measure("{kind: jurisdictions, where: {policy_in_force: sanctuary}}")).containsExactly(2, 0);
        assertThat(measure("{kind: jurisdictions}")).containsExactly(3, 1);
    }

    @Test
    void summariesUseQuantilesOfTheReplicatesAndJudgeTheMean() throws Exception {
        double[] v = new double[20];
        for (int i = 0; i < v.length; i++) {
            v[i] = 20 - i;
        }
        Check.Summary s = Check.Summary.of(v);
        assertThat(s.n()).isEqualTo(20);
        assertThat(s.mean()).isEqualTo(10.5);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(20);
        assertThat(s.p05()).isCloseTo(1.95, within(1e-12));
        assertThat(s.p95()).isCloseTo(19.05, within(1e-12));
        Targets.Target t = target("{kind: max, column: a}"); // accept 0..2
        assertThat(Check.outcome(t, "r", new double[] {1, 3}, new long[2]).verdict()).isEqualTo(Check.Verdict.PASS); // mean 2
        assertThat(Check.outcome(t, "r", new double[] {1, 4}, new long[2]).verdict()).isEqualTo(Check.Verdict.FAIL); // mean 2.5
        assertThat(Check.outcome(t, "r", new double[] {Double.NaN, Double.NaN}, new long[2]).verdict()).isEqualTo(Check.Verdict.FAIL);
    }

    // ------------------------------------------------------------------------------------------------
    // bad targets files: exit 2, FILE:LINE:COLUMN: field: message

    private static final String GOOD = "targets:\n"
            + "  - id: bookings\n"
            + "    description: jail bookings\n"
            + "    source: none\n"
            + "    period: {from: 2026-01-01, to: 2026-01-10}\n"
            + "    scenario: scenarios/small-demo.yaml\n"
            + "    statistic: {kind: sum, column: bookings}\n"
            + "    record: 1\n"
            + "    accept: {low: 0, high: 2}\n";

    private Fixtures.Cli checkWith(String yaml, String... more) throws IOException {
        Path f = tmp.resolve("targets.yaml");
        Files.writeString(f, yaml, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("check", "--targets", f.toString(), "--out", tmp.resolve("out").toString(),
                "--replicates", "2", "--threads", "2", "--quiet"));
        args.addAll(List.of(more));
        return Fixtures.cli(args.toArray(new String[0]));
    }

    private void assertBad(Fixtures.Cli r, String prefix, String... contains) {
        assertThat(r.status()).as(r.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        List<String> lines = r.err().lines().toList();
        assertThat(lines).as(r.err()).anySatisfy(l -> {
            assertThat(l).startsWith(prefix);
            for (String c : contains) {
                assertThat(l).contains(c);
            }
        });
        assertThat(lines).allSatisfy(l -> assertThat(l).matches("^.+:[1-9][0-9]*:[1-9][0-9]*: .+?: .+$").doesNotContain("Exception"));
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void badTargetsFilesAreReportedWithFileLineAndColumn() throws Exception {
        String f = tmp.resolve("targets.yaml").toString();
        assertBad(checkWith(GOOD.replace("kind: sum", "kind: summ")), f + ":7:23: targets[0].statistic.kind:", "did you mean 'sum'");
        assertBad(checkWith(GOOD.replace("    record: 1\n", "    recrod: 1\n")), f + ":8:5: targets[0].recrod:", "did you mean 'record'");
        assertBad(checkWith(GOOD.replace("to: 2026-01-10", "to: 2026-13-10")), f + ":5:36: targets[0].period.to:", "YYYY-MM-DD");
        assertBad(checkWith(GOOD.replace("high: 2", "high: lots")), f + ":9:28: targets[0].accept.high:", "expected a number");
        assertBad(checkWith(GOOD.replace("{kind: sum, column: bookings}", "{kind: cases, where: {typ: grantConditions}}")),
                f + ":7:38: targets[0].statistic.where.typ:", "did you mean 'type'");
        assertBad(checkWith(GOOD.replace("{kind: sum, column: bookings}", "{kind: cases, where: {type: grantCondition}}")),
                f + ":7:44: targets[0].statistic.where.type:", "did you mean 'grantConditions'");
        assertBad(checkWith(GOOD + GOOD.substring("targets:\n".length())), f + ":10:9: targets[1].id:", "unique");
        assertBad(checkWith(GOOD.replace("{kind: sum, column: bookings}", "{kind: case-days, where: {type: grantConditions}, date: filed}")),
                f + ":7:72: targets[0].statistic.date:", "expected decided or preliminary_injunction_date");
        assertBad(checkWith(GOOD.replace("column: bookings}", "column: bookings, outcome: {atleast: 1}}")),
                f + ":7:56: targets[0].statistic.outcome.atleast:", "did you mean 'atLeast'");
        assertBad(checkWith(GOOD.replace("column: bookings}", "column: bookings, outcome: {atLeast: many}}")),
                f + ":7:65: targets[0].statistic.outcome.atLeast:", "expected a number");
        assertBad(checkWith(GOOD.replace("column: bookings}", "column: bookings, outcome: 1}")),
                f + ":7:55: targets[0].statistic.outcome:", "{atLeast: N} or {atMost: N}");
        assertBad(checkWith("targets: 3\n"), f + ":1:10: targets:", "a list of targets");
        // checked against the scenario: a column it does not have, dates it does not simulate
        assertBad(checkWith(GOOD.replace("column: bookings", "column: bookingz")), f + ":7:36: targets[0].statistic.column:",
                "did you mean 'bookings'");
        assertBad(checkWith(GOOD.replace("{from: 2026-01-01, to: 2026-01-10}", "{from: 2016-01-01, to: 2016-01-10}")),
                f + ":7:16: targets[0].statistic:", "within the scenario");
        assertBad(checkWith(GOOD.replace("scenarios/small-demo.yaml", "scenarios/no-such.yaml")), f + ":6:15: targets[0].scenario:",
                "no such file");
        assertBad(checkWith(GOOD, "--only", "bookigns"), "--only:1:1: only:", "did you mean 'bookings'");
        assertBad(Fixtures.cli("check", "--targets", tmp.resolve("missing.yaml").toString(), "--quiet"),
                tmp.resolve("missing.yaml") + ":1:1: targets:", "no such file");
    }

    @Test
    void theBuiltInTargetsAreWellFormedAndCiteTheirSources() throws Exception {
        Targets t = Targets.builtIn();
        assertThat(t.all()).hasSizeGreaterThan(20);
        assertThat(t.all()).allSatisfy(x -> {
            assertThat(x.source()).isNotBlank();
            assertThat(x.note()).as(x.id()).isNotBlank();
            if (x.measured()) {
                assertThat(x.acceptLow()).as(x.id()).isLessThanOrEqualTo(x.acceptHigh());
                assertThat(Path.of(x.scenario())).as(x.id()).exists();
            }
        });
        // every built-in target is measured now (not-measured is checked end to end below, on the demo's targets)
        assertThat(t.all()).allMatch(Targets.Target::measured).anyMatch(Targets.Target::quick);
        assertThat(t.all().stream().map(x -> x.statistic().kind()).distinct()).contains(Targets.Kind.SUM, Targets.Kind.MEAN,
                Targets.Kind.VALUE, Targets.Kind.RATIO, Targets.Kind.CASES, Targets.Kind.CASE_SHARE, Targets.Kind.CASE_DAYS,
                Targets.Kind.CASE_MAX, Targets.Kind.CASE_MEAN, Targets.Kind.JURISDICTIONS);
        assertThat(t.all()).anyMatch(x -> x.statistic().outcome() != null);
    }

    // ------------------------------------------------------------------------------------------------
    // end to end

    private static final String DEMO_TARGETS = "targets:\n"
            + "  - id: wide\n    description: bookings in January, any positive number\n    source: test\n"
            + "    period: {from: 2026-01-01, to: 2026-01-31}\n    scenario: scenarios/small-demo.yaml\n"
            + "    statistic: {kind: sum, column: bookings}\n    record: 1\n    accept: {low: 1, high: 1.0e12}\n    note: passes\n"
            + "  - id: impossible\n    description: bookings in January, negative\n    source: test\n"
            + "    period: {from: 2026-01-01, to: 2026-01-31}\n    scenario: scenarios/small-demo.yaml\n"
            + "    statistic: {kind: sum, column: bookings}\n    record: 1\n    accept: {low: -2, high: -1}\n    note: fails\n"
            + "  - id: counties\n    description: counties at the end of January\n    source: test\n"
            + "    period: {on: 2026-01-20}\n    scenario: scenarios/small-demo.yaml\n"
            + "    statistic: {kind: jurisdictions, where: {kind: county}}\n    record: 6\n    accept: {low: 6, high: 6}\n"
            + "    note: six counties in the demo\n    quick: true\n"
            + "  - id: unmeasured\n    description: something the model has no output for\n    source: test\n"
            + "    period: {on: 2026-01-01}\n    statistic: not-measured\n    record: 5\n    note: needs an output\n";

    @Test
    void targetsPassOrFailOnTheModelsMeanAndTheOutputIsDeterministic() throws Exception {
        Path f = tmp.resolve("demo-targets.yaml");
        Files.writeString(f, DEMO_TARGETS, StandardCharsets.UTF_8);
        Fixtures.Cli r = Fixtures.cli("check", "--targets", f.toString(), "--out", tmp.resolve("a").toString(), "--replicates", "3",
                "--seed", "7", "--threads", "2");
        assertThat(r.status()).as(r.err()).isEqualTo(Main.OK);
        assertThat(r.out()).containsPattern("(?m)^wide +.*PASS$").containsPattern("(?m)^impossible +.*FAIL$")
                .containsPattern("(?m)^counties +.*PASS$").containsPattern("(?m)^unmeasured +.*NOT MEASURED$")
                .contains("min-max of 3").contains("90% of replicates");
        List<String> csv = Files.readAllLines(tmp.resolve("a/check.csv"));
        assertThat(csv.get(0)).isEqualTo(Check.CSV_HEADER);
        assertThat(csv).hasSize(5);
        assertThat(csv.get(1)).startsWith("wide,pass,scenarios/small-demo.yaml,sum,2026-01-01,2026-01-31,1,1,1000000000000,3,3,");
        assertThat(csv.get(2)).startsWith("impossible,fail,");
        assertThat(csv.get(3)).startsWith("counties,pass,scenarios/small-demo.yaml,jurisdictions,2026-01-20,2026-01-20,6,6,6,3,3,6,0,6,6,6,6,yes");
        assertThat(csv.get(4)).startsWith("unmeasured,not-measured,,not-measured,2026-01-01,2026-01-01,5,,,,,,,,,,,,");
        // the jurisdictions target needs a run that ends on its date; the sums one that ends on 31 January
        assertThat(tmp.resolve("a/runs/small-demo/timeseries.csv")).exists();
        assertThat(tmp.resolve("a/runs/small-demo-to-2026-01-20/jurisdictions.csv")).exists();
        assertThat(Files.readAllLines(tmp.resolve("a/runs/small-demo-to-2026-01-20/timeseries.csv")).get(60))
                .startsWith("2,19,2026-01-20,");
        assertThat(tmp.resolve("a/report.html")).content().contains("min&ndash;max of 3 replicates").contains("90% of replicates")
                .contains("NOT MEASURED");
        assertThat(Files.readAllLines(tmp.resolve("a/check-replicates.csv"))).hasSize(1 + 3 * 3);

        // same seed, same bytes; --only runs a subset
        Fixtures.Cli again = Fixtures.cli("check", "--targets", f.toString(), "--out", tmp.resolve("b").toString(), "--replicates", "3",
                "--seed", "7", "--threads", "1", "--quiet");
        assertThat(again.status()).as(again.err()).isEqualTo(Main.OK);
        assertThat(Files.readAllBytes(tmp.resolve("b/check.csv"))).isEqualTo(Files.readAllBytes(tmp.resolve("a/check.csv")));
        Fixtures.Cli only = Fixtures.cli("check", "--targets", f.toString(), "--out", tmp.resolve("c").toString(), "--only",
                "impossible", "--quiet");
        assertThat(only.status()).as(only.err()).isEqualTo(Main.OK);
        assertThat(Files.readAllLines(tmp.resolve("c/check.csv"))).hasSize(2);
        assertThat(Files.readAllLines(tmp.resolve("c/check.csv")).get(1)).startsWith("impossible,fail,").contains(",20,20,");
        // --quick: the targets marked quick, 3 replicates
        Fixtures.Cli quick = Fixtures.cli("check", "--targets", f.toString(), "--out", tmp.resolve("d").toString(), "--quick", "--quiet");
        assertThat(quick.status()).as(quick.err()).isEqualTo(Main.OK);
        assertThat(Files.readAllLines(tmp.resolve("d/check.csv"))).hasSize(2);
        // an existing output directory is kept unless --force
        Fixtures.Cli exists = Fixtures.cli("check", "--targets", f.toString(), "--out", tmp.resolve("d").toString(), "--quick", "--quiet");
        assertThat(exists.status()).isEqualTo(Main.BAD_INPUT);
        assertThat(exists.err()).startsWith("jurisim: ");
    }

    @Test
    void theBuiltInQuickSubsetRunsEndToEnd() throws Exception {
        Fixtures.Cli r = Fixtures.cli("check", "--quick", "--out", tmp.resolve("quick").toString(), "--threads", "2");
        assertThat(r.status()).as(r.err()).isEqualTo(Main.OK);
        List<String> csv = Files.readAllLines(tmp.resolve("quick/check.csv"));
        List<String> quickIds = Targets.builtIn().all().stream().filter(Targets.Target::quick).map(Targets.Target::id).toList();
        assertThat(csv).hasSize(1 + quickIds.size());
        for (int i = 0; i < quickIds.size(); i++) {
            // a verdict, whatever it is: the model is recalibrated elsewhere
            assertThat(csv.get(1 + i)).startsWith(quickIds.get(i) + ",").matches("^[^,]+,(pass|fail),.*")
                    .contains("," + Check.QUICK_REPLICATES + ",");
            assertThat(r.out()).contains(quickIds.get(i));
        }
        assertThat(tmp.resolve("quick/report.html")).exists();
        try (var charts = Files.list(tmp.resolve("quick/charts"))) {
            assertThat(charts.filter(p -> p.toString().endsWith(".png")).count()).isPositive();
        }
    }
}
