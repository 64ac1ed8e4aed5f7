package org.jurisim.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.jurisim.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare: the right error rate when nothing differs, the difference when something does, clear errors on mismatches. */
class CompareTest {

    private static final String STRICT = """
            name: Small demo, serious crimes only
            federal:
              priorities: SERIOUS_CRIMES_ONLY
            """;

    /**
     * Two independent replicate runs of the same scenario, compared many times (each trial with its own seeds):
     * a test at alpha 0.05 must reject in about 5% of trials. The number of rejections in 300 trials is
     * Binomial(300, 0.05) if the tests are right; we accept anything that distribution gives with probability
     * above 0.0001 on either side (the seeds are fixed, so a pass stays a pass until the model changes; a test
     * that rejected at 2% or 10% would fail).
     */
    @Test
    void sameScenarioDiffersSignificantlyInAboutFivePercentOfTrials(@TempDir Path tmp) throws Exception {
        int trials = 300;
        int replicates = 8;
        Scenario s = Fixtures.demo(30);
        List<String> outcomes = List.of("detainers_issued.avg", "compliance_rate_rolling.avg", "detention_occupancy.end");
        int[] welch = new int[outcomes.size()];
        int[] mannWhitney = new int[outcomes.size()];
        int[] flagged = new int[outcomes.size()];
        for (int t = 0; t < trials; t++) {
            List<RunReader.Data> runs = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                Path dir = tmp.resolve("t" + t + "-" + k);
                Replicates.run(s.withSeed(1000 + 2L * t + k), dir, Replicates.Options.of(replicates, 2, s.days()).withCharts(false));
                RunReader.Meta m = RunReader.meta(dir);
                runs.add(RunReader.read(k == 0 ? "a" : "b", m, m.metrics(), m.start(), m.days()));
                if (t > 2) {
                    ExperimentDir.deleteTree(dir);
                }
            }
            List<Compare.Row> rows = Compare.compare(runs, 0.05);
            for (int o = 0; o < outcomes.size(); o++) {
                Outcomes.Ref ref = Outcomes.parse(outcomes.get(o));
                Compare.Row row = rows.stream().filter(r -> r.metric().equals(ref.metric()) && r.end() == ref.end()).findFirst().orElseThrow();
                assertThat(row.diff().paired()).isFalse();
                welch[o] += row.diff().welchP() < 0.05 ? 1 : 0;
                mannWhitney[o] += row.diff().mannWhitneyP() < 0.05 ? 1 : 0;
                flagged[o] += row.significant() ? 1 : 0;
            }
        }
        BinomialDistribution b = new BinomialDistribution(null, trials, 0.05);
        int lo = b.inverseCumulativeProbability(0.0001);
        int hi = b.inverseCumulativeProbability(0.9999);
        for (int o = 0; o < outcomes.size(); o++) {
            System.out.printf("false-positive check: %s: Welch rejections %d/%d, Mann-Whitney %d/%d (accepted range %d..%d)%n",
                    outcomes.get(o), welch[o], trials, mannWhitney[o], trials, lo, hi);
            assertThat(welch[o]).as("Welch rejections of %s in %d trials (expected about %d)", outcomes.get(o), trials, trials / 20)
                    .isBetween(lo, hi);
            assertThat(flagged[o]).as("significant flags of %s", outcomes.get(o)).isEqualTo(welch[o]);
            // Mann-Whitney with 8 + 8 values and ties is at most as liberal as its nominal level allows
            assertThat(mannWhitney[o]).as("Mann-Whitney rejections of %s", outcomes.get(o)).isBetween(0, hi);
        }
    }

    @Test
    void scenariosBuiltToDifferAreFoundDifferent(@TempDir Path tmp) throws Exception {
        Path strict = Fixtures.derived(tmp, "strict", STRICT);
        Path out = tmp.resolve("cmp");
        Fixtures.Cli c = Fixtures.cli("compare", Fixtures.DEMO.toString(), strict.toString(), "--set", "duration=45d", "--replicates", "6",
                "--threads", "2", "--out", out.toString());
        assertThat(c.status()).as(c.err()).isZero();
        // the summary leads with the headline outcomes (compliance first); detainers_issued is checked in comparison.csv below
        assertThat(c.out()).contains("small-demo vs strict").contains(" differ, ").contains("compliance_rate_rolling.avg");
        List<String[]> rows = Fixtures.csv(out.resolve("comparison.csv"));
        assertThat(String.join(",", rows.get(0))).isEqualTo(Compare.CSV_HEADER);
        String[] issued = rows.stream().filter(r -> r[1].equals("detainers_issued") && r[2].equals("avg")).findFirst().orElseThrow();
        int diff = Fixtures.column(rows, "difference");
        assertThat(Fixtures.num(issued[diff])).isNegative();
        assertThat(Fixtures.num(issued[Fixtures.column(rows, "difference_ci95_high")])).isNegative();
        assertThat(Fixtures.num(issued[Fixtures.column(rows, "welch_p")])).isLessThan(1e-4);
        assertThat(Fixtures.num(issued[Fixtures.column(rows, "mann_whitney_p")])).isLessThan(0.01);
        assertThat(Fixtures.num(issued[Fixtures.column(rows, "cohens_d")])).isLessThan(-2);
        assertThat(issued[Fixtures.column(rows, "verdict")]).isEqualTo("differs");
        assertThat(issued[Fixtures.column(rows, "difference_method")]).isEqualTo("paired");
        assertThat(issued[Fixtures.column(rows, "significant")]).isEqualTo("yes");
        // both scenario files ran with the same replicate seeds (common random numbers)
        assertThat(Files.readAllLines(out.resolve("runs/small-demo/replicates.csv")).stream().map(l -> l.split(",")[1]).toList())
                .isEqualTo(Files.readAllLines(out.resolve("runs/strict/replicates.csv")).stream().map(l -> l.split(",")[1]).toList());
        // every metric of the runs is compared, from the CSV header, each as end value and time average
        List<String> metrics = RunReader.meta(out.resolve("runs/strict")).metrics();
        assertThat(rows.stream().skip(1).map(r -> r[1]).distinct().toList()).containsExactlyInAnyOrderElementsOf(metrics);
        assertThat(rows).hasSize(1 + 2 * metrics.size());
        assertThat(out.resolve("charts/detainers_issued.png")).exists();
        assertThat(out.resolve("charts/detainers_issued.svg")).exists();
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("<svg").contains("federal.priorities").contains("SERIOUS_CRIMES_ONLY")
                .doesNotContain("<script").doesNotContain("src=\"http").doesNotContain("href=\"http").doesNotContain("<link");
    }

    @Test
    void runsWithDifferentCalendarsAreAnErrorUnlessAlignedByDate(@TempDir Path tmp) {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertThat(Fixtures.cli("run", Fixtures.DEMO.toString(), "--set", "duration=40d", "--replicates", "3", "--quiet", "--out",
                a.toString()).status()).isZero();
        assertThat(Fixtures.cli("run", Fixtures.DEMO.toString(), "--set", "duration=40d", "--set", "start=2026-01-11", "--replicates", "3",
                "--quiet", "--out", b.toString()).status()).isZero();
        Fixtures.Cli c = Fixtures.cli("compare", a.toString(), b.toString(), "--out", tmp.resolve("c").toString());
        assertThat(c.status()).isEqualTo(2);
        assertThat(c.err()).contains(b + ":1:1: calendar: expected the calendar of " + a + " (2026-01-01 to 2026-02-09, 40 days), found "
                + "2026-01-11 to 2026-02-19 (40 days); add --align dates to compare only the 30 dates all runs share (2026-01-11 to 2026-02-09)");
        assertThat(tmp.resolve("c")).doesNotExist();
        Fixtures.Cli ok = Fixtures.cli("compare", a.toString(), b.toString(), "--align", "dates", "--out", tmp.resolve("c").toString());
        assertThat(ok.status()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("(2026-01-11 to 2026-02-09)");
        assertThat(Files.exists(tmp.resolve("c/report.html"))).isTrue();
    }

    @Test
    void runsWithDifferentMetricsAreAnErrorUnlessAlignedByMetric(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        assertThat(Fixtures.cli("run", Fixtures.DEMO.toString(), "--set", "duration=20d", "--replicates", "3", "--quiet", "--out",
                a.toString()).status()).isZero();
        // b: as written by a JuriSim that did not have the metric 'removals' yet
        Path b = Files.createDirectories(tmp.resolve("older"));
        List<String[]> rows = Fixtures.csv(a.resolve("timeseries.csv"));
        int drop = Fixtures.column(rows, "removals");
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            List<String> f = new ArrayList<>(List.of(r));
            f.remove(drop);
            sb.append(String.join(",", f)).append('\n');
        }
        Files.writeString(b.resolve("timeseries.csv"), sb);
        Fixtures.Cli c = Fixtures.cli("compare", a.toString(), b.toString(), "--out", tmp.resolve("c").toString());
        assertThat(c.status()).isEqualTo(2);
        assertThat(c.err()).contains(b + ":1:1: metrics: expected the metrics of " + a + ", found 1 missing (removals); "
                + "add --align metrics to compare only the");
        Fixtures.Cli ok = Fixtures.cli("compare", a.toString(), b.toString(), "--align", "metrics", "--out", tmp.resolve("c").toString());
        assertThat(ok.status()).as(ok.err()).isZero();
        List<String[]> cmp = Fixtures.csv(tmp.resolve("c/comparison.csv"));
        assertThat(cmp.stream().skip(1).map(r -> r[1])).doesNotContain("removals").contains("removals_cumulative");
        assertThat(Files.readString(tmp.resolve("c/report.html"))).contains("--align metrics");
        Fixtures.Cli missing = Fixtures.cli("compare", a.toString(), tmp.resolve("nothing").toString(), "--out", tmp.resolve("d").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("input: expected a run directory (with timeseries.csv) or a scenario file, found no such file");
    }

    @Test
    void singleRunsCompareAsOneReplicateEach(@TempDir Path tmp) {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertThat(Fixtures.cli("run", Fixtures.DEMO.toString(), "--set", "duration=20d", "--quiet", "--out", a.toString()).status()).isZero();
        assertThat(Fixtures.cli("run", Fixtures.DEMO.toString(), "--set", "duration=20d", "--seed", "7", "--quiet", "--out", b.toString())
                .status()).isZero();
        Fixtures.Cli c = Fixtures.cli("compare", a.toString(), b.toString(), "--metrics", "detainers_*", "--out", tmp.resolve("c").toString());
        assertThat(c.status()).as(c.err()).isZero();
        List<String[]> rows = Fixtures.csv(tmp.resolve("c/comparison.csv"));
        assertThat(rows).hasSize(1 + 5 * 2);
        assertThat(rows.stream().skip(1).map(r -> r[1]).distinct()).containsExactlyInAnyOrder("detainers_issued", "detainers_honored",
                "detainers_notified", "detainers_declined", "detainers_declined_recorded");
        // the metrics chosen are the headline, ranked by size
        assertThat(rows.stream().skip(1).map(r -> r[Fixtures.column(rows, "headline")]).distinct()).containsExactly("yes");
        String[] r = rows.get(1);
        assertThat(r[Fixtures.column(rows, "baseline_n")]).isEqualTo("1");
        assertThat(r[Fixtures.column(rows, "baseline_ci95_low")]).isEmpty();
        assertThat(r[Fixtures.column(rows, "welch_p")]).isEmpty();
        assertThat(r[Fixtures.column(rows, "significant")]).isEmpty();
        assertThat(r[Fixtures.column(rows, "verdict")]).isEqualTo("not tested");
        assertThat(r[Fixtures.column(rows, "mde80")]).isEmpty();
        Fixtures.Cli bad = Fixtures.cli("compare", a.toString(), b.toString(), "--metrics", "detainer_issued", "--out", tmp.resolve("d").toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("--metrics:1:1: metrics: expected a metric of the runs").contains("did you mean 'detainers_issued'");
    }
}
