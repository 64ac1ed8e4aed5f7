package org.jurisim.gui;

import java.awt.BorderLayout;
import java.awt.Dialog;
import java.awt.FlowLayout;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.SwingWorker;
import javax.swing.Timer;
import javax.swing.WindowConstants;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Problem;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioLoader;

/**
 * The dashboard's scenario loading: off the event thread, with a progress dialog (and Cancel) when it takes
 * longer than {@value #DIALOG_DELAY_MILLIS} ms; problems in the file shown one per line. Event-thread only.
 */
final class ScenarioLoading {

    /** How long a load may take before its progress dialog shows. */
    static final int DIALOG_DELAY_MILLIS = 300;

    /** Reads a scenario file, off the event thread. */
    interface Reader {
        Scenario read(Path file) throws Exception;
    }

    private final Dashboard dashboard;
    /** How files are read: the loader, or in the GUI tests one that holds a load back until the test lets it go. */
    volatile Reader reader = file -> ScenarioLoader.load(file, List.of());
    /** The scenario load under way (null when none): only its result is used, an abandoned one's is discarded. */
    private SwingWorker<Scenario, Void> loading;
    private Timer dialogTimer;
    private JDialog dialog;

    ScenarioLoading(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    /**
     * Loads a scenario off the event thread and, when it is read, makes it current (stopping a run under way).
     * An abandoned load (Cancel, or another open started meanwhile) changes nothing. Problems in the file are
     * shown in a dialog, one line each as FILE:LINE:COLUMN: field: message; the current scenario stays.
     */
    void open(Path file) {
        cancel();
        SwingWorker<Scenario, Void> worker = new SwingWorker<>() {
            @Override
            protected Scenario doInBackground() throws Exception {
                return reader.read(file);
            }

            @Override
            protected void done() {
                if (loading != this) {
                    return; // abandoned: the result is discarded
                }
                loading = null;
                end();
                Scenario s;
                try {
                    s = get();
                } catch (CancellationException | InterruptedException e) {
                    return;
                } catch (ExecutionException e) {
                    showProblem(file, e.getCause());
                    return;
                }
                dashboard.scenarioLoaded(s, file);
            }
        };
        loading = worker;
        dialogTimer = new Timer(DIALOG_DELAY_MILLIS, e -> {
            if (loading == worker) {
                showDialog(file);
            }
        });
        dialogTimer.setRepeats(false);
        dialogTimer.start();
        worker.execute();
    }

    boolean isLoading() {
        return loading != null;
    }

    /** Abandons the load under way, if any: its thread is interrupted and its result discarded. */
    void cancel() {
        SwingWorker<Scenario, Void> w = loading;
        if (w == null) {
            return;
        }
        loading = null;
        end();
        w.cancel(true);
    }

    private void end() {
        if (dialogTimer != null) {
            dialogTimer.stop();
            dialogTimer = null;
        }
        if (dialog != null) {
            dialog.dispose();
            dialog = null;
        }
    }

    private void showDialog(Path file) {
        JDialog d = new JDialog(dashboard.frame(), "Opening scenario", Dialog.ModalityType.MODELESS);
        d.setName("loadingDialog");
        d.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        d.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                cancel();
            }
        });
        JProgressBar bar = new JProgressBar();
        bar.setName("loadingProgress");
        bar.setIndeterminate(true);
        JButton cancel = new JButton("Cancel");
        cancel.setName("cancelLoading");
        cancel.addActionListener(e -> cancel());
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
        d.setLocationRelativeTo(dashboard.frame());
        dialog = d;
        d.setVisible(true);
    }

    private void showProblem(Path file, Throwable t) {
        if (t instanceof BadInputException e) {
            StringBuilder sb = new StringBuilder();
            for (Problem p : e.problems()) {
                sb.append(p.format()).append('\n');
            }
            dashboard.showText("Scenario problems", "The scenario has " + e.problems().size() + " problem"
                    + (e.problems().size() == 1 ? "" : "s") + " and was not opened:", sb.toString(), "problems");
        } else {
            dashboard.showText("Scenario problems", "The scenario could not be opened:", file + ": " + (t instanceof OutOfMemoryError
                    ? "not enough memory to load it" : t.getMessage()), "problems");
        }
    }
}
