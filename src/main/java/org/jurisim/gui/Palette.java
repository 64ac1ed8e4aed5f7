package org.jurisim.gui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.util.List;

/**
 * The dashboard's colours: Okabe-Ito (safe for the common forms of colour blindness), one colour per
 * policy wherever a policy appears (charts, map, legends), the same as the headless run charts.
 */
public final class Palette {

    private Palette() {
    }

    public static final Color BLUE = new Color(0x00, 0x72, 0xB2);
    public static final Color SKY = new Color(0x56, 0xB4, 0xE9);
    public static final Color ORANGE = new Color(0xE6, 0x9F, 0x00);
    public static final Color VERMILION = new Color(0xD5, 0x5E, 0x00);
    public static final Color GREEN = new Color(0x00, 0x9E, 0x73);
    public static final Color PURPLE = new Color(0xCC, 0x79, 0xA7);
    public static final Color YELLOW = new Color(0xF0, 0xE4, 0x42);
    public static final Color GREY = new Color(0x66, 0x66, 0x66);
    public static final Color BLACK = new Color(0x22, 0x22, 0x22);

    /** Colours for series that are not policies, in order. */
    public static final List<Color> SERIES = List.of(BLUE, VERMILION, GREEN, PURPLE, ORANGE, SKY, BLACK, YELLOW);

    /** The policy colours: one definition, in {@link org.jurisim.output.Charts#policyColor}. */
    public static Color policy(String name, List<String> allPolicies) {
        return org.jurisim.output.Charts.policyColor(name, allPolicies);
    }


    /** A colour at a given opacity (0..255). */
    public static Color faded(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    /** Black or white, whichever reads better on the background. */
    public static Color textOn(Color bg) {
        double l = 0.299 * bg.getRed() + 0.587 * bg.getGreen() + 0.114 * bg.getBlue();
        return l > 140 ? Color.BLACK : Color.WHITE;
    }

    /** Sequential colour-blind-safe scale (cividis-like) for a value 0..1; grey for NaN. */
    public static Color sequential(double v) {
        if (Double.isNaN(v)) {
            return new Color(0xDD, 0xDD, 0xDD);
        }
        double t = Math.max(0, Math.min(1, v));
        // cividis anchor points
        int[][] a = {{0x00, 0x22, 0x4E}, {0x35, 0x3E, 0x6C}, {0x66, 0x66, 0x70}, {0x95, 0x8F, 0x78}, {0xCB, 0xBA, 0x69}, {0xFE, 0xE8, 0x38}};
        double x = t * (a.length - 1);
        int i = Math.min(a.length - 2, (int) Math.floor(x));
        double f = x - i;
        return new Color((int) Math.round(a[i][0] + f * (a[i + 1][0] - a[i][0])),
                (int) Math.round(a[i][1] + f * (a[i + 1][1] - a[i][1])),
                (int) Math.round(a[i][2] + f * (a[i + 1][2] - a[i][2])));
    }

    /**
     * An overlaid run's colour for a series: the series' hue, paler and partly transparent, so an overlaid
     * run reads as a different run from the current one's full colour (its dash says which run). Lines over
     * a stacked panel stay darker, to show over the bands.
     */
    public static Color overlay(Color c, boolean overStack) {
        if (overStack) {
            return faded(c.darker(), 210);
        }
        int r = (c.getRed() + 2 * 0xCC) / 3;
        int g = (c.getGreen() + 2 * 0xCC) / 3;
        int b = (c.getBlue() + 2 * 0xCC) / 3;
        return new Color(r, g, b, 200);
    }

    /** Dash patterns telling overlaid runs apart (the colour says which series, the dash which run). */
    public static Stroke overlayStroke(int run) {
        float[][] dashes = {{7f, 4f}, {2f, 3f}, {9f, 3f, 2f, 3f}, {12f, 6f}, {4f, 2f, 1f, 2f}};
        return new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, dashes[run % dashes.length], 0f);
    }
}
