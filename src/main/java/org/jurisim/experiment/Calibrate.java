package org.jurisim.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.jurisim.common.BadInputException;
import org.jurisim.output.Csv;
import org.jurisim.output.Numbers;
import org.jurisim.output.RunDirectory;

/**
 * Calibration by approximate Bayesian computation (rejection): the free parameters' prior is uniform on their
 * ranges; a space-filling {@link Design} (Latin hypercube, or the points of a Sobol/Saltelli design) samples it,
 * every point runs R replicates with common random numbers (replicate r of every point has seed
 * {@link Seeds#replicate}(seed, r)), and the points whose statistics lie nearest the record are accepted. The
 * distance of a point is the root mean square, over the targets, of each target's standardised discrepancy: the
 * replicates' mean minus the record, divided by the acceptance half-width on that side of the record (so a target's
 * discrepancy is 1 exactly at the end of its acceptance range). The accepted points are the ABC posterior sample;
 * its quantiles are the parameters' intervals.
 *
 * <p>The runs are a sweep's ({@link Sweep#execute}: journaled, resumable, the same bytes with any number of threads
 * or on Spark) and are written to {@code runs.csv}; the analysis is computed from that file alone.
 */
public final class Calibrate {

    static final String RUNS = "runs.csv";
    static final String POINTS = "points.csv";
    static final String POSTERIOR = "posterior.csv";
    static final String PARAMETERS = "parameters.csv";
    static final String FIT = "targets.csv";
    static final String CONSTRAINTS = "constraints.csv";
    static final String CALIBRATED = "calibrated.yaml";
    static final String REPORT = "report.html";
    static final String PARQUET = "runs.parquet";

    /** Default fraction of the design's points accepted. */
    public static final double DEFAULT_ACCEPT = 0.1;

    private Calibrate() {
    }

    /**
     * A figure of the record the calibration fits: the statistic named {@code id} among the evaluator's outcomes,
     * its value in the record and its acceptance range (which must hold the record).
     */
    public record Goal(String id, double record, double low, double high, boolean share, String description) {
        /** The standardised discrepancy of a model value: 0 at the record, 1 (or -1) at the end of the acceptance range. */
        public double discrepancy(double v) {
            if (Double.isNaN(v)) {
                return Double.POSITIVE_INFINITY;
            }
            double half = v >= record ? high - record : record - low;
            if (!(half > 0)) {
                half = (high - low) / 2;
            }
            if (!(half > 0)) {
                half = Math.max(Math.abs(record), 1e-12) * 1e-9;
            }
            return (v - record) / half;
        }

        static Goal of(Targets.Target t) {
            return new Goal(t.id(), t.record(), t.acceptLow(), t.acceptHigh(), t.share(), t.description());
        }
    }

    /** The scenario a model calibration starts from, for the calibrated scenario file (null for other evaluators). */
    public record Source(Path scenarioFile, String scenarioName, String targetsFile, List<String> overrides) {
        public Source {
            overrides = List.copyOf(overrides);
        }
    }

    /**
     * @param accept    fraction of the points accepted (the nearest), or null with {@code tolerance}
     * @param tolerance accept the points within this distance, or null with {@code accept}
     */
    public record Options(Design design, int replicates, int threads, long seed, Double accept, Double tolerance, boolean force,
                          boolean resume, List<String> commandLine, Progress progress) {
        public Options {
            commandLine = List.copyOf(commandLine);
            progress = progress == null ? Progress.NONE : progress;
            if ((accept == null) == (tolerance == null)) {
                throw new IllegalArgumentException("give an acceptance fraction or a tolerance, not both or neither");
            }
        }

        public static Options of(Design design, int replicates, int threads, long seed) {
            return new Options(design, replicates, threads, seed, DEFAULT_ACCEPT, null, false, true, List.of(), Progress.NONE);
        }

        public Options withAccept(Double a, Double t) {
            return new Options(design, replicates, threads, seed, a, t, force, resume, commandLine, progress);
        }

        public Options withResume(boolean r) {
            return new Options(design, replicates, threads, seed, accept, tolerance, force, r, commandLine, progress);
        }

        public Options withForce(boolean f) {
            return new Options(design, replicates, threads, seed, accept, tolerance, f, resume, commandLine, progress);
        }

        public Options withProgress(Progress p) {
            return new Options(design, replicates, threads, seed, accept, tolerance, force, resume, commandLine, p);
        }

        public Options withCommandLine(List<String> c) {
            return new Options(design, replicates, threads, seed, accept, tolerance, force, resume, c, progress);
        }
    }

