package org.jurisim.gui;

import java.awt.event.ActionListener;
import java.awt.event.KeyEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.swing.JFileChooser;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.KeyStroke;
import javax.swing.filechooser.FileNameExtensionFilter;
import sim.display.Console;

/**
 * The dashboard's menu bar and the file actions behind it (open, recent, save, open run directory), and the
 * trimming of MASON's Console menus (no checkpoint files: the dashboard saves scenarios instead).
 */
final class DashboardMenus {

    private final Dashboard dashboard;
    private final JMenu recentMenu = new JMenu("Recent scenarios");
    private final RecentFiles recent = new RecentFiles();

    DashboardMenus(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    JMenuBar build() {
        JMenuBar bar = new JMenuBar();
        JMenu file = new JMenu("File");
        file.setMnemonic(KeyEvent.VK_F);
        file.add(item("Open scenario...", KeyEvent.VK_O, e -> openScenarioDialog()));
        file.add(recentMenu);
        rebuildRecent();
        file.add(item("Save scenario as...", KeyEvent.VK_S, e -> saveScenarioDialog()));
        file.addSeparator();
        file.add(item("Open run directory...", KeyEvent.VK_D, e -> openRunDirectoryDialog()));
        file.add(dashboard.exporter().menu());
        file.addSeparator();
        file.add(item("Quit", KeyEvent.VK_Q, e -> Console.doQuit()));
        bar.add(file);
        JMenu runMenu = new JMenu("Run");
        runMenu.add(item("Pin run", KeyEvent.VK_P, e -> dashboard.overlaysPart().pin()));
        runMenu.add(dashboard.overlaysPart().menu());
        bar.add(runMenu);
        JMenu view = new JMenu("View");
        view.add(item("Charts", 0, e -> dashboard.tabs().setSelectedIndex(0)));
        view.add(item("Map", 0, e -> dashboard.tabs().setSelectedIndex(1)));
        view.add(item("Interventions", 0, e -> dashboard.tabs().setSelectedIndex(2)));
        view.addSeparator();
        view.add(item("Show MASON console", 0, e -> dashboard.console().toFront()));
        bar.add(view);
        return bar;
    }

    private static JMenuItem item(String text, int key, ActionListener l) {
        JMenuItem it = new JMenuItem(text);
        it.setName("menu:" + text);
        if (key != 0) {
            it.setAccelerator(KeyStroke.getKeyStroke(key, java.awt.Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx()));
        }
        it.addActionListener(l);
        return it;
    }

    /**
     * The Console keeps play/pause/step/stop, speed and seed. Its checkpoint items (open/save a serialized
     * model) are removed: the dashboard saves scenarios instead. The seed stays put between runs so a re-run
     * after a tweak is comparable.
     */
    void tweakConsole() {
        Console console = dashboard.console();
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
                        dashboard.frame().setVisible(true);
                        dashboard.frame().toFront();
                    });
                    m.insert(show, 0);
                }
            }
        }
        console.setTitle("JuriSim \u2014 " + dashboard.gui().scenario().name());
    }

    void rebuildRecent() {
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
                    JOptionPane.showMessageDialog(dashboard.frame(), p + ": no such file (removed from the list).", "Recent scenarios",
                            JOptionPane.WARNING_MESSAGE);
                    return;
                }
                dashboard.openScenario(p);
            });
            recentMenu.add(it);
        }
    }

    void addRecent(Path file) {
        recent.add(file);
        rebuildRecent();
    }

    JFileChooser chooser(String title, boolean dirs) {
        JuriSimGui gui = dashboard.gui();
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
        if (fc.showOpenDialog(dashboard.frame()) == JFileChooser.APPROVE_OPTION) {
            dashboard.openScenario(TypedPaths.chosen(fc));
        }
    }

    private void saveScenarioDialog() {
        JFileChooser fc = chooser("Save scenario as", false);
        fc.setFileFilter(new FileNameExtensionFilter("Scenario files (*.yaml)", "yaml", "yml"));
        if (fc.showSaveDialog(dashboard.frame()) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        Path p = TypedPaths.chosen(fc);
        if (!p.getFileName().toString().matches(".*\\.ya?ml")) {
            p = p.resolveSibling(p.getFileName() + ".yaml");
        }
        try {
            dashboard.saveScenario(p);
        } catch (IOException e) {
            JOptionPane.showMessageDialog(dashboard.frame(), "Could not write " + p + ": " + e.getMessage(), "Save scenario",
                    JOptionPane.ERROR_MESSAGE);
        }
    }

    private void openRunDirectoryDialog() {
        JFileChooser fc = chooser("Open run directory (a folder with timeseries.csv)", true);
        if (fc.showOpenDialog(dashboard.frame()) == JFileChooser.APPROVE_OPTION) {
            try {
                dashboard.overlaysPart().openRunDirectory(TypedPaths.chosen(fc));
            } catch (IOException | RuntimeException e) {
                JOptionPane.showMessageDialog(dashboard.frame(), e.getMessage(), "Open run directory", JOptionPane.ERROR_MESSAGE);
            }
        }
    }
}
