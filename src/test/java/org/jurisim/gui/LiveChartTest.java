package org.jurisim.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.XYAnnotationEntity;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jurisim.metrics.MetricDef;
import org.jurisim.model.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard charts' drawing and export, headless: built from synthetic runs and drawn into images. */
class LiveChartTest {

    private static final List<String> POLICIES = List.of("full-cooperation", "standard", "limited", "sanctuary");
    private static final LocalDate START = LocalDate.of(2026, 1, 1);

    @TempDir
    Path tmp;

    private static LiveChart chart(String id) {
        List<MetricDef> defs = Metrics.definitions(POLICIES);
        return new LiveChart(ChartSpecs.build(defs, POLICIES, 30).stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow());
    }

    /** A run of {@code days} days whose every metric is {@code f(metric index, day)}. */
    private static RunSeries run(String name, int days, java.util.function.IntBinaryOperator f) {
        List<String> names = Metrics.definitions(POLICIES).stream().map(MetricDef::name).toList();
        RunSeries r = new RunSeries(name, names, ChartSpecs.CUMULATIVE, POLICIES, RunSeries.DEFAULT_CAPACITY);
        double[] row = new double[names.size()];
        for (int d = 0; d < days; d++) {
            for (int c = 0; c < row.length; c++) {
                row[c] = f.applyAsInt(c, d);
            }
            r.append(START.plusDays(d), row);
        }
        return r;
    }

    private static XYPlot subplot(LiveChart c, int i) {
        return ((org.jfree.chart.plot.CombinedDomainXYPlot) c.chart().getPlot()).getSubplots().get(i);
    }

