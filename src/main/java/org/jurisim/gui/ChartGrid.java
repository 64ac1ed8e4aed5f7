package org.jurisim.gui;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.GridLayout;
import java.awt.Rectangle;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JMenuItem;
import javax.swing.JPanel;
import javax.swing.JPopupMenu;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import org.jfree.chart.ChartMouseEvent;
import org.jfree.chart.ChartMouseListener;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.entity.LegendItemEntity;
import org.jurisim.metrics.MetricDef;
import org.jurisim.model.Metrics;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioEvent;

/**
 * The Charts tab: the scenario's description (its question and expectation) and a row of buttons that bring
 * each chart into view above a grid of the live charts, two to a row, each as tall as half the visible area
 * (at least {@value #MIN_TILE_HEIGHT} px), so that a chart is always seen whole once scrolled to. The mouse
 * wheel scrolls the grid; a chart zooms with Ctrl+wheel or a drag box. Markers: the dashboard's
 * interventions and the scenario's own dated events. Event-thread only.
 */
final class ChartGrid {

    static final int MIN_TILE_HEIGHT = 330;
    private static final int GAP = 6;

    private final Dashboard dashboard;
    private final JPanel grid = new WidthTrackingPanel(new GridLayout(0, 2, GAP, GAP));
    private final JScrollPane scroll = new JScrollPane(grid);
    private final JPanel navigator = new JPanel(new FlowLayout(FlowLayout.LEFT, 4, 2));
    private final JTextArea description = new JTextArea();
    private final JPanel component = new JPanel(new BorderLayout());
    private final List<LiveChart> charts = new ArrayList<>();
    private List<LiveChart.Mark> eventMarks = List.of();
    private List<LiveChart.Mark> interventionMarks = List.of();

    ChartGrid(Dashboard dashboard) {
        this.dashboard = dashboard;
        scroll.setName("chartScroll");
        scroll.getVerticalScrollBar().setUnitIncrement(24);
        scroll.getViewport().addComponentListener(new ComponentAdapter() {
            @Override
            public void componentResized(ComponentEvent e) {
                fitTiles();
            }
        });
        description.setName("scenarioDescription");
        description.setEditable(false);
        description.setLineWrap(true);
        description.setWrapStyleWord(true);
        description.setOpaque(false);
        description.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        description.setBorder(BorderFactory.createEmptyBorder(4, 8, 2, 8));
        navigator.setName("chartNavigator");
        description.setRows(3);
        JScrollPane descScroll = new JScrollPane(description, JScrollPane.VERTICAL_SCROLLBAR_AS_NEEDED, JScrollPane.HORIZONTAL_SCROLLBAR_NEVER);
        descScroll.setBorder(BorderFactory.createEmptyBorder());
        descScroll.setOpaque(false);
        descScroll.getViewport().setOpaque(false);
        descScroll.getVerticalScrollBar().setUnitIncrement(12);
        JPanel top = new JPanel(new BorderLayout());
        top.add(descScroll, BorderLayout.CENTER);
        top.add(navigator, BorderLayout.SOUTH);
        component.add(top, BorderLayout.NORTH);
        component.add(scroll, BorderLayout.CENTER);
    }

    Component component() {
        return component;
    }

    JScrollPane scrollPane() {
        return scroll;
    }

    List<LiveChart> charts() {
        return charts;
    }

    /** The description shown above the charts. */
    String descriptionText() {
        return description.getText();
    }

    /** (Re)builds the charts for the current scenario. */
    void build() {
        grid.removeAll();
        navigator.removeAll();
        charts.clear();
        JuriSimGui gui = dashboard.gui();
        List<String> policies = gui.model().policyNames();
        List<MetricDef> defs = Metrics.definitions(policies);
        JLabel show = new JLabel("Show:");
        show.setFont(show.getFont().deriveFont(Font.PLAIN, 12f));
        navigator.add(show);
        for (ChartSpecs.ChartSpec spec : ChartSpecs.build(defs, policies, gui.scenario().metrics().rollingWindowDays())) {
            LiveChart c = new LiveChart(spec);
            charts.add(c);
            ChartPanel p = c.panel();
            JPopupMenu pop = p.getPopupMenu();
            pop.addSeparator();
            pop.add(dashboard.exporter().item(c, "Export PNG...", "png"));
            pop.add(dashboard.exporter().item(c, "Export SVG...", "svg"));
            pop.add(dashboard.exporter().item(c, "Export series as CSV...", "csv"));
            JMenuItem big = new JMenuItem("Open in a window");
            big.addActionListener(e -> openWindow(c));
            pop.add(big);
            p.addChartMouseListener(new ChartMouseListener() {
                @Override
                public void chartMouseClicked(ChartMouseEvent e) {
                    if (e.getEntity() instanceof LegendItemEntity le && le.getSeriesKey() != null
                            && le.getSeriesKey().toString().startsWith("overlay:")) {
                        dashboard.overlaysPart().toggle(Integer.parseInt(le.getSeriesKey().toString().substring("overlay:".length())));
                    }
                }

                @Override
                public void chartMouseMoved(ChartMouseEvent e) {
                }
            });
            p.addMouseListener(new MouseAdapter() {
                @Override
                public void mouseClicked(MouseEvent e) {
                    if (e.getClickCount() == 2 && SwingUtilities.isLeftMouseButton(e)) {
                        openWindow(c);
                    }
                }
            });
            grid.add(p);
            JButton go = new JButton(shortName(c.id()));
            go.setName("show:" + c.id());
            go.setFont(go.getFont().deriveFont(Font.PLAIN, 11f));
            go.setMargin(new java.awt.Insets(1, 6, 1, 6));
            go.setToolTipText("Scroll to the " + c.title().toLowerCase(java.util.Locale.ROOT) + " chart");
            go.addActionListener(e -> reveal(c));
            navigator.add(go);
            c.setOverlays(dashboard.overlaysPart().list());
            if (dashboard.currentRun() != null) {
                c.setRun(dashboard.currentRun());
            }
        }
        scenarioChanged();
        fitTiles();
        grid.revalidate();
        grid.repaint();
        navigator.revalidate();
    }

