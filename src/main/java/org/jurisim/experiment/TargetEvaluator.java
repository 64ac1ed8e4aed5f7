package org.jurisim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Problem;
import org.jurisim.common.Suggest;
import org.jurisim.metrics.MetricDef;
import org.jurisim.metrics.MetricsSink;
import org.jurisim.model.JuriSimModel;
import org.jurisim.output.CasesCsv;
import org.jurisim.output.JurisdictionsCsv;
import org.jurisim.output.Numbers;
import org.jurisim.scenario.Scenario;

/**
 * Runs the model at a point of a calibration's design and measures the calibration targets on that one run, as
 * {@code jurisim check} measures them on a run's files ({@link Check#measure}): the daily values go through the
 * CSV files' number format, a {@code jurisdictions} target reads the jurisdictions as they stood after the day of its
 * date (check runs the scenario to that date), so a calibrated scenario's {@code check} gives the statistics the
 * calibration reported. Outcomes are the targets' statistics, named by their ids.
 */
public final class TargetEvaluator implements Sweep.Evaluator {

    private final ModelEvaluator model;
    private final List<Targets.Target> targets;
    private final String targetsName;
    private final String targetsText;
    private final List<String> columns;
    private final long days;
    /** Day count after which the jurisdictions are read, and the targets reading them. */
    private final TreeMap<Long, List<Targets.Target>> snapshots = new TreeMap<>();
    private final boolean cases;

    private TargetEvaluator(ModelEvaluator model, Targets file, List<Targets.Target> targets) {
        this.model = model;
        this.targets = List.copyOf(targets);
        this.targetsName = file.file();
        this.targetsText = file.text();
        Scenario s = model.base();
        Set<String> cols = new LinkedHashSet<>();
        long last = 1;
        boolean anyCases = false;
        for (Targets.Target t : targets) {
            Targets.Statistic st = t.statistic();
            long d = ChronoUnit.DAYS.between(s.start(), st.lastDate()) + 1;
            last = Math.max(last, d);
            if (st.kind().timeseries()) {
                cols.addAll(st.columns());
                cols.addAll(st.denominator());
            }
            if (st.kind() == Targets.Kind.JURISDICTIONS) {
                snapshots.computeIfAbsent(d, k -> new ArrayList<>()).add(t);
            }
            anyCases |= st.kind().cases();
        }
        this.columns = List.copyOf(cols);
        this.days = last;
        this.cases = anyCases;
    }

