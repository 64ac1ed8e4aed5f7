package org.jurisim.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dialog;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.GridLayout;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import javax.swing.BorderFactory;
import javax.swing.DefaultListModel;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JPopupMenu;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.KeyStroke;
import javax.swing.ListSelectionModel;
import javax.swing.SwingUtilities;
import javax.swing.SwingWorker;
import javax.swing.Timer;
import javax.swing.WindowConstants;
import javax.swing.filechooser.FileNameExtensionFilter;
import javax.swing.table.DefaultTableModel;
import org.jfree.chart.ChartMouseEvent;
import org.jfree.chart.ChartMouseListener;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.entity.LegendItemEntity;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Problem;
import org.jurisim.metrics.MetricDef;
import org.jurisim.model.JuriSimModel;
import org.jurisim.model.Jurisdiction;
import org.jurisim.model.Metrics;
import org.jurisim.output.SeriesTable;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioLoader;
import sim.display.Console;

/**
 * The dashboard window beside MASON's Console: live charts, the state map with jurisdiction inspectors,
 * the policy levers, the interventions, run overlays and export. The model's rows reach the charts
 * through a {@link LiveSink} drained by a Swing timer, so neither side waits for the other.
 */
public final class Dashboard {

    /** How often the charts take in new rows. */
    static final int DRAIN_MILLIS = 200;
    /** How often the map, the inspector, the levers and the markers refresh. */
    static final int SLOW_MILLIS = 500;
    /** Most overlaid runs kept (the oldest goes first). */
    static final int MAX_OVERLAYS = 6;

    private final JuriSimGui gui;
    private final Console console;
    private final JFrame frame = new JFrame("JuriSim dashboard");
    private final JTabbedPane tabs = new JTabbedPane();
    private final JPanel chartGrid = new WidthTrackingPanel(new GridLayout(0, 2, 6, 6));
    private final List<LiveChart> charts = new ArrayList<>();
    private final List<Overlay> overlays = new ArrayList<>();
    private final JMenu overlayMenu = new JMenu("Overlays");
    private final JMenu recentMenu = new JMenu("Recent scenarios");
    private final JMenu exportMenu = new JMenu("Export");
    private final RecentFiles recent = new RecentFiles();
    private final CountyMapPanel map = new CountyMapPanel();
    private final DefaultListModel<String> stateJurisdictions = new DefaultListModel<>();
    private final JList<String> jurisdictionList = new JList<>(stateJurisdictions);
    private final JLabel stateTitle = new JLabel("Click a county on the map");
    private final JPanel inspectorHolder = new JPanel(new BorderLayout());
    private final DefaultTableModel changesModel = new DefaultTableModel(
            new Object[] {"Day", "Date", "Kind", "Parameter or jurisdiction", "Old value", "New value"}, 0) {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean isCellEditable(int r, int c) {
            return false;
        }
    };
    private final JLabel status = new JLabel(" ");
    /** Why the current run stopped early (shown in the status bar until the next run), or null. */
    private JuriSimGui.RunFailure failure;
    private ParameterPanel params;
    private final JPanel paramsHolder = new JPanel(new BorderLayout());
    private JurisdictionInspector inspector;
    private RunSeries current;
    private LiveSink sink;
    private JuriSimModel model;
    private int overlayCounter;
    private int markedChanges = -1;
    private LiveChart selectedChart;
    private final EdtMonitor monitor = new EdtMonitor();
    private long rateDay0 = -1;
    private long rateNanos0;
    private double daysPerSecond;
    private final Timer drainTimer;
    private final Timer slowTimer;

