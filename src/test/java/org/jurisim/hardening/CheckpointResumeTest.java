package org.jurisim.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.File;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.jurisim.cli.Main;
import org.jurisim.metrics.MetricsSink;
import org.jurisim.model.JuriSimModel;
import org.jurisim.output.Checkpoints;
import org.jurisim.output.RunDirectory;
import org.jurisim.output.SeriesTable;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint and resume: a run killed with SIGKILL in a child JVM and resumed ends with outputs byte-identical to
 * the same run never interrupted; checkpoints hold the random number generator; timeseries.csv is cut back to the
 * checkpoint's day; a damaged checkpoint is passed over; resume refuses what it cannot do, in one line.
 */
class CheckpointResumeTest {

    /** The national map for four years: long enough to be killed between two yearly checkpoints. */
    static final String SCENARIO = "scenarios/standoff-2026.yaml";
    static final List<String> COMPARED = List.of("timeseries.csv", "jurisdictions.csv", "cases.csv", "events.csv", "scenario.resolved.yaml");

    @TempDir
    static Path shared;
    static Path reference;

    /** The uninterrupted run every resumed run must equal (no checkpoints: they must not change the outputs). */
    @BeforeAll
    static void uninterruptedRun() {
        reference = shared.resolve("reference");
        Cli.Result r = Cli.run("run", SCENARIO, "--quiet", "--out", reference.toString());
        assertThat(r.status()).as("%s", r).isEqualTo(Main.OK);
    }

    private static void assertSameOutputs(Path run) throws IOException {
        for (String f : COMPARED) {
            assertThat(Files.readAllBytes(run.resolve(f))).as("%s of the resumed run", f).isEqualTo(Files.readAllBytes(reference.resolve(f)));
        }
        assertThat(run.resolve(Checkpoints.DIR)).as("checkpoints of a finished run").doesNotExist();
        assertThat(run.resolve(RunDirectory.MARKER)).doesNotExist();
        assertThat(run.resolveSibling(run.getFileName() + ".incomplete")).doesNotExist();
    }

    private static Process child(Path out, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")).replace(";", File.pathSeparator);
        return new ProcessBuilder(java, "-Xmx1g", "-Djava.awt.headless=true", "-cp", cp, Main.class.getName(), "run", SCENARIO,
                "--quiet", "--checkpoint-every", "365d", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until a checkpoint of at least {@code day} exists, then kills the child with SIGKILL. */
    private static void killAfterCheckpoint(Process p, Path work, long day) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            List<Path> cps = Checkpoints.list(work);
            if (!cps.isEmpty() && Checkpoints.header(cps.get(cps.size() - 1)).day() >= day) {
                break;
            }
            assertThat(p.isAlive()).as("the child ended before its checkpoint at day %d", day).isTrue();
            Thread.sleep(5);
        }
        p.destroyForcibly(); // SIGKILL on Linux and macOS: no shutdown hooks, no finally blocks
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aRunKilledWithSigkillAndResumedEndsByteIdenticalToAnUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("killed");
        Path work = tmp.resolve("killed.incomplete");
        Process p = child(out, tmp.resolve("child.log"));
        killAfterCheckpoint(p, work, 365);
        assertThat(p.exitValue()).as("killed, not finished").isNotZero();

        // what a kill leaves: only DIR.incomplete, marked, never a directory that looks complete
        assertThat(out).doesNotExist();
        assertThat(work.resolve(RunDirectory.MARKER)).exists();
        assertThat(work.resolve("manifest.json")).doesNotExist();
        long rowsAtKill = Files.readAllLines(work.resolve("timeseries.csv")).size();

        // rows written after the checkpoint (and a half-written one) are cut back on resume
        Files.writeString(work.resolve("timeseries.csv"), "9999,2099-01-01,half a row", StandardOpenOption.APPEND);
        Cli.Result r = assertTimeoutPreemptively(Duration.ofMinutes(3), () -> Cli.run("resume", work.toString()));
        assertThat(r.status()).as("%s", r).isEqualTo(Main.OK);
        assertThat(r.out()).contains("resumed from").contains("day ");
        assertSameOutputs(out);
        System.out.printf("CheckpointResumeTest: killed with SIGKILL after the day-365 checkpoint (%d rows in timeseries.csv at the kill),"
                + " resumed: %s identical to the uninterrupted run%n", rowsAtKill - 1, COMPARED);
    }

