package org.jurisim.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jurisim.output.Numbers;

/**
 * A calibration's charts and {@code report.html}: per parameter, the accepted sample's histogram over the design's
 * (the prior); the pairwise scatter matrix of the accepted points over the design; per target, the record, its
 * acceptance range and the model's 90% bands before and after calibration on a common standardised scale. The charts
 * are PNG files drawn here (small multiples), the page has no scripts and fetches nothing.
 */
final class CalibrationReport {

    private static final Color PRIOR = new Color(200, 200, 200);
    private static final Color POST = ExperimentCharts.PALETTE[0];
    private static final Color RECORD = ExperimentCharts.PALETTE[1];
    private static final Color ACCEPT = new Color(0, 158, 115, 50);
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final int BINS = 20;

    private CalibrationReport() {
    }

    static List<String> charts(Path dir, Design d, double[][] means, boolean[] accepted, List<Calibrate.ParamSummary> ps,
                               List<Calibrate.TargetFit> fits) throws IOException {
        Files.createDirectories(dir);
        List<String> out = new ArrayList<>();
        write(histograms(d, accepted, ps), dir.resolve("posterior.png"));
        out.add("charts/posterior.png");
        if (d.params().size() > 1) {
            write(pairs(d, accepted), dir.resolve("pairs.png"));
            out.add("charts/pairs.png");
        }
        write(targets(fits), dir.resolve("targets.png"));
        out.add("charts/targets.png");
        return out;
    }

    private static void write(BufferedImage img, Path file) throws IOException {
        ImageIO.write(img, "png", file.toFile());
    }

    private static Graphics2D canvas(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(FONT);
        return g;
    }

