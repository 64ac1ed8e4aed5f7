package org.jurisim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Location;
import org.jurisim.common.Problem;
import org.jurisim.common.Suggest;
import org.jurisim.output.Charts;
import org.jurisim.output.Csv;
import org.jurisim.output.Numbers;
import org.jurisim.output.RunDirectory;

/**
 * Scenario discovery over a finished sweep: which box of the swept parameters yields an outcome below (or above) a
 * threshold? Each point's outcome is the mean of its replicates (from {@code sweep.csv}); the points past the
 * threshold are the interesting ones, and {@link Prim} finds the box. Writes {@code prim-trajectory.csv} (every
 * box of the peeling trajectory), {@code prim-box.csv} (the chosen box's limits), the trajectory and box charts,
 * {@code report.html} and {@code manifest.json}.
 */
public final class Discover {

    static final String TRAJECTORY = "prim-trajectory.csv";
    static final String BOX = "prim-box.csv";

    private Discover() {
    }

    /** What to look for: an outcome of the sweep past a threshold; PRIM's settings. */
    public record Options(String outcome, double threshold, boolean below, double alpha, double minMass, boolean paste, int box,
                          boolean force, List<String> commandLine) {
        public Options {
            commandLine = List.copyOf(commandLine);
        }
    }

    /** The swept parameters with their ranges, and PRIM's answer. */
    public record Result(Path directory, List<Design.Param> params, int points, int interesting, Prim.Result prim) {
    }

    /** A sweep's points: the parameters (from the manifest), each point's values and outcome means. */
    record SweepData(List<Design.Param> params, List<String> outcomes, double[][] x, double[][] means) {
    }

