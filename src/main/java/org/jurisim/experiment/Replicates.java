package org.jurisim.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Location;
import org.jurisim.common.Problem;
import org.jurisim.output.RunDirectory;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioBundle;

/**
 * Replicates of one scenario, run in parallel into one run directory. Replicate {@code i} runs the scenario with
 * the seed {@link Seeds#replicate}(seed, i); finished replicates are appended to the files in replicate order,
 * so every output is the same byte for byte whatever the number of threads. Writes:
 * <ul>
 *   <li>{@code timeseries.csv}, {@code jurisdictions.csv}, {@code cases.csv}, {@code events.csv}: as for a single run, with a leading
 *       {@code replicate} column;</li>
 *   <li>{@code replicates.csv}: per replicate its seed and outcomes ({@code METRIC.end}, {@code METRIC.avg});</li>
 *   <li>{@code summary.csv}: per day and metric the mean, standard deviation and 95% t-interval across replicates;</li>
 *   <li>{@code charts/}: means with shaded 95% bands; {@code report.html}; {@code scenario.resolved.yaml}; {@code manifest.json}.</li>
 * </ul>
 * Memory does not grow with the number of replicates; an interrupted experiment resumes where it stopped.
 *
 * <p>The work is shared out: {@link ReplicateUnits} runs the replicates, {@link ReplicateStreams} journals them into the
 * files in order, {@link ReplicateCharts} draws the charts, {@link RunReport} writes {@code report.html} and
 * {@link Manifest} the manifest, as for every command.
 */
public final class Replicates {

    static final String TIMESERIES = "timeseries.csv";
    static final String JURISDICTIONS = "jurisdictions.csv";
    static final String EVENTS = "events.csv";
    static final String CASES = "cases.csv";
    static final String REPLICATES = "replicates.csv";
    static final String SUMMARY = "summary.csv";
    static final String PARQUET = "replicates.parquet";
    static final List<String> STREAMS = List.of(TIMESERIES, JURISDICTIONS, CASES, EVENTS, REPLICATES);

    /** Default minimum number of replicates before --until-ci may stop. */
    public static final int UNTIL_CI_MIN = 10;
    /** Default cap on replicates for --until-ci. */
    public static final int UNTIL_CI_MAX = 1000;

    private Replicates() {
    }

    /** Stop when the 95% half-width of an outcome is at most {@code halfWidth}. */
    public record Target(Outcomes.Ref outcome, double halfWidth) {
    }

    /**
     * @param replicates number of replicates (with a target: the minimum before stopping)
     * @param threads    worker threads (does not change any output)
     * @param days       days to simulate (at most the scenario's duration)
     * @param target     optional: add replicates until this is met (null for a fixed count)
     * @param maxReplicates with a target, stop here even if it is not met
     * @param resume     resume an interrupted experiment with the same settings
     * @param charts     draw the scenario's charts
     */
    public record Options(int replicates, int threads, long days, Target target, int maxReplicates, boolean force,
                          boolean resume, boolean charts, List<String> commandLine, Progress progress) {
        public Options {
            commandLine = List.copyOf(commandLine);
            progress = progress == null ? Progress.NONE : progress;
        }

        public static Options of(int replicates, int threads, long days) {
            return new Options(replicates, threads, days, null, UNTIL_CI_MAX, false, true, true, List.of(), Progress.NONE);
        }

        public Options withForce(boolean f) {
            return new Options(replicates, threads, days, target, maxReplicates, f, resume, charts, commandLine, progress);
        }

        public Options withResume(boolean r) {
            return new Options(replicates, threads, days, target, maxReplicates, force, r, charts, commandLine, progress);
        }

        public Options withProgress(Progress p) {
            return new Options(replicates, threads, days, target, maxReplicates, force, resume, charts, commandLine, p);
        }

        public Options withTarget(Target t, int max) {
            return new Options(replicates, threads, days, t, max, force, resume, charts, commandLine, progress);
        }

        public Options withCharts(boolean c) {
            return new Options(replicates, threads, days, target, maxReplicates, force, resume, c, commandLine, progress);
        }

        public Options withCommandLine(List<String> c) {
            return new Options(replicates, threads, days, target, maxReplicates, force, resume, charts, c, progress);
        }
    }

    /** How a target was met: the half-width reached, with how many replicates. */
    public record TargetResult(Target target, double halfWidth, int replicates, boolean reached) {
    }

