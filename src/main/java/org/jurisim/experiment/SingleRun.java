package org.jurisim.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.LongConsumer;
import org.jurisim.model.EventTimeline;
import org.jurisim.model.JuriSimModel;
import org.jurisim.output.CasesCsv;
import org.jurisim.output.Checkpoints;
import org.jurisim.output.Charts;
import org.jurisim.output.Csv;
import org.jurisim.output.JurisdictionSeries;
import org.jurisim.output.JurisdictionsCsv;
import org.jurisim.output.RunMap;
import org.jurisim.output.RunDirectory;
import org.jurisim.output.SeriesTable;
import org.jurisim.output.TimeseriesCsv;
import org.jurisim.scenario.Scenario;

/** One run of one scenario into an output directory: CSVs, charts, the resolved scenario and a manifest. */
public final class SingleRun {

    /** What a finished run produced. */
    public record Result(Path directory, SeriesTable series, JuriSimModel model, long days, double wallSeconds) {
    }

    private SingleRun() {
    }

    /** The JuriSim version (from the jar manifest; "dev" when run from classes). */
    public static String version() {
        String v = SingleRun.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * Runs the scenario for {@code days} days (at most its duration) and writes the run directory atomically.
     *
     * @param commandLine the arguments as typed, recorded in the manifest
     */
    public static Result run(Scenario scenario, Path out, long days, boolean force, List<String> commandLine,
                             LongConsumer progress) throws IOException, RunDirectory.ExistsException {
        try {
            return run(scenario, out, days, force, commandLine, progress, null);
        } catch (Checkpoints.ResumeException e) {
            throw new IllegalStateException("no checkpoints were asked for", e);
        }
    }

    /**
     * As {@link #run(Scenario, Path, long, boolean, List, LongConsumer)}, writing a checkpoint every
     * {@code plan.every()} simulated days into {@code DIR.incomplete/checkpoints/} when {@code plan} is not null,
     * so that an interrupted run can be resumed ({@link CheckpointedRun#resume}). Outputs do not depend on it.
     */
    public static Result run(Scenario scenario, Path out, long days, boolean force, List<String> commandLine,
                             LongConsumer progress, Checkpoints.Plan plan)
            throws IOException, RunDirectory.ExistsException, Checkpoints.ResumeException {
        return run(scenario, out, days, force, commandLine, progress, plan, null);
    }

    /**
     * As {@link #run(Scenario, Path, long, boolean, List, LongConsumer, Checkpoints.Plan)}, also writing
     * {@link JurisdictionSeries#FILE} sampled {@code series} when it is not null (not with checkpoints).
     */
    public static Result run(Scenario scenario, Path out, long days, boolean force, List<String> commandLine,
                             LongConsumer progress, Checkpoints.Plan plan, JurisdictionSeries.Every series)
            throws IOException, RunDirectory.ExistsException, Checkpoints.ResumeException {
        if (plan != null && series != null) {
            throw new IllegalArgumentException("per-jurisdiction series are not written by checkpointed runs");
        }
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try (RunDirectory dir = RunDirectory.open(out, force)) {
            return run(scenario, dir, days, force, commandLine, progress, plan, series, started, t0);
        }
    }

    private static Result run(Scenario scenario, RunDirectory dir, long days, boolean force, List<String> commandLine,
                              LongConsumer progress, Checkpoints.Plan plan, JurisdictionSeries.Every series, Instant started, long t0)
            throws IOException, Checkpoints.ResumeException {
        Checkpoints.Lock lock = null;
        JurisdictionSeries perJurisdiction = null;
        try {
            Path work = dir.work();
            SeriesTable table = new SeriesTable();
            JuriSimModel model = new JuriSimModel(scenario);
            long n = Math.min(days, scenario.days());
            try (TimeseriesCsv csv = new TimeseriesCsv(work.resolve("timeseries.csv"))) {
                model.addSink(csv);
                model.addSink(table);
                if (series != null) {
                    perJurisdiction = new JurisdictionSeries(model, series, scenario.dateOf(n - 1), work.resolve(JurisdictionSeries.FILE));
                    model.addSink(perJurisdiction);
                }
                if (plan == null) {
                    model.runDays(n, progress);
                } else {
                    lock = Checkpoints.lock(work);
                    CheckpointedRun.simulate(model, plan.started(scenario, n, force), work, csv, table, progress);
                }
            }
            if (perJurisdiction != null) {
                perJurisdiction.close();
            }
            return complete(scenario, model, table, dir, n, started, t0, commandLine, null, lock);
        } catch (IOException e) {
            throw dir.fail(e);
        } catch (java.io.UncheckedIOException e) {
            throw dir.fail(e.getCause());
        } catch (Checkpoints.ResumeException | RuntimeException | Error e) {
            dir.fail(e.toString());
            throw e;
        } finally {
            if (lock != null) {
                lock.close();
            }
            if (perJurisdiction != null) {
                perJurisdiction.close();
            }
        }
    }

    /**
     * Writes a run's outputs once its model has finished, and publishes the directory.
     *
     * @param resumedFromDay the day the run was resumed from (recorded in the manifest), or null
     * @param lock           the run's lock, released before the checkpoints are deleted (or null)
     */
    static Result complete(Scenario scenario, JuriSimModel model, SeriesTable table, RunDirectory dir, long n, Instant started,
                           long t0, List<String> commandLine, Long resumedFromDay, Checkpoints.Lock lock) throws IOException {
        Path work = dir.work();
        JurisdictionsCsv.write(model, work.resolve("jurisdictions.csv"));
        CasesCsv.write(model, work.resolve("cases.csv"));
        writeEvents(model, work.resolve("events.csv"));
        writeResolved(scenario, work.resolve("scenario.resolved.yaml"));
        String subtitle = scenario.start() + " to " + scenario.dateOf(n - 1) + "  \u00b7  "
                + scenario.jurisdictions().size() + " jurisdictions  \u00b7  seed " + scenario.seed();
        Path charts = work.resolve("charts");
        if (scenario.charts().contains("compliance")) {
            Charts.write(Charts.compliance(table, scenario.name(), subtitle, scenario.metrics().rollingWindowDays()),
                    charts.resolve("compliance"));
        }
        if (scenario.charts().contains("litigation")) {
            Charts.write(Charts.litigation(table, scenario.name(), subtitle), charts.resolve("litigation"));
        }
        if (scenario.charts().contains("policies")) {
            Charts.write(Charts.policies(table, model.policyNames(), scenario.name(), subtitle), charts.resolve("policies"));
        }
        if (scenario.charts().contains("map")) {
            // only when the run has jurisdictions with real county FIPS codes (not for generated counties)
            RunMap.write(scenario, model, scenario.dateOf(n - 1).toString(), charts.resolve("map"));
        }
        RunReport.write(work, RunReport.Input.ofRun(scenario, n, table));
        double wall = (System.nanoTime() - t0) / 1e9;
        writeManifest(scenario, work, n, started, wall, commandLine, resumedFromDay);
        if (lock != null) {
            lock.close();
            Checkpoints.discard(work);
        }
        dir.commit();
        return new Result(dir.target(), table, model, n, wall);
    }

    private static void writeEvents(JuriSimModel m, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.append("day,date,event,jurisdictions_affected,note\n");
            for (EventTimeline.Applied a : m.timeline().log()) {
                w.append(Long.toString(a.day())).append(',').append(a.date().toString()).append(',').append(a.kind()).append(',')
                        .append(Integer.toString(a.affected())).append(',').append(Csv.cell(a.note())).append('\n');
            }
        }
    }

