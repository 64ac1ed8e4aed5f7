package org.jurisim.gui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.LegendItemSource;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardXYToolTipGenerator;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.SamplingXYLineRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * One live dashboard chart: the current run's series in full colour, overlaid runs as faded dashed lines
 * (same colour per series, one dash pattern per run), interventions as dated markers. Event-thread only.
 */
public final class LiveChart {

    /** What a marker marks: a change made from the dashboard, or one of the scenario's own dated events. */
    public enum MarkKind { INTERVENTION, EVENT }

    /** A dated change shown as a marker: a vertical line on every panel, its label on the top panel. */
    public record Mark(long day, double x, String label, MarkKind kind, java.time.LocalDate date) {
    }

    /**
     * Most points per series the screen draws of the current run (a line keeps each bucket's lowest and highest
     * point): about two per pixel column of a wide tile. Exports draw every row.
     */
    static final int DISPLAY_POINTS = 900;
    static final int EXPORT_WIDTH = 1100;
    static final int EXPORT_HEIGHT = 600;
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final ChartSpecs.ChartSpec spec;
    private final JFreeChart chart;
    private final ChartPanel panel;
    private final List<XYPlot> plots = new ArrayList<>();
    private final List<RunDataset> current = new ArrayList<>();
    private final List<RunDataset> overlay = new ArrayList<>();
    private final List<SamplingXYLineRenderer> overlayRenderers = new ArrayList<>();
    private final TextTitle subtitle;
    private final MarkerLabels markerLabels = new MarkerLabels();
    private final StandardXYToolTipGenerator tips;
    private RunSeries run;
    private List<Overlay> overlays = List.of();
    private List<Mark> marks = List.of();

    LiveChart(ChartSpecs.ChartSpec spec) {
        this(spec, true);
    }

