package org.jurisim.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The check's {@code report.html}: the table of targets (record, model, intervals, acceptance range, verdict),
 * the charts of the record over the model's bands (PNG files in {@code charts/}, linked), and each target's
 * source and the reason for its range. No scripts, nothing fetched.
 */
final class CheckReport {

    private CheckReport() {
    }

    static void write(Path file, String targetsFile, List<Check.Outcome> outcomes, int replicates, List<CheckCharts.Chart> charts)
            throws IOException {
        StringBuilder h = new StringBuilder();
        long pass = outcomes.stream().filter(o -> o.verdict() == Check.Verdict.PASS).count();
        long fail = outcomes.stream().filter(o -> o.verdict() == Check.Verdict.FAIL).count();
        long nm = outcomes.stream().filter(o -> o.verdict() == Check.Verdict.NOT_MEASURED).count();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>JuriSim check: the model against the record</title>\n")
                .append("<style>\nbody{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:2em auto;max-width:1200px;"
                        + "padding:0 1em;color:#222;line-height:1.45}\ntable{border-collapse:collapse;font-size:0.9em;margin:1em 0}\n"
                        + "th,td{border-bottom:1px solid #ddd;padding:0.3em 0.6em;text-align:left;vertical-align:top}\n"
                        + "td.n{text-align:right;white-space:nowrap}\nth{background:#f4f4f4}\n.pass{color:#0a6b2d;font-weight:600}\n"
                        + ".fail{color:#b00020;font-weight:600}\n.nm{color:#666}\nimg{max-width:100%;border:1px solid #eee}\n"
                        + "figure{margin:2em 0}\nfigcaption{font-size:0.9em;color:#444}\n.small{font-size:0.85em;color:#555}\n</style>\n</head>\n<body>\n");
        h.append("<h1>JuriSim check: the model against the record</h1>\n");
        h.append("<p>Targets from <code>").append(esc(targetsFile)).append("</code>: ").append(outcomes.size()).append(" checked, ")
                .append(pass).append(" pass, ").append(fail).append(" fail, ").append(nm).append(" not measured. Each scenario ran ")
                .append(replicates).append(" replicates. A target passes when the <b>mean over replicates</b> lies within its acceptance"
                        + " range. <i>min&ndash;max</i> is the smallest and largest value of all ").append(replicates)
                .append(" replicates; <i>90% of replicates</i> lies between their 5th and 95th percentiles (linear interpolation, R type"
                        + " 7). Neither is a confidence interval of the mean: they describe how much single runs vary.</p>\n");
        h.append("<table>\n<tr><th>target</th><th>record</th><th>period</th><th>model mean</th><th>min&ndash;max of ").append(replicates)
                .append(" replicates</th><th>90% of replicates</th><th>accept</th><th>verdict</th><th>statistic</th></tr>\n");
        for (Check.Outcome o : outcomes) {
            Targets.Target t = o.target();
            Check.Summary s = o.summary();
            boolean sh = t.share();
            String cls = switch (o.verdict()) {
                case PASS -> "pass";
                case FAIL -> "fail";
                case NOT_MEASURED -> "nm";
            };
            h.append("<tr><td><a href=\"#").append(esc(t.id())).append("\">").append(esc(t.id())).append("</a></td><td class=\"n\">")
                    .append(esc(Check.num(t.record(), sh))).append("</td><td>").append(esc(t.period())).append("</td>");
            if (t.measured()) {
                h.append("<td class=\"n\">").append(esc(Check.num(s.mean(), sh))).append("</td><td class=\"n\">")
                        .append(esc(Check.range(s.min(), s.max(), sh))).append("</td><td class=\"n\">")
                        .append(esc(Check.range(s.p05(), s.p95(), sh))).append("</td><td class=\"n\">")
                        .append(esc(Check.range(t.acceptLow(), t.acceptHigh(), sh))).append("</td>");
            } else {
                h.append("<td></td><td></td><td></td><td></td>");
            }
            h.append("<td class=\"").append(cls).append("\">").append(o.verdict().label())
                    .append(t.measured() && s.n() < replicates ? " (" + s.n() + " of " + replicates + " gave a value)" : "")
                    .append("</td><td class=\"small\">").append(esc(t.statistic().describe()))
                    .append(t.measured() ? " &middot; " + esc(t.scenario()) : "").append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (!charts.isEmpty()) {
            h.append("<h2>The record over the model</h2>\n");
            for (CheckCharts.Chart c : charts) {
                h.append("<figure><a href=\"").append(esc(c.svg())).append("\"><img src=\"").append(esc(c.png())).append("\" alt=\"")
                        .append(esc(c.title())).append("\"></a><figcaption>").append(esc(c.caption())).append("</figcaption></figure>\n");
            }
        }
        h.append("<h2>The targets</h2>\n<dl>\n");
        for (Check.Outcome o : outcomes) {
            Targets.Target t = o.target();
            h.append("<dt id=\"").append(esc(t.id())).append("\"><b>").append(esc(t.id())).append("</b>: ").append(esc(t.description()))
                    .append("</dt>\n<dd>Record: ").append(esc(Check.num(t.record(), t.share()))).append(" (").append(esc(t.period()))
                    .append("), ").append(esc(t.source())).append(".<br>Statistic: ").append(esc(t.statistic().describe()))
                    .append(t.measured() ? " in " + esc(t.scenario()) + " (run " + esc(o.run()) + ")" : "").append(".");
            if (!t.note().isEmpty()) {
                h.append("<br>").append(t.measured() ? "Why this range: " : "Why not measured: ").append(esc(t.note()));
            }
            h.append("</dd>\n");
        }
        h.append("</dl>\n<p class=\"small\">Files: <code>check.csv</code> (one row per target), <code>check-replicates.csv</code>"
                + " (each replicate's value), <code>runs/</code> (the replicates), <code>manifest.json</code>. See docs/validation.md,"
                + " &ldquo;How to check the model against the record&rdquo;.</p>\n</body>\n</html>\n");
        Files.writeString(file, h.toString(), StandardCharsets.UTF_8);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