    /** A parameter's posterior: median and 90% interval (5th and 95th percentiles of the accepted sample), and its prior range. */
    public record ParamSummary(Design.Param param, double median, double q05, double q95, double calibrated) {
        /** The 90% interval's width as a share of the prior range's. */
        public double widthShare() {
            return (q95 - q05) / (param.high() - param.low());
        }
    }

    /**
     * A target's fit: its values over all runs of the design (prior predictive) and over the runs of the accepted points
     * (posterior predictive: chance and parameter uncertainty), and the mean over replicates at the calibrated values.
     */
    public record TargetFit(Goal goal, double priorQ05, double priorMedian, double priorQ95, double median, double q05, double q95,
                            double calibratedMean) {
    }

    /** What a calibration produced. */
    public record Result(Path directory, int points, int runs, int accepted, double tolerance, List<ParamSummary> params,
                         List<TargetFit> targets, double[][] constraints, double calibratedDistance, int ran, boolean resumed,
                         double wallSeconds) {
    }

    /** A calibration of a scenario's model: the evaluator of its runs, the targets as goals, and the scenario. */
    public record ModelSetup(TargetEvaluator evaluator, List<Goal> goals, Source source, List<Design.Param> params, boolean defaultParams) {
        /** The scenario's own seed (the default base seed). */
        public long scenarioSeed() {
            return evaluator.model().base().seed();
        }

        public String scenarioName() {
            return evaluator.model().base().name();
        }

        public List<Targets.Target> targets() {
            return evaluator.targets();
        }

        public long days() {
            return evaluator.days();
        }
    }