    /**
     * Checks that every target can be measured on the scenario's runs (its dates within the scenario, its columns
     * among the run's metrics) and builds the evaluator.
     *
     * @param model the scenario, its overrides and the free parameters
     */
    static TargetEvaluator create(ModelEvaluator model, Targets file, List<Targets.Target> targets) throws BadInputException {
        Scenario s = model.base();
        List<Problem> problems = new ArrayList<>();
        List<String> names = MetricProbe.names(s);
        LocalDate lastDay = s.dateOf(s.days() - 1);
        for (Targets.Target t : targets) {
            Targets.Statistic st = t.statistic();
            if (!t.measured()) {
                problems.add(new Problem(file.locate(t, "statistic"), Targets.path(t, "statistic"),
                        "expected a measured target for the calibration, found 'not-measured'"));
                continue;
            }
            LocalDate first = st.on() != null ? st.on() : st.from();
            LocalDate last = st.lastDate();
            if (first == null || last == null || first.isBefore(s.start()) || last.isAfter(lastDay)) {
                problems.add(new Problem(file.locate(t, "statistic"), Targets.path(t, "statistic"), "expected dates within the scenario "
                        + model.file() + " (" + s.start() + " to " + lastDay + "), found " + (st.on() != null ? st.on()
                        : first + " to " + last) + "; calibrate against targets the scenario simulates"));
                continue;
            }
            if (st.kind().timeseries()) {
                List<String> cols = new ArrayList<>(st.columns());
                cols.addAll(st.denominator());
                for (String c : cols) {
                    if (!names.contains(c)) {
                        String f = st.kind() == Targets.Kind.RATIO ? (st.columns().contains(c) ? "statistic.numerator" : "statistic.denominator")
                                : "statistic.column";
                        problems.add(new Problem(file.locate(t, f), Targets.path(t, f), "expected a column of timeseries.csv"
                                + " (docs/metrics.md)" + Suggest.hint(c, names) + ", found '" + c + "'"));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return new TargetEvaluator(model, file, targets);
    }

    List<Targets.Target> targets() {
        return targets;
    }

    ModelEvaluator model() {
        return model;
    }

    /** Days each run simulates: to the last date a target reads. */
    long days() {
        return days;
    }

    @Override
    public List<String> outcomeNames() {
        return targets.stream().map(Targets.Target::id).toList();
    }

    @Override
    public JsonNode settings() {
        ObjectNode n = ExperimentDir.json().createObjectNode();
        n.set("model", model.settings());
        n.put("targets_file", targetsName);
        n.put("targets_sha256", Check.sha256(targetsText));
        ArrayNode ids = n.putArray("targets");
        targets.forEach(t -> ids.add(t.id()));
        n.put("days", days);
        return n;
    }

    @Override
    public double[] evaluate(int point, double[] values, int replicate, long seed) throws Exception {
        Scenario s = model.scenario(point, values).withSeed(seed);
        return measure(s);
    }

    /** Runs one scenario (its own seed) and measures every target. */
    double[] measure(Scenario s) throws IOException {
        Series series = new Series(columns);
        JuriSimModel m = new JuriSimModel(s);
        m.addSink(series);
        Path tmp = Files.createTempDirectory("jurisim-calibration-");
        try {
            TreeMap<Long, Path> snaps = new TreeMap<>();
            long n = Math.min(days, s.days());
            m.start();
            long done = 0;
            for (long d = 0; d < n; d++) {
                if (!m.schedule.step(m)) {
                    break;
                }
                done = d + 1;
                if (snapshots.containsKey(done)) {
                    Path f = tmp.resolve("jurisdictions-" + done + ".csv");
                    JurisdictionsCsv.write(m, f);
                    snaps.put(done, f);
                }
            }
            m.finish();
            Path casesFile = null;
            if (cases) {
                casesFile = tmp.resolve("cases.csv");
                CasesCsv.write(m, casesFile);
            }
            Check.RunTables base = Check.RunTables.of(s.start(), (int) done, columns, series.values((int) done), casesFile, null);
            double[] out = new double[targets.size()];
            for (int i = 0; i < out.length; i++) {
                Targets.Target t = targets.get(i);
                Check.RunTables run = base;
                if (t.statistic().kind() == Targets.Kind.JURISDICTIONS) {
                    long at = ChronoUnit.DAYS.between(s.start(), t.statistic().lastDate()) + 1;
                    Path f = snaps.get(at);
                    if (f == null) {
                        out[i] = Double.NaN;
                        continue;
                    }
                    run = Check.RunTables.of(s.start(), (int) done, columns, series.values((int) done), null, f);
                }
                out[i] = Check.measure(t.statistic(), run, 0);
            }
            return out;
        } finally {
            ExperimentDir.deleteTree(tmp);
        }
    }

    /** The daily values of some columns, as {@code timeseries.csv} writes them (6 significant digits). */
    private static final class Series implements MetricsSink {
        private final List<String> wanted;
        private int[] index;
        private double[][] values = new double[0][];
        private int days;

        Series(List<String> wanted) {
            this.wanted = wanted;
        }

        @Override
        public void begin(List<MetricDef> cols) {
            List<String> names = cols.stream().map(MetricDef::name).toList();
            index = new int[wanted.size()];
            for (int i = 0; i < index.length; i++) {
                index[i] = names.indexOf(wanted.get(i));
                if (index[i] < 0) {
                    throw new IllegalStateException("this run has no metric " + wanted.get(i));
                }
            }
            values = new double[wanted.size()][256];
        }

        @Override
        public void record(long day, LocalDate date, double[] v) {
            if (days == (values.length == 0 ? 0 : values[0].length)) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = java.util.Arrays.copyOf(values[i], Math.max(256, 2 * days));
                }
            }
            for (int i = 0; i < index.length; i++) {
                double x = v[index[i]];
                String s = Numbers.format(x);
                values[i][days] = s.isEmpty() ? Double.NaN : Double.parseDouble(s);
            }
            days++;
        }

        double[][] values(int n) {
            double[][] out = new double[values.length][];
            for (int i = 0; i < values.length; i++) {
                out[i] = java.util.Arrays.copyOf(values[i], n);
            }
            return out;
        }
    }

    /** Builds the evaluator again in another JVM: the model's recipe, and the targets file's text. */
    private record Recipe(Sweep.Recipe model, String targetsName, String targetsText, List<String> ids) implements Sweep.Recipe {
        private static final long serialVersionUID = 1L;

        Recipe {
            ids = List.copyOf(ids);
        }

        @Override
        public Sweep.Evaluator build() throws Exception {
            Targets file = Targets.parse(targetsName, null, targetsText);
            List<Targets.Target> ts = new ArrayList<>();
            for (String id : ids) {
                file.all().stream().filter(t -> t.id().equals(id)).findFirst().ifPresent(ts::add);
            }
            return new TargetEvaluator((ModelEvaluator) model.build(), file, ts);
        }
    }

    @Override
    public Sweep.Recipe recipe() {
        return new Recipe(model.recipe(), targetsName, targetsText, outcomeNames());
    }
}
