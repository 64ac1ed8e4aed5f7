package org.jurisim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The comparison's {@code report.html}: one self-contained file (inline CSS and SVG charts, no scripts, nothing
 * fetched) that opens in any browser: the runs, the headline differences, the table of outcomes, the overlay
 * charts and the differences between the runs' resolved scenarios.
 */
final class CompareReport {

    private static final int MAX_DIFF_ROWS = 300;

    private CompareReport() {
    }

    record Input(List<RunReader.Data> runs, List<String> sources, List<Boolean> scenarioFiles, List<Compare.Row> rows,
                 List<String> charted, List<String> svgs, List<String> constant, LocalDate from, LocalDate to, double alpha,
                 Set<Compare.Align> align, List<String> excludedMetrics) {
    }

    static void write(Path file, Input in) throws IOException {
        Files.writeString(file, html(in), StandardCharsets.UTF_8);
    }

    /** The house style of JuriSim's HTML reports. */
    static String css() {
        return CSS;
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    static String html(Input in) {
        List<RunReader.Data> runs = in.runs();
        RunReader.Data base = runs.get(0);
        StringBuilder h = new StringBuilder(1 << 20);
        String names = String.join(" vs ", runs.stream().map(RunReader.Data::label).toList());
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>JuriSim comparison: ").append(esc(names)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header><div class=\"wrap\"><div class=\"kicker\">JuriSim \u00b7 comparison of runs</div><h1>")
                .append(esc(names)).append("</h1><p>").append(in.from()).append(" to ").append(in.to()).append(" \u00b7 ")
                .append(runs.stream().map(r -> r.replicates() + "").distinct().count() == 1 ? base.replicates() + (base.replicates() == 1 ? " replicate per run" : " replicates per run")
                        : "replicates per run: " + String.join(", ", runs.stream().map(r -> r.label() + " " + r.replicates()).toList()))
                .append(" \u00b7 95% confidence intervals \u00b7 \u03b1 = ").append(Report.sig(in.alpha(), 3, false))
                .append("</p></div></header>\n<main class=\"wrap\">\n");

        // runs
        h.append("<section><h2>Runs</h2><table class=\"runs\"><thead><tr><th></th><th class=\"l\">Run</th><th class=\"l\">Scenario</th>")
                .append("<th class=\"l\">Source</th><th>Replicates</th><th class=\"l\">Seeds</th><th class=\"l\">Dates</th></tr></thead><tbody>\n");
        for (int i = 0; i < runs.size(); i++) {
            RunReader.Data r = runs.get(i);
            String seeds;
            if (r.seeds().length == 0) {
                seeds = "unknown";
            } else if (i > 0 && r.seeds().length > 1 && java.util.Arrays.equals(r.seeds(), base.seeds())) {
                seeds = "same as " + esc(base.label()) + " (common random numbers: paired)";
            } else if (r.seeds().length == 1) {
                seeds = "seed " + r.seeds()[0];
            } else {
                seeds = r.seeds().length + " derived seeds" + (r.meta().scenario() != null && r.meta().scenario().has("seed")
                        ? " from seed " + r.meta().scenario().get("seed").asText() : "");
            }
            h.append("<tr><td><span class=\"sw\" style=\"background:").append(hex(ExperimentCharts.PALETTE[i % ExperimentCharts.PALETTE.length]))
                    .append("\"></span></td><td class=\"l\"><b>").append(esc(r.label())).append("</b>").append(i == 0 ? " <span class=\"tag\">baseline</span>" : "")
                    .append("</td><td class=\"l\">").append(esc(r.meta().scenarioName())).append("</td><td class=\"l\"><code>")
                    .append(esc(in.sources().get(i))).append("</code>").append(in.scenarioFiles().get(i) ? " (scenario file, run here)" : "")
                    .append("</td><td>").append(r.replicates()).append("</td><td class=\"l\">").append(seeds).append("</td><td class=\"l\">")
                    .append(r.meta().calendar()).append("</td></tr>\n");
        }
        h.append("</tbody></table>");
        if (in.align().contains(Compare.Align.DATES)) {
            h.append("<p class=\"note\">Aligned by date (<code>--align dates</code>): compared over the dates all runs share, ")
                    .append(in.from()).append(" to ").append(in.to()).append("; end values are those of ").append(in.to()).append(".</p>");
        }
        if (!in.excludedMetrics().isEmpty()) {
            h.append("<p class=\"note\">Aligned by metrics (<code>--align metrics</code>): left out because not every run has them: ")
                    .append(esc(String.join(", ", in.excludedMetrics()))).append(".</p>");
        }
        h.append("</section>\n");

        // summary: the same counts, notes and rows as the terminal
        List<Compare.Row> rows = in.rows();
        boolean tested = rows.stream().anyMatch(r -> r.test() != Compare.Test.NONE);
        h.append("<section><h2>Summary</h2><p class=\"lead\"><b>").append(esc(Compare.counts(rows, runs.stream().map(RunReader.Data::label).toList())))
                .append("</b></p>");
        for (String note : Compare.testingNote(rows, in.alpha())) {
            h.append("<p class=\"").append(tested ? "note" : "warn").append("\">").append(esc(note)).append("</p>");
        }
        List<Compare.Row> summary = Compare.summary(rows);
        String same = Compare.identicalHeadline(rows);
        if (!same.isEmpty()) {
            h.append("<p class=\"note\">Headline outcomes identical in every run: ").append(esc(same)).append(".</p>");
        }
        if (!summary.isEmpty()) {
            h.append("<p>The headline outcomes, then the largest other differences (by size relative to the larger mean):</p>");
            table(h, summary, in, runs.size() > 2, 0);
        }
        h.append("</section>\n");

        // every row, in the same order
        h.append("<section><h2>All ").append(rows.size()).append(" comparisons</h2>");
        table(h, rows, in, runs.size() > 2, 0);
        h.append("<p class=\"note\">In the order of comparison.csv: headline metrics first, then by the size of the difference")
                .append(" relative to the larger mean. End value: the last day; time average: the mean of the daily values. ")
                .append("Change: the difference as a share of ").append(esc(base.label())).append("'s mean. MDE: the smallest difference the ")
                .append("test would have detected with 80% power at \u03b1 = ").append(Report.sig(in.alpha(), 3, false))
                .append(". d: Cohen's d, given only where the replicates spread (a coefficient of variation of at least ")
                .append(Report.sig(100 * Stats.EFFECT_SIZE_MIN_CV, 2, false)).append("%); beyond \u00b110 the replicates of the two runs do not")
                .append(" overlap and d says nothing more.</p>");
        if (!in.constant().isEmpty()) {
            h.append("<p class=\"note\">Not charted: the same constant in every run \u2014 ").append(esc(String.join(", ", in.constant())))
                    .append(".</p>");
        }
        h.append("</section>\n");

        // charts
        h.append("<section><h2>Charts</h2><p class=\"note\">Mean of the replicates per run, with the 95% confidence interval of the mean shaded; by calendar date. Jump to: ");
        for (int i = 0; i < in.charted().size(); i++) {
            h.append(i == 0 ? "" : " \u00b7 ").append("<a href=\"#chart-").append(esc(in.charted().get(i))).append("\">")
                    .append(esc(in.charted().get(i))).append("</a>");
        }
        h.append("</p>\n");
        for (int i = 0; i < in.charted().size(); i++) {
            String m = in.charted().get(i);
            String def = MetricInfo.of(m).definition();
            h.append("<figure id=\"chart-").append(esc(m)).append("\">").append(in.svgs().get(i)).append("<figcaption><code>")
                    .append(esc(m)).append("</code>").append(def.isEmpty() ? "" : ": " + esc(def)).append("</figcaption></figure>\n");
        }
        h.append("</section>\n");

        // scenario differences, by meaning
        h.append("<section><h2>Scenario differences</h2>");
        List<JsonNode> scenarios = runs.stream().map(r -> r.meta().scenario()).toList();
        if (scenarios.stream().anyMatch(java.util.Objects::isNull)) {
            h.append("<p class=\"note\">Some runs have no scenario.resolved.yaml; their parameters are shown as missing.</p>");
        }
        List<ScenarioDiff.Parameter> params = ScenarioDiff.parameters(scenarios);
        List<ScenarioDiff.Event> events = ScenarioDiff.events(scenarios);
        if (params.isEmpty() && events.isEmpty()) {
            h.append("<p>The resolved scenarios mean the same: any difference between the runs comes from chance (their seeds).</p>");
        }
        if (!params.isEmpty()) {
            h.append("<p>").append(params.size()).append(" parameter").append(params.size() == 1 ? "" : "s")
                    .append(" of the resolved scenarios (extends merged, overrides and defaults applied) differ by value:</p>")
                    .append("<table class=\"diff\"><thead><tr><th class=\"l\">Parameter</th>");
            for (RunReader.Data r : runs) {
                h.append("<th class=\"l\">").append(esc(r.label())).append("</th>");
            }
            h.append("</tr></thead><tbody>\n");
            for (ScenarioDiff.Parameter p : params.subList(0, Math.min(MAX_DIFF_ROWS, params.size()))) {
                h.append("<tr><td class=\"l\"><code>").append(esc(p.path())).append("</code></td>");
                for (int i = 0; i < runs.size(); i++) {
                    String v = p.values().get(i);
                    h.append("<td class=\"l").append(i > 0 && !ScenarioDiff.sameValue(v, p.values().get(0)) ? " changed" : "").append("\">")
                            .append(v == null ? "<span class=\"sub\">(absent)</span>" : esc(v)).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</tbody></table>");
            if (params.size() > MAX_DIFF_ROWS) {
                h.append("<p class=\"note\">\u2026 and ").append(params.size() - MAX_DIFF_ROWS)
                        .append(" more; compare the runs' scenario.resolved.yaml files for all of them.</p>");
            }
        }
        if (!events.isEmpty()) {
            h.append("<p>").append(events.size()).append(" event").append(events.size() == 1 ? "" : "s")
                    .append(" differ (matched by date, kind and target; compared on what they do, notes aside):</p>")
                    .append("<table class=\"diff\"><thead><tr><th class=\"l\">Date</th><th class=\"l\">Event</th><th class=\"l\">Target</th>");
            for (RunReader.Data r : runs) {
                h.append("<th class=\"l\">").append(esc(r.label())).append("</th>");
            }
            h.append("</tr></thead><tbody>\n");
            for (ScenarioDiff.Event e : events.subList(0, Math.min(MAX_DIFF_ROWS, events.size()))) {
                h.append("<tr><td class=\"l\">").append(esc(e.date())).append("</td><td class=\"l\"><code>").append(esc(e.kind()))
                        .append("</code>").append(e.note() == null ? "" : "<br><span class=\"sub\">" + esc(e.note()) + "</span>")
                        .append("</td><td class=\"l\">").append(esc(e.target())).append("</td>");
                for (int i = 0; i < runs.size(); i++) {
                    String v = e.effects().get(i);
                    h.append("<td class=\"l").append(i > 0 && !java.util.Objects.equals(v, e.effects().get(0)) ? " changed" : "").append("\">")
                            .append(v == null ? "<span class=\"sub\">(no such event)</span>" : esc(v)).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</tbody></table>");
        }
        h.append("</section>\n");

        // method
        h.append("<section class=\"method\"><h2>Method</h2><ul>")
                .append("<li>Each replicate of a run gives two outcomes per metric: its <b>end value</b> (the last day compared) and its ")
                .append("<b>time average</b> (the mean of the daily values; days without a value, such as a rate with nothing to divide, left out).</li>")
                .append("<li>Per run: the mean of the replicates' outcomes with its 95% t-interval (Student's t, n \u2212 1 degrees of freedom).</li>")
                .append("<li>Differences: Welch's unequal-variance t-interval and t-test; when two runs share their replicate seeds (scenario files ")
                .append("are run with common random numbers) the interval and the test are the paired ones. Mann\u2013Whitney U p-values ")
                .append("(normal approximation) do not assume normality (in comparison.csv). With one replicate on a side there is no ")
                .append("test: the difference is descriptive only, and the report says so.</li>")
                .append("<li>Minimum detectable difference (MDE): (t<sub>1\u2212\u03b1/2</sub> + t<sub>0.8</sub>) \u00d7 the standard error of the ")
                .append("difference, with the test's degrees of freedom: a true difference this large is found 80% of the time. ")
                .append("A test that finds nothing rules out only differences above it, not smaller ones.</li>")
                .append("<li>Ranking: headline metrics first, then by practical size, |difference| over the larger of the two means; ")
                .append("never by p-value or effect size. Change: the difference and its interval over the baseline's mean.</li>")
                .append("<li>Cohen's d is the difference over the pooled standard deviation of the replicates, left out where they barely ")
                .append("spread (under common random numbers a tiny spread makes d meaningless).</li>")
                .append("<li>With many outcomes, some will be significant by chance (about \u03b1 of them when nothing differs): ")
                .append("read the sizes and the charts, not the p-values alone.</li>")
                .append("<li>All statistics with Apache Commons Math; every number is in <code>comparison.csv</code>.</li></ul>")
                .append("<p class=\"note\">Generated by JuriSim ").append(esc(SingleRun.version())).append(".</p></section>\n");
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    /** A table of comparison rows, as the terminal shows them (one formatter for both). */
    private static void table(StringBuilder h, List<Compare.Row> rows, Input in, boolean runColumn, int unused) {
        h.append("<table class=\"cmp\"><thead><tr><th class=\"l\">Outcome</th>").append(runColumn ? "<th class=\"l\">Run</th>" : "")
                .append("<th>").append(esc(rows.get(0).baseline())).append("<br><span class=\"sub\">mean [95% CI]</span></th><th>")
                .append(runColumn ? "Run" : esc(rows.get(0).run())).append("<br><span class=\"sub\">mean [95% CI]</span></th>")
                .append("<th>Difference<br><span class=\"sub\">[95% CI]</span></th><th>Change<br><span class=\"sub\">[95% CI]</span></th>")
                .append("<th class=\"l\">Verdict<br><span class=\"sub\">p; minimum detectable difference</span></th><th>d</th></tr></thead><tbody>\n");
        for (Compare.Row row : rows) {
            boolean share = MetricInfo.isShare(row.metric());
            Compare.Verdict v = row.verdict();
            String cls = v == Compare.Verdict.DIFFERS ? " class=\"sig\"" : "";
            String dir = v != Compare.Verdict.DIFFERS ? "" : row.diff().difference() > 0 ? "up" : "down";
            String metric = in.charted().contains(row.metric()) ? "<a href=\"#chart-" + esc(row.metric()) + "\"><code>" + esc(row.metric())
                    + "</code></a>" : "<code>" + esc(row.metric()) + "</code>";
            h.append("<tr").append(cls).append("><td class=\"l\">").append(metric).append(" <span class=\"sub\">")
                    .append(row.end() ? "end value" : "time average").append("</span>").append(row.headline() ? " <span class=\"tag\">headline</span>" : "")
                    .append("</td>").append(runColumn ? "<td class=\"l\">" + esc(row.run()) + "</td>" : "")
                    .append("<td>").append(ci(row.a(), share)).append("</td><td>").append(ci(row.b(), share)).append("</td><td class=\"")
                    .append(dir).append("\">").append(esc(Compare.amount(row, row.diff().difference()))).append(sub(Compare.differenceInterval(row)))
                    .append("</td><td>").append(esc(Compare.changeValue(row))).append(sub(Compare.changeInterval(row)))
                    .append("</td><td class=\"l v\">").append(esc(Compare.verdict(row))).append("</td><td>")
                    .append(effectSize(row.diff().cohensD())).append("</td></tr>\n");
        }
        h.append("</tbody></table>");
    }

    /** Cohen's d for the table: beyond 10 the replicates do not overlap at all, and the number says nothing more. */
    static String effectSize(double d) {
        if (Double.isNaN(d)) {
            return "";
        }
        return Math.abs(d) > 10 ? (d > 0 ? "&gt; 10" : "&lt; \u221210") : Report.sig(d, 2, false);
    }

    /** A second, muted line under a cell's value (nothing when empty). */
    private static String sub(String text) {
        return text.isEmpty() ? "" : "<br><span class=\"sub\">" + esc(text) + "</span>";
    }

    private static boolean paired(RunReader.Data a, RunReader.Data b) {
        return a.seeds().length > 1 && java.util.Arrays.equals(a.seeds(), b.seeds());
    }

    private static String ci(Stats.Sample s, boolean share) {
        if (s.n() == 0) {
            return "n/a";
        }
        String m = Report.sig(s.mean(), 4, share);
        if (Double.isNaN(s.ciLow())) {
            return m + " <span class=\"sub\">(n=" + s.n() + ")</span>";
        }
        return m + "<br><span class=\"sub\">[" + Report.sig(s.ciLow(), 3, share) + ", " + Report.sig(s.ciHigh(), 3, share) + "]</span>";
    }

    private static String p(double p) {
        if (Double.isNaN(p)) {
            return "<span class=\"sub\">n/a</span>";
        }
        if (p < 0.001) {
            return "&lt;0.001";
        }
        return String.format(Locale.US, "%.3f", p);
    }

    private static final String CSS = """
            :root { --ink: #1d2430; --muted: #5b6573; --line: #e3e7ed; --accent: #14325c; }
            * { box-sizing: border-box; }
            body { margin: 0; font-family: "DejaVu Sans", "Segoe UI", system-ui, -apple-system, Helvetica, Arial, sans-serif;
                   color: var(--ink); background: #f4f6f9; font-size: 15px; line-height: 1.45; }
            .wrap { max-width: 1380px; margin: 0 auto; padding: 0 22px; }
            header { background: var(--accent); color: #fff; padding: 22px 0 18px; }
            header h1 { margin: 2px 0 6px; font-size: 28px; font-weight: 700; }
            header p { margin: 0; color: #d5deeb; }
            .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: #aebfd8; }
            main { padding-top: 6px; padding-bottom: 40px; }
            section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px 16px; margin: 16px 0; overflow-x: auto; }
            h2 { font-size: 19px; margin: 2px 0 10px; color: var(--accent); }
            table { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
            th, td { padding: 4px 6px; border-bottom: 1px solid var(--line); text-align: right; vertical-align: top; }
            th { background: #f0f3f7; font-weight: 600; font-size: 13px; vertical-align: bottom; }
            .l { text-align: left; }
            td.l code { white-space: nowrap; }
            td.m { vertical-align: middle; border-bottom: 1px solid #c9d0da; background: #fff !important; }
            td.o { white-space: nowrap; color: var(--muted); }
            table.cmp { font-size: 12.5px; }
            table.cmp td { white-space: nowrap; padding: 3px 5px; }
            table.cmp td.v { white-space: normal; min-width: 12em; }
            table.cmp .sub { font-size: 11px; }
            .sub { color: var(--muted); font-weight: 400; font-size: 12px; }
            tr.sig td { background: #fff6dc; }
            td.up { color: #0a6b47; font-weight: 600; }
            td.down { color: #b02a1f; font-weight: 600; }
            td.changed { background: #fff6dc; font-weight: 600; }
            .sw { display: inline-block; width: 14px; height: 14px; border-radius: 3px; vertical-align: middle; }
            .tag { font-size: 11px; background: #e6ecf5; color: var(--accent); border-radius: 3px; padding: 1px 5px; margin-left: 4px; }
            .lead { font-size: 17px; margin: 4px 0 8px; }
            ul.top li { margin: 3px 0; }
            .note { color: var(--muted); font-size: 13px; margin: 8px 0 0; }
            figure { margin: 14px 0 6px; }
            figure svg { width: 100%; height: auto; max-width: 1100px; display: block; }
            figcaption { color: var(--muted); font-size: 13px; margin-top: 2px; }
            code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
            a { color: #1f5fa8; text-decoration: none; }
            a:hover { text-decoration: underline; }
            table.diff td { word-break: break-word; }
            .method li { margin: 4px 0; }
            .warn { background: #fff3cd; border-left: 4px solid #c98a00; padding: 8px 12px; margin: 8px 0; font-size: 15px; }
            """;
}
