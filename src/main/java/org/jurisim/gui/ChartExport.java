package org.jurisim.gui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import javax.swing.JFileChooser;
import javax.swing.JMenu;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.SwingWorker;

/**
 * Exports charts as PNG, SVG and CSV: one chart, or all of them to a folder. The event thread only takes a
 * frozen copy of each chart ({@link LiveChart#exportCopy}: the runs as of now, the full time range whatever
 * the screen is zoomed to); drawing and writing happen on a worker thread, each file written under a
 * temporary name and moved into place when complete. The status bar says when an export is done.
 */
final class ChartExport {

    static final List<String> FORMATS = List.of("png", "svg", "csv");

    private final Dashboard dashboard;
    private final JMenu menu = new JMenu("Export");
    private int exportsDone;
    private int exportsRunning;

    ChartExport(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    JMenu menu() {
        return menu;
    }

    void rebuildMenu() {
        menu.removeAll();
        for (LiveChart c : dashboard.grid().charts()) {
            JMenu m = new JMenu(c.title());
            m.add(item(c, "PNG image...", "png"));
            m.add(item(c, "SVG image...", "svg"));
            m.add(item(c, "Series as CSV...", "csv"));
            menu.add(m);
        }
        menu.addSeparator();
        JMenuItem all = new JMenuItem("All charts (PNG, SVG, CSV) to a folder...");
        all.setName("menu:exportAll");
        all.addActionListener(e -> exportAllDialog());
        menu.add(all);
    }

    JMenuItem item(LiveChart c, String text, String ext) {
        JMenuItem it = new JMenuItem(text);
        it.setName("export:" + c.id() + ":" + ext);
        it.addActionListener(e -> exportDialog(c, ext));
        return it;
    }

    private void exportDialog(LiveChart c, String ext) {
        JFileChooser fc = dashboard.menus().chooser("Export " + c.title() + " as " + ext.toUpperCase(Locale.ROOT), false);
        fc.setSelectedFile(new java.io.File(fc.getCurrentDirectory(), c.id() + "." + ext));
        if (fc.showSaveDialog(dashboard.frame()) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        Path p = TypedPaths.chosen(fc);
        if (!p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith("." + ext)) {
            p = p.resolveSibling(p.getFileName() + "." + ext);
        }
        export(List.of(new Job(c, ext, p)), p.getFileName().toString());
    }

    private void exportAllDialog() {
        JFileChooser fc = dashboard.menus().chooser("Export all charts to a folder", true);
        if (fc.showSaveDialog(dashboard.frame()) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        exportAll(TypedPaths.chosen(fc));
    }

    /** One file to write: a chart (the live one; a copy is taken before writing), its format and where. */
    record Job(LiveChart chart, String ext, Path file) {
    }

    /** Writes every chart in every format to {@code dir} (named by chart id), in the background. */
    void exportAll(Path dir) {
        List<Job> jobs = new ArrayList<>();
        for (LiveChart c : dashboard.grid().charts()) {
            for (String ext : FORMATS) {
                jobs.add(new Job(c, ext, dir.resolve(c.id() + "." + ext)));
            }
        }
        export(jobs, dir.toString());
    }

    /** Takes the charts' copies now (event thread) and writes them on a worker thread. */
    SwingWorker<Integer, Void> export(List<Job> jobs, String where) {
        dashboard.drain();
        java.util.Map<LiveChart, LiveChart> copies = new java.util.IdentityHashMap<>();
        // the charts show one run: it is copied once, for all of them
        java.util.Map<RunSeries, RunSeries> runs = new java.util.IdentityHashMap<>();
        List<Job> frozen = new ArrayList<>();
        for (Job j : jobs) {
            frozen.add(new Job(copies.computeIfAbsent(j.chart(), c -> c.exportCopy(c.run() == null ? null : runs.computeIfAbsent(c.run(), RunSeries::copy))),
                    j.ext(), j.file()));
        }
        exportsRunning++;
        dashboard.setNotice("Exporting " + jobs.size() + " file" + (jobs.size() == 1 ? "" : "s") + " to " + where + "...");
        SwingWorker<Integer, Void> w = new SwingWorker<>() {
            @Override
            protected Integer doInBackground() throws IOException {
                for (Job j : frozen) {
                    write(j.chart(), j.ext(), j.file());
                }
                return frozen.size();
            }

            @Override
            protected void done() {
                exportsRunning--;
                try {
                    int n = get();
                    exportsDone++;
                    dashboard.setNotice("Exported " + n + " file" + (n == 1 ? "" : "s") + " to " + where);
                } catch (ExecutionException e) {
                    Throwable t = e.getCause();
                    dashboard.setNotice("Export failed: " + t.getMessage());
                    JOptionPane.showMessageDialog(dashboard.frame(), "Could not export: " + t.getMessage(), "Export", JOptionPane.ERROR_MESSAGE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        w.execute();
        return w;
    }

    /** Writes one chart (an export copy, or any chart on the event thread) in one format, atomically. */
    static void write(LiveChart c, String ext, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        Path part = abs.resolveSibling(abs.getFileName() + ".part");
        switch (ext) {
            case "png" -> c.exportPng(part);
            case "svg" -> c.exportSvg(part);
            default -> c.exportCsv(part);
        }
        Files.move(part, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Exports finished so far (for tests). */
    int exportsDone() {
        return exportsDone;
    }

    boolean exporting() {
        return exportsRunning > 0;
    }
}
