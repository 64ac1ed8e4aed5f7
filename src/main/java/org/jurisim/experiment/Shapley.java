package org.jurisim.experiment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Shapley values of a game of n factors (n at most 62): the value of every coalition (a set of factors switched on,
 * as a bit mask) is given, and each factor's Shapley value is its marginal contribution v(S + i) - v(S) averaged
 * over the orders in which the factors can be switched on. The values add up to v(all) - v(none) exactly
 * (efficiency): exactly for every ordering, hence for any set of orderings.
 * <ul>
 *   <li><b>Exact</b> (every coalition, 2^n): phi_i = sum over S without i of |S|! (n - |S| - 1)! / n! (v(S + i) - v(S)).</li>
 *   <li><b>Sampled</b>: the average over M random orderings (each drawn with its reverse, antithetic pairs, so
 *   that every factor is seen both early and late), which needs only the coalitions along those orderings.</li>
 * </ul>
 */
public final class Shapley {

    private Shapley() {
    }

    /** The orderings of a sampled estimate: {@code pairs} random permutations of 0..n-1, each followed by its reverse. */
    public static List<int[]> orderings(int n, int pairs, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> out = new ArrayList<>();
        for (int m = 0; m < pairs; m++) {
            int[] p = new int[n];
            for (int i = 0; i < n; i++) {
                p[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            int[] r = new int[n];
            for (int i = 0; i < n; i++) {
                r[i] = p[n - 1 - i];
            }
            out.add(p);
            out.add(r);
        }
        return out;
    }

    /** The coalitions an estimate needs: all 2^n (orderings null), or those along the orderings; plus every single factor. */
    public static List<Long> coalitions(int n, List<int[]> orderings) {
        LinkedHashSet<Long> masks = new LinkedHashSet<>();
        if (orderings == null) {
            for (long m = 0; m < (1L << n); m++) {
                masks.add(m);
            }
            return new ArrayList<>(masks);
        }
        masks.add(0L);
        masks.add((1L << n) - 1);
        for (int i = 0; i < n; i++) {
            masks.add(1L << i);
        }
        for (int[] o : orderings) {
            long m = 0;
            for (int i : o) {
                m |= 1L << i;
                masks.add(m);
            }
        }
        return new ArrayList<>(masks);
    }

    /** Exact Shapley values from the values of all 2^n coalitions. */
    public static double[] exact(int n, Map<Long, Double> v) {
        double[] w = new double[n];
        for (int s = 0; s < n; s++) {
            // s! (n - s - 1)! / n!, computed as 1 / (n * C(n - 1, s))
            double c = 1;
            for (int j = 1; j <= s; j++) {
                c = c * (n - 1 - s + j) / j;
            }
            w[s] = 1 / (n * c);
        }
        double[] phi = new double[n];
        for (long m = 0; m < (1L << n); m++) {
            int size = Long.bitCount(m);
            for (int i = 0; i < n; i++) {
                if ((m & (1L << i)) == 0) {
                    phi[i] += w[size] * (v.get(m | (1L << i)) - v.get(m));
                }
            }
        }
        return phi;
    }

    /** Sampled Shapley values: the mean marginal contribution of each factor along the orderings. */
    public static double[] sampled(int n, Map<Long, Double> v, List<int[]> orderings) {
        double[] phi = new double[n];
        for (int[] o : orderings) {
            long m = 0;
            for (int i : o) {
                long next = m | (1L << i);
                phi[i] += v.get(next) - v.get(m);
                m = next;
            }
        }
        for (int i = 0; i < n; i++) {
            phi[i] /= orderings.size();
        }
        return phi;
    }
}
