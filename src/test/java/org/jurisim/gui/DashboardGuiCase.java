package org.jurisim.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.swing.timing.Pause.pause;
import static org.assertj.swing.timing.Timeout.timeout;

import java.awt.Component;
import java.awt.Container;
import java.awt.Point;
import java.awt.Window;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JMenu;
import javax.swing.JMenuItem;
import javax.swing.JPopupMenu;
import javax.swing.JSlider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.JFileChooserFinder;
import org.assertj.swing.finder.JOptionPaneFinder;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JButtonFixture;
import org.assertj.swing.fixture.JFileChooserFixture;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.assertj.swing.fixture.JSliderFixture;
import org.assertj.swing.image.ScreenshotTaker;
import org.assertj.swing.timing.Condition;
import org.jurisim.model.JuriSimModel;
import org.jurisim.model.Jurisdiction;
import org.jurisim.output.SeriesTable;
import org.jurisim.scenario.ScenarioLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import sim.display.Console;

/**
 * Drives the real Console and dashboard windows (run by {@link GuiTest} in a JVM with a display). The
 * tests share one dashboard and build on each other, in order. No blind sleeps: every wait is on a
 * condition with a timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardGuiCase {

    private static final long WAIT = 30_000;
    private Path tmp;
    private Path screenshots;
    private Robot robot;
    private Dashboard dashboard;
    private FrameFixture window;
    private Console console;

    @BeforeAll
    void open() throws Exception {
        tmp = Files.createTempDirectory("jurisim-gui-");
        System.setProperty("jurisim.home", tmp.resolve("home").toString());
        screenshots = Path.of(System.getProperty("jurisim.screenshots", "target/screenshots"));
        Files.createDirectories(screenshots);
        robot = BasicRobot.robotWithCurrentAwtHierarchy();
        robot.settings().delayBetweenEvents(5);
        // start on the built-in starter scenario, as `jurisim gui` without a file does
        dashboard = Launcher.open(Launcher.load(null, List.of()), null);
        console = dashboard.console();
        window = new FrameFixture(robot, dashboard.frame());
        System.out.println("[gui-case] screen " + java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds()
                + ", dashboard " + edt(() -> dashboard.frame().getBounds()) + ", console " + edt(() -> console.getBounds()));

    }

    @AfterAll
    void close() {
        if (console != null) {
            GuiActionRunner.execute(() -> {
                if (console.getPlayState() != Console.PS_STOPPED) {
                    console.pressStop();
                }
                dashboard.dispose();
                console.dispose();
            });
        }
        if (robot != null) {
            robot.cleanUpWithoutDisposingWindows();
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void waitFor(String what, BooleanSupplier cond) {
        pause(new Condition(what) {
            @Override
            public boolean test() {
                return cond.getAsBoolean();
            }
        }, timeout(WAIT));
    }

    private static <T> T edt(Supplier<T> s) {
        return GuiActionRunner.execute(s::get);
    }

    private JuriSimGui gui() {
        return (JuriSimGui) console.getSimulation();
    }

    private JButton consoleButton(String field) throws Exception {
        var f = Console.class.getDeclaredField(field);
        f.setAccessible(true);
        return (JButton) f.get(console);
    }

    /**
     * Runs the model to the end of day {@code days} with the Console's own buttons: from stopped, "play"
     * with the Console's automatic pause at that step; from paused, the same button (MASON's "step" while
     * paused) with that many steps per press.
     */
    private void runUntilDay(long days) throws Exception {
        if (console.getPlayState() == Console.PS_STOPPED) {
            GuiActionRunner.execute(() -> console.setWhenShouldPause(days));
            new JButtonFixture(robot, consoleButton("playButton")).click();
        } else {
            long steps = gui().state.schedule.getSteps();
            GuiActionRunner.execute(() -> console.setNumStepsPerStepButtonPress((int) (days - steps)));
            new JButtonFixture(robot, consoleButton("playButton")).click();
        }
        pause(new Condition("run paused after " + days + " days") {
            @Override
            public boolean test() {
                return console.getPlayState() == Console.PS_PAUSED && gui().sink() != null && gui().sink().lastDay() == days - 1;
            }

            @Override
            protected String descriptionAddendum() {
                return " (play state " + console.getPlayState() + ", last day " + (gui().sink() == null ? "-" : gui().sink().lastDay())
                        + ", steps " + gui().state.schedule.getSteps() + ", pause at " + console.getWhenShouldPause() + ")";
            }
        }, timeout(WAIT));
        waitFor("charts took in day " + days, () -> edt(() -> dashboard.currentRun() != null && dashboard.currentRun().daysSeen() == days));
    }

    /**
     * Presses a message dialog's OK and waits until the dialog is gone. Under Xvfb (no window manager) a click on
     * a dialog that has only just been mapped can be lost; a lost click left the modal dialog up and every later
     * case's input blocked, so the press is repeated (at most twice more) until the dialog closes.
     */
    private void closeWithOk(JOptionPaneFixture pane) {
        Window w = edt(() -> javax.swing.SwingUtilities.getWindowAncestor(pane.target()));
        for (int attempt = 0; attempt < 3 && edt(w::isShowing); attempt++) {
            robot.waitForIdle();
            pane.okButton().click();
            long until = System.currentTimeMillis() + 5_000;
            while (edt(w::isShowing) && System.currentTimeMillis() < until) {
                robot.waitForIdle();
            }
        }
        waitFor("dialog '" + edt(() -> w instanceof java.awt.Dialog d ? d.getTitle() : w.getName()) + "' closed", () -> !edt(w::isShowing));
    }

    /**
     * Every case leaves no modal dialog up: one left showing blocks all input to the windows behind it, and the
     * cases after it would fail for no fault of their own. A dialog left up fails the case that left it (naming
     * it) and is closed, so the next case starts clean.
     */
    @AfterEach
    void noDialogLeftUp() {
        List<String> left = edt(() -> {
            List<String> out = new ArrayList<>();
            for (Window w : Window.getWindows()) {
                if (w instanceof java.awt.Dialog d && d.isShowing() && d.isModal()) {
                    out.add("'" + d.getTitle() + "'");
                    d.dispose();
                }
            }
            return out;
        });
        robot.waitForIdle();
        assertThat(left).as("modal dialogs left showing by this case").isEmpty();
    }

    private void stop() throws Exception {
        new JButtonFixture(robot, consoleButton("stopButton")).click();
        waitFor("run stopped", () -> console.getPlayState() == Console.PS_STOPPED && !gui().running());
    }

    private void screenshot(String name, Component c) {
        robot.waitForIdle();
        // the map is drawn in the background: wait for the one of the current view and figures
        waitFor("map drawn", () -> edt(() -> !dashboard.map().isShowing() || dashboard.map().upToDate()));
        robot.waitForIdle();
        Path p = screenshots.resolve(name + ".png");
        try {
            Files.deleteIfExists(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        new ScreenshotTaker().saveComponentAsPng(c, p.toString());
    }

    private JFileChooserFixture chooser() {
        return JFileChooserFinder.findFileChooser().withTimeout(WAIT).using(robot);
    }

    /**
     * Picks a file in the (real, showing) file chooser the menu item opened: selects it and approves, as the
     * Open/Save button does, then waits for the dialog to close. (Typing into the name field and clicking the
     * button was flaky under Xvfb: a keystroke could land after the click.)
     */
    private void chooseFile(Path file) {
        JFileChooserFixture fc = chooser();
        javax.swing.JFileChooser target = fc.target();
        java.io.File f = file.toAbsolutePath().toFile();
        GuiActionRunner.execute(() -> {
            target.setCurrentDirectory(f.getParentFile());
            target.setSelectedFile(f);
        });
        robot.waitForIdle();
        GuiActionRunner.execute(target::approveSelection);
        waitFor("file chooser closed", () -> !edt(target::isShowing));
        robot.waitForIdle();
    }

    private Path demoCopy() throws Exception {
        Path demo = tmp.resolve("small-demo.yaml");
        if (!Files.exists(demo)) {
            Files.copy(Path.of("scenarios", "small-demo.yaml"), demo);
        }
        return demo;
    }

    // ------------------------------------------------------------------ tests

    @Test
    @Order(1)
    void opensAScenarioFromTheFileMenuAndRunsWithLiveCharts() throws Exception {
        assertThat(dashboard.frame().isShowing()).isTrue();
        assertThat(console.isShowing()).isTrue();
        assertThat(gui().scenario().name()).startsWith("Starter");
        Path demo = demoCopy();
        window.menuItemWithPath("File", "Open scenario...").click();
        chooseFile(demo);
        waitFor("small demo loaded", () -> gui().scenario().name().equals("Small demo"));
        runUntilDay(30);
        for (LiveChart c : dashboard.charts()) {
            assertThat(edt(() -> c.seriesKeys())).as(c.id()).isNotEmpty();
        }
        assertThat(dashboard.currentRun().size()).isEqualTo(30);
        assertThat(edt(() -> window.label("status").text())).contains("day 30 of 365");
        // the chart's time axis is in calendar dates
        var axis = dashboard.chart("compliance").chart().getXYPlot().getDomainAxis();
        assertThat(axis).isInstanceOf(org.jfree.chart.axis.DateAxis.class);
        screenshot("01-dashboard-charts", dashboard.frame());
    }

    @Test
    @Order(2)
    void movingASliderChangesTheParameterAtTheNextDayAndRecordsAnIntervention() throws Exception {
        String path = "grantConditions.withholdShare";
        JuriSimModel m = gui().model();
        double before = m.parameters().get(path).asDouble();
        JSlider s = (JSlider) robot.finder().findByName(dashboard.frame(), "param:" + path, true);
        GuiActionRunner.execute(() -> s.scrollRectToVisible(s.getBounds()));
        int target = before > 0.5 ? 250 : 750;
        new JSliderFixture(robot, s).slideTo(target);
        double expected = target / 1000.0;
        assertThat(m.parameters().get(path).asDouble()).as("not applied before the next day").isEqualTo(before);
        runUntilDay(33);
        assertThat(m.parameters().get(path).asDouble()).isEqualTo(expected);
        List<JuriSimModel.Intervention> iv = m.interventions();
        assertThat(iv).hasSize(1);
        assertThat(iv.get(0).path()).isEqualTo(path);
        assertThat(iv.get(0).day()).isEqualTo(30);
        assertThat(iv.get(0).oldValue().asDouble()).isEqualTo(before);
        assertThat(iv.get(0).newValue().asDouble()).isEqualTo(expected);
        waitFor("marker on the charts", () -> edt(() -> dashboard.chart("compliance").markCount(LiveChart.MarkKind.INTERVENTION) == 1));
        // the scenario's own dated event (2026-07-01) is marked too
        assertThat(edt(() -> dashboard.chart("compliance").markCount(LiveChart.MarkKind.EVENT))).isEqualTo(1);
        assertThat(edt(() -> dashboard.chart("compliance").markerCount())).isEqualTo(2);
        window.tabbedPane("tabs").selectTab("Interventions");
        waitFor("intervention listed", () -> edt(() -> window.table("changesTable").target().getRowCount() == 1));
        window.tabbedPane("tabs").selectTab("Charts");
        // a schema-driven control exists for every live parameter
        assertThat(edt(() -> dashboard.parameters().paths())).containsExactlyElementsOf(
                org.jurisim.scenario.ScenarioSchema.get().liveParameters().stream().map(p -> p.path()).toList());
        // every lever's value box is within the width of the lever panel (the panel scrolls up and down only)
        List<String> outside = edt(() -> {
            List<String> bad = new ArrayList<>();
            List<JComponent> boxes = new ArrayList<>();
            collectNamed(dashboard.frame().getContentPane(), "spin:", boxes);
            for (JComponent box : boxes) {
                javax.swing.JViewport vp = (javax.swing.JViewport) javax.swing.SwingUtilities.getAncestorOfClass(javax.swing.JViewport.class, box);
                java.awt.Rectangle r = javax.swing.SwingUtilities.convertRectangle(box.getParent(), box.getBounds(), vp);
                if (r.x < 0 || r.x + r.width > vp.getWidth() || r.width < 40) {
                    bad.add(box.getName() + " at x " + r.x + ".." + (r.x + r.width) + " in a viewport " + vp.getWidth() + " wide");
                }
            }
            if (boxes.size() < 10) {
                bad.add("only " + boxes.size() + " value boxes found");
            }
            return bad;
        });
        assertThat(outside).isEmpty();
    }

    private static void collectNamed(Container c, String prefix, List<JComponent> out) {
        for (Component k : c.getComponents()) {
            if (k instanceof JComponent j && j.getName() != null && j.getName().startsWith(prefix)) {
                out.add(j);
            }
            if (k instanceof Container kc) {
                collectNamed(kc, prefix, out);
            }
        }
    }

    @Test
    @Order(3)
    void mapStateListsJurisdictionsAndTheInspectorRefreshesAndChangesPolicy() throws Exception {
        window.tabbedPane("tabs").selectTab("Map");
        CountyMapPanel map = dashboard.map();
        waitFor("map laid out", () -> edt(() -> map.isShowing() && map.getWidth() > 100));
        waitFor("the scenario's eight counties on the map", () -> edt(() -> map.drawnJurisdictions() == 8));
        // click Harris County (FIPS 48201) at its label point, through the panel's transform
        Point harrisAt = edt(() -> map.screenPoint("48201"));
        assertThat(edt(() -> map.countyAt(harrisAt.x, harrisAt.y).name())).isEqualTo("Harris");
        robot.click(map, harrisAt);
        waitFor("Harris County selected", () -> edt(() -> "Harris County, TX".equals(map.selected())));
        List<String> listed = edt(() -> {
            var model = window.list("jurisdictionList").target().getModel();
            List<String> out = new ArrayList<>();
            for (int i = 0; i < model.getSize(); i++) {
                out.add(String.valueOf(model.getElementAt(i)));
            }
            return out;
        });
        assertThat(listed).containsExactly("Harris County, TX", "Travis County, TX");
        waitFor("inspector open on Harris County", () -> edt(() -> dashboard.inspector() != null && dashboard.inspector().isShowing()
                && "Harris County, TX".equals(dashboard.inspector().key())));
        // zoom in around Houston: the county is still found under its (moved) point; the wheel zooms too
        edt(() -> {
            map.zoomAt(harrisAt.x, harrisAt.y, 6);
            return null;
        });
        Point travisAt = edt(() -> map.screenPoint("48453"));
        assertThat(edt(() -> map.jurisdictionAt(travisAt.x, travisAt.y))).isEqualTo("Travis County, TX");
        screenshot("02b-map-zoomed", map);
        robot.click(map, travisAt);
        waitFor("inspector open on Travis County", () -> edt(() -> dashboard.inspector() != null
                && "Travis County, TX".equals(dashboard.inspector().key())));
        robot.moveMouse(map, edt(() -> map.screenPoint("48201")));
        robot.rotateMouseWheel(map, 3);
        waitFor("wheel zooms out", () -> edt(() -> map.zoom() < 6));
        window.button("mapReset").click();
        waitFor("view reset", () -> edt(() -> map.zoom() == 1));
        assertThat(edt(() -> map.lastRenderMillis())).as("drawing the whole map (ms)").isLessThan(1000);
        window.list("jurisdictionList").clickItem(0);
        waitFor("inspector open", () -> edt(() -> dashboard.inspector() != null && dashboard.inspector().isShowing()
                && "Harris County, TX".equals(dashboard.inspector().key())));
        assertThat(edt(() -> map.selected())).isEqualTo("Harris County, TX");
        JurisdictionInspector in = dashboard.inspector();
        String issued = edt(() -> in.valueOf("Detainers issued"));
        assertThat(edt(() -> in.valueOf("Own policy"))).isEqualTo("full-cooperation");
        runUntilDay(60);
        waitFor("inspector values refreshed while running", () -> edt(() -> !issued.equals(in.valueOf("Detainers issued"))));
        // change the policy from the inspector: applied at the next day, recorded
        window.comboBox("inspectorPolicy").selectItem("sanctuary");
        window.button("inspectorApplyPolicy").click();
        runUntilDay(62);
        Jurisdiction harris = gui().model().jurisdictions().stream().filter(j -> j.getKey().equals("Harris County, TX")).findFirst().orElseThrow();
        assertThat(harris.getPolicy()).isEqualTo("sanctuary");
        List<Change> ch = gui().changes();
        assertThat(ch).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo(Change.SET_POLICY);
            assertThat(c.day()).isEqualTo(60);
            assertThat(c.target()).isEqualTo("Harris County, TX");
            assertThat(c.newValue().asText()).isEqualTo("sanctuary");
        });
        waitFor("inspector shows the new policy", () -> edt(() -> "sanctuary".equals(in.valueOf("Own policy"))));
        screenshot("02-map-policy-mix-inspector", dashboard.frame());
        window.comboBox("mapMode").selectItem(CountyMapPanel.Mode.COMPLIANCE.toString());
        screenshot("03-map-compliance", dashboard.frame());
        window.comboBox("mapMode").selectItem(CountyMapPanel.Mode.CHANGED.toString());
        screenshot("03b-map-changed", dashboard.frame());
        window.comboBox("mapMode").selectItem(0);
    }

    @Test
    @Order(4)
    void neitherTheConsoleNorTheInspectorsOfferMasonCharting() {
        window.tabbedPane("tabs").selectTab("Charts");
        assertThat(edt(() -> console.getModelInspector())).isInstanceOf(ModelInspector.class);
        List<String> offending = edt(() -> {
            List<String> bad = new ArrayList<>();
            for (Window w : Window.getWindows()) {
                if (w.isDisplayable()) {
                    scan(w, bad);
                }
            }
            for (LiveChart c : dashboard.charts()) {
                scan(c.panel().getPopupMenu(), bad);
            }
            return bad;
        });
        assertThat(offending).isEmpty();
        // and the Console's File menu no longer offers checkpoint files
        List<String> fileItems = edt(() -> {
            List<String> out = new ArrayList<>();
            JMenu f = console.getJMenuBar().getMenu(0);
            for (int i = 0; i < f.getItemCount(); i++) {
                if (f.getItem(i) != null) {
                    out.add(f.getItem(i).getText());
                }
            }
            return out;
        });
        assertThat(fileItems).noneMatch(t -> t.startsWith("Save") || t.startsWith("Open") || t.startsWith("New Simulation"));
        // the model inspector's read-only values refresh while the model runs
        String day = edt(() -> ((ModelInspector) console.getModelInspector()).valueOf("Simulated days"));
        console.getTabPane();
        screenshot("04-console", console);
        assertThat(day).isNotNull();
    }

    /** Collects MASON inspectors with charting menus, and any menu item or button that offers a MASON chart or stream. */
    private static void scan(Component c, List<String> bad) {
        if (c instanceof sim.portrayal.SimpleInspector) {
            bad.add("SimpleInspector (offers chart/stream menus): " + c);
        }
        if (c instanceof AbstractButton b) {
            if (b.getIcon() == sim.portrayal.Inspector.INSPECT_ICON) {
                bad.add("MASON property-inspector button: " + b);
            }
            String t = b.getText() == null ? "" : b.getText().trim();
            if (b instanceof JMenuItem && (t.equals("Chart") || t.equals("Stream") || t.startsWith("Chart ") || t.startsWith("Stream ")
                    || t.equals("Histogram") || t.equals("Time Series"))) {
                bad.add("menu item '" + t + "'");
            }
        }
        if (c instanceof JMenu m) {
            for (int i = 0; i < m.getItemCount(); i++) {
                if (m.getItem(i) != null) {
                    scan(m.getItem(i), bad);
                }
            }
        }
        if (c instanceof JPopupMenu p) {
            for (Component k : p.getComponents()) {
                scan(k, bad);
            }
        }
        if (c instanceof javax.swing.JFrame f && f.getJMenuBar() != null) {
            scan(f.getJMenuBar(), bad);
        }
        if (c instanceof JComponent jc && jc.getComponentPopupMenu() != null) {
            scan(jc.getComponentPopupMenu(), bad);
        }
        if (c instanceof Container k) {
            for (Component child : k.getComponents()) {
                scan(child, bad);
            }
        }
    }

    @Test
    @Order(5)
    void savedScenarioReplaysHeadlessToTheSameSeries() throws Exception {
        Path saved = tmp.resolve("saved-tweaked.yaml");
        window.menuItemWithPath("File", "Save scenario as...").click();
        chooseFile(saved);
        waitFor("scenario saved", () -> Files.exists(saved));
        String text = Files.readString(saved, StandardCharsets.UTF_8);
        assertThat(text).contains("dashboard intervention", "grantConditions.withholdShare", "setPolicy");
        RunSeries gui = edt(() -> dashboard.currentRun());
        int days = gui.size();
        JuriSimModel headless = new JuriSimModel(ScenarioLoader.load(saved));
        SeriesTable t = new SeriesTable();
        headless.addSink(t);
        headless.runDays(days, null);
        assertThat(t.rows()).isEqualTo(days);
        for (String col : t.names()) {
            double[] h = t.series(col);
            int c = gui.column(col);
            for (int i = 0; i < days; i++) {
                double g = gui.y(c, i);
                assertThat(Double.compare(g, h[i])).as(col + " on day " + i + ": dashboard " + g + ", replay " + h[i]).isZero();
            }
        }
    }

    @Test
    @Order(6)
    void pinnedRunStaysAsAFadedOverlayNamedInTheLegendAndCanBeHidden() throws Exception {
        stop();
        window.menuItemWithPath("Run", "Pin run").click();
        assertThat(dashboard.overlays()).hasSize(1);
        String label = dashboard.overlays().get(0).label();
        assertThat(label).startsWith("Pinned: Run");
        // a second run with a tweak, drawn over the pinned one
        JSlider s = (JSlider) robot.finder().findByName(dashboard.frame(), "param:ice.detainerRate", true);
        GuiActionRunner.execute(() -> s.scrollRectToVisible(s.getBounds()));
        new JSliderFixture(robot, s).slideTo(300);
        runUntilDay(90);
        LiveChart compliance = dashboard.chart("compliance");
        assertThat(edt(compliance::overlaySeriesKeys)).isNotEmpty().allMatch(k -> k.startsWith(label));
        var legend = edt(() -> compliance.chart().getLegend().getSources()[0].getLegendItems());
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < legend.getItemCount(); i++) {
            labels.add(legend.get(i).getLabel());
        }
        assertThat(labels).contains(label);
        screenshot("05-pinned-overlay", dashboard.frame());
        window.menuItemWithPath("Run", "Overlays", label).click();
        waitFor("overlay hidden", () -> edt(() -> compliance.overlaySeriesKeys().isEmpty()));
        window.menuItemWithPath("Run", "Overlays", label).click();
        waitFor("overlay shown again", () -> edt(() -> !compliance.overlaySeriesKeys().isEmpty()));
    }

    @Test
    @Order(7)
    void exportsAChartAsPngSvgAndCsv() throws Exception {
        Path png = tmp.resolve("export").resolve("compliance.png");
        Path svg = tmp.resolve("export").resolve("compliance.svg");
        Path csv = tmp.resolve("export").resolve("compliance.csv");
        Files.createDirectories(png.getParent());
        window.menuItemWithPath("File", "Export", "Detainer compliance", "PNG image...").click();
        chooseFile(png);
        waitFor("PNG written", () -> Files.exists(png) && png.toFile().length() > 1000);
        window.menuItemWithPath("File", "Export", "Detainer compliance", "SVG image...").click();
        chooseFile(svg);
        waitFor("SVG written", () -> Files.exists(svg) && svg.toFile().length() > 1000);
        window.menuItemWithPath("File", "Export", "Detainer compliance", "Series as CSV...").click();
        chooseFile(csv);
        waitFor("CSV written", () -> Files.exists(csv) && csv.toFile().length() > 100);

        byte[] head = Files.readAllBytes(png);
        assertThat(java.util.Arrays.copyOf(head, 8)).containsExactly(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
        var img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(LiveChart.EXPORT_WIDTH);
        assertThat(img.getHeight()).isEqualTo(LiveChart.EXPORT_HEIGHT);
        var dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        var doc = dbf.newDocumentBuilder().parse(svg.toFile());
        assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("svg");
        assertThat(Files.readString(svg)).contains("Detainer compliance");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).as(lines.get(0)).startsWith("date,Daily,30-day rolling,Pinned: Run");
        assertThat(lines).hasSizeGreaterThan(90);
    }

    @Test
    @Order(8)
    void opensAHeadlessRunDirectoryAsAnOverlay() throws Exception {
        Path out = tmp.resolve("runs").resolve("headless");
        java.io.StringWriter sw = new java.io.StringWriter();
        int code = org.jurisim.cli.Main.execute(new String[] {"run", demoCopy().toString(), "--days", "120", "--out", out.toString()},
                new java.io.PrintWriter(sw), new java.io.PrintWriter(sw));
        assertThat(code).as(sw.toString()).isZero();
        int before = dashboard.overlays().size();
        window.menuItemWithPath("File", "Open run directory...").click();
        chooseFile(out);
        waitFor("run directory overlaid", () -> edt(() -> dashboard.overlays().size() == before + 1));
        Overlay o = dashboard.overlays().get(dashboard.overlays().size() - 1);
        assertThat(o.label()).startsWith("Run directory headless").contains("seed 42");
        assertThat(o.series().daysSeen()).isEqualTo(120);
        screenshot("06-run-directory-overlay", dashboard.frame());
    }

    @Test
    @Order(9)
    void aBrokenScenarioShowsItsProblemsNotAStackTrace() throws Exception {
        Path bad = tmp.resolve("broken.yaml");
        Files.writeString(bad, "name: Broken\nstart: 2026-13-01\nduration: 1y\njurisdictions:\n  list:\n    - {name: X County, state: ZZ, population: -5}\n");
        String before = gui().scenario().name();
        window.menuItemWithPath("File", "Open scenario...").click();
        chooseFile(bad);
        JOptionPaneFixture pane = JOptionPaneFinder.findOptionPane().withTimeout(WAIT).using(robot);
        String text = pane.textBox("problems").text();
        screenshot("07-scenario-problems", pane.target().getRootPane().getParent());
        assertThat(text).containsPattern("broken\\.yaml:\\d+:\\d+: ");
        assertThat(text).doesNotContain("Exception").doesNotContain("\tat ");
        closeWithOk(pane);
        assertThat(gui().scenario().name()).isEqualTo(before);
    }

    @Test
    @Order(10)
    void recentScenariosRemembersTheOpenedFile() {
        List<Path> recent = new RecentFiles().list();
        assertThat(recent).extracting(p -> p.getFileName().toString()).contains("small-demo.yaml");
        assertThat(new File(recent.get(0).toString())).exists();
    }

    /**
     * Soak: the dashboard runs many simulated years at full speed with every chart live, and the heap does
     * not grow beyond a fixed bound (docs/dashboard.md). Shortened in the normal suite (12 years of the
     * small demo); {@code -Djurisim.soakYears=100} runs the full 100 years.
     */
    @Test
    @Order(11)
    void longRunsKeepTheHeapBounded() throws Exception {
        int years = Integer.getInteger("jurisim.soakYears", 12);
        Path soak = tmp.resolve("soak.yaml");
        Files.writeString(soak, "extends: " + demoCopy().toAbsolutePath() + "\nname: Soak\nduration: " + years + "y\n");
        stop();
        window.menuItemWithPath("File", "Open scenario...").click();
        chooseFile(soak);
        waitFor("soak scenario loaded", () -> gui().scenario().name().equals("Soak"));
        long total = gui().scenario().days();
        long quarter = total / 4;
        runUntilDayWithin(quarter, Math.max(WAIT, quarter * 20));
        long early = usedHeapAfterGc();
        runUntilDayWithin(total, Math.max(WAIT, total * 20));
        long late = usedHeapAfterGc();
        screenshot("08-soak-end", dashboard.frame());
        System.out.printf("soak: %d days; heap after GC %.1f MB at day %d, %.1f MB at day %d%n", total, early / 1e6, quarter,
                late / 1e6, total);
        assertThat(late - early).as("heap growth over the last three quarters of a %d-year run", years).isLessThan(64L * 1024 * 1024);
        assertThat(dashboard.currentRun().daysSeen()).isEqualTo(total);
    }

    /**
     * A path typed into File > Open run directory: the chooser fills its name field with the current folder's
     * path; typing after it used to append without a separator. A relative path is taken against the dialog's
     * folder, an absolute one as typed.
     */
    @Test
    @Order(12)
    void aPathTypedInOpenRunDirectoryOpensThatDirectory() throws Exception {
        Path rel = tmp.resolve("typed").resolve("relative-run");
        Path abs = tmp.resolve("typed").resolve("absolute-run");
        for (Path out : List.of(rel, abs)) {
            java.io.StringWriter sw = new java.io.StringWriter();
            int code = org.jurisim.cli.Main.execute(new String[] {"run", demoCopy().toString(), "--days", "30", "--out", out.toString()},
                    new java.io.PrintWriter(sw), new java.io.PrintWriter(sw));
            assertThat(code).as(sw.toString()).isZero();
        }
        typeInRunDirectoryDialog(tmp.resolve("typed"), "relative-run");
        waitFor("typed relative run directory overlaid", () -> edt(() -> !dashboard.overlays().isEmpty()
                && dashboard.overlays().get(dashboard.overlays().size() - 1).label().startsWith("Run directory relative-run")));
        typeInRunDirectoryDialog(tmp, abs.toAbsolutePath().toString());
        waitFor("typed absolute run directory overlaid", () -> edt(() -> dashboard.overlays().get(dashboard.overlays().size() - 1)
                .label().startsWith("Run directory absolute-run")));
        assertThat(dashboard.overlays().get(dashboard.overlays().size() - 1).series().daysSeen()).isEqualTo(30);
    }

    /** Opens File > Open run directory in {@code folder}, types {@code typed} in the name field and presses Open. */
    private void typeInRunDirectoryDialog(Path folder, String typed) {
        window.menuItemWithPath("File", "Open run directory...").click();
        JFileChooserFixture fc = chooser();
        javax.swing.JFileChooser target = fc.target();
        GuiActionRunner.execute(() -> target.setCurrentDirectory(folder.toAbsolutePath().toFile()));
        robot.waitForIdle();
        var name = fc.fileNameTextBox();
        // the chooser fills the field with the folder's path (the text that typing used to be glued to)
        System.out.println("[gui-case] name field before typing: '" + edt(() -> name.target().getText()) + "'");
        GuiActionRunner.execute(() -> name.target().setCaretPosition(name.target().getDocument().getLength()));
        name.focus();
        try {
            robot.enterText(typed);
            pause(new Condition("typed text in the name field") {
                @Override
                public boolean test() {
                    return typed.equals(edt(() -> name.target().getText()));
                }

                @Override
                protected String descriptionAddendum() {
                    return " (field: '" + edt(() -> name.target().getText()) + "', typed '" + typed + "')";
                }
            }, timeout(WAIT));
            // a click lost under Xvfb (as with message dialogs, see closeWithOk) left the chooser up: press again, at most twice,
            // then through the button itself on the event thread (the same action, reading the typed name, with no mouse)
            javax.swing.JButton approveButton = fc.approveButton().target();
            for (int attempt = 0; attempt < 3 && edt(target::isShowing); attempt++) {
                robot.waitForIdle();
                if (attempt == 0) {
                    fc.approve();
                } else {
                    GuiActionRunner.execute(() -> {
                        approveButton.doClick();
                    });
                }
                long until = System.currentTimeMillis() + 5_000;
                while (edt(target::isShowing) && System.currentTimeMillis() < until) {
                    robot.waitForIdle();
                }
            }
            waitFor("file chooser closed", () -> !edt(target::isShowing));
        } finally {
            if (edt(target::isShowing)) {
                GuiActionRunner.execute(target::cancelSelection);
            }
        }
        robot.waitForIdle();
    }

    /**
     * A rule that fails only while the model runs (integer division by zero for a detainer with no criminal
     * charge) stops the run and says where, in a dialog and in the status bar; no stack trace on stderr.
     */
    @Test
    @Order(13)
    void aRuleFailingAtRunTimeStopsTheRunAndSaysWhere() throws Exception {
        Path failing = tmp.resolve("failing-rule.yaml");
        Files.writeString(failing, "extends: " + demoCopy().toAbsolutePath() + "\nname: Failing rule\npolicies:\n  standard:\n"
                + "    detainer: \"jurisdiction.population / detainer.severity > 0 ? HONOR : NOTIFY\"\n");
        if (console.getPlayState() != Console.PS_STOPPED) {
            stop();
        }
        window.menuItemWithPath("File", "Open scenario...").click();
        chooseFile(failing);
        waitFor("failing scenario loaded", () -> gui().scenario().name().equals("Failing rule"));
        java.io.ByteArrayOutputStream errBytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream oldErr = System.err;
        System.setErr(new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                oldErr.write(b);
                synchronized (errBytes) {
                    errBytes.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                oldErr.write(b, off, len);
                synchronized (errBytes) {
                    errBytes.write(b, off, len);
                }
            }
        }, true));
        try {
            GuiActionRunner.execute(() -> console.setWhenShouldPause(300));
            new JButtonFixture(robot, consoleButton("playButton")).click();
            JOptionPaneFixture pane = JOptionPaneFinder.findOptionPane().withTimeout(WAIT).using(robot);
            String text = pane.textBox("runFailure").text();
            screenshot("09-run-failure", pane.target().getRootPane().getParent());
            assertThat(text).matches("(?s).*failing-rule\\.yaml:5:\\d+: policies\\.standard\\.detainer: rule failed at run time: division by zero.*");
            assertThat(text).doesNotContain("Exception").doesNotContain("\tat ");
            waitFor("run stopped", () -> console.getPlayState() == Console.PS_STOPPED && !gui().running());
            String status = edt(() -> dashboard.statusText());
            assertThat(status).startsWith("Run stopped on day ").contains("failing-rule.yaml:5:")
                    .contains("policies.standard.detainer: rule failed at run time: division by zero");
            closeWithOk(pane);
            assertThat(gui().failure()).isNotNull();
            assertThat(gui().failure().internal()).isFalse();
            long failedDay = gui().failure().day();
            assertThat(edt(() -> dashboard.currentRun().daysSeen())).isEqualTo(failedDay);
            assertThat(gui().state.schedule.getSteps()).isLessThanOrEqualTo(failedDay + 1);
            robot.waitForIdle();
        } finally {
            System.setErr(oldErr);
        }
        String err = errBytes.toString(StandardCharsets.UTF_8);
        assertThat(err).as("stderr during the failing run").doesNotContain("RuleEvaluationException").doesNotContain("\tat ");
    }

    private void runUntilDayWithin(long days, long millis) throws Exception {
        long steps = gui().state.schedule.getSteps();
        GuiActionRunner.execute(() -> console.setWhenShouldPause(days));
        if (console.getPlayState() == Console.PS_STOPPED || steps == 0) {
            new JButtonFixture(robot, consoleButton("playButton")).click();
        } else {
            GuiActionRunner.execute(() -> console.setNumStepsPerStepButtonPress((int) (days - steps)));
            new JButtonFixture(robot, consoleButton("playButton")).click();
        }
        pause(new Condition("run paused after " + days + " days") {
            @Override
            public boolean test() {
                return console.getPlayState() == Console.PS_PAUSED && gui().sink() != null && gui().sink().lastDay() == days - 1;
            }
        }, timeout(millis));
    }

    /**
     * A scenario slow to load (tens of thousands of listed places) loads off the event thread: the dashboard keeps
     * answering, a progress dialog names the file, Cancel leaves the scenario that was open, and an open that is
     * let finish makes the new scenario current (issue 18).
     */
    @Test
    @Order(14)
    void aSlowScenarioLoadsOffTheEventThreadWithProgressAndCancel() throws Exception {
        Path big = tmp.resolve("many-places.yaml");
        StringBuilder sb = new StringBuilder("name: Many places\nstart: 2026-01-01\nduration: 30d\nseed: 1\njurisdictions:\n  list:\n");
        for (int i = 0; i < 40_000; i++) {
            sb.append("    - {name: Place ").append(i).append(" County, state: TX, population: ").append(1000 + i).append("}\n");
        }
        Files.writeString(big, sb);
        String before = gui().scenario().name();
        assertThat(before).isNotEqualTo("Many places");
        // the previous case's dialog may leave no window focused, and a menu click then can miss
        robot.waitForIdle();
        window.focus();

        // this load is held back until Cancel has been pressed, so that it cannot finish first on a busy machine
        CountDownLatch cancelled = new CountDownLatch(1);
        ScenarioLoading loading = dashboard.scenarioLoading();
        ScenarioLoading.Reader real = loading.reader;
        loading.reader = file -> {
            cancelled.await();
            return real.read(file);
        };
        window.menuItemWithPath("File", "Open scenario...").click();
        chooseFile(big);
        DialogFixture progress = WindowFinder.findDialog("loadingDialog").withTimeout(WAIT).using(robot);
        assertThat(edt(() -> dashboard.isLoadingScenario())).isTrue();
        assertThat(edt(() -> progress.target().isShowing())).isTrue();
        assertThat(edt(() -> progress.progressBar("loadingProgress").target().isIndeterminate())).isTrue();
        assertThat(progress.label("loadingFile").text()).contains("many-places.yaml");
        screenshot("12-loading-scenario", progress.target());
        // the event thread answers while the file loads (then Cancel at once: the load must still be under way)
        long worst = 0;
        for (int i = 0; i < 10; i++) {
            long t0 = System.nanoTime();
            GuiActionRunner.execute(() -> dashboard.frame().getTitle());
            worst = Math.max(worst, (System.nanoTime() - t0) / 1_000_000);
            Thread.sleep(30);
        }
        assertThat(worst).as("slowest event-thread round trip during the load, ms").isLessThan(200);
        assertThat(edt(() -> dashboard.isLoadingScenario())).as("still loading after the probes").isTrue();

        // Cancel abandons the load: the dialog goes, and the result, when it arrives, is discarded
        progress.button("cancelLoading").click();
        waitFor("progress dialog closed", () -> !edt(() -> progress.target().isShowing()));
        assertThat(edt(() -> dashboard.isLoadingScenario())).isFalse();
        loading.reader = real;
        cancelled.countDown();
        Thread.sleep(5_000);
        robot.waitForIdle();
        assertThat(edt(() -> gui().scenario().name())).isEqualTo(before);

        // an open let finish makes the new scenario current
        long t0 = System.nanoTime();
        window.menuItemWithPath("File", "Open scenario...").click();
        chooseFile(big);
        waitFor("many places loaded", () -> edt(() -> gui().scenario().name()).equals("Many places"));
        System.out.println("[gui-case] many-places.yaml opened in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertThat(edt(() -> dashboard.isLoadingScenario())).isFalse();
        assertThat(edt(() -> gui().scenario().jurisdictions().size())).isEqualTo(40_000);
        waitFor("progress dialog gone", () -> edt(() -> java.util.Arrays.stream(Window.getWindows())
                .noneMatch(w -> "loadingDialog".equals(w.getName()) && w.isShowing())));
    }

    /** Stops a run under way and opens a scenario through File > Open scenario, waiting until it is current. */
    private void openFresh(Path file, String name) throws Exception {
        if (console.getPlayState() != Console.PS_STOPPED) {
            stop();
        }
        robot.waitForIdle();
        window.focus();
        window.menuItemWithPath("File", "Open scenario...").click();
        chooseFile(file);
        waitFor(name + " loaded", () -> edt(() -> gui().scenario().name()).equals(name) && !edt(() -> dashboard.isLoadingScenario()));
        robot.waitForIdle();
    }

    /** Presses play and waits until the run has ended by itself after the scenario's last day. */
    private void runToTheEnd() throws Exception {
        long days = gui().scenario().days();
        GuiActionRunner.execute(() -> console.setWhenShouldPause(Long.MAX_VALUE));
        new JButtonFixture(robot, consoleButton("playButton")).click();
        waitFor("run ended by itself", () -> console.getPlayState() == Console.PS_STOPPED && !gui().running()
                && gui().sink() != null && gui().sink().lastDay() == days - 1);
        waitFor("charts took in every day", () -> edt(() -> dashboard.currentRun() != null && dashboard.currentRun().daysSeen() == days));
    }

    /**
     * The mouse wheel scrolls the chart grid (a chart zooms only with Ctrl held); every chart can be brought
     * wholly into view from the row of chart buttons; a zoomed chart exports its whole range; File > Export >
     * All charts writes every chart in every format, with one meaning per column and both policy panels.
     */
    @Test
    @Order(15)
    void theWheelScrollsTheChartsEveryChartIsReachableAndExportsAreWhole() throws Exception {
        Path demo = tmp.resolve("wheel-demo.yaml");
        Files.writeString(demo, "extends: " + demoCopy().toAbsolutePath() + "\nname: Wheel demo\n");
        openFresh(demo, "Wheel demo");
        GuiActionRunner.execute(() -> dashboard.overlaysPart().clear()); // the earlier cases' overlays
        window.tabbedPane("tabs").selectTab("Charts");
        runUntilDay(40);
        stop();
        window.menuItemWithPath("Run", "Pin run").click();
        runUntilDay(40);
        ChartGrid grid = dashboard.grid();
        javax.swing.JScrollBar bar = edt(() -> grid.scrollPane().getVerticalScrollBar());
        GuiActionRunner.execute(() -> bar.setValue(0));
        LiveChart compliance = dashboard.chart("compliance");
        java.awt.Point mid = edt(() -> new Point(compliance.panel().getWidth() / 2, compliance.panel().getHeight() / 2));
        robot.moveMouse(compliance.panel(), mid);
        robot.rotateMouseWheel(compliance.panel(), 3);
        waitFor("the wheel scrolled the grid", () -> edt(bar::getValue) > 0);
        assertThat(edt(compliance::domainAutoRange)).as("the wheel alone does not zoom").isTrue();
        // Ctrl+wheel zooms the chart under the pointer
        GuiActionRunner.execute(() -> bar.setValue(0));
        // (the wheel event with Ctrl held is posted to the event queue: a modifier pressed through Xvfb's keyboard did not
        // reliably reach the wheel event)
        GuiActionRunner.execute(() -> java.awt.Toolkit.getDefaultToolkit().getSystemEventQueue().postEvent(
                new java.awt.event.MouseWheelEvent(compliance.panel(), java.awt.event.MouseEvent.MOUSE_WHEEL, System.currentTimeMillis(),
                        java.awt.event.InputEvent.CTRL_DOWN_MASK, mid.x, mid.y, 0, false, java.awt.event.MouseWheelEvent.WHEEL_UNIT_SCROLL, 3, -1)));
        waitFor("Ctrl+wheel zoomed the chart", () -> !edt(compliance::domainAutoRange));
        assertThat(edt(bar::getValue)).as("Ctrl+wheel does not scroll").isZero();
        // every chart can be brought into view whole
        for (LiveChart c : dashboard.charts()) {
            window.button("show:" + c.id()).click();
            waitFor(c.id() + " wholly in view", () -> edt(() -> grid.wholeInView(c)));
            assertThat(edt(() -> grid.atTopOrEnd(c))).as(c.id() + "'s row at the top of the view, or the view at the end").isTrue();
        }
        screenshot("13-charts-scrolled", dashboard.frame());
        // export all: in the background, every chart and format, the zoomed one at full range
        Path dir = tmp.resolve("export-all");
        int before = edt(() -> dashboard.exporter().exportsDone());
        window.menuItemWithPath("File", "Export", "All charts (PNG, SVG, CSV) to a folder...").click();
        chooseFile(dir);
        waitFor("export done", () -> edt(() -> dashboard.exporter().exportsDone()) == before + 1);
        assertThat(edt(() -> dashboard.statusText())).contains("Exported 18 files");
        for (LiveChart c : dashboard.charts()) {
            for (String ext : List.of("png", "svg", "csv")) {
                assertThat(dir.resolve(c.id() + "." + ext)).as(c.id() + "." + ext).exists();
            }
        }
        List<String> policies = Files.readAllLines(dir.resolve("policies.csv"));
        String head = policies.get(0);
        assertThat(head).contains("Jurisdictions: sanctuary", "Residents: sanctuary", "Pinned: Run");
        List<String> cols = List.of(head.split(","));
        String[] last = policies.get(policies.size() - 1).split(",", -1);
        // the pinned run (the same seed, no change) has the same per-policy counts as the current run
        for (String p : List.of("full-cooperation", "standard", "limited", "sanctuary")) {
            int cur = cols.indexOf("Jurisdictions: " + p);
            int pin = -1;
            for (int i = 0; i < cols.size(); i++) {
                if (cols.get(i).startsWith("Pinned") && cols.get(i).endsWith("\u00b7 Jurisdictions: " + p)) {
                    pin = i;
                }
            }
            assertThat(pin).as(head).isPositive();
            assertThat(last[pin]).as(p).isEqualTo(last[cur]);
        }
        List<String> compliance40 = Files.readAllLines(dir.resolve("compliance.csv"));
        assertThat(compliance40).hasSize(41);
        assertThat(edt(compliance::domainAutoRange)).as("the screen stays zoomed").isFalse();
        GuiActionRunner.execute(() -> compliance.chart().getXYPlot().getDomainAxis().setAutoRange(true));
    }

    /**
     * At the end of a run the levers show the values in force at the end (a scenario event changed one), not the
     * scenario's; the Console's Model tab shows the last day and the same values.
     */
    @Test
    @Order(16)
    void atTheEndOfARunTheLeversAndTheModelTabShowTheValuesInForce() throws Exception {
        Path f = tmp.resolve("short-with-event.yaml");
        Files.writeString(f, "extends: " + demoCopy().toAbsolutePath() + "\nname: Short with an event\nduration: 60d\n"
                + "events:\n  - {on: 2026-02-01, do: set, path: ice.detainerRate, value: 0.123, note: Detainer rate change}\n");
        openFresh(f, "Short with an event");
        String initial = edt(() -> dashboard.parameters().shownValue("ice.detainerRate"));
        assertThat(Double.parseDouble(initial)).isNotEqualTo(0.123);
        runToTheEnd();
        waitFor("levers refreshed after the end", () -> edt(() -> dashboard.parameters().stateText()).startsWith("Run ended"));
        robot.waitForIdle();
        assertThat(Double.parseDouble(edt(() -> dashboard.parameters().shownValue("ice.detainerRate")))).isEqualTo(0.123);
        ModelInspector mi = (ModelInspector) edt(() -> console.getModelInspector());
        waitFor("Model tab at the last day", () -> "60".equals(edt(() -> mi.valueOf("Simulated days"))));
        assertThat(edt(() -> mi.valueOf("Date"))).isEqualTo("2026-03-01");
        assertThat(edt(() -> mi.valueOf("ice.detainerRate"))).startsWith("0.123");
        assertThat(edt(() -> dashboard.chart("compliance").markCount(LiveChart.MarkKind.EVENT))).isEqualTo(1);
    }

    /**
     * A policy asked for in the inspector without holding it: the model's adaptation changes it, the drop-down
     * follows the model and a red line says so. Held: the model keeps it every day (no lapse). Held where a state law
     * forces more cooperation: the policy in force differs, and the red line says the law overrides the hold.
     */
    @Test
    @Order(17)
    void aPolicyHeldInTheInspectorStaysAndTheInspectorSaysWhenTheModelOrTheLawOverridesIt() throws Exception {
        Path f = tmp.resolve("restless.yaml");
        Files.writeString(f, "extends: " + demoCopy().toAbsolutePath() + "\nname: Restless\nduration: 200d\n"
                + "mechanisms: {adaptation: true}\nadaptation: {everyDays: 1, baseline: 12}\n"
                + "events:\n  - {on: 2026-05-01, do: stateLaw, state: TX, law: anti-sanctuary, note: Texas SB4}\n");
        openFresh(f, "Restless");
        runUntilDay(10);
        String harris = "Harris County, TX";
        window.tabbedPane("tabs").selectTab("Map");
        GuiActionRunner.execute(() -> dashboard.showInspector(harris));
        waitFor("inspector open", () -> edt(() -> dashboard.inspector() != null && dashboard.inspector().isShowing()));
        JurisdictionInspector in = dashboard.inspector();
        window.comboBox("inspectorPolicy").selectItem("full-cooperation");
        window.button("inspectorApplyPolicy").click();
        waitFor("policy asked", () -> edt(() -> window.label("inspectorPolicyStatus").target().getText()).startsWith("Asked: full-cooperation"));
        runUntilDay(60);
        waitFor("the inspector says the model changed it", () -> edt(in::overrideText).contains("Tick Hold"));
        String now = gui().model().jurisdiction(harris).getPolicy();
        assertThat(now).isNotEqualTo("full-cooperation");
        waitFor("the drop-down shows the policy in force", () -> edt(in::shownPolicy).equals(gui().model().jurisdiction(harris).getPolicy()));
        // now held as sanctuary: kept every day; until 1 May it is in force, then Texas's law overrides it
        window.comboBox("inspectorPolicy").selectItem("sanctuary");
        window.checkBox("inspectorHoldPolicy").check();
        window.button("inspectorApplyPolicy").click();
        waitFor("hold asked", () -> edt(() -> window.label("inspectorPolicyStatus").target().getText()).startsWith("Held: sanctuary"));
        for (long d = 61; d <= 140; d += 20) {
            runUntilDay(d);
            Jurisdiction j = gui().model().jurisdiction(harris);
            assertThat(j.getPolicy()).as("own policy on day " + d).isEqualTo("sanctuary");
            assertThat(j.isHeld()).isTrue();
        }
        assertThat(gui().heldPolicy(harris)).isEqualTo("sanctuary");
        Jurisdiction j = gui().model().jurisdiction(harris);
        assertThat(j.policyInForceSource()).isEqualTo(org.jurisim.model.PolicySource.STATE_ANTI_SANCTUARY_LAW);
        waitFor("the inspector says the law overrides the hold", () -> edt(in::overrideText)
                .startsWith("Held: sanctuary, but its state's anti-sanctuary law overrides it"));
        assertThat(edt(() -> in.valueOf("Policy in force set by"))).isEqualTo("its state's anti-sanctuary law");
        screenshot("14-inspector-held-policy", dashboard.frame());
        window.checkBox("inspectorHoldPolicy").uncheck();
        runUntilDay(142);
        assertThat(gui().heldPolicy(harris)).isNull();
        assertThat(gui().changes().stream().filter(c -> c.target().equals(harris))).extracting(Change::hold)
                .containsExactly(false, true, false);
        window.tabbedPane("tabs").selectTab("Charts");
    }

    /** The dashboard has its own speed control (the Console's delay) and shows the scenario's question and expectation. */
    @Test
    @Order(18)
    void theDashboardHasASpeedControlAndShowsTheScenariosQuestion() throws Exception {
        openFresh(demoCopy(), "Small demo");
        window.tabbedPane("tabs").selectTab("Charts");
        String text = edt(() -> dashboard.grid().descriptionText());
        assertThat(text).startsWith("Small demo: Eight real jurisdictions").contains("\nQuestion: with the same ICE")
                .contains("\nExpect: compliance near 100%");
        JSlider speed = (JSlider) robot.finder().findByName(dashboard.frame(), "runSpeed", true);
        assertThat(edt(speed::isShowing)).isTrue();
        new JSliderFixture(robot, speed).slideToMinimum();
        waitFor("slowest speed", () -> console.getPlaySleep() == RunControls.SLEEPS[0]);
        new JSliderFixture(robot, speed).slideToMaximum();
        waitFor("fastest speed", () -> console.getPlaySleep() == 0);
        // the dashboard follows a change made in the Console
        GuiActionRunner.execute(() -> console.setPlaySleep(100));
        waitFor("dashboard follows the Console", () -> edt(speed::getValue) == 3);
        GuiActionRunner.execute(() -> console.setPlaySleep(0));
    }

    /** The status bar reports the event thread's longest recent stall: a deliberately blocked event thread shows. */
    @Test
    @Order(19)
    void theStatusBarReportsABlockedEventThread() {
        GuiActionRunner.execute(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waitFor("stall shown", () -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("UI stall max (\\d+) ms").matcher(edt(() -> dashboard.statusText()));
            return m.find() && Long.parseLong(m.group(1)) >= 600;
        });
    }

    /**
     * How late a plain thread's 20 ms sleep wakes: what the machine and the JVM (other processes, garbage collection)
     * impose on any thread, with no Swing work in it. The event thread's stalls beyond this are the dashboard's own.
     */
    private static final class ReferenceStall implements AutoCloseable {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long max;

        ReferenceStall() {
            thread = new Thread(() -> {
                long last = System.nanoTime();
                while (running) {
                    try {
                        Thread.sleep(EdtWatchdog.PERIOD);
                    } catch (InterruptedException e) {
                        return;
                    }
                    long now = System.nanoTime();
                    max = Math.max(max, (now - last) / 1_000_000L - EdtWatchdog.PERIOD);
                    last = now;
                }
            }, "reference-stall");
            thread.setDaemon(true);
            thread.start();
        }

        /** Longest lateness since the last call, ms (and starts again). */
        long takeMax() {
            long m = max;
            max = 0;
            return m;
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }

    /**
     * The goal: no event keeps the window from answering for more than this, at national scale. Measured as each
     * event's own time on the event thread ({@link EdtAccounting}: wall time minus the time the thread waited for a
     * CPU), so that a loaded machine does not fail it while work, a sleep or a blocking call on the event thread does.
     */
    static final long OWN_STALL_BOUND_MILLIS = 200;
    /**
     * Where the wait for a CPU cannot be measured (not Linux): the status bar's measure, within this of what a plain
     * thread suffered meanwhile ({@link ReferenceStall}).
     */
    static final long STALL_BOUND_MILLIS = 300;

    /** One phase's figures: the status bar's measure, the longest event's own and wall time, a plain thread's lateness. */
    private record Phase(String name, long watchdog, long own, long wall, long reference, String longest) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s: status bar %d ms, longest event %d ms own / %d ms wall, plain thread %d ms",
                    name, watchdog, own, wall, reference);
        }
    }

    private Phase phase(String name, EdtAccounting acc, ReferenceStall ref) {
        return new Phase(name, dashboard.maxStallMillis(), acc.maxOwnMillis(), acc.maxWallMillis(), ref.takeMax(), acc.longest());
    }

    private void startPhase(EdtAccounting acc, ReferenceStall ref, Runnable onEdt) {
        GuiActionRunner.execute(() -> {
            dashboard.watchdog().reset();
            acc.reset();
            onEdt.run();
        });
        ref.takeMax();
    }

    /**
     * The window answers while a national run (Standoff 2026, 3,221 jurisdictions, four years) runs at full speed
     * with the charts in view, then with the map in view, and when the run is pinned and every chart exported: no
     * event on the event thread takes more than {@value #OWN_STALL_BOUND_MILLIS} ms of its own. Prints the status bar's
     * measure beside it (which also counts the event thread's waits for a CPU on a loaded machine).
     */
    @Test
    @Order(20)
    void aNationalRunKeepsTheWindowAnswering() throws Exception {
        openFresh(Path.of("scenarios", "standoff-2026.yaml").toAbsolutePath(), "Standoff 2026");
        GuiActionRunner.execute(() -> dashboard.overlaysPart().clear());
        window.tabbedPane("tabs").selectTab("Charts");
        GuiActionRunner.execute(() -> console.setPlaySleep(0));
        robot.waitForIdle();
        long days = gui().scenario().days();
        EdtAccounting acc = EdtAccounting.install();
        List<Phase> phases = new ArrayList<>();
        try (ReferenceStall ref = new ReferenceStall()) {
            GuiActionRunner.execute(() -> console.setWhenShouldPause(Long.MAX_VALUE));
            startPhase(acc, ref, () -> { });
            new JButtonFixture(robot, consoleButton("playButton")).click();
            pause(new Condition("half the run") {
                @Override
                public boolean test() {
                    return gui().sink() != null && gui().sink().lastDay() >= days / 2;
                }
            }, timeout(600_000));
            phases.add(phase("running, charts in view", acc, ref));
            startPhase(acc, ref, () -> dashboard.tabs().setSelectedIndex(1)); // the map
            pause(new Condition("run ended by itself") {
                @Override
                public boolean test() {
                    return console.getPlayState() == Console.PS_STOPPED && !gui().running() && gui().sink().lastDay() == days - 1;
                }
            }, timeout(600_000));
            waitFor("charts took in every day", () -> edt(() -> dashboard.currentRun().daysSeen() == days));
            waitFor("map drawn", () -> edt(() -> dashboard.map().upToDate()));
            robot.waitForIdle();
            phases.add(phase("running, map in view, to the end", acc, ref));
            GuiActionRunner.execute(() -> dashboard.tabs().setSelectedIndex(0));
            robot.waitForIdle();
            startPhase(acc, ref, dashboard::pinRun);
            waitFor("charts redrawn", () -> edt(() -> PaintQueue.pending() == 0));
            robot.waitForIdle();
            phases.add(phase("pin", acc, ref));
            Path dir = tmp.resolve("national-stall-export");
            int before = edt(() -> dashboard.exporter().exportsDone());
            startPhase(acc, ref, () -> dashboard.exporter().exportAll(dir));
            waitFor("export done", () -> edt(() -> dashboard.exporter().exportsDone()) == before + 1);
            robot.waitForIdle();
            phases.add(phase("export all", acc, ref));
        } finally {
            acc.remove();
        }
        phases.forEach(p -> System.out.println("[stall] national run, " + p + "; longest: " + p.longest()));
        for (Phase p : phases) {
            if (acc.measuresCpuWait()) {
                assertThat(p.own()).as(p.name() + ": longest event's own time (ms); " + p.longest()).isLessThanOrEqualTo(OWN_STALL_BOUND_MILLIS);
            } else {
                assertThat(p.watchdog()).as(p.name() + ": status bar's stall (ms)").isLessThanOrEqualTo(STALL_BOUND_MILLIS + p.reference());
            }
        }
    }

    /**
     * The documentation's screenshots, from a national run (Standoff 2026, four years): a first run pinned, a second
     * with an intervention, the charts with both and the scenario's events marked, the map. Also prints the longest
     * event-thread stalls while running, after pinning and after exporting every chart. Runs only when asked for:
     * {@code -Djurisim.nationalScreenshots=DIR}.
     */
    @Test
    @Order(30)
    @org.junit.jupiter.api.Tag(GuiCaseRunner.SCREENSHOTS_TAG)
    void nationalRunScreenshots() throws Exception {
        String out = System.getProperty("jurisim.nationalScreenshots");
        // discovered only when the property is set (GuiCaseRunner excludes the screenshots tag otherwise)
        assertThat(out).as("-Djurisim.nationalScreenshots=DIR").isNotBlank();
        Path dir = Path.of(out);
        Files.createDirectories(dir);
        openFresh(Path.of("scenarios", "standoff-2026.yaml").toAbsolutePath(), "Standoff 2026");
        GuiActionRunner.execute(() -> dashboard.overlaysPart().clear());
        window.tabbedPane("tabs").selectTab("Charts");
        GuiActionRunner.execute(() -> console.setPlaySleep(0));
        long days = gui().scenario().days();
        runUntilDayWithin(days / 2, 600_000);
        System.out.println("[national] stall (last 10 s) while running, mid-run: " + dashboard.recentStallMillis() + " ms");
        runToTheEndWithin(600_000);
        Thread.sleep(10_500); // let the window of the stall measure pass
        window.menuItemWithPath("Run", "Pin run").click();
        Thread.sleep(1_500);
        System.out.println("[national] stall (last 10 s) after Pin: " + dashboard.recentStallMillis() + " ms");
        // a second run: the administration withholds more from day 400
        runUntilDayWithin(400, 600_000);
        GuiActionRunner.execute(() -> gui().requestParameter("grantConditions.withholdShare",
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(0.9)));
        runToTheEndWithin(600_000);
        Thread.sleep(10_500);
        Path exportDir = tmp.resolve("national-export");
        int before = edt(() -> dashboard.exporter().exportsDone());
        GuiActionRunner.execute(() -> dashboard.exporter().exportAll(exportDir));
        waitFor("export done", () -> edt(() -> dashboard.exporter().exportsDone()) == before + 1);
        Thread.sleep(1_000);
        System.out.println("[national] stall (last 10 s) after Export all: " + dashboard.recentStallMillis() + " ms");
        GuiActionRunner.execute(() -> dashboard.grid().reveal(dashboard.chart("compliance")));
        robot.waitForIdle();
        Thread.sleep(1_000);
        screenshot("national-charts", dashboard.frame());
        Files.copy(screenshots.resolve("national-charts.png"), dir.resolve("dashboard.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        GuiActionRunner.execute(() -> dashboard.grid().reveal(dashboard.chart("policies")));
        Thread.sleep(1_000);
        screenshot("national-charts-policies", dashboard.frame());
        assertThat(edt(() -> dashboard.grid().scrollPane().getVerticalScrollBar().getValue())).as("scrolled down to the policies chart")
                .isPositive();
        assertThat(edt(() -> dashboard.grid().atTopOrEnd(dashboard.chart("policies")))).isTrue();
        Files.copy(screenshots.resolve("national-charts-policies.png"), dir.resolve("dashboard-policies.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        window.tabbedPane("tabs").selectTab("Map");
        GuiActionRunner.execute(() -> dashboard.showInspector("Cook County, IL"));
        Thread.sleep(2_000);
        robot.waitForIdle();
        screenshot("national-map", dashboard.frame());
        Files.copy(screenshots.resolve("national-map.png"), dir.resolve("dashboard-map.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        window.tabbedPane("tabs").selectTab("Charts");
    }

    private void runToTheEndWithin(long millis) throws Exception {
        long days = gui().scenario().days();
        long steps = gui().state.schedule.getSteps();
        GuiActionRunner.execute(() -> console.setWhenShouldPause(Long.MAX_VALUE));
        if (console.getPlayState() == Console.PS_PAUSED) {
            GuiActionRunner.execute(() -> console.pressPause()); // resume
        } else {
            new JButtonFixture(robot, consoleButton("playButton")).click();
        }
        pause(new Condition("run ended by itself after " + days + " days (from step " + steps + ")") {
            @Override
            public boolean test() {
                return console.getPlayState() == Console.PS_STOPPED && !gui().running() && gui().sink() != null
                        && gui().sink().lastDay() == days - 1;
            }
        }, timeout(millis));
        waitFor("charts took in every day", () -> edt(() -> dashboard.currentRun() != null && dashboard.currentRun().daysSeen() == days));
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
