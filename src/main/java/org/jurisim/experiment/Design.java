package org.jurisim.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * The points of a sweep, in the order they are run. Every point is a value for each parameter, within its
 * range [low, high]. Orders are interleaved so that any prefix of the points (an interrupted sweep) still covers
 * the whole space: grids run in bit-reversed (van der Corput) order of their cells, Latin hypercubes are random
 * anyway, and Saltelli designs run block by block (every complete block is a smaller valid design).
 *
 * <p>Saltelli designs carry one more, inert, parameter: the dummy, whose value only picks the random stream of the
 * point's runs ({@link #stream}: row j of A has stream 2j + 1, row j of B stream 2j + 2). It changes nothing in the model, so its indices measure what noise alone (runs
 * with other random numbers) does to the estimates: the noise floor the real parameters are compared with. Each
 * block has k + 3 points: A, B, the k matrices A_B^(i) and A_B^(dummy) (A's parameters with B's stream).
 */
public final class Design {

    /** The design kinds. */
    public enum Kind {
        GRID, LHS, SOBOL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A swept parameter: a scenario field path and its range; integer parameters take rounded values. */
    public record Param(String path, double low, double high, boolean integer) implements java.io.Serializable {
        double at(double u) {
            double v = low + u * (high - low);
            return integer ? Math.rint(v) : v;
        }
    }

    /** Role of a point in a Saltelli design: A, B or A_B^(i) (i = 0 .. k-1); grids and Latin hypercubes have none. */
    public static final int ROLE_NONE = -3;
    public static final int ROLE_A = -2;
    public static final int ROLE_B = -1;

    /** Name of the inert parameter of Saltelli designs (its indices are the noise floor). */
    public static final String DUMMY = "(dummy: noise floor)";

    private final Kind kind;
    private final List<Param> params;
    private final int samples;
    private final double[][] points;
    private final int[] roles;
    private final int[] blocks;
    private final int[][] cells;
    private final long[] streams;

    private Design(Kind kind, List<Param> params, int samples, double[][] points, int[] roles, int[] blocks, int[][] cells,
                   long[] streams) {
        this.kind = kind;
        this.params = List.copyOf(params);
        this.samples = samples;
        this.points = points;
        this.roles = roles;
        this.blocks = blocks;
        this.cells = cells;
        this.streams = streams;
    }

    /**
     * Builds a design.
     *
     * @param samples grid: levels per parameter (points = samples^k); lhs: points; sobol: base samples N
     *                (points = N (k + 3): the k parameters and the dummy)
     * @param seed    seed of the Latin hypercube's permutations
     */
    public static Design of(Kind kind, List<Param> params, int samples, long seed) {
        int k = params.size();
        switch (kind) {
            case GRID -> {
                long total = 1;
                for (int i = 0; i < k; i++) {
                    total *= samples;
                    if (total > 10_000_000) {
                        throw new IllegalArgumentException("grid of " + samples + "^" + k + " points is too large");
                    }
                }
                int n = (int) total;
                Integer[] order = new Integer[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1));
                Arrays.sort(order, Comparator.comparingLong(i -> Integer.toUnsignedLong(Integer.reverse(i)) >>> (32 - bits)));
                double[][] pts = new double[n][k];
                int[][] cells = new int[n][k];
                for (int p = 0; p < n; p++) {
                    int lin = order[p];
                    for (int i = 0; i < k; i++) {
                        int level = lin % samples;
                        lin /= samples;
                        cells[p][i] = level;
                        pts[p][i] = params.get(i).at(samples == 1 ? 0.5 : (double) level / (samples - 1));
                    }
                }
                int[] roles = new int[n];
                Arrays.fill(roles, ROLE_NONE);
                return new Design(kind, params, samples, pts, roles, new int[n], cells, new long[n]);
            }
            case LHS -> {
                RandomDataGenerator rng = new RandomDataGenerator(new Well19937c(seed));
                double[][] pts = new double[samples][k];
                for (int i = 0; i < k; i++) {
                    int[] perm = rng.nextPermutation(samples, samples);
                    for (int p = 0; p < samples; p++) {
                        double u = (perm[p] + rng.nextUniform(0, 1, true)) / samples;
                        pts[p][i] = params.get(i).at(u);
                    }
                }
                int[] roles = new int[samples];
                Arrays.fill(roles, ROLE_NONE);
                return new Design(kind, params, samples, pts, roles, new int[samples], null, new long[samples]);
            }
            case SOBOL -> {
                // dimensions: A's k values, then B's; the dummy's values are random streams, distinct for every A and B row
                SobolSequenceGenerator g = new SobolSequenceGenerator(2 * k);
                g.nextVector(); // the first point of the sequence is all zeros
                int per = k + 3;
                double[][] pts = new double[samples * per][];
                int[] roles = new int[samples * per];
                int[] blocks = new int[samples * per];
                long[] streams = new long[samples * per];
                for (int j = 0; j < samples; j++) {
                    double[] u = g.nextVector();
                    double[] a = new double[k];
                    double[] b = new double[k];
                    for (int i = 0; i < k; i++) {
                        a[i] = params.get(i).at(u[i]);
                        b[i] = params.get(i).at(u[k + i]);
                    }
                    long streamA = 2L * j + 1;
                    long streamB = 2L * j + 2;
                    int base = j * per;
                    pts[base] = a;
                    roles[base] = ROLE_A;
                    streams[base] = streamA;
                    pts[base + 1] = b;
                    roles[base + 1] = ROLE_B;
                    streams[base + 1] = streamB;
                    for (int i = 0; i < k; i++) {
                        double[] ab = a.clone();
                        ab[i] = b[i];
                        pts[base + 2 + i] = ab;
                        roles[base + 2 + i] = i;
                        streams[base + 2 + i] = streamA;
                    }
                    pts[base + 2 + k] = a.clone();
                    roles[base + 2 + k] = k;
                    streams[base + 2 + k] = streamB;
                    for (int m = 0; m < per; m++) {
                        blocks[base + m] = j;
                    }
                }
                return new Design(kind, params, samples, pts, roles, blocks, null, streams);
            }
            default -> throw new IllegalArgumentException(kind.toString());
        }
    }

