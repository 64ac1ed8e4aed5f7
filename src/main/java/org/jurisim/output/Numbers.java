package org.jurisim.output;

import java.math.BigDecimal;
import java.math.MathContext;

/** How numbers are written in JuriSim's CSV files: the same value always gives the same text. */
public final class Numbers {

    private Numbers() {
    }

    /** Integers as integers, other values to 6 significant digits without exponent; NaN as the empty string. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
