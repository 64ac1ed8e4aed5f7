package org.jurisim.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jurisim.cli.Main;
import org.jurisim.scenario.ScenarioLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing of the scenario loader through the command line: seeded mutations of every bundled scenario
 * ({@code scenarios/*.yaml}). Each mutant goes through {@code jurisim validate}; if it is valid, it is run for 3
 * days (60 generated counties where the scenario generates them, no charts). Every case must end with exit 0, or
 * exit 2 and only well-formed one-line problems on stderr; never another status, never a stack trace, never a
 * hang (each case has 30 seconds), and never a half-written or mislabelled output directory.
 */
class ScenarioFuzzTest {

    /** Mutants per bundled scenario in the normal suite (times jurisim.fuzz.scale). */
    static final int PER_SCENARIO = 100 * Fuzz.SCALE;
    static final Duration CASE_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path tmp;
    static Path dir;
    static final Map<String, Boolean> GENERATES = new ConcurrentHashMap<>();
    static final AtomicInteger CASES = new AtomicInteger();
    static final AtomicInteger VALID = new AtomicInteger();
    static final AtomicInteger RAN = new AtomicInteger();
    static final AtomicInteger REFUSED = new AtomicInteger();

    @BeforeAll
    static void copyScenarios() throws Exception {
        dir = Files.createDirectories(tmp.resolve("scenarios"));
        try (Stream<Path> files = Files.list(Path.of("scenarios"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        for (String name : bundled()) {
            boolean gen = ScenarioLoader.load(Path.of("scenarios", name)).resolved().at("/jurisdictions/generate").isObject();
            GENERATES.put(name, gen);
        }
    }

    static List<String> bundled() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("scenarios"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
    }

    @AfterAll
    static void report() {
        System.out.printf("ScenarioFuzzTest: %d cases (%d mutants valid, %d run, %d refused with exit 2), scale %d, seed %d%n",
                CASES.get(), VALID.get(), RAN.get(), REFUSED.get(), Fuzz.SCALE, Fuzz.SEED);
        if (System.getProperty("jurisim.fuzz.only") == null) {
            assertThat(CASES.get()).isEqualTo(bundledCount() * PER_SCENARIO);
        }
    }

    private static int bundledCount() {
        try {
            return bundled().size();
        } catch (IOException e) {
            return -1;
        }
    }

    @TestFactory
    Stream<DynamicTest> mutantsOfEveryBundledScenario() throws IOException {
        List<String> names = bundled();
        assertThat(names).hasSizeGreaterThanOrEqualTo(5);
        String only = System.getProperty("jurisim.fuzz.only"); // e.g. small-demo.yaml#12, to replay one case
        return names.stream().flatMap(name -> IntStream.range(0, PER_SCENARIO)
                .filter(i -> only == null || only.equals(name + "#" + i))
                .mapToObj(i -> DynamicTest.dynamicTest(name + " #" + i, () -> fuzzCase(name, i))));
    }

    /** Control characters written as \\uXXXX, so that a failure message shows the whole case. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.chars().forEach(c -> b.append(Character.isISOControl(c) || Character.isSurrogate((char) c) || c == 0x2028 || c == 0x2029
                ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.toString();
    }

    private void fuzzCase(String name, int i) throws IOException {
        long seed = Fuzz.seed(name, i);
        Random rnd = new Random(seed);
        String original = Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        ScenarioMutator.Mutant m = new ScenarioMutator(rnd).mutate(original);
        String stem = name.replaceFirst("\\.yaml$", "");
        Path file = dir.resolve("fuzz-" + stem + ".yaml");
        byte[] bytes = m.text().getBytes(StandardCharsets.UTF_8);
        String description = m.description();
        if (rnd.nextInt(40) == 0 && bytes.length > 0) {
            // not UTF-8: a lone continuation byte, or a truncated sequence
            int at = rnd.nextInt(bytes.length);
            bytes[at] = (byte) (rnd.nextBoolean() ? 0x80 : 0xC3);
            description += ", and byte " + at + " made invalid UTF-8";
        }
        Files.write(file, bytes);
        Path out = tmp.resolve("out").resolve(stem + "-" + i);
        String what = printable("fuzz case " + name + " #" + i + " (seed " + seed + "): " + description + "; mutant in " + file);
        CASES.incrementAndGet();
        Fuzz.CASES.incrementAndGet();
        assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
            Cli.Result v = Cli.run("validate", file.toString());
            if (v.status() == Main.OK) {
                VALID.incrementAndGet();
                assertThat(v.out()).as(what).startsWith(file + ": ok");
                assertThat(v.err()).as(what).isEmpty();
                List<String> args = new ArrayList<>(List.of("run", file.toString(), "--quiet", "--out", out.toString(),
                        "--set", "duration=3d", "--set", "outputs.charts=[]"));
                if (GENERATES.get(name)) {
                    args.addAll(List.of("--set", "jurisdictions.generate.counties=60"));
                }
                Cli.Result r = Cli.run(args.toArray(String[]::new));
                if (r.status() == Main.OK) {
                    RAN.incrementAndGet();
                    assertThat(out.resolve("timeseries.csv")).as(what).exists();
                    assertThat(Files.readAllLines(out.resolve("timeseries.csv"))).as(what).hasSize(4);
                    assertThat(out.resolve("INCOMPLETE")).as(what).doesNotExist();
                } else {
                    REFUSED.incrementAndGet();
                    Cli.assertBadInput(r, what + " (run)");
                    assertThat(out).as(what).doesNotExist();
                }
            } else {
                REFUSED.incrementAndGet();
                Cli.assertBadInput(v, what + " (validate)");
            }
        }, () -> "no answer within " + CASE_TIMEOUT + ": " + what);
        Files2.deleteTree(out);
        Files2.deleteTree(out.resolveSibling(out.getFileName() + ".incomplete"));
    }
}
