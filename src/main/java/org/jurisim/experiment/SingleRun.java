package org.jurisim.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try (RunDirectory dir = RunDirectory.open(out, force)) {
            return run(scenario, dir, days, force, commandLine, progress, plan, started, t0);
        }
    }

    private static Result run(Scenario scenario, RunDirectory dir, long days, boolean force, List<String> commandLine,
                              LongConsumer progress, Checkpoints.Plan plan, Instant started, long t0)
            throws IOException, Checkpoints.ResumeException {
        Checkpoints.Lock lock = null;
        try {
            Path work = dir.work();
            SeriesTable table = new SeriesTable();
            JuriSimModel model = new JuriSimModel(scenario);
            long n = Math.min(days, scenario.days());
            try (TimeseriesCsv csv = new TimeseriesCsv(work.resolve("timeseries.csv"))) {
                model.addSink(csv);
                model.addSink(table);
                if (plan == null) {
                    model.runDays(n, progress);
                } else {
                    lock = Checkpoints.lock(work);
                    CheckpointedRun.simulate(model, plan.started(scenario, n, force), work, csv, table, progress);
                }
            }
            return complete(scenario, model, table, dir, n, started, t0, commandLine, null, lock);
        } catch (IOException | Checkpoints.ResumeException | RuntimeException | Error e) {
            dir.fail(e.toString());
            throw e;
        } finally {
            if (lock != null) {
                lock.close();
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
        double wall = (System.nanoTime() - t0) / 1e9;
        writeManifest(scenario, work.resolve("manifest.json"), n, started, wall, commandLine, resumedFromDay);
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

    private static void writeManifest(Scenario s, Path file, long days, Instant started, double wall, List<String> cmd,
                                      Long resumedFromDay) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode m = json.createObjectNode();
        m.put("jurisim_version", version());
        m.put("java_version", System.getProperty("java.version"));
        m.put("java_vendor", System.getProperty("java.vendor"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        ArrayNode c = m.putArray("command_line");
        cmd.forEach(c::add);
        ObjectNode sc = m.putObject("scenario");
        sc.put("name", s.name());
        sc.put("path", s.file());
        sc.put("absolute_path", Path.of(s.file()).toAbsolutePath().normalize().toString());
        sc.put("sha256", s.sha256());
        m.put("seed", s.seed());
        m.put("start_date", s.start().toString());
        m.put("end_date", s.dateOf(days - 1).toString());
        m.put("days_simulated", days);
        m.put("jurisdictions", s.jurisdictions().size());
        m.put("map", s.map());
        ArrayNode notes = m.putArray("notes");
        s.notes().forEach(notes::add);
        m.put("started_at", started.toString());
        m.put("finished_at", Instant.now().toString());
        m.put("wall_seconds", Math.round(wall * 1000) / 1000.0);
        if (resumedFromDay != null) {
            m.put("resumed_from_day", resumedFromDay);
        }
        ArrayNode files = m.putArray("outputs");
        for (String f : List.of("timeseries.csv", "jurisdictions.csv", "cases.csv", "events.csv", "scenario.resolved.yaml")) {
            files.add(f);
        }
        for (String chart : s.charts()) {
            if (!Files.exists(file.resolveSibling("charts").resolve(chart + ".png"))) {
                continue; // the map, when the run has nothing to draw on it
            }
            files.add("charts/" + chart + ".png");
            files.add("charts/" + chart + ".svg");
        }
        m.set("parameters", s.resolved());
        Files.writeString(file, json.writeValueAsString(m) + "\n", StandardCharsets.UTF_8);
    }
}
