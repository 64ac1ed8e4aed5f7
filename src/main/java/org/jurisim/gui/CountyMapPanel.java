package org.jurisim.gui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Cursor;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.MouseWheelEvent;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.swing.JComponent;
import org.jurisim.model.JuriSimModel;
import org.jurisim.model.Jurisdiction;
import org.jurisim.output.MapChart;
import org.jurisim.output.RunMap;
import org.jurisim.reference.CountyGeometry;
import org.jurisim.scenario.JurisdictionSpec;
import org.jurisim.scenario.Scenario;

/**
 * The real US counties (Albers USA, Alaska and Hawaii as insets) with state borders and cities as dots, coloured by
 * a selectable measure of the current run (policy in force, what changed, detainer compliance, trust, 287(g), funds
 * withheld), with a legend. Hover for a county's figures; click to select its jurisdiction; mouse wheel to zoom,
 * drag to pan, double-click to reset.
 *
 * <p>Drawn fast enough for 3,144 counties refreshed twice a second: the county shapes are transformed (and thinned to
 * the pixel) once per size and zoom, and the coloured map is kept as an image, drawn again only when a colour or the
 * view changes. Jurisdictions are placed as for {@code charts/map.png} ({@link RunMap}): by county FIPS code;
 * generated counties (invented codes) are not drawn.
 */
public final class CountyMapPanel extends JComponent {

    private static final long serialVersionUID = 1L;

    public enum Mode {
        POLICY("Policy in force"), CHANGED("Changed since the first day"), COMPLIANCE("Detainer compliance since start"),
        TRUST("Community trust"), AGREEMENT("287(g) agreement"), FUNDS("Grant funds withheld");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    static final Color AGREEMENT_YES = Palette.GREEN;
    static final Color AGREEMENT_NO = new Color(0xCF, 0xE3, 0xEE);
    static final Color NO_FUNDS_WITHHELD = new Color(0xE4, 0xEC, 0xF2);
    private static final int LEGEND_H = 98;
    private static final double MAX_ZOOM = 40;
    private static final Shape OFF_SCREEN = new java.awt.geom.Path2D.Float();

    /** One drawn jurisdiction, with the figures the colours and tooltips need (copied on the event thread). */
    record Item(String key, String name, String countyFips, List<String> counties, boolean city, long population, int policy, int startPolicy,
                long issued, long honored, double trust, boolean agreement, double fundsWithheld) {
        double compliance() {
            return issued == 0 ? Double.NaN : (double) honored / issued;
        }
    }

    private final CountyGeometry geo = CountyGeometry.load();
    private final List<CountyGeometry.County> counties = new ArrayList<>(geo.counties().values());
    private final Map<String, Integer> countyIndex = new HashMap<>();
    private List<String> policies = List.of();
    private List<Item> items = List.of();
    private final Map<String, Item> byCounty = new HashMap<>();
    private final Map<String, List<Item>> citiesByCounty = new HashMap<>();
    private final Map<String, Item> byKey = new HashMap<>();
    private int generated;
    private Mode mode = Mode.POLICY;
    private String selected;
    private Consumer<String> onSelect = k -> { };
    private Consumer<String> onSelectState = s -> { };

    private double zoom = 1;
    private double panX;
    private double panY;
    private Point dragFrom;

    // what is drawn: the geometry of one view (built off the event thread), the coloured map of one view and colours
    private Geometry geometry;
    private BufferedImage image;
    private int[] imageColours;
    private AffineTransform imageView;
    private long lastRenderNanos;
    /** While zooming or panning, the last map image is shown moved and scaled; redrawn properly when the user pauses. */
    private boolean interacting;
    private final javax.swing.Timer settleTimer = new javax.swing.Timer(160, e -> settle());

    public CountyMapPanel() {
        for (int i = 0; i < counties.size(); i++) {
            countyIndex.put(counties.get(i).fips(), i);
        }
        setName("countyMap");
        setPreferredSize(new Dimension(560, 420));
        setToolTipText("");
        setCursor(Cursor.getPredefinedCursor(Cursor.CROSSHAIR_CURSOR));
        MouseAdapter mouse = new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getClickCount() == 2) {
                    resetView();
                } else if (e.getClickCount() == 1) {
                    clickAt(e.getX(), e.getY());
                }
            }

