package org.jurisim.output;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.List;
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

    /**
     * Tick units for an axis of shares drawn as percentages, each unit with as many decimals as it needs, so that no
     * two ticks carry the same label (a plain percent format writes 52%, 52%, 53% for ticks 0.25 points apart).
     */
    public static org.jfree.chart.axis.TickUnitSource percentTickUnits() {
        org.jfree.chart.axis.TickUnits units = new org.jfree.chart.axis.TickUnits();
        for (int exp = -6; exp <= 1; exp++) {
            for (double m : new double[] {1, 2, 2.5, 5}) {
                double size = m * Math.pow(10, exp);
                if (size > 10) {
                    continue;
                }
                units.add(new org.jfree.chart.axis.NumberTickUnit(size, percentFormat(size)));
            }
        }
        return units;
    }

    /** A percent format with the decimals ticks {@code size} apart (as a share) need to stay distinct. */
    public static NumberFormat percentFormat(double size) {
        int decimals = 0;
        double step = size * 100;
        while (decimals < 8 && Math.abs(step * Math.pow(10, decimals) - Math.rint(step * Math.pow(10, decimals))) > 1e-6) {
            decimals++;
        }
        java.text.DecimalFormat f = new java.text.DecimalFormat(decimals == 0 ? "0%" : "0." + "0".repeat(decimals) + "%",
                java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f;
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
        y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.1));
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        r.setSeriesPaint(0, new Color(150, 170, 210));
        r.setSeriesStroke(0, new BasicStroke(1.0f));
        r.setSeriesPaint(1, new Color(20, 60, 140));
        r.setSeriesStroke(1, new BasicStroke(2.6f));
        return chart;
    }

    /**
     * Colour-blind-safe (Okabe-Ito) policy colours, the same in every chart, map and list: the built-in
     * policies keep theirs (blue = cooperates ... vermilion = sanctuary); others take the rest, in their
     * order among the scenario's non-built-in policies.
     */
    public static Color policyColor(String policy, List<String> allPolicies) {
        switch (policy) {
            case "full-cooperation":
                return new Color(0x00, 0x72, 0xB2);
            case "standard":
                return new Color(0x56, 0xB4, 0xE9);
            case "limited":
                return new Color(0xE6, 0x9F, 0x00);
            case "sanctuary":
                return new Color(0xD5, 0x5E, 0x00);
            default:
                int k = 0;
                for (String p : allPolicies) {
                    if (p.equals(policy)) {
                        break;
                    }
                    if (!List.of("full-cooperation", "standard", "limited", "sanctuary").contains(p)) {
                        k++;
                    }
                }
                return OTHER[k % OTHER.length];
        }
    }

    private static final Color[] OTHER = {new Color(0x00, 0x9E, 0x73), new Color(0xCC, 0x79, 0xA7),
        new Color(0xF0, 0xE4, 0x42), new Color(0x99, 0x99, 0x99), new Color(0x00, 0x00, 0x00)};

    /** A running total of a daily series (NaN days count as 0). */
    public static TimeSeries cumulative(String label, SeriesTable t, String metric) {
        TimeSeries s = new TimeSeries(label);
        double acc = 0;
        for (int r = 0; r < t.rows(); r++) {
            LocalDate d = t.date(r);
            double v = t.value(metric, r);
            acc += Double.isNaN(v) ? 0 : v;
            s.add(new Day(d.getDayOfMonth(), d.getMonthValue(), d.getYear()), acc);
        }
        return s;
    }

    /** Litigation over time: cases pending by court level and injunctions in force; cumulative filings and rulings by side. */
    public static JFreeChart litigation(SeriesTable t, String scenarioName, String subtitle) {
        DateAxis time = new DateAxis("Date");
        org.jfree.chart.plot.CombinedDomainXYPlot plot = new org.jfree.chart.plot.CombinedDomainXYPlot(time);
        plot.setGap(14);

        TimeSeriesCollection pending = new TimeSeriesCollection(UTC);
        pending.addSeries(series("Pending in district courts", t, "cases_pending_district"));
        pending.addSeries(series("Pending in courts of appeals", t, "cases_pending_circuit"));
        pending.addSeries(series("Pending in the Supreme Court", t, "cases_pending_supreme"));
        pending.addSeries(series("Injunctions in force", t, "injunctions_in_force"));
        XYLineAndShapeRenderer r1 = new XYLineAndShapeRenderer(true, false);
        Color[] c1 = {new Color(0x00, 0x72, 0xB2), new Color(0xE6, 0x9F, 0x00), new Color(0xCC, 0x79, 0xA7), Color.BLACK};
        for (int i = 0; i < c1.length; i++) {
            r1.setSeriesPaint(i, c1[i]);
            r1.setSeriesStroke(i, i == 3 ? new BasicStroke(2.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {9f, 5f}, 0f)
                    : new BasicStroke(2.0f));
        }
        NumberAxis y1 = countAxis("Pending or in force (count)");
        plot.add(new XYPlot(pending, null, y1, r1), 1);

        TimeSeriesCollection cum = new TimeSeriesCollection(UTC);
        cum.addSeries(cumulative("Suits filed (cumulative)", t, "cases_filed"));
        cum.addSeries(cumulative("Rulings for localities, all levels (cumulative)", t, "rulings_for_localities"));
        cum.addSeries(cumulative("Rulings for the government, all levels (cumulative)", t, "rulings_for_government"));
        XYLineAndShapeRenderer r2 = new XYLineAndShapeRenderer(true, false);
        Color[] c2 = {new Color(0x99, 0x99, 0x99), new Color(0x00, 0x9E, 0x73), new Color(0xD5, 0x5E, 0x00)};
        for (int i = 0; i < c2.length; i++) {
            r2.setSeriesPaint(i, c2[i]);
            r2.setSeriesStroke(i, new BasicStroke(2.0f));
        }
        NumberAxis y2 = countAxis("Since the start (count)");
        plot.add(new XYPlot(cum, null, y2, r2), 1);

        JFreeChart chart = new JFreeChart("Litigation \u2014 " + scenarioName, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        style(chart, subtitle);
        return chart;
    }

    /** Jurisdictions and population by policy in force, stacked over time. */
    public static JFreeChart policies(SeriesTable t, List<String> policyNames, String scenarioName, String subtitle) {
        DateAxis time = new DateAxis("Date");
        org.jfree.chart.plot.CombinedDomainXYPlot plot = new org.jfree.chart.plot.CombinedDomainXYPlot(time);
        plot.setGap(14);
        org.jfree.data.time.TimeTableXYDataset count = new org.jfree.data.time.TimeTableXYDataset(UTC);
        org.jfree.data.time.TimeTableXYDataset pop = new org.jfree.data.time.TimeTableXYDataset(UTC);
        for (int r = 0; r < t.rows(); r++) {
            LocalDate d = t.date(r);
            Day day = new Day(d.getDayOfMonth(), d.getMonthValue(), d.getYear());
            for (String p : policyNames) {
                String token = p.replace('-', '_');
                count.add(day, t.value("jurisdictions_" + token, r), p, false);
                pop.add(day, t.value("population_" + token, r) / 1e6, p, false);
            }
        }
        org.jfree.chart.renderer.xy.StackedXYAreaRenderer2 rc = new org.jfree.chart.renderer.xy.StackedXYAreaRenderer2();
        org.jfree.chart.renderer.xy.StackedXYAreaRenderer2 rp = new org.jfree.chart.renderer.xy.StackedXYAreaRenderer2();
        for (int i = 0; i < policyNames.size(); i++) {
            Color c = policyColor(policyNames.get(i), policyNames);
            rc.setSeriesPaint(i, c);
            rp.setSeriesPaint(i, c);
        }
        rp.setDefaultSeriesVisibleInLegend(false);
        NumberAxis y1 = countAxis("Jurisdictions (count)");
        NumberAxis y2 = new NumberAxis("Residents (millions)");
        y2.setRangeType(org.jfree.data.RangeType.POSITIVE);
        plot.add(new XYPlot(count, null, y1, rc), 1);
        plot.add(new XYPlot(pop, null, y2, rp), 1);
        JFreeChart chart = new JFreeChart("Policies in force \u2014 " + scenarioName, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        style(chart, subtitle);
        return chart;
    }

    /** A count axis: whole numbers, never negative, at least 0..5 when nothing happened. */
    static NumberAxis countAxis(String label) {
        NumberAxis y = new NumberAxis(label);
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        y.setRangeType(org.jfree.data.RangeType.POSITIVE);
        y.setAutoRangeIncludesZero(true);
        y.setAutoRangeMinimumSize(5);
        return y;
    }

    /** House style (time-series, combined and category charts): white background, grey grid, readable fonts, legend at the bottom, UTC dates. */
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
        java.util.List<XYPlot> plots = new java.util.ArrayList<>();
        if (chart.getPlot() instanceof org.jfree.chart.plot.CombinedDomainXYPlot combined) {
            plots.addAll(combined.getSubplots());
            styleDateAxis(combined.getDomainAxis());
        } else if (chart.getPlot() instanceof XYPlot xy) {
            plots.add(xy);
            styleDateAxis(xy.getDomainAxis());
        }
        if (chart.getPlot() instanceof org.jfree.chart.plot.CategoryPlot cat) {
            cat.setBackgroundPaint(Color.WHITE);
            cat.setRangeGridlinePaint(new Color(220, 220, 220));
            Font axisFont = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
            Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            cat.getDomainAxis().setLabelFont(axisFont);
            cat.getDomainAxis().setTickLabelFont(tickFont);
            cat.getRangeAxis().setLabelFont(axisFont);
            cat.getRangeAxis().setTickLabelFont(tickFont);
        }
        for (XYPlot plot : plots) {
            plot.setBackgroundPaint(Color.WHITE);
            plot.setDomainGridlinePaint(new Color(220, 220, 220));
            plot.setRangeGridlinePaint(new Color(220, 220, 220));
            Font axisFont = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
            Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            plot.getRangeAxis().setLabelFont(axisFont);
            plot.getRangeAxis().setTickLabelFont(tickFont);
        }
    }

    private static void styleDateAxis(org.jfree.chart.axis.ValueAxis axis) {
        axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        if (axis instanceof DateAxis da) {
            // calendar ticks in UTC; JFreeChart picks the unit (days, months, years) and its format from the span
            da.setTimeZone(UTC);
            da.setStandardTickUnits(DateAxis.createStandardDateTickUnits(UTC, Locale.US));
            // on long runs the automatic choice can crowd the labels of a combined plot: fix the unit by the span
            double years = (da.getUpperBound() - da.getLowerBound()) / (365.25 * 86_400_000.0);
            java.text.SimpleDateFormat monthYear = new java.text.SimpleDateFormat("MMM yyyy", Locale.US);
            monthYear.setTimeZone(UTC);
            java.text.SimpleDateFormat year = new java.text.SimpleDateFormat("yyyy", Locale.US);
            year.setTimeZone(UTC);
            if (years > 6) {
                da.setTickUnit(new org.jfree.chart.axis.DateTickUnit(org.jfree.chart.axis.DateTickUnitType.YEAR, 1, year));
            } else if (years > 3) {
                da.setTickUnit(new org.jfree.chart.axis.DateTickUnit(org.jfree.chart.axis.DateTickUnitType.MONTH, 6, monthYear));
            } else if (years > 1.5) {
                da.setTickUnit(new org.jfree.chart.axis.DateTickUnit(org.jfree.chart.axis.DateTickUnitType.MONTH, 4, monthYear));
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
