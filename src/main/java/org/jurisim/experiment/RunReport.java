package org.jurisim.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jurisim.output.SeriesTable;
import org.jurisim.scenario.Scenario;

/**
 * A run's {@code report.html}, for readers rather than analysts: one self-contained page (inline CSS, the charts and
 * the county map embedded once each as PNG, no scripts, nothing fetched) that opens with plain sentences about what
 * happened, then the charts. Written by every run, single or replicated (then from the replicates' daily means). The
 * same run gives the same bytes: nothing in it depends on the clock or the machine.
 */
final class RunReport {

    static final String FILE = "report.html";

    /** The charts shown, in this order, when the run drew them. */
    static final List<String> CHARTS = List.of("compliance", "litigation", "policies", "map");

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.US);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.US);

    private RunReport() {
    }

    /**
     * What the report is about.
     *
     * @param series     the daily metrics (of a single run, or the replicates' means)
     * @param replicates 1 for a single run
     */
    record Input(Scenario scenario, long days, SeriesTable series, int replicates) {
        static Input ofRun(Scenario s, long days, SeriesTable t) {
            return new Input(s, days, t, 1);
        }

        static Input ofReplicates(Scenario s, long days, SeriesTable means, int n) {
            return new Input(s, days, means, n);
        }
    }

    /** Writes {@code report.html} into {@code work}, embedding the charts found in {@code work/charts}. */
    static void write(Path work, Input in) throws IOException {
        Files.writeString(work.resolve(FILE), html(work, in), StandardCharsets.UTF_8);
    }

    static String html(Path work, Input in) throws IOException {
        Scenario s = in.scenario();
        StringBuilder h = new StringBuilder(1 << 16);
        String title = s.name();
        LocalDate end = s.dateOf(in.days() - 1);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>JuriSim run: ").append(CompareReport.esc(title)).append("</title>\n<style>\n").append(CompareReport.css())
                .append("img.chart { width: 100%; max-width: 1100px; height: auto; display: block; }\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<header><div class=\"wrap\"><div class=\"kicker\">JuriSim \u00b7 ")
                .append(in.replicates() == 1 ? "run" : in.replicates() + " replicates").append("</div><h1>").append(CompareReport.esc(title))
                .append("</h1><p>").append(s.start()).append(" to ").append(end).append(" (").append(in.days()).append(" days) \u00b7 ")
                .append(String.format(Locale.ROOT, "%,d", s.jurisdictions().size())).append(" jurisdictions \u00b7 ")
                .append(in.replicates() == 1 ? "seed " + s.seed() : in.replicates() + " replicates from seed " + s.seed())
                .append("</p></div></header>\n<main class=\"wrap\">\n");
        h.append("<section><h2>What happened</h2>");
        for (String sentence : sentences(in)) {
            h.append("<p class=\"lead\">").append(CompareReport.esc(sentence)).append("</p>\n");
        }
        if (!s.description().isBlank()) {
            h.append("<p class=\"note\">The scenario: ").append(CompareReport.esc(s.description().trim())).append("</p>");
        }
        h.append("</section>\n");
        List<String> shown = new ArrayList<>();
        for (String c : CHARTS) {
            Path png = work.resolve("charts").resolve(c + ".png");
            if (Files.isRegularFile(png)) {
                shown.add(c);
                h.append("<section><h2>").append(caption(c)).append("</h2><img class=\"chart\" alt=\"").append(caption(c))
                        .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(Files.readAllBytes(png)))
                        .append("\"><p class=\"note\">Also as <code>charts/").append(c).append(".svg</code> (vector) and <code>charts/")
                        .append(c).append(".png</code>.</p></section>\n");
            }
        }
        h.append("<section><h2>The files</h2><p class=\"note\">Every number above comes from <code>timeseries.csv</code>")
                .append(in.replicates() == 1 ? "" : " (means over the replicates: <code>summary.csv</code>)")
                .append("; the jurisdictions' final state is in <code>jurisdictions.csv</code>, the lawsuits in <code>cases.csv</code>,")
                .append(" the scenario as run in <code>scenario.resolved.yaml</code>. See docs/metrics.md for every column.</p>")
                .append("<p class=\"note\">Generated by JuriSim ").append(CompareReport.esc(SingleRun.version())).append(".</p></section>\n");
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static String caption(String chart) {
        return switch (chart) {
            case "compliance" -> "Detainer compliance";
            case "litigation" -> "Litigation";
            case "policies" -> "Policies in force";
            case "map" -> "The county map";
            default -> chart;
        };
    }

    /** The opening sentences: compliance, litigation, policies, money and trust, from the run's numbers. */
    static List<String> sentences(Input in) {
        SeriesTable t = in.series();
        Scenario s = in.scenario();
        int last = t.rows() - 1;
        String by = MONTH.format(t.date(last));
        List<String> out = new ArrayList<>();
        if (in.replicates() > 1) {
            out.add("Averages over " + in.replicates() + " replicates of the scenario (each with its own seed).");
        }
        // compliance
        // from the end of the first rolling window (or the first day with a value), when the rate is over a full window
        int first = firstDefined(t, "compliance_rate_rolling");
        int window = s.metrics().rollingWindowDays() - 1;
        if (first >= 0 && window < last && !Double.isNaN(t.value("compliance_rate_rolling", window))) {
            first = Math.max(first, window);
        }
        if (first >= 0 && !Double.isNaN(t.value("compliance_rate_rolling", last))) {
            double a = t.value("compliance_rate_rolling", first);
            double b = t.value("compliance_rate_rolling", last);
            String pa = percent(a);
            String pb = percent(b);
            String verb = pa.equals(pb) ? "stays at " + pb : (b > a ? "rises" : "falls") + " from " + pa + " to " + pb;
            out.add("Detainer compliance (honored over issued, " + s.metrics().rollingWindowDays() + "-day rolling) " + verb + " by " + by
                    + " (first value: " + DAY.format(t.date(first)) + ").");
        }
        // litigation
        if (t.has("cases_filed") && t.has("injunctions_in_force")) {
            double filed = sum(t, "cases_filed");
            double inj = t.value("injunctions_in_force", last);
            String sentence = count(filed, "suit", "suits") + " filed, " + count(inj, "injunction", "injunctions") + " in force at the end";
            if (t.has("rulings_for_localities") && t.has("rulings_for_government")) {
                double loc = sum(t, "rulings_for_localities");
                double gov = sum(t, "rulings_for_government");
                if (loc + gov > 0) {
                    sentence += "; courts ruled " + count(loc, "time", "times") + " for localities and " + count(gov, "time", "times")
                            + " for the federal government";
                }
            }
            out.add(capitalize(sentence) + ".");
        }
        // policies
        List<String> moves = new ArrayList<>();
        for (String p : s.policies().keySet()) {
            String col = "jurisdictions_" + p.replace('-', '_');
            if (!t.has(col)) {
                continue;
            }
            double a = t.value(col, 0);
            double b = t.value(col, last);
            if (Math.rint(a) != Math.rint(b) || in.replicates() > 1 && Math.abs(a - b) >= 0.5) {
                moves.add(p + " from " + number(a) + " to " + number(b));
            }
        }
        if (!moves.isEmpty()) {
            out.add("Jurisdictions by policy in force, first day to last: " + String.join("; ", moves) + ".");
        } else if (!s.policies().isEmpty()) {
            out.add("No policy in force gains or loses jurisdictions between the first and the last day.");
        }
        // money
        if (t.has("funds_withheld_balance")) {
            double w = t.value("funds_withheld_balance", last);
            if (w > 0) {
                out.add(dollars(w) + " of federal justice grants withheld and not restored on " + DAY.format(t.date(last)) + ".");
            }
        }
        // enforcement and trust
        if (t.has("detainers_issued") && t.has("removals_cumulative")) {
            out.add(capitalize(count(sum(t, "detainers_issued"), "detainer", "detainers")) + " issued; "
                    + number(t.value("removals_cumulative", last)) + " removals from detention by the end.");
        }
        if (t.has("trust_index")) {
            double a = t.value("trust_index", 0);
            double b = t.value("trust_index", last);
            String fa = Report.sig(a, 2, false);
            String fb = Report.sig(b, 2, false);
            out.add("Community trust in local police among immigrant residents (index 0 to 1) "
                    + (fa.equals(fb) ? "stays at " + fb : (b > a ? "rises" : "falls") + " from " + fa + " to " + fb) + ".");
        }
        return out;
    }

    private static int firstDefined(SeriesTable t, String m) {
        if (!t.has(m)) {
            return -1;
        }
        for (int r = 0; r < t.rows(); r++) {
            if (!Double.isNaN(t.value(m, r))) {
                return r;
            }
        }
        return -1;
    }

    static double sum(SeriesTable t, String m) {
        double s = 0;
        for (double v : t.series(m)) {
            if (!Double.isNaN(v)) {
                s += v;
            }
        }
        return s;
    }

    /** A share as a whole percentage, e.g. "52%". */
    static String percent(double v) {
        return Math.round(100 * v) + "%";
    }

    /** A count: whole numbers as such, means of replicates to three significant digits. */
    static String number(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : Report.sig(v, 3, false);
    }

    private static String count(double v, String one, String many) {
        return (v == 0 ? "no" : number(v)) + " " + (v == 1 ? one : many);
    }

    /** US dollars for people: "$1.69 billion", "$420 million", "$12,500". */
    static String dollars(double v) {
        if (v >= 1e9) {
            return "$" + Report.sig(v / 1e9, 3, false) + " billion";
        }
        if (v >= 1e6) {
            return "$" + Report.sig(v / 1e6, 3, false) + " million";
        }
        return "$" + Report.sig(v, 3, false);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