            @Override
            public void mousePressed(MouseEvent e) {
                dragFrom = e.getPoint();
            }

            @Override
            public void mouseDragged(MouseEvent e) {
                if (dragFrom != null) {
                    panX += e.getX() - dragFrom.x;
                    panY += e.getY() - dragFrom.y;
                    dragFrom = e.getPoint();
                    interact();
                    repaint();
                }
            }

            @Override
            public void mouseReleased(MouseEvent e) {
                dragFrom = null;
            }

            @Override
            public void mouseWheelMoved(MouseWheelEvent e) {
                zoomAt(e.getX(), e.getY(), Math.pow(1.25, -e.getPreciseWheelRotation()));
            }
        };
        addMouseListener(mouse);
        addMouseMotionListener(mouse);
        addMouseWheelListener(mouse);
    }

    // ------------------------------------------------------------------ API

    /** Called with a jurisdiction's key when one is clicked. */
    public void setOnSelect(Consumer<String> c) {
        onSelect = c;
    }

    /** Called with a state code when a county without a jurisdiction is clicked. */
    public void setOnSelectState(Consumer<String> c) {
        onSelectState = c;
    }

    public Mode mode() {
        return mode;
    }

    public void setMode(Mode m) {
        mode = m;
        repaint();
    }

    /** The selected jurisdiction's key, or null. */
    public String selected() {
        return selected;
    }

    /** Selects a jurisdiction (highlighted on the map) and tells the listener. */
    public void select(String key) {
        selected = key;
        repaint();
        onSelect.accept(key);
    }

    /** Highlights a jurisdiction on the map without telling the listener (selected elsewhere). */
    public void highlight(String key) {
        if (!java.util.Objects.equals(key, selected)) {
            selected = key;
            repaint();
        }
    }

    /** Ends a zoom or pan: the map is drawn again at the new view. */
    void settle() {
        settleTimer.stop();
        interacting = false;
        repaint();
    }

    private void interact() {
        interacting = true;
        settleTimer.setRepeats(false);
        settleTimer.restart();
    }

    /** Zooms by {@code factor} keeping the point under (x, y) in place. */
    public void zoomAt(double x, double y, double factor) {
        double z = Math.max(1, Math.min(MAX_ZOOM, zoom * factor));
        double f = z / zoom;
        panX = x - (x - panX) * f;
        panY = y - (y - panY) * f;
        zoom = z;
        if (zoom == 1) {
            panX = 0;
            panY = 0;
        }
        interact();
        repaint();
    }

    public void resetView() {
        zoom = 1;
        panX = 0;
        panY = 0;
        repaint();
    }

    public double zoom() {
        return zoom;
    }

    /** The screen point of a county's label point (for tests: click it). */
    public Point screenPoint(String countyFips) {
        Point2D p = view().transform(geo.county(countyFips).orElseThrow().labelPoint(), null);
        return new Point((int) Math.round(p.getX()), (int) Math.round(p.getY()));
    }

    /** Jurisdictions drawn, and how many of the scenario's were not (generated counties). */
    public int drawnJurisdictions() {
        return items.size();
    }

    /** How long the last full drawing of the map took, in milliseconds. */
    public double lastRenderMillis() {
        return lastRenderNanos / 1e6;
    }

    /** Takes the figures of the current run (event thread; reads plain fields of the agents). */
    public void refresh(JuriSimModel m) {
        if (m.parameters() == null) {
            showScenario(m.scenario(), m.policyNames());
            return;
        }
        policies = m.policyNames();
        List<Item> out = new ArrayList<>();
        int skipped = 0;
        {
            Scenario sc = m.scenario();
            List<JurisdictionSpec> specs = new ArrayList<>();
            m.jurisdictions().forEach(j -> specs.add(j.spec()));
            Set<String> synthetic = syntheticKeys(sc, specs);
            for (Jurisdiction j : m.jurisdictions()) {
                JurisdictionSpec s = j.spec();
                Place place = placeOf(s);
                String county = place.county();
                if (county == null || synthetic.contains(s.key())) {
                    skipped++;
                    continue;
                }
                out.add(new Item(s.key(), s.name(), county, place.counties(), place.city(), j.getResidents(), j.effectivePolicyIndex(),
                        j.startPolicyIndex(), j.getDetainersIssued(), j.getDetainersHonored(), j.getTrust(), j.isAgreement287g(),
                        j.getFundsWithheld()));
            }
        }
        setItems(out, skipped);
    }

    /** Before a run: the scenario's jurisdictions at their starting policies. */
    public void showScenario(Scenario sc, List<String> policyNames) {
        policies = policyNames;
        List<Item> out = new ArrayList<>();
        Set<String> synthetic = syntheticKeys(sc, sc.jurisdictions());
        int skipped = 0;
        for (JurisdictionSpec s : sc.jurisdictions()) {
            String county = RunMap.countyOf(s);
            int p = policyNames.indexOf(s.policy());
            if (county == null || synthetic.contains(s.key()) || p < 0) {
                skipped++;
                continue;
            }
            out.add(new Item(s.key(), s.name(), county, RunMap.countiesOf(s), RunMap.isCity(s), s.population(), p, p, 0, 0, Double.NaN,
                    s.agreement287g(), 0));
        }
        setItems(out, skipped);
    }

    private Set<String> syntheticCache;
    private Scenario syntheticFor;

    /** Where a jurisdiction is on the map (the same all run long): its county, the counties it fills, whether a dot. */
    private record Place(String county, List<String> counties, boolean city) {
    }

    private final Map<JurisdictionSpec, Place> places = new java.util.IdentityHashMap<>();

    private Place placeOf(JurisdictionSpec s) {
        if (places.size() > 50_000) {
            places.clear(); // specs of earlier runs
        }
        return places.computeIfAbsent(s, x -> new Place(RunMap.countyOf(x), RunMap.countiesOf(x), RunMap.isCity(x)));
    }

    private Set<String> syntheticKeys(Scenario sc, List<JurisdictionSpec> specs) {
        if (sc != syntheticFor) {
            syntheticCache = RunMap.synthetic(sc, specs);
            syntheticFor = sc;
            places.clear();
        }
        return syntheticCache;
    }

    void setItems(List<Item> out, int skipped) {
        items = out;
        generated = skipped;
        byCounty.clear();
        citiesByCounty.clear();
        byKey.clear();
        for (Item it : out) {
            byKey.put(it.key(), it);
            if (it.city()) {
                citiesByCounty.computeIfAbsent(it.countyFips(), k -> new ArrayList<>()).add(it);
            } else {
                for (String c : it.counties()) {
                    byCounty.put(c, it);
                }
            }
        }
        List<Item> order = new ArrayList<>();
        List<Integer> ks = new ArrayList<>();
        for (List<Item> cs : citiesByCounty.values()) {
            for (int k = 0; k < cs.size(); k++) {
                order.add(cs.get(k));
                ks.add(k);
            }
        }
        cityOrder = order;
        cityK = ks.stream().mapToInt(Integer::intValue).toArray();
        AffineTransform at = view();
        if (image != null && !interacting && at.equals(imageView) && image.getWidth() == getWidth() && image.getHeight() == getHeight()) {
            // the same view with new figures: the window keeps the map it shows until the recoloured one is drawn
            // (and repaints only then, and only if a colour changed)
            int[] cols = colours();
            if (!Arrays.equals(cols, imageColours)) {
                drawInBackground(getWidth(), getHeight(), cols, at);
            }
            return;
        }
        repaint();
    }

    /** The cities' dots in a fixed order (their colours follow the counties' in {@link #colours()}), and each one's place in its county. */
    private List<Item> cityOrder = List.of();
    private int[] cityK = new int[0];

    // ------------------------------------------------------------------ colours

    Color colour(Item it) {
        switch (mode) {
            case POLICY:
                return Palette.policy(policies.get(it.policy()), policies);
            case CHANGED:
                return it.policy() == it.startPolicy() ? MapChart.UNCHANGED : Palette.policy(policies.get(it.policy()), policies);
            case COMPLIANCE:
                return Palette.sequential(it.compliance());
            case TRUST:
                return Palette.sequential(it.trust());
            case AGREEMENT:
                return it.agreement() ? AGREEMENT_YES : AGREEMENT_NO;
            case FUNDS:
            default:
                double max = maxFunds();
                return it.fundsWithheld() <= 0 || max <= 0 ? NO_FUNDS_WITHHELD : Palette.sequential(it.fundsWithheld() / max);
        }
    }

    private double maxFunds() {
        double max = 0;
        for (Item it : items) {
            max = Math.max(max, it.fundsWithheld());
        }
        return max;
    }

    // ------------------------------------------------------------------ view

    /** Scale of the whole-country view: the map fits the component above the legend. */
    private double fitScale() {
        double w = Math.max(50, getWidth() - 16);
        double h = Math.max(50, getHeight() - LEGEND_H - 12);
        return Math.min(w / CountyGeometry.WIDTH, h / CountyGeometry.HEIGHT);
    }

    /** Top of the whole-country map: the map and its legend are centred vertically as a block. */
    private double fitTop() {
        double mapH = fitScale() * CountyGeometry.HEIGHT;
        return Math.max(6, (getHeight() - mapH - LEGEND_H - 6) / 2);
    }

    /** Where the legend starts: under the whole-country map. */
    private int legendTop() {
        return (int) Math.round(fitTop() + fitScale() * CountyGeometry.HEIGHT + 6);
    }

    /** Map coordinates to the component: fit into the area above the legend, then zoom and pan. */
    AffineTransform view() {
        double s = fitScale();
        double ox = (getWidth() - s * CountyGeometry.WIDTH) / 2;
        double oy = fitTop();
        AffineTransform at = new AffineTransform();
        at.translate(panX, panY);
        at.scale(zoom, zoom);
        at.translate(ox, oy);
        at.scale(s, s);
        return at;
    }

    /**
     * Everything drawn for one view and size, built once per view off the event thread: the counties' shapes projected
     * and thinned to the pixel (off-screen ones skipped), the borders on a transparent image, and the counties too small
     * to see (with their points, where a dot marks a simulated one). Immutable once built.
     */
    private record Geometry(AffineTransform at, int w, int h, Shape[] shapes, Shape nation, BufferedImage lines, int[] small,
            Point2D[] smallAt) {
        boolean fits(AffineTransform view, int width, int height) {
            return at.equals(view) && w == width && h == height;
        }
    }

    /** The geometry of a view (any thread: reads only the county geometry, fixed once the panel is made). */
    private Geometry buildGeometry(AffineTransform at, int w, int h, double zoom) {
        Shape[] shapes = new Shape[counties.size()];
        java.awt.Rectangle visible = new java.awt.Rectangle(0, 0, Math.max(1, w), Math.max(1, h));
        List<Integer> small = new ArrayList<>();
        for (int i = 0; i < shapes.length; i++) {
            CountyGeometry.County c = counties.get(i);
            // counties off screen (zoomed in) are not transformed
            shapes[i] = at.createTransformedShape(c.bounds()).intersects(visible) ? MapChart.simplified(c.shape(), at) : OFF_SCREEN;
            if (shapes[i] != OFF_SCREEN) {
                java.awt.geom.Rectangle2D b = shapes[i].getBounds2D();
                if (b.getWidth() < 5 && b.getHeight() < 5) {
                    small.add(i);
                }
            }
        }
        int[] smallIdx = small.stream().mapToInt(Integer::intValue).toArray();
        Point2D[] smallAt = new Point2D[smallIdx.length];
        for (int k = 0; k < smallIdx.length; k++) {
            smallAt[k] = at.transform(counties.get(smallIdx[k]).labelPoint(), null);
        }
        Shape nation = MapChart.simplified(geo.nation(), at);
        BufferedImage lines = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = lines.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        float k = (float) Math.min(2.0, Math.sqrt(zoom));
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(0.35f * k, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(MapChart.simplified(geo.countyBorders(), at));
        g.setColor(new Color(0x55, 0x55, 0x55));
        g.setStroke(new BasicStroke(0.9f * k, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(MapChart.simplified(geo.stateBorders(), at));
        g.setColor(new Color(0x44, 0x44, 0x44));
        g.draw(nation);
        g.dispose();
        return new Geometry(at, w, h, shapes, nation, lines, smallIdx, smallAt);
    }

    /** The colour of every county in the current mode (0 = not simulated), then of every city's dot. */
    private int[] colours() {
        int[] c = new int[counties.size() + cityOrder.size()];
        for (int k = 0; k < cityOrder.size(); k++) {
            c[counties.size() + k] = colour(cityOrder.get(k)).getRGB();
        }
        for (Map.Entry<String, Item> e : byCounty.entrySet()) {
            Integer i = countyIndex.get(e.getKey());
            if (i != null) {
                c[i] = colour(e.getValue()).getRGB();
            }
        }
        return c;
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0.create();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        int w = getWidth();
        int h = getHeight();
        AffineTransform at = view();
        int legendTop = legendTop();
        Graphics2D m = (Graphics2D) g.create();
        m.clipRect(0, 0, w, legendTop);
        if (interacting && image != null && imageView != null) {
            preview(m, at, w, legendTop); // quick preview while zooming or panning
        }
        if (!interacting) {
            int[] cols = colours();
            boolean viewDrawn = image != null && at.equals(imageView) && image.getWidth() == w && image.getHeight() == h;
            if (!viewDrawn || !Arrays.equals(cols, imageColours)) {
                drawInBackground(w, h, cols, at);
            }
            if (viewDrawn) {
                m.drawImage(image, 0, 0, null);
            } else if (image != null && imageView != null) {
                preview(m, at, w, legendTop); // the last map, moved and scaled, until this view's is drawn
            } else {
                m.setColor(Color.WHITE);
                m.fillRect(0, 0, w, legendTop);
                m.setColor(Color.GRAY);
                m.drawString("Drawing the map\u2026", 12, 20);
            }
        }
        paintSelection(m);
        m.dispose();
        g.setColor(Color.WHITE);
        g.fillRect(0, legendTop, w, h - legendTop);
        g.setColor(new Color(0xDD, 0xDD, 0xDD));
        g.drawLine(0, legendTop, w, legendTop);
        paintLegend(g, 10, legendTop + 6);
        g.dispose();
    }

    /** The last map image, moved and scaled to the view {@code at}. */
    private void preview(Graphics2D m, AffineTransform at, int w, int legendTop) {
        try {
            AffineTransform d = new AffineTransform(at);
            d.concatenate(imageView.createInverse());
            m.setColor(Color.WHITE);
            m.fillRect(0, 0, w, legendTop);
            m.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            m.drawImage(image, d, null);
        } catch (NoninvertibleTransformException e) {
            // a degenerate view: nothing to show until it is drawn
        }
    }

    /**
     * The map for this view and these colours is drawn on a background thread (the view's geometry too, when the view
     * or the size changed), while the window goes on showing the last image; the new one replaces it when done, if the
     * view is still the same. The event thread never waits for the map: a run moving on, a resize, a zoom.
     */
    private void drawInBackground(int w, int h, int[] cols, AffineTransform at) {
        if (at.equals(renderingView) && Arrays.equals(cols, renderingColours)) {
            return; // already being drawn
        }
        renderingView = at;
        renderingColours = cols;
        Geometry known = geometry != null && geometry.fits(at, w, h) ? geometry : null;
        double z = zoom;
        Point2D[] cp = cityPoints(at);
        RECOLOUR.execute(() -> {
            long t0 = System.nanoTime();
            Geometry gm = known != null ? known : buildGeometry(at, w, h, z);
            BufferedImage img = drawMap(w, h, cols, gm, cp);
            long took = System.nanoTime() - t0;
            javax.swing.SwingUtilities.invokeLater(() -> {
                if (renderingColours == cols) {
                    renderingColours = null;
                    renderingView = null;
                }
                if (at.equals(view()) && getWidth() == w && getHeight() == h) {
                    geometry = gm;
                    image = img;
                    imageColours = cols;
                    imageView = at;
                    lastRenderNanos = took;
                    recolourings++;
                    repaint();
                }
            });
        });
    }

    /** One thread draws recoloured maps, in order, off the event thread. */
    private static final java.util.concurrent.Executor RECOLOUR = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jurisim-map-recolour");
        t.setDaemon(true);
        return t;
    });
    /** The view and colours being drawn in the background (null: none). */
    private int[] renderingColours;
    private AffineTransform renderingView;
    private int recolourings;

    /** How many maps the background thread has handed to the window (for tests). */
    int recolourings() {
        return recolourings;
    }

    /** Whether the map shown is drawn for the current view, with the colours of the figures last taken. */
    boolean upToDate() {
        return renderingColours == null && image != null && view().equals(imageView) && Arrays.equals(colours(), imageColours);
    }

    /**
     * The coloured map: one fill per colour, the borders, a dot for each simulated county too small to see, and the
     * cities' dots (any thread: reads only its arguments; {@code cols} holds the counties' colours, then the cities').
     */
    private static BufferedImage drawMap(int w, int h, int[] cols, Geometry gm, Point2D[] cityAt) {
        Shape[] shapes = gm.shapes();
        int[] small = gm.small();
        Point2D[] smallAt = gm.smallAt();
        BufferedImage image = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(MapChart.NOT_SIMULATED);
        g.fill(gm.nation());
        // one fill per colour: far cheaper than one per county
        Map<Integer, java.awt.geom.Path2D.Float> byColour = new java.util.TreeMap<>();
        for (int i = 0; i < shapes.length; i++) {
            if (cols[i] != 0) {
                byColour.computeIfAbsent(cols[i], k -> new java.awt.geom.Path2D.Float(java.awt.geom.Path2D.WIND_EVEN_ODD))
                        .append(shapes[i], false);
            }
        }
        for (Map.Entry<Integer, java.awt.geom.Path2D.Float> e : byColour.entrySet()) {
            g.setColor(new Color(e.getKey()));
            g.fill(e.getValue());
        }
        g.drawImage(gm.lines(), 0, 0, null);
        // a small dot, edged in a darker shade of its own colour: where many small counties sit together they read as
        // their colours, not as a grey haze of outlines
        g.setStroke(new BasicStroke(0.6f));
        for (int k = 0; k < small.length; k++) {
            int c = cols[small[k]];
            if (c != 0) {
                Ellipse2D d = new Ellipse2D.Double(smallAt[k].getX() - 2.5, smallAt[k].getY() - 2.5, 5, 5);
                Color col = new Color(c);
                g.setColor(col);
                g.fill(d);
                g.setColor(col.darker());
                g.draw(d);
            }
        }
        g.setStroke(new BasicStroke(1.2f));
        for (int k = 0; k < cityAt.length; k++) {
            Ellipse2D e = new Ellipse2D.Double(cityAt[k].getX() - 4.5, cityAt[k].getY() - 4.5, 9, 9);
            g.setColor(new Color(cols[shapes.length + k]));
            g.fill(e);
            g.setColor(Color.BLACK);
            g.draw(e);
        }
        g.dispose();
        return image;
    }

    /** Where each city's dot goes in this view, in {@link #cityOrder}. */
    private Point2D[] cityPoints(AffineTransform at) {
        Point2D[] out = new Point2D[cityOrder.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = cityPoint(cityOrder.get(k), at, cityK[k]);
        }
        return out;
    }

    private Point2D cityPoint(Item it, AffineTransform at, int k) {
        Point2D p = at.transform(geo.county(it.countyFips()).orElseThrow().labelPoint(), null);
        // several cities in one county: spread around the county's point
        if (k > 0) {
            double a = k * 2.4;
            p.setLocation(p.getX() + 9 * Math.cos(a), p.getY() + 9 * Math.sin(a));
        }
        return p;
    }

    private void paintSelection(Graphics2D g) {
        Item it = selected == null ? null : byKey.get(selected);
        if (it == null) {
            return;
        }
        AffineTransform at = view();
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(2.5f));
        if (it.city()) {
            List<Item> cs = citiesByCounty.get(it.countyFips());
            Point2D p = cityPoint(it, at, cs.indexOf(it));
            g.draw(new Ellipse2D.Double(p.getX() - 7, p.getY() - 7, 14, 14));
        } else {
            Integer i = countyIndex.get(it.countyFips());
            if (geometry != null && geometry.fits(at, getWidth(), getHeight())) {
                g.draw(geometry.shapes()[i]);
            }
            // a ring too, for counties too small to see
            Point2D p = at.transform(counties.get(i).labelPoint(), null);
            g.setStroke(new BasicStroke(1.5f));
            g.draw(new Ellipse2D.Double(p.getX() - 8, p.getY() - 8, 16, 16));
        }
    }

    private void swatch(Graphics2D g, int x, int y, Color c) {
        g.setColor(c);
        g.fillRect(x, y, 13, 13);
        g.setColor(Color.GRAY);
        g.drawRect(x, y, 13, 13);
    }

    private void paintLegend(Graphics2D g, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        List<Object[]> entries = new ArrayList<>(); // {Color, text}
        int[] counts = new int[Math.max(1, policies.size())];
        int changed = 0;
        for (Item it : items) {
            if (it.policy() >= 0 && it.policy() < counts.length) {
                counts[it.policy()]++;
            }
            if (it.policy() != it.startPolicy()) {
                changed++;
            }
        }
        boolean gradient = false;
        String lo = "";
        String hi = "";
        Color nan = null;
        String nanText = null;
        switch (mode) {
            case POLICY -> {
                for (int i = 0; i < policies.size(); i++) {
                    entries.add(new Object[] {Palette.policy(policies.get(i), policies), policies.get(i) + " (" + counts[i] + ")"});
                }
            }
            case CHANGED -> {
                entries.add(new Object[] {MapChart.UNCHANGED, "unchanged (" + (items.size() - changed) + ")"});
                for (int i = 0; i < policies.size(); i++) {
                    int n = 0;
                    for (Item it : items) {
                        if (it.policy() == i && it.startPolicy() != i) {
                            n++;
                        }
                    }
                    if (n > 0) {
                        entries.add(new Object[] {Palette.policy(policies.get(i), policies), "now " + policies.get(i) + " (" + n + ")"});
                    }
                }
            }
            case COMPLIANCE -> {
                gradient = true;
                lo = "0%";
                hi = "100% honored";
                nan = Palette.sequential(Double.NaN);
                nanText = "no detainers yet";
            }
            case TRUST -> {
                gradient = true;
                lo = "0";
                hi = "1 = full trust";
                nan = Palette.sequential(Double.NaN);
                nanText = "not started";
            }
            case AGREEMENT -> {
                entries.add(new Object[] {AGREEMENT_YES, "287(g) agreement"});
                entries.add(new Object[] {AGREEMENT_NO, "none"});
            }
            case FUNDS -> {
                gradient = true;
                lo = "";
                hi = money(maxFunds());
                nan = NO_FUNDS_WITHHELD;
                nanText = "none withheld";
            }
            default -> {
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(mode.toString(), x, y + 11);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int xx = x;
        int yy = y + 18;
        if (gradient) {
            int gw = 200;
            for (int i = 0; i < gw; i++) {
                g.setColor(Palette.sequential(i / (double) (gw - 1)));
                g.fillRect(xx + i, yy, 1, 13);
            }
            g.setColor(Color.GRAY);
            g.drawRect(xx, yy, gw, 13);
            g.setColor(Color.DARK_GRAY);
            g.drawString(lo, xx, yy + 26);
            g.drawString(hi, xx + gw - fm.stringWidth(hi), yy + 26);
            xx += gw + 16;
            entries.add(0, new Object[] {nan, nanText});
        }
        entries.add(new Object[] {MapChart.NOT_SIMULATED, generated > 0 && items.isEmpty()
                ? "not simulated (this scenario's counties are generated: no real places to draw)" : "not simulated"});
        for (Object[] e : entries) {
            String text = (String) e[1];
            int wItem = 13 + 6 + fm.stringWidth(text) + 16;
            if (xx + wItem > getWidth() - 10 && xx > x) {
                xx = gradient ? x + 216 : x;
                yy += 19;
            }
            swatch(g, xx, yy, (Color) e[0]);
            g.setColor(Color.DARK_GRAY);
            g.drawString(text, xx + 19, yy + 11);
            xx += wItem;
        }
        g.setColor(Color.GRAY);
        // the hints on one line where they fit, else on two
        String hints = "hover: figures  \u00b7  click: inspect  \u00b7  wheel: zoom  \u00b7  drag: pan  \u00b7  double-click: reset";
        String dots = citiesByCounty.isEmpty() ? "" : "outlined dots: cities; small dots: counties too small to see";
        int hy = Math.max(yy + 32, gradient ? y + 18 + 42 : 0);
        String one = hints + (dots.isEmpty() ? "" : "  \u00b7  " + dots);
        if (g.getFontMetrics().stringWidth(one) <= getWidth() - x - 4) {
            g.drawString(one, x, hy);
        } else {
            g.drawString(hints, x, hy);
            if (!dots.isEmpty()) {
                g.drawString(dots, x, hy + g.getFontMetrics().getHeight());
            }
        }
    }

    private static String money(double v) {
        if (v >= 1e9) {
            return String.format(Locale.ROOT, "$%.1f billion", v / 1e9);
        }
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "$%.1f million", v / 1e6);
        }
        return String.format(Locale.ROOT, "$%,.0f", v);
    }

    // ------------------------------------------------------------------ hit testing

    /** The jurisdiction under a component point: a city dot first, then the county's jurisdiction; or null. */
    public String jurisdictionAt(int x, int y) {
        AffineTransform at = view();
        for (List<Item> cs : citiesByCounty.values()) {
            for (int k = 0; k < cs.size(); k++) {
                if (cityPoint(cs.get(k), at, k).distance(x, y) <= 6) {
                    return cs.get(k).key();
                }
            }
        }
        CountyGeometry.County c = countyAt(x, y);
        if (c == null) {
            return null;
        }
        Item it = byCounty.get(c.fips());
        return it == null ? null : it.key();
    }

    /** The county under a component point, or null. */
    public CountyGeometry.County countyAt(int x, int y) {
        try {
            Point2D p = view().inverseTransform(new Point2D.Double(x, y), null);
            return geo.countyAt(p.getX(), p.getY()).orElse(null);
        } catch (NoninvertibleTransformException e) {
            return null;
        }
    }

    private void clickAt(int x, int y) {
        String key = jurisdictionAt(x, y);
        if (key != null) {
            select(key);
            return;
        }
        CountyGeometry.County c = countyAt(x, y);
        if (c != null) {
            org.jurisim.reference.UsReference.load().states().stream().filter(s -> s.fips().equals(c.stateFips())).findFirst()
                    .ifPresent(s -> onSelectState.accept(s.code()));
        }
    }

    @Override
    public String getToolTipText(MouseEvent e) {
        String key = jurisdictionAt(e.getX(), e.getY());
        CountyGeometry.County c = countyAt(e.getX(), e.getY());
        if (key == null && c == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder("<html>");
        if (c != null) {
            sb.append("<b>").append(c.name()).append(", ").append(geo.stateName(c.stateFips()).orElse(c.stateFips())).append("</b>")
                    .append(" <span style='color:gray'>(county ").append(c.fips()).append(")</span>");
        }
        List<Item> here = new ArrayList<>();
        if (key != null && byKey.get(key).city()) {
            here.add(byKey.get(key));
        } else if (c != null) {
            if (byCounty.containsKey(c.fips())) {
                here.add(byCounty.get(c.fips()));
            }
            here.addAll(citiesByCounty.getOrDefault(c.fips(), List.of()));
        }
        if (here.isEmpty()) {
            return sb.append("<br>not simulated</html>").toString();
        }
        DecimalFormat pct = new DecimalFormat("0.#%", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
        for (Item it : here) {
            sb.append("<br><br><b>").append(it.key()).append("</b>").append(it.city() ? " (city)" : "")
                    .append("<br>").append(String.format(Locale.ROOT, "%,d", it.population())).append(" residents")
                    .append("<br>policy in force: ").append(policies.get(it.policy()));
            if (it.startPolicy() != it.policy()) {
                sb.append(" (was ").append(policies.get(it.startPolicy())).append(" on the first day)");
            }
            sb.append("<br>detainer compliance since start: ")
                    .append(Double.isNaN(it.compliance()) ? "no detainers yet" : pct.format(it.compliance()) + " of " + it.issued())
                    .append("<br>community trust: ").append(Double.isNaN(it.trust()) ? "-" : String.format(Locale.ROOT, "%.2f", it.trust()))
                    .append("<br>287(g) agreement: ").append(it.agreement() ? "yes" : "no")
                    .append("<br>grant funds withheld: ").append(money(it.fundsWithheld()));
        }
        return sb.append("<br><i>click to inspect</i></html>").toString();
    }
}
