package org.jurisim.experiment;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jurisim.cli.Main;
import org.jurisim.common.BadInputException;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioLoader;

/** Test helpers: the small demo scenario cut short, the command line with captured streams, CSV reading. */
final class Fixtures {

    static final Path DEMO = Path.of("scenarios/small-demo.yaml");

    private Fixtures() {
    }

    /** The small demo, {@code days} long, with more overrides. */
    static Scenario demo(int days, String... overrides) {
        List<String> all = new ArrayList<>();
        all.add("duration=" + days + "d");
        all.addAll(List.of(overrides));
        try {
            return ScenarioLoader.load(DEMO, all);
        } catch (BadInputException e) {
            throw new AssertionError(e.problems().toString(), e);
        }
    }

    /** A command line's exit status and output. */
    record Cli(int status, String out, String err) {
    }

    static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Cli(status, out.toString(), err.toString());
    }

    /** A scenario file extending the small demo with extra YAML. */
    static Path derived(Path dir, String name, String yaml) {
        try {
            Path f = dir.resolve(name + ".yaml");
            Files.writeString(f, "extends: " + DEMO.toAbsolutePath() + "\n" + yaml, StandardCharsets.UTF_8);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows of a CSV file written by JuriSim (no quoted commas in the columns tests read). */
    static List<String[]> csv(Path f) {
        try {
            return Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).map(l -> l.split(",", -1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int column(List<String[]> rows, String name) {
        int i = List.of(rows.get(0)).indexOf(name);
        if (i < 0) {
            throw new AssertionError("no column " + name);
        }
        return i;
    }

    static double num(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