    private static BufferedImage draw(LiveChart c, int w, int h, ChartRenderingInfo info) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        c.chart().setAntiAlias(false);
        c.chart().draw(g, new Rectangle2D.Double(0, 0, w, h), info);
        g.dispose();
        return img;
    }

    @Test
    void theRollingComplianceLineIsDrawnOverTheDailyOne() {
        LiveChart c = chart("compliance");
        List<String> names = Metrics.definitions(POLICIES).stream().map(MetricDef::name).toList();
        int daily = names.indexOf("compliance_rate");
        int rolling = names.indexOf("compliance_rate_rolling");
        // both series at 50% every day: the lines coincide, and the one drawn last is the one seen
        RunSeries r = run("Run 1 (seed 1)", 200, (col, day) -> 0);
        RunSeries half = new RunSeries("Run 1 (seed 1)", names, ChartSpecs.CUMULATIVE, POLICIES, RunSeries.DEFAULT_CAPACITY);
        double[] row = new double[names.size()];
        row[daily] = 0.5;
        row[rolling] = 0.5;
        for (int d = 0; d < r.size(); d++) {
            half.append(START.plusDays(d), row);
        }
        c.setRun(half);
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage img = draw(c, 800, 500, info);
        Rectangle2D area = info.getPlotInfo().getSubplotInfo(0).getDataArea();
        Color dailyColour = ((XYLineAndShapeRenderer) subplot(c, 0).getRenderer()).getSeriesPaint(0) instanceof Color k ? k : null;
        int dailyPixels = 0;
        int rollingPixels = 0;
        for (int y = (int) area.getMinY() + 1; y < area.getMaxY() - 1; y++) {
            for (int x = (int) area.getMinX() + 20; x < area.getMaxX() - 20; x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                if (rgb == (dailyColour.getRGB() & 0xFFFFFF)) {
                    dailyPixels++;
                } else if (rgb == (Palette.BLUE.getRGB() & 0xFFFFFF)) {
                    rollingPixels++;
                }
            }
        }
        assertThat(rollingPixels).as("rolling-line pixels").isGreaterThan(200);
        assertThat(dailyPixels).as("daily-line pixels showing over the rolling line").isZero();
    }

    @Test
    void overlaidRunsArePaleDashedAndTheLegendNamesTheCurrentRunApart() {
        LiveChart c = chart("flows");
        RunSeries cur = run("Run 2 (seed 42)", 100, (col, day) -> col + day % 7);
        RunSeries pinned = run("Run 1 (seed 42)", 100, (col, day) -> col + day % 5);
        c.setRun(cur);
        c.setOverlays(List.of(new Overlay(1, "Pinned: Run 1 (seed 42; 100 days)", pinned)));
        XYPlot plot = subplot(c, 0);
        XYLineAndShapeRenderer current = (XYLineAndShapeRenderer) plot.getRenderer(0);
        org.jfree.chart.renderer.xy.AbstractXYItemRenderer overlay = (org.jfree.chart.renderer.xy.AbstractXYItemRenderer) plot.getRenderer(1);
        for (int s = 0; s < plot.getDataset(0).getSeriesCount(); s++) {
            Color a = (Color) current.getSeriesPaint(s);
            Color b = (Color) overlay.getSeriesPaint(s);
            assertThat(b.getRGB()).as("series %d: overlay colour differs from the current run's", s).isNotEqualTo(a.getRGB());
            assertThat(b.getAlpha()).isLessThan(255);
            assertThat(((BasicStroke) overlay.getSeriesStroke(s)).getDashArray()).as("overlay dashed").isNotNull();
            assertThat(((BasicStroke) current.getSeriesStroke(s)).getDashArray()).as("current run solid").isNull();
        }
        LegendItemCollection items = c.chart().getLegend().getSources()[0].getLegendItems();
        List<String> labels = new ArrayList<>();
        LegendItem currentItem = null;
        LegendItem pinnedItem = null;
        for (int i = 0; i < items.getItemCount(); i++) {
            LegendItem li = items.get(i);
            labels.add(li.getLabel());
            if (li.getLabel().equals("Current: Run 2 (seed 42)")) {
                currentItem = li;
            }
            if (li.getLabel().startsWith("Pinned: Run 1")) {
                pinnedItem = li;
            }
        }
        assertThat(currentItem).as("legend " + labels).isNotNull();
        assertThat(pinnedItem).as("legend " + labels).isNotNull();
        assertThat(((BasicStroke) currentItem.getLineStroke()).getDashArray()).isNull();
        assertThat(((BasicStroke) pinnedItem.getLineStroke()).getDashArray()).isNotNull();
    }

    @Test
    void csvExportHasOneMeaningPerColumnForEveryRunAndEveryPanel() throws Exception {
        LiveChart c = chart("policies");
        // each policy's count differs, so a stack's running sum could not pass for a policy's own value
        RunSeries cur = run("Run 2 (seed 42)", 60, (col, day) -> 10 + col + day);
        c.setRun(cur);
        c.setOverlays(List.of(new Overlay(1, "Pinned", cur.copy())));
        Path csv = tmp.resolve("policies.csv");
        c.exportCopy().exportCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        for (String p : POLICIES) {
            for (String panel : List.of("Jurisdictions", "Residents")) {
                String col = panel + ": " + p;
                assertThat(header).as(lines.get(0)).contains(col, "Pinned \u00b7 " + col);
                int a = header.indexOf(col);
                int b = header.indexOf("Pinned \u00b7 " + col);
                String metric = (panel.equals("Jurisdictions") ? "jurisdictions_" : "population_") + p.replace('-', '_');
                for (int row = 1; row < lines.size(); row++) {
                    String[] cells = lines.get(row).split(",", -1);
                    assertThat(cells[b]).as(col + " row " + row).isEqualTo(cells[a]);
                    assertThat(Double.parseDouble(cells[a])).isEqualTo(cur.value(metric, row - 1));
                }
            }
        }
        assertThat(header).hasSize(1 + 2 * 2 * POLICIES.size());
    }

    @Test
    void anExportCopyShowsTheWholeRunWhateverTheScreenIsZoomedTo() throws Exception {
        LiveChart c = chart("trust");
        RunSeries cur = run("Run 1 (seed 1)", 300, (col, day) -> 0);
        c.setRun(cur);
        var axis = c.chart().getXYPlot().getDomainAxis();
        axis.setRange(cur.x(100), cur.x(120)); // zoomed on screen
        assertThat(c.domainAutoRange()).isFalse();
        LiveChart copy = c.exportCopy();
        assertThat(copy.domainAutoRange()).isTrue();
        var range = copy.chart().getXYPlot().getDomainAxis().getRange();
        assertThat(range.getLowerBound()).isLessThanOrEqualTo(cur.x(0));
        assertThat(range.getUpperBound()).isGreaterThanOrEqualTo(cur.x(299));
        // and the copy is frozen: rows added to the live run later are not in it
        cur.append(START.plusDays(300), new double[cur.columns().size() - ChartSpecs.CUMULATIVE.size()]);
        assertThat(subplot(copy, 0).getDataset().getItemCount(0)).isEqualTo(300);
        Path png = tmp.resolve("trust.png");
        ChartExport.write(copy, "png", png);
        assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isEqualTo(LiveChart.EXPORT_WIDTH);
        assertThat(Files.exists(tmp.resolve("trust.png.part"))).isFalse();
    }

    @Test
    void markerLabelsNeverOverlapOrLeaveThePlotAndHoveringGivesTheFullText() {
        LiveChart c = chart("compliance");
        RunSeries cur = run("Run 1 (seed 1)", 365, (col, day) -> 0);
        c.setRun(cur);
        List<LiveChart.Mark> marks = new ArrayList<>();
        String longest = "Large Democratic-led jurisdictions decline detainers and bar local resources";
        // crowded: two a week for four months, some on the same day, and some in the last days of the run
        for (int i = 0; i < 36; i++) {
            int day = 30 + i * 3;
            marks.add(new LiveChart.Mark(day, RunSeries.millis(START.plusDays(day)), i == 0 ? longest : "officers \u2192 " + (300 + i),
                    i % 2 == 0 ? LiveChart.MarkKind.EVENT : LiveChart.MarkKind.INTERVENTION, START.plusDays(day)));
        }
        marks.add(new LiveChart.Mark(30, RunSeries.millis(START.plusDays(30)), "detentionCapacity", LiveChart.MarkKind.EVENT, START.plusDays(30)));
        for (int day = 360; day < 365; day++) {
            marks.add(new LiveChart.Mark(day, RunSeries.millis(START.plusDays(day)), "Late change number " + day,
                    LiveChart.MarkKind.INTERVENTION, START.plusDays(day)));
        }
        c.setMarks(marks);
        ChartRenderingInfo info = new ChartRenderingInfo();
        draw(c, 700, 450, info);
        Rectangle2D area = info.getPlotInfo().getSubplotInfo(0).getDataArea();
        List<MarkerLabels.Placed> placed = c.markerLabels().lastPlaced();
        assertThat(placed).hasSizeGreaterThan(3);
        for (int i = 0; i < placed.size(); i++) {
            Rectangle2D a = placed.get(i).box();
            assertThat(a.getMinX()).isGreaterThanOrEqualTo(area.getMinX());
            assertThat(a.getMaxX()).isLessThanOrEqualTo(area.getMaxX());
            assertThat(a.getMinY()).isGreaterThanOrEqualTo(area.getMinY());
            for (int j = i + 1; j < placed.size(); j++) {
                assertThat(a.intersects(placed.get(j).box())).as(placed.get(i).text() + " overlaps " + placed.get(j).text()).isFalse();
            }
        }
        assertThat(placed).extracting(MarkerLabels.Placed::text).anyMatch(t -> t.endsWith("\u2026") || t.contains("\u2026 +"));
        // every marker's full text is a tooltip of the chart
        List<String> tips = new ArrayList<>();
        for (Object o : info.getEntityCollection().getEntities()) {
            if (o instanceof XYAnnotationEntity e && e.getToolTipText() != null) {
                tips.add(e.getToolTipText());
            }
        }
        for (LiveChart.Mark m : marks) {
            assertThat(tips).as(m.label()).anyMatch(t -> t.contains(m.label().replace(">", "&gt;")));
        }
        assertThat(tips).anyMatch(t -> t.contains("(scenario event): " + longest));
    }

    @Test
    void theLayoutPutsEveryLabelInALaneWithoutTouchingAnother() {
        java.util.Random rnd = new java.util.Random(7);
        List<MarkerLabels.Group> groups = new ArrayList<>();
        double x = 50;
        for (int i = 0; i < 200; i++) {
            x += rnd.nextDouble() * 20;
            groups.add(new MarkerLabels.Group(x, List.of("a long label number " + i, "short " + i), "tip", Color.BLACK));
        }
        List<MarkerLabels.Placed> placed = MarkerLabels.layout(groups, 40, 2000, 3, s -> s.length() * 6.0);
        assertThat(placed).hasSizeGreaterThan(20);
        for (MarkerLabels.Placed a : placed) {
            assertThat(a.box().getMinX()).isGreaterThanOrEqualTo(40);
            assertThat(a.box().getMaxX()).isLessThanOrEqualTo(2000);
            for (MarkerLabels.Placed b : placed) {
                if (a != b && a.lane() == b.lane()) {
                    assertThat(a.box().getMaxX() < b.box().getMinX() || b.box().getMaxX() < a.box().getMinX()).isTrue();
                }
            }
        }
        // abbreviations are used when the full label does not fit
        assertThat(placed).extracting(MarkerLabels.Placed::text).anyMatch(t -> t.startsWith("short"));
    }
}