    static SweepData read(Path dir) throws IOException, BadInputException {
        Path manifest = dir.resolve("manifest.json");
        Path csv = dir.resolve(Sweep.CSV);
        if (!Files.isRegularFile(manifest) || !Files.isRegularFile(csv)) {
            throw new BadInputException(new Problem(new Location(dir.toString(), 1, 1), "SWEEP_DIR",
                    "expected the directory of a finished sweep (with manifest.json and sweep.csv), found "
                            + (Files.isDirectory(dir) ? "a directory without them" : "no such directory")));
        }
        JsonNode m;
        try {
            m = ExperimentDir.json().readTree(manifest.toFile());
        } catch (IOException e) {
            throw new BadInputException(new Problem(new Location(manifest.toString(), 1, 1), "", "expected JSON: " + e.getMessage()));
        }
        JsonNode e = m.path("experiment");
        if (!"sweep".equals(e.path("kind").asText())) {
            throw new BadInputException(new Problem(new Location(manifest.toString(), 1, 1), "experiment.kind",
                    "expected a sweep's manifest, found kind \"" + e.path("kind").asText() + "\""));
        }
        List<Design.Param> params = new ArrayList<>();
        for (JsonNode p : e.path("params")) {
            params.add(new Design.Param(p.path("path").asText(), p.path("low").asDouble(), p.path("high").asDouble(), p.path("integer").asBoolean()));
        }
        int k = params.size();
        List<String> header;
        int points = 0;
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            header = List.of(r.readLine().split(",", -1));
            String line;
            while ((line = r.readLine()) != null) {
                int comma = line.indexOf(',');
                points = Math.max(points, Integer.parseInt(line.substring(0, comma)) + 1);
            }
        }
        List<String> outcomes = header.subList(3 + k, header.size());
        double[][] x = new double[points][];
        for (int p = 0; p < points; p++) {
            x[p] = new double[k];
        }
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",", -1);
                int p = Integer.parseInt(f[0]);
                for (int j = 0; j < k; j++) {
                    x[p][j] = Double.parseDouble(f[3 + j]);
                }
            }
        }
        double[][] means = Sweep.pointStats(csv, points, outcomes.size(), k).means();
        return new SweepData(params, List.copyOf(outcomes), x, means);
    }

    public static Result run(Path sweepDir, Path out, Options o) throws IOException, BadInputException, RunDirectory.ExistsException {
        Instant started = Instant.now();
        SweepData data = read(sweepDir);
        int q = data.outcomes().indexOf(o.outcome());
        if (q < 0) {
            throw new BadInputException(new Problem(new Location("--outcome", 1, 1), "outcome", "expected an outcome of the sweep, found \""
                    + o.outcome() + "\"" + Suggest.hint(o.outcome(), data.outcomes())));
        }
        List<double[]> xs = new ArrayList<>();
        List<Boolean> ys = new ArrayList<>();
        for (int p = 0; p < data.x().length; p++) {
            double v = data.means()[p][q];
            if (!Double.isNaN(v)) {
                xs.add(data.x()[p]);
                ys.add(o.below() ? v < o.threshold() : v > o.threshold());
            }
        }
        double[][] x = xs.toArray(new double[0][]);
        boolean[] y = new boolean[ys.size()];
        int hits = 0;
        for (int i = 0; i < y.length; i++) {
            y[i] = ys.get(i);
            hits += y[i] ? 1 : 0;
        }
        List<Design.Param> ps = data.params();
        int k = ps.size();
        double[] lows = ps.stream().mapToDouble(Design.Param::low).toArray();
        double[] highs = ps.stream().mapToDouble(Design.Param::high).toArray();
        if (hits == 0) {
            throw new BadInputException(new Problem(new Location(o.below() ? "--below" : "--above", 1, 1), o.below() ? "below" : "above",
                    "expected a threshold some points pass, found none of the " + x.length + " points with " + o.outcome() + " "
                            + (o.below() ? "below " : "above ") + Numbers.format(o.threshold()) + " (the points range from "
                            + Numbers.format(min(data.means(), q)) + " to "
                            + Numbers.format(max(data.means(), q)) + ")"));
        }
        Prim.Result prim = Prim.run(x, y, lows, highs, o.alpha(), o.minMass(), o.paste(), o.box());

        ObjectNode settings = ExperimentDir.json().createObjectNode();
        settings.put("kind", "discover");
        settings.put("sweep", sweepDir.toAbsolutePath().normalize().toString());
        settings.put("outcome", o.outcome());
        try (ExperimentDir dir = ExperimentDir.open(out, o.force(), false, settings, s -> { })) {
            Path w = dir.work();
            try (BufferedWriter t = Files.newBufferedWriter(w.resolve(TRAJECTORY), StandardCharsets.UTF_8)) {
                t.append("box,points,interesting,coverage,density,mass,restricted");
                for (Design.Param p : ps) {
                    t.append(',').append(Csv.cell(p.path() + ".low")).append(',').append(Csv.cell(p.path() + ".high"));
                }
                t.append(",chosen\n");
                for (int i = 0; i < prim.trajectory().size(); i++) {
                    Prim.Box b = prim.trajectory().get(i);
                    t.append(Integer.toString(i)).append(',').append(Integer.toString(b.points())).append(',')
                            .append(Integer.toString(b.interesting())).append(',').append(Numbers.format(b.coverage())).append(',')
                            .append(Numbers.format(b.density())).append(',').append(Numbers.format(b.mass())).append(',')
                            .append(Integer.toString(restricted(b, lows, highs)));
                    for (int j = 0; j < k; j++) {
                        t.append(',').append(Numbers.format(b.low()[j])).append(',').append(Numbers.format(b.high()[j]));
                    }
                    t.append(',').append(i == prim.chosen() ? "true" : "false").append('\n');
                }
            }
            Prim.Box box = prim.box();
            try (BufferedWriter t = Files.newBufferedWriter(w.resolve(BOX), StandardCharsets.UTF_8)) {
                t.append("parameter,low,high,range_low,range_high,restricted\n");
                for (int j = 0; j < k; j++) {
                    t.append(Csv.cell(ps.get(j).path())).append(',').append(Numbers.format(box.low()[j])).append(',')
                            .append(Numbers.format(box.high()[j])).append(',').append(Numbers.format(lows[j])).append(',')
                            .append(Numbers.format(highs[j])).append(',').append(Boolean.toString(box.restricts(j, lows[j], highs[j])))
                            .append('\n');
                }
                t.append("# coverage ").append(Numbers.format(box.coverage())).append(", density ").append(Numbers.format(box.density()))
                        .append(", mass ").append(Numbers.format(box.mass())).append('\n');
            }
            String what = o.outcome() + (o.below() ? " < " : " > ") + Numbers.format(o.threshold());
            JFreeChart traj = trajectoryChart(prim, what);
            JFreeChart limits = boxChart(box, ps, what);
            ExperimentCharts.write(traj, w.resolve("charts").resolve("prim-trajectory"));
            ExperimentCharts.write(limits, w.resolve("charts").resolve("prim-box"));
            report(w.resolve("report.html"), sweepDir, o, ps, lows, highs, x.length, hits, prim,
                    ExperimentCharts.svg(traj, "traj", Charts.WIDTH, Charts.HEIGHT), ExperimentCharts.svg(limits, "box", Charts.WIDTH, Charts.HEIGHT));
            Manifest mf = Manifest.of(o.commandLine());
            ObjectNode e = mf.node().putObject("experiment");
            e.put("kind", "discover");
            e.put("sweep", sweepDir.toString());
            e.put("outcome", o.outcome());
            e.put(o.below() ? "below" : "above", o.threshold());
            e.put("alpha", o.alpha());
            e.put("min_mass", o.minMass());
            e.put("paste", o.paste());
            e.put("points", x.length);
            e.put("interesting", hits);
            double wall = java.time.Duration.between(started, Instant.now()).toNanos() / 1e9;
            mf.finish(started, wall, List.of(TRAJECTORY, BOX, "charts/prim-trajectory.png", "charts/prim-box.png", "report.html")).write(w);
            dir.commit();
            return new Result(dir.target(), ps, x.length, hits, prim);
        }
    }

    private static double min(double[][] means, int q) {
        return Arrays.stream(means).mapToDouble(r -> r[q]).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
    }

    private static double max(double[][] means, int q) {
        return Arrays.stream(means).mapToDouble(r -> r[q]).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    static int restricted(Prim.Box b, double[] lows, double[] highs) {
        int n = 0;
        for (int j = 0; j < lows.length; j++) {
            n += b.restricts(j, lows[j], highs[j]) ? 1 : 0;
        }
        return n;
    }

    /** Density against coverage along the peeling trajectory; the chosen box marked. */
    static JFreeChart trajectoryChart(Prim.Result prim, String what) {
        XYSeries s = new XYSeries("peeling trajectory", false);
        for (Prim.Box b : prim.trajectory()) {
            s.add(b.coverage(), b.density());
        }
        XYSeries chosen = new XYSeries("chosen box" + (prim.box() != prim.trajectory().get(prim.chosen()) ? " (pasted)" : ""), false);
        chosen.add(prim.box().coverage(), prim.box().density());
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(s);
        data.addSeries(chosen);
        NumberAxis x = new NumberAxis("Coverage (share of the interesting points inside the box)");
        NumberAxis y = new NumberAxis("Density (share of the box's points that are interesting)");
        x.setRange(0, 1.02);
        y.setRange(0, 1.02);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, ExperimentCharts.PALETTE[0]);
        r.setSeriesLinesVisible(1, false);
        r.setSeriesPaint(1, ExperimentCharts.PALETTE[1]);
        r.setSeriesShape(1, new java.awt.geom.Ellipse2D.Double(-6, -6, 12, 12));
        r.setSeriesStroke(0, new BasicStroke(1.5f));
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(225, 225, 225));
        plot.setRangeGridlinePaint(new Color(225, 225, 225));
        Prim.Box b = prim.box();
        XYTextAnnotation a = new XYTextAnnotation(String.format(Locale.ROOT, "coverage %.2f, density %.2f, mass %.2f", b.coverage(),
                b.density(), b.mass()), b.coverage(), b.density() - 0.04);
        a.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        a.setTextAnchor(b.coverage() > 0.5 ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
        plot.addAnnotation(a);
        JFreeChart c = new JFreeChart("Peeling trajectory: " + what, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        Charts.style(c, prim.trajectory().size() + " boxes, from all points (coverage 1) to the smallest box allowed");
        return c;
    }

    /** The chosen box's limits per parameter, as a share of each parameter's range (restricted parameters coloured). */
    static JFreeChart boxChart(Prim.Box b, List<Design.Param> ps, String what) {
        org.jfree.data.category.DefaultIntervalCategoryDataset data;
        int k = ps.size();
        Number[][] starts = new Number[1][k];
        Number[][] ends = new Number[1][k];
        String[] names = new String[k];
        for (int j = 0; j < k; j++) {
            Design.Param p = ps.get(j);
            double span = p.high() - p.low();
            starts[0][j] = (b.low()[j] - p.low()) / span;
            ends[0][j] = (b.high()[j] - p.low()) / span;
            names[j] = p.path() + "  [" + Report.sig(b.low()[j], 3, false) + ", " + Report.sig(b.high()[j], 3, false) + "]"
                    + (b.restricts(j, p.low(), p.high()) ? "" : "  free");
        }
        data = new org.jfree.data.category.DefaultIntervalCategoryDataset(new String[] {"box"}, names, starts, ends);
        org.jfree.chart.axis.CategoryAxis cat = new org.jfree.chart.axis.CategoryAxis("Parameter  [box limits]");
        cat.setMaximumCategoryLabelWidthRatio(0.45f);
        NumberAxis v = new NumberAxis("Position in the swept range (0 = low end, 1 = high end)");
        v.setRange(0, 1);
        org.jfree.chart.renderer.category.IntervalBarRenderer r = new org.jfree.chart.renderer.category.IntervalBarRenderer();
        r.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, ExperimentCharts.PALETTE[2]);
        r.setMaximumBarWidth(0.25);
        org.jfree.chart.plot.CategoryPlot plot = new org.jfree.chart.plot.CategoryPlot(data, cat, v, r);
        plot.setOrientation(org.jfree.chart.plot.PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(225, 225, 225));
        JFreeChart c = new JFreeChart("Box where " + what, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        c.setPadding(new org.jfree.chart.ui.RectangleInsets(4, 4, 4, 18));
        Charts.style(c, String.format(Locale.ROOT, "coverage %.2f  \u00b7  density %.2f  \u00b7  mass %.2f  \u00b7  bars: the box's limits within each swept range",
                b.coverage(), b.density(), b.mass()));
        return c;
    }

    private static void report(Path file, Path sweepDir, Options o, List<Design.Param> ps, double[] lows, double[] highs, int points,
                               int hits, Prim.Result prim, String trajSvg, String boxSvg) throws IOException {
        String what = o.outcome() + (o.below() ? " below " : " above ") + Report.sig(o.threshold(), 4, false);
        Prim.Box b = prim.box();
        HtmlPage page = new HtmlPage("JuriSim \u00b7 scenario discovery (PRIM)", "Where is " + what + "?",
                "sweep " + sweepDir + " \u00b7 " + points + " points, " + hits + " interesting \u00b7 alpha " + Report.sig(o.alpha(), 2, false)
                        + " \u00b7 minimum mass " + Report.sig(o.minMass(), 2, false) + (o.paste() ? " \u00b7 pasting" : ""));
        page.section("The box");
        page.p(String.format(Locale.ROOT, "Inside this box, %s of the points have %s (density); the box holds %s of all such points"
                        + " (coverage) and %s of all points (mass).", Report.sig(b.density(), 2, true), what, Report.sig(b.coverage(), 2, true),
                Report.sig(b.mass(), 2, true)));
        List<List<String>> rows = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        for (int j = 0; j < ps.size(); j++) {
            boolean r = b.restricts(j, lows[j], highs[j]);
            rows.add(List.of(ps.get(j).path(), Report.sig(b.low()[j], 4, false), Report.sig(b.high()[j], 4, false),
                    Report.sig(lows[j], 4, false) + " \u2013 " + Report.sig(highs[j], 4, false), r ? "restricted" : "not restricted"));
            marks.add(r ? "sig" : "noise");
        }
        page.warnings(prim.warning() == null ? List.of() : List.of(prim.warning()), "The box stands out: its density is well above"
                + " the share of interesting points overall (" + Report.sig(prim.trajectory().get(0).density(), 2, true) + ").");
        page.table(List.of("parameter", "low", "high", "swept range", ""), rows, marks);
        page.figure(boxSvg, "The box's limits within each swept range.");
        page.end();
        page.section("Peeling trajectory");
        page.p("Each step peels the share alpha of the points in the box off one side of one parameter, the peel that leaves the"
                + " densest box. Coverage falls and density rises along the way; the box chosen is the one with the largest"
                + " coverage \u2212 mass (the interesting points it gains over a box of its size drawn by chance)" + (o.box() >= 0 ? " unless --box chose another" : "") + ".");
        page.figure(trajSvg, "Density against coverage for every box of the trajectory; the chosen box is marked.");
        List<List<String>> t = new ArrayList<>();
        List<String> tm = new ArrayList<>();
        for (int i = 0; i < prim.trajectory().size(); i++) {
            Prim.Box x = prim.trajectory().get(i);
            t.add(List.of(Integer.toString(i), Integer.toString(x.points()), Report.sig(x.coverage(), 3, false), Report.sig(x.density(), 3, false),
                    Report.sig(x.mass(), 3, false), Integer.toString(restricted(x, lows, highs))));
            tm.add(i == prim.chosen() ? "sig" : "");
        }
        page.table(List.of("box", "points", "coverage", "density", "mass", "parameters restricted"), t, tm);
        page.end();
        page.section("How this was made");
        page.code(String.join(" ", o.commandLine()));
        page.note("Each point's outcome is the mean of its replicates in sweep.csv. Files: " + TRAJECTORY + ", " + BOX
                + ", charts/prim-trajectory.png, charts/prim-box.png, manifest.json. PRIM: Friedman and Fisher (1999); scenario"
                + " discovery: Bryant and Lempert (2010).");
        page.end();
        page.write(file);
    }
}
