package org.jurisim.metrics;

/** Sum of numerators over sum of denominators across the last {@code window} days (NaN while the denominator is 0). */
public final class RollingRatio implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final long[] num;
    private final long[] den;
    private long sumNum;
    private long sumDen;
    private int pos;

    public RollingRatio(int window) {
        num = new long[window];
        den = new long[window];
    }

    /** Adds one day and returns the ratio over the window ending with it. */
    public double add(long numerator, long denominator) {
        sumNum += numerator - num[pos];
        sumDen += denominator - den[pos];
        num[pos] = numerator;
        den[pos] = denominator;
        pos = (pos + 1) % num.length;
        return sumDen == 0 ? Double.NaN : (double) sumNum / sumDen;
    }
}
