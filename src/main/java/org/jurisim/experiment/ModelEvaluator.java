package org.jurisim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Problem;
import org.jurisim.metrics.MetricDef;
import org.jurisim.metrics.MetricsSink;
import org.jurisim.model.JuriSimModel;
import org.jurisim.scenario.Limits;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioBundle;
import org.jurisim.scenario.ScenarioLoader;

/**
 * Runs the model at a sweep point: the scenario file with the {@code --set} overrides and the point's parameter
 * values (as further overrides), with the replicate's seed. Outcomes are the end and time-averaged values of the
 * selected metrics (full precision daily values).
 */
public final class ModelEvaluator implements Sweep.Evaluator {

    private final Path file;
    private final List<String> overrides;
    private final List<Design.Param> params;
    private final Long days;
    private final List<String> metrics;
    private final List<String> outcomeNames;
    private final Scenario base;
    private final ScenarioBundle bundle;
    private final Map<Integer, Scenario> cache;

    private ModelEvaluator(Path file, List<String> overrides, List<Design.Param> params, Long days, List<String> metrics,
                           Scenario base, ScenarioBundle bundle, int cacheSize) {
        this.file = file;
        this.bundle = bundle;
        this.overrides = List.copyOf(overrides);
        this.params = List.copyOf(params);
        this.days = days;
        this.metrics = List.copyOf(metrics);
        List<String> names = new ArrayList<>();
        for (String m : metrics) {
            names.add(Outcomes.end(m));
            names.add(Outcomes.avg(m));
        }
        this.outcomeNames = List.copyOf(names);
        this.base = base;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Scenario> e) {
                return size() > cacheSize;
            }
        };
    }

    /**
     * Checks the scenario and the parameters (each at its low and high value) and finds the metrics.
     *
     * @param metricPatterns metric names or patterns with * (empty: all metrics)
     */
    public static ModelEvaluator create(Path file, List<String> overrides, List<Design.Param> params, Long days,
                                        List<String> metricPatterns, int threads) throws BadInputException {
        ScenarioBundle.Captured captured = ScenarioBundle.capture(file, overrides, Limits.DEFAULT);
        Scenario base = captured.scenario();
        List<Problem> problems = new ArrayList<>();
        java.util.Set<String> reported = new java.util.HashSet<>();
        for (double[] corner : new double[][] {lows(params), highs(params)}) {
            try {
                ScenarioLoader.load(file, with(overrides, params, corner));
            } catch (BadInputException e) {
                for (Problem p : e.problems()) {
                    Problem q = asParam(p, overrides.size());
                    // a parameter wrong at both corners is one problem, reported once (at its first corner)
                    if (reported.add(q.location().file() + "\u0000" + q.path() + (q == p ? "\u0000" + q.message() : ""))) {
                        problems.add(q);
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        List<String> metrics = Compare.select(MetricProbe.names(base), metricPatterns);
        return new ModelEvaluator(file, overrides, params, days, metrics, base, captured.bundle(), Math.max(8, 4 * threads));
    }

    /** Rebuilds the evaluator from the scenario's files in another JVM (already checked where the sweep started). */
    private record ModelRecipe(ScenarioBundle bundle, List<Design.Param> params, Long days, List<String> metrics)
            implements Sweep.Recipe {
        private static final long serialVersionUID = 1L;

        ModelRecipe {
            params = List.copyOf(params);
            metrics = List.copyOf(metrics);
        }

        @Override
        public Sweep.Evaluator build() throws BadInputException {
            Path file = bundle.materialize();
            Scenario base = bundle.load();
            return new ModelEvaluator(file, bundle.overrides(), params, days, metrics, base, bundle,
                    Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));
        }
    }

    @Override
    public Sweep.Recipe recipe() {
        return new ModelRecipe(bundle, params, days, metrics);
    }

    private static double[] lows(List<Design.Param> ps) {
        return ps.stream().mapToDouble(Design.Param::low).toArray();
    }

    private static double[] highs(List<Design.Param> ps) {
        return ps.stream().mapToDouble(Design.Param::high).toArray();
    }

    /**
     * A problem with the override a parameter became ({@code --set #K}, K past the user's own {@code --set} options),
     * told as the {@code --param} option the user wrote: {@code --param #N}, at the same column (both read PATH=...).
     */
    static Problem asParam(Problem p, int fixed) {
        String f = p.location().file();
        if (!f.startsWith("--set #")) {
            return p;
        }
        int k;
        try {
            k = Integer.parseInt(f.substring("--set #".length()));
        } catch (NumberFormatException e) {
            return p;
        }
        if (k <= fixed) {
            return p;
        }
        return new Problem(new org.jurisim.common.Location("--param #" + (k - fixed), p.location().line(), p.location().column()),
                p.path(), p.message());
    }

    /** The overrides for a point: the fixed ones, then one per parameter. */
    static List<String> with(List<String> overrides, List<Design.Param> params, double[] values) {
        List<String> all = new ArrayList<>(overrides);
        for (int i = 0; i < params.size(); i++) {
            all.add(params.get(i).path() + "=" + yamlNumber(values[i], params.get(i).integer()));
        }
        return all;
    }

    /** A number as YAML reads it back exactly (no exponent, which YAML 1.1 may read as text). */
    static String yamlNumber(double v, boolean integer) {
        if (integer) {
            return Long.toString(Math.round(v));
        }
        String s = BigDecimal.valueOf(v).toPlainString();
        return s.contains(".") ? s : s + ".0";
    }

    /** The scenario file. */
    public Path file() {
        return file;
    }

    public List<String> overrides() {
        return overrides;
    }

    public List<Design.Param> params() {
        return params;
    }

    /** The scenario (base seed) with the overrides and no parameter applied. */
    public Scenario base() {
        return base;
    }

    public List<String> metrics() {
        return metrics;
    }

    @Override
    public List<String> outcomeNames() {
        return outcomeNames;
    }

    @Override
    public JsonNode settings() {
        ObjectNode n = ExperimentDir.json().createObjectNode();
        n.put("scenario_file", file.toAbsolutePath().normalize().toString());
        ArrayNode o = n.putArray("overrides");
        overrides.forEach(o::add);
        if (days != null) {
            n.put("days", days);
        }
        n.set("scenario", base.resolved());
        return n;
    }

    /** The scenario of point {@code point} (cached by point: a point number names one set of values). */
    Scenario scenario(int point, double[] values) throws BadInputException {
        synchronized (cache) {
            Scenario s = cache.get(point);
            if (s != null) {
                return s;
            }
        }
        Scenario s;
        try {
            s = ScenarioLoader.load(file, with(overrides, params, values));
        } catch (BadInputException e) {
            // a value inside the range refused (the corners were checked): told as the --param it came from
            throw new BadInputException(e.problems().stream().map(p -> asParam(p, overrides.size())).distinct().toList());
        }
        synchronized (cache) {
            cache.put(point, s);
        }
        return s;
    }

    @Override
    public double[] evaluate(int point, double[] values, int replicate, long seed) throws BadInputException {
        return outcomes(scenario(point, values).withSeed(seed), days, metrics);
    }

    /**
     * The end and time-averaged values of {@code metrics} (in that order, metric by metric) in one run of {@code s}
     * with its seed, over its first {@code days} days (null: all of them).
     */
    static double[] outcomes(Scenario s, Long days, List<String> metrics) {
        long n = days == null ? s.days() : Math.min(days, s.days());
        OutcomeSink sink = new OutcomeSink(metrics);
        JuriSimModel m = new JuriSimModel(s);
        m.addSink(sink);
        m.runDays(n, null);
        return sink.outcomes();
    }

    /** End and time-averaged values of some metrics, straight from the model's rows. */
    private static final class OutcomeSink implements MetricsSink {
        private final List<String> wanted;
        private int[] columns;
        private final Mean[] avg;
        private final double[] last;

        OutcomeSink(List<String> wanted) {
            this.wanted = wanted;
            this.avg = new Mean[wanted.size()];
            for (int i = 0; i < avg.length; i++) {
                avg[i] = new Mean();
            }
            this.last = new double[wanted.size()];
            java.util.Arrays.fill(last, Double.NaN);
        }

        @Override
        public void begin(List<MetricDef> cols) {
            List<String> names = cols.stream().map(MetricDef::name).toList();
            columns = new int[wanted.size()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = names.indexOf(wanted.get(i));
                if (columns[i] < 0) {
                    throw new IllegalStateException("this point's runs have no metric " + wanted.get(i));
                }
            }
        }

        @Override
        public void record(long day, LocalDate date, double[] values) {
            for (int i = 0; i < columns.length; i++) {
                double v = values[columns[i]];
                last[i] = v;
                if (!Double.isNaN(v)) {
                    avg[i].increment(v);
                }
            }
        }

        double[] outcomes() {
            double[] out = new double[2 * wanted.size()];
            for (int i = 0; i < wanted.size(); i++) {
                out[2 * i] = last[i];
                out[2 * i + 1] = avg[i].getN() == 0 ? Double.NaN : avg[i].getResult();
            }
            return out;
        }
    }
}