    /**
     * What an experiment produced.
     *
     * @param outcomes per outcome name ({@code METRIC.end}, {@code METRIC.avg}) its summary across replicates
     * @param ran      replicates run by this invocation (including any run ahead and not needed)
     * @param reused   replicates found finished from an interrupted invocation
     */
    public record Result(Path directory, long days, int replicates, List<String> metrics, Map<String, Stats.Sample> outcomes,
                         TargetResult target, int ran, int reused, boolean resumed, double wallSeconds) {
    }

    /** The settings that identify an experiment (an interrupted one is resumed only with the same). */
    static ObjectNode settings(Scenario s, long days, Options o) {
        ObjectNode n = ExperimentDir.json().createObjectNode();
        n.put("kind", "replicates");
        n.put("days", days);
        n.put("seed", s.seed());
        if (o.target() == null) {
            n.put("replicates", o.replicates());
        } else {
            ObjectNode t = n.putObject("until_ci");
            t.put("outcome", o.target().outcome().name());
            t.put("half_width", o.target().halfWidth());
            t.put("min_replicates", o.replicates());
            t.put("max_replicates", o.maxReplicates());
        }
        n.put("charts", o.charts());
        n.set("scenario", s.resolved());
        return n;
    }

    /** Runs the replicates of {@code s} (whose seed is the base seed) into {@code out}, on {@link Options#threads()} threads. */
    /**
     * Changes each replicate's scenario, e.g. to parameter values drawn from a calibration's posterior
     * ({@link Posterior}); what it returns must keep the base scenario's seed.
     */
    public interface Variation {
        Scenario apply(Scenario base, int replicate) throws Exception;

        /** What identifies the variation, for resuming only the same experiment. */
        com.fasterxml.jackson.databind.JsonNode settings();
    }

    /** Runs the replicates on this JVM's threads, replicate u's scenario given by {@code v} (null: the scenario itself). */
    public static Result run(Scenario s, Path out, Options o, Variation v) throws IOException, RunDirectory.ExistsException, BadInputException {
        return run(s, null, out, o, null, v);
    }

    public static Result run(Scenario s, Path out, Options o) throws IOException, RunDirectory.ExistsException, BadInputException {
        return run(s, null, out, o, null, null);
    }

    /**
     * Runs the replicates of a captured scenario with their runs computed by {@code engine} (which receives the
     * scenario's files, not their paths). Every file is the same as with threads; the engine also writes
     * {@code replicates.csv} as Parquet.
     */
    public static Result run(ScenarioBundle.Captured c, Path out, Options o, DistributedEngine engine)
            throws IOException, RunDirectory.ExistsException, BadInputException {
        return run(c.scenario(), c.bundle(), out, o, engine, null);
    }

    private static Result run(Scenario s, ScenarioBundle bundle, Path out, Options o, DistributedEngine engine, Variation variation)
            throws IOException, RunDirectory.ExistsException, BadInputException {
        long days = Math.min(o.days(), s.days());
        if (days < 1) {
            throw new IllegalArgumentException("days " + days);
        }
        if (o.replicates() < 1 || o.threads() < 1) {
            throw new IllegalArgumentException("replicates " + o.replicates() + ", threads " + o.threads());
        }
        if (o.target() != null) {
            List<String> metrics = MetricProbe.names(s);
            String problem = Outcomes.unknown(o.target().outcome(), metrics);
            if (problem != null) {
                throw new BadInputException(new Problem(new Location("--until-ci", 1, 1), "until-ci", problem));
            }
        }
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        ObjectNode settings = settings(s, days, o);
        if (variation != null) {
            settings.set("variation", variation.settings());
        }
        try (ExperimentDir dir = ExperimentDir.open(out, o.force(), o.resume(), settings, o.progress()::note)) {
            Run run = new Run(s, days, o, dir, bundle, engine, variation);
            try {
                run.execute();
                double wall = (System.nanoTime() - t0) / 1e9;
                Result r = run.finish(started, wall);
                dir.commit();
                return new Result(dir.target(), r.days(), r.replicates(), r.metrics(), r.outcomes(), r.target(), r.ran(), r.reused(),
                        r.resumed(), wall);
            } catch (IOException e) {
                throw dir.fail(e);
            } catch (java.io.UncheckedIOException e) {
                throw dir.fail(e.getCause());
            } catch (RuntimeException | Error e) {
                dir.fail(e.toString());
                throw e;
            } catch (Exception e) {
                dir.fail(e.toString());
                throw new IOException(e);
            } finally {
                run.close();
                o.progress().finish();
            }
        }
    }

    /** One experiment in progress: its units running, its streams committing them in order. */
    private static final class Run implements AutoCloseable {
        private final Scenario scenario;
        private final DistributedEngine engine;
        private final long days;
        private final Options o;
        private final ExperimentDir dir;
        private final ReplicateUnits units;
        private final ReplicateStreams streams;
        private OrderedExecutor.Outcome outcome;
        private final int limit;

