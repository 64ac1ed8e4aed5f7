package org.jurisim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.jfree.chart.JFreeChart;
import org.jurisim.common.BadInputException;
import org.jurisim.output.Charts;
import org.jurisim.output.Csv;
import org.jurisim.output.Numbers;
import org.jurisim.output.RunDirectory;

/**
 * A parameter sweep: every point of a {@link Design}, each with R replicates (replicate r of every point uses the
 * same seed, {@link Seeds#replicate}(seed, r): common random numbers across points; in a Saltelli design, across
 * the points of a block, see {@link Design#stream}). Runs are streamed to {@code sweep.csv} (one row per point and
 * replicate: parameters, then outcomes) in a fixed order, whatever the number of threads; an interrupted sweep
 * resumes without redoing finished runs. The sweep measures its own noise ({@link SweepNoise}, {@code noise.csv}).
 * Sobol designs get first-order and total indices per outcome with the dummy as noise floor ({@code sobol.csv},
 * tornado charts); two-parameter grids get heat maps with the noise on them; {@code report.html} gathers them with
 * plain warnings where a result is noise.
 *
 * <p>What is run at each point is an {@link Evaluator}: the model for {@code jurisim sweep}, or any function
 * (tests use the Ishigami function, whose indices are known, through this same code).
 */
public final class Sweep {

    static final String CSV = "sweep.csv";
    static final String SOBOL = "sobol.csv";
    static final String PARQUET = "sweep.parquet";
    static final String REPORT = "report.html";

    /** Runs one point of a sweep. Called from several threads at once. */
    public interface Evaluator {
        /** Names of the outcomes {@link #evaluate} returns, in order. */
        List<String> outcomeNames();

        /** Outcomes at point {@code point} (parameter values {@code values}) for replicate {@code replicate} with this seed. */
        double[] evaluate(int point, double[] values, int replicate, long seed) throws Exception;

        /** What identifies the evaluator, for resuming only the same experiment. */
        JsonNode settings();

        /** How to build this evaluator again in another JVM (a Spark executor); null when it cannot be. */
        default Recipe recipe() {
            return null;
        }
    }

    /** Builds an {@link Evaluator} in the JVM it is sent to; it carries everything the evaluator needs. */
    public interface Recipe extends Serializable {
        Evaluator build() throws Exception;
    }

    /**
     * @param chartOutcomes outcomes to chart (tornado, heat map); null: the time-averaged outcomes that vary
     */
    public record Options(Design design, int replicates, int threads, long seed, int bootstrap, List<String> chartOutcomes,
                          boolean force, boolean resume, String title, List<String> commandLine, Progress progress) {
        public Options {
            chartOutcomes = chartOutcomes == null ? null : List.copyOf(chartOutcomes);
            commandLine = List.copyOf(commandLine);
            progress = progress == null ? Progress.NONE : progress;
        }

        public static Options of(Design design, int replicates, int threads, long seed) {
            return new Options(design, replicates, threads, seed, 1000, null, false, true, "sweep", List.of(), Progress.NONE);
        }

        public Options withResume(boolean r) {
            return new Options(design, replicates, threads, seed, bootstrap, chartOutcomes, force, r, title, commandLine, progress);
        }

        public Options withForce(boolean f) {
            return new Options(design, replicates, threads, seed, bootstrap, chartOutcomes, f, resume, title, commandLine, progress);
        }

        public Options withProgress(Progress p) {
            return new Options(design, replicates, threads, seed, bootstrap, chartOutcomes, force, resume, title, commandLine, p);
        }

        public Options withBootstrap(int b) {
            return new Options(design, replicates, threads, seed, b, chartOutcomes, force, resume, title, commandLine, progress);
        }
    }

    /**
     * What a sweep produced: {@code sobol} per outcome (Sobol designs only; the last parameter of each result is the
     * dummy), the noise of every outcome, and plain warnings where a result is noise.
     */
    public record Result(Path directory, int points, int runs, List<String> outcomes, Map<String, SobolIndices.Result> sobol,
                         Map<String, SweepNoise.Noise> noise, List<String> warnings, List<String> charts, int ran, int reused,
                         boolean resumed, double wallSeconds) {
    }

