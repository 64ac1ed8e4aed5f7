package org.jurisim.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jurisim.scenario.Scenario;

/**
 * The one writer of {@code manifest.json}, for every command that writes one (run, run --replicates, compare, sweep,
 * check): the same header (versions, platform, command line), the same scenario block where there is one scenario,
 * the same closing fields (start, finish, wall time, outputs), written the same way. What differs between commands
 * goes in between, under {@code experiment}.
 */
final class Manifest {

    /** Name of the file in every run and experiment directory. */
    static final String FILE = "manifest.json";

    private final ObjectNode node;

    private Manifest(List<String> commandLine) {
        node = ExperimentDir.json().createObjectNode();
        node.put("jurisim_version", SingleRun.version());
        node.put("java_version", System.getProperty("java.version"));
        node.put("java_vendor", System.getProperty("java.vendor"));
        node.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        ArrayNode c = node.putArray("command_line");
        commandLine.forEach(c::add);
    }

    /** A manifest with its header: versions, platform and the command line as typed. */
    static Manifest of(List<String> commandLine) {
        return new Manifest(commandLine);
    }

    /** The JSON object, for the fields a command adds between the header and the closing fields. */
    ObjectNode node() {
        return node;
    }

    /** The scenario run for {@code days} days: its name, path and hash, seed, calendar and size. */
    Manifest scenario(Scenario s, long days) {
        ObjectNode sc = node.putObject("scenario");
        sc.put("name", s.name());
        sc.put("path", s.file());
        sc.put("absolute_path", Path.of(s.file()).toAbsolutePath().normalize().toString());
        sc.put("sha256", s.sha256());
        node.put("seed", s.seed());
        node.put("start_date", s.start().toString());
        node.put("end_date", s.dateOf(days - 1).toString());
        node.put("days_simulated", days);
        node.put("jurisdictions", s.jurisdictions().size());
        return this;
    }

    /** The closing fields: when it started and finished, the wall time, and the files written (relative paths). */
    Manifest finish(Instant started, double wallSeconds, List<String> outputs) {
        node.put("started_at", started.toString());
        node.put("finished_at", Instant.now().toString());
        node.put("wall_seconds", Math.round(wallSeconds * 1000) / 1000.0);
        ArrayNode files = node.putArray("outputs");
        outputs.forEach(files::add);
        return this;
    }

    /** The scenario's resolved parameters, last (the longest part). */
    Manifest parameters(Scenario s) {
        node.set("parameters", s.resolved());
        return this;
    }

    /** Writes {@code manifest.json} into {@code dir}. */
    void write(Path dir) throws IOException {
        ExperimentDir.writeJson(dir.resolve(FILE), node);
    }
}
