package org.jurisim.gui;

/** A run drawn faded under the current one: a pinned earlier run or a headless run's directory. */
public final class Overlay {

    private final int number;
    private final String label;
    private final RunSeries series;
    private boolean visible = true;

    Overlay(int number, String label, RunSeries series) {
        this.number = number;
        this.label = label;
        this.series = series;
    }

    /** 1, 2, ... in the order runs were overlaid (picks the dash pattern). */
    public int number() {
        return number;
    }

    /** The legend's name for the run. */
    public String label() {
        return label;
    }

    public RunSeries series() {
        return series;
    }

    public boolean visible() {
        return visible;
    }

    void setVisible(boolean v) {
        visible = v;
    }
}