    private Sweep() {
    }

    static String partName(int unit) {
        return String.format(Locale.ROOT, "u%08d", unit);
    }

    public static Result run(Evaluator ev, Path out, Options o) throws IOException, RunDirectory.ExistsException, BadInputException {
        return run(ev, out, o, null);
    }

    /**
     * Runs the sweep with its runs computed by {@code engine} (null: this JVM's threads, {@link Options#threads()}).
     * Every file is the same as with threads; the engine also writes {@code sweep.csv} as Parquet.
     */
    public static Result run(Evaluator ev, Path out, Options o, DistributedEngine engine)
            throws IOException, RunDirectory.ExistsException, BadInputException {
        if (engine != null && ev.recipe() == null) {
            throw new IllegalArgumentException("this evaluator cannot run on " + engine.describe() + " (it has no recipe)");
        }
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Design d = o.design();
        int r = o.replicates();
        int total = Math.multiplyExact(d.size(), r);
        ObjectNode settings = ExperimentDir.json().createObjectNode();
        settings.put("kind", "sweep");
        settings.put("design", d.kind().label());
        settings.put("samples", d.samples());
        ArrayNode ps = settings.putArray("params");
        for (Design.Param p : d.params()) {
            ps.addObject().put("path", p.path()).put("low", p.low()).put("high", p.high()).put("integer", p.integer());
        }
        settings.put("replicates", r);
        settings.put("seed", o.seed());
        ArrayNode on = settings.putArray("outcomes");
        ev.outcomeNames().forEach(on::add);
        settings.set("evaluator", ev.settings());
        try (ExperimentDir dir = ExperimentDir.open(out, o.force(), o.resume(), settings, o.progress()::note)) {
            Path parts = dir.parts();
            List<String> outcomes = ev.outcomeNames();
            try {
                OrderedExecutor.Outcome oc = execute("Sweep", dir, parts, CSV, d, r, total, ev, outcomes, o, engine);
                Analysis a = analyze(dir.work(), d, r, outcomes, o);
                if (engine != null) {
                    String parquet = engine.writeParquet(dir.work().resolve(CSV), dir.work().resolve(PARQUET));
                    if (parquet != null) {
                        a.parquet = parquet;
                    }
                }
                SweepReport.write(dir.work().resolve(REPORT), new SweepReport.Input(o.title(), d, r, o.seed(), outcomes, a.sobol,
                        a.noise, a.warnings, a.svgs, o.commandLine()));
                double wall = (System.nanoTime() - t0) / 1e9;
                writeManifest(dir.work().resolve("manifest.json"), d, o, ev, a, started, wall, engine);
                dir.commit();
                return new Result(dir.target(), d.size(), total, outcomes, a.sobol, a.noise, a.warnings, a.charts, oc.ran(), oc.reused(),
                        dir.resumed(), wall);
            } catch (IOException e) {
                throw dir.fail(e);
            } catch (java.io.UncheckedIOException e) {
                throw dir.fail(e.getCause());
            } catch (RuntimeException | Error | BadInputException e) {
                dir.fail(e.toString());
                throw e;
            }
        }
    }

