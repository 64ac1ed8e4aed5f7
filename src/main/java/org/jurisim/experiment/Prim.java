package org.jurisim.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The patient rule induction method (PRIM; Friedman and Fisher 1999), as scenario discovery uses it (Bryant and
 * Lempert 2010; the EMA Workbench): find a box of parameter values, {@code low_j <= x_j <= high_j}, inside which
 * most points are "interesting" (an outcome below or above a threshold), while it still holds most of them.
 *
 * <ul>
 *   <li><b>Peeling.</b> From the box holding every point, remove a fraction alpha of the points in the box from one
 *   side of one parameter (those with the lowest, or the highest, values; ties go together), choosing, among all
 *   2k candidates, the peel whose remaining box has the highest density (ties: the larger box, then the first
 *   parameter). Repeat while the remaining box keeps at least a mass {@code minMass} of all points. Each box of the
 *   sequence is a step of the peeling trajectory. A new limit lies halfway between the last point removed and the
 *   first point kept.</li>
 *   <li><b>Pasting</b> (optional). From the chosen box, widen one side of one parameter to take in the nearest
 *   fraction alpha of the points just outside it, whenever that raises the density; repeat until no widening
 *   does.</li>
 *   <li><b>Coverage</b>: interesting points in the box / all interesting points. <b>Density</b>: interesting points
 *   in the box / points in the box. <b>Mass</b>: points in the box / all points.</li>
 * </ul>
 * The box chosen by default is the one of the trajectory with the largest coverage - mass (the weighted relative
 * accuracy of subgroup discovery, mass x (density - base rate), divided by the base rate): the box that gains the
 * most interesting points over what a box of its size would hold by chance. A box of every point scores 0.
 */
public final class Prim {

    private Prim() {
    }

    /** A box: its limits per parameter, the points in it, of which interesting, and coverage, density and mass. */
    public record Box(double[] low, double[] high, int points, int interesting, double coverage, double density, double mass) {

        /** Whether parameter {@code j}'s limits are narrower than the full range {@code [lo, hi]}. */
        public boolean restricts(int j, double lo, double hi) {
            return low[j] > lo || high[j] < hi;
        }
    }

    /** The peeling trajectory, the index of the chosen box in it, and that box pasted (the chosen box itself without pasting). */
    public record Result(List<Box> trajectory, int chosen, Box pasted) {
        public Box box() {
            return pasted;
        }

        /**
         * A plain warning when the box's density is hardly above the share of interesting points overall (less than a
         * quarter of the way from that share to 1): no box stands out; null otherwise.
         */
        public String warning() {
            double base = trajectory.get(0).density();
            if (pasted.density() - base >= 0.25 * (1 - base)) {
                return null;
            }
            return String.format(java.util.Locale.ROOT, "no box of parameters stands out: the box's density (%.0f%%) is hardly above"
                    + " the share of interesting points overall (%.0f%%); the interesting points are spread out or lie outside"
                    + " a box (PRIM finds boxes, not their complements).", 100 * pasted.density(), 100 * base);
        }
    }

    /**
     * @param x         x[p][j]: parameter j at point p
     * @param y         whether point p is interesting
     * @param lows      the full range of each parameter (the first box)
     * @param highs     idem
     * @param alpha     peeling fraction (e.g. 0.05)
     * @param minMass   smallest mass of a box (e.g. 0.05)
     * @param paste     whether to paste the chosen box
     * @param choose    index of the box to choose in the trajectory (-1: the largest coverage - mass)
     */
    public static Result run(double[][] x, boolean[] y, double[] lows, double[] highs, double alpha, double minMass, boolean paste,
                             int choose) {
        int n = x.length;
        int k = lows.length;
        int total = 0;
        for (boolean b : y) {
            total += b ? 1 : 0;
        }
        double[] low = lows.clone();
        double[] high = highs.clone();
        List<Box> traj = new ArrayList<>();
        traj.add(box(x, y, low, high, total));
        while (true) {
            int[] in = inside(x, low, high, -1);
            int remove = Math.max(1, (int) Math.ceil(alpha * in.length));
            double bestDensity = Double.NEGATIVE_INFINITY;
            int bestKept = -1;
            double[] bestLow = null;
            double[] bestHigh = null;
            for (int j = 0; j < k; j++) {
                double[] v = new double[in.length];
                for (int i = 0; i < in.length; i++) {
                    v[i] = x[in[i]][j];
                }
                Arrays.sort(v);
                for (int side = 0; side < 2; side++) {
                    double[] l = low.clone();
                    double[] h = high.clone();
                    if (side == 0) {
                        double cut = v[remove - 1];
                        int next = upperIndex(v, cut);
                        if (next >= v.length) {
                            continue;
                        }
                        l[j] = (cut + v[next]) / 2;
                    } else {
                        double cut = v[v.length - remove];
                        int prev = lowerIndex(v, cut);
                        if (prev < 0) {
                            continue;
                        }
                        h[j] = (cut + v[prev]) / 2;
                    }
                    int kept = 0;
                    int hits = 0;
                    for (int p : in) {
                        if (x[p][j] >= l[j] && x[p][j] <= h[j]) {
                            kept++;
                            hits += y[p] ? 1 : 0;
                        }
                    }
                    if (kept == 0 || (double) kept / n < minMass) {
                        continue;
                    }
                    double d = (double) hits / kept;
                    if (d > bestDensity || d == bestDensity && kept > bestKept) {
                        bestDensity = d;
                        bestKept = kept;
                        bestLow = l;
                        bestHigh = h;
                    }
                }
            }
            if (bestLow == null) {
                break;
            }
            low = bestLow;
            high = bestHigh;
            traj.add(box(x, y, low, high, total));
        }
        int chosen = choose;
        if (chosen < 0 || chosen >= traj.size()) {
            chosen = 0;
            for (int i = 1; i < traj.size(); i++) {
                Box b = traj.get(i);
                Box c = traj.get(chosen);
                if (b.coverage() - b.mass() > c.coverage() - c.mass()) {
                    chosen = i;
                }
            }
        }
        Box result = traj.get(chosen);
        if (paste) {
            result = paste(x, y, result, lows, highs, alpha, total);
        }
        return new Result(List.copyOf(traj), chosen, result);
    }

