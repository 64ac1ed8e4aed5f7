package org.jurisim.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sweep's {@code report.html}: what moved which outcome (Sobol total indices against the dummy's, or the
 * noise test of the points), plain warnings where a result is noise, the noise of every outcome, the indices in
 * full, and the tornado and heat maps with the noise drawn on them.
 */
final class SweepReport {

    private SweepReport() {
    }

    /** A chart of the report: its outcome, its kind (tornado, heatmap) and its SVG. */
    record Chart(String outcome, String kind, String svg) {
    }

    record Input(String title, Design design, int replicates, long seed, List<String> outcomes, Map<String, SobolIndices.Result> sobol,
                 Map<String, SweepNoise.Noise> noise, List<String> warnings, List<Chart> charts, List<String> commandLine) {
    }

    static String ci(SobolIndices.Index x) {
        String v = Report.sig(x.value(), 2, false);
        if (x.value() < 0 || x.value() > 1) {
            v += " (outside 0-1: sampling error)"; // an index is a share of variance; too few samples can put it outside
        }
        return Double.isNaN(x.ciLow()) ? v : v + " [" + Report.sig(x.ciLow(), 2, false) + ", " + Report.sig(x.ciHigh(), 2, false) + "]";
    }

    static void write(Path file, Input in) throws IOException {
        Design d = in.design();
        List<String> params = d.params().stream().map(Design.Param::path).toList();
        HtmlPage page = new HtmlPage("JuriSim \u00b7 sweep", in.title(), d.describe() + " \u00b7 " + in.replicates() + " replicate"
                + (in.replicates() == 1 ? "" : "s") + " per point \u00b7 seed " + in.seed() + " \u00b7 95% intervals");
        boolean sobol = d.kind() == Design.Kind.SOBOL;
        int k = params.size();

        page.section("What moved which outcome");
        if (sobol) {
            page.p("Total Sobol index (ST: the share of an outcome's variance a parameter accounts for, with all its interactions),"
                    + " with its bootstrap 95% interval. The dummy is an inert parameter that only changes the random numbers: its"
                    + " index is the noise floor. A parameter moved an outcome only when its index is above the dummy's (the interval"
                    + " of the difference above zero); the others are noise, shown in grey. An estimate outside 0-1, which a share"
                    + " cannot be, says the design has too few base samples for that outcome.");
            List<String> header = new ArrayList<>(List.of("outcome"));
            header.addAll(params);
            header.add("dummy (noise floor)");
            header.add("moved by");
            List<List<String>> rows = new ArrayList<>();
            List<String> marks = new ArrayList<>();
            for (Map.Entry<String, SobolIndices.Result> e : in.sobol().entrySet()) {
                SobolIndices.Result r = e.getValue();
                if (e.getKey().endsWith(Outcomes.END) || !(r.variance() > 0)) {
                    continue;
                }
                List<String> row = new ArrayList<>(List.of(e.getKey()));
                List<String> moved = new ArrayList<>();
                for (int i = 0; i < k; i++) {
                    row.add(ci(r.total()[i]) + (r.aboveDummy(i) ? " *" : ""));
                    if (r.aboveDummy(i)) {
                        moved.add(params.get(i));
                    }
                }
                row.add(ci(r.total()[k]));
                row.add(moved.isEmpty() ? "nothing (noise)" : String.join(", ", moved));
                rows.add(row);
                marks.add(moved.isEmpty() ? "noise" : "");
            }
            page.table(header, rows, marks).note("* above the dummy. Time-averaged outcomes that vary; sobol.csv has every outcome"
                    + " (end values too) with first-order indices and the estimates at half the base samples.");
        } else {
            page.p("Each point's outcome is the mean of its replicates. The replicates of one point differ only by chance, so their"
                    + " spread is the noise. An outcome moved across the design only when its points differ more than replicates"
                    + " of one point do (one-way F test, p < 0.05) and noise is a small share of the spread of the point means.");
        }
        page.end();

        page.section("Warnings");
        page.warnings(in.warnings(), "None: every result shown stands above the noise measured.");
        page.end();

        page.section("Noise");
        page.p("Noise of a point mean: the replicate spread pooled over all points, divided by \u221aR"
                + (sobol ? "; with one replicate, the dummy's pairs (same parameters, other random numbers) measure it." : ".")
                + " Noise share: the part of the spread of point means that noise alone gives (near 100%: the points differ by chance).");
        List<List<String>> rows = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        for (SweepNoise.Noise n : in.noise().values()) {
            if (n.verdict().equals("constant")) {
                continue;
            }
            boolean share = MetricInfo.isShare(Outcomes.parse(n.outcome()).metric());
            rows.add(List.of(n.outcome(), Report.sig(n.spreadSd(), 3, share), Report.sig(n.seMean(), 2, share),
                    Double.isNaN(n.halfWidth()) ? "n/a" : "\u00b1" + Report.sig(n.halfWidth(), 2, share),
                    Report.sig(Math.min(1, n.noiseShare()), 2, true), Report.sig(n.anovaP(), 2, false), n.verdict()));
            marks.add(n.verdict().equals("signal") ? "" : "noise");
        }
        page.table(List.of("outcome", "SD of point means", "noise SD of a point mean", "noise, 95%", "noise share", "F test p", "verdict"),
                rows, marks);
        page.end();

        if (sobol) {
            page.section("Sobol indices in full");
            List<List<String>> full = new ArrayList<>();
            List<String> fm = new ArrayList<>();
            List<String> withDummy = new ArrayList<>(params);
            withDummy.add(Design.DUMMY);
            for (Map.Entry<String, SobolIndices.Result> e : in.sobol().entrySet()) {
                SobolIndices.Result r = e.getValue();
                if (e.getKey().endsWith(Outcomes.END) || !(r.variance() > 0)) {
                    continue;
                }
                for (int i = 0; i <= k; i++) {
                    String note = SobolIndices.note(r.first()[i]);
                    if (note.isEmpty()) {
                        note = SobolIndices.note(r.total()[i]);
                    }
                    full.add(List.of(e.getKey() + " \u00b7 " + withDummy.get(i), ci(r.first()[i]), ci(r.total()[i]),
                            Report.sig(r.firstHalf()[i], 2, false) + " / " + Report.sig(r.totalHalf()[i], 2, false),
                            i == k ? "noise floor" : r.aboveDummy(i) ? "yes" : "no (noise)", note));
                    fm.add(i == k || !r.aboveDummy(i) ? "noise" : "");
                }
            }
            page.table(List.of("outcome \u00b7 parameter", "first-order S1", "total ST", "S1 / ST at N/2", "above dummy", "note"), full, fm);
            page.note("Convergence: the same indices from the first half of the base samples; a change above "
                    + Report.sig(SobolIndices.CONVERGED, 2, false) + " means more --samples are needed. An index below 0 or above 1 is"
                    + " estimator variance, not a share of variance.");
            page.end();
        }

        if (!in.charts().isEmpty()) {
            page.section("Charts");
            for (Chart c : in.charts()) {
                page.figure(c.svg(), c.kind().equals("tornado")
                        ? c.outcome() + ": Sobol indices with bootstrap 95% whiskers; the dashed line is the dummy's total index (noise floor)."
                        : c.outcome() + ": mean per grid cell \u00b1 its 95% noise half-width (pooled replicate spread).");
            }
            page.end();
        }

        page.section("How this was made");
        page.code(String.join(" ", in.commandLine()));
        page.note("Replicate r of every point runs with the same seed (common random numbers)"
                + (sobol ? "; in the Saltelli design the dummy's value picks the random stream, shared by A and its A_B^(i)." : ".")
                + " Files: sweep.csv (every run), noise.csv" + (sobol ? ", sobol.csv" : "") + ", charts/, manifest.json.");
        page.end();
        page.write(file);
    }
}
