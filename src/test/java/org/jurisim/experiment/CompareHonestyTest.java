package org.jurisim.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.stat.inference.TTest;
import org.jfree.chart.JFreeChart;
import org.jurisim.output.Charts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compare never claims what it could not test: with one run a side it says nothing is tested; the terminal, the CSV
 * and the report list the same comparisons in the same order; the minimum detectable difference has the power it
 * claims; reports stay small and axis labels distinct.
 */
class CompareHonestyTest {

    /** Outcomes (METRIC.end / METRIC.avg) in the order of the report's table of every comparison. */
    private static List<String> reportOrder(String html) {
        String all = html.substring(html.indexOf("<h2>All "));
        all = all.substring(0, all.indexOf("</table>"));
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<code>([a-z0-9_]+)</code>(?:</a>)? <span class=\"sub\">(end value|time average)</span>").matcher(all);
        while (m.find()) {
            out.add(m.group(1) + (m.group(2).equals("end value") ? ".end" : ".avg"));
        }
        return out;
    }

    @Test
    void twoSingleRunsAreNeverSaidToNotDiffer(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertThat(Fixtures.cli("run", Fixtures.DEMO.toString(), "--set", "duration=40d", "--quiet", "--out", a.toString()).status()).isZero();
        assertThat(Fixtures.cli("run", Fixtures.DEMO.toString(), "--set", "duration=40d", "--seed", "7", "--quiet", "--out", b.toString())
                .status()).isZero();
        Path out = tmp.resolve("c");
        Fixtures.Cli c = Fixtures.cli("compare", a.toString(), b.toString(), "--out", out.toString());
        assertThat(c.status()).as(c.err()).isZero();
        List<String[]> rows = Fixtures.csv(out.resolve("comparison.csv"));
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        // nothing tested, and every output says so, with a way to get a test
        int verdict = Fixtures.column(rows, "verdict");
        assertThat(rows.stream().skip(1).map(r -> r[verdict]).distinct()).containsOnly("not tested", "identical");
        assertThat(rows.stream().skip(1).filter(r -> r[verdict].equals("not tested")).count()).isPositive();
        assertThat(rows.stream().skip(1).map(r -> r[Fixtures.column(rows, "significant")]).distinct()).containsExactly("");
        for (String text : List.of(c.out(), html)) {
            assertThat(text).contains("Not tested").contains("descriptive only").contains("--replicates N")
                    .doesNotContainIgnoringCase("no difference").doesNotContainIgnoringCase("not significant")
                    .doesNotContain("0 of ").doesNotContain("No outcome differs");
        }
        // the same count in all three
        long untested = rows.stream().skip(1).filter(r -> r[verdict].equals("not tested")).count();
        long identical = rows.stream().skip(1).filter(r -> r[verdict].equals("identical")).count();
        String counts = (rows.size() - 1) + " (";
        assertThat(c.out()).contains("comparisons   " + counts).contains(identical + " identical, " + untested + " not tested");
        assertThat(html).contains(counts).contains(identical + " identical, " + untested + " not tested");
        assertThat(reportOrder(html)).hasSize(rows.size() - 1);
    }

    @Test
    void terminalCsvAndReportListTheSameComparisonsInTheSameOrder(@TempDir Path tmp) throws Exception {
        Path strict = Fixtures.derived(tmp, "strict", "federal:\n  priorities: SERIOUS_CRIMES_ONLY\n");
        Path out = tmp.resolve("cmp");
        Fixtures.Cli c = Fixtures.cli("compare", Fixtures.DEMO.toString(), strict.toString(), "--set", "duration=45d", "--replicates", "5",
                "--threads", "2", "--out", out.toString());
        assertThat(c.status()).as(c.err()).isZero();
        List<String[]> rows = Fixtures.csv(out.resolve("comparison.csv"));
        List<String> csvOrder = rows.stream().skip(1).map(r -> r[1] + "." + r[2]).toList();
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        // the report's full table: every row of the CSV, in its order; the ranks count up
        assertThat(reportOrder(html)).isEqualTo(csvOrder);
        assertThat(rows.stream().skip(1).map(r -> r[0]).toList()).isEqualTo(
                java.util.stream.IntStream.rangeClosed(1, csvOrder.size()).mapToObj(Integer::toString).toList());
        // headline first: compliance, then the rest of the headline, then the others by decreasing size
        int headline = Fixtures.column(rows, "headline");
        List<String> flags = rows.stream().skip(1).map(r -> r[headline]).toList();
        assertThat(flags.indexOf("no")).isGreaterThan(0);
        assertThat(flags.subList(flags.indexOf("no"), flags.size())).containsOnly("no");
        assertThat(csvOrder.get(0)).startsWith("compliance_rate");
        // the terminal's summary: the same rows as the report's, in the CSV's order, with the same counts
        List<String> terminal = new ArrayList<>();
        for (String line : c.out().lines().toList()) {
            Matcher m = Pattern.compile("^    ([a-z0-9_]+\\.(end|avg)) ").matcher(line);
            if (m.find()) {
                terminal.add(m.group(1));
            }
        }
        String summary = html.substring(html.indexOf("<h2>Summary"), html.indexOf("<h2>All "));
        List<String> reported = new ArrayList<>();
        Matcher m = Pattern.compile("<code>([a-z0-9_]+)</code>(?:</a>)? <span class=\"sub\">(end value|time average)</span>").matcher(summary);
        while (m.find()) {
            reported.add(m.group(1) + (m.group(2).equals("end value") ? ".end" : ".avg"));
        }
        assertThat(terminal).isNotEmpty().isEqualTo(reported);
        assertThat(csvOrder).containsSubsequence(terminal);
        int verdict = Fixtures.column(rows, "verdict");
        long differ = rows.stream().skip(1).filter(r -> r[verdict].equals("differs")).count();
        assertThat(differ).isPositive();
        assertThat(c.out()).contains(differ + " differ");
        assertThat(html).contains(differ + " differ");
        // tested rows carry their test, p-value and minimum detectable difference
        String[] issued = rows.stream().filter(r -> r[1].equals("detainers_issued") && r[2].equals("avg")).findFirst().orElseThrow();
        assertThat(issued[Fixtures.column(rows, "difference_method")]).isEqualTo("paired");
        assertThat(Fixtures.num(issued[Fixtures.column(rows, "mde80")])).isPositive();
        assertThat(issued[Fixtures.column(rows, "interval")]).isEqualTo("95% CI of the mean paired difference over 5 common-seed replicates");
    }

    @Test
    void theMinimumDetectableDifferenceIsDetectedEightyPercentOfTheTime() {
        // the formula against its textbook value: (t(0.975, 9) + t(0.8, 9)) se = (2.262 + 0.883) se
        assertThat(Stats.minimumDetectable(1.0, 9, 0.05, 0.8)).isBetween(3.14, 3.15);
        assertThat(Stats.minimumDetectable(0.0, 9, 0.05, 0.8)).isZero();
        assertThat(Stats.minimumDetectable(1.0, Double.NaN, 0.05, 0.8)).isNaN();
        // and its promise: paired differences with a true mean equal to the MDE are found in about 80% of trials
        MersenneTwister rng = new MersenneTwister(20260101L);
        int n = 10;
        double sigma = 2.0;
        double delta = Stats.minimumDetectable(sigma / Math.sqrt(n), n - 1, 0.05, 0.8);
        int trials = 4000;
        int found = 0;
        int foundAtHalf = 0;
        for (int t = 0; t < trials; t++) {
            double[] a = new double[n];
            double[] b = new double[n];
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                double noise = sigma * rng.nextGaussian();
                b[i] = delta + noise;
                c[i] = delta / 2 + noise;
            }
            found += new TTest().pairedTTest(b, a) < 0.05 ? 1 : 0;
            foundAtHalf += new TTest().pairedTTest(c, a) < 0.05 ? 1 : 0;
        }
        // 4000 trials: a binomial standard error of 0.6 points; the t approximation of the power is within a point
        assertThat(found / (double) trials).isBetween(0.77, 0.83);
        // half the MDE is found far less often: the MDE is the size the test can vouch for, not a smaller one
        assertThat(foundAtHalf / (double) trials).isLessThan(0.4);
    }

    @Test
    void effectSizesAreLeftOutWhereReplicatesBarelySpread() {
        // under common random numbers an outcome may barely move between replicates: d would be a division by noise
        double[] a = {40000, 40001, 40000, 40002, 40001};
        double[] b = {41100, 41101, 41100, 41102, 41100};
        Stats.Difference d = Stats.compare(a, b, true);
        assertThat(d.cohensD()).isNaN();
        assertThat(d.pairedP()).isLessThan(1e-6);
        double[] x = {10, 12, 9, 11, 13};
        double[] y = {12, 14, 11, 12, 15};
        assertThat(Stats.compare(x, y, true).cohensD()).isBetween(0.5, 2.0);
    }

    @Test
    void aLongComparisonsReportStaysSmall(@TempDir Path tmp) throws Exception {
        // four years, every metric: the report's size comes from its charts, which are drawn from at most
        // Compare.MAX_POINTS points a line however long the run (a national comparison has the same metrics)
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertThat(Fixtures.cli("run", Fixtures.DEMO.toString(), "--set", "duration=4y", "--replicates", "2", "--threads", "2", "--quiet",
                "--out", a.toString()).status()).isZero();
        assertThat(Fixtures.cli("run", Fixtures.DEMO.toString(), "--set", "duration=4y", "--set", "ice.officers=3000", "--replicates", "2",
                "--threads", "2", "--quiet", "--out", b.toString()).status()).isZero();
        Path out = tmp.resolve("c");
        Fixtures.Cli c = Fixtures.cli("compare", a.toString(), b.toString(), "--out", out.toString(), "--quiet");
        assertThat(c.status()).as(c.err()).isZero();
        long size = Files.size(out.resolve("report.html"));
        int metrics = RunReader.meta(a).metrics().size();
        System.out.printf("report.html of a 4-year comparison of %d metrics: %,d bytes%n", metrics, size);
        assertThat(metrics).isGreaterThanOrEqualTo(50);
        assertThat(size).isLessThan(2_000_000L);
        // each chart once: one <svg> per charted metric, no PNG embedded
        String html = Files.readString(out.resolve("report.html"));
        long charts = Pattern.compile("<figure id=\"chart-").matcher(html).results().count();
        assertThat(Pattern.compile("<svg").matcher(html).results().count()).isEqualTo(charts);
        assertThat(html).doesNotContain("data:image/png");
        assertThat(ExperimentCharts.step(1461, Compare.MAX_POINTS)).isEqualTo(10);
    }

    @Test
    void shareAxesNeverRepeatATickLabel() {
        // a narrow band of a share (50.9% to 53.7%): a plain percent format labelled its 0.5-point ticks 51%, 51%, 52%, ...
        int n = 200;
        LocalDate[] dates = new LocalDate[n];
        double[] mean = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            dates[i] = LocalDate.of(2026, 1, 1).plusDays(i);
            mean[i] = 0.52 + 0.012 * Math.sin(i / 15.0);
            lo[i] = mean[i] - 0.002;
            hi[i] = mean[i] + 0.002;
        }
        for (double scale : new double[] {1, 0.1, 0.01}) {
            double[] m = mean.clone();
            double[] l = lo.clone();
            double[] h = hi.clone();
            for (int i = 0; i < n; i++) {
                m[i] = 0.52 + (mean[i] - 0.52) * scale;
                l[i] = m[i] - 0.002 * scale;
                h[i] = m[i] + 0.002 * scale;
            }
            JFreeChart chart = ExperimentCharts.bands("compliance_rate_rolling", "", "share", List.of(new ExperimentCharts.Band("a", dates, m, l, h)),
                    true);
            String svg = ExperimentCharts.svg(chart, "t", Charts.WIDTH, Charts.HEIGHT);
            List<String> labels = Pattern.compile(">([0-9.]+%)</text>").matcher(svg).results().map(r -> r.group(1)).toList();
            assertThat(labels).as("y-axis labels at scale %s", scale).hasSizeGreaterThan(2);
            assertThat(new LinkedHashSet<>(labels)).as("y-axis labels at scale %s: %s", scale, labels).hasSameSizeAs(labels);
        }
    }
}
