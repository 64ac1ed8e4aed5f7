package org.jurisim.gui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.swing.JComponent;
import org.jurisim.model.JuriSimModel;
import org.jurisim.model.Jurisdiction;
import org.jurisim.reference.State;
import org.jurisim.reference.UsReference;

/**
 * The states as a US tile grid (one equal square per state, placed roughly where the state is), coloured
 * by the mix of policies in force (stripes, by residents) or by detainer compliance since the start
 * (colour-blind-safe sequential scale), with a legend. Clicking a tile selects the state.
 */
public final class StateTileMap extends JComponent {

    private static final long serialVersionUID = 1L;

    public enum Mode {
        POLICY_MIX("Policy mix (share of residents)"), COMPLIANCE("Detainer compliance since start");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Tile positions (column, row) of the 50 states and DC. */
    static final Map<String, int[]> TILES = new LinkedHashMap<>();

    static {
        String[] rows = {
            "AK . . . . . . . . . ME",
            ". . . . . WI . . . VT NH",
            "WA ID MT ND MN IL MI . NY MA .",
            "OR NV WY SD IA IN OH PA NJ CT RI",
            "CA UT CO NE MO KY WV VA MD DE .",
            ". AZ NM KS AR TN NC SC DC . .",
            ". . . OK LA MS AL GA . . .",
            "HI . . TX . . . . FL . ."};
        for (int r = 0; r < rows.length; r++) {
            String[] cells = rows[r].split(" ");
            for (int c = 0; c < cells.length; c++) {
                if (!cells[c].equals(".")) {
                    TILES.put(cells[c], new int[] {c, r});
                }
            }
        }
    }

    private static final int COLS = 11;
    private static final int ROWS = 8;

    /** Per-state aggregate of the current run. */
    record StateStats(int jurisdictions, double[] populationByPolicy, long issued, long honored) {
        double compliance() {
            return issued == 0 ? Double.NaN : (double) honored / issued;
        }

        double population() {
            double s = 0;
            for (double p : populationByPolicy) {
                s += p;
            }
            return s;
        }
    }

    private final Map<String, State> states = new HashMap<>();
    private Map<String, StateStats> stats = Map.of();
    private List<String> policies = List.of();
    private Mode mode = Mode.POLICY_MIX;
    private String selected;
    private Consumer<String> onSelect = s -> { };
    private final Map<String, Rectangle> tileBounds = new HashMap<>();