    /**
     * Runs every unit of the design not yet in {@code csv} (the tidy table, journaled) and appends its row, in unit
     * order; also used by {@link Calibrate}, whose design runs are a sweep's. {@code what} names the experiment in the
     * progress bar and notes.
     */
    static OrderedExecutor.Outcome execute(String what, ExperimentDir dir, Path parts, String csv, Design d, int r, int total,
                                           Evaluator ev, List<String> outcomes, Options o, DistributedEngine engine)
            throws IOException, BadInputException {
        try (Journal journal = Journal.open(dir.work(), List.of(csv))) {
            int committed = journal.committed();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(parts)) {
                for (Path p : ds) {
                    String n = p.getFileName().toString();
                    if (n.endsWith(".tmp") || (n.matches("u[0-9]+") && Integer.parseInt(n.substring(1)) < committed)) {
                        Files.delete(p);
                    }
                }
            }
            if (committed > 0) {
                o.progress().note("resuming the interrupted " + what.toLowerCase(Locale.ROOT) + " in " + dir.work() + ": " + committed + " of " + total + " runs already done");
            }
            if (journal.size(csv) == 0) {
                StringBuilder h = new StringBuilder("point,replicate,seed");
                d.params().forEach(p -> h.append(',').append(Csv.cell(p.path())));
                outcomes.forEach(n -> h.append(',').append(Csv.cell(n)));
                journal.append(csv, h.append('\n'));
            }
            o.progress().start(what, total, committed);
            OrderedExecutor.Committer commit = u -> {
                Path part = parts.resolve(partName(u));
                journal.append(csv, Files.readString(part, StandardCharsets.UTF_8));
                journal.unitDone(u);
                Files.delete(part);
                int done = u + 1;
                o.progress().update(done, (done / r) + "/" + d.size() + " points");
                return true;
            };
            try {
                if (engine == null) {
                    return OrderedExecutor.run(committed, total, o.threads(), u -> Files.exists(parts.resolve(partName(u))),
                            u -> storePart(parts, u, row(d, r, o.seed(), u, outcomes(ev, d.point(u / r), d.stream(u / r), r, o.seed(), u,
                                    outcomes.size()))),
                            commit);
                }
                Task task = new Task(ev.recipe(), d, r, o.seed(), outcomes.size());
                return OrderedExecutor.runOn(engine, Math.max(16, 8 * engine.parallelism()), committed, total,
                        u -> Files.exists(parts.resolve(partName(u))), task,
                        (u, v) -> storePart(parts, u, row(d, r, o.seed(), u, v)), commit);
            } catch (IOException | RuntimeException | Error | BadInputException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            } finally {
                o.progress().finish();
            }
        }
    }

    /** The outcomes of unit {@code u} (point u / r, replicate u % r): what either engine computes. */
    static double[] outcomes(Evaluator ev, double[] point, long stream, int r, long baseSeed, int u, int expected) throws Exception {
        int rep = u % r;
        double[] v = ev.evaluate(u / r, point, rep, Seeds.replicate(baseSeed, stream, rep));
        if (v.length != expected) {
            throw new IllegalStateException("evaluator returned " + v.length + " outcomes, expected " + expected);
        }
        return v;
    }

    /** The sweep.csv row of unit {@code u}. */
    static String row(Design d, int r, long baseSeed, int u, double[] v) {
        int p = u / r;
        int rep = u % r;
        StringBuilder row = new StringBuilder();
        row.append(p).append(',').append(rep).append(',').append(Seeds.replicate(baseSeed, d.stream(p), rep));
        for (double x : d.point(p)) {
            row.append(',').append(Numbers.format(x));
        }
        for (double x : v) {
            row.append(',').append(Numbers.format(x));
        }
        return row.append('\n').toString();
    }

    /** Leaves unit {@code u}'s row where the committer finds it (atomically: a part file is whole or absent). */
    private static void storePart(Path parts, int u, String row) throws IOException {
        Path tmp = parts.resolve(partName(u) + ".tmp");
        Files.writeString(tmp, row, StandardCharsets.UTF_8);
        Files.move(tmp, parts.resolve(partName(u)), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * A sweep's work as a distributed engine runs it: the evaluator's recipe and the design's points; each JVM
     * builds the evaluator once (the task is shipped once per JVM, see {@link DistributedEngine#compute}).
     */
    static final class Task implements DistributedEngine.UnitTask<double[]> {
        private static final long serialVersionUID = 1L;
        private final OncePerJvm<Evaluator> evaluator;
        private final double[][] points;
        private final long[] streams;
        private final int r;
        private final long baseSeed;
        private final int outcomes;

        Task(Recipe recipe, Design d, int r, long baseSeed, int outcomes) {
            this.evaluator = new OncePerJvm<>(recipe::build);
            this.points = new double[d.size()][];
            this.streams = new long[d.size()];
            for (int p = 0; p < d.size(); p++) {
                points[p] = d.point(p);
                streams[p] = d.stream(p);
            }
            this.r = r;
            this.baseSeed = baseSeed;
            this.outcomes = outcomes;
        }

        @Override
        public double[] compute(int u) throws Exception {
            return outcomes(evaluator.get(), points[u / r].clone(), streams[u / r], r, baseSeed, u, outcomes);
        }
    }

    private static final class Analysis {
        final Map<String, SobolIndices.Result> sobol = new LinkedHashMap<>();
        final Map<String, SweepNoise.Noise> noise = new LinkedHashMap<>();
        final List<String> warnings = new ArrayList<>();
        final List<String> charts = new ArrayList<>();
        final List<SweepReport.Chart> svgs = new ArrayList<>();
        String parquet;
    }

    /** Per point and outcome, the mean and the sample variance of its replicates (NaN: no value; variance NaN when R = 1). */
    record PointStats(double[][] means, double[][] variances) {
    }

    /** Per-point means over replicates, read back from sweep.csv. */
    static double[][] pointMeans(Path csv, int points, int outcomes, int params) throws IOException {
        return pointStats(csv, points, outcomes, params).means();
    }

    /** Per-point means and variances over replicates, read back from sweep.csv. */
    static PointStats pointStats(Path csv, int points, int outcomes, int params) throws IOException {
        double[][] means = new double[points][outcomes];
        double[][] vars = new double[points][outcomes];
        for (int p = 0; p < points; p++) {
            Arrays.fill(means[p], Double.NaN);
            Arrays.fill(vars[p], Double.NaN);
        }
        Mean[] acc = new Mean[outcomes];
        Variance[] var = new Variance[outcomes];
        for (int k = 0; k < outcomes; k++) {
            acc[k] = new Mean();
            var[k] = new Variance(true);
        }
        int current = -1;
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",", -1);
                int p = Integer.parseInt(f[0]);
                if (p != current) {
                    flush(acc, var, means, vars, current);
                    current = p;
                }
                for (int k = 0; k < outcomes; k++) {
                    String s = f[3 + params + k];
                    if (!s.isEmpty()) {
                        double v = Double.parseDouble(s);
                        if (!Double.isNaN(v)) {
                            acc[k].increment(v);
                            var[k].increment(v);
                        }
                    }
                }
            }
        }
        flush(acc, var, means, vars, current);
        return new PointStats(means, vars);
    }

    private static void flush(Mean[] acc, Variance[] var, double[][] means, double[][] vars, int point) {
        if (point >= 0) {
            for (int k = 0; k < acc.length; k++) {
                means[point][k] = acc[k].getN() == 0 ? Double.NaN : acc[k].getResult();
                vars[point][k] = acc[k].getN() < 2 ? Double.NaN : var[k].getResult();
            }
        }
        for (int k = 0; k < acc.length; k++) {
            acc[k].clear();
            var[k].clear();
        }
    }

    static final String NOISE = "noise.csv";

    private static Analysis analyze(Path work, Design d, int r, List<String> outcomes, Options o) throws IOException {
        Analysis a = new Analysis();
        int k = d.params().size();
        PointStats stats = pointStats(work.resolve(CSV), d.size(), outcomes.size(), k);
        double[][] means = stats.means();
        List<String> toChart = o.chartOutcomes();
        if (toChart == null) {
            toChart = new ArrayList<>();
            for (int q = 0; q < outcomes.size(); q++) {
                if (!outcomes.get(q).endsWith(Outcomes.END) && varies(means, q)) {
                    toChart.add(outcomes.get(q));
                }
            }
        }
        List<String> params = d.params().stream().map(Design.Param::path).toList();
        List<String> withDummy = new ArrayList<>(params);
        withDummy.add(Design.DUMMY);
        String reps = r == 1 ? "1 run per point" : r + " replicates per point (means)";
        int per = d.perBlock();
        boolean sobol = d.kind() == Design.Kind.SOBOL;
        // the noise of every outcome
        for (int q = 0; q < outcomes.size(); q++) {
            double[] m = new double[d.size()];
            double[] v = new double[d.size()];
            for (int p = 0; p < d.size(); p++) {
                m[p] = means[p][q];
                v[p] = stats.variances()[p][q];
            }
            double reseed = Double.NaN;
            if (sobol) {
                double[] fA = new double[d.samples()];
                double[] fD = new double[d.samples()];
                for (int j = 0; j < d.samples(); j++) {
                    fA[j] = means[j * per][q];
                    fD[j] = means[j * per + 2 + k][q];
                }
                reseed = SweepNoise.reseedSd(fA, fD);
            }
            a.noise.put(outcomes.get(q), SweepNoise.of(outcomes.get(q), r, m, v, reseed));
        }
        try (BufferedWriter w = Files.newBufferedWriter(work.resolve(NOISE), StandardCharsets.UTF_8)) {
            w.append("outcome,replicates,points,replicate_sd_pooled,reseed_sd,noise_sd_of_point_mean,noise_ci95_half_width,"
                    + "point_means_sd,noise_share,anova_p,verdict\n");
            for (SweepNoise.Noise n : a.noise.values()) {
                w.append(Csv.cell(n.outcome())).append(',').append(Integer.toString(n.replicates())).append(',')
                        .append(Integer.toString(n.points())).append(',').append(Numbers.format(n.pooledSd())).append(',')
                        .append(Numbers.format(n.reseedSd())).append(',').append(Numbers.format(n.seMean())).append(',')
                        .append(Numbers.format(n.halfWidth())).append(',').append(Numbers.format(n.spreadSd())).append(',')
                        .append(Numbers.format(n.noiseShare())).append(',').append(Numbers.format(n.anovaP())).append(',')
                        .append(n.verdict()).append('\n');
            }
        }
        if (r == 1 && !sobol) {
            a.warnings.add("One run per point: this sweep cannot measure its own noise, so no difference it shows can be told from"
                    + " chance. Run it with --replicates 3 or more.");
        }
        List<String> sobolWarnings = new ArrayList<>();
        if (sobol) {
            int n = d.samples();
            try (BufferedWriter w = Files.newBufferedWriter(work.resolve(SOBOL), StandardCharsets.UTF_8)) {
                w.append("outcome,parameter,first_order,first_order_ci95_low,first_order_ci95_high,total,total_ci95_low,total_ci95_high,"
                        + "base_samples,output_variance,total_minus_dummy,total_minus_dummy_ci95_low,total_minus_dummy_ci95_high,"
                        + "above_dummy,first_order_half_samples,total_half_samples,note\n");
                for (int q = 0; q < outcomes.size(); q++) {
                    List<Integer> rows = new ArrayList<>();
                    for (int j = 0; j < n; j++) {
                        boolean ok = true;
                        for (int m = 0; m < per; m++) {
                            ok &= !Double.isNaN(means[j * per + m][q]);
                        }
                        if (ok) {
                            rows.add(j);
                        }
                    }
                    double[] fA = new double[rows.size()];
                    double[] fB = new double[rows.size()];
                    double[][] fAB = new double[k + 1][rows.size()];
                    for (int x = 0; x < rows.size(); x++) {
                        int base = rows.get(x) * per;
                        fA[x] = means[base][q];
                        fB[x] = means[base + 1][q];
                        for (int i = 0; i <= k; i++) {
                            fAB[i][x] = means[base + 2 + i][q];
                        }
                    }
                    SobolIndices.Result res = SobolIndices.analyze(fA, fB, fAB, k, o.bootstrap(), o.seed() ^ (q * 0x9E3779B97F4A7C15L));
                    a.sobol.put(outcomes.get(q), res);
                    for (int i = 0; i <= k; i++) {
                        String note = SobolIndices.note(res.first()[i]);
                        String noteT = SobolIndices.note(res.total()[i]);
                        String both = note.equals(noteT) ? note : note.isEmpty() ? "total: " + noteT
                                : noteT.isEmpty() ? "first-order: " + note : "first-order: " + note + "; total: " + noteT;
                        w.append(Csv.cell(outcomes.get(q))).append(',').append(Csv.cell(withDummy.get(i))).append(',')
                                .append(Numbers.format(res.first()[i].value())).append(',').append(Numbers.format(res.first()[i].ciLow()))
                                .append(',').append(Numbers.format(res.first()[i].ciHigh())).append(',')
                                .append(Numbers.format(res.total()[i].value())).append(',').append(Numbers.format(res.total()[i].ciLow()))
                                .append(',').append(Numbers.format(res.total()[i].ciHigh())).append(',').append(Integer.toString(res.n()))
                                .append(',').append(Numbers.format(res.variance())).append(',')
                                .append(Numbers.format(res.excess()[i].value())).append(',').append(Numbers.format(res.excess()[i].ciLow()))
                                .append(',').append(Numbers.format(res.excess()[i].ciHigh())).append(',')
                                .append(i == k ? "" : Boolean.toString(res.aboveDummy(i))).append(',')
                                .append(Numbers.format(res.firstHalf()[i])).append(',').append(Numbers.format(res.totalHalf()[i])).append(',')
                                .append(Csv.cell(both)).append('\n');
                    }
                }
            }
            sobolWarnings.addAll(sobolWarnings(a.sobol, params, n));
            for (String q : toChart) {
                SobolIndices.Result res = a.sobol.get(q);
                if (res == null || !(res.variance() > 0)) {
                    continue;
                }
                JFreeChart c = SweepCharts.tornado("Sensitivity of " + q, o.title() + "  \u00b7  Sobol indices, " + res.n()
                        + " base samples, " + reps + "  \u00b7  whiskers: bootstrap 95% CI  \u00b7  dashed: the dummy's total index (noise floor)",
                        res, withDummy);
                ExperimentCharts.write(c, work.resolve("charts").resolve("tornado-" + q));
                a.charts.add("charts/tornado-" + q + ".png");
                a.svgs.add(new SweepReport.Chart(q, "tornado", ExperimentCharts.svg(c, "t" + a.svgs.size(), Charts.WIDTH, Charts.HEIGHT)));
            }
        } else if (d.kind() == Design.Kind.GRID && k == 2) {
            List<double[]> levels = d.levels();
            for (String q : toChart) {
                int qi = outcomes.indexOf(q);
                double[][] z = new double[d.samples()][d.samples()];
                for (double[] row : z) {
                    Arrays.fill(row, Double.NaN);
                }
                for (int p = 0; p < d.size(); p++) {
                    int[] c = d.cell(p);
                    z[c[0]][c[1]] = means[p][qi];
                }
                String metric = Outcomes.parse(q).metric();
                SweepNoise.Noise nz = a.noise.get(q);
                String noise = nz.measured() ? "  \u00b7  \u00b1 noise (95%, pooled replicate spread): " + Report.sig(nz.halfWidth(), 2, MetricInfo.isShare(metric))
                        + (nz.verdict().equals("signal") ? "" : "  \u00b7  " + nz.verdict().toUpperCase(Locale.ROOT))
                        : "  \u00b7  noise not measured (1 run per cell)";
                JFreeChart c = SweepCharts.heatmap(q, o.title() + "  \u00b7  " + d.samples() + " x " + d.samples() + " grid, " + reps + noise,
                        params.get(0), params.get(1), levels.get(0), levels.get(1), z, q, MetricInfo.isShare(metric), nz.halfWidth());
                ExperimentCharts.write(c, work.resolve("charts").resolve("heatmap-" + q));
                a.charts.add("charts/heatmap-" + q + ".png");
                a.svgs.add(new SweepReport.Chart(q, "heatmap", ExperimentCharts.svg(c, "h" + a.svgs.size(), Charts.WIDTH, Charts.HEIGHT)));
            }
        }
        for (String q : toChart) {
            String w = a.noise.get(q).warning();
            if (w != null && r > 1 || w != null && sobol) {
                a.warnings.add(w);
            }
        }
        // nothing moved, noise, then convergence and impossible values
        List<String> notSensitive = sobolWarnings.stream().filter(x -> x.contains("not sensitive")).toList();
        a.warnings.addAll(0, notSensitive);
        sobolWarnings.stream().filter(x -> !x.contains("not sensitive")).forEach(a.warnings::add);
        return a;
    }

    /** Plain warnings where Sobol indices are noise: nothing above the dummy, impossible values, no convergence. */
    static List<String> sobolWarnings(Map<String, SobolIndices.Result> sobol, List<String> params, int n) {
        List<String> flat = new ArrayList<>();
        List<String> impossibleValues = new ArrayList<>();
        List<String> unconverged = new ArrayList<>();
        for (Map.Entry<String, SobolIndices.Result> e : sobol.entrySet()) {
            SobolIndices.Result res = e.getValue();
            if (!(res.variance() > 0) || e.getKey().endsWith(Outcomes.END)) {
                continue;
            }
            int k = params.size();
            List<String> above = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                if (res.aboveDummy(i)) {
                    above.add(params.get(i));
                }
            }
            if (above.isEmpty()) {
                flat.add(e.getKey() + ": not sensitive to any swept parameter: no total index is above the dummy's (the noise floor,"
                        + " ST " + Report.sig(res.total()[k].value(), 2, false) + "); what varies is noise.");
            }
            int impossible = 0;
            for (int i = 0; i <= k; i++) {
                for (SobolIndices.Index x : new SobolIndices.Index[] {res.first()[i], res.total()[i]}) {
                    if (x.value() < 0 || x.value() > 1) {
                        impossible++;
                    }
                }
            }
            if (impossible > 0) {
                impossibleValues.add(e.getKey() + " (" + impossible + ")");
            }
            if (!res.converged() && !Double.isNaN(res.convergenceGap())) {
                unconverged.add(e.getKey() + " (" + Report.sig(res.convergenceGap(), 2, false) + ")");
            }
        }
        List<String> out = new ArrayList<>(flat);
        if (!unconverged.isEmpty()) {
            out.add("Indices not converged (they moved by more than " + Report.sig(SobolIndices.CONVERGED, 2, false) + " between "
                    + (n / 2) + " and " + n + " base samples; use more --samples): " + String.join(", ", unconverged) + ".");
        }
        if (!impossibleValues.isEmpty()) {
            out.add("Indices below 0 or above 1 (estimator variance, not a share of variance; more --samples or --replicates narrow"
                    + " it), how many: " + String.join(", ", impossibleValues) + ".");
        }
        return out;
    }

    private static boolean varies(double[][] means, int q) {
        double first = Double.NaN;
        for (double[] row : means) {
            double v = row[q];
            if (Double.isNaN(v)) {
                continue;
            }
            if (Double.isNaN(first)) {
                first = v;
            } else if (v != first) {
                return true;
            }
        }
        return false;
    }

    private static void writeManifest(Path file, Design d, Options o, Evaluator ev, Analysis a, Instant started, double wall,
                                      DistributedEngine engine) throws IOException {
        Manifest mf = Manifest.of(o.commandLine());
        ObjectNode e = mf.node().putObject("experiment");
        e.put("kind", "sweep");
        e.put("design", d.describe());
        e.put("replicates", o.replicates());
        e.put("runs", (long) d.size() * o.replicates());
        e.put("seed", o.seed());
        e.put("seed_derivation", d.kind() == Design.Kind.SOBOL
                ? "replicate r of a point runs with seed Seeds.replicate(seed, stream, r), the stream picked by the point's dummy value:"
                + " A and its A_B^(i) share their random numbers, A_B^(dummy) and B use B's (common random numbers within a block)"
                : "replicate r of every point runs with seed Seeds.replicate(seed, r) (common random numbers)");
        if (engine == null) {
            e.put("engine", "threads");
            e.put("threads", o.threads());
        } else {
            e.put("engine", engine.describe());
        }
        e.put("bootstrap", o.bootstrap());
        ArrayNode ps = e.putArray("params");
        for (Design.Param p : d.params()) {
            ps.addObject().put("path", p.path()).put("low", p.low()).put("high", p.high()).put("integer", p.integer());
        }
        e.set("evaluator", ev.settings());
        List<String> files = new ArrayList<>();
        files.add(CSV);
        files.add(NOISE);
        files.add(REPORT);
        if (d.kind() == Design.Kind.SOBOL) {
            files.add(SOBOL);
        }
        a.charts.forEach(files::add);
        if (a.parquet != null) {
            files.add(a.parquet);
        }
        mf.finish(started, wall, files).write(file.getParent());
    }
}