    /** One histogram per parameter: the design's points (grey) and the accepted ones (blue), as shares of each. */
    static BufferedImage histograms(Design d, boolean[] accepted, List<Calibrate.ParamSummary> ps) {
        int k = d.params().size();
        int cols = Math.min(3, k);
        int rows = (k + cols - 1) / cols;
        int cw = 380;
        int ch = 230;
        BufferedImage img = new BufferedImage(cols * cw, rows * ch + 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        g.setFont(BOLD);
        g.setColor(Color.DARK_GRAY);
        g.drawString("Posterior (blue: accepted points) against the prior (grey: every point of the design); share of each per bin", 12, 22);
        g.setFont(FONT);
        for (int i = 0; i < k; i++) {
            Design.Param p = d.params().get(i);
            int x0 = (i % cols) * cw + 45;
            int y0 = (i / cols) * ch + 60;
            int w = cw - 70;
            int h = ch - 75;
            double[] prior = new double[BINS];
            double[] post = new double[BINS];
            int np = 0;
            int na = 0;
            for (int q = 0; q < d.size(); q++) {
                double v = d.point(q)[i];
                int b = (int) Math.min(BINS - 1, Math.max(0, Math.floor((v - p.low()) / (p.high() - p.low()) * BINS)));
                prior[b]++;
                np++;
                if (accepted[q]) {
                    post[b]++;
                    na++;
                }
            }
            double max = 0;
            for (int b = 0; b < BINS; b++) {
                prior[b] /= Math.max(1, np);
                post[b] /= Math.max(1, na);
                max = Math.max(max, Math.max(prior[b], post[b]));
            }
            max = max == 0 ? 1 : max * 1.1;
            double bw = (double) w / BINS;
            for (int b = 0; b < BINS; b++) {
                double hp = prior[b] / max * h;
                g.setColor(PRIOR);
                g.fill(new Rectangle2D.Double(x0 + b * bw, y0 + h - hp, bw, hp));
                double ha = post[b] / max * h;
                g.setColor(new Color(POST.getRed(), POST.getGreen(), POST.getBlue(), 170));
                g.fill(new Rectangle2D.Double(x0 + b * bw + bw * 0.2, y0 + h - ha, bw * 0.6, ha));
            }
            Calibrate.ParamSummary s = ps.get(i);
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {4, 3}, 0));
            g.setColor(Color.BLACK);
            for (double v : new double[] {s.q05(), s.q95()}) {
                if (!Double.isNaN(v)) {
                    double x = x0 + (v - p.low()) / (p.high() - p.low()) * w;
                    g.draw(new Line2D.Double(x, y0, x, y0 + h));
                }
            }
            g.setStroke(new BasicStroke(2f));
            g.setColor(RECORD);
            if (!Double.isNaN(s.median())) {
                double x = x0 + (s.median() - p.low()) / (p.high() - p.low()) * w;
                g.draw(new Line2D.Double(x, y0, x, y0 + h));
            }
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.GRAY);
            g.drawLine(x0, y0 + h, x0 + w, y0 + h);
            g.setColor(Color.DARK_GRAY);
            g.setFont(BOLD);
            g.drawString(p.path(), x0, y0 - 8);
            g.setFont(FONT);
            g.drawString(Numbers.format(p.low()), x0, y0 + h + 15);
            String hi = Numbers.format(p.high());
            g.drawString(hi, x0 + w - g.getFontMetrics().stringWidth(hi), y0 + h + 15);
            String m = "median " + Report.sig(s.median(), 3, false) + ", 90% " + Report.sig(s.q05(), 3, false) + " to "
                    + Report.sig(s.q95(), 3, false);
            g.drawString(m, x0 + (w - g.getFontMetrics().stringWidth(m)) / 2, y0 + h + 32);
        }
        g.dispose();
        return img;
    }

    /** The pairwise scatter matrix: every design point (grey) and the accepted ones (blue); the diagonal names the parameter. */
    static BufferedImage pairs(Design d, boolean[] accepted) {
        int k = d.params().size();
        int cell = Math.max(110, Math.min(200, 900 / k));
        int m = 30;
        BufferedImage img = new BufferedImage(k * cell + 2 * m, k * cell + 2 * m + 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        g.setFont(BOLD);
        g.setColor(Color.DARK_GRAY);
        g.drawString("Accepted points (blue) among the design's (grey), each pair of parameters over its prior range", m, 20);
        g.setFont(FONT);
        int top = m + 20;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                int x0 = m + j * cell;
                int y0 = top + i * cell;
                g.setColor(new Color(235, 235, 235));
                g.drawRect(x0, y0, cell - 4, cell - 4);
                if (i == j) {
                    g.setColor(Color.DARK_GRAY);
                    drawWrapped(g, d.params().get(i).path(), x0 + 6, y0 + cell / 2 - 10, cell - 14);
                    continue;
                }
                for (int pass = 0; pass < 2; pass++) {
                    for (int q = 0; q < d.size(); q++) {
                        if ((pass == 1) != accepted[q]) {
                            continue;
                        }
                        double[] pt = d.point(q);
                        Design.Param px = d.params().get(j);
                        Design.Param py = d.params().get(i);
                        double x = x0 + 3 + (pt[j] - px.low()) / (px.high() - px.low()) * (cell - 10);
                        double y = y0 + cell - 7 - (pt[i] - py.low()) / (py.high() - py.low()) * (cell - 10);
                        g.setColor(pass == 0 ? PRIOR : POST);
                        double r = pass == 0 ? 1.6 : 2.4;
                        g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
                    }
                }
            }
        }
        g.dispose();
        return img;
    }

    private static void drawWrapped(Graphics2D g, String text, int x, int y, int width) {
        FontMetrics fm = g.getFontMetrics();
        String rest = text;
        int line = 0;
        while (!rest.isEmpty() && line < 4) {
            int cut = rest.length();
            while (cut > 1 && fm.stringWidth(rest.substring(0, cut)) > width) {
                int dot = rest.lastIndexOf('.', cut - 1);
                cut = dot > 0 ? dot + 1 : cut - 1;
            }
            g.drawString(rest.substring(0, cut), x, y + line * 15);
            rest = rest.substring(cut);
            line++;
        }
    }

    /** Per target: acceptance range (green), prior 90% band (grey), posterior 90% band and median (blue), calibrated mean. */
    static BufferedImage targets(List<Calibrate.TargetFit> fits) {
        int rowH = 30;
        int left = 290;
        int w = 560;
        int right = 320;
        int top = 70;
        BufferedImage img = new BufferedImage(left + w + right, top + fits.size() * rowH + 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        g.setFont(BOLD);
        g.setColor(Color.DARK_GRAY);
        g.drawString("Targets: the record (orange line) and the model, as discrepancies from the record in acceptance half-widths", 12, 22);
        g.setFont(FONT);
        g.drawString("green: acceptance range   grey: 90% of all runs of the design   blue: 90% of the accepted points' runs, dot at the"
                + " median   diamond: mean at the calibrated values", 12, 42);
        double lim = 4;
        double x0 = left;
        java.util.function.DoubleUnaryOperator sx = z -> x0 + (Math.max(-lim, Math.min(lim, z)) + lim) / (2 * lim) * w;
        g.setColor(ACCEPT);
        g.fill(new Rectangle2D.Double(sx.applyAsDouble(-1), top - 8, sx.applyAsDouble(1) - sx.applyAsDouble(-1), fits.size() * rowH));
        g.setColor(RECORD);
        g.setStroke(new BasicStroke(2f));
        g.draw(new Line2D.Double(sx.applyAsDouble(0), top - 8, sx.applyAsDouble(0), top - 8 + fits.size() * rowH));
        g.setStroke(new BasicStroke(1f));
        for (int i = 0; i < fits.size(); i++) {
            Calibrate.TargetFit f = fits.get(i);
            Calibrate.Goal goal = f.goal();
            double y = top + i * rowH + rowH / 2.0 - 8;
            g.setColor(Color.DARK_GRAY);
            String id = goal.id();
            while (g.getFontMetrics().stringWidth(id) > left - 20 && id.length() > 4) {
                id = id.substring(0, id.length() - 2);
            }
            g.drawString(id, 12, (float) y + 4);
            band(g, sx, goal.discrepancy(f.priorQ05()), goal.discrepancy(f.priorQ95()), y - 6, 4, PRIOR);
            band(g, sx, goal.discrepancy(f.q05()), goal.discrepancy(f.q95()), y + 2, 5, POST);
            if (!Double.isNaN(f.median())) {
                double x = sx.applyAsDouble(goal.discrepancy(f.median()));
                g.setColor(POST);
                g.fill(new Ellipse2D.Double(x - 4, y + 4.5 - 4, 8, 8));
            }
            if (!Double.isNaN(f.calibratedMean())) {
                double x = sx.applyAsDouble(goal.discrepancy(f.calibratedMean()));
                g.setColor(Color.BLACK);
                java.awt.geom.Path2D.Double dm = new java.awt.geom.Path2D.Double();
                dm.moveTo(x, y - 4);
                dm.lineTo(x + 5, y + 4.5);
                dm.lineTo(x, y + 13);
                dm.lineTo(x - 5, y + 4.5);
                dm.closePath();
                g.draw(dm);
            }
            g.setColor(Color.DARK_GRAY);
            String txt = "record " + Check.num(goal.record(), goal.share()) + ", model " + Check.num(f.median(), goal.share());
            g.drawString(txt, (float) (x0 + w + 12), (float) y + 4);
        }
        double axis = top - 8 + fits.size() * rowH + 8;
        g.setColor(Color.GRAY);
        g.draw(new Line2D.Double(x0, axis, x0 + w, axis));
        for (int z = -4; z <= 4; z++) {
            double x = sx.applyAsDouble(z);
            g.draw(new Line2D.Double(x, axis, x, axis + 4));
            String s = z == -4 ? "\u2264 -4" : z == 4 ? "\u2265 4" : Integer.toString(z);
            g.drawString(s, (float) (x - g.getFontMetrics().stringWidth(s) / 2.0), (float) axis + 18);
        }
        g.drawString("discrepancy (model - record) / acceptance half-width", (float) x0 + w / 2f - 150, (float) axis + 36);
        g.dispose();
        return img;
    }

    private static void band(Graphics2D g, java.util.function.DoubleUnaryOperator sx, double a, double b, double y, double h, Color c) {
        if (Double.isNaN(a) || Double.isNaN(b) || Double.isInfinite(a) && Double.isInfinite(b)) {
            return;
        }
        double xa = sx.applyAsDouble(Math.min(a, b));
        double xb = sx.applyAsDouble(Math.max(a, b));
        g.setColor(c);
        g.fill(new Rectangle2D.Double(xa, y, Math.max(2, xb - xa), h));
    }

    static void write(Path file, Calibrate.Result r, Calibrate.Source src, Design d, int reps, Calibrate.Options o, List<String> charts,
                      String date) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>JuriSim calibration</title>\n")
                .append("<style>\nbody{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:2em auto;max-width:1200px;"
                        + "padding:0 1em;color:#222;line-height:1.45}\ntable{border-collapse:collapse;font-size:0.9em;margin:1em 0}\n"
                        + "th,td{border-bottom:1px solid #ddd;padding:0.3em 0.6em;text-align:left;vertical-align:top}\n"
                        + "td.n{text-align:right;white-space:nowrap}\nth{background:#f4f4f4}\nimg{max-width:100%;border:1px solid #eee}\n"
                        + ".small{font-size:0.85em;color:#555}\n</style>\n</head>\n<body>\n");
        h.append("<h1>JuriSim calibration").append(src == null ? "" : ": " + esc(src.scenarioName())).append("</h1>\n");
        h.append("<p>").append(esc(date)).append(". Approximate Bayesian computation by rejection: the prior is uniform on each"
                + " parameter's range; ").append(esc(d.describe())).append(", ").append(reps).append(" replicate").append(reps == 1 ? "" : "s")
                .append(" per point with common random numbers (seed ").append(o.seed()).append("), ").append(r.runs()).append(" runs. ")
                .append(r.accepted()).append(" points accepted (").append(o.accept() != null ? "the nearest " + esc(Numbers.format(o.accept() * 100))
                        + "%" : "tolerance " + esc(Numbers.format(o.tolerance()))).append("): distance at most ")
                .append(esc(Numbers.format(r.tolerance()))).append(". A point's distance is the root mean square over the targets of"
                        + " (model mean &minus; record) / acceptance half-width, so 1 means on average at the end of the acceptance ranges."
                        + " The intervals are the accepted sample's 5th and 95th percentiles: they hold under the prior ranges and this"
                        + " tolerance, and narrow as the design grows and the tolerance shrinks.</p>\n");
        if (src != null && r.accepted() > 0) {
            h.append("<p>Calibrated scenario: <a href=\"").append(Calibrate.CALIBRATED).append("\">").append(Calibrate.CALIBRATED)
                    .append("</a> (extends ").append(esc(src.scenarioFile().toString())).append(" with the posterior medians); at these"
                            + " values the distance is ").append(esc(Numbers.format(r.calibratedDistance()))).append(".</p>\n");
        }
        h.append("<h2>Parameters</h2>\n<table>\n<tr><th>parameter</th><th>median</th><th>90% interval</th><th>prior range</th>"
                + "<th>interval / prior</th><th>calibrated value</th></tr>\n");
        for (Calibrate.ParamSummary p : r.params()) {
            h.append("<tr><td><code>").append(esc(p.param().path())).append("</code></td><td class=\"n\">").append(esc(Report.sig(p.median(), 4, false)))
                    .append("</td><td class=\"n\">").append(esc(Report.sig(p.q05(), 4, false))).append(" &ndash; ")
                    .append(esc(Report.sig(p.q95(), 4, false))).append("</td><td class=\"n\">").append(esc(Numbers.format(p.param().low())))
                    .append(" &ndash; ").append(esc(Numbers.format(p.param().high()))).append("</td><td class=\"n\">")
                    .append(esc(String.format(Locale.ROOT, "%.0f%%", 100 * p.widthShare()))).append("</td><td class=\"n\">")
                    .append(esc(ModelEvaluator.yamlNumber(p.calibrated(), p.param().integer()))).append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (String c : charts) {
            if (!c.endsWith("targets.png")) {
                h.append("<p><img src=\"").append(esc(c)).append("\" alt=\"").append(esc(c)).append("\"></p>\n");
            }
        }
        h.append("<h2>Targets</h2>\n<table>\n<tr><th>target</th><th>record</th><th>accept</th><th>model before (90% of runs)</th>"
                + "<th>model after: median</th><th>90% of runs</th><th>at the calibrated values</th></tr>\n");
        for (Calibrate.TargetFit f : r.targets()) {
            Calibrate.Goal g = f.goal();
            boolean sh = g.share();
            h.append("<tr><td>").append(esc(g.id())).append("</td><td class=\"n\">").append(esc(Check.num(g.record(), sh)))
                    .append("</td><td class=\"n\">").append(esc(Check.range(g.low(), g.high(), sh))).append("</td><td class=\"n\">")
                    .append(esc(Check.range(f.priorQ05(), f.priorQ95(), sh))).append("</td><td class=\"n\">")
                    .append(esc(Check.num(f.median(), sh))).append("</td><td class=\"n\">").append(esc(Check.range(f.q05(), f.q95(), sh)))
                    .append("</td><td class=\"n\">").append(esc(Check.num(f.calibratedMean(), sh))).append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (String c : charts) {
            if (c.endsWith("targets.png")) {
                h.append("<p><img src=\"").append(esc(c)).append("\" alt=\"targets\"></p>\n");
            }
        }
        h.append("<h2>Which targets constrain which parameters</h2>\n<p>Spearman rank correlation between each parameter and each"
                + " target's statistic (mean over replicates) over the design's points: near &plusmn;1, the target moves with the"
                + " parameter and so pins it down; near 0, it says little about it (alone: parameters may act together).</p>\n<table>\n<tr><th></th>");
        for (Calibrate.TargetFit f : r.targets()) {
            h.append("<th class=\"small\">").append(esc(f.goal().id())).append("</th>");
        }
        h.append("</tr>\n");
        for (int i = 0; i < r.params().size(); i++) {
            h.append("<tr><td><code>").append(esc(r.params().get(i).param().path())).append("</code></td>");
            for (int t = 0; t < r.targets().size(); t++) {
                double c = r.constraints()[i][t];
                h.append("<td class=\"n\" style=\"background:").append(String.format(Locale.ROOT, "rgba(%s,%.2f)", c >= 0 ? "0,114,178" : "213,94,0",
                        Double.isNaN(c) ? 0.0 : Math.abs(c) * 0.8))
                        .append("\">").append(Double.isNaN(c) ? "&ndash;" : String.format(Locale.ROOT, "%.2f", c)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<p class=\"small\">Files: runs.csv (every run), points.csv (per point: means, discrepancies, distance,"
                + " accepted), posterior.csv (the accepted points), parameters.csv, targets.csv, constraints.csv, manifest.json.</p>\n");
        h.append("</body>\n</html>\n");
        Files.writeString(file, h.toString(), StandardCharsets.UTF_8);
    }

    static String esc(String s) {
        return CheckReport.esc(s);
    }
}
