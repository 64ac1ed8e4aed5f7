package org.jurisim.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JMenu;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import org.jurisim.output.SeriesTable;

/**
 * Runs overlaid on the charts: pinned earlier runs and headless runs' directories, at most
 * {@value #MAX_OVERLAYS} (the oldest goes first), each shown or hidden from the Run menu or its legend
 * item. Pinning freezes a copy of the current run's arrays (at most {@link RunSeries#DEFAULT_CAPACITY}
 * rows per column, so it is cheap). Event-thread only.
 */
final class RunOverlays {

    /** Most overlaid runs kept (the oldest goes first). */
    static final int MAX_OVERLAYS = 6;

    private final Dashboard dashboard;
    private final List<Overlay> overlays = new ArrayList<>();
    private final JMenu menu = new JMenu("Overlays");
    private int counter;

    RunOverlays(Dashboard dashboard) {
        this.dashboard = dashboard;
        rebuildMenu();
    }

    JMenu menu() {
        return menu;
    }

    List<Overlay> list() {
        return List.copyOf(overlays);
    }

    int size() {
        return overlays.size();
    }

    /** Keeps the current run's series as pale dashed lines under the next runs. */
    void pin() {
        dashboard.drain();
        RunSeries current = dashboard.currentRun();
        if (current == null || current.size() == 0) {
            JOptionPane.showMessageDialog(dashboard.frame(), "Nothing to pin yet: run the model first.", "Pin run",
                    JOptionPane.INFORMATION_MESSAGE);
            return;
        }
        add("Pinned: " + current.name().replace(")", "; " + current.daysSeen() + " days)"), current.copy());
    }

    /** Overlays a headless run's timeseries.csv. */
    void openRunDirectory(Path dir) throws IOException {
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
        add(label, RunSeries.of(label, t, ChartSpecs.CUMULATIVE, dashboard.gui().model().policyNames(), RunSeries.DEFAULT_CAPACITY));
    }

    private void add(String label, RunSeries series) {
        overlays.add(new Overlay(++counter, label, series));
        while (overlays.size() > MAX_OVERLAYS) {
            overlays.remove(0);
        }
        changed();
    }

    /** Removes every overlaid run. */
    void clear() {
        overlays.clear();
        changed();
    }

    void setVisible(Overlay o, boolean v) {
        o.setVisible(v);
        changed();
    }

    /** Shows or hides the overlay with this number (a click on its legend item). */
    void toggle(int number) {
        overlays.stream().filter(o -> o.number() == number).findFirst().ifPresent(o -> setVisible(o, !o.visible()));
    }

    private void changed() {
        dashboard.grid().setOverlays(overlays);
        rebuildMenu();
        dashboard.updateStatus();
    }

    private void rebuildMenu() {
        menu.removeAll();
        if (overlays.isEmpty()) {
            JMenuItem none = new JMenuItem("(no overlaid runs: Pin run, or File > Open run directory)");
            none.setEnabled(false);
            menu.add(none);
            return;
        }
        for (Overlay o : overlays) {
            JCheckBoxMenuItem it = new JCheckBoxMenuItem(o.label(), o.visible());
            it.setName("overlay:" + o.number());
            it.addActionListener(e -> setVisible(o, it.isSelected()));
            menu.add(it);
        }
        menu.addSeparator();
        JMenuItem clear = new JMenuItem("Remove all overlays");
        clear.addActionListener(e -> clear());
        menu.add(clear);
    }
}
