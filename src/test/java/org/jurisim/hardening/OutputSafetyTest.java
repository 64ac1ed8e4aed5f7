package org.jurisim.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jurisim.cli.Main;
import org.jurisim.experiment.SingleRun;
import org.jurisim.output.RunDirectory;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs are atomic and never silently overwritten: a run writes into DIR.incomplete and renames it when
 * complete; an existing DIR is refused unless --force; a failed run leaves only DIR.incomplete with an INCOMPLETE
 * marker naming the reason; an output location that cannot be written, or a disk that fills up, gives one clear
 * line and no stack trace.
 */
class OutputSafetyTest {

    static final String DEMO = "scenarios/small-demo.yaml";

    @TempDir
    Path tmp;

    private static Cli.Result run(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", DEMO, "--quiet", "--out", out.toString(), "--set", "duration=20d",
                "--set", "outputs.charts=[]"));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void aCompleteRunIsRenamedIntoPlaceWithNothingLeftOver() {
        Path out = tmp.resolve("ok");
        assertThat(run(out).status()).isEqualTo(Main.OK);
        assertThat(out.resolve("manifest.json")).exists();
        assertThat(out.resolve(RunDirectory.MARKER)).doesNotExist();
        assertThat(tmp.resolve("ok.incomplete")).doesNotExist();
        Path checkpointed = tmp.resolve("checkpointed");
        assertThat(run(checkpointed, "--checkpoint-every", "5d").status()).isEqualTo(Main.OK);
        assertThat(checkpointed.resolve("checkpoints")).doesNotExist();
        assertThat(tmp.resolve("checkpointed.incomplete")).doesNotExist();
    }

    @Test
    void anExistingDirectoryIsRefusedUnlessForced() throws IOException {
        Path out = tmp.resolve("existing");
        assertThat(run(out, "--seed", "1").status()).isEqualTo(Main.OK);
        Files.writeString(out.resolve("note.txt"), "a note added to an earlier result");
        Cli.Result r = run(out);
        Cli.assertBadInput(r, "run into an existing directory");
        assertThat(r.err()).contains("already exists").contains("--force");
        assertThat(out.resolve("note.txt")).content().isEqualTo("a note added to an earlier result");
        assertThat(tmp.resolve("existing.incomplete")).doesNotExist();

        // a run directory JuriSim wrote (its manifest.json says so) is replaced with --force; see OutputOwnershipTest
        // for what never is
        assertThat(run(out, "--force").status()).isEqualTo(Main.OK);
        assertThat(out.resolve("note.txt")).doesNotExist();
        assertThat(out.resolve("timeseries.csv")).exists();
        assertThat(tmp.resolve("existing.replaced")).doesNotExist();
        assertThat(tmp.resolve("existing.lock")).doesNotExist();
    }

    @Test
    void aRunThatFailsLeavesOnlyAMarkedIncompleteDirectory() throws IOException {
        Path scenario = tmp.resolve("fails.yaml");
        Files.writeString(scenario, """
                name: Fails on day 5
                start: 2026-01-01
                duration: 30d
                jurisdictions:
                  list:
                    - {name: Cook County, state: IL, population: 5087072, policy: x}
                policies:
                  x:
                    cooperation: 0.5
                    detainer: "day < 5 ? HONOR : (jurisdiction.population / (day - day) > 0 ? HONOR : NOTIFY)"
                    shareReleaseDates: true
                    iceJailAccess: true
                outputs: {charts: []}
                """, StandardCharsets.UTF_8);
        Path out = tmp.resolve("failed");
        Cli.Result r = Cli.run("run", scenario.toString(), "--quiet", "--out", out.toString());
        Cli.assertBadInput(r, "a run whose rule fails on day 5");
        assertThat(r.err()).contains(scenario + ":10:").contains("policies.x.detainer").contains("division by zero");
        assertThat(out).doesNotExist();
        Path work = tmp.resolve("failed.incomplete");
        assertThat(work.resolve(RunDirectory.MARKER)).content(StandardCharsets.UTF_8)
                .startsWith("run failed at ").contains("division by zero");
        assertThat(work.resolve("manifest.json")).as("never looks complete").doesNotExist();
    }

    @Test
    void aRunWhoseTargetAppearsMeanwhileKeepsBothAndSaysSo() throws Exception {
        Scenario s = ScenarioLoader.load(Path.of(DEMO), List.of("duration=20d", "outputs.charts=[]"));
        Path out = tmp.resolve("raced");
        assertThatThrownBy(() -> SingleRun.run(s, out, s.days(), false, List.of(), d -> {
            if (d == 10) {
                try {
                    Files.createDirectories(out).resolve("theirs.txt").toFile().createNewFile();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        })).isInstanceOf(IOException.class).hasMessageContaining("appeared while the run was going");
        assertThat(out.resolve("theirs.txt")).exists();
        assertThat(tmp.resolve("raced.incomplete").resolve(RunDirectory.MARKER)).content(StandardCharsets.UTF_8)
                .startsWith("run failed at ").contains("appeared while the run was going");
        assertThat(tmp.resolve("raced.incomplete").resolve("timeseries.csv")).exists();
    }

    @Test
    void anOutputPathUnderAFileIsOneLineAndExitTwo() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
        Cli.Result r = run(file.resolve("run"));
        Cli.assertBadInput(r, "--out under a file");
        assertThat(r.err()).startsWith("jurisim: cannot create the output directory").contains("choose another place with --out");
    }

    @Test
    void aReadOnlyFileSystemIsOneLineAndExitTwo() {
        // /sys refuses new directories even to root (CI runs as root, so a chmod'ed directory would not do)
        Path sys = Path.of("/sys/jurisim-test-run");
        assertThat(Path.of("/sys")).isDirectory();
        Cli.Result r = run(sys);
        Cli.assertBadInput(r, "--out on a read-only file system");
        assertThat(r.err()).contains("cannot create the output directory");
    }

    /**
     * A full disk mid-run (a 64 kB tmpfs): one line, exit 1, the marker says why, in words that do not depend on the
     * computer's language (the suite runs under a Turkish locale, where the system's message is translated).
     * Mounting needs root: CI runs as root and must run this case (it fails there if the mount fails); a developer's
     * machine without mount rights skips it, saying why (deliberate: the assumption below).
     */
    @Test
    void aDiskThatFillsUpMidRunIsOneLineAndExitOne() throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("small-disk"));
        boolean mounted = exec("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt.toString()) == 0;
        if (System.getenv("CI") != null) {
            assertThat(mounted).as("CI must be able to mount a 64 kB tmpfs for the full-disk case").isTrue();
        }
        assumeTrue(mounted, "cannot mount a small tmpfs here (needs root; CI runs it)");
        try {
            Cli.Result r = Cli.run("run", DEMO, "--quiet", "--out", mnt.resolve("run").toString(), "--set", "outputs.charts=[]");
            assertThat(r.status()).as("%s", r).isEqualTo(Main.INTERNAL);
            assertThat(r.out()).isEmpty();
            assertThat(r.errLines()).hasSize(1).allSatisfy(l -> assertThat(l)
                    .startsWith("jurisim: I/O error: ").contains("no space left on the disk holding " + mnt.resolve("run.incomplete"))
                    .contains("details in ")
                    .doesNotContain("\tat "));
            assertThat(mnt.resolve("run")).doesNotExist();
            assertThat(mnt.resolve("run.incomplete").resolve(RunDirectory.MARKER)).content(StandardCharsets.UTF_8)
                    .startsWith("run failed at ").contains("no space left on the disk holding");
        } finally {
            exec("umount", "-l", mnt.toString()); // lazily: a failed write can leave a file open until the next GC
        }
    }

    private static int exec(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