    /** The chart's name on its button. */
    static String shortName(String id) {
        return switch (id) {
            case "funds" -> "Grants withheld";
            default -> Character.toUpperCase(id.charAt(0)) + id.substring(1);
        };
    }

    /** Each tile as tall as half the visible area (at least {@value #MIN_TILE_HEIGHT} px). */
    private void fitTiles() {
        int h = Math.max(MIN_TILE_HEIGHT, (scroll.getViewport().getHeight() - GAP) / 2);
        for (LiveChart c : charts) {
            Dimension d = c.panel().getPreferredSize();
            if (d.height != h) {
                c.panel().setPreferredSize(new Dimension(d.width, h));
            }
        }
        grid.revalidate();
    }

    /**
     * Scrolls the grid so that the chart's row is at the top of the view (or as near as the grid's end allows): the
     * chart is whole in view, and a button pressed always moves the view to its chart, even one already partly seen.
     */
    void reveal(LiveChart c) {
        grid.validate();
        Rectangle r = c.panel().getBounds();
        int height = Math.max(r.height, scroll.getViewport().getExtentSize().height);
        grid.scrollRectToVisible(new Rectangle(r.x, r.y, r.width, Math.min(height, grid.getHeight() - r.y)));
    }

    /** Whether the chart's top is the view's top, or the view is scrolled to the grid's end (for tests). */
    boolean atTopOrEnd(LiveChart c) {
        Rectangle view = scroll.getViewport().getViewRect();
        return view.y == c.panel().getY() || view.y + view.height >= grid.getHeight();
    }

    /** Whether the chart is wholly inside the visible part of the grid. */
    boolean wholeInView(LiveChart c) {
        Rectangle view = scroll.getViewport().getViewRect();
        return view.contains(c.panel().getBounds());
    }

    private void openWindow(LiveChart c) {
        JFrame f = new JFrame(c.title() + " \u2014 JuriSim");
        ChartPanel p = new ChartPanel(c.chart(), 1000, 600, 200, 150, 4000, 3000, true, false, true, false, true, true, true);
        p.setMouseWheelEnabled(true);
        f.getContentPane().add(p);
        f.setSize(1100, 650);
        f.setLocationRelativeTo(dashboard.frame());
        f.setDefaultCloseOperation(JFrame.DISPOSE_ON_CLOSE);
        f.setVisible(true);
    }

    void setRun(RunSeries r) {
        charts.forEach(c -> c.setRun(r));
    }

    void setOverlays(List<Overlay> overlays) {
        charts.forEach(c -> c.setOverlays(overlays));
    }

    void dataChanged() {
        charts.forEach(LiveChart::dataChanged);
    }

    /** The subtitle under every chart's title: scenario, size, seed, run. */
    void updateSubtitles() {
        JuriSimGui gui = dashboard.gui();
        Scenario s = gui.scenario();
        String sub = s.name() + "  \u00b7  " + s.jurisdictions().size() + " jurisdictions  \u00b7  seed " + gui.model().seed()
                + (gui.runNumber() > 0 ? "  \u00b7  run " + gui.runNumber() : "");
        charts.forEach(c -> c.setSubtitle(sub));
    }

    /** The scenario's description and its dated events (as markers), for the scenario now open. */
    private void scenarioChanged() {
        Scenario s = dashboard.gui().scenario();
        description.setText(ScenarioSummary.of(s));
        description.setCaretPosition(0); // show it from its first line
        List<LiveChart.Mark> marks = new ArrayList<>();
        for (ScenarioEvent e : s.events()) {
            if (e.on().isBefore(s.start()) || !e.on().isBefore(s.start().plusDays(s.days()))) {
                continue;
            }
            long day = java.time.temporal.ChronoUnit.DAYS.between(s.start(), e.on());
            String text = e.note() == null || e.note().isBlank() ? ScenarioEvent.kindOf(e) : e.note();
            marks.add(new LiveChart.Mark(day, RunSeries.millis(e.on()), text, LiveChart.MarkKind.EVENT, e.on()));
        }
        eventMarks = List.copyOf(marks);
        interventionMarks = List.of();
        applyMarks();
    }

    /** The dashboard's changes in this run, one marker per day. */
    void setInterventions(List<Change> changes) {
        Map<Long, List<Change>> byDay = new LinkedHashMap<>();
        for (Change c : changes) {
            byDay.computeIfAbsent(c.day(), d -> new ArrayList<>()).add(c);
        }
        List<LiveChart.Mark> marks = new ArrayList<>();
        byDay.forEach((d, cs) -> marks.add(new LiveChart.Mark(d, RunSeries.millis(cs.get(0).date()),
                String.join("; ", cs.stream().map(Change::shortLabel).toList()), LiveChart.MarkKind.INTERVENTION, cs.get(0).date())));
        interventionMarks = List.copyOf(marks);
        applyMarks();
    }

    private void applyMarks() {
        List<LiveChart.Mark> all = new ArrayList<>(eventMarks);
        all.addAll(interventionMarks);
        charts.forEach(c -> c.setMarks(all));
    }
}
