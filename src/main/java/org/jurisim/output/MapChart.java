package org.jurisim.output;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;
import org.jurisim.reference.CountyGeometry;

/**
 * County choropleths of the United States (Albers USA, Alaska and Hawaii as insets), one or more panels side by
 * side in one figure, written as PNG and SVG. Each panel fills counties with a colour per county FIPS (a policy,
 * a change, a value: the caller decides), draws county borders, darker state borders and the coast, marks places
 * (cities as outlined dots at their county's label point) and labels the largest few, and has its own legend.
 * Counties without a colour are "not simulated" (light grey). Works headless; the SVG is deterministic.
 */
public final class MapChart {

    /** Figure size in pixels (two panels side by side). */
    public static final int WIDTH = 1700;
    public static final int HEIGHT = 730;

    /** Counties not in the scenario. */
    public static final Color NOT_SIMULATED = new Color(0xEC, 0xEC, 0xEC);
    /** Simulated counties where nothing changed (in a "what changed" panel). */
    public static final Color UNCHANGED = new Color(0xAA, 0xAA, 0xAA);
    static final Color COUNTY_BORDER = Color.WHITE;
    static final Color STATE_BORDER = new Color(0x55, 0x55, 0x55);
    static final Color COAST = new Color(0x44, 0x44, 0x44);
    static final Color TEXT = new Color(0x22, 0x22, 0x22);

    /** The credit line every map carries. */
    public static final String SOURCE = "Boundaries: Census 2023 cartographic files via us-atlas (ISC)";

    /**
     * A place to mark or label.
     *
     * @param countyFips the county it lies in (the dot and label go to that county's label point)
     * @param colour     the dot's fill (cities); null for a county (labelled only, with a small dark dot)
     * @param city       whether to draw it as a dot (a city) or only label it (a county)
     */
    public record Place(String name, String countyFips, Color colour, long population, boolean city) {
    }

    /** One legend line: a swatch and its text. */
    public record LegendItem(Color colour, String text) {
    }

    /**
     * One map.
     *
     * @param fill      colour per county FIPS; counties not in it are drawn as not simulated
     * @param places    places to mark; the {@code labels} most populous are labelled
     */
    public record Panel(String heading, Map<String, Color> fill, List<LegendItem> legend, List<Place> places, int labels) {
    }

    private MapChart() {
    }

    /** Writes {@code base.png} and {@code base.svg} (the same drawing). */
    public static void write(String title, String subtitle, List<Panel> panels, Path base) throws IOException {
        Files.createDirectories(base.toAbsolutePath().getParent());
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        draw(g, WIDTH, HEIGHT, title, subtitle, panels, false);
        g.dispose();
        ImageIO.write(img, "png", base.resolveSibling(base.getFileName() + ".png").toFile());
        SVGGraphics2D svg = new SVGGraphics2D(WIDTH, HEIGHT);
        svg.setDefsKeyPrefix("map-");
        svg.setGeomDoubleConverter(MapChart::oneDecimal);
        draw(svg, WIDTH, HEIGHT, title, subtitle, panels, true);
        String text = "<?xml version=\"1.0\"?>\n" + svg.getSVGElement("map", true, new ViewBox(0, 0, WIDTH, HEIGHT), null, null) + "\n";
        Files.writeString(base.resolveSibling(base.getFileName() + ".svg"), text, StandardCharsets.UTF_8);
    }