    Dashboard(JuriSimGui gui, Console console) {
        this.gui = gui;
        this.console = console;
        frame.setName("dashboard");
        frame.setDefaultCloseOperation(JFrame.HIDE_ON_CLOSE);
        frame.setJMenuBar(menus());
        buildCharts();
        JScrollPane chartScroll = new JScrollPane(chartGrid);
        chartScroll.getVerticalScrollBar().setUnitIncrement(24);
        tabs.setName("tabs");
        tabs.addTab("Charts", chartScroll);
        tabs.addTab("Map", mapTab());
        tabs.addTab("Interventions", changesTab());
        params = new ParameterPanel(gui);
        paramsHolder.add(params, BorderLayout.CENTER);
        paramsHolder.setMinimumSize(new Dimension(330, 200));
        paramsHolder.setPreferredSize(new Dimension(350, 600));
        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, tabs, paramsHolder);
        split.setResizeWeight(1.0);
        split.setContinuousLayout(true);
        frame.getContentPane().add(split, BorderLayout.CENTER);
        status.setName("status");
        status.setBorder(BorderFactory.createEmptyBorder(3, 8, 3, 8));
        status.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        frame.getContentPane().add(status, BorderLayout.SOUTH);
        tweakConsole();
        gui.addRunListener(new JuriSimGui.RunListener() {
            @Override
            public void runStarted(JuriSimModel m, LiveSink s, int run) {
                onEdt(() -> bindRun(m, s, run));
            }

            @Override
            public void runFinished(JuriSimModel m, int run) {
                onEdt(() -> {
                    drain();
                    slowRefresh();
                });
            }

            @Override
            public void runFailed(JuriSimModel m, int run, JuriSimGui.RunFailure f) {
                // always later: this may be called inside step() on the event thread, holding the schedule's lock
                SwingUtilities.invokeLater(() -> showRunFailure(f));
            }
        });
        drainTimer = new Timer(DRAIN_MILLIS, e -> drain());
        slowTimer = new Timer(SLOW_MILLIS, e -> slowRefresh());
        drainTimer.start();
        slowTimer.start();
        monitor.start();
        updateSubtitles();
        slowRefresh();
        console.registerFrame(frame);
        this.split = split;
        placeBesideConsole();
        frame.setVisible(true);
    }

    private JSplitPane split;

    /**
     * Puts the dashboard beside the Console, within the screen. MASON moves registered frames itself when
     * its Console appears, so {@link Launcher} calls this again once the Console is showing.
     */
    void placeBesideConsole() {
        java.awt.Rectangle screen = java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
        int x = Math.max(0, Math.min(console.getX() + console.getWidth() + 8, screen.width - 1180));
        frame.setSize(Math.min(1400, screen.width - x), Math.min(960, screen.height));
        frame.setLocation(screen.x + x, screen.y);
        frame.validate();
        split.setDividerLocation(Math.max(400, frame.getWidth() - 370));
    }

    private static void onEdt(Runnable r) {
        if (SwingUtilities.isEventDispatchThread()) {
            r.run();
        } else {
            SwingUtilities.invokeLater(r);
        }
    }

    // ------------------------------------------------------------------ console

    /**
     * The Console keeps play/pause/step/stop, speed and seed. Its checkpoint items (open/save a serialized
     * model) are removed: the dashboard saves scenarios instead. The seed stays put between runs so a re-run
     * after a tweak is comparable.
     */
    private void tweakConsole() {
        console.setNewMenuAllowed(false);
        console.setIncrementSeedOnStop(false);
        JMenuBar bar = console.getJMenuBar();
        if (bar != null) {
            for (int i = 0; i < bar.getMenuCount(); i++) {
                JMenu m = bar.getMenu(i);
                if (m == null) {
                    continue;
                }
                for (int k = m.getItemCount() - 1; k >= 0; k--) {
                    JMenuItem it = m.getItem(k);
                    if (it != null && it.getText() != null && (it.getText().startsWith("New Simulation") || it.getText().startsWith("Open")
                            || it.getText().startsWith("Save") || it.getText().startsWith("Load Saved"))) {
                        m.remove(k);
                    }
                }
                if ("File".equals(m.getText())) {
                    JMenuItem show = new JMenuItem("Show dashboard");
                    show.addActionListener(e -> {
                        frame.setVisible(true);
                        frame.toFront();
                    });
                    m.insert(show, 0);
                }
            }
        }
        console.setTitle("JuriSim \u2014 " + gui.scenario().name());
    }

    /** Sets the Console's seed field (MASON has no public setter for it). */
    private void setConsoleSeed(long seed) {
        try {
            java.lang.reflect.Field f = Console.class.getDeclaredField("randomSeed");
            f.setAccessible(true);
            f.setLong(console, seed);
            java.lang.reflect.Field rf = Console.class.getDeclaredField("randomField");
            rf.setAccessible(true);
            Object field = rf.get(console);
            field.getClass().getMethod("setValue", String.class).invoke(field, Long.toString(seed));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // the model keeps the scenario's seed; the Console may show the old one
        }
        gui.state.setSeed(seed);
    }

    // ------------------------------------------------------------------ menus

    private JMenuBar menus() {
        JMenuBar bar = new JMenuBar();
        JMenu file = new JMenu("File");
        file.setMnemonic(KeyEvent.VK_F);
        file.add(item("Open scenario...", KeyEvent.VK_O, e -> openScenarioDialog()));
        file.add(recentMenu);
        rebuildRecent();
        file.add(item("Save scenario as...", KeyEvent.VK_S, e -> saveScenarioDialog()));
        file.addSeparator();
        file.add(item("Open run directory...", KeyEvent.VK_D, e -> openRunDirectoryDialog()));
        file.add(exportMenu);
        file.addSeparator();
        file.add(item("Quit", KeyEvent.VK_Q, e -> Console.doQuit()));
        bar.add(file);
        JMenu runMenu = new JMenu("Run");
        runMenu.add(item("Pin run", KeyEvent.VK_P, e -> pinRun()));
        runMenu.add(overlayMenu);
        rebuildOverlayMenu();
        bar.add(runMenu);
        JMenu view = new JMenu("View");
        view.add(item("Charts", 0, e -> tabs.setSelectedIndex(0)));
        view.add(item("Map", 0, e -> tabs.setSelectedIndex(1)));
        view.add(item("Interventions", 0, e -> tabs.setSelectedIndex(2)));
        view.addSeparator();
        view.add(item("Show MASON console", 0, e -> console.toFront()));
        bar.add(view);
        return bar;
    }

    private static JMenuItem item(String text, int key, java.awt.event.ActionListener l) {
        JMenuItem it = new JMenuItem(text);
        it.setName("menu:" + text);
        if (key != 0) {
            it.setAccelerator(KeyStroke.getKeyStroke(key, java.awt.Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx()));
        }
        it.addActionListener(l);
        return it;
    }

    private void rebuildRecent() {
        recentMenu.removeAll();
        List<Path> l = recent.list();
        if (l.isEmpty()) {
            JMenuItem none = new JMenuItem("(none yet)");
            none.setEnabled(false);
            recentMenu.add(none);
        }
        for (Path p : l) {
            JMenuItem it = new JMenuItem(p.getFileName() + "  \u2014  " + p.getParent());
            it.setToolTipText(p.toString());
            it.addActionListener(e -> {
                if (!Files.isRegularFile(p)) {
                    recent.remove(p);
                    rebuildRecent();
                    JOptionPane.showMessageDialog(frame, p + ": no such file (removed from the list).", "Recent scenarios",
                            JOptionPane.WARNING_MESSAGE);
                    return;
                }
                openScenario(p);
            });
            recentMenu.add(it);
        }
    }

    private void rebuildExportMenu() {
        exportMenu.removeAll();
        for (LiveChart c : charts) {
            JMenu m = new JMenu(c.title());
            m.add(exportItem(c, "PNG image...", "png"));
            m.add(exportItem(c, "SVG image...", "svg"));
            m.add(exportItem(c, "Series as CSV...", "csv"));
            exportMenu.add(m);
        }
        exportMenu.addSeparator();
        JMenuItem all = new JMenuItem("All charts (PNG, SVG, CSV) to a folder...");
        all.addActionListener(e -> exportAllDialog());
        exportMenu.add(all);
    }

    private JMenuItem exportItem(LiveChart c, String text, String ext) {
        JMenuItem it = new JMenuItem(text);
        it.setName("export:" + c.id() + ":" + ext);
        it.addActionListener(e -> exportDialog(c, ext));
        return it;
    }

    private void rebuildOverlayMenu() {
        overlayMenu.removeAll();
        if (overlays.isEmpty()) {
            JMenuItem none = new JMenuItem("(no overlaid runs: Pin run, or File > Open run directory)");
            none.setEnabled(false);
            overlayMenu.add(none);
            return;
        }
        for (Overlay o : overlays) {
            JCheckBoxMenuItem it = new JCheckBoxMenuItem(o.label(), o.visible());
            it.setName("overlay:" + o.number());
            it.addActionListener(e -> setOverlayVisible(o, it.isSelected()));
            overlayMenu.add(it);
        }
        overlayMenu.addSeparator();
        JMenuItem clear = new JMenuItem("Remove all overlays");
        clear.addActionListener(e -> {
            overlays.clear();
            overlaysChanged();
        });
        overlayMenu.add(clear);
    }

    // ------------------------------------------------------------------ charts

    private void buildCharts() {
        chartGrid.removeAll();
        charts.clear();
        List<String> policies = gui.model().policyNames();
        List<MetricDef> defs = Metrics.definitions(policies);
        for (ChartSpecs.ChartSpec spec : ChartSpecs.build(defs, policies, gui.scenario().metrics().rollingWindowDays())) {
            LiveChart c = new LiveChart(spec);
            charts.add(c);
            ChartPanel p = c.panel();
            JPopupMenu pop = p.getPopupMenu();
            pop.addSeparator();
            pop.add(exportItem(c, "Export PNG...", "png"));
            pop.add(exportItem(c, "Export SVG...", "svg"));
            pop.add(exportItem(c, "Export series as CSV...", "csv"));
            JMenuItem big = new JMenuItem("Open in a window");
            big.addActionListener(e -> openChartWindow(c));
            pop.add(big);
            p.addChartMouseListener(new ChartMouseListener() {
                @Override
                public void chartMouseClicked(ChartMouseEvent e) {
                    selectedChart = c;
                    if (e.getEntity() instanceof LegendItemEntity le && le.getSeriesKey() != null
                            && le.getSeriesKey().toString().startsWith("overlay:")) {
                        int n = Integer.parseInt(le.getSeriesKey().toString().substring("overlay:".length()));
                        overlays.stream().filter(o -> o.number() == n).findFirst().ifPresent(o -> setOverlayVisible(o, !o.visible()));
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
                        openChartWindow(c);
                    }
                }
            });
            chartGrid.add(p);
            c.setOverlays(overlays);
            if (current != null) {
                c.setRun(current);
            }
        }
        rebuildExportMenu();
        chartGrid.revalidate();
        chartGrid.repaint();
    }

    private void openChartWindow(LiveChart c) {
        JFrame f = new JFrame(c.title() + " \u2014 JuriSim");
        ChartPanel p = new ChartPanel(c.chart(), 1000, 600, 200, 150, 4000, 3000, true, false, true, false, true, true, true);
        p.setMouseWheelEnabled(true);
        f.getContentPane().add(p);
        f.setSize(1100, 650);
        f.setLocationRelativeTo(frame);
        f.setDefaultCloseOperation(JFrame.DISPOSE_ON_CLOSE);
        f.setVisible(true);
    }

    private void updateSubtitles() {
        Scenario s = gui.scenario();
        String sub = s.name() + "  \u00b7  " + s.jurisdictions().size() + " jurisdictions  \u00b7  seed " + gui.model().seed()
                + (gui.runNumber() > 0 ? "  \u00b7  run " + gui.runNumber() : "");
        charts.forEach(c -> c.setSubtitle(sub));
    }

    private void bindRun(JuriSimModel m, LiveSink s, int run) {
        this.model = m;
        this.sink = s;
        failure = null;
        status.setForeground(null);
        status.setToolTipText(null);
        List<String> names = new ArrayList<>();
        for (MetricDef d : s.columns()) {
            names.add(d.name());
        }
        current = new RunSeries("Run " + run + " (seed " + m.seed() + ")", names, ChartSpecs.CUMULATIVE, m.policyNames(),
                RunSeries.DEFAULT_CAPACITY);
        charts.forEach(c -> c.setRun(current));
        markedChanges = -1;
        rateDay0 = -1;
        monitor.reset();
        params.reset();
        updateSubtitles();
        if (inspector != null) {
            showInspector(inspector.key());
        }
        drain();
    }

    /** Takes the rows the model recorded since the last call into the charts (one repaint per chart). */
    void drain() {
        LiveSink s = sink;
        if (s == null || current == null) {
            return;
        }
        List<LiveSink.Row> rows = s.drain();
        if (rows.isEmpty()) {
            return;
        }
        for (LiveSink.Row r : rows) {
            current.append(r.date(), r.values());
        }
        charts.forEach(LiveChart::dataChanged);
        long last = rows.get(rows.size() - 1).day();
        long now = System.nanoTime();
        if (rateDay0 < 0) {
            rateDay0 = last;
            rateNanos0 = now;
        } else if (now - rateNanos0 > 1_000_000_000L) {
            daysPerSecond = (last - rateDay0) / ((now - rateNanos0) / 1e9);
            rateDay0 = last;
            rateNanos0 = now;
        }
        updateStatus();
    }

    /**
     * A run that failed: the Console is stopped, the days run so far stay on the charts, and the located
     * message goes to the status bar and to a modal dialog (no stack trace: an internal error's is in the
     * log file the message names).
     */
    private void showRunFailure(JuriSimGui.RunFailure f) {
        if (console.getPlayState() != Console.PS_STOPPED) {
            console.pressStop();
        }
        drain();
        slowRefresh();
        failure = f;
        updateStatus();
        String headline = f.internal()
                ? "The run stopped on day " + f.day() + " (" + gui.scenario().dateOf(f.day()) + ") on an internal error:"
                : "The run stopped on day " + f.day() + " (" + gui.scenario().dateOf(f.day()) + "): a rule failed.";
        showText("Run stopped", headline, f.message(), "runFailure");
    }

    /** Why the current run stopped early, or null. */
    public JuriSimGui.RunFailure runFailure() {
        return failure;
    }

    /** The status bar's text. */
    public String statusText() {
        return status.getText();
    }

    private void updateStatus() {
        if (failure != null) {
            String first = failure.message().lines().findFirst().orElse("");
            status.setText("Run stopped on day " + failure.day() + ": " + first);
            status.setToolTipText(failure.message());
            status.setForeground(new Color(0xB0, 0x00, 0x20));
            return;
        }
        Scenario s = gui.scenario();
        long days = current == null ? 0 : current.daysSeen();
        String date = days == 0 ? s.start().toString() : s.dateOf(days - 1).toString();
        status.setText(String.format(java.util.Locale.US,
                "%s  \u00b7  %s  \u00b7  day %,d of %,d  \u00b7  %,d jurisdictions  \u00b7  %.0f days/s  \u00b7  UI stall max %d ms  \u00b7  %d intervention(s)  \u00b7  %d overlay(s)",
                s.name(), date, days, s.days(), s.jurisdictions().size(), gui.running() ? daysPerSecond : 0.0,
                monitor.maxStallMillis(), Math.max(0, markedChanges), overlays.size()));
    }

    private void slowRefresh() {
        JuriSimModel m = gui.model();
        map.refresh(m);
        if (inspector != null) {
            inspector.updateInspector();
        }
        params.refresh();
        if (m.parameters() != null) {
            List<Change> changes = gui.changes();
            if (changes.size() != markedChanges) {
                markedChanges = changes.size();
                Map<Long, List<String>> byDay = new LinkedHashMap<>();
                for (Change c : changes) {
                    byDay.computeIfAbsent(c.day(), d -> new ArrayList<>()).add(c.shortLabel());
                }
                List<LiveChart.Mark> marks = new ArrayList<>();
                byDay.forEach((d, labels) -> marks.add(new LiveChart.Mark(d, RunSeries.millis(gui.scenario().dateOf(d)),
                        String.join("; ", labels))));
                charts.forEach(c -> c.setMarks(marks));
                changesModel.setRowCount(0);
                for (Change c : changes) {
                    changesModel.addRow(new Object[] {c.day(), c.date().toString(), c.kind(), c.target(), Change.text(c.oldValue()),
                        Change.text(c.newValue())});
                }
            }
        }
        updateStatus();
    }

    // ------------------------------------------------------------------ overlays

    /** Keeps the current run's series as faded lines under the next runs. */
    public void pinRun() {
        drain();
        if (current == null || current.size() == 0) {
            JOptionPane.showMessageDialog(frame, "Nothing to pin yet: run the model first.", "Pin run", JOptionPane.INFORMATION_MESSAGE);
            return;
        }
        addOverlay("Pinned: " + current.name().replace(")", "; " + current.daysSeen() + " days)"), current.copy());
    }

    /** Overlays a headless run's timeseries.csv. */
    public void openRunDirectory(Path dir) throws IOException {
        Path csv = Files.isDirectory(dir) ? dir.resolve("timeseries.csv") : dir;
        if (!Files.isRegularFile(csv)) {
            throw new IOException(dir + ": no timeseries.csv (is this a run directory?)");
        }
        SeriesTable t = SeriesTable.read(csv);
        Path runDir = csv.toAbsolutePath().getParent();
        String label = "Run directory " + runDir.getFileName();
        Path manifest = runDir.resolve("manifest.json");
        if (Files.isRegularFile(manifest)) {
            try {
                JsonNode mf = new ObjectMapper().readTree(manifest.toFile());
                label += " (" + mf.path("scenario").path("name").asText("?") + ", seed " + mf.path("seed").asText("?") + ")";
            } catch (IOException e) {
                // the label just lacks the details
            }
        }
        addOverlay(label, RunSeries.of(label, t, ChartSpecs.CUMULATIVE, gui.model().policyNames(), RunSeries.DEFAULT_CAPACITY));
    }

    private void addOverlay(String label, RunSeries series) {
        overlays.add(new Overlay(++overlayCounter, label, series));
        while (overlays.size() > MAX_OVERLAYS) {
            overlays.remove(0);
        }
        overlaysChanged();
    }

    private void setOverlayVisible(Overlay o, boolean v) {
        o.setVisible(v);
        overlaysChanged();
    }

    private void overlaysChanged() {
        charts.forEach(c -> c.setOverlays(overlays));
        rebuildOverlayMenu();
        updateStatus();
    }

    public List<Overlay> overlays() {
        return List.copyOf(overlays);
    }

    // ------------------------------------------------------------------ map tab

    private Component mapTab() {
        JComboBox<CountyMapPanel.Mode> mode = new JComboBox<>(CountyMapPanel.Mode.values());
        mode.setName("mapMode");
        mode.addActionListener(e -> map.setMode((CountyMapPanel.Mode) mode.getSelectedItem()));
        JPanel left = new JPanel(new BorderLayout());
        JPanel top = new JPanel(new java.awt.FlowLayout(java.awt.FlowLayout.LEFT));
        top.add(new JLabel("Colour counties by:"));
        top.add(mode);
        JButton reset = new JButton("Whole country");
        reset.setName("mapReset");
        reset.setToolTipText("Reset zoom and pan (or double-click the map)");
        reset.addActionListener(e -> map.resetView());
        top.add(reset);
        left.add(top, BorderLayout.NORTH);
        left.add(map, BorderLayout.CENTER);
        map.setOnSelect(this::selectJurisdiction);
        map.setOnSelectState(this::showState);
        jurisdictionList.setName("jurisdictionList");
        jurisdictionList.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        jurisdictionList.setCellRenderer(new javax.swing.DefaultListCellRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Component getListCellRendererComponent(JList<?> list, Object value, int index, boolean sel, boolean focus) {
                JLabel l = (JLabel) super.getListCellRendererComponent(list, value, index, sel, focus);
                Jurisdiction j = find(String.valueOf(value));
                if (j != null) {
                    List<String> pol = gui.model().policyNames();
                    String inForce = pol.get(j.effectivePolicyIndex());
                    l.setIcon(PolicyCellRenderer.swatch(Palette.policy(inForce, pol)));
                    l.setText(value + "   (" + inForce + ", " + new DecimalFormat("#,##0", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)).format(j.getPopulation()) + ")");
                }
                return l;
            }
        });
        jurisdictionList.addListSelectionListener(e -> {
            if (!e.getValueIsAdjusting() && jurisdictionList.getSelectedValue() != null) {
                showInspector(jurisdictionList.getSelectedValue());
            }
        });
        stateTitle.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        stateTitle.setBorder(BorderFactory.createEmptyBorder(4, 6, 4, 6));
        JPanel listPanel = new JPanel(new BorderLayout());
        listPanel.add(stateTitle, BorderLayout.NORTH);
        listPanel.add(new JScrollPane(jurisdictionList), BorderLayout.CENTER);
        JLabel hint = new JLabel("  Click a county or a city to inspect it.");
        hint.setForeground(Color.DARK_GRAY);
        inspectorHolder.add(hint, BorderLayout.CENTER);
        JSplitPane right = new JSplitPane(JSplitPane.VERTICAL_SPLIT, listPanel, inspectorHolder);
        right.setResizeWeight(0.2);
        right.setDividerLocation(170);
        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, left, right);
        split.setResizeWeight(0.55);
        return split;
    }

    private Jurisdiction find(String key) {
        JuriSimModel m = gui.model();
        return m.parameters() == null ? null : m.jurisdiction(key);
    }

    private void showState(String code) {
        stateJurisdictions.clear();
        JuriSimModel m = gui.model();
        List<org.jurisim.scenario.JurisdictionSpec> specs = new ArrayList<>();
        for (var s : gui.scenario().jurisdictions()) {
            if (s.state().equals(code)) {
                specs.add(s);
            }
        }
        specs.sort(Comparator.comparingLong(org.jurisim.scenario.JurisdictionSpec::population).reversed());
        specs.forEach(s -> stateJurisdictions.addElement(s.key()));
        String name = org.jurisim.reference.UsReference.load().state(code).map(org.jurisim.reference.State::name).orElse(code);
        stateTitle.setText(name + ": " + specs.size() + " jurisdiction" + (specs.size() == 1 ? "" : "s")
                + (m.parameters() == null ? " (start the run to inspect them)" : ""));
    }

    /** A jurisdiction clicked on the map: its state's list, with it selected, and its inspector. */
    private void selectJurisdiction(String key) {
        Jurisdiction j = find(key);
        String state = j != null ? j.getState() : gui.scenario().jurisdictions().stream().filter(s -> s.key().equals(key))
                .map(org.jurisim.scenario.JurisdictionSpec::state).findFirst().orElse(null);
        if (state != null) {
            showState(state);
        }
        jurisdictionList.setSelectedValue(key, true);
        if (!key.equals(jurisdictionList.getSelectedValue())) {
            showInspector(key);
        }
    }

    /** Opens a jurisdiction's inspector in the map tab. */
    public void showInspector(String key) {
        map.highlight(key);
        inspectorHolder.removeAll();
        if (gui.model().parameters() == null) {
            inspectorHolder.add(new JLabel("  Start the run to inspect " + key + "."), BorderLayout.CENTER);
            inspector = null;
        } else {
            inspector = new JurisdictionInspector(gui, key);
            inspectorHolder.add(inspector, BorderLayout.CENTER);
        }
        inspectorHolder.revalidate();
        inspectorHolder.repaint();
    }

    // ------------------------------------------------------------------ interventions tab

    private Component changesTab() {
        JTable t = new JTable(changesModel);
        t.setName("changesTable");
        t.setFillsViewportHeight(true);
        t.getColumnModel().getColumn(3).setPreferredWidth(260);
        JPanel p = new JPanel(new BorderLayout());
        JLabel l = new JLabel("  Changes made in this run, in the order they took effect (start of the day shown). "
                + "File > Save scenario as... writes them as dated events.");
        l.setBorder(BorderFactory.createEmptyBorder(4, 0, 4, 0));
        p.add(l, BorderLayout.NORTH);
        p.add(new JScrollPane(t), BorderLayout.CENTER);
        return p;
    }

    // ------------------------------------------------------------------ files

    private JFileChooser chooser(String title, boolean dirs) {
        JFileChooser fc = new JFileChooser(gui.scenarioFile() == null ? Path.of(".").toFile()
                : gui.scenarioFile().toAbsolutePath().getParent().toFile());
        fc.setDialogTitle(title);
        fc.setName("chooser");
        if (dirs) {
            fc.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
        }
        TypedPaths.install(fc);
        return fc;
    }

    private void openScenarioDialog() {
        JFileChooser fc = chooser("Open scenario", false);
        fc.setFileFilter(new FileNameExtensionFilter("Scenario files (*.yaml, *.yml)", "yaml", "yml"));
        if (fc.showOpenDialog(frame) == JFileChooser.APPROVE_OPTION) {
            openScenario(TypedPaths.chosen(fc));
        }
    }

    /** How long a load may take before its progress dialog shows. */
    static final int LOADING_DIALOG_DELAY_MILLIS = 300;

    /** The scenario load under way (null when none): only its result is used, an abandoned one's is discarded. */
    private SwingWorker<Scenario, Void> loading;
    private Timer loadingDialogTimer;
    private JDialog loadingDialog;

    /**
     * Loads a scenario off the event thread and, when it is read, makes it current (stopping a run under way).
     * A load that takes longer than {@value #LOADING_DIALOG_DELAY_MILLIS} ms shows a progress dialog whose
     * Cancel abandons it; an abandoned load (Cancel, or another open started meanwhile) changes nothing.
     * Problems in the file are shown in a dialog, one line each as FILE:LINE:COLUMN: field: message; the current
     * scenario stays. Call on the event thread.
     */
    public void openScenario(Path file) {
        cancelLoading();
        SwingWorker<Scenario, Void> worker = new SwingWorker<>() {
            @Override
            protected Scenario doInBackground() throws BadInputException {
                return ScenarioLoader.load(file, List.of());
            }

            @Override
            protected void done() {
                if (loading != this) {
                    return; // abandoned: the result is discarded
                }
                loading = null;
                endLoading();
                Scenario s;
                try {
                    s = get();
                } catch (CancellationException | InterruptedException e) {
                    return;
                } catch (ExecutionException e) {
                    showLoadProblem(file, e.getCause());
                    return;
                }
                scenarioLoaded(s, file);
            }
        };
        loading = worker;
        loadingDialogTimer = new Timer(LOADING_DIALOG_DELAY_MILLIS, e -> {
            if (loading == worker) {
                showLoadingDialog(file);
            }
        });
        loadingDialogTimer.setRepeats(false);
        loadingDialogTimer.start();
        worker.execute();
    }

    /** Whether a scenario is being loaded (on the event thread). */
    public boolean isLoadingScenario() {
        return loading != null;
    }

    /** Abandons the scenario load under way, if any: its thread is interrupted and its result discarded. */
    public void cancelLoading() {
        SwingWorker<Scenario, Void> w = loading;
        if (w == null) {
            return;
        }
        loading = null;
        endLoading();
        w.cancel(true);
    }

    private void endLoading() {
        if (loadingDialogTimer != null) {
            loadingDialogTimer.stop();
            loadingDialogTimer = null;
        }
        if (loadingDialog != null) {
            loadingDialog.dispose();
            loadingDialog = null;
        }
    }

    private void showLoadingDialog(Path file) {
        JDialog d = new JDialog(frame, "Opening scenario", Dialog.ModalityType.MODELESS);
        d.setName("loadingDialog");
        d.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        d.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                cancelLoading();
            }
        });
        JProgressBar bar = new JProgressBar();
        bar.setName("loadingProgress");
        bar.setIndeterminate(true);
        JButton cancel = new JButton("Cancel");
        cancel.setName("cancelLoading");
        cancel.addActionListener(e -> cancelLoading());
        JLabel label = new JLabel("Loading " + file.getFileName() + "...");
        label.setName("loadingFile");
        label.setToolTipText(file.toAbsolutePath().toString());
        JPanel p = new JPanel(new BorderLayout(0, 8));
        p.setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        p.add(label, BorderLayout.NORTH);
        p.add(bar, BorderLayout.CENTER);
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 0, 0));
        buttons.add(cancel);
        p.add(buttons, BorderLayout.SOUTH);
        d.setContentPane(p);
        d.pack();
        d.setSize(Math.max(360, d.getWidth()), d.getHeight());
        d.setLocationRelativeTo(frame);
        loadingDialog = d;
        d.setVisible(true);
    }

    private void showLoadProblem(Path file, Throwable t) {
        if (t instanceof BadInputException e) {
            StringBuilder sb = new StringBuilder();
            for (Problem p : e.problems()) {
                sb.append(p.format()).append('\n');
            }
            showProblems("The scenario has " + e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s")
                    + " and was not opened:", sb.toString());
        } else {
            showProblems("The scenario could not be opened:", file + ": " + (t instanceof OutOfMemoryError
                    ? "not enough memory to load it" : t.getMessage()));
        }
    }

    /** Makes a loaded scenario current (on the event thread). */
    private void scenarioLoaded(Scenario s, Path file) {
        if (console.getPlayState() != Console.PS_STOPPED) {
            console.pressStop();
        }
        gui.setScenario(s, file);
        failure = null;
        status.setForeground(null);
        status.setToolTipText(null);
        setConsoleSeed(s.seed());
        sink = null;
        current = null;
        model = null;
        recent.add(file);
        rebuildRecent();
        buildCharts();
        paramsHolder.removeAll();
        params = new ParameterPanel(gui);
        paramsHolder.add(params, BorderLayout.CENTER);
        paramsHolder.revalidate();
        inspector = null;
        inspectorHolder.removeAll();
        inspectorHolder.revalidate();
        stateJurisdictions.clear();
        markedChanges = -1;
        changesModel.setRowCount(0);
        console.setTitle("JuriSim \u2014 " + s.name());
        updateSubtitles();
        slowRefresh();
    }

    private void showProblems(String headline, String text) {
        showText("Scenario problems", headline, text, "problems");
    }

    private void showText(String title, String headline, String text, String name) {
        JTextArea area = new JTextArea(text);
        area.setName(name);
        if (!"problems".equals(name)) {
            area.setLineWrap(true);
            area.setWrapStyleWord(true);
        }
        area.setEditable(false);
        area.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
        area.setRows(Math.min(16, Math.max(3, text.split("\n").length + 1)));
        area.setColumns(90);
        JPanel p = new JPanel(new BorderLayout(0, 6));
        p.add(new JLabel(headline), BorderLayout.NORTH);
        p.add(new JScrollPane(area), BorderLayout.CENTER);
        JOptionPane.showMessageDialog(frame, p, title, JOptionPane.ERROR_MESSAGE);
    }

    private void saveScenarioDialog() {
        JFileChooser fc = chooser("Save scenario as", false);
        fc.setFileFilter(new FileNameExtensionFilter("Scenario files (*.yaml)", "yaml", "yml"));
        if (fc.showSaveDialog(frame) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        Path p = TypedPaths.chosen(fc);
        if (!p.getFileName().toString().matches(".*\\.ya?ml")) {
            p = p.resolveSibling(p.getFileName() + ".yaml");
        }
        try {
            saveScenario(p);
        } catch (IOException e) {
            JOptionPane.showMessageDialog(frame, "Could not write " + p + ": " + e.getMessage(), "Save scenario", JOptionPane.ERROR_MESSAGE);
        }
    }

    /** Writes the scenario with this run's seed and changes as dated events. */
    public void saveScenario(Path p) throws IOException {
        List<Change> changes = gui.model().parameters() == null ? List.of() : gui.changes();
        ScenarioWriter.write(gui.scenario(), gui.model().seed(), changes, p);
    }

    private void openRunDirectoryDialog() {
        JFileChooser fc = chooser("Open run directory (a folder with timeseries.csv)", true);
        if (fc.showOpenDialog(frame) == JFileChooser.APPROVE_OPTION) {
            try {
                openRunDirectory(TypedPaths.chosen(fc));
            } catch (IOException | RuntimeException e) {
                JOptionPane.showMessageDialog(frame, e.getMessage(), "Open run directory", JOptionPane.ERROR_MESSAGE);
            }
        }
    }

    private void exportDialog(LiveChart c, String ext) {
        JFileChooser fc = chooser("Export " + c.title() + " as " + ext.toUpperCase(java.util.Locale.ROOT), false);
        fc.setSelectedFile(new java.io.File(fc.getCurrentDirectory(), c.id() + "." + ext));
        if (fc.showSaveDialog(frame) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        Path p = TypedPaths.chosen(fc);
        if (!p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith("." + ext)) {
            p = p.resolveSibling(p.getFileName() + "." + ext);
        }
        try {
            export(c, ext, p);
        } catch (IOException e) {
            JOptionPane.showMessageDialog(frame, "Could not write " + p + ": " + e.getMessage(), "Export", JOptionPane.ERROR_MESSAGE);
        }
    }

    void export(LiveChart c, String ext, Path p) throws IOException {
        drain();
        switch (ext) {
            case "png" -> c.exportPng(p);
            case "svg" -> c.exportSvg(p);
            default -> c.exportCsv(p);
        }
    }

    private void exportAllDialog() {
        JFileChooser fc = chooser("Export all charts to a folder", true);
        if (fc.showSaveDialog(frame) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        Path dir = TypedPaths.chosen(fc);
        try {
            Files.createDirectories(dir);
            for (LiveChart c : charts) {
                for (String ext : List.of("png", "svg", "csv")) {
                    export(c, ext, dir.resolve(c.id() + "." + ext));
                }
            }
        } catch (IOException e) {
            JOptionPane.showMessageDialog(frame, e.getMessage(), "Export", JOptionPane.ERROR_MESSAGE);
        }
    }

    // ------------------------------------------------------------------ accessors (tests, measurements)

    public JFrame frame() {
        return frame;
    }

    public Console console() {
        return console;
    }

    public List<LiveChart> charts() {
        return List.copyOf(charts);
    }

    public LiveChart chart(String id) {
        return charts.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    public RunSeries currentRun() {
        return current;
    }

    public CountyMapPanel map() {
        return map;
    }

    public JurisdictionInspector inspector() {
        return inspector;
    }

    public JTabbedPane tabs() {
        return tabs;
    }

    ParameterPanel parameters() {
        return params;
    }

    /** Longest event-thread stall seen since the run started, ms. */
    public long maxStallMillis() {
        return monitor.maxStallMillis();
    }

    /** Simulated days per second over the last second or so. */
    public double daysPerSecond() {
        return daysPerSecond;
    }

    void dispose() {
        cancelLoading();
        drainTimer.stop();
        slowTimer.stop();
        monitor.stop();
        frame.dispose();
    }

    /** Measures how late a 20 ms Swing timer fires: the event thread's longest stall. */
    static final class EdtMonitor {
        private static final int PERIOD = 20;
        private final Timer timer;
        private long last;
        private volatile long max;

        EdtMonitor() {
            timer = new Timer(PERIOD, e -> tick());
            timer.setCoalesce(false);
        }

        private void tick() {
            long now = System.nanoTime();
            if (last != 0) {
                long late = (now - last) / 1_000_000L - PERIOD;
                if (late > max) {
                    max = late;
                }
            }
            last = now;
        }

        void start() {
            timer.start();
        }

        void stop() {
            timer.stop();
        }

        void reset() {
            max = 0;
            last = 0;
        }

        long maxStallMillis() {
            return max;
        }
    }
}