    /**
     * Sets up the calibration of a scenario: its targets are {@code only} if given, else those of the targets file's
     * calibration entry for the scenario, else the measured targets that name it; its free parameters are
     * {@code params} if given, else the entry's.
     */
    public static ModelSetup model(Path scenario, List<String> overrides, Targets targets, List<String> only, List<Design.Param> params,
                                   int threads) throws BadInputException {
        Targets.Calibration cal = targets.calibrationFor(scenario);
        java.util.Map<String, Targets.Target> byId = new LinkedHashMap<>();
        targets.all().forEach(t -> byId.put(t.id(), t));
        List<Targets.Target> chosen = new ArrayList<>();
        List<org.jurisim.common.Problem> problems = new ArrayList<>();
        if (!only.isEmpty()) {
            for (String id : only) {
                Targets.Target t = byId.get(id);
                if (t == null) {
                    problems.add(new org.jurisim.common.Problem(new org.jurisim.common.Location("--only", 1, 1), "only",
                            "expected the id of a target of " + targets.file() + org.jurisim.common.Suggest.hint(id, byId.keySet())
                                    + ", found '" + id + "'"));
                } else if (!chosen.contains(t)) {
                    chosen.add(t);
                }
            }
        } else if (cal != null && !cal.targets().isEmpty()) {
            cal.targets().forEach(id -> chosen.add(byId.get(id)));
        } else {
            Path want = scenario.toAbsolutePath().normalize();
            for (Targets.Target t : targets.all()) {
                if (t.measured() && targets.scenarioPath(t).toAbsolutePath().normalize().equals(want)) {
                    chosen.add(t);
                }
            }
        }
        if (problems.isEmpty() && chosen.isEmpty()) {
            problems.add(new org.jurisim.common.Problem(new org.jurisim.common.Location(targets.file(), 1, 1), "targets",
                    "expected targets to calibrate " + scenario + " against, found none: no target names this scenario and the file has no"
                            + " 'calibration' entry for it; name targets with --only ID,..."));
        }
        boolean defaults = params.isEmpty();
        List<Design.Param> ps = params;
        if (defaults) {
            if (cal == null) {
                problems.add(new org.jurisim.common.Problem(new org.jurisim.common.Location("--param", 1, 1), "param",
                        "expected the free parameters (--param PATH=LOW:HIGH ...), found none, and " + targets.file()
                                + " has no 'calibration' entry for " + scenario));
            } else {
                ps = cal.params();
            }
        }
        int i = 0;
        for (Design.Param p : ps) {
            i++;
            if (!p.path().matches("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*")) {
                problems.add(new org.jurisim.common.Problem(defaults ? targets.locate(cal, "params[" + (i - 1) + "].path")
                        : new org.jurisim.common.Location("--param #" + i, 1, 1), "param", "expected the path of a scenario field"
                        + " (names joined by dots; the calibrated scenario sets it), found '" + p.path() + "'"));
            }
        }
        int j = 0;
        for (String ov : overrides) {
            j++;
            int eq = ov.indexOf('=');
            if (eq > 0 && !ov.substring(0, eq).trim().matches("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*")) {
                problems.add(new org.jurisim.common.Problem(new org.jurisim.common.Location("--set #" + j, 1, 1), "set",
                        "expected the path of a scenario field (names joined by dots; the calibrated scenario sets it), found '"
                                + ov.substring(0, eq).trim() + "'"));
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        ModelEvaluator model = ModelEvaluator.create(scenario, overrides, ps, null, List.of(), threads);
        TargetEvaluator ev = TargetEvaluator.create(model, targets, chosen);
        List<Goal> goals = chosen.stream().map(Goal::of).toList();
        return new ModelSetup(ev, goals, new Source(scenario, model.base().name(), targets.file(), overrides), ps, defaults);
    }

    /** Runs a calibration; the runs are computed by {@code engine} (null: this JVM's threads). */
    public static Result run(Sweep.Evaluator ev, List<Goal> goals, Source source, Path out, Options o, DistributedEngine engine)
            throws IOException, RunDirectory.ExistsException, BadInputException {
        if (engine != null && ev.recipe() == null) {
            throw new IllegalArgumentException("this evaluator cannot run on " + engine.describe() + " (it has no recipe)");
        }
        List<String> outcomes = ev.outcomeNames();
        int[] column = new int[goals.size()];
        for (int g = 0; g < goals.size(); g++) {
            column[g] = outcomes.indexOf(goals.get(g).id());
            if (column[g] < 0) {
                throw new IllegalArgumentException("no outcome " + goals.get(g).id());
            }
        }
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Design d = o.design();
        int r = o.replicates();
        int total = Math.multiplyExact(d.size(), r);
        ObjectNode settings = settings(ev, goals, o);
        try (ExperimentDir dir = ExperimentDir.open(out, o.force(), o.resume(), settings, o.progress()::note)) {
            try {
                Sweep.Options so = new Sweep.Options(d, r, o.threads(), o.seed(), 0, List.of(), o.force(), o.resume(), "calibration",
                        o.commandLine(), o.progress());
                OrderedExecutor.Outcome oc = Sweep.execute("Calibration", dir, dir.parts(), RUNS, d, r, total, ev, outcomes, so, engine);
                Path work = dir.work();
                String parquet = engine == null ? null : engine.writeParquet(work.resolve(RUNS), work.resolve(PARQUET));
                Analysis a = analyze(work.resolve(RUNS), d, r, goals, column, o);
                // the calibrated values' own runs: the same seeds as every point's replicates
                double[] calibrated = new double[d.params().size()];
                for (int i = 0; i < calibrated.length; i++) {
                    calibrated[i] = a.params.get(i).calibrated();
                }
                double[][] atCalibrated = new double[r][];
                for (int rep = 0; rep < r; rep++) {
                    try {
                        atCalibrated[rep] = ev.evaluate(-1, calibrated.clone(), rep, Seeds.replicate(o.seed(), rep));
                    } catch (IOException | RuntimeException | BadInputException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IOException(e);
                    }
                }
                double[] calMeans = new double[goals.size()];
                double ss = 0;
                for (int g = 0; g < goals.size(); g++) {
                    double[] v = new double[r];
                    for (int rep = 0; rep < r; rep++) {
                        v[rep] = atCalibrated[rep][column[g]];
                    }
                    calMeans[g] = mean(v);
                    double z = goals.get(g).discrepancy(calMeans[g]);
                    ss += z * z;
                }
                double calDistance = Math.sqrt(ss / goals.size());
                List<TargetFit> fits = new ArrayList<>();
                for (int g = 0; g < goals.size(); g++) {
                    TargetFit f = a.fits.get(g);
                    fits.add(new TargetFit(f.goal(), f.priorQ05(), f.priorMedian(), f.priorQ95(), f.median(), f.q05(), f.q95(), calMeans[g]));
                }
                writeFit(work.resolve(FIT), fits);
                List<String> charts = CalibrationReport.charts(work.resolve("charts"), d, a.means, a.accepted, a.params, fits);
                String date = LocalDate.ofInstant(started, ZoneOffset.UTC).toString();
                if (source != null && a.acceptedCount > 0) {
                    writeCalibrated(work.resolve(CALIBRATED), dir.target(), source, d, r, o, goals, a, fits, calDistance, date);
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                Result res = new Result(dir.target(), d.size(), total, a.acceptedCount, a.tolerance, a.params, fits, a.constraints,
                        calDistance, oc.ran(), dir.resumed(), wall);
                CalibrationReport.write(work.resolve(REPORT), res, source, d, r, o, charts, date);
                writeManifest(work.resolve("manifest.json"), d, o, ev, res, started, engine, source != null, parquet);
                dir.commit();
                return res;
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

    private static ObjectNode settings(Sweep.Evaluator ev, List<Goal> goals, Options o) {
        Design d = o.design();
        ObjectNode s = ExperimentDir.json().createObjectNode();
        s.put("kind", "calibration");
        s.put("design", d.kind().label());
        s.put("samples", d.samples());
        ArrayNode ps = s.putArray("params");
        for (Design.Param p : d.params()) {
            ps.addObject().put("path", p.path()).put("low", p.low()).put("high", p.high()).put("integer", p.integer());
        }
        s.put("replicates", o.replicates());
        s.put("seed", o.seed());
        ArrayNode gs = s.putArray("goals");
        for (Goal g : goals) {
            gs.addObject().put("id", g.id()).put("record", g.record()).put("low", g.low()).put("high", g.high());
        }
        s.set("evaluator", ev.settings());
        // the acceptance rule only changes the analysis, but a resumed run must state what it was started with
        if (o.accept() != null) {
            s.put("accept", o.accept());
        } else {
            s.put("tolerance", o.tolerance());
        }
        return s;
    }

    /** Everything computed from runs.csv. */
    private static final class Analysis {
        double[][] means;
        double[] distance;
        boolean[] accepted;
        int acceptedCount;
        double tolerance;
        List<ParamSummary> params;
        List<TargetFit> fits;
        double[][] constraints;
    }

    private static Analysis analyze(Path runs, Design d, int r, List<Goal> goals, int[] column, Options o) throws IOException {
        int k = d.params().size();
        int n = d.size();
        int outcomes = 0;
        List<double[]> rows = readRows(runs, k);
        for (double[] row : rows) {
            outcomes = row.length - 3 - k;
        }
        Analysis a = new Analysis();
        double[][] allMeans = Sweep.pointMeans(runs, n, outcomes, k);
        a.means = new double[n][goals.size()];
        a.distance = new double[n];
        for (int p = 0; p < n; p++) {
            double ss = 0;
            for (int g = 0; g < goals.size(); g++) {
                a.means[p][g] = allMeans[p][column[g]];
                double z = goals.get(g).discrepancy(a.means[p][g]);
                ss += z * z;
            }
            a.distance[p] = Math.sqrt(ss / goals.size());
        }
        // acceptance: the nearest fraction (ties broken by point number), or every point within the tolerance
        Integer[] order = new Integer[n];
        for (int p = 0; p < n; p++) {
            order[p] = p;
        }
        Arrays.sort(order, (x, y) -> {
            int c = Double.compare(a.distance[x], a.distance[y]);
            return c != 0 ? c : Integer.compare(x, y);
        });
        a.accepted = new boolean[n];
        if (o.accept() != null) {
            int want = Math.max(1, (int) Math.round(o.accept() * n));
            for (int i = 0; i < want && i < n && Double.isFinite(a.distance[order[i]]); i++) {
                a.accepted[order[i]] = true;
                a.acceptedCount++;
                a.tolerance = a.distance[order[i]];
            }
        } else {
            a.tolerance = o.tolerance();
            for (int p = 0; p < n; p++) {
                if (a.distance[p] <= o.tolerance()) {
                    a.accepted[p] = true;
                    a.acceptedCount++;
                }
            }
        }
        // the parameters' posterior
        a.params = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Design.Param p = d.params().get(i);
            double[] v = new double[a.acceptedCount];
            int c = 0;
            for (int q = 0; q < n; q++) {
                if (a.accepted[q]) {
                    v[c++] = d.point(q)[i];
                }
            }
            Arrays.sort(v);
            double med = Check.quantile(v, 0.5);
            double cal = Double.isNaN(med) ? (p.low() + p.high()) / 2 : p.integer() ? Math.rint(med) : med;
            a.params.add(new ParamSummary(p, med, Check.quantile(v, 0.05), Check.quantile(v, 0.95), cal));
        }
        // the targets: over every run, and over the accepted points' runs
        a.fits = new ArrayList<>();
        for (int g = 0; g < goals.size(); g++) {
            List<Double> all = new ArrayList<>();
            List<Double> acc = new ArrayList<>();
            for (double[] row : rows) {
                double v = row[3 + k + column[g]];
                if (Double.isNaN(v)) {
                    continue;
                }
                all.add(v);
                if (a.accepted[(int) row[0]]) {
                    acc.add(v);
                }
            }
            double[] av = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double[] pv = acc.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            a.fits.add(new TargetFit(goals.get(g), Check.quantile(av, 0.05), Check.quantile(av, 0.5), Check.quantile(av, 0.95),
                    Check.quantile(pv, 0.5), Check.quantile(pv, 0.05), Check.quantile(pv, 0.95), Double.NaN));
        }
        // which targets constrain which parameters: rank correlation over the design's points
        a.constraints = new double[k][goals.size()];
        for (int i = 0; i < k; i++) {
            for (int g = 0; g < goals.size(); g++) {
                List<double[]> xy = new ArrayList<>();
                for (int p = 0; p < n; p++) {
                    if (!Double.isNaN(a.means[p][g])) {
                        xy.add(new double[] {d.point(p)[i], a.means[p][g]});
                    }
                }
                a.constraints[i][g] = spearman(xy);
            }
        }
        Path work = runs.getParent();
        writePoints(work.resolve(POINTS), d, goals, a);
        writePosterior(work.resolve(POSTERIOR), d, a);
        writeParameters(work.resolve(PARAMETERS), a.params, a.acceptedCount);
        writeConstraints(work.resolve(CONSTRAINTS), d, goals, a.constraints);
        return a;
    }

    static double spearman(List<double[]> xy) {
        if (xy.size() < 3) {
            return Double.NaN;
        }
        double[] x = new double[xy.size()];
        double[] y = new double[xy.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = xy.get(i)[0];
            y[i] = xy.get(i)[1];
        }
        if (constant(x) || constant(y)) {
            return Double.NaN;
        }
        return new SpearmansCorrelation().correlation(x, y);
    }

    private static boolean constant(double[] v) {
        for (double x : v) {
            if (x != v[0]) {
                return false;
            }
        }
        return true;
    }

    private static double mean(double[] v) {
        double[] x = Stats.present(v);
        if (x.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double e : x) {
            s += e;
        }
        return s / x.length;
    }

    /** The rows of runs.csv as numbers (point, replicate, seed, parameters, outcomes; NaN for empty cells). */
    static List<double[]> readRows(Path csv, int params) throws IOException {
        List<double[]> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",", -1);
                double[] v = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    v[i] = f[i].isEmpty() ? Double.NaN : i == 2 ? Long.parseLong(f[i]) : Double.parseDouble(f[i]);
                }
                out.add(v);
            }
        }
        return out;
    }

    private static void writePoints(Path file, Design d, List<Goal> goals, Analysis a) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.append("point");
            d.params().forEach(p -> append(w, ',' + Csv.cell(p.path())));
            goals.forEach(g -> append(w, ',' + Csv.cell(g.id())));
            goals.forEach(g -> append(w, ',' + Csv.cell("z." + g.id())));
            w.append(",distance,accepted\n");
            for (int p = 0; p < d.size(); p++) {
                w.append(Integer.toString(p));
                for (double x : d.point(p)) {
                    w.append(',').append(Numbers.format(x));
                }
                for (double x : a.means[p]) {
                    w.append(',').append(Numbers.format(x));
                }
                for (int g = 0; g < goals.size(); g++) {
                    w.append(',').append(Numbers.format(goals.get(g).discrepancy(a.means[p][g])));
                }
                w.append(',').append(Numbers.format(a.distance[p])).append(',').append(a.accepted[p] ? "yes" : "no").append('\n');
            }
        }
    }

    private static void writePosterior(Path file, Design d, Analysis a) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.append("point,distance");
            d.params().forEach(p -> append(w, ',' + Csv.cell(p.path())));
            w.append('\n');
            for (int p = 0; p < d.size(); p++) {
                if (!a.accepted[p]) {
                    continue;
                }
                w.append(Integer.toString(p)).append(',').append(Numbers.format(a.distance[p]));
                double[] x = d.point(p);
                for (int i = 0; i < x.length; i++) {
                    w.append(',').append(ModelEvaluator.yamlNumber(x[i], d.params().get(i).integer()));
                }
                w.append('\n');
            }
        }
    }

    private static void writeParameters(Path file, List<ParamSummary> ps, int accepted) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.append("parameter,median,q05,q95,prior_low,prior_high,interval_share_of_prior,calibrated,accepted\n");
            for (ParamSummary p : ps) {
                w.append(Csv.cell(p.param().path())).append(',').append(Numbers.format(p.median())).append(',')
                        .append(Numbers.format(p.q05())).append(',').append(Numbers.format(p.q95())).append(',')
                        .append(Numbers.format(p.param().low())).append(',').append(Numbers.format(p.param().high())).append(',')
                        .append(Numbers.format(p.widthShare())).append(',')
                        .append(ModelEvaluator.yamlNumber(p.calibrated(), p.param().integer())).append(',')
                        .append(Integer.toString(accepted)).append('\n');
            }
        }
    }

    private static void writeFit(Path file, List<TargetFit> fits) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.append("target,record,accept_low,accept_high,prior_q05,prior_median,prior_q95,posterior_q05,posterior_median,posterior_q95,"
                    + "calibrated_mean,calibrated_within_accept,description\n");
            for (TargetFit f : fits) {
                Goal g = f.goal();
                boolean within = f.calibratedMean() >= g.low() && f.calibratedMean() <= g.high();
                w.append(Csv.cell(g.id())).append(',').append(Numbers.format(g.record())).append(',').append(Numbers.format(g.low()))
                        .append(',').append(Numbers.format(g.high())).append(',').append(Numbers.format(f.priorQ05())).append(',')
                        .append(Numbers.format(f.priorMedian())).append(',').append(Numbers.format(f.priorQ95())).append(',')
                        .append(Numbers.format(f.q05())).append(',').append(Numbers.format(f.median())).append(',')
                        .append(Numbers.format(f.q95())).append(',').append(Numbers.format(f.calibratedMean())).append(',')
                        .append(Double.isNaN(f.calibratedMean()) ? "" : within ? "yes" : "no").append(',')
                        .append(Csv.cell(g.description() == null ? "" : g.description())).append('\n');
            }
        }
    }

    private static void writeConstraints(Path file, Design d, List<Goal> goals, double[][] c) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.append("parameter,target,spearman\n");
            for (int i = 0; i < d.params().size(); i++) {
                for (int g = 0; g < goals.size(); g++) {
                    w.append(Csv.cell(d.params().get(i).path())).append(',').append(Csv.cell(goals.get(g).id())).append(',')
                            .append(Numbers.format(c[i][g])).append('\n');
                }
            }
        }
    }

    private static void append(BufferedWriter w, String s) {
        try {
            w.append(s);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes the calibrated scenario: the source scenario extended with the fitted values, and how they were obtained. */
    private static void writeCalibrated(Path file, Path target, Source src, Design d, int r, Options o, List<Goal> goals, Analysis a,
                                        List<TargetFit> fits, double calDistance, String date) throws IOException {
        Path scen = src.scenarioFile().toAbsolutePath().normalize();
        String rel = target.toAbsolutePath().normalize().relativize(scen).toString().replace('\\', '/');
        StringBuilder b = new StringBuilder();
        if (Files.isRegularFile(scen.resolveSibling("schema.json"))) {
            b.append("# yaml-language-server: $schema=").append(target.toAbsolutePath().normalize()
                    .relativize(scen.resolveSibling("schema.json")).toString().replace('\\', '/')).append("\n#\n");
        }
        b.append("# Calibrated: ").append(oneLine(src.scenarioName())).append(" (").append(oneLine(src.scenarioFile().toString()))
                .append(") with the values fitted by `jurisim calibrate` on ").append(date).append(".\n");
        b.append("# Method: approximate Bayesian computation by rejection. Prior: uniform on each range below. Design: ")
                .append(d.describe()).append(",\n# ").append(r).append(" replicate").append(r == 1 ? "" : "s")
                .append(" per point with common random numbers (seed ").append(o.seed()).append("), ").append(d.size() * (long) r)
                .append(" runs. Accepted: ").append(a.acceptedCount).append(" points (")
                .append(o.accept() != null ? "the nearest " + Numbers.format(o.accept() * 100) + "%" : "tolerance " + Numbers.format(o.tolerance()))
                .append("), distance at most ").append(Numbers.format(a.tolerance)).append(" (root mean square of the\n")
                .append("# targets' discrepancies, each divided by its acceptance half-width: 1 = at the end of the range).\n");
        b.append("# Targets (").append(oneLine(src.targetsFile())).append("): ");
        for (int g = 0; g < goals.size(); g++) {
            b.append(g == 0 ? "" : ", ").append(goals.get(g).id());
        }
        b.append(".\n# Values: the posterior median; in brackets the 90% interval (5th-95th percentiles of the accepted sample),\n")
                .append("# which holds under the prior ranges and the tolerance above, then the prior range.\n");
        for (ParamSummary p : a.params) {
            b.append("#   ").append(p.param().path()).append(": ").append(Numbers.format(p.median())).append(" [")
                    .append(Numbers.format(p.q05())).append(", ").append(Numbers.format(p.q95())).append("], prior [")
                    .append(Numbers.format(p.param().low())).append(", ").append(Numbers.format(p.param().high())).append("]\n");
        }
        b.append("# At these values (").append(r).append(" replicate").append(r == 1 ? "" : "s").append(", seed ").append(o.seed())
                .append("): distance ").append(Numbers.format(calDistance)).append("; target: model mean vs record [acceptance range]\n");
        for (TargetFit f : fits) {
            Goal g = f.goal();
            b.append("#   ").append(g.id()).append(": ").append(Numbers.format(f.calibratedMean())).append(" vs ")
                    .append(Numbers.format(g.record())).append(" [").append(Numbers.format(g.low())).append(", ")
                    .append(Numbers.format(g.high())).append("]\n");
        }
        b.append("name: ").append(ExperimentDir.json().writeValueAsString(src.scenarioName() + " (calibrated)")).append('\n');
        b.append("extends: ").append(ExperimentDir.json().writeValueAsString(rel)).append('\n');
        Map<String, Object> tree = new LinkedHashMap<>();
        for (String ov : src.overrides()) {
            int eq = ov.indexOf('=');
            String path = ov.substring(0, eq).trim();
            Map<String, Object> m = tree;
            String[] parts = path.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) m.computeIfAbsent(parts[i], x -> new LinkedHashMap<String, Object>());
                m = next;
            }
            m.put(parts[parts.length - 1], ov.substring(eq + 1).trim());
        }
        for (ParamSummary p : a.params) {
            String[] parts = p.param().path().split("\\.");
            Map<String, Object> m = tree;
            for (int i = 0; i < parts.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) m.computeIfAbsent(parts[i], x -> new LinkedHashMap<String, Object>());
                m = next;
            }
            m.put(parts[parts.length - 1], ModelEvaluator.yamlNumber(p.calibrated(), p.param().integer()));
        }
        yaml(b, tree, 0);
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    private static void yaml(StringBuilder b, Map<String, Object> m, int depth) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            b.append("  ".repeat(depth)).append(e.getKey()).append(':');
            if (e.getValue() instanceof Map<?, ?> sub) {
                b.append('\n');
                @SuppressWarnings("unchecked")
                Map<String, Object> s = (Map<String, Object>) sub;
                yaml(b, s, depth + 1);
            } else {
                b.append(' ').append(e.getValue()).append('\n');
            }
        }
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\p{Cntrl}]+", " ");
    }

    private static void writeManifest(Path file, Design d, Options o, Sweep.Evaluator ev, Result res, Instant started,
                                      DistributedEngine engine, boolean scenario, String parquet) throws IOException {
        Manifest mf = Manifest.of(o.commandLine());
        ObjectNode e = mf.node().putObject("experiment");
        e.put("kind", "calibration");
        e.put("method", "rejection ABC on the root mean square of standardised target discrepancies");
        e.put("design", d.describe());
        e.put("replicates", o.replicates());
        e.put("runs", res.runs());
        e.put("seed", o.seed());
        e.put("seed_derivation", "replicate r of every point (and of the calibrated values) runs with seed Seeds.replicate(seed, r)"
                + " (common random numbers)");
        if (o.accept() != null) {
            e.put("accept_fraction", o.accept());
        } else {
            e.put("tolerance", o.tolerance());
        }
        e.put("accepted", res.accepted());
        e.put("distance_threshold", res.tolerance());
        if (engine == null) {
            e.put("engine", "threads");
            e.put("threads", o.threads());
        } else {
            e.put("engine", engine.describe());
        }
        e.set("evaluator", ev.settings());
        List<String> files = new ArrayList<>(List.of(RUNS, POINTS, POSTERIOR, PARAMETERS, FIT, CONSTRAINTS, REPORT));
        if (scenario && res.accepted() > 0) {
            files.add(CALIBRATED);
        }
        if (parquet != null) {
            files.add(parquet);
        }
        mf.finish(started, res.wallSeconds(), files).write(file.getParent());
    }
}