    /** Draws the figure into a {@code width} &times; {@code height} area at the origin. */
    public static void draw(Graphics2D g, int width, int height, String title, String subtitle, List<Panel> panels, boolean vector) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        FontMetrics fm = g.getFontMetrics();
        g.drawString(title, (width - fm.stringWidth(title)) / 2, 34);
        int top = 44;
        if (subtitle != null && !subtitle.isEmpty()) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.setColor(Color.DARK_GRAY);
            fm = g.getFontMetrics();
            g.drawString(subtitle, (width - fm.stringWidth(subtitle)) / 2, 62);
            top = 72;
        }
        int n = Math.max(1, panels.size());
        int gap = 30;
        int margin = 20;
        int pw = (width - 2 * margin - (n - 1) * gap) / n;
        int bottom = height - 26;
        for (int i = 0; i < panels.size(); i++) {
            drawPanel(g, panels.get(i), margin + i * (pw + gap), top, pw, bottom - top, vector);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.GRAY);
        g.drawString(SOURCE, margin, height - 10);
    }

    private static void drawPanel(Graphics2D g, Panel p, int x, int y, int w, int h, boolean vector) {
        CountyGeometry geo = CountyGeometry.load();
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(p.heading(), x, y + 18);
        int mapTop = y + 28;
        int legendH = legendHeight(p, w);
        double s = Math.min(w / CountyGeometry.WIDTH, (h - 28 - legendH - 8) / CountyGeometry.HEIGHT);
        double mx = x + (w - s * CountyGeometry.WIDTH) / 2;
        AffineTransform at = new AffineTransform(s, 0, 0, s, mx, mapTop);

        // the country in the "not simulated" grey, then the simulated counties, one path per colour (fewer, smaller
        // SVG elements), in a stable order
        g.setColor(NOT_SIMULATED);
        g.fill(simplified(geo.nation(), at));
        Map<Color, Path2D.Float> byColour = new LinkedHashMap<>();
        for (CountyGeometry.County c : geo.counties().values()) {
            Color col = p.fill().get(c.fips());
            if (col != null) {
                byColour.computeIfAbsent(col, k -> new Path2D.Float(Path2D.WIND_EVEN_ODD)).append(c.shape(), false);
            }
        }
        List<Color> order = new ArrayList<>(byColour.keySet());
        order.sort(Comparator.comparingInt(Color::getRGB));
        for (Color col : order) {
            Shape sh = simplified(byColour.get(col), at);
            g.setColor(col);
            g.fill(sh);
            // counties smaller than a pixel still show
            g.setStroke(new BasicStroke(0.6f));
            g.draw(sh);
        }
        g.setColor(COUNTY_BORDER);
        g.setStroke(new BasicStroke(0.3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(simplified(geo.countyBorders(), at));
        g.setColor(STATE_BORDER);
        g.setStroke(new BasicStroke(0.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(simplified(geo.stateBorders(), at));
        g.setColor(COAST);
        g.setStroke(new BasicStroke(0.9f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(simplified(geo.nation(), at));

        drawPlaces(g, p, at, new Rectangle2D.Double(x, mapTop, w, s * CountyGeometry.HEIGHT));
        drawLegend(g, p, x, (int) Math.round(mapTop + s * CountyGeometry.HEIGHT) + 10, w);
    }

    /** Drawing precision: a point closer than this to the last one kept (in pixels) is dropped. */
    static final double TOLERANCE = 0.35;

    /**
     * The shape transformed to the figure, without the vertices that fall within {@link #TOLERANCE} pixels of the
     * previous one kept (the first and last vertex of each ring or line are always kept). Keeps the SVG small.
     */
    public static Path2D.Float simplified(Shape s, AffineTransform at) {
        Path2D.Float out = new Path2D.Float(s instanceof Path2D p2 ? p2.getWindingRule() : Path2D.WIND_EVEN_ODD);
        double[] c = new double[6];
        double lx = 0;
        double ly = 0;
        double px = 0;
        double py = 0;
        boolean pending = false;
        double t2 = TOLERANCE * TOLERANCE;
        for (java.awt.geom.PathIterator it = s.getPathIterator(at); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            switch (type) {
                case java.awt.geom.PathIterator.SEG_MOVETO -> {
                    if (pending) {
                        out.lineTo(px, py);
                        pending = false;
                    }
                    out.moveTo(c[0], c[1]);
                    lx = c[0];
                    ly = c[1];
                }
                case java.awt.geom.PathIterator.SEG_LINETO -> {
                    double dx = c[0] - lx;
                    double dy = c[1] - ly;
                    if (dx * dx + dy * dy < t2) {
                        px = c[0];
                        py = c[1];
                        pending = true;
                    } else {
                        out.lineTo(c[0], c[1]);
                        lx = c[0];
                        ly = c[1];
                        pending = false;
                    }
                }
                case java.awt.geom.PathIterator.SEG_CLOSE -> {
                    if (pending) {
                        out.lineTo(px, py);
                        pending = false;
                    }
                    out.closePath();
                }
                default -> throw new IllegalArgumentException("only polygons and lines");
            }
        }
        if (pending) {
            out.lineTo(px, py);
        }
        return out;
    }

    /** Coordinates in the SVG to a tenth of a pixel ("12.3", "-4", "0.5"), the same on every platform. */
    public static String oneDecimal(double d) {
        long v = Math.round(d * 10);
        long whole = Math.abs(v) / 10;
        long tenth = Math.abs(v) % 10;
        String sign = v < 0 ? "-" : "";
        return tenth == 0 ? sign + whole : sign + whole + "." + tenth;
    }

    private static void drawPlaces(Graphics2D g, Panel p, AffineTransform at, Rectangle2D area) {
        CountyGeometry geo = CountyGeometry.load();
        List<Place> places = new ArrayList<>(p.places());
        places.removeIf(pl -> !geo.contains(pl.countyFips()));
        places.sort(Comparator.comparingLong(Place::population).reversed().thenComparing(Place::name));
        // dots first (smallest on top), then labels of the largest, avoiding each other
        List<Place> dots = new ArrayList<>(places);
        java.util.Collections.reverse(dots);
        for (Place pl : dots) {
            if (!pl.city()) {
                continue;
            }
            Point2D c = at.transform(geo.county(pl.countyFips()).orElseThrow().labelPoint(), null);
            double r = 4;
            Ellipse2D e = new Ellipse2D.Double(c.getX() - r, c.getY() - r, 2 * r, 2 * r);
            g.setColor(pl.colour() == null ? Color.WHITE : pl.colour());
            g.fill(e);
            g.setColor(TEXT);
            g.setStroke(new BasicStroke(1f));
            g.draw(e);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        List<Rectangle2D> taken = new ArrayList<>();
        int labelled = 0;
        for (Place pl : places) {
            if (labelled >= p.labels()) {
                break;
            }
            Point2D c = at.transform(geo.county(pl.countyFips()).orElseThrow().labelPoint(), null);
            if (!pl.city()) {
                g.setColor(TEXT);
                g.fill(new Ellipse2D.Double(c.getX() - 1.8, c.getY() - 1.8, 3.6, 3.6));
            }
            int tw = fm.stringWidth(pl.name());
            int th = fm.getAscent();
            double[][] offsets = {{7, th / 2.0 - 1}, {-7 - tw, th / 2.0 - 1}, {-tw / 2.0, -7}, {-tw / 2.0, th + 6}};
            for (double[] o : offsets) {
                Rectangle2D r = new Rectangle2D.Double(c.getX() + o[0] - 2, c.getY() + o[1] - th - 1, tw + 4, th + 4);
                if (!area.contains(r) || taken.stream().anyMatch(r::intersects)) {
                    continue;
                }
                taken.add(r);
                haloText(g, pl.name(), (float) (c.getX() + o[0]), (float) (c.getY() + o[1]));
                labelled++;
                break;
            }
        }
    }

    /** Dark text on a white halo (readable on any fill). */
    static void haloText(Graphics2D g, String s, float x, float y) {
        g.setColor(new Color(255, 255, 255, 220));
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                if (dx != 0 || dy != 0) {
                    g.drawString(s, x + dx, y + dy);
                }
            }
        }
        g.setColor(TEXT);
        g.drawString(s, x, y);
    }

    private static final int SWATCH = 14;
    private static final int LINE = 21;

    private static int columns(Panel p, int w) {
        return p.legend().size() > 4 && w > 600 ? 2 : 1;
    }

    private static int legendHeight(Panel p, int w) {
        int rows = (p.legend().size() + columns(p, w) - 1) / columns(p, w);
        return rows * LINE + 4;
    }

    private static void drawLegend(Graphics2D g, Panel p, int x, int y, int w) {
        int cols = columns(p, w);
        int rows = (p.legend().size() + cols - 1) / cols;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        // the second column starts after the widest entry of the first (or at half the width, if further)
        int firstW = 0;
        for (int i = 0; i < Math.min(rows, p.legend().size()); i++) {
            firstW = Math.max(firstW, SWATCH + 7 + fm.stringWidth(p.legend().get(i).text()) + 24);
        }
        int colW = Math.max(w / cols, firstW);
        for (int i = 0; i < p.legend().size(); i++) {
            LegendItem it = p.legend().get(i);
            int cx = x + (i / rows) * colW;
            int cy = y + (i % rows) * LINE;
            g.setColor(it.colour());
            g.fillRect(cx, cy, SWATCH, SWATCH);
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(cx, cy, SWATCH, SWATCH);
            g.setColor(TEXT);
            g.drawString(it.text(), cx + SWATCH + 7, cy + SWATCH - 2);
        }
    }
}
