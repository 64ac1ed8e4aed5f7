package org.jurisim.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The check's charts: for the metrics the record speaks to most directly (detainers issued, detention, removals,
 * 287(g) agreements), the model's replicates over time as two bands (min-max of all replicates, and the 90% of
 * replicates between the 5th and 95th percentiles) with the record's figures drawn over them.
 */
final class CheckCharts {

    /** Days of the trailing window of a rate (a flow drawn as an annual rate). */
    static final int RATE_WINDOW = 30;

    private CheckCharts() {
    }

    /** A chart written: its file (relative to the output directory), title and what it shows. */
    record Chart(String png, String svg, String title, String caption) {
    }

    /** A metric drawn: its column, title, axis label, and whether it is a flow (drawn as an annual rate). */
    private record Spec(String column, String title, String axis, boolean flow) {
    }

    private static final List<Spec> SPECS = List.of(
            new Spec("detainers_issued", "Detainers issued", "Detainers per year (" + RATE_WINDOW + "-day rate)", true),
            new Spec("detention_occupancy", "People in ICE detention", "People detained", false),
            new Spec("removals", "Removals", "Removals per year (" + RATE_WINDOW + "-day rate)", true),
            new Spec("agreements_287g", "287(g) agreements", "Jurisdictions with a 287(g) jail agreement", false));

    static List<Chart> draw(Path chartsDir, String label, String scenarioName, Check.RunTables run, List<Targets.Target> targets,
                            List<String> files) throws IOException {
        List<Chart> out = new ArrayList<>();
        int n = run.replicates();
        if (n == 0) {
            return out;
        }
        for (Spec spec : SPECS) {
            List<Targets.Target> mine = targets.stream().filter(t -> t.statistic().kind().timeseries()
                    && t.statistic().kind() != Targets.Kind.RATIO && t.statistic().columns().equals(List.of(spec.column()))).toList();
            if (mine.isEmpty() || !run.columns.contains(spec.column())) {
                continue;
            }
            int days = run.days;
            double[][] values = new double[n][];
            for (int r = 0; r < n; r++) {
                double[] v = run.column(r, List.of(spec.column()));
                values[r] = spec.flow() ? rate(v) : v;
            }
            LocalDate[] dates = new LocalDate[days];
            double[] mean = new double[days];
            double[] min = new double[days];
            double[] max = new double[days];
            double[] median = new double[days];
            double[] p05 = new double[days];
            double[] p95 = new double[days];
            double[] x = new double[n];
            for (int d = 0; d < days; d++) {
                dates[d] = run.start.plusDays(d);
                for (int r = 0; r < n; r++) {
                    x[r] = values[r][d];
                }
                double[] s = Stats.present(x);
                Arrays.sort(s);
                if (s.length == 0) {
                    mean[d] = min[d] = max[d] = median[d] = p05[d] = p95[d] = Double.NaN;
                    continue;
                }
                double sum = 0;
                for (double v : s) {
                    sum += v;
                }
                mean[d] = sum / s.length;
                min[d] = s[0];
                max[d] = s[s.length - 1];
                median[d] = Check.quantile(s, 0.5);
                p05[d] = Check.quantile(s, 0.05);
                p95[d] = Check.quantile(s, 0.95);
            }
            List<ExperimentCharts.Band> bands = List.of(
                    new ExperimentCharts.Band("model: mean; shaded: min-max of " + n + " replicates", dates, mean, min, max),
                    new ExperimentCharts.Band("model: median; shaded: 90% of replicates (5th-95th percentile)", dates, median, p05, p95));
            String subtitle = scenarioName + "  \u00b7  " + run.start + " to " + run.lastDate() + "  \u00b7  " + n
                    + " replicates  \u00b7  dots and bars: the record (FACTS.md)" + (spec.flow() ? "  \u00b7  flows as annual rates over "
                    + RATE_WINDOW + " days; a record total is drawn as its annual rate over its period" : "");
            JFreeChart chart = ExperimentCharts.bands(spec.title() + " \u2014 model and record", subtitle, spec.axis(), bands, false,
                    new Color[] {new Color(170, 170, 170), new Color(0, 114, 178)}, new float[] {1.2f, 2.2f});
            addRecord(chart, mine, spec.flow());
            String base = label + "-" + spec.column();
            ExperimentCharts.write(chart, chartsDir.resolve(base));
            files.add("charts/" + base + ".png");
            files.add("charts/" + base + ".svg");
            List<String> ids = mine.stream().map(Targets.Target::id).toList();
            out.add(new Chart("charts/" + base + ".png", "charts/" + base + ".svg", spec.title() + ": " + scenarioName,
                    "Run " + label + "; record: " + String.join(", ", ids) + ". Grey: the mean of the " + n
                            + " replicates with their min-max range shaded; blue: the median with the 90% of replicates between the"
                            + " 5th and 95th percentiles shaded. Orange: the record."));
        }
        return out;
    }

    /** A flow's annual rate over the trailing {@link #RATE_WINDOW} days (fewer at the start of the run). */
    static double[] rate(double[] v) {
        double[] out = new double[v.length];
        double sum = 0;
        int n = 0;
        for (int d = 0; d < v.length; d++) {
            double add = Double.isNaN(v[d]) ? 0 : v[d];
            sum += add;
            n++;
            if (d >= RATE_WINDOW) {
                double old = v[d - RATE_WINDOW];
                sum -= Double.isNaN(old) ? 0 : old;
                n--;
            }
            out[d] = sum * 365.25 / n;
        }
        return out;
    }

    private static void addRecord(JFreeChart chart, List<Targets.Target> targets, boolean flow) {
        XYSeries s = new XYSeries("record (FACTS.md)", false, true);
        for (Targets.Target t : targets) {
            Targets.Statistic st = t.statistic();
            double v = t.record();
            if (st.kind() == Targets.Kind.VALUE) {
                s.add(millis(st.on()), v);
                s.add(millis(st.on()) + 1, null);
                continue;
            }
            if (st.kind() == Targets.Kind.MAX) {
                continue;
            }
            LocalDate from = t.periodFrom();
            LocalDate to = t.periodTo();
            if (flow && st.kind() == Targets.Kind.SUM) {
                // the record as an annual rate over its own period
                double perDays = st.per() != null ? st.per().days : t.periodTo().toEpochDay() - t.periodFrom().toEpochDay() + 1;
                v = v * 365.25 / perDays;
            } else if (flow) {
                continue;
            }
            s.add(millis(from), v);
            s.add(millis(to), v);
            s.add(millis(to) + 1, null);
        }
        if (s.getItemCount() == 0) {
            return;
        }
        XYPlot plot = chart.getXYPlot();
        plot.setDataset(1, new XYSeriesCollection(s));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        Color orange = new Color(213, 94, 0);
        r.setSeriesPaint(0, orange);
        r.setSeriesStroke(0, new BasicStroke(3.0f));
        r.setSeriesShape(0, new Ellipse2D.Double(-4.5, -4.5, 9, 9));
        plot.setRenderer(1, r);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
        // the record must be visible even when the model is far from it
        org.jfree.chart.axis.NumberAxis y = (org.jfree.chart.axis.NumberAxis) plot.getRangeAxis();
        y.setAutoRangeIncludesZero(true);
    }

    private static long millis(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
