package org.jurisim.gui;

import java.awt.FlowLayout;
import java.awt.Font;
import java.util.Hashtable;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSlider;
import sim.display.Console;

/**
 * Play, pause and stop, and the speed, on the dashboard itself (the same as the Console's buttons and its
 * "delay" slider, kept in step with them): the speed is the pause between simulated days, from none
 * (as fast as the model runs) to one second.
 */
final class RunControls {

    /** Pause between days (ms) at each slider position, slowest first. */
    static final long[] SLEEPS = {1000, 500, 250, 100, 50, 20, 5, 0};

    private final Console console;
    private final JPanel panel = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 2));
    private final JSlider speed = new JSlider(0, SLEEPS.length - 1, SLEEPS.length - 1);
    private final JLabel speedText = new JLabel();
    private boolean updating;

    RunControls(Console console) {
        this.console = console;
        panel.setName("runControls");
        JButton play = button("Play", "runPlay", "Start a run, or step it while paused (as the Console's play button)");
        play.addActionListener(e -> console.pressPlay());
        JButton pause = button("Pause", "runPause", "Pause or resume the run");
        pause.addActionListener(e -> console.pressPause());
        JButton stop = button("Stop", "runStop", "End the run");
        stop.addActionListener(e -> console.pressStop());
        speed.setName("runSpeed");
        speed.setSnapToTicks(true);
        speed.setMajorTickSpacing(1);
        speed.setPaintTicks(true);
        Hashtable<Integer, JComponent> labels = new Hashtable<>();
        labels.put(0, small("slow"));
        labels.put(SLEEPS.length - 1, small("fastest"));
        speed.setLabelTable(labels);
        speed.setPaintLabels(true);
        speed.setToolTipText("Pause between simulated days (the Console's delay)");
        speed.addChangeListener(e -> {
            if (!updating) {
                console.setPlaySleep(SLEEPS[speed.getValue()]);
            }
            showSpeed();
        });
        speedText.setName("runSpeedText");
        speedText.setFont(speedText.getFont().deriveFont(Font.PLAIN, 11f));
        panel.add(play);
        panel.add(pause);
        panel.add(stop);
        panel.add(new JLabel("  Speed:"));
        panel.add(speed);
        panel.add(speedText);
        refresh();
    }

    private static JLabel small(String s) {
        JLabel l = new JLabel(s);
        l.setFont(l.getFont().deriveFont(Font.PLAIN, 10f));
        return l;
    }

    private static JButton button(String text, String name, String tip) {
        JButton b = new JButton(text);
        b.setName(name);
        b.setToolTipText(tip);
        b.setMargin(new java.awt.Insets(2, 8, 2, 8));
        return b;
    }

    JComponent component() {
        return panel;
    }

    JSlider slider() {
        return speed;
    }

    /** Follows a change made in the Console's own tab. */
    void refresh() {
        long sleep = console.getPlaySleep();
        int best = 0;
        for (int i = 0; i < SLEEPS.length; i++) {
            if (Math.abs(SLEEPS[i] - sleep) < Math.abs(SLEEPS[best] - sleep)) {
                best = i;
            }
        }
        if (best != speed.getValue()) {
            updating = true;
            try {
                speed.setValue(best);
            } finally {
                updating = false;
            }
        }
        showSpeed();
    }

    private void showSpeed() {
        long s = console.getPlaySleep();
        speedText.setText(s == 0 ? "no pause between days" : s + " ms between days");
    }
}
