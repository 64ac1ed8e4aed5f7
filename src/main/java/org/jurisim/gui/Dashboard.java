package org.jurisim.gui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.table.DefaultTableModel;
import org.jurisim.metrics.MetricDef;
import org.jurisim.model.JuriSimModel;
import org.jurisim.scenario.Scenario;
import sim.display.Console;

/**
 * The dashboard window beside MASON's Console: its frame, the run it shows and the refresh timers. The model's
 * rows reach the charts through a {@link LiveSink} drained by a Swing timer, so neither side waits for the
 * other. Each concern has a class of its own: the menus and file actions ({@link DashboardMenus}), the charts
 * ({@link ChartGrid}), overlaid runs ({@link RunOverlays}), export ({@link ChartExport}), scenario loading
 * ({@link ScenarioLoading}), the map tab ({@link MapTab}), play/pause/stop and speed ({@link RunControls}) and
 * the event-thread watchdog ({@link EdtWatchdog}).
 */
public final class Dashboard {

    /** How often the charts take in new rows. */
    static final int DRAIN_MILLIS = 250;
    /** How often the map, the inspector, the levers and the markers refresh. */
    static final int SLOW_MILLIS = 500;
    /** Most overlaid runs kept (the oldest goes first). */
    static final int MAX_OVERLAYS = RunOverlays.MAX_OVERLAYS;
    /** How long a load may take before its progress dialog shows. */
    static final int LOADING_DIALOG_DELAY_MILLIS = ScenarioLoading.DIALOG_DELAY_MILLIS;

    private final JuriSimGui gui;
    private final Console console;
    private final JFrame frame = new JFrame("JuriSim dashboard");
    private final JTabbedPane tabs = new JTabbedPane();
    private final DefaultTableModel changesModel = new DefaultTableModel(
            new Object[] {"Day", "Date", "Kind", "Parameter or jurisdiction", "Old value", "New value"}, 0) {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean isCellEditable(int r, int c) {
            return false;
        }
    };
    private final JLabel status = new JLabel(" ");
    private final ChartExport exporter = new ChartExport(this);
    private final RunOverlays overlays = new RunOverlays(this);
    private final ChartGrid grid = new ChartGrid(this);
    private final DashboardMenus menus = new DashboardMenus(this);
    private final ScenarioLoading loading = new ScenarioLoading(this);

    ScenarioLoading scenarioLoading() {
        return loading;
    }
    private final MapTab mapTab;
    private final RunControls controls;
    private final EdtWatchdog watchdog = new EdtWatchdog();
    private final JPanel paramsHolder = new JPanel(new BorderLayout());
    private final JSplitPane split;
    /** Why the current run stopped early (shown in the status bar until the next run), or null. */
    private JuriSimGui.RunFailure failure;
    /** A passing message for the status bar (an export done), or null. */
    private String notice;
    private ParameterPanel params;
    private RunSeries current;
    private LiveSink sink;
    private int markedChanges = -1;
    private long rateDay0 = -1;
    private long rateNanos0;
    private double daysPerSecond;
    private final Timer drainTimer;
    private final Timer slowTimer;

