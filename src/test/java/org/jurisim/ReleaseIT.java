package org.jurisim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release build ({@code ./mvnw -B -Pspark,release -DskipTests package}, docs/install.md), run by failsafe with the
 * release profile only: the versioned archives hold the launchers, the jar without Spark, README, LICENSE, docs and
 * scenarios; the unpacked archive's launcher runs the small demo on a machine without Maven (a PATH with only the
 * basic tools and java) to the same bytes as the repository's jar, and refuses a Java older than 17 with a clear
 * message; jpackage's application image runs the demo with its own Java runtime and no Java on the PATH.
 */
class ReleaseIT {

    private static final String VERSION = "0.1.0";
    private static final Path ZIP = Path.of("target/jurisim-" + VERSION + ".zip");
    private static final Path TGZ = Path.of("target/jurisim-" + VERSION + ".tar.gz");
    private static final Path APP = Path.of("target/jpackage/jurisim");
    private static final String BASE = "jurisim-" + VERSION + "/";

    private record Proc(int status, String out) {
    }

    private static Proc run(Path dir, Map<String, String> env, List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        Path log = Files.createTempFile("jurisim-release", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        String out = Files.readString(log);
        Files.delete(log);
        return new Proc(p.exitValue(), out);
    }

    /** A directory of the few tools the POSIX launcher uses, and java: no mvn, no mvnw, no build. */
    private static Path bareTools(Path tmp, boolean withJava) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve(withJava ? "bin" : "bin-nojava"));
        for (String tool : List.of("sh", "dirname", "sed", "head", "cat", "tr")) {
            for (String dir : List.of("/bin", "/usr/bin")) {
                Path t = Path.of(dir, tool);
                if (Files.isExecutable(t) && !Files.exists(bin.resolve(tool))) {
                    Files.createSymbolicLink(bin.resolve(tool), t.toRealPath());
                }
            }
        }
        if (withJava) {
            Files.createSymbolicLink(bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        }
        return bin;
    }

