package org.jurisim.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jurisim.output.JurisdictionSeries;
import org.jurisim.output.SeriesTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every run's report.html says in sentences what the run's files say in numbers; the per-jurisdiction series' shape. */
class RunReportTest {

    private static double sum(SeriesTable t, String m) {
        double s = 0;
        for (double v : t.series(m)) {
            s += Double.isNaN(v) ? 0 : v;
        }
        return s;
    }

    @Test
    void theReportsSentencesAreTheRunsNumbers(@TempDir Path tmp) throws Exception {
        // a grant war on the demo map for a year: suits, injunctions, money withheld and policy changes to report
        Path war = Fixtures.derived(tmp, "war", """
                grantConditions: {active: true, withholdShare: 1.0, nonCooperationBelow: 0.7}
                litigation: {grantSuitMonthlyProbability: 0.5, grantSuitMinLean: 0.3}
                """);
        Path out = tmp.resolve("run");
        Fixtures.Cli c = Fixtures.cli("run", war.toString(), "--set", "duration=365d", "--quiet", "--out", out.toString());
        assertThat(c.status()).as(c.err()).isZero();
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        SeriesTable t = SeriesTable.read(out.resolve("timeseries.csv"));
        int last = t.rows() - 1;
        double filed = sum(t, "cases_filed");
        double injunctions = t.value("injunctions_in_force", last);
        assertThat(filed).as("the scenario should provoke suits").isPositive();
        String lit = (long) filed + " suit" + (filed == 1 ? "" : "s") + " filed, "
                + (injunctions == 0 ? "no" : Long.toString((long) injunctions)) + " injunction" + (injunctions == 1 ? "" : "s") + " in force at the end";
        String start = Math.round(100 * t.value("compliance_rate_rolling", 29)) + "%";
        String end = Math.round(100 * t.value("compliance_rate_rolling", last)) + "%";
        String compliance = start.equals(end) ? "stays at " + end : "from " + start + " to " + end + " by December 2026";
        // the page opens with the sentences, before any chart
        int firstChart = html.indexOf("<img");
        assertThat(firstChart).isPositive();
        String opening = html.substring(0, firstChart);
        assertThat(opening).contains("<h2>What happened</h2>").contains(lit).contains("Detainer compliance").contains(compliance);
        double withheld = t.value("funds_withheld_balance", last);
        if (withheld > 0) {
            assertThat(opening).contains(RunReport.dollars(withheld) + " of federal justice grants withheld");
        }
        assertThat(opening).contains(String.format(java.util.Locale.ROOT, "%,d detainers issued", (long) sum(t, "detainers_issued")));
        // self-contained: every chart of the run embedded once (compliance, litigation, policies and the map)
        long pngs;
        try (var list = Files.list(out.resolve("charts"))) {
            pngs = list.filter(p -> p.toString().endsWith(".png")).count();
        }
        assertThat(pngs).isEqualTo(4);
        assertThat(html.split("data:image/png;base64,", -1)).hasSize((int) pngs + 1);
        assertThat(html).contains("<h2>The county map</h2>");
        assertThat(html).doesNotContain("<script").doesNotContain("src=\"http").doesNotContain("<link");
        assertThat(Files.readString(out.resolve("manifest.json"))).contains("\"report.html\"");
        // a different run says different things: the sentences come from the numbers, not from a template
        Path calm = tmp.resolve("calm");
        assertThat(Fixtures.cli("run", Fixtures.DEMO.toString(), "--set", "duration=365d", "--quiet", "--out", calm.toString()).status()).isZero();
        SeriesTable u = SeriesTable.read(calm.resolve("timeseries.csv"));
        String calmHtml = Files.readString(calm.resolve("report.html"));
        assertThat(calmHtml).contains((sum(u, "cases_filed") == 0 ? "No suits" : (long) sum(u, "cases_filed") + " suit"));
        assertThat(calmHtml).doesNotContain(lit);
    }

    @Test
    void replicatedRunsReportTheirMeans(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("reps");
        assertThat(Fixtures.cli("run", Fixtures.DEMO.toString(), "--set", "duration=60d", "--replicates", "3", "--threads", "2", "--quiet",
                "--out", out.toString()).status()).isZero();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("Averages over 3 replicates").contains("3 replicates from seed");
        List<String[]> summary = Fixtures.csv(out.resolve("summary.csv"));
        double issued = summary.stream().skip(1).filter(r -> r[2].equals("detainers_issued")).mapToDouble(r -> Double.parseDouble(r[3])).sum();
        assertThat(html).contains(RunReport.number(issued) + " detainers issued");
    }