    public Kind kind() {
        return kind;
    }

    public List<Param> params() {
        return params;
    }

    public int samples() {
        return samples;
    }

    public int size() {
        return points.length;
    }

    /** Parameter values of point {@code p} (in run order). */
    public double[] point(int p) {
        return points[p].clone();
    }

    /**
     * Saltelli role of point {@code p}: {@link #ROLE_A}, {@link #ROLE_B}, a parameter index (the parameter count k
     * for the dummy's A_B), or {@link #ROLE_NONE}.
     */
    public int role(int p) {
        return roles[p];
    }

    /** Saltelli block (row j of A and B) of point {@code p}. */
    public int block(int p) {
        return blocks[p];
    }

    /**
     * The random stream of point {@code p}: 0 (every point of a grid or Latin hypercube: common random numbers) or,
     * in a Saltelli design, the stream its dummy value picks (A and the A_B^(i) of a block share one).
     */
    public long stream(int p) {
        return streams[p];
    }

    /** Points per Saltelli block: A, B, one A_B per parameter and the dummy's (0 for other designs). */
    public int perBlock() {
        return kind == Kind.SOBOL ? params.size() + 3 : 0;
    }

    /** Grid level of each parameter at point {@code p} (grids only). */
    public int[] cell(int p) {
        return cells == null ? null : cells[p].clone();
    }

    /** Describes the size of the design, e.g. "sobol: 64 base samples x (3 parameters + 2) = 320 points". */
    public String describe() {
        int k = params.size();
        return switch (kind) {
            case GRID -> "grid: " + samples + " levels ^ " + k + " parameter" + (k == 1 ? "" : "s") + " = " + size() + " points";
            case LHS -> "lhs: Latin hypercube of " + size() + " points";
            case SOBOL -> "sobol: Saltelli design, " + samples + " base samples x (" + k + " parameter" + (k == 1 ? "" : "s")
                    + " + dummy + 2) = " + size() + " points";
        };
    }

    /** The parameter values of a grid's levels, per parameter (grids only). */
    public List<double[]> levels() {
        List<double[]> out = new ArrayList<>();
        for (Param p : params) {
            double[] v = new double[samples];
            for (int l = 0; l < samples; l++) {
                v[l] = p.at(samples == 1 ? 0.5 : (double) l / (samples - 1));
            }
            out.add(v);
        }
        return out;
    }
}
