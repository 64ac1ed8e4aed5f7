package org.jurisim.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jurisim.cli.Main;
import org.jurisim.scenario.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading time grows with the size of the file, not with its square: a scenario of many unknown keys and many
 * policies is validated in time proportional to its length, with the problems capped at a readable number.
 * Measured as ratios (four times the file, well under sixteen times the time), never as absolute times.
 */
class LoadingScalesTest {

    @TempDir
    Path tmp;

    /** N unknown top-level keys and N/10 policies (rules from a few texts, as real scenarios repeat them). */
    private Path scenario(String name, int keys) throws Exception {
        StringBuilder y = new StringBuilder("""
                name: Scales
                start: 2026-01-01
                duration: 30d
                jurisdictions:
                  list:
                    - {name: Cook County, state: IL, population: 5087072}
                policies:
                """);
        for (int i = 0; i < keys / 10; i++) {
            y.append("  p").append(i).append(":\n    cooperation: 0.5\n")
                    .append("    detainer: \"detainer.judicialWarrant || detainer.severity >= Severity.VIOLENT_FELONY ? HONOR : NOTIFY\"\n")
                    .append("    shareReleaseDates: \"jurisdiction.population > ").append(i % 7).append("\"\n")
                    .append("    iceJailAccess: true\n");
        }
        for (int i = 0; i < keys; i++) {
            y.append("unknownKey").append(i).append(": ").append(i).append('\n');
        }
        Path f = tmp.resolve(name);
        Files.writeString(f, y, StandardCharsets.UTF_8);
        return f;
    }

    private static long validateNanos(Path f, int expectedProblems) {
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 2; attempt++) {
            long t0 = System.nanoTime();
            Cli.Result r = Cli.run("validate", f.toString());
            best = Math.min(best, System.nanoTime() - t0);
            Cli.assertBadInput(r, "validate " + f.getFileName());
            List<String> lines = r.errLines();
            assertThat(lines).hasSize(101);
            assertThat(lines.get(100)).contains("(top level): ... and " + String.format(java.util.Locale.ROOT, "%,d", expectedProblems - 100)
                    + " more problems (only the first 100 are listed");
        }
        return best;
    }

    @Test
    void fourTimesTheKeysAndPoliciesTakeLessThanSixTimesTheTime() throws Exception {
        Path small = scenario("small.yaml", 5_000);
        Path large = scenario("large.yaml", 20_000);
        validateNanos(small, 5_000); // warm up the JIT and the schema
        long t1 = validateNanos(small, 5_000);
        long t4 = validateNanos(large, 20_000);
        System.out.printf("LoadingScalesTest: 5,000 keys and 500 policies %d ms; 20,000 keys and 2,000 policies %d ms%n",
                t1 / 1_000_000, t4 / 1_000_000);
        assertThat((double) t4 / t1).as("time for 20,000 keys and 2,000 policies (%d ms) over 5,000 keys and 500 policies (%d ms)",
                t4 / 1_000_000, t1 / 1_000_000).isLessThan(6.0);
    }

    @Test
    void aFourMebibyteFileOfUnknownKeysIsAnsweredInAHundredAndOneLines() throws Exception {
        StringBuilder y = new StringBuilder("name: Keys\nstart: 2026-01-01\nduration: 30d\njurisdictions:\n  list:\n"
                + "    - {name: Cook County, state: IL, population: 5087072}\n");
        int n = 0;
        while (y.length() < Limits.DEFAULT.fileChars() - 64) {
            y.append("k").append(n++).append(": 1\n");
        }
        Path f = tmp.resolve("keys.yaml");
        Files.writeString(f, y, StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        Cli.Result r = Cli.run("validate", f.toString());
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        System.out.printf("LoadingScalesTest: %,d unknown keys (4 MiB) in %d s%n", n, seconds);
        Cli.assertBadInput(r, "validate keys.yaml");
        assertThat(r.errLines()).hasSize(101);
        assertThat(r.errLines().get(100)).contains("more problems");
        // a generous bound, to catch a return of quadratic time (this took over 300 s before), not to time the machine
        assertThat(seconds).as("seconds to validate %d unknown keys", n).isLessThan(120);
    }

    @Test
    void policiesAndEventsHaveLimitsRaisedByAllowLarge() throws Exception {
        StringBuilder y = new StringBuilder("name: Many\nstart: 2026-01-01\nduration: 30d\njurisdictions:\n  list:\n"
                + "    - {name: Cook County, state: IL, population: 5087072}\npolicies:\n");
        for (int i = 0; i < Limits.DEFAULT.policies(); i++) {
            y.append("  p").append(i).append(": {cooperation: 0.5, detainer: HONOR, shareReleaseDates: true, iceJailAccess: true}\n");
        }
        Path f = tmp.resolve("policies.yaml");
        Files.writeString(f, y, StandardCharsets.UTF_8);
        Cli.Result r = Cli.run("validate", f.toString());
        Cli.assertBadInput(r, "validate policies.yaml");
        assertThat(r.errLines()).singleElement().asString()
                .contains("policies.yaml:7:1: policies: expected at most 10,000 policies, found 10,004 (policy limit")
                .contains("--allow-large raises the limit to 100,000");
        assertThat(Cli.run("validate", f.toString(), Limits.FLAG).status()).isEqualTo(Main.OK);

        StringBuilder e = new StringBuilder("name: Events\nstart: 2026-01-01\nduration: 30d\njurisdictions:\n  list:\n"
                + "    - {name: Cook County, state: IL, population: 5087072}\nevents:\n");
        for (int i = 0; i <= Limits.DEFAULT.events(); i++) {
            e.append("  - {on: 2026-01-02, do: officers, count: 5000}\n");
        }
        Path g = tmp.resolve("events.yaml");
        Files.writeString(g, e, StandardCharsets.UTF_8);
        Cli.Result re = Cli.run("validate", g.toString());
        Cli.assertBadInput(re, "validate events.yaml");
        assertThat(re.errLines()).singleElement().asString()
                .contains("events: expected at most 20,000 events, found 20,001 (event limit")
                .contains("--allow-large raises the limit to 100,000");
    }
}