    static void writeResolved(Scenario s, Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
        String header = "# Fully resolved scenario: 'extends' merged, --set overrides and defaults applied.\n"
                + "# Re-run with: jurisim run " + file.getFileName() + "\n";
        Files.writeString(file, header + yaml.writeValueAsString(s.resolved()), StandardCharsets.UTF_8);
    }

    private static void writeManifest(Scenario s, Path work, long days, Instant started, double wall, List<String> cmd,
                                      Long resumedFromDay) throws IOException {
        Manifest m = Manifest.of(cmd).scenario(s, days);
        m.node().put("map", s.map());
        ArrayNode notes = m.node().putArray("notes");
        s.notes().forEach(notes::add);
        if (resumedFromDay != null) {
            m.node().put("resumed_from_day", resumedFromDay);
        }
        List<String> files = new java.util.ArrayList<>(List.of("timeseries.csv", "jurisdictions.csv", "cases.csv", "events.csv",
                "scenario.resolved.yaml", RunReport.FILE));
        if (Files.exists(work.resolve(JurisdictionSeries.FILE))) {
            files.add(JurisdictionSeries.FILE);
        }
        for (String chart : s.charts()) {
            if (!Files.exists(work.resolve("charts").resolve(chart + ".png"))) {
                continue; // the map, when the run has nothing to draw on it
            }
            files.add("charts/" + chart + ".png");
            files.add("charts/" + chart + ".svg");
        }
        m.finish(started, wall, files).parameters(s).write(work);
    }
}
