package org.jurisim.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jurisim.common.BadInputException;
import org.jurisim.output.SeriesTable;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioLoader;

/** Test helper: scenarios from YAML text, run to a {@link SeriesTable}. */
final class Harness {

    private Harness() {
    }

    static Scenario scenario(String yaml, String... overrides) {
        try {
            Path dir = Files.createTempDirectory("jurisim-test");
            Path f = dir.resolve("s.yaml");
            Files.writeString(f, yaml);
            return ScenarioLoader.load(f, List.of(overrides));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (BadInputException e) {
            throw new AssertionError("scenario does not load: " + e.problems(), e);
        }
    }

    static SeriesTable run(Scenario s) {
        SeriesTable t = new SeriesTable();
        JuriSimModel m = new JuriSimModel(s);
        m.addSink(t);
        m.runDays(s.days(), null);
        return t;
    }

    static double sum(SeriesTable t, String metric) {
        double s = 0;
        for (double v : t.series(metric)) {
            if (!Double.isNaN(v)) {
                s += v;
            }
        }
        return s;
    }

    /**
     * Three big, high-immigration counties: plenty of detainers for statistics. Policy adaptation is
     * off, so each test sees only the mechanism it is about.
     */
    static String counties(String policy) {
        return """
                name: test
                start: 2026-01-01
                duration: 180d
                seed: 7
                jurisdictions:
                  list:
                    - {name: A County, state: CA, population: 4000000, foreignBornShare: 0.3, policy: %1$s}
                    - {name: B County, state: TX, population: 3000000, foreignBornShare: 0.25, policy: %1$s}
                    - {name: C County, state: IL, population: 2000000, foreignBornShare: 0.2, policy: %1$s}
                mechanisms: {adaptation: false}
                """.formatted(policy);
    }
}