    /**
     * @param live whether the chart is shown on screen (with a {@link ChartPanel}); an export copy has none and
     *             may be built and drawn off the event thread
     */
    private LiveChart(ChartSpecs.ChartSpec spec, boolean live) {
        this.spec = spec;
        DateAxis time = new DateAxis("Date");
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(time);
        combined.setGap(10);
        tips = new StandardXYToolTipGenerator("{0}: {2} on {1}", dateFormat("d MMM yyyy"),
                new DecimalFormat("#,##0.###", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT)));
        for (ChartSpecs.PanelSpec p : spec.panels()) {
            RunDataset cur = new RunDataset();
            cur.setDisplayLimit(live ? DISPLAY_POINTS : 0, p.stacked());
            RunDataset ov = new RunDataset();
            NumberAxis y = new NumberAxis(p.axisLabel());
            switch (p.format()) {
                case PERCENT -> {
                    y.setAutoRange(false);
                    y.setRange(0.0, 1.0);
                    y.setNumberFormatOverride(NumberFormat.getPercentInstance(Locale.US));
                }
                case INDEX -> {
                    y.setAutoRange(false);
                    y.setRange(0.0, 1.0);
                }
                case COMPACT -> {
                    y.setNumberFormatOverride(new Compact());
                    y.setAutoRangeIncludesZero(true);
                    y.setAutoRangeMinimumSize(1.0);
                    y.setRangeType(org.jfree.data.RangeType.POSITIVE);
                }
                default -> {
                    y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
                    y.setAutoRangeIncludesZero(true);
                    y.setAutoRangeMinimumSize(4.0);
                    y.setRangeType(org.jfree.data.RangeType.POSITIVE);
                }
            }
            XYItemRenderer r;
            if (p.stacked()) {
                // one filled polygon per band (StackedXYAreaRenderer2 builds and intersects an Area per point: slow on a long run)
                // on screen, no entity per point (each costs an Area intersection): the tooltip is worked out from the
                // pointer's date when hovered (stackedTip)
                StackedXYAreaRenderer sr = live ? new StackedXYAreaRenderer() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public org.jfree.chart.renderer.xy.XYItemRendererState initialise(java.awt.Graphics2D g2, Rectangle2D dataArea,
                            XYPlot plot, org.jfree.data.xy.XYDataset data, org.jfree.chart.plot.PlotRenderingInfo info) {
                        return super.initialise(g2, dataArea, plot, data, null);
                    }
                } : new StackedXYAreaRenderer();
                for (int i = 0; i < p.series().size(); i++) {
                    sr.setSeriesPaint(i, p.series().get(i).color());
                }
                sr.setDefaultToolTipGenerator(live ? null : tips);
                r = sr;
            } else {
                XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
                for (int i = 0; i < p.series().size(); i++) {
                    lr.setSeriesPaint(i, p.series().get(i).color());
                    lr.setSeriesStroke(i, new BasicStroke(p.series().get(i).width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                }
                // on screen the tooltip is written when hovered (below), not for every point at every redraw
                lr.setDefaultToolTipGenerator(live ? null : tips);
                lr.setDrawSeriesLineAsPath(true);
                r = lr;
            }
            XYPlot plot = new XYPlot(cur, null, y, r);
            // overlaid runs are drawn sampled to the pixel (each pixel column's lowest and highest value): a long
            // national run costs about the plot's width to draw, not its days; the dashes run on along the path
            SamplingXYLineRenderer or = new SamplingXYLineRenderer();
            plot.setDataset(1, ov);
            plot.setRenderer(1, or);
            plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE); // overlays (index 1) first, underneath
            // within a dataset, series in the order listed: a later series (the rolling line) is drawn over an earlier one
            plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
            combined.add(plot, 1);
            plots.add(plot);
            current.add(cur);
            overlay.add(ov);
            overlayRenderers.add(or);
        }
        chart = new JFreeChart(spec.title(), JFreeChart.DEFAULT_TITLE_FONT, combined, true);
        // the house style of the run charts (org.jurisim.output.Charts), applied here to every subplot
        chart.setBackgroundPaint(Color.WHITE);
        subtitle = new TextTitle(" ");
        subtitle.setPaint(Color.DARK_GRAY);
        chart.addSubtitle(subtitle);
        chart.getLegend().setPosition(org.jfree.chart.ui.RectangleEdge.BOTTOM);
        time.setTimeZone(UTC);
        time.setStandardTickUnits(DateAxis.createStandardDateTickUnits(UTC, Locale.US));
        for (XYPlot plot : plots) {
            plot.setBackgroundPaint(Color.WHITE);
            plot.setDomainGridlinePaint(new Color(220, 220, 220));
            plot.setRangeGridlinePaint(new Color(220, 220, 220));
        }
        // compact fonts for a dashboard tile
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        subtitle.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        time.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        time.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (XYPlot plot : plots) {
            plot.getRangeAxis().setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, plots.size() > 1 ? 11 : 12));
            plot.getRangeAxis().setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        }
        LegendTitle legend = chart.getLegend();
        legend.setSources(new LegendItemSource[] {this::legendItems});
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        legend.setItemLabelPadding(new RectangleInsets(2, 2, 2, 6));

        plots.get(0).addAnnotation(markerLabels, false);
        if (!live) {
            panel = null;
            return;
        }
        panel = new OffscreenChartPanel(chart);
        panel.setMouseWheelEnabled(false);
        installPanel();
    }

    /**
     * The live chart's panel: a changed chart is redrawn in its turn ({@link PaintQueue}, one chart per paint); out of
     * view, its buffer is drawn then (at most once a second; a later turn catches up), so that scrolling to it only
     * copies it; a tooltip is written when hovered.
     */
    private final class OffscreenChartPanel extends ChartPanel implements PaintQueue.Offscreen {
        private static final long serialVersionUID = 1L;
        private static final long OFFSCREEN_EVERY_NANOS = 1_000_000_000L;
        private boolean inChartChanged;
        private long lastOffscreen;
        private boolean stale;
        private final javax.swing.Timer later = new javax.swing.Timer(1000, e -> PaintQueue.request(this));

        OffscreenChartPanel(JFreeChart chart) {
            super(chart, 480, 470, 200, 150, 4000, 3000, true, false, true, false, true, true, true);
            later.setRepeats(false);
        }

        @Override
        public void drawOffscreen() {
            int w = getWidth();
            int h = getHeight();
            if (w <= 0 || h <= 0 || !stale) {
                return;
            }
            long now = System.nanoTime();
            if (now - lastOffscreen < OFFSCREEN_EVERY_NANOS) {
                later.restart(); // not now: in a while, or when it comes into view
                return;
            }
            lastOffscreen = now;
            java.awt.image.BufferedImage scratch = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = scratch.createGraphics();
            try {
                paintComponent(g); // draws the chart into the panel's own buffer (and that onto the scratch image)
            } finally {
                g.dispose();
            }
            stale = false;
        }

        @Override
        public void paintComponent(java.awt.Graphics g) {
            super.paintComponent(g);
            stale = false;
        }

        @Override
        public void chartChanged(org.jfree.chart.event.ChartChangeEvent event) {
            inChartChanged = true;
            try {
                super.chartChanged(event);
            } finally {
                inChartChanged = false;
            }
            stale = true;
            PaintQueue.request(this);
        }

        @Override
        public void repaint(long tm, int x, int y, int width, int height) {
            if (!inChartChanged) {
                super.repaint(tm, x, y, width, height);
            }
        }

        @Override
        public String getToolTipText(java.awt.event.MouseEvent e) {
            String t = super.getToolTipText(e);
            if (t == null && getEntityForPoint(e.getX(), e.getY()) instanceof org.jfree.chart.entity.XYItemEntity xe) {
                t = tips.generateToolTip(xe.getDataset(), xe.getSeriesIndex(), xe.getItem());
            }
            return t == null ? stackedTip(translateScreenToJava2D(e.getPoint())) : t;
        }
    }

    /** The live panel's mouse wheel, tooltips and name. */
    private void installPanel() {
        // the wheel scrolls the dashboard; it zooms only with Ctrl (or Cmd) held (a drag box zooms too)
        panel.setMouseWheelEnabled(false);
        panel.addMouseWheelListener(e -> {
            if (e.isControlDown() || e.isMetaDown()) {
                java.awt.geom.Point2D p = panel.translateScreenToJava2D(e.getPoint());
                if (e.getWheelRotation() < 0) {
                    panel.zoomInDomain(p.getX(), p.getY());
                } else if (e.getWheelRotation() > 0) {
                    panel.zoomOutDomain(p.getX(), p.getY());
                }
                e.consume();
            } else if (panel.getParent() != null) {
                java.awt.Container parent = panel.getParent();
                parent.dispatchEvent(javax.swing.SwingUtilities.convertMouseEvent(panel, e, parent));
            }
        });
        panel.setInitialDelay(150);
        panel.setDismissDelay(20000);
        panel.setPreferredSize(new Dimension(480, 470));
        panel.setName("chart:" + spec.id());
    }

    /**
     * The tooltip over a stacked panel: every band's value on the day under the pointer (the current run, as
     * recorded), or null when the point is not over a stacked panel's data.
     */
    String stackedTip(java.awt.geom.Point2D p) {
        if (panel == null || run == null || run.size() == 0) {
            return null;
        }
        org.jfree.chart.plot.PlotRenderingInfo info = panel.getChartRenderingInfo().getPlotInfo();
        int i = info.getSubplotIndex(p);
        if (i < 0 || i >= plots.size() || !spec.panels().get(i).stacked()) {
            return null;
        }
        Rectangle2D area = info.getSubplotInfo(i).getDataArea();
        if (!area.contains(p)) {
            return null;
        }
        XYPlot plot = plots.get(i);
        double x = plot.getDomainAxis().java2DToValue(p.getX(), area, plot.getDomainAxisEdge());
        int row = nearestRow(run, x);
        ChartSpecs.PanelSpec ps = spec.panels().get(i);
        DecimalFormat f = new DecimalFormat("#,##0", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
        StringBuilder sb = new StringBuilder("<html>").append(ps.name()).append(" on ")
                .append(dateFormat("d MMM yyyy").format(new java.util.Date((long) run.x(row))));
        for (ChartSpecs.SeriesSpec s : ps.series()) {
            double v = run.value(s.column(), row);
            sb.append("<br>").append(s.label()).append(": ").append(Double.isNaN(v) ? "\u2013" : f.format(v));
        }
        return sb.append("</html>").toString();
    }

    /** The row whose date is nearest {@code x} (rows in date order). */
    static int nearestRow(RunSeries r, double x) {
        int lo = 0;
        int hi = r.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (r.x(mid) < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo > 0 && Math.abs(r.x(lo - 1) - x) <= Math.abs(r.x(lo) - x)) {
            return lo - 1;
        }
        return lo;
    }

    /**
     * A copy for export, detached from the screen: the same runs (the current one frozen as of now), overlays,
     * markers and subtitle, over the full time range whatever the live chart is zoomed to. Made on the event
     * thread (copying the current run's arrays is cheap); it may then be drawn and written on any thread.
     */
    LiveChart exportCopy() {
        return exportCopy(run == null ? null : run.copy());
    }

    /** The same, with the current run's frozen copy given (one copy shared by every chart of an export). */
    LiveChart exportCopy(RunSeries frozenRun) {
        LiveChart c = new LiveChart(spec, false);
        c.subtitle.setText(subtitle.getText());
        c.setRun(frozenRun);
        c.setOverlays(overlays);
        c.setMarks(marks);
        return c;
    }

    /** Whether the time axis shows the whole run (no zoom). */
    boolean domainAutoRange() {
        return chart.getXYPlot().getDomainAxis().isAutoRange();
    }

    private static SimpleDateFormat dateFormat(String pattern) {
        SimpleDateFormat f = new SimpleDateFormat(pattern, Locale.US);
        f.setTimeZone(UTC);
        return f;
    }

    public String id() {
        return spec.id();
    }

    public String title() {
        return spec.title();
    }

    public JFreeChart chart() {
        return chart;
    }

    public ChartPanel panel() {
        return panel;
    }

    ChartSpecs.ChartSpec spec() {
        return spec;
    }

    void setSubtitle(String s) {
        subtitle.setText(s);
    }

    /** Shows this run as the current one. */
    void setRun(RunSeries r) {
        this.run = r;
        for (int i = 0; i < plots.size(); i++) {
            RunDataset d = current.get(i);
            d.clear();
            if (r != null) {
                for (ChartSpecs.SeriesSpec s : spec.panels().get(i).series()) {
                    d.add(r, new int[] {r.column(s.column())}, s.label());
                }
            }
            d.changed();
        }
    }

    /** Rebuilds the faded overlay lines (visible overlays only). */
    void setOverlays(List<Overlay> list) {
        this.overlays = List.copyOf(list);
        for (int i = 0; i < plots.size(); i++) {
            ChartSpecs.PanelSpec p = spec.panels().get(i);
            RunDataset d = overlay.get(i);
            SamplingXYLineRenderer or = overlayRenderers.get(i);
            d.clear();
            int k = 0;
            for (Overlay o : overlays) {
                if (!o.visible()) {
                    continue;
                }
                RunSeries rs = o.series();
                int[] running = new int[0];
                for (ChartSpecs.SeriesSpec s : p.series()) {
                    int c = rs.column(s.column());
                    int[] cols;
                    if (p.stacked()) {
                        running = java.util.Arrays.copyOf(running, running.length + 1);
                        running[running.length - 1] = c;
                        cols = running.clone();
                    } else {
                        cols = new int[] {c};
                    }
                    d.add(rs, cols, o.label() + " \u00b7 " + s.label());
                    or.setSeriesPaint(k, Palette.overlay(s.color(), p.stacked()));
                    or.setSeriesStroke(k, Palette.overlayStroke(o.number() - 1));
                    or.setSeriesVisibleInLegend(k, false);
                    k++;
                }
            }
            d.changed();
        }
        chart.fireChartChanged();
    }

    List<Overlay> overlays() {
        return overlays;
    }

    /** The run shown as the current one, or null. */
    RunSeries run() {
        return run;
    }

    /** The current run's rows have grown: redraw once. */
    void dataChanged() {
        for (RunDataset d : current) {
            d.changed();
        }
    }

    /**
     * Dated markers: a vertical line per date on every panel (dashed dark grey for interventions, dotted purple
     * for the scenario's own events); their labels, laid out by {@link MarkerLabels}, on the top panel.
     */
    void setMarks(List<Mark> list) {
        this.marks = List.copyOf(list);
        for (XYPlot plot : plots) {
            plot.clearDomainMarkers();
            for (Mark m : marks) {
                boolean event = m.kind() == MarkKind.EVENT;
                ValueMarker vm = new ValueMarker(m.x(), event ? Palette.faded(MarkerLabels.EVENT, 170) : MarkerLabels.INTERVENTION,
                        new BasicStroke(event ? 1.0f : 1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                                event ? new float[] {1.5f, 2.5f} : new float[] {4f, 3f}, 0f));
                plot.addDomainMarker(vm);
            }
        }
        markerLabels.setMarks(marks);
    }

    List<Mark> marks() {
        return marks;
    }

    MarkerLabels markerLabels() {
        return markerLabels;
    }

    /** Number of markers of a kind (for tests). */
    public int markCount(MarkKind kind) {
        return (int) marks.stream().filter(m -> m.kind() == kind).count();
    }

    /** Number of domain markers on the top panel (for tests). */
    public int markerCount() {
        var ms = plots.get(0).getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND);
        return ms == null ? 0 : ms.size();
    }

    /** Series keys of the visible overlay lines (for tests). */
    public List<String> overlaySeriesKeys() {
        List<String> out = new ArrayList<>();
        for (RunDataset d : overlay) {
            for (int s = 0; s < d.getSeriesCount(); s++) {
                out.add(d.getSeriesKey(s).toString());
            }
        }
        return out;
    }

    /** Current run's series keys. */
    public List<String> seriesKeys() {
        List<String> out = new ArrayList<>();
        for (RunDataset d : current) {
            for (int s = 0; s < d.getSeriesCount(); s++) {
                out.add(d.getSeriesKey(s).toString());
            }
        }
        return out;
    }

    /** Legend: one item per series of the current run, then one per overlaid run (greyed when hidden). */
    private LegendItemCollection legendItems() {
        LegendItemCollection items = new LegendItemCollection();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ChartSpecs.PanelSpec p : spec.panels()) {
            for (ChartSpecs.SeriesSpec s : p.series()) {
                if (!seen.add(s.label())) {
                    continue;
                }
                LegendItem li;
                if (p.stacked()) {
                    li = new LegendItem(s.label(), s.definition(), s.definition(), null, new Rectangle2D.Double(-6, -5, 12, 10), s.color());
                } else {
                    li = new LegendItem(s.label(), s.definition(), s.definition(), null, new Line2D.Double(-9, 0, 9, 0),
                            new BasicStroke(Math.max(2f, s.width())), s.color());
                }
                li.setSeriesKey(s.label());
                items.add(li);
            }
        }
        if (!overlays.isEmpty()) {
            // the current run named in the legend beside the overlaid runs: solid and in full colour against their dashes
            String name = run == null ? "Current run" : "Current: " + run.name();
            LegendItem li = new LegendItem(name, "The current run: solid lines in full colour", "The current run: " + name, null,
                    new Line2D.Double(-12, 0, 12, 0), new BasicStroke(2.4f), Palette.BLACK);
            li.setSeriesKey("current");
            items.add(li);
        }
        for (Overlay o : overlays) {
            String text = o.label() + (o.visible() ? "" : " (hidden)");
            Color c = o.visible() ? Palette.overlay(new Color(0x44, 0x44, 0x44), true) : new Color(0xBB, 0xBB, 0xBB);
            LegendItem li = new LegendItem(text, "Overlaid run (pale, dashed); click to hide or show",
                    "Overlaid run: " + o.label() + " \u2014 click to " + (o.visible() ? "hide" : "show"), null,
                    new Line2D.Double(-12, 0, 12, 0), Palette.overlayStroke(o.number() - 1), c);
            li.setSeriesKey("overlay:" + o.number());
            li.setLabelPaint(c);
            items.add(li);
        }
        return items;
    }

    // ------------------------------------------------------------------ export

    public void exportPng(Path file) throws IOException {
        mkdirs(file);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, EXPORT_WIDTH, EXPORT_HEIGHT);
    }

    public void exportSvg(Path file) throws IOException {
        mkdirs(file);
        SVGGraphics2D g2 = new SVGGraphics2D(EXPORT_WIDTH, EXPORT_HEIGHT);
        chart.draw(g2, new Rectangle(0, 0, EXPORT_WIDTH, EXPORT_HEIGHT));
        SVGUtils.writeToSVG(file.toFile(), g2.getSVGElement());
    }

    /**
     * The chart's series as CSV: one row per date, one column per series and panel (the current run's, then
     * each visible overlaid run's, prefixed with the run's name). Every column means one thing: the series'
     * own values (a stacked band's own value, never a stack's running sum, for every run alike); a label used
     * on several panels (policies by jurisdictions and by residents) is prefixed with its panel's name.
     */
    public void exportCsv(Path file) throws IOException {
        mkdirs(file);
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.Set<String> repeated = new java.util.HashSet<>();
        for (ChartSpecs.PanelSpec p : spec.panels()) {
            for (ChartSpecs.SeriesSpec s : p.series()) {
                if (!seen.add(s.label())) {
                    repeated.add(s.label());
                }
            }
        }
        record Column(String header, RunSeries run, int column) {
        }
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < plots.size(); i++) {
            ChartSpecs.PanelSpec p = spec.panels().get(i);
            List<RunDataset.Entry> entries = current.get(i).entries();
            for (int j = 0; j < entries.size(); j++) {
                String label = p.series().get(j).label();
                cols.add(new Column(repeated.contains(label) ? p.name() + ": " + label : label, entries.get(j).run(), entries.get(j).own()));
            }
        }
        for (Overlay o : overlays) {
            if (!o.visible()) {
                continue;
            }
            for (ChartSpecs.PanelSpec p : spec.panels()) {
                for (ChartSpecs.SeriesSpec s : p.series()) {
                    String label = repeated.contains(s.label()) ? p.name() + ": " + s.label() : s.label();
                    cols.add(new Column(o.label() + " \u00b7 " + label, o.series(), o.series().column(s.column())));
                }
            }
        }
        TreeMap<Double, double[]> rows = new TreeMap<>();
        for (int k = 0; k < cols.size(); k++) {
            Column c = cols.get(k);
            for (int i = 0; i < c.run().size(); i++) {
                int n = cols.size();
                double[] row = rows.computeIfAbsent(c.run().x(i), x -> {
                    double[] a = new double[n];
                    java.util.Arrays.fill(a, Double.NaN);
                    return a;
                });
                row[k] = c.column() < 0 ? Double.NaN : c.run().y(c.column(), i);
            }
        }
        SimpleDateFormat iso = dateFormat("yyyy-MM-dd");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("date");
            for (Column c : cols) {
                w.write(',');
                w.write(org.jurisim.output.Csv.cell(c.header()));
            }
            w.write('\n');
            for (Map.Entry<Double, double[]> r : rows.entrySet()) {
                w.write(iso.format(new java.util.Date(r.getKey().longValue())));
                for (double v : r.getValue()) {
                    w.write(',');
                    if (!Double.isNaN(v)) {
                        w.write(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v));
                    }
                }
                w.write('\n');
            }
        }
    }

    private static void mkdirs(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    /** 1.2K, 3.4M, 5.6B: compact tick labels for money and population axes. */
    static final class Compact extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
            double a = Math.abs(v);
            String s;
            if (a >= 1e9) {
                s = trim(v / 1e9) + "B";
            } else if (a >= 1e6) {
                s = trim(v / 1e6) + "M";
            } else if (a >= 1e3) {
                s = trim(v / 1e3) + "K";
            } else {
                s = trim(v);
            }
            return to.append(s);
        }

        private static String trim(double v) {
            return new DecimalFormat("#,##0.##", java.text.DecimalFormatSymbols.getInstance(Locale.US)).format(v);
        }

        @Override
        public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
            return format((double) v, to, pos);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            return null;
        }
    }
}