    @Test
    void theArchivesHoldWhatAUserNeedsAndNoSpark() throws IOException {
        Set<String> names = new TreeSet<>();
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                names.add(e.nextElement().getName());
            }
            byte[] cmd;
            try (InputStream in = zip.getInputStream(zip.getEntry(BASE + "jurisim.cmd"))) {
                cmd = in.readAllBytes();
            }
            String text = new String(cmd, StandardCharsets.UTF_8);
            assertThat(text).as("the Windows launcher has CRLF line ends").contains("\r\n").doesNotContainPattern("[^\r]\n");
            assertThat(text).contains("lib\\jurisim.jar").contains("JuriSim needs Java 17 or newer");
        }
        assertThat(names).contains(BASE + "jurisim", BASE + "jurisim.cmd", BASE + "lib/jurisim.jar", BASE + "README.md", BASE + "LICENSE",
                BASE + "NOTICE", BASE + "docs/ODD.md", BASE + "docs/install.md", BASE + "scenarios/small-demo.yaml",
                BASE + "scenarios/standoff-2026.yaml", BASE + "scenarios/schema.json");
        assertThat(names).allMatch(n -> n.startsWith(BASE));
        assertThat(Files.readString(Path.of("LICENSE"))).contains("Apache License").contains("Version 2.0");

        Path jar = Path.of("target/jurisim-" + VERSION + "-all.jar");
        try (JarFile j = new JarFile(jar.toFile())) {
            assertThat(j.stream().map(ZipEntry::getName).filter(n -> n.startsWith("org/apache/spark/") || n.startsWith("scala/")))
                    .as("no Spark in the released jar").isEmpty();
            assertThat(j.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("org.jurisim.cli.Main");
        }
        assertThat(Files.size(TGZ)).isGreaterThan(Files.size(jar) / 2);
    }

    @Test
    void theUnpackedArchiveRunsTheDemoWithoutMaven(@TempDir Path tmp) throws Exception {
        Path into = Files.createDirectories(tmp.resolve("unpacked"));
        Proc untar = run(into, Map.of("PATH", "/usr/bin:/bin"), List.of("tar", "-xzf", TGZ.toAbsolutePath().toString()));
        assertThat(untar.status()).as(untar.out()).isZero();
        Path home = into.resolve("jurisim-" + VERSION);
        assertThat(Files.getPosixFilePermissions(home.resolve("jurisim"))).contains(PosixFilePermission.OWNER_EXECUTE);

        Path bin = bareTools(tmp, true);
        Map<String, String> env = Map.of("PATH", bin.toString(), "HOME", tmp.toString());
        assertThat(run(home, env, List.of("sh", "-c", "command -v mvn || command -v mvnw || echo none")).out().trim())
                .as("no Maven on this PATH").isEqualTo("none");
        Proc demo = run(home, env, List.of("./jurisim", "run", "scenarios/small-demo.yaml", "--quiet", "--out", "runs/demo"));
        assertThat(demo.status()).as(demo.out()).isZero();
        assertThat(home.resolve("runs/demo/charts/compliance.png")).isRegularFile();

        // the same bytes as the repository's jar writes
        Path ref = tmp.resolve("reference");
        Proc r = run(Path.of("").toAbsolutePath(), Map.of("PATH", bin.toString()), List.of(bin.resolve("java").toString(), "-Djava.awt.headless=true",
                "-jar", "target/jurisim-" + VERSION + "-all.jar", "run", "scenarios/small-demo.yaml", "--quiet", "--out", ref.toString()));
        assertThat(r.status()).as(r.out()).isZero();
        for (String f : List.of("timeseries.csv", "jurisdictions.csv", "cases.csv", "events.csv")) {
            assertThat(Files.readAllBytes(home.resolve("runs/demo").resolve(f))).as(f).isEqualTo(Files.readAllBytes(ref.resolve(f)));
        }

        // no Java, or an old one: a clear message, exit 1
        Proc none = run(home, Map.of("PATH", bareTools(tmp, false).toString()), List.of("./jurisim", "--help"));
        assertThat(none.status()).isEqualTo(1);
        assertThat(none.out()).contains("JuriSim needs Java 17 or newer");
        Path old = Files.createDirectories(tmp.resolve("java11/bin"));
        Files.writeString(old.resolve("java"), "#!/bin/sh\necho 'openjdk version \"11.0.22\" 2024-01-16' >&2\n");
        old.resolve("java").toFile().setExecutable(true);
        Proc eleven = run(home, Map.of("PATH", bin.toString(), "JAVA_HOME", old.getParent().toString()), List.of("./jurisim", "--help"));
        assertThat(eleven.status()).isEqualTo(1);
        assertThat(eleven.out()).contains("JuriSim needs Java 17 or newer").contains("11.0.22");
    }

    @Test
    void theApplicationImageRunsWithItsOwnJava(@TempDir Path tmp) throws Exception {
        Path launcher = APP.resolve("bin/jurisim");
        assertThat(launcher).isExecutable();
        assertThat(Files.readString(APP.resolve("lib/runtime/release"))).contains("JAVA_VERSION=\"17");
        assertThat(APP.resolve("lib/app/jurisim.jar")).isRegularFile();
        List<String> cmd = new ArrayList<>(List.of(launcher.toAbsolutePath().toString(), "run",
                Path.of("scenarios/small-demo.yaml").toAbsolutePath().toString(), "--days", "60", "--quiet", "--out", "demo"));
        Proc p = run(tmp, Map.of("PATH", "/nonexistent", "HOME", tmp.toString()), cmd);
        assertThat(p.status()).as(p.out()).isZero();
        assertThat(tmp.resolve("demo/timeseries.csv")).isRegularFile();
        assertThat(Files.readAllLines(tmp.resolve("demo/timeseries.csv"))).hasSize(61);
    }
}
