package org.jurisim.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;

/**
 * A sweep's charts with the noise on them: the tornado of Sobol indices with the dummy's bar and a dashed line at
 * its total index (parameters not above it are labelled "noise"), and the grid heat map with each cell's noise
 * half-width. Both are drawn by {@link ExperimentCharts} and marked here.
 */
final class SweepCharts {

    private SweepCharts() {
    }

    /** Tornado of the indices of {@code r}, whose last parameter is the dummy. */
    static JFreeChart tornado(String title, String subtitle, SobolIndices.Result r, List<String> paramsWithDummy) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < paramsWithDummy.size(); i++) {
            String p = paramsWithDummy.get(i);
            labels.add(i == r.dummy() || r.aboveDummy(i) ? p : p + " (noise)");
        }
        JFreeChart c = ExperimentCharts.tornado(title, subtitle, r, labels);
        if (r.dummy() >= 0 && !Double.isNaN(r.total()[r.dummy()].value())) {
            CategoryPlot plot = c.getCategoryPlot();
            ValueMarker m = new ValueMarker(r.total()[r.dummy()].value(), new Color(90, 90, 90), new BasicStroke(1.5f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            m.setLabel("noise floor");
            m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addRangeMarker(m);
        }
        // where an index cannot be (below 0, above 1): shaded, any bar reaching there is estimator variance
        CategoryPlot plot = c.getCategoryPlot();
        double lo = plot.getRangeAxis().getLowerBound();
        double hi = plot.getRangeAxis().getUpperBound();
        for (double[] band : new double[][] {{lo, 0}, {1, hi}}) {
            if (band[1] > band[0]) {
                IntervalMarker m = new IntervalMarker(band[0], band[1], new Color(0, 0, 0, 18));
                m.setLabel("impossible: noise");
                m.setLabelFont(new Font(Font.SANS_SERIF, Font.ITALIC, 11));
                m.setLabelAnchor(RectangleAnchor.BOTTOM);
                m.setLabelTextAnchor(TextAnchor.BOTTOM_CENTER);
                plot.addRangeMarker(m, org.jfree.chart.ui.Layer.BACKGROUND);
            }
        }
        return c;
    }

    /** Heat map whose cells read "mean ±half-width" when the noise was measured ({@code halfWidth} not NaN). */
    static JFreeChart heatmap(String title, String subtitle, String xLabel, String yLabel, double[] xs, double[] ys, double[][] z,
                              String zLabel, boolean share, double halfWidth) {
        JFreeChart c = ExperimentCharts.heatmap(title, subtitle, xLabel, yLabel, xs, ys, z, zLabel, share);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : z) {
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        // the colour bar's labels with as many decimals as its range needs (never the same label twice)
        if (hi > lo) {
            double span = share ? 100 * (hi - lo) : hi - lo;
            int decimals = Math.max(share ? 1 : 0, (int) Math.ceil(-Math.log10(span / 10)));
            String pattern = decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(Math.min(decimals, 8));
            for (Object t : c.getSubtitles()) {
                if (t instanceof org.jfree.chart.title.PaintScaleLegend l && l.getAxis() instanceof org.jfree.chart.axis.NumberAxis a) {
                    a.setNumberFormatOverride(new java.text.DecimalFormat(share ? pattern + "%" : pattern,
                            java.text.DecimalFormatSymbols.getInstance(java.util.Locale.US)));
                }
            }
        }
        if (Double.isNaN(halfWidth) || xs.length * ys.length > 144) {
            return c;
        }
        XYPlot plot = c.getXYPlot();
        plot.clearAnnotations();
        String pm = " \u00b1" + Report.sig(halfWidth, 2, share);
        for (int i = 0; i < xs.length; i++) {
            for (int j = 0; j < ys.length; j++) {
                if (Double.isNaN(z[i][j])) {
                    continue;
                }
                XYTextAnnotation a = new XYTextAnnotation(Report.sig(z[i][j], 3, share) + pm, xs[i], ys[j]);
                a.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                double t = hi > lo ? (z[i][j] - lo) / (hi - lo) : 0;
                a.setPaint(t > 0.6 ? Color.BLACK : Color.WHITE);
                a.setTextAnchor(TextAnchor.CENTER);
                plot.addAnnotation(a);
            }
        }
        return c;
    }
}
