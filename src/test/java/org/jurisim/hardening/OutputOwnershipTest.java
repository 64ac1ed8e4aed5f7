package org.jurisim.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jurisim.cli.Main;
import org.jurisim.output.OutputPlace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --force} replaces only what JuriSim made (issue 18): never an empty {@code --out}, the current directory or
 * one that contains it, {@code /}, a home directory, a file or a directory without JuriSim's manifest; each refusal is
 * one line with exit status 2 that does not suggest {@code --force}. A run or experiment directory JuriSim wrote is
 * replaced with {@code --force}.
 *
 * <p>Cases relative to the current directory run the command line in a child JVM whose working directory (and
 * {@code user.home}) are temporary directories: even a broken check could only touch those. {@code /} and the real
 * home directory go through the command line only without {@code --force} (which never replaces anything), and with
 * it through {@link OutputPlace#refusal}, the pure function that decides.
 */
class OutputOwnershipTest {

    static final Path DEMO = Path.of("scenarios/small-demo.yaml").toAbsolutePath();
    static final List<String> SHORT = List.of("--quiet", "--set", "duration=10d", "--set", "outputs.charts=[]");

    @TempDir
    Path tmp;

    private static Cli.Result run(String out, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", DEMO.toString(), "--out", out));
        args.addAll(SHORT);
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    /** Refused in one line with exit 2, and --force is not suggested (it would be refused too). */
    private static void assertRefusedWithoutSuggestingForce(Cli.Result r, String what, String reason) {
        Cli.assertBadInput(r, what);
        assertThat(r.errLines()).as("%s\n%s", what, r).hasSize(1);
        assertThat(r.err()).as("%s", what).contains(reason).doesNotContain("--force").doesNotContain("force");
    }

    /** Every file under {@code dir} with its content, to check that nothing was touched. */
    private static List<String> snapshot(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            List<String> out = new ArrayList<>();
            for (Path p : all.sorted().toList()) {
                out.add(dir.relativize(p) + (Files.isRegularFile(p) ? " = " + Files.readString(p, StandardCharsets.ISO_8859_1) : "/"));
            }
            return out;
        }
    }

    // ------------------------------------------------------------------ the pure function

    @Test
    void theRefusalIsAPureFunctionOfTheFileSystemTheCurrentAndTheHomeDirectory() throws IOException {
        Path home = Files.createDirectories(tmp.resolve("users/ann"));
        Path cwd = Files.createDirectories(tmp.resolve("work/project"));
        Path file = Files.writeString(cwd.resolve("report.docx"), "a report");
        Path foreign = Files.createDirectories(cwd.resolve("photos"));
        Path webApp = Files.createDirectories(cwd.resolve("web"));
        Files.writeString(webApp.resolve("manifest.json"), "{\"name\": \"a web app\"}");
        Path ours = Files.createDirectories(cwd.resolve("runs/ours"));
        Files.writeString(ours.resolve("manifest.json"), "{\"jurisim_version\": \"dev\", \"seed\": 1}");

        assertThat(OutputPlace.refusal(Path.of(""), cwd, home)).contains("empty");
        assertThat(OutputPlace.refusal(Path.of("/"), cwd, home)).contains("root directory");
        assertThat(OutputPlace.refusal(cwd, cwd, home)).contains("is the current directory");
        assertThat(OutputPlace.refusal(cwd.resolve("runs/.."), cwd, home)).contains("is the current directory");
        assertThat(OutputPlace.refusal(cwd.getParent(), cwd, home)).contains("contains the current directory");
        assertThat(OutputPlace.refusal(tmp, cwd, home)).contains("contains the current directory");
        assertThat(OutputPlace.refusal(home, cwd, home)).contains("is a home directory");
        assertThat(OutputPlace.refusal(home.getParent(), cwd, home)).contains("contains a home directory");
        assertThat(OutputPlace.refusal(file, cwd, home)).contains("is a file");
        assertThat(OutputPlace.refusal(foreign, cwd, home)).contains("no JuriSim manifest.json");
        assertThat(OutputPlace.refusal(webApp, cwd, home)).as("a manifest.json that is not JuriSim's").contains("no JuriSim manifest.json");
        Path link = Files.createSymbolicLink(cwd.resolve("link"), ours);
        assertThat(OutputPlace.refusal(link, cwd, home)).contains("symbolic link");
        // a home directory JuriSim wrote is still a home directory; the current directory too
        Files.writeString(home.resolve("manifest.json"), "{\"jurisim_version\": \"dev\"}");
        assertThat(OutputPlace.refusal(home, cwd, home)).contains("home directory");
        assertThat(OutputPlace.refusal(ours, ours, home)).contains("current directory");

        assertThat(OutputPlace.refusal(ours, cwd, home)).as("a run JuriSim wrote").isNull();
        assertThat(OutputPlace.refusal(cwd.resolve("new"), cwd, home)).as("nothing there yet").isNull();
        for (Path p : List.of(Path.of(""), Path.of("/"), cwd, home, file, foreign)) {
            assertThat(OutputPlace.refusal(p, cwd, home)).as("refusal of %s", p).doesNotContain("--force");
        }
    }

    // ------------------------------------------------------------------ through the command line

    @Test
    void theCurrentDirectoryItsAncestorsAnEmptyOutAndAHomeDirectoryAreRefusedWithForce() throws Exception {
        Path outer = Files.createDirectories(tmp.resolve("outer"));
        Path cwd = Files.createDirectories(outer.resolve("cwd"));
        Files.copy(DEMO, cwd.resolve("small-demo.yaml"));
        Files.writeString(cwd.resolve("notes.txt"), "the user's notes");
        Files.writeString(outer.resolve("thesis.tex"), "the user's thesis");
        Path home = Files.createDirectories(tmp.resolve("home-of-ann"));
        Files.writeString(home.resolve(".bashrc"), "the user's settings");
        // as a JuriSim run, so that only its being a home directory refuses it
        Files.writeString(home.resolve("manifest.json"), "{\"jurisim_version\": \"dev\"}");
        List<String> before = snapshot(tmp);

        record Case(String out, String reason) {
        }
        List<Case> cases = List.of(new Case("", "empty"), new Case(".", "is the current directory"),
                new Case("..", "contains the current directory"), new Case(outer.toString(), "contains the current directory"),
                new Case(tmp.toString(), "contains the current directory"), new Case(home.toString(), "is a home directory"));
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            children.add(child(cwd, home, tmp.resolve("child-" + i + ".log"), "run", "small-demo.yaml", "--out", cases.get(i).out(), "--force",
                    "--quiet", "--set", "duration=10d", "--set", "outputs.charts=[]"));
        }
        for (int i = 0; i < cases.size(); i++) {
            Process p = children.get(i);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String err = childErr(tmp.resolve("child-" + i + ".log"));
            Cli.Result r = new Cli.Result(p.exitValue(), "", err);
            assertRefusedWithoutSuggestingForce(r, "--out '" + cases.get(i).out() + "' --force", cases.get(i).reason());
        }
        for (int i = 0; i < cases.size(); i++) {
            Files.delete(tmp.resolve("child-" + i + ".log"));
        }
        assertThat(snapshot(tmp)).as("nothing touched").isEqualTo(before);
    }

    /** {@code /} and the real home directory: through the command line without --force only (which never replaces). */
    @Test
    void rootAndTheHomeDirectoryAreRefusedWithoutSuggestingForce() {
        assertRefusedWithoutSuggestingForce(run("/"), "--out /", "root directory");
        Path home = Path.of(System.getProperty("user.home"));
        if (Files.isDirectory(home)) {
            assertRefusedWithoutSuggestingForce(run(home.toString()), "--out $HOME", "JuriSim never replaces it");
        }
        Cli.Result empty = run("");
        assertRefusedWithoutSuggestingForce(empty, "--out \"\"", "empty");
    }

    @Test
    void aRegularFileIsNeverReplaced() throws IOException {
        Path file = Files.writeString(tmp.resolve("report.docx"), "the user's report");
        for (boolean force : new boolean[] {false, true}) {
            Cli.Result r = force ? run(file.toString(), "--force") : run(file.toString());
            assertRefusedWithoutSuggestingForce(r, "--out FILE" + (force ? " --force" : ""), "is a file");
            assertThat(file).content().isEqualTo("the user's report");
        }
        assertThat(tmp.resolve("report.docx.incomplete")).doesNotExist();
        assertThat(tmp.resolve("report.docx.lock")).doesNotExist();
    }

    @Test
    void aForeignDirectoryIsNeverReplacedByAnyCommand() throws IOException {
        Path foreign = Files.createDirectories(tmp.resolve("thesis"));
        Files.writeString(foreign.resolve("chapter1.tex"), "the user's chapter");
        Path web = Files.createDirectories(tmp.resolve("web"));
        Files.writeString(web.resolve("manifest.json"), "{\"name\": \"a web app\"}");
        for (Path dir : List.of(foreign, web)) {
            List<String> before = snapshot(dir);
            String d = dir.toString();
            List<List<String>> commands = List.of(
                    List.of("run", DEMO.toString(), "--out", d, "--force", "--quiet", "--days", "5"),
                    List.of("run", DEMO.toString(), "--out", d),
                    List.of("run", DEMO.toString(), "--replicates", "2", "--days", "5", "--out", d, "--force", "--quiet"),
                    List.of("compare", DEMO.toString(), DEMO.toString(), "--replicates", "1", "--days", "5", "--out", d, "--force", "--quiet"),
                    List.of("sweep", DEMO.toString(), "--param", "ice.detainerRate=0.2:0.8", "--design", "lhs", "--samples", "2", "--days",
                            "5", "--out", d, "--force", "--quiet"));
            for (List<String> c : commands) {
                Cli.Result r = Cli.run(c.toArray(String[]::new));
                assertRefusedWithoutSuggestingForce(r, String.join(" ", c), "not a run or experiment directory");
                assertThat(snapshot(dir)).as("after %s", c).isEqualTo(before);
                assertThat(tmp.resolve(dir.getFileName() + ".incomplete")).doesNotExist();
                assertThat(tmp.resolve(dir.getFileName() + ".lock")).doesNotExist();
            }
        }
    }

    @Test
    void aDirectoryJuriSimWroteIsReplacedOnlyWithForce() throws IOException {
        Path out = tmp.resolve("run");
        assertThat(run(out.toString(), "--seed", "1").status()).isEqualTo(Main.OK);
        Cli.Result again = run(out.toString(), "--seed", "2");
        Cli.assertBadInput(again, "a second run without --force");
        assertThat(again.err()).contains("already exists").contains("--force");
        assertThat(Files.readString(out.resolve("manifest.json"))).contains("\"seed\" : 1,");

        Cli.Result forced = run(out.toString(), "--seed", "2", "--force");
        assertThat(forced.status()).as("%s", forced).isEqualTo(Main.OK);
        assertThat(Files.readString(out.resolve("manifest.json"))).contains("\"seed\" : 2,");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("run");
        }

        // an experiment directory too
        Path exp = tmp.resolve("experiment");
        List<String> rep = List.of("run", DEMO.toString(), "--replicates", "2", "--days", "5", "--quiet", "--out", exp.toString());
        assertThat(Cli.run(rep.toArray(String[]::new)).status()).isEqualTo(Main.OK);
        Cli.Result repAgain = Cli.run(rep.toArray(String[]::new));
        Cli.assertBadInput(repAgain, "replicates into an existing experiment");
        assertThat(repAgain.err()).contains("already exists").contains("--force");
        List<String> forcedRep = new ArrayList<>(rep);
        forcedRep.add("--force");
        assertThat(Cli.run(forcedRep.toArray(String[]::new)).status()).isEqualTo(Main.OK);
        assertThat(exp.resolve("manifest.json")).exists();
    }

    @Test
    void aForeignIncompleteDirectoryIsKept() throws IOException {
        Path work = Files.createDirectories(tmp.resolve("out.incomplete"));
        Files.writeString(work.resolve("mine.txt"), "not JuriSim's");
        Cli.Result r = run(tmp.resolve("out").toString(), "--force");
        Cli.assertBadInput(r, "a foreign DIR.incomplete in the way");
        assertThat(r.err()).contains("was not left by a JuriSim run").doesNotContain("--force");
        assertThat(work.resolve("mine.txt")).content().isEqualTo("not JuriSim's");
        assertThat(tmp.resolve("out")).doesNotExist();

        // what a failed JuriSim run left (its marker, nothing to resume) is discarded by the next run
        Path failed = Files.createDirectories(tmp.resolve("again.incomplete"));
        Files.writeString(failed.resolve("INCOMPLETE"), "run failed at ...: something\n");
        Files.writeString(failed.resolve("timeseries.csv"), "day\n");
        assertThat(run(tmp.resolve("again").toString()).status()).isEqualTo(Main.OK);
        assertThat(failed).doesNotExist();
        assertThat(tmp.resolve("again/manifest.json")).exists();
    }

    @Test
    void resumeRefusesAnEmptyOrRootDirectory() {
        Cli.Result empty = Cli.run("resume", "");
        Cli.assertBadInput(empty, "resume \"\"");
        Cli.Result root = Cli.run("resume", "/");
        Cli.assertBadInput(root, "resume /");
        assertThat(root.err()).doesNotContain("force");
    }

    /** What a child wrote, without SLF4J's notes on the test class path (the jar has one provider). */
    static String childErr(Path log) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String l : Files.readAllLines(log)) {
            if (!l.startsWith("SLF4J(")) {
                b.append(l).append('\n');
            }
        }
        return b.toString();
    }

    /** The command line in a child JVM with this working directory and home directory. */
    static Process child(Path cwd, Path home, Path log, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")).replace(";", File.pathSeparator);
        cp = absoluteClassPath(cp);
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                "-Duser.home=" + home, "-cp", cp, Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The class path with relative entries made absolute (the child runs elsewhere). */
    static String absoluteClassPath(String cp) {
        List<String> out = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                out.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, out);
    }
}
