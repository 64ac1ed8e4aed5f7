package org.jurisim.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jurisim.cli.Main;
import org.jurisim.output.Checkpoints;
import org.jurisim.output.OutputPlace;
import org.jurisim.output.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per directory (issue 18): runs started together into one {@code --out} (with or without checkpoints)
 * let exactly one in and refuse the others in one line, exit 2; runs started in the same second with the default
 * {@code runs/<scenario>-<timestamp>} each get a directory of their own, every one from a single run; and a run
 * into the place of an interrupted run with checkpoints refuses and keeps them.
 */
class ConcurrentRunsTest {

    static final Path DEMO = Path.of("scenarios/small-demo.yaml").toAbsolutePath();
    static final String[] FILES = {"timeseries.csv", "jurisdictions.csv", "cases.csv", "events.csv", "scenario.resolved.yaml"};

    @TempDir
    Path tmp;

    /** Several threads of this JVM run into one --out at once: one wins, the others are refused. */
    @Test
    void runsIntoOneExplicitDirectoryLetExactlyOneIn() throws Exception {
        for (boolean checkpoints : new boolean[] {false, true}) {
            Path out = tmp.resolve(checkpoints ? "shared-checkpointed" : "shared");
            int n = 4;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(n);
            List<Future<Cli.Result>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long seed = 1 + i;
                results.add(pool.submit(() -> {
                    go.await();
                    List<String> args = new ArrayList<>(List.of("run", DEMO.toString(), "--quiet", "--seed", Long.toString(seed),
                            "--set", "duration=3y", "--set", "outputs.charts=[]", "--out", out.toString()));
                    if (checkpoints) {
                        args.addAll(List.of("--checkpoint-every", "30d"));
                    }
                    return Cli.run(args.toArray(String[]::new));
                }));
            }
            go.countDown();
            List<Cli.Result> done = new ArrayList<>();
            for (Future<Cli.Result> f : results) {
                done.add(f.get(5, TimeUnit.MINUTES));
            }
            pool.shutdown();
            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Cli.Result r = done.get(i);
                if (r.status() == Main.OK) {
                    winners.add(i);
                } else {
                    Cli.assertBadInput(r, "a run refused because another is writing");
                    assertThat(r.errLines()).hasSize(1);
                    assertThat(r.err()).startsWith("jurisim: another JuriSim run (pid " + ProcessHandle.current().pid() + ") is writing "
                            + out);
                }
            }
            assertThat(winners).as("runs that succeeded (checkpoints: %s): %s", checkpoints, done).hasSize(1);
            long seed = 1 + winners.get(0);
            assertSelfConsistent(out, seed);
            assertThat(sameBytesAsAlone(out, seed, "--set", "duration=3y")).isTrue();
            try (Stream<Path> left = Files.list(tmp)) {
                assertThat(left.map(p -> p.getFileName().toString()).filter(f -> f.startsWith(out.getFileName().toString())))
                        .as("no lock file, no .incomplete left").containsExactly(out.getFileName().toString());
            }
        }
    }

    /**
     * Child processes started "in the same second" (the timestamp of default names fixed) with the default
     * directory: each publishes its own, complete and from one run only.
     */
    @Test
    void runsWithTheDefaultDirectoryInTheSameSecondEachGetTheirOwn() throws Exception {
        Path cwd = Files.createDirectories(tmp.resolve("cwd"));
        Files.copy(DEMO, cwd.resolve("small-demo.yaml"));
        List<Process> children = new ArrayList<>();
        long[] seeds = {21, 22, 23, 24};
        for (long s : seeds) {
            children.add(child(cwd, tmp.resolve("child-" + s + ".log"), "run", "small-demo.yaml", "--quiet", "--seed", Long.toString(s),
                    "--days", "120", "--set", "outputs.charts=[]"));
        }
        for (int i = 0; i < seeds.length; i++) {
            Process p = children.get(i);
            assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as("child %d: %s", seeds[i], OutputOwnershipTest.childErr(tmp.resolve("child-" + seeds[i] + ".log")))
                    .isZero();
        }
        Path runs = cwd.resolve("runs");
        List<String> names;
        try (Stream<Path> l = Files.list(runs)) {
            names = l.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(names).containsExactly("small-demo-20260101-000000", "small-demo-20260101-000000-2", "small-demo-20260101-000000-3",
                "small-demo-20260101-000000-4");
        Map<Long, Path> bySeed = new TreeMap<>();
        for (String name : names) {
            Path dir = runs.resolve(name);
            long seed = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile()).get("seed").asLong();
            assertSelfConsistent(dir, seed);
            assertThat(bySeed.put(seed, dir)).as("seed %d published twice", seed).isNull();
        }
        assertThat(bySeed.keySet()).containsExactly(21L, 22L, 23L, 24L);
        for (Map.Entry<Long, Path> e : bySeed.entrySet()) {
            assertThat(sameBytesAsAlone(e.getValue(), e.getKey(), "--days", "120")).as("%s", e.getValue()).isTrue();
        }
    }

    /** Running again where an interrupted run's checkpoints wait refuses, pointing to resume, and keeps them. */
    @Test
    void aRunWhereAnInterruptedRunWaitsRefusesAndKeepsItsCheckpoints() throws Exception {
        Path out = tmp.resolve("long");
        Path work = tmp.resolve("long.incomplete");
        Process p = child(tmp, tmp.resolve("long.log"), "run", DEMO.toString(), "--quiet", "--checkpoint-every", "1d", "--set", "duration=200y",
                "--set", "outputs.charts=[]", "--out", out.toString());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (Checkpoints.list(work).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(Checkpoints.list(work)).as("a checkpoint of the child").isNotEmpty();
            // while it goes: refused by its lock, naming its pid (even with --force)
            for (String force : new String[] {"", "--force"}) {
                Cli.Result busy = run(out, force);
                Cli.assertBadInput(busy, "a run into a directory another process is writing");
                assertThat(busy.err()).contains("another JuriSim run (pid " + p.pid() + ") is writing " + out);
            }
        } finally {
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        Map<String, byte[]> before = files(work.resolve(Checkpoints.DIR));
        assertThat(before).containsKey(Checkpoints.PLAN_FILE);
        for (String force : new String[] {"", "--force"}) {
            Cli.Result r = run(out, force);
            Cli.assertBadInput(r, "a run where an interrupted run waits");
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.err()).contains("an interrupted run is waiting in " + work).contains("'./jurisim resume " + out + "'")
                    .doesNotContain("--force");
            Map<String, byte[]> after = files(work.resolve(Checkpoints.DIR));
            assertThat(after.keySet()).isEqualTo(before.keySet());
            before.forEach((k, v) -> assertThat(after.get(k)).as("%s kept", k).isEqualTo(v));
            assertThat(work.resolve(RunDirectory.MARKER)).exists();
        }
        // experiments refuse it too
        Cli.Result rep = Cli.run("run", DEMO.toString(), "--replicates", "2", "--days", "5", "--quiet", "--out", out.toString(), "--no-resume");
        Cli.assertBadInput(rep, "replicates where an interrupted run waits");
        assertThat(rep.err()).contains("./jurisim resume");
        assertThat(files(work.resolve(Checkpoints.DIR)).keySet()).isEqualTo(before.keySet());
    }

    // ------------------------------------------------------------------ helpers

    private static Cli.Result run(Path out, String force) {
        List<String> args = new ArrayList<>(List.of("run", DEMO.toString(), "--quiet", "--days", "5", "--set", "outputs.charts=[]", "--out",
                out.toString()));
        if (!force.isEmpty()) {
            args.add(force);
        }
        return Cli.run(args.toArray(String[]::new));
    }

    /** The manifest's seed, the resolved scenario's seed and the first line of every CSV agree: one run wrote it all. */
    private static void assertSelfConsistent(Path dir, long seed) throws IOException {
        JsonNode m = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        assertThat(m.get("seed").asLong()).as("manifest seed in %s", dir).isEqualTo(seed);
        assertThat(m.get("parameters").get("seed").asLong()).as("manifest parameters.seed in %s", dir).isEqualTo(seed);
        Matcher s = Pattern.compile("(?m)^seed: \"?([0-9]+)\"?$").matcher(Files.readString(dir.resolve("scenario.resolved.yaml")));
        assertThat(s.find()).as("seed in scenario.resolved.yaml of %s", dir).isTrue();
        assertThat(Long.parseLong(s.group(1))).as("scenario.resolved.yaml seed in %s", dir).isEqualTo(seed);
        for (String f : FILES) {
            assertThat(dir.resolve(f)).exists();
        }
        assertThat(dir.resolve(RunDirectory.MARKER)).doesNotExist();
        assertThat(dir.resolve(Checkpoints.DIR)).doesNotExist();
    }

    /** Runs the seed alone (with the same options) and compares the five deterministic files byte for byte. */
    private boolean sameBytesAsAlone(Path dir, long seed, String... options) throws IOException {
        Path alone = tmp.resolve("alone-" + seed + "-" + String.join("-", options).replaceAll("[^A-Za-z0-9]", "_"));
        if (!Files.exists(alone)) {
            List<String> args = new ArrayList<>(List.of("run", DEMO.toString(), "--quiet", "--seed", Long.toString(seed), "--set",
                    "outputs.charts=[]", "--out", alone.toString()));
            args.addAll(List.of(options));
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.status()).as("%s", r).isEqualTo(Main.OK);
        }
        for (String f : FILES) {
            assertThat(Files.readAllBytes(dir.resolve(f))).as("%s of %s against seed %d alone", f, dir, seed)
                    .isEqualTo(Files.readAllBytes(alone.resolve(f)));
        }
        return true;
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> l = Files.list(dir)) {
            for (Path p : l.toList()) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().equals(Checkpoints.LOCK_FILE)) {
                    out.put(p.getFileName().toString(), Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    /** The command line in a child JVM working in {@code cwd}, with the timestamp of default names fixed. */
    private static Process child(Path cwd, Path log, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = OutputOwnershipTest.absoluteClassPath(
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")).replace(";", File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-Djava.awt.headless=true",
                "-D" + OutputPlace.TIMESTAMP_PROPERTY + "=20260101-000000", "-cp", cp, Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
    }
}