        Run(Scenario s, long days, Options o, ExperimentDir dir, ScenarioBundle bundle, DistributedEngine engine, Variation variation)
                throws IOException {
            this.scenario = s;
            this.engine = engine;
            this.days = days;
            this.o = o;
            this.dir = dir;
            this.units = new ReplicateUnits(s, bundle, engine, days, dir.parts(), variation);
            this.streams = new ReplicateStreams(dir.work(), days, s.seed(), o.target(), o.replicates());
            this.limit = o.target() == null ? o.replicates() : Math.max(o.replicates(), o.maxReplicates());
        }

        void execute() throws Exception {
            int committed = streams.committed();
            units.clean(committed);
            if (committed > 0) {
                streams.rebuild();
                o.progress().note("resuming the interrupted experiment in " + dir.work() + ": " + committed + " replicate"
                        + (committed == 1 ? "" : "s") + " already done");
            }
            if (committed >= limit || (o.target() != null && streams.targetMet(committed))) {
                outcome = new OrderedExecutor.Outcome(0, 0, 0, true);
                return;
            }
            o.progress().start("Replicates", o.target() == null ? limit : -1, committed);
            outcome = units.run(committed, limit, o.threads(), o.target() != null, this::commit);
        }

        /** Appends replicate {@code u} to the files, in order (calling thread). */
        private boolean commit(int u) throws IOException {
            boolean more = streams.commit(u, units.part(u));
            String status = o.target() == null ? "" : String.format(Locale.US, "half-width %s, target %s",
                    Report.sig(streams.halfWidth(), 3, false), Report.sig(o.target().halfWidth(), 3, false));
            o.progress().update(u + 1, status);
            return more;
        }

        Result finish(Instant started, double wall) throws IOException {
            streams.close();
            Path work = dir.work();
            SeriesAccumulator acc = streams.accumulator();
            List<String> metrics = streams.metrics();
            int n = acc.replicates();
            streams.writeSummary(work.resolve(SUMMARY));
            SingleRun.writeResolved(scenario, work.resolve("scenario.resolved.yaml"));
            Map<String, Stats.Sample> outcomes = streams.outcomeSummaries(work.resolve(REPLICATES));
            List<String> outputs = new ArrayList<>(List.of(TIMESERIES, SUMMARY, REPLICATES, JURISDICTIONS, CASES, EVENTS,
                    "scenario.resolved.yaml"));
            if (o.charts()) {
                outputs.addAll(ReplicateCharts.write(scenario, days, acc, metrics, work));
                RunReport.write(work, RunReport.Input.ofReplicates(scenario, days, ReplicateCharts.meanTable(acc, metrics), n));
                outputs.add(RunReport.FILE);
            }
            String parquet = engine == null ? null : engine.writeParquet(work.resolve(REPLICATES), work.resolve(PARQUET));
            if (parquet != null) {
                outputs.add(parquet);
            }
            TargetResult tr = o.target() == null ? null : new TargetResult(o.target(), streams.halfWidth(), n, streams.reached());
            writeManifest(work, started, wall, n, outputs, tr);
            return new Result(dir.target(), days, n, metrics, outcomes, tr, outcome.ran(), outcome.reused(), dir.resumed(), wall);
        }

        private void writeManifest(Path work, Instant started, double wall, int n, List<String> outputs, TargetResult tr)
                throws IOException {
            Manifest m = Manifest.of(o.commandLine()).scenario(scenario, days);
            ObjectNode e = m.node().putObject("experiment");
            e.put("kind", "replicates");
            e.put("replicates", n);
            e.put("seed_derivation", "replicate i runs with seed Seeds.replicate(seed, i): SplitMix64 of the seed mixed with i");
            if (engine == null) {
                e.put("engine", "threads");
                e.put("threads", o.threads());
            } else {
                e.put("engine", engine.describe());
            }
            e.put("resumed", dir.resumed());
            if (tr != null) {
                ObjectNode t = e.putObject("until_ci");
                t.put("outcome", tr.target().outcome().name());
                t.put("target_half_width", tr.target().halfWidth());
                t.put("half_width", tr.halfWidth());
                t.put("min_replicates", o.replicates());
                t.put("max_replicates", o.maxReplicates());
                t.put("reached", tr.reached());
            }
            m.finish(started, wall, outputs).parameters(scenario).write(work);
        }

        @Override
        public void close() {
            try {
                streams.close();
            } catch (IOException ignored) {
                // closing twice (after finish) or after a failure: nothing more to save
            }
        }
    }
}