    @Test
    void aResumedRunCanBeKilledAndResumedAgain(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("twice");
        Path work = tmp.resolve("twice.incomplete");
        killAfterCheckpoint(child(out, tmp.resolve("child1.log")), work, 365);
        // resume in a second child, kill it after its own next checkpoint, and resume by the final name
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")).replace(";", File.pathSeparator);
        long first = Checkpoints.header(Checkpoints.list(work).get(Checkpoints.list(work).size() - 1)).day();
        Process p2 = new ProcessBuilder(java, "-Xmx1g", "-Djava.awt.headless=true", "-cp", cp, Main.class.getName(), "resume", out.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child2.log").toFile()).start();
        killAfterCheckpoint(p2, work, first + 365);
        Cli.Result r = Cli.run("resume", out.toString(), "--quiet");
        assertThat(r.status()).as("%s", r).isEqualTo(Main.OK);
        assertSameOutputs(out);
    }

    @Test
    void checkpointingDoesNotChangeTheOutputs(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("checkpointed");
        Cli.Result r = Cli.run("run", SCENARIO, "--quiet", "--checkpoint-every", "100d", "--out", out.toString());
        assertThat(r.status()).as("%s", r).isEqualTo(Main.OK);
        assertSameOutputs(out);
    }

    @Test
    void theRandomNumberGeneratorIsPartOfTheCheckpoint(@TempDir Path tmp) throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("scenarios/small-demo.yaml"));
        JuriSimModel live = new JuriSimModel(s);
        SeriesTable table = new SeriesTable();
        live.addSink(table);
        live.start();
        for (int d = 0; d < 100; d++) {
            live.schedule.step(live);
        }
        Path file = Checkpoints.write(tmp, live, List.<MetricsSink>of(table), table, 100, 0);
        SeriesTable again = new SeriesTable();
        JuriSimModel restored = Checkpoints.read(file, ScenarioLoader.load(Path.of("scenarios/small-demo.yaml")),
                List.<MetricsSink>of(again), again).model();
        assertThat(restored).isNotSameAs(live);
        assertThat(restored.random).isNotSameAs(live.random);
        assertThat(again.rows()).isEqualTo(100);
        for (int i = 0; i < 1000; i++) {
            assertThat(restored.random.nextLong()).as("draw %d after the checkpoint", i).isEqualTo(live.random.nextLong());
        }
        // and the model goes on the same way
        for (int d = 0; d < 60; d++) {
            live.schedule.step(live);
            restored.schedule.step(restored);
        }
        assertThat(again.series("detainers_issued")).isEqualTo(table.series("detainers_issued"));
        assertThat(again.series("detention_occupancy")).isEqualTo(table.series("detention_occupancy"));
    }

    @Test
    void aDamagedCheckpointIsPassedOverForTheOneBefore(@TempDir Path tmp) throws Exception {
        Path work = tmp.resolve("damaged.incomplete");
        killAfterCheckpoint(child(tmp.resolve("damaged"), tmp.resolve("damaged.log")), work, 730);
        List<Path> cps = Checkpoints.list(work);
        assertThat(cps).hasSizeGreaterThanOrEqualTo(2);
        Path newest = cps.get(cps.size() - 1);
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // cut short, as a full disk might
        Cli.Result r = Cli.run("resume", work.toString());
        assertThat(r.status()).as("%s", r).isEqualTo(Main.OK);
        assertThat(r.out()).contains(cps.get(cps.size() - 2).getFileName().toString());
        assertSameOutputs(tmp.resolve("damaged"));
    }

    @Test
    void aRunStoppedBeforeItsFirstCheckpointStartsAgain(@TempDir Path tmp) throws Exception {
        Path work = tmp.resolve("early.incomplete");
        killAfterCheckpoint(child(tmp.resolve("early"), tmp.resolve("early.log")), work, 365);
        for (Path c : Checkpoints.list(work)) {
            Files.delete(c);
        }
        Cli.Result r = Cli.run("resume", tmp.resolve("early").toString());
        assertThat(r.status()).as("%s", r).isEqualTo(Main.OK);
        assertThat(r.out()).contains("the start");
        assertSameOutputs(tmp.resolve("early"));
    }

    // ------------------------------------------------------------------ refusals

    @Test
    void resumeRefusesWhatItCannotDoInOneLine(@TempDir Path tmp) throws Exception {
        // nothing there
        Cli.assertBadInput(Cli.run("resume", tmp.resolve("nothing").toString()), "resume of nothing");
        // a complete run
        Cli.Result complete = Cli.run("resume", reference.toString());
        Cli.assertBadInput(complete, "resume of a complete run");
        assertThat(complete.err()).contains("is a complete run");
        // a run without checkpoints
        Path plain = tmp.resolve("plain.incomplete");
        Files.createDirectories(plain);
        Files.writeString(plain.resolve(RunDirectory.MARKER), "run in progress\n");
        Cli.Result noPlan = Cli.run("resume", plain.toString());
        Cli.assertBadInput(noPlan, "resume of a run without checkpoints");
        assertThat(noPlan.err()).contains("--checkpoint-every");
    }

    @Test
    void resumeRefusesAChangedScenarioAndARunStillGoing(@TempDir Path tmp) throws Exception {
        Path scenario = tmp.resolve("demo.yaml");
        Files.copy(Path.of("scenarios/small-demo.yaml"), scenario);
        Path out = tmp.resolve("demo");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")).replace(";", File.pathSeparator);
        Process p = new ProcessBuilder(java, "-Xmx512m", "-Djava.awt.headless=true", "-cp", cp, Main.class.getName(), "run",
                scenario.toString(), "--quiet", "--checkpoint-every", "1d", "--set", "duration=200y", "--set", "outputs.charts=[]",
                "--out", out.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("demo.log").toFile()).start();
        Path work = tmp.resolve("demo.incomplete");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Checkpoints.list(work).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            // the child holds the run's lock: a second process must not resume it
            Cli.Result busy = Cli.run("resume", out.toString());
            Cli.assertBadInput(busy, "resume of a run still going");
            assertThat(busy.err()).contains("still going");
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        Files.writeString(scenario, Files.readString(scenario).replace("seed: 42", "seed: 43"));
        Cli.Result changed = Cli.run("resume", out.toString());
        Cli.assertBadInput(changed, "resume with a changed scenario");
        assertThat(changed.err()).contains("no longer resolves to the one the run started with");
        assertThat(work).exists();
    }

    @Test
    void aCheckpointCannotMakeOtherClassesRun(@TempDir Path tmp) throws Exception {
        Path work = tmp.resolve("evil.incomplete");
        killAfterCheckpoint(child(tmp.resolve("evil"), tmp.resolve("evil.log")), work, 365);
        Path cp = Checkpoints.list(work).get(0);
        Checkpoints.Header h = Checkpoints.header(cp);
        for (Path c : Checkpoints.list(work)) {
            Files.delete(c);
        }
        // a checkpoint whose "model" is an object of a class no checkpoint holds (here a harmless java.net.URL)
        try (ObjectOutputStream o = new ObjectOutputStream(new GZIPOutputStream(Files.newOutputStream(cp)))) {
            o.writeObject(h);
            o.writeObject(new java.net.URL("http://127.0.0.1:9/"));
        }
        Cli.Result r = Cli.run("resume", work.toString());
        Cli.assertBadInput(r, "resume from a hostile checkpoint");
        assertThat(r.err()).contains("not a checkpoint this JuriSim can read").contains("java.net.URL");
        assertThat(work.resolve(RunDirectory.MARKER)).content(StandardCharsets.UTF_8).startsWith("run failed").contains("resume failed");
    }
}
