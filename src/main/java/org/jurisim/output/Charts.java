package org.jurisim.output;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.util.Locale;
import java.util.TimeZone;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/** The charts a run writes, as PNG and SVG, drawn from a {@link SeriesTable}. Works headless. */
public final class Charts {

    public static final int WIDTH = 1100;
    public static final int HEIGHT = 560;
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private Charts() {
    }

    /** A daily series as a JFreeChart time series (NaN days left as gaps). */
    public static TimeSeries series(String label, SeriesTable t, String metric) {
        TimeSeries s = new TimeSeries(label);
        for (int r = 0; r < t.rows(); r++) {
            LocalDate d = t.date(r);
            double v = t.value(metric, r);
            s.add(new Day(d.getDayOfMonth(), d.getMonthValue(), d.getYear()), Double.isNaN(v) ? null : v);
        }
        return s;
    }

    /** Detainer compliance over calendar time: the daily rate and its rolling mean. */
    public static JFreeChart compliance(SeriesTable t, String scenarioName, String subtitle, int windowDays) {
        TimeSeriesCollection data = new TimeSeriesCollection(UTC);
        data.addSeries(series("Daily (honored / issued)", t, "compliance_rate"));
        data.addSeries(series(windowDays + "-day rolling", t, "compliance_rate_rolling"));
        JFreeChart chart = ChartFactory.createTimeSeriesChart(
                "Detainer compliance \u2014 " + scenarioName, "Date", "Detainers honored / issued (%)", data, true, true, false);
        style(chart, subtitle);
        XYPlot plot = chart.getXYPlot();
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setRange(0.0, 1.0);
        y.setNumberFormatOverride(NumberFormat.getPercentInstance(Locale.US));
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        r.setSeriesPaint(0, new Color(150, 170, 210));
        r.setSeriesStroke(0, new BasicStroke(1.0f));
        r.setSeriesPaint(1, new Color(20, 60, 140));
        r.setSeriesStroke(1, new BasicStroke(2.6f));
        return chart;
    }

    /** House style: white background, grey grid, readable fonts, legend at the bottom, UTC dates. */
    public static void style(JFreeChart chart, String subtitle) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        if (subtitle != null && !subtitle.isEmpty()) {
            TextTitle st = new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            st.setPaint(Color.DARK_GRAY);
            chart.addSubtitle(st);
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setPosition(RectangleEdge.BOTTOM);
            chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        }
        if (chart.getPlot() instanceof XYPlot plot) {
            plot.setBackgroundPaint(Color.WHITE);
            plot.setDomainGridlinePaint(new Color(220, 220, 220));
            plot.setRangeGridlinePaint(new Color(220, 220, 220));
            Font axisFont = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
            Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            plot.getDomainAxis().setLabelFont(axisFont);
            plot.getDomainAxis().setTickLabelFont(tickFont);
            plot.getRangeAxis().setLabelFont(axisFont);
            plot.getRangeAxis().setTickLabelFont(tickFont);
            if (plot.getDomainAxis() instanceof DateAxis da) {
                da.setTimeZone(UTC);
                SimpleDateFormat f = new SimpleDateFormat("MMM yyyy", Locale.US);
                f.setTimeZone(UTC);
                da.setDateFormatOverride(f);
            }
        }
    }

    /** Writes {@code base.png} and {@code base.svg}. */
    public static void write(JFreeChart chart, Path base) throws IOException {
        Files.createDirectories(base.toAbsolutePath().getParent());
        ChartUtils.saveChartAsPNG(base.resolveSibling(base.getFileName() + ".png").toFile(), chart, WIDTH, HEIGHT);
        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(g2, new Rectangle(0, 0, WIDTH, HEIGHT));
        SVGUtils.writeToSVG(base.resolveSibling(base.getFileName() + ".svg").toFile(), g2.getSVGElement());
    }
}
