package org.jurisim.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;
import org.jurisim.output.Charts;

/**
 * Experiment charts (JFreeChart, house style from {@link Charts#style}): means with shaded 95% confidence bands
 * over calendar time, overlays of several runs, tornado charts of Sobol indices, heat maps of a two-parameter grid.
 * SVG output is deterministic (fixed id prefixes), so the same data always give the same file.
 */
public final class ExperimentCharts {

    /** Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. */
    static final Color[] PALETTE = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
            new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(120, 120, 120),
            new Color(240, 228, 66)};

    private ExperimentCharts() {
    }

    /** A daily series with its 95% band: mean, low and high per date (NaN where undefined). */
    public record Band(String label, LocalDate[] dates, double[] mean, double[] low, double[] high) {
        /**
         * The band drawn from {@code step}-day averages (each point: the mean of the defined days of its block, at its
         * middle date; the block's interval bounds averaged likewise); itself when {@code step} is 1.
         */
        public Band averaged(int step) {
            if (step <= 1) {
                return this;
            }
            int n = (mean.length + step - 1) / step;
            LocalDate[] d = new LocalDate[n];
            double[] m = new double[n];
            double[] lo = new double[n];
            double[] hi = new double[n];
            for (int b = 0; b < n; b++) {
                int from = b * step;
                int to = Math.min(mean.length, from + step);
                d[b] = dates[(from + to - 1) / 2];
                m[b] = blockMean(mean, from, to);
                lo[b] = blockMean(low, from, to);
                hi[b] = blockMean(high, from, to);
            }
            return new Band(label, d, m, lo, hi);
        }

        private static double blockMean(double[] v, int from, int to) {
            double s = 0;
            int k = 0;
            for (int i = from; i < to; i++) {
                if (!Double.isNaN(v[i])) {
                    s += v[i];
                    k++;
                }
            }
            return k == 0 ? Double.NaN : s / k;
        }
    }

    /** The block length that draws {@code days} days in at most {@code maxPoints} points. */
    static int step(int days, int maxPoints) {
        return Math.max(1, (days + maxPoints - 1) / maxPoints);
    }

    /** The band of metric {@code m} in an accumulator. */
    static Band band(String label, SeriesAccumulator acc, int m) {
        int n = acc.days();
        LocalDate[] dates = new LocalDate[n];
        double[] mean = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int d = 0; d < n; d++) {
            dates[d] = acc.date(d) == null ? null : LocalDate.parse(acc.date(d));
            Stats.Sample s = acc.cells().sample(d, m);
            mean[d] = s.mean();
            lo[d] = s.ciLow();
            hi[d] = s.ciHigh();
        }
        return new Band(label, dates, mean, lo, hi);
    }

    private static long millis(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** Means as lines and 95% confidence intervals as shaded bands, over calendar dates. */
    public static JFreeChart bands(String title, String subtitle, String yLabel, List<Band> bands, boolean share) {
        Color[] colors = new Color[bands.size()];
        float[] widths = new float[bands.size()];
        for (int i = 0; i < colors.length; i++) {
            colors[i] = PALETTE[i % PALETTE.length];
            widths[i] = 2.0f;
        }
        return bands(title, subtitle, yLabel, bands, share, colors, widths);
    }

    /** As {@link #bands(String, String, String, List, boolean)} with given line colours and widths. */
    static JFreeChart bands(String title, String subtitle, String yLabel, List<Band> bands, boolean share, Color[] colors,
                            float[] widths) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Band b : bands) {
            YIntervalSeries s = new YIntervalSeries(b.label(), false, true);
            for (int i = 0; i < b.mean().length; i++) {
                double v = b.mean()[i];
                if (Double.isNaN(v) || b.dates()[i] == null) {
                    continue;
                }
                double lo = Double.isNaN(b.low()[i]) ? v : b.low()[i];
                double hi = Double.isNaN(b.high()[i]) ? v : b.high()[i];
                if (share) {
                    // a share lies in [0, 1]: the t-interval is drawn only where it can be
                    lo = Math.max(0, lo);
                    hi = Math.min(1, hi);
                }
                s.add(millis(b.dates()[i]), v, lo, hi);
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createTimeSeriesChart(title, "Date", yLabel, data, true, false, false);
        Charts.style(chart, subtitle);
        XYPlot plot = chart.getXYPlot();
        DeviationRenderer r = new DeviationRenderer(true, false);
        r.setAlpha(0.22f);
        for (int i = 0; i < bands.size(); i++) {
            r.setSeriesPaint(i, colors[i]);
            r.setSeriesFillPaint(i, colors[i]);
            r.setSeriesStroke(i, new BasicStroke(widths[i], BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }
        plot.setRenderer(r);
        dateTicks(plot, bands);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setAutoRangeIncludesZero(false);
        // room around each tick label: about a dozen ticks rather than two dozen, easier to read and lighter in SVG
        y.setTickLabelInsets(new RectangleInsets(7, 4, 7, 4));
        if (share) {
            y.setStandardTickUnits(Charts.percentTickUnits());
        }
        return chart;
    }

    /** Short runs get day-and-month tick labels (the house style's "MMM yyyy" repeats within a month). */
    private static void dateTicks(XYPlot plot, List<Band> bands) {
        LocalDate first = null;
        LocalDate last = null;
        for (Band b : bands) {
            for (LocalDate d : b.dates()) {
                if (d != null) {
                    first = first == null || d.isBefore(first) ? d : first;
                    last = last == null || d.isAfter(last) ? d : last;
                }
            }
        }
        if (first != null && java.time.temporal.ChronoUnit.DAYS.between(first, last) < 240
                && plot.getDomainAxis() instanceof DateAxis da) {
            SimpleDateFormat f = new SimpleDateFormat("d MMM yyyy", Locale.US);
            f.setTimeZone(TimeZone.getTimeZone("UTC"));
            da.setDateFormatOverride(f);
        }
    }

    /** A horizontal bar chart of first-order and total Sobol indices per parameter, with bootstrap 95% intervals. */
    static JFreeChart tornado(String title, String subtitle, SobolIndices.Result r, List<String> params) {
        Integer[] order = new Integer[params.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            double ta = r.total()[a].value();
            double tb = r.total()[b].value();
            return Double.compare(Double.isNaN(tb) ? -1 : tb, Double.isNaN(ta) ? -1 : ta);
        });
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Map<String, double[]> ci = new HashMap<>();
        for (int i : order) {
            SobolIndices.Index s1 = r.first()[i];
            SobolIndices.Index st = r.total()[i];
            data.addValue(nanToZero(s1.value()), "First-order (S1)", params.get(i));
            data.addValue(nanToZero(st.value()), "Total (ST)", params.get(i));
            ci.put("First-order (S1)|" + params.get(i), new double[] {s1.ciLow(), s1.ciHigh()});
            ci.put("Total (ST)|" + params.get(i), new double[] {st.ciLow(), st.ciHigh()});
        }
        JFreeChart chart = ChartFactory.createBarChart(title, "Parameter", "Sobol index (share of output variance)", data,
                PlotOrientation.HORIZONTAL, true, false, false);
        styleCategory(chart, subtitle);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer br = new WhiskerBarRenderer(ci);
        br.setBarPainter(new StandardBarPainter());
        br.setShadowVisible(false);
        br.setItemMargin(0.05);
        br.setMaximumBarWidth(0.12);
        br.setSeriesPaint(0, PALETTE[0]);
        br.setSeriesPaint(1, PALETTE[1]);
        plot.setRenderer(br);
        plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_LEFT);
        NumberAxis x = (NumberAxis) plot.getRangeAxis();
        double max = 1.0;
        for (double[] v : ci.values()) {
            if (!Double.isNaN(v[1])) {
                max = Math.max(max, v[1]);
            }
        }
        double min = 0.0;
        for (double[] v : ci.values()) {
            if (!Double.isNaN(v[0])) {
                min = Math.min(min, v[0]);
            }
        }
        x.setRange(Math.min(0.0, min - 0.02), Math.max(1.0, max + 0.02));
        x.setNumberFormatOverride(new DecimalFormat("0.0#", java.text.DecimalFormatSymbols.getInstance(Locale.US)));
        return chart;
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0.0 : v;
    }

    /** Bars with interval whiskers (asymmetric intervals, e.g. bootstrap percentiles). */
    static final class WhiskerBarRenderer extends BarRenderer {
        private static final long serialVersionUID = 1L;
        private final Map<String, double[]> intervals;

        WhiskerBarRenderer(Map<String, double[]> intervals) {
            this.intervals = intervals;
        }

        @Override
        public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D dataArea, CategoryPlot plot,
                             CategoryAxis domainAxis, ValueAxis rangeAxis, CategoryDataset dataset, int row, int column, int pass) {
            super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
            int visibleRow = state.getVisibleSeriesIndex(row);
            if (visibleRow < 0) {
                return;
            }
            double[] iv = intervals.get(dataset.getRowKey(row) + "|" + dataset.getColumnKey(column));
            if (iv == null || Double.isNaN(iv[0]) || Double.isNaN(iv[1])) {
                return;
            }
            PlotOrientation o = plot.getOrientation();
            double w0 = calculateBarW0(plot, o, dataArea, domainAxis, state, visibleRow, column);
            double mid = w0 + state.getBarWidth() / 2;
            double cap = Math.min(6, state.getBarWidth() / 3);
            double a = rangeAxis.valueToJava2D(iv[0], dataArea, plot.getRangeAxisEdge());
            double b = rangeAxis.valueToJava2D(iv[1], dataArea, plot.getRangeAxisEdge());
            g2.setPaint(Color.BLACK);
            g2.setStroke(new BasicStroke(1.3f));
            if (o == PlotOrientation.HORIZONTAL) {
                g2.draw(new Line2D.Double(a, mid, b, mid));
                g2.draw(new Line2D.Double(a, mid - cap, a, mid + cap));
                g2.draw(new Line2D.Double(b, mid - cap, b, mid + cap));
            } else {
                g2.draw(new Line2D.Double(mid, a, mid, b));
                g2.draw(new Line2D.Double(mid - cap, a, mid + cap, a));
                g2.draw(new Line2D.Double(mid - cap, b, mid + cap, b));
            }
        }
    }

    /** A heat map of an outcome over a two-parameter grid (cell values printed when the grid is small). */
    static JFreeChart heatmap(String title, String subtitle, String xLabel, String yLabel, double[] xs, double[] ys,
                              double[][] z, String zLabel, boolean share) {
        int nx = xs.length;
        int ny = ys.length;
        double[][] series = new double[3][nx * ny];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int k = 0;
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                series[0][k] = xs[i];
                series[1][k] = ys[j];
                series[2][k] = z[i][j];
                if (!Double.isNaN(z[i][j])) {
                    lo = Math.min(lo, z[i][j]);
                    hi = Math.max(hi, z[i][j]);
                }
                k++;
            }
        }
        if (!(lo <= hi)) {
            lo = 0;
            hi = 1;
        }
        if (lo == hi) {
            hi = lo + (lo == 0 ? 1 : Math.abs(lo) * 0.01);
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries(zLabel, series);
        NumberAxis x = new NumberAxis(xLabel);
        NumberAxis y = new NumberAxis(yLabel);
        double dx = nx > 1 ? (xs[nx - 1] - xs[0]) / (nx - 1) : 1;
        double dy = ny > 1 ? (ys[ny - 1] - ys[0]) / (ny - 1) : 1;
        x.setRange(xs[0] - dx / 2, xs[nx - 1] + dx / 2);
        y.setRange(ys[0] - dy / 2, ys[ny - 1] + dy / 2);
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        XYBlockRenderer r = new XYBlockRenderer();
        r.setBlockWidth(dx);
        r.setBlockHeight(dy);
        Viridis scale = new Viridis(lo, hi);
        r.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
        NumberFormat valueFormat = share ? NumberFormat.getPercentInstance(Locale.US) : new DecimalFormat("#,##0.###", java.text.DecimalFormatSymbols.getInstance(Locale.US));
        if (share) {
            ((DecimalFormat) valueFormat).applyPattern("0.0%");
        }
        if (nx * ny <= 144) {
            for (int i = 0; i < nx; i++) {
                for (int j = 0; j < ny; j++) {
                    if (Double.isNaN(z[i][j])) {
                        continue;
                    }
                    XYTextAnnotation a = new XYTextAnnotation(Report.sig(z[i][j], 3, share), xs[i], ys[j]);
                    a.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                    double t = (z[i][j] - lo) / (hi - lo);
                    a.setPaint(t > 0.6 ? Color.BLACK : Color.WHITE);
                    a.setTextAnchor(TextAnchor.CENTER);
                    plot.addAnnotation(a);
                }
            }
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        Charts.style(chart, subtitle);
        NumberAxis legendAxis = new NumberAxis(zLabel);
        legendAxis.setRange(lo, hi);
        legendAxis.setNumberFormatOverride(valueFormat);
        legendAxis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        legendAxis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(new RectangleInsets(10, 10, 40, 10));
        legend.setStripWidth(18);
        legend.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(legend);
        return chart;
    }

    /** The viridis colour map (perceptually uniform, readable in grey). */
    static final class Viridis implements PaintScale {
        private static final int[][] STOPS = {{68, 1, 84}, {72, 40, 120}, {62, 74, 137}, {49, 104, 142}, {38, 130, 142},
                {31, 158, 137}, {53, 183, 121}, {109, 205, 89}, {180, 222, 44}, {253, 231, 37}};
        private final double lo;
        private final double hi;

        Viridis(double lo, double hi) {
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        public double getLowerBound() {
            return lo;
        }

        @Override
        public double getUpperBound() {
            return hi;
        }

        @Override
        public Paint getPaint(double value) {
            if (Double.isNaN(value)) {
                return Color.LIGHT_GRAY;
            }
            double t = Math.max(0, Math.min(1, (value - lo) / (hi - lo))) * (STOPS.length - 1);
            int i = Math.min(STOPS.length - 2, (int) Math.floor(t));
            double f = t - i;
            int[] a = STOPS[i];
            int[] b = STOPS[i + 1];
            return new Color((int) Math.round(a[0] + f * (b[0] - a[0])), (int) Math.round(a[1] + f * (b[1] - a[1])),
                    (int) Math.round(a[2] + f * (b[2] - a[2])));
        }
    }

    private static void styleCategory(JFreeChart chart, String subtitle) {
        Charts.style(chart, subtitle);
    }

    /** The chart as an SVG element (with a viewBox, so it scales), with ids prefixed by {@code id}. */
    static String svg(JFreeChart chart, String id, int width, int height) {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        g2.setDefsKeyPrefix(id + "-");
        g2.setGeomDoubleConverter(org.jurisim.output.MapChart::oneDecimal); // a tenth of a pixel: small files, same picture
        chart.draw(g2, new Rectangle(0, 0, width, height));
        return g2.getSVGElement(id, true, new ViewBox(0, 0, width, height), null, null);
    }

    /** Writes {@code base.png} and {@code base.svg} (deterministic SVG). */
    static void write(JFreeChart chart, Path base) throws IOException {
        Files.createDirectories(base.toAbsolutePath().getParent());
        ChartUtils.saveChartAsPNG(base.resolveSibling(base.getFileName() + ".png").toFile(), chart, Charts.WIDTH, Charts.HEIGHT);
        String svg = "<?xml version=\"1.0\"?>\n" + svg(chart, "chart", Charts.WIDTH, Charts.HEIGHT) + "\n";
        Files.writeString(base.resolveSibling(base.getFileName() + ".svg"), svg, StandardCharsets.UTF_8);
    }
}
