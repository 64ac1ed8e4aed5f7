package org.jurisim.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.LongConsumer;
import org.jurisim.common.BadInputException;
import org.jurisim.metrics.MetricsSink;
import org.jurisim.model.JuriSimModel;
import org.jurisim.output.Checkpoints;
import org.jurisim.output.OutputPlace;
import org.jurisim.output.RunDirectory;
import org.jurisim.output.SeriesTable;
import org.jurisim.output.TimeseriesCsv;
import org.jurisim.scenario.Limits;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioLoader;

/**
 * Runs with checkpoints ({@code jurisim run --checkpoint-every}) and their resumption ({@code jurisim resume}).
 *
 * <p>A resumed run ends with the same {@code timeseries.csv}, {@code jurisdictions.csv}, {@code cases.csv} and
 * {@code events.csv}, byte for byte, as the same run never interrupted: the checkpoint holds the whole model
 * with its random number generator, the scenario is loaded again and must resolve to the same tree, and
 * {@code timeseries.csv} is cut back to the checkpoint's day before the run goes on.
 */
public final class CheckpointedRun {

    private CheckpointedRun() {
    }

    /** Where a resumed run started from, and its result. */
    public record Resumed(SingleRun.Result result, long fromDay, Path checkpoint) {
    }

    /**
     * Steps a new model through {@code plan.days()} days (start to finish), writing a checkpoint every
     * {@code plan.every()} days.
     *
     * @param csv the model's first sink, {@code table} its second
     */
    static void simulate(JuriSimModel model, Checkpoints.Plan plan, Path work, MetricsSink csv, SeriesTable table,
                         LongConsumer progress) throws IOException {
        Checkpoints.writePlan(work, plan);
        model.runDays(plan.days(), every(model, plan, work, csv, table, progress));
    }