    @Test
    void perJurisdictionSeriesAreTidyMonthlyAndEndOnTheRunsFinalState(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        Fixtures.Cli c = Fixtures.cli("run", Fixtures.DEMO.toString(), "--set", "duration=75d", "--jurisdiction-series", "--quiet",
                "--out", out.toString());
        assertThat(c.status()).as(c.err()).isZero();
        List<String> lines = Files.readAllLines(out.resolve(JurisdictionSeries.FILE));
        assertThat(lines.get(0)).isEqualTo("date,fips,name,metric,value");
        List<String[]> jur = Fixtures.csv(out.resolve("jurisdictions.csv"));
        int jurisdictions = jur.size() - 1;
        // month ends within the run (31 Jan, 28 Feb) and its last day (16 Mar): 3 dates x jurisdictions x metrics
        Set<String> dates = new LinkedHashSet<>();
        Map<String, String> lastValues = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
            assertThat(f).hasSize(5);
            dates.add(f[0]);
            assertThat(JurisdictionSeries.METRICS).contains(f[3]);
            if (f[0].equals("2026-03-16")) {
                lastValues.put(f[2].replace("\"", "") + "|" + f[3], f[4]);
            }
        }
        assertThat(dates).containsExactly("2026-01-31", "2026-02-28", "2026-03-16");
        assertThat(lines).hasSize(1 + 3 * jurisdictions * JurisdictionSeries.METRICS.size());
        // the last date's values are the final state in jurisdictions.csv
        int name = Fixtures.column(jur, "name");
        int state = Fixtures.column(jur, "state");
        for (String[] j : jur.subList(1, jur.size())) {
            String key = j[name] + ", " + j[state];
            assertThat(lastValues.get(key + "|policy_in_force")).isEqualTo(j[Fixtures.column(jur, "policy_in_force")]);
            assertThat(lastValues.get(key + "|trust")).isEqualTo(j[Fixtures.column(jur, "trust")]);
            assertThat(lastValues.get(key + "|detainers_issued")).isEqualTo(j[Fixtures.column(jur, "detainers_issued")]);
        }
        // weekly: Sundays; same seed, same bytes (report included)
        Path weekly = tmp.resolve("weekly");
        assertThat(Fixtures.cli("run", Fixtures.DEMO.toString(), "--set", "duration=75d", "--jurisdiction-series", "weekly", "--quiet",
                "--out", weekly.toString()).status()).isZero();
        assertThat(Files.readAllLines(weekly.resolve(JurisdictionSeries.FILE)).stream().skip(1).map(l -> l.substring(0, 10)).distinct()
                .map(LocalDate::parse).filter(d -> !d.equals(LocalDate.of(2026, 3, 16))))
                .allMatch(d -> d.getDayOfWeek() == java.time.DayOfWeek.SUNDAY).hasSize(11);
        Path again = tmp.resolve("again");
        assertThat(Fixtures.cli("run", Fixtures.DEMO.toString(), "--set", "duration=75d", "--jurisdiction-series", "--quiet",
                "--out", again.toString()).status()).isZero();
        assertThat(Files.mismatch(out.resolve(JurisdictionSeries.FILE), again.resolve(JurisdictionSeries.FILE))).isEqualTo(-1);
        assertThat(Files.mismatch(out.resolve("report.html"), again.resolve("report.html"))).isEqualTo(-1);
        // bad values and combinations are refused
        Fixtures.Cli bad = Fixtures.cli("run", Fixtures.DEMO.toString(), "--jurisdiction-series", "hourly", "--out", tmp.resolve("x").toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("--jurisdiction-series:1:1: jurisdiction-series: expected monthly, weekly or daily, found \"hourly\"");
        Fixtures.Cli reps = Fixtures.cli("run", Fixtures.DEMO.toString(), "--jurisdiction-series", "--replicates", "2", "--out",
                tmp.resolve("y").toString());
        assertThat(reps.status()).isEqualTo(2);
    }
}
