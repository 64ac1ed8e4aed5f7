package org.jurisim.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultIntervalCategoryDataset;
import org.jurisim.output.Charts;

/**
 * The explanation's waterfall chart (from A's outcome, each factor's Shapley share in turn, to B's; whiskers: the
 * 95% interval of each share over replicates) and its {@code report.html}.
 */
final class ExplainReport {

    private static final Color UP = new Color(0, 140, 100);
    private static final Color DOWN = new Color(200, 60, 40);
    private static final Color ENDS = new Color(110, 120, 135);

    private ExplainReport() {
    }

    /** The shares, largest first. */
    static List<Explain.Share> ordered(List<Explain.Share> shares) {
        List<Explain.Share> s = new ArrayList<>(shares);
        s.sort(Comparator.comparingDouble((Explain.Share x) -> -Math.abs(x.shapley().mean())));
        return s;
    }

    static JFreeChart waterfall(Explain.Result r, String outcome) {
        boolean share = MetricInfo.isShare(Outcomes.parse(outcome).metric());
        List<Explain.Share> shares = ordered(r.shares());
        int m = shares.size() + 2;
        Number[][] lo = new Number[1][m];
        Number[][] hi = new Number[1][m];
        String[] names = new String[m];
        double[][] whisker = new double[m][];
        Color[] paints = new Color[m];
        double level = r.a().mean();
        double min = Math.min(r.a().mean(), r.b().mean());
        double max = Math.max(r.a().mean(), r.b().mean());
        double cum = level;
        for (int i = 0; i < shares.size(); i++) {
            Explain.Share s = shares.get(i);
            double next = cum + s.shapley().mean();
            lo[0][i + 1] = Math.min(cum, next);
            hi[0][i + 1] = Math.max(cum, next);
            whisker[i + 1] = new double[] {cum + s.shapley().ciLow(), cum + s.shapley().ciHigh()};
            paints[i + 1] = s.shapley().mean() >= 0 ? UP : DOWN;
            String name = s.factor().name();
            names[i + 1] = (name.length() > 42 ? name.substring(0, 40) + "\u2026" : name) + " #" + (i + 1);
            min = Math.min(min, Math.min(next, nanTo(whisker[i + 1][0], next)));
            max = Math.max(max, Math.max(next, nanTo(whisker[i + 1][1], next)));
            cum = next;
        }
        for (Stats.Sample end : List.of(r.a(), r.b())) {
            min = Math.min(min, nanTo(end.ciLow(), min));
            max = Math.max(max, nanTo(end.ciHigh(), max));
        }
        double pad = (max - min) * 0.08 + 1e-12;
        double base = min - pad;
        names[0] = "A: " + r.nameA();
        names[m - 1] = "B: " + r.nameB();
        lo[0][0] = base;
        hi[0][0] = r.a().mean();
        lo[0][m - 1] = base;
        hi[0][m - 1] = r.b().mean();
        whisker[0] = new double[] {r.a().ciLow(), r.a().ciHigh()};
        whisker[m - 1] = new double[] {r.b().ciLow(), r.b().ciHigh()};
        paints[0] = ENDS;
        paints[m - 1] = ENDS;
        DefaultIntervalCategoryDataset data = new DefaultIntervalCategoryDataset(new String[] {"share"}, names, lo, hi);
        CategoryAxis x = new CategoryAxis(null);
        x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        x.setMaximumCategoryLabelLines(2);
        NumberAxis y = new NumberAxis(outcome);
        y.setRange(base, max + pad);
        if (share) {
            y.setNumberFormatOverride(new java.text.DecimalFormat("0.0%", java.text.DecimalFormatSymbols.getInstance(Locale.US)));
        }
        IntervalBarRenderer rr = new IntervalBarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Paint getItemPaint(int row, int column) {
                return paints[column];
            }

            @Override
            public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D area, CategoryPlot plot, CategoryAxis domain,
                                 ValueAxis range, CategoryDataset dataset, int row, int column, int pass) {
                super.drawItem(g2, state, area, plot, domain, range, dataset, row, column, pass);
                double[] w = whisker[column];
                if (w == null || Double.isNaN(w[0]) || Double.isNaN(w[1])) {
                    return;
                }
                double mid = domain.getCategoryMiddle(column, dataset.getColumnCount(), area, plot.getDomainAxisEdge());
                double a = range.valueToJava2D(w[0], area, plot.getRangeAxisEdge());
                double b = range.valueToJava2D(w[1], area, plot.getRangeAxisEdge());
                g2.setPaint(Color.BLACK);
                g2.setStroke(new BasicStroke(1.3f));
                g2.draw(new Line2D.Double(mid, a, mid, b));
                g2.draw(new Line2D.Double(mid - 5, a, mid + 5, a));
                g2.draw(new Line2D.Double(mid - 5, b, mid + 5, b));
            }
        };
        rr.setBarPainter(new StandardBarPainter());
        rr.setShadowVisible(false);
        rr.setMaximumBarWidth(0.09);
        CategoryPlot plot = new CategoryPlot(data, x, y, rr);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(225, 225, 225));
        JFreeChart c = new JFreeChart("Why " + outcome + " differs: " + r.nameA() + " \u2192 " + r.nameB(), JFreeChart.DEFAULT_TITLE_FONT,
                plot, false);
        Charts.style(c, (r.exact() ? "exact" : "sampled") + " Shapley values, same-seed counterfactuals  \u00b7  mean of "
                + r.total().n() + " replicates  \u00b7  whiskers: 95% interval over replicates  \u00b7  green raises, red lowers");
        return c;
    }

    private static double nanTo(double v, double d) {
        return Double.isNaN(v) ? d : v;
    }

    static void write(Path work, Explain.Result r, Explain.Options o, Path fileA, Path fileB) throws IOException {
        String outcome = o.outcome();
        boolean share = MetricInfo.isShare(Outcomes.parse(outcome).metric());
        JFreeChart c = waterfall(r, outcome);
        ExperimentCharts.write(c, work.resolve("charts").resolve("waterfall"));
        HtmlPage page = new HtmlPage("JuriSim \u00b7 explanation", "Why " + outcome + " differs: " + r.nameA() + " \u2192 " + r.nameB(),
                fileA + " vs " + fileB + " \u00b7 " + r.total().n() + " replicates, same seeds for every counterfactual \u00b7 "
                        + r.coalitions() + " counterfactual scenarios, " + r.runs() + " runs \u00b7 95% intervals");
        page.section("The difference, shared out");
        page.p(String.format(Locale.ROOT, "%s is %s in %s and %s in %s: a difference of %s (95%% interval %s to %s). Each difference"
                        + " between the scenarios gets its Shapley share: its effect averaged over every order in which the"
                        + " differences could be made. In every replicate the shares add up to that replicate's total difference"
                        + " (largest gap: %s).%s", outcome, sig(r.a().mean(), share), r.nameA(), sig(r.b().mean(), share), r.nameB(),
                sig(r.total().mean(), share), sig(r.total().ciLow(), share), sig(r.total().ciHigh(), share),
                Report.sig(r.maxEfficiencyGap(), 2, false), r.total().ciLow() > 0 || r.total().ciHigh() < 0 ? ""
                        : " With these replicates the total itself is not distinguishable from zero: read the shares whose intervals"
                        + " exclude zero, and add --replicates for the rest."));
        page.figure(ExperimentCharts.svg(c, "wf", Charts.WIDTH, Charts.HEIGHT), "From A's outcome, each share in turn (largest first), to B's.");
        List<List<String>> rows = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        int i = 1;
        double sum = 0;
        for (Explain.Share s : ordered(r.shares())) {
            boolean zeroIn = !(s.shapley().ciLow() > 0 || s.shapley().ciHigh() < 0);
            rows.add(List.of("#" + i++ + " " + s.factor().name(), s.factor().description(), sig(s.shapley().mean(), share),
                    interval(s.shapley(), share), sig(s.individual().mean(), share), zeroIn ? "not distinguishable from 0" : ""));
            marks.add(zeroIn ? "noise" : "");
            sum += s.shapley().mean();
        }
        rows.add(List.of("sum of the shares", "", sig(sum, share), "", "", ""));
        rows.add(List.of("total difference (B \u2212 A)", "", sig(r.total().mean(), share), interval(r.total(), share), "", ""));
        marks.add("sig");
        marks.add("sig");
        page.table(List.of("factor", "change (A \u2192 B)", "Shapley share", "95% interval", "alone on A", ""), rows, marks, 2);
        page.note("\"Alone on A\": the effect of making only that change to A. Where it differs from the share, the factor acts"
                + " through interactions with the others (an interaction's effect is split evenly between the factors in it).");
        page.end();
        page.section("How this was made");
        page.code(String.join(" ", o.commandLine()));
        page.note("Factors: every field whose value differs between the resolved scenarios (numbers compared by value), and every"
                + " event present in one and not the other (events matched by content)" + (o.by() == Explain.By.SECTION
                ? ", grouped by top-level section (events by kind)" : "") + ". Names, descriptions and seeds are not factors. "
                + (r.exact() ? "Shapley values are exact (every coalition run)." : "Shapley values are sampled over "
                + 2 * o.permutationPairs() + " orderings (each with its reverse); the shares still add up to the total exactly.")
                + " Files: explain.csv, explain-replicates.csv, coalitions.csv, charts/waterfall.png, manifest.json.");
        page.end();
        page.write(work.resolve("report.html"));
    }

    private static String sig(double v, boolean share) {
        return Report.sig(v, 3, share);
    }

    private static String interval(Stats.Sample s, boolean share) {
        return Double.isNaN(s.ciLow()) ? "n/a" : "[" + sig(s.ciLow(), share) + ", " + sig(s.ciHigh(), share) + "]";
    }
}