    /** After each day: progress, then a checkpoint when one is due (never after the last day). */
    private static LongConsumer every(JuriSimModel model, Checkpoints.Plan plan, Path work, MetricsSink csv, SeriesTable table,
                                      LongConsumer progress) {
        List<MetricsSink> sinks = List.of(csv, table);
        return d -> {
            if (progress != null) {
                progress.accept(d);
            }
            if (d % plan.every() == 0 && d < plan.days()) {
                try {
                    csv.end(); // flushes: timeseries.csv holds exactly days 0..d-1
                    Path file = work.resolve("timeseries.csv");
                    Checkpoints.sync(file);
                    Checkpoints.write(work, model, sinks, table, d, Files.size(file));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
    }

    /**
     * Resumes an interrupted checkpointed run from its latest checkpoint (or from the start if it was stopped
     * before the first), and publishes its directory when it completes.
     *
     * @param dir the run's output directory, or its working directory {@code DIR.incomplete}
     */
    public static Resumed resume(Path dir, LongConsumer progress)
            throws IOException, RunDirectory.ExistsException, Checkpoints.ResumeException, BadInputException {
        if (dir.toString().isEmpty() || dir.toAbsolutePath().normalize().getFileName() == null) {
            throw new Checkpoints.ResumeException("no interrupted run at \"" + dir + "\" (give the run's directory, DIR or DIR.incomplete)");
        }
        String name = dir.toAbsolutePath().normalize().getFileName().toString();
        Path target = name.endsWith(".incomplete")
                ? dir.toAbsolutePath().normalize().resolveSibling(name.substring(0, name.length() - ".incomplete".length())) : dir;
        Path work = target.toAbsolutePath().normalize().resolveSibling(target.toAbsolutePath().normalize().getFileName() + ".incomplete");
        if (!Files.isDirectory(work)) {
            if (Files.isRegularFile(target.resolve("manifest.json"))) {
                throw new Checkpoints.ResumeException(target + " is a complete run: there is nothing to resume");
            }
            throw new Checkpoints.ResumeException("no interrupted run at " + dir + " (expected a directory " + work.getFileName()
                    + " left by 'jurisim run --checkpoint-every')");
        }
        // the output directory's lock first, before anything in it is read or changed (a run still going holds it)
        try (OutputPlace.Lock place = OutputPlace.lock(target)) {
            return resume(dir, target, work, progress);
        }
    }

    private static Resumed resume(Path dir, Path target, Path work, LongConsumer progress)
            throws IOException, RunDirectory.ExistsException, Checkpoints.ResumeException, BadInputException {
        if (!Files.isDirectory(work)) {
            throw new Checkpoints.ResumeException("no interrupted run at " + dir + " (expected a directory " + work.getFileName()
                    + " left by 'jurisim run --checkpoint-every')");
        }
        Checkpoints.Plan plan = Checkpoints.readPlan(work);
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try (Checkpoints.Lock lock = Checkpoints.lock(work)) {
            Scenario s = load(plan);
            if (!Checkpoints.digest(s).equals(plan.resolvedSha256())) {
                throw new Checkpoints.ResumeException("the scenario " + plan.scenario() + " no longer resolves to the one the run started"
                        + " with (it, a file it extends, or its CSV changed); resume needs the same scenario: run again from the start");
            }
            try (RunDirectory rd = RunDirectory.reopen(target, plan.force())) {
                try {
                    SeriesTable table = new SeriesTable();
                    JuriSimModel model = null;
                    long from = 0;
                    Path used = null;
                    Path csvFile = work.resolve("timeseries.csv");
                    try (TimeseriesCsv csv = TimeseriesCsv.appending(csvFile)) {
                        // the newest checkpoint that reads back whole (a damaged one is passed over for the one before)
                        List<Path> all = Checkpoints.list(work);
                        for (int i = all.size() - 1; i >= 0 && model == null; i--) {
                            try {
                                Checkpoints.Restored restored = Checkpoints.read(all.get(i), s, List.of(csv, table), table);
                                Checkpoints.truncate(csvFile, restored.header().timeseriesBytes());
                                model = restored.model();
                                from = restored.header().day();
                                used = all.get(i);
                            } catch (Checkpoints.DamagedException e) {
                                skipped(all.get(i), e);
                            }
                        }
                        if (model != null) {
                            if (progress != null) {
                                progress.accept(from);
                            }
                            LongConsumer after = every(model, plan, work, csv, table, progress);
                            for (long d = from; d < plan.days(); d++) {
                                if (!model.schedule.step(model)) {
                                    break;
                                }
                                after.accept(d + 1);
                            }
                            model.finish();
                        }
                    }
                    if (model == null) {
                        // stopped before the first checkpoint: start again, in the same directory
                        model = new JuriSimModel(s);
                        table = new SeriesTable();
                        try (TimeseriesCsv csv = new TimeseriesCsv(csvFile)) {
                            model.addSink(csv);
                            model.addSink(table);
                            model.runDays(plan.days(), every(model, plan, work, csv, table, progress));
                        }
                    }
                    SingleRun.Result r = SingleRun.complete(s, model, table, rd, plan.days(), started, t0, plan.commandLine(),
                            from, lock);
                    return new Resumed(r, from, used);
                } catch (IOException | Checkpoints.ResumeException | RuntimeException | Error e) {
                    rd.fail("resume failed: " + e);
                    throw e;
                }
            }
        }
    }

    /** A damaged checkpoint is renamed FILE.damaged (kept for a post-mortem) and passed over. */
    private static void skipped(Path checkpoint, Checkpoints.DamagedException e) {
        try {
            Files.move(checkpoint, checkpoint.resolveSibling(checkpoint.getFileName() + ".damaged"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ignored) {
            // it is passed over all the same
        }
    }

    /** Loads the run's scenario again as it was given (relative to the current directory when it is still there). */
    private static Scenario load(Checkpoints.Plan plan) throws BadInputException {
        Path given = Path.of(plan.scenario());
        Path abs = Path.of(plan.scenarioAbsolute());
        Path file = Files.isRegularFile(given) && given.toAbsolutePath().normalize().equals(abs) ? given : abs;
        return ScenarioLoader.load(file, plan.overrides(), Limits.of(plan.allowLarge()));
    }
}
