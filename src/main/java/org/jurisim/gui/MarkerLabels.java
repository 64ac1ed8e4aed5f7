package org.jurisim.gui;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.entity.EntityCollection;
import org.jfree.chart.entity.XYAnnotationEntity;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;

/**
 * The labels of a chart's dated markers (interventions and the scenario's own events), laid out so that
 * they never overlap and never leave the plot: markers a few pixels apart share one label; each label goes
 * in the first of a few lanes (rows) where it fits, to the right of its line, or to its left near the right
 * edge; a label too long for any lane is abbreviated, and one that still does not fit is left out. Every
 * marker's full text is its tooltip (hover the line or its label).
 */
final class MarkerLabels extends AbstractXYAnnotation {

    private static final long serialVersionUID = 1L;

    /** Markers closer than this (pixels) share a label. */
    static final double MERGE_PIXELS = 6;
    /** Longest label shown in full (characters); longer ones end in an ellipsis. */
    static final int LONG_CHARS = 34;
    /** The abbreviated label's length (characters). */
    static final int SHORT_CHARS = 12;
    static final int MAX_LANES = 4;
    private static final double GAP = 4;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    static final Color INTERVENTION = new Color(0x33, 0x33, 0x33);
    static final Color EVENT = new Color(0x88, 0x3D, 0x9E);

    /** A group of markers at (about) one pixel position: its label candidates, full text and colour. */
    record Group(double x, List<String> texts, String tooltip, Color color) {
    }

    /** A label as placed: its box (pixels), its text, its lane. */
    record Placed(Rectangle2D box, String text, int lane, Group group) {
    }

    private List<LiveChart.Mark> marks = List.of();
    private transient List<Placed> lastPlaced = List.of();
    private transient List<Group> lastGroups = List.of();

    void setMarks(List<LiveChart.Mark> m) {
        marks = List.copyOf(m);
        fireAnnotationChanged();
    }

    List<LiveChart.Mark> marks() {
        return marks;
    }

    /** The labels placed by the last drawing (for tests). */
    List<Placed> lastPlaced() {
        return lastPlaced;
    }

    /** The marker groups of the last drawing (for tests). */
    List<Group> lastGroups() {
        return lastGroups;
    }