    Dashboard(JuriSimGui gui, Console console) {
        this.gui = gui;
        this.console = console;
        this.mapTab = new MapTab(gui);
        this.controls = new RunControls(console);
        frame.setName("dashboard");
        frame.setDefaultCloseOperation(JFrame.HIDE_ON_CLOSE);
        frame.setJMenuBar(menus.build());
        grid.build();
        exporter.rebuildMenu();
        tabs.setName("tabs");
        tabs.addTab("Charts", grid.component());
        tabs.addTab("Map", mapTab.component());
        tabs.addTab("Interventions", changesTab());
        params = new ParameterPanel(gui);
        paramsHolder.add(params, BorderLayout.CENTER);
        paramsHolder.setMinimumSize(new Dimension(330, 200));
        paramsHolder.setPreferredSize(new Dimension(350, 600));
        split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, tabs, paramsHolder);
        split.setResizeWeight(1.0);
        split.setContinuousLayout(true);
        frame.getContentPane().add(controls.component(), BorderLayout.NORTH);
        frame.getContentPane().add(split, BorderLayout.CENTER);
        status.setName("status");
        status.setBorder(BorderFactory.createEmptyBorder(3, 8, 3, 8));
        status.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        frame.getContentPane().add(status, BorderLayout.SOUTH);
        menus.tweakConsole();
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
                    refreshModelTab();
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
        watchdog.start();
        grid.updateSubtitles();
        slowRefresh();
        console.registerFrame(frame);
        placeBesideConsole();
        frame.setVisible(true);
    }

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

    // ------------------------------------------------------------------ runs

    private void bindRun(JuriSimModel m, LiveSink s, int run) {
        this.sink = s;
        failure = null;
        notice = null;
        status.setForeground(null);
        status.setToolTipText(null);
        List<String> names = new java.util.ArrayList<>();
        for (MetricDef d : s.columns()) {
            names.add(d.name());
        }
        current = new RunSeries("Run " + run + " (seed " + m.seed() + ")", names, ChartSpecs.CUMULATIVE, m.policyNames(),
                RunSeries.DEFAULT_CAPACITY);
        grid.setRun(current);
        markedChanges = -1;
        rateDay0 = -1;
        watchdog.reset();
        params.reset();
        grid.updateSubtitles();
        mapTab.runStarted();
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
        grid.dataChanged();
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

    /** A passing message shown in the status bar (until the next run or message). */
    void setNotice(String s) {
        notice = s;
        updateStatus();
    }

    void updateStatus() {
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
        status.setText(String.format(java.util.Locale.ROOT,
                "%s  \u00b7  %s  \u00b7  day %,d of %,d  \u00b7  %,d jurisdictions  \u00b7  %.0f days/s  \u00b7  UI stall max %d ms (last 10 s)"
                        + "  \u00b7  %d intervention(s)  \u00b7  %d overlay(s)%s",
                s.name(), date, days, s.days(), s.jurisdictions().size(), gui.running() ? daysPerSecond : 0.0,
                watchdog.recentStallMillis(), Math.max(0, markedChanges), overlays.size(), notice == null ? "" : "  \u00b7  " + notice));
        status.setToolTipText("UI stall: the longest time the window did not answer in the last 10 seconds (longest this run: "
                + watchdog.maxStallMillis() + " ms)");
    }

    private void slowRefresh() {
        JuriSimModel m = gui.model();
        mapTab.refresh();
        params.refresh();
        controls.refresh();
        if (m.parameters() != null) {
            List<Change> changes = gui.changes();
            if (changes.size() != markedChanges) {
                markedChanges = changes.size();
                grid.setInterventions(changes);
                changesModel.setRowCount(0);
                for (Change c : changes) {
                    changesModel.addRow(new Object[] {c.day(), c.date().toString(), c.kind(), c.target(), Change.text(c.oldValue()),
                        Change.text(c.newValue())});
                }
            }
        }
        updateStatus();
    }

    /** The Console's Model tab, brought up to date (MASON refreshes it only while the model steps). */
    private void refreshModelTab() {
        if (console.getModelInspector() instanceof ModelInspector mi) {
            mi.refreshNow();
        }
    }

    // ------------------------------------------------------------------ scenarios

    /**
     * Loads a scenario off the event thread and, when it is read, makes it current (stopping a run under way).
     * A load that takes longer than {@value #LOADING_DIALOG_DELAY_MILLIS} ms shows a progress dialog whose
     * Cancel abandons it. Call on the event thread.
     */
    public void openScenario(Path file) {
        loading.open(file);
    }

    /** Whether a scenario is being loaded (on the event thread). */
    public boolean isLoadingScenario() {
        return loading.isLoading();
    }

    /** Abandons the scenario load under way, if any. */
    public void cancelLoading() {
        loading.cancel();
    }

    /** Makes a loaded scenario current (on the event thread). */
    void scenarioLoaded(Scenario s, Path file) {
        if (console.getPlayState() != Console.PS_STOPPED) {
            console.pressStop();
        }
        gui.setScenario(s, file);
        failure = null;
        notice = null;
        status.setForeground(null);
        status.setToolTipText(null);
        setConsoleSeed(s.seed());
        sink = null;
        current = null;
        menus.addRecent(file);
        grid.build();
        exporter.rebuildMenu();
        paramsHolder.removeAll();
        params = new ParameterPanel(gui);
        paramsHolder.add(params, BorderLayout.CENTER);
        paramsHolder.revalidate();
        mapTab.scenarioChanged();
        markedChanges = -1;
        changesModel.setRowCount(0);
        console.setTitle("JuriSim \u2014 " + s.name());
        grid.updateSubtitles();
        slowRefresh();
        refreshModelTab();
    }

    /** Writes the scenario with this run's seed and changes as dated events. */
    public void saveScenario(Path p) throws IOException {
        List<Change> changes = gui.model().parameters() == null ? List.of() : gui.changes();
        ScenarioWriter.write(gui.scenario(), gui.model().seed(), changes, p);
    }

    void showText(String title, String headline, String text, String name) {
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

    // ------------------------------------------------------------------ overlays and export (delegates)

    /** Keeps the current run's series as pale dashed lines under the next runs. */
    public void pinRun() {
        overlays.pin();
    }

    /** Overlays a headless run's timeseries.csv. */
    public void openRunDirectory(Path dir) throws IOException {
        overlays.openRunDirectory(dir);
    }

    public List<Overlay> overlays() {
        return overlays.list();
    }

    /** Writes one chart in one format now, on this thread (the event thread): the full time range. */
    void export(LiveChart c, String ext, Path p) throws IOException {
        drain();
        ChartExport.write(c.exportCopy(), ext, p);
    }

    // ------------------------------------------------------------------ parts and accessors

    JuriSimGui gui() {
        return gui;
    }

    ChartGrid grid() {
        return grid;
    }

    RunOverlays overlaysPart() {
        return overlays;
    }

    ChartExport exporter() {
        return exporter;
    }

    DashboardMenus menus() {
        return menus;
    }

    RunControls controls() {
        return controls;
    }

    EdtWatchdog watchdog() {
        return watchdog;
    }

    public JFrame frame() {
        return frame;
    }

    public Console console() {
        return console;
    }

    public List<LiveChart> charts() {
        return List.copyOf(grid.charts());
    }

    public LiveChart chart(String id) {
        return grid.charts().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    public RunSeries currentRun() {
        return current;
    }

    public CountyMapPanel map() {
        return mapTab.map();
    }

    public JurisdictionInspector inspector() {
        return mapTab.inspector();
    }

    /** Opens a jurisdiction's inspector in the map tab (with its state's jurisdictions listed, it selected). */
    public void showInspector(String key) {
        mapTab.selectJurisdiction(key);
    }

    public JTabbedPane tabs() {
        return tabs;
    }

    ParameterPanel parameters() {
        return params;
    }

    /** Longest event-thread stall seen since the run started, ms. */
    public long maxStallMillis() {
        return watchdog.maxStallMillis();
    }

    /** Longest event-thread stall of the last ten seconds, ms (what the status bar shows). */
    public long recentStallMillis() {
        return watchdog.recentStallMillis();
    }

    /** Simulated days per second over the last second or so. */
    public double daysPerSecond() {
        return daysPerSecond;
    }

    void dispose() {
        cancelLoading();
        drainTimer.stop();
        slowTimer.stop();
        watchdog.stop();
        frame.dispose();
    }
}
