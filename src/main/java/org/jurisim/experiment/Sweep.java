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
import org.jfree.chart.JFreeChart;
import org.jurisim.common.BadInputException;
import org.jurisim.output.Csv;
import org.jurisim.output.Numbers;
import org.jurisim.output.RunDirectory;

/**
 * A parameter sweep: every point of a {@link Design}, each with R replicates (replicate r of every point uses the
 * same seed, {@link Seeds#replicate}(seed, r): common random numbers across points). Runs are streamed to
 * {@code sweep.csv} (one row per point and replicate: parameters, then outcomes) in a fixed order, whatever the
 * number of threads; an interrupted sweep resumes without redoing finished runs. Sobol designs get first-order and
 * total indices per outcome ({@code sobol.csv}, tornado charts); two-parameter grids get heat maps.
 *
 * <p>What is run at each point is an {@link Evaluator}: the model for {@code jurisim sweep}, or any function
 * (tests use the Ishigami function, whose indices are known, through this same code).
 */
public final class Sweep {

    static final String CSV = "sweep.csv";
    static final String SOBOL = "sobol.csv";
    static final String PARQUET = "sweep.parquet";

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

    /** What a sweep produced; {@code sobol} per outcome (Sobol designs only). */
    public record Result(Path directory, int points, int runs, List<String> outcomes, Map<String, SobolIndices.Result> sobol,
                         List<String> charts, int ran, int reused, boolean resumed, double wallSeconds) {
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
                double wall = (System.nanoTime() - t0) / 1e9;
                writeManifest(dir.work().resolve("manifest.json"), d, o, ev, a, started, wall, engine);
                dir.commit();
                return new Result(dir.target(), d.size(), total, outcomes, a.sobol, a.charts, oc.ran(), oc.reused(), dir.resumed(), wall);
            } catch (IOException | RuntimeException | Error | BadInputException e) {
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
                            u -> storePart(parts, u, row(d, r, o.seed(), u, outcomes(ev, d.point(u / r), r, o.seed(), u, outcomes.size()))),
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
    static double[] outcomes(Evaluator ev, double[] point, int r, long baseSeed, int u, int expected) throws Exception {
        int rep = u % r;
        double[] v = ev.evaluate(u / r, point, rep, Seeds.replicate(baseSeed, rep));
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
        row.append(p).append(',').append(rep).append(',').append(Seeds.replicate(baseSeed, rep));
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
        private final int r;
        private final long baseSeed;
        private final int outcomes;

        Task(Recipe recipe, Design d, int r, long baseSeed, int outcomes) {
            this.evaluator = new OncePerJvm<>(recipe::build);
            this.points = new double[d.size()][];
            for (int p = 0; p < d.size(); p++) {
                points[p] = d.point(p);
            }
            this.r = r;
            this.baseSeed = baseSeed;
            this.outcomes = outcomes;
        }

        @Override
        public double[] compute(int u) throws Exception {
            return outcomes(evaluator.get(), points[u / r].clone(), r, baseSeed, u, outcomes);
        }
    }

    private static final class Analysis {
        final Map<String, SobolIndices.Result> sobol = new LinkedHashMap<>();
        final List<String> charts = new ArrayList<>();
        String parquet;
    }

    /** Per-point means over replicates, read back from sweep.csv. */
    static double[][] pointMeans(Path csv, int points, int outcomes, int params) throws IOException {
        double[][] means = new double[points][outcomes];
        for (double[] row : means) {
            Arrays.fill(row, Double.NaN);
        }
        Mean[] acc = new Mean[outcomes];
        for (int k = 0; k < outcomes; k++) {
            acc[k] = new Mean();
        }
        int current = -1;
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",", -1);
                int p = Integer.parseInt(f[0]);
                if (p != current) {
                    flush(acc, means, current);
                    current = p;
                }
                for (int k = 0; k < outcomes; k++) {
                    String s = f[3 + params + k];
                    if (!s.isEmpty()) {
                        acc[k].increment(Double.parseDouble(s));
                    }
                }
            }
        }
        flush(acc, means, current);
        return means;
    }

    private static void flush(Mean[] acc, double[][] means, int point) {
        if (point >= 0) {
            for (int k = 0; k < acc.length; k++) {
                means[point][k] = acc[k].getN() == 0 ? Double.NaN : acc[k].getResult();
            }
        }
        for (Mean m : acc) {
            m.clear();
        }
    }

    private static Analysis analyze(Path work, Design d, int r, List<String> outcomes, Options o) throws IOException {
        Analysis a = new Analysis();
        int k = d.params().size();
        double[][] means = pointMeans(work.resolve(CSV), d.size(), outcomes.size(), k);
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
        String reps = r == 1 ? "1 run per point" : r + " replicates per point (means)";
        if (d.kind() == Design.Kind.SOBOL) {
            int n = d.samples();
            try (BufferedWriter w = Files.newBufferedWriter(work.resolve(SOBOL), StandardCharsets.UTF_8)) {
                w.append("outcome,parameter,first_order,first_order_ci95_low,first_order_ci95_high,total,total_ci95_low,total_ci95_high,"
                        + "base_samples,output_variance\n");
                for (int q = 0; q < outcomes.size(); q++) {
                    List<Integer> rows = new ArrayList<>();
                    for (int j = 0; j < n; j++) {
                        boolean ok = true;
                        for (int m = 0; m < k + 2; m++) {
                            ok &= !Double.isNaN(means[j * (k + 2) + m][q]);
                        }
                        if (ok) {
                            rows.add(j);
                        }
                    }
                    double[] fA = new double[rows.size()];
                    double[] fB = new double[rows.size()];
                    double[][] fAB = new double[k][rows.size()];
                    for (int x = 0; x < rows.size(); x++) {
                        int base = rows.get(x) * (k + 2);
                        fA[x] = means[base][q];
                        fB[x] = means[base + 1][q];
                        for (int i = 0; i < k; i++) {
                            fAB[i][x] = means[base + 2 + i][q];
                        }
                    }
                    SobolIndices.Result res = SobolIndices.analyze(fA, fB, fAB, o.bootstrap(), o.seed() ^ (q * 0x9E3779B97F4A7C15L));
                    a.sobol.put(outcomes.get(q), res);
                    for (int i = 0; i < k; i++) {
                        w.append(Csv.cell(outcomes.get(q))).append(',').append(Csv.cell(params.get(i))).append(',')
                                .append(Numbers.format(res.first()[i].value())).append(',').append(Numbers.format(res.first()[i].ciLow()))
                                .append(',').append(Numbers.format(res.first()[i].ciHigh())).append(',')
                                .append(Numbers.format(res.total()[i].value())).append(',').append(Numbers.format(res.total()[i].ciLow()))
                                .append(',').append(Numbers.format(res.total()[i].ciHigh())).append(',').append(Integer.toString(res.n()))
                                .append(',').append(Numbers.format(res.variance())).append('\n');
                    }
                }
            }
            for (String q : toChart) {
                SobolIndices.Result res = a.sobol.get(q);
                if (res == null || !(res.variance() > 0)) {
                    continue;
                }
                JFreeChart c = ExperimentCharts.tornado("Sensitivity of " + q, o.title() + "  \u00b7  Sobol indices, " + res.n()
                        + " base samples, " + reps + "  \u00b7  whiskers: bootstrap 95% CI", res, params);
                ExperimentCharts.write(c, work.resolve("charts").resolve("tornado-" + q));
                a.charts.add("charts/tornado-" + q + ".png");
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
                JFreeChart c = ExperimentCharts.heatmap(q, o.title() + "  \u00b7  " + d.samples() + " x " + d.samples() + " grid, " + reps,
                        params.get(0), params.get(1), levels.get(0), levels.get(1), z, q, MetricInfo.isShare(metric));
                ExperimentCharts.write(c, work.resolve("charts").resolve("heatmap-" + q));
                a.charts.add("charts/heatmap-" + q + ".png");
            }
        }
        return a;
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
        ObjectNode m = ExperimentDir.manifestHeader(o.commandLine());
        ObjectNode e = m.putObject("experiment");
        e.put("kind", "sweep");
        e.put("design", d.describe());
        e.put("replicates", o.replicates());
        e.put("runs", (long) d.size() * o.replicates());
        e.put("seed", o.seed());
        e.put("seed_derivation", "replicate r of every point runs with seed Seeds.replicate(seed, r) (common random numbers)");
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
        m.put("started_at", started.toString());
        m.put("finished_at", Instant.now().toString());
        m.put("wall_seconds", Math.round(wall * 1000) / 1000.0);
        ArrayNode files = m.putArray("outputs");
        files.add(CSV);
        if (d.kind() == Design.Kind.SOBOL) {
            files.add(SOBOL);
        }
        a.charts.forEach(files::add);
        if (a.parquet != null) {
            files.add(a.parquet);
        }
        ExperimentDir.writeJson(file, m);
    }
}