    /** Widens the box while a widening raises its density. */
    private static Box paste(double[][] x, boolean[] y, Box start, double[] lows, double[] highs, double alpha, int total) {
        Box cur = start;
        int k = lows.length;
        while (true) {
            Box best = null;
            int step = Math.max(1, (int) Math.ceil(alpha * cur.points()));
            for (int j = 0; j < k; j++) {
                // points inside on every other parameter, outside on j
                int[] cand = inside(x, cur.low(), cur.high(), j);
                List<Double> below = new ArrayList<>();
                List<Double> above = new ArrayList<>();
                for (int p : cand) {
                    if (x[p][j] < cur.low()[j]) {
                        below.add(x[p][j]);
                    } else if (x[p][j] > cur.high()[j]) {
                        above.add(x[p][j]);
                    }
                }
                below.sort((a, b) -> Double.compare(b, a));
                above.sort(Double::compare);
                for (int side = 0; side < 2; side++) {
                    List<Double> out = side == 0 ? below : above;
                    if (out.isEmpty()) {
                        continue;
                    }
                    int take = Math.min(step, out.size());
                    double last = out.get(take - 1);
                    while (take < out.size() && out.get(take) == last) {
                        take++;
                    }
                    double limit = take < out.size() ? (last + out.get(take)) / 2 : (side == 0 ? lows[j] : highs[j]);
                    double[] l = cur.low().clone();
                    double[] h = cur.high().clone();
                    if (side == 0) {
                        l[j] = limit;
                    } else {
                        h[j] = limit;
                    }
                    Box b = box(x, y, l, h, total);
                    if (b.density() > cur.density() && (best == null || b.density() > best.density()
                            || b.density() == best.density() && b.points() > best.points())) {
                        best = b;
                    }
                }
            }
            if (best == null) {
                return cur;
            }
            cur = best;
        }
    }

    private static int upperIndex(double[] sorted, double v) {
        int i = Arrays.binarySearch(sorted, v);
        while (i + 1 < sorted.length && sorted[i + 1] == v) {
            i++;
        }
        return i + 1;
    }

    private static int lowerIndex(double[] sorted, double v) {
        int i = Arrays.binarySearch(sorted, v);
        while (i - 1 >= 0 && sorted[i - 1] == v) {
            i--;
        }
        return i - 1;
    }

    /** The points inside the limits on every parameter except {@code skip} (-1: none skipped). */
    private static int[] inside(double[][] x, double[] low, double[] high, int skip) {
        int[] out = new int[x.length];
        int m = 0;
        for (int p = 0; p < x.length; p++) {
            boolean ok = true;
            for (int j = 0; j < low.length && ok; j++) {
                ok = j == skip || x[p][j] >= low[j] && x[p][j] <= high[j];
            }
            if (ok) {
                out[m++] = p;
            }
        }
        return Arrays.copyOf(out, m);
    }

    private static Box box(double[][] x, boolean[] y, double[] low, double[] high, int total) {
        int[] in = inside(x, low, high, -1);
        int hits = 0;
        for (int p : in) {
            hits += y[p] ? 1 : 0;
        }
        return new Box(low.clone(), high.clone(), in.length, hits, total == 0 ? Double.NaN : (double) hits / total,
                in.length == 0 ? Double.NaN : (double) hits / in.length, (double) in.length / x.length);
    }
}
