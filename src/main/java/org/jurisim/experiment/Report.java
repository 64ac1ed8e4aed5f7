package org.jurisim.experiment;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Formatting for people (tables, reports and the console): a few significant digits, thousands separated. */
final class Report {

    private Report() {
    }

    /** {@code v} to {@code digits} significant digits (as a percentage when {@code share}); "n/a" for NaN. */
    static String sig(double v, int digits, boolean share) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "\u221e" : "-\u221e";
        }
        if (share) {
            return sig(100 * v, digits, false) + "%";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal b = new BigDecimal(v).round(new MathContext(digits));
        if (Math.abs(v) >= 1e15 || Math.abs(v) < 1e-6) {
            return String.format(Locale.US, "%." + (digits - 1) + "e", v);
        }
        b = b.stripTrailingZeros();
        if (b.scale() <= 0) {
            return String.format(Locale.US, "%,d", b.toBigInteger());
        }
        String plain = b.toPlainString();
        int dot = plain.indexOf('.');
        String intPart = plain.substring(0, dot);
        String neg = intPart.startsWith("-") ? "-" : "";
        long ip = Math.abs(Long.parseLong(intPart.replace("-", "").isEmpty() ? "0" : intPart.replace("-", "")));
        return neg + String.format(Locale.US, "%,d", ip) + plain.substring(dot);
    }
}