    /** Shortens a text to at most {@code n} characters, ending in an ellipsis when cut. */
    static String abbreviate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, Math.max(1, n - 1)).stripTrailing() + "\u2026";
    }

    /**
     * Groups marks (sorted by pixel x) that are within {@link #MERGE_PIXELS} of the group's first one. A group
     * of several marks is labelled by its first with "+N" appended; its tooltip lists them all.
     */
    static List<Group> group(List<LiveChart.Mark> marks, ToDoubleFunction<LiveChart.Mark> px) {
        List<LiveChart.Mark> sorted = new ArrayList<>(marks);
        sorted.sort((a, b) -> Double.compare(px.applyAsDouble(a), px.applyAsDouble(b)));
        List<Group> out = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            double x0 = px.applyAsDouble(sorted.get(i));
            int j = i;
            while (j < sorted.size() && px.applyAsDouble(sorted.get(j)) - x0 <= MERGE_PIXELS) {
                j++;
            }
            List<LiveChart.Mark> g = sorted.subList(i, j);
            LiveChart.Mark first = g.get(0);
            String more = g.size() > 1 ? " +" + (g.size() - 1) : "";
            StringBuilder tip = new StringBuilder("<html>");
            boolean anyIntervention = false;
            for (int k = 0; k < g.size(); k++) {
                LiveChart.Mark m = g.get(k);
                anyIntervention |= m.kind() == LiveChart.MarkKind.INTERVENTION;
                tip.append(k == 0 ? "" : "<br>").append(html(m.date() + (m.kind() == LiveChart.MarkKind.EVENT ? " (scenario event): " : " (intervention): ")
                        + m.label()));
            }
            tip.append("</html>");
            List<String> texts = List.of(abbreviate(first.label(), LONG_CHARS) + more, abbreviate(first.label(), SHORT_CHARS) + more);
            out.add(new Group(x0, texts, tip.toString(), anyIntervention ? INTERVENTION : EVENT));
            i = j;
        }
        return out;
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Places the groups' labels in {@code lanes} rows between {@code minX} and {@code maxX}: the dashboard's
     * interventions first, then the scenario's events, each in x order; each group takes its first text (then
     * its abbreviation) in the first lane where it fits without touching a label already there, to the right of
     * its line, or to its left when that does not fit. A group that fits nowhere gets no label.
     */
    static List<Placed> layout(List<Group> groups, double minX, double maxX, int lanes, ToDoubleFunction<String> width) {
        List<List<double[]>> taken = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            taken.add(new ArrayList<>());
        }
        List<Group> order = new ArrayList<>(groups);
        order.sort(java.util.Comparator.comparing((Group g) -> g.color().equals(INTERVENTION) ? 0 : 1).thenComparingDouble(Group::x));
        List<Placed> out = new ArrayList<>();
        for (Group g : order) {
            boolean placed = false;
            for (int t = 0; t < g.texts().size() && !placed; t++) {
                String text = g.texts().get(t);
                double w = width.applyAsDouble(text) + 4;
                for (int lane = 0; lane < lanes && !placed; lane++) {
                    double[] starts = {g.x() + 2, g.x() - 2 - w};
                    for (double start : starts) {
                        if (start >= minX && start + w <= maxX && free(taken.get(lane), start - GAP, start + w + GAP)) {
                            out.add(new Placed(new Rectangle2D.Double(start, lane, w, 1), text, lane, g));
                            taken.get(lane).add(new double[] {start, start + w});
                            placed = true;
                            break;
                        }
                    }
                }
            }
        }
        return out;
    }

    private static boolean free(List<double[]> lane, double from, double to) {
        for (double[] r : lane) {
            if (from < r[1] && r[0] < to) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis, int rendererIndex,
            PlotRenderingInfo info) {
        if (marks.isEmpty()) {
            lastPlaced = List.of();
            lastGroups = List.of();
            return;
        }
        RectangleEdge edge = Plot2.domainEdge(plot);
        List<LiveChart.Mark> visible = new ArrayList<>();
        for (LiveChart.Mark m : marks) {
            if (domainAxis.getRange().contains(m.x())) {
                visible.add(m);
            }
        }
        List<Group> groups = group(visible, m -> domainAxis.valueToJava2D(m.x(), dataArea, edge));
        g2.setFont(FONT);
        FontMetrics fm = g2.getFontMetrics(FONT);
        double lineH = fm.getHeight() + 2;
        int lanes = (int) Math.max(1, Math.min(MAX_LANES, Math.floor(dataArea.getHeight() * 0.45 / lineH)));
        List<Placed> placed = layout(groups, dataArea.getMinX(), dataArea.getMaxX(), lanes, s -> fm.stringWidth(s));
        List<Placed> boxes = new ArrayList<>();
        EntityCollection entities = info == null || info.getOwner() == null ? null : info.getOwner().getEntityCollection();
        for (Group g : groups) {
            if (entities != null) {
                // hovering the line shows every marker's full text
                Shape hot = new Rectangle2D.Double(g.x() - 3, dataArea.getMinY(), 6, dataArea.getHeight());
                entities.add(new XYAnnotationEntity(hot, rendererIndex, g.tooltip(), null));
            }
        }
        for (Placed p : placed) {
            double y = dataArea.getMinY() + 2 + p.lane() * lineH;
            Rectangle2D box = new Rectangle2D.Double(p.box().getX(), y, p.box().getWidth(), lineH - 1);
            // translucent: the data under a label stays faintly visible, the label readable
            g2.setPaint(new Color(255, 255, 255, 195));
            g2.fill(box);
            g2.setPaint(p.group().color());
            g2.drawString(p.text(), (float) (box.getX() + 2), (float) (y + fm.getAscent() + 1));
            if (entities != null) {
                entities.add(new XYAnnotationEntity(box, rendererIndex, p.group().tooltip(), null));
            }
            boxes.add(new Placed(box, p.text(), p.lane(), p.group()));
        }
        lastPlaced = List.copyOf(boxes);
        lastGroups = List.copyOf(groups);
    }

    /** The domain axis edge of a plot. */
    private static final class Plot2 {
        static RectangleEdge domainEdge(XYPlot plot) {
            return org.jfree.chart.plot.Plot.resolveDomainAxisLocation(plot.getDomainAxisLocation(), plot.getOrientation());
        }
    }
}