    public StateTileMap() {
        for (State s : UsReference.load().states()) {
            states.put(s.code(), s);
        }
        setName("stateMap");
        setPreferredSize(new Dimension(640, 470));
        setToolTipText("");
        addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                String code = stateAt(e.getX(), e.getY());
                if (code != null) {
                    select(code);
                }
            }
        });
    }

    public void setOnSelect(Consumer<String> c) {
        onSelect = c;
    }

    public void select(String code) {
        selected = code;
        repaint();
        onSelect.accept(code);
    }

    public String selected() {
        return selected;
    }

    public Mode mode() {
        return mode;
    }

    public void setMode(Mode m) {
        mode = m;
        repaint();
    }

    /** The state tile under a point, or null. */
    public String stateAt(int x, int y) {
        for (Map.Entry<String, Rectangle> e : tileBounds.entrySet()) {
            if (e.getValue().contains(x, y)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Centre of a state's tile, in component coordinates (for tests and tooltips). */
    public java.awt.Point tileCentre(String code) {
        Rectangle r = tileBounds.get(code);
        if (r == null) {
            layoutTiles();
            r = tileBounds.get(code);
        }
        return new java.awt.Point((int) r.getCenterX(), (int) r.getCenterY());
    }

    /** Recomputes the per-state figures from the model (event thread; reads plain fields of the agents). */
    public void refresh(JuriSimModel m) {
        policies = m.policyNames();
        Map<String, StateStats> out = new HashMap<>();
        if (m.parameters() != null) {
            Map<String, double[]> pop = new HashMap<>();
            Map<String, long[]> counts = new HashMap<>();
            for (Jurisdiction j : m.jurisdictions()) {
                double[] p = pop.computeIfAbsent(j.getState(), k -> new double[policies.size()]);
                int idx = j.effectivePolicyIndex();
                if (idx >= 0 && idx < p.length) {
                    p[idx] += j.getPopulation();
                }
                long[] c = counts.computeIfAbsent(j.getState(), k -> new long[3]);
                c[0]++;
                c[1] += j.getDetainersIssued();
                c[2] += j.getDetainersHonored();
            }
            for (String st : pop.keySet()) {
                long[] c = counts.get(st);
                out.put(st, new StateStats((int) c[0], pop.get(st), c[1], c[2]));
            }
        }
        stats = out;
        repaint();
    }

    StateStats stats(String code) {
        return stats.get(code);
    }

    private int tile() {
        int legendH = 70;
        return Math.max(16, Math.min((getWidth() - 20) / COLS, (getHeight() - legendH - 20) / ROWS));
    }

    private void layoutTiles() {
        int t = tile();
        int gridW = t * COLS;
        int x0 = Math.max(10, (getWidth() - gridW) / 2);
        int y0 = 10;
        tileBounds.clear();
        for (Map.Entry<String, int[]> e : TILES.entrySet()) {
            tileBounds.put(e.getKey(), new Rectangle(x0 + e.getValue()[0] * t + 2, y0 + e.getValue()[1] * t + 2, t - 4, t - 4));
        }
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0.create();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, getWidth(), getHeight());
        layoutTiles();
        int t = tile();
        Font label = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, t / 4));
        for (Map.Entry<String, Rectangle> e : tileBounds.entrySet()) {
            String code = e.getKey();
            Rectangle r = e.getValue();
            StateStats s = stats.get(code);
            Color text;
            if (s == null) {
                g.setColor(new Color(0xEE, 0xEE, 0xEE));
                g.fillRect(r.x, r.y, r.width, r.height);
                text = new Color(0x99, 0x99, 0x99);
            } else if (mode == Mode.POLICY_MIX) {
                double total = s.population();
                int yy = r.y;
                Color dominant = Color.LIGHT_GRAY;
                double best = -1;
                for (int i = 0; i < policies.size(); i++) {
                    double share = total <= 0 ? 0 : s.populationByPolicy()[i] / total;
                    int h = (int) Math.round(share * r.height);
                    if (i == policies.size() - 1) {
                        h = r.y + r.height - yy;
                    }
                    Color c = Palette.policy(policies.get(i), policies);
                    g.setColor(c);
                    g.fillRect(r.x, yy, r.width, h);
                    yy += h;
                    if (share > best) {
                        best = share;
                        dominant = c;
                    }
                }
                text = Palette.textOn(dominant);
            } else {
                Color c = Palette.sequential(s.compliance());
                g.setColor(c);
                g.fillRect(r.x, r.y, r.width, r.height);
                text = Palette.textOn(c);
            }
            boolean sel = code.equals(selected);
            g.setColor(sel ? Color.BLACK : new Color(0x88, 0x88, 0x88));
            g.setStroke(new BasicStroke(sel ? 3f : 1f));
            g.drawRect(r.x, r.y, r.width, r.height);
            g.setFont(label);
            FontMetrics fm = g.getFontMetrics();
            int tw = fm.stringWidth(code);
            // a soft plate behind the code keeps it readable on any stripe
            g.setColor(Palette.faded(text == Color.WHITE ? Color.BLACK : Color.WHITE, 110));
            g.fillRoundRect(r.x + (r.width - tw) / 2 - 3, r.y + (r.height - fm.getAscent()) / 2 - 1, tw + 6, fm.getAscent() + 2, 6, 6);
            g.setColor(text);
            g.drawString(code, r.x + (r.width - tw) / 2, r.y + (r.height + fm.getAscent()) / 2 - 2);
        }
        paintLegend(g, 10, 10 + ROWS * t + 8);
        g.dispose();
    }

    private void paintLegend(Graphics2D g, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(mode.toString(), x, y + 12);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int yy = y + 22;
        int xx = x;
        if (mode == Mode.POLICY_MIX) {
            for (String p : policies) {
                int w = 14 + 6 + fm.stringWidth(p) + 16;
                if (xx + w > getWidth() - 10) {
                    xx = x;
                    yy += 20;
                }
                g.setColor(Palette.policy(p, policies));
                g.fillRect(xx, yy, 14, 14);
                g.setColor(Color.DARK_GRAY);
                g.drawRect(xx, yy, 14, 14);
                g.drawString(p, xx + 20, yy + 12);
                xx += w;
            }
        } else {
            int w = Math.min(260, getWidth() - 160);
            for (int i = 0; i < w; i++) {
                g.setColor(Palette.sequential(i / (double) (w - 1)));
                g.fillRect(xx + i, yy, 1, 14);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawRect(xx, yy, w, 14);
            g.drawString("0%", xx, yy + 28);
            String hi = "100% honored";
            g.drawString(hi, xx + w - fm.stringWidth(hi), yy + 28);
            xx += w + 16;
            g.setColor(Palette.sequential(Double.NaN));
            g.fillRect(xx, yy, 14, 14);
            g.setColor(Color.DARK_GRAY);
            g.drawRect(xx, yy, 14, 14);
            g.drawString("no detainers", xx + 20, yy + 12);
        }
        xx = x;
        g.setColor(new Color(0xEE, 0xEE, 0xEE));
        g.fillRect(xx, yy + 34, 14, 14);
        g.setColor(Color.DARK_GRAY);
        g.drawRect(xx, yy + 34, 14, 14);
        g.drawString("no jurisdictions in the scenario", xx + 20, yy + 46);
    }

    @Override
    public String getToolTipText(MouseEvent e) {
        String code = stateAt(e.getX(), e.getY());
        if (code == null) {
            return null;
        }
        State st = states.get(code);
        StringBuilder sb = new StringBuilder("<html><b>").append(st == null ? code : st.name()).append("</b>");
        StateStats s = stats.get(code);
        if (s == null) {
            return sb.append("<br>no jurisdictions in this scenario</html>").toString();
        }
        DecimalFormat pct = new DecimalFormat("0.#%");
        sb.append("<br>").append(s.jurisdictions()).append(" jurisdictions, ")
                .append(new DecimalFormat("#,##0").format(s.population())).append(" residents");
        for (int i = 0; i < policies.size(); i++) {
            if (s.populationByPolicy()[i] > 0) {
                sb.append("<br>").append(policies.get(i)).append(": ").append(pct.format(s.populationByPolicy()[i] / s.population()))
                        .append(" of residents");
            }
        }
        sb.append("<br>detainer compliance since start: ")
                .append(Double.isNaN(s.compliance()) ? "no detainers yet" : pct.format(s.compliance()));
        return sb.append("<br><i>click to list its jurisdictions</i></html>").toString();
    }

    /** States with jurisdictions in the current run. */
    public List<String> statesWithData() {
        return new ArrayList<>(stats.keySet());
    }
}
