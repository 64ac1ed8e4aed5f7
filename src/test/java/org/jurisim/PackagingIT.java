package org.jurisim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, after {@code mvn package}: it carries no Spark, runs without it and says clearly what to do when
 * asked for the Spark engine (built without the spark profile: build the engine; with it: put Spark on the class
 * path). SparkPackagingIT (spark profile) runs the jar under spark-submit.
 */
class PackagingIT {

    private static final Path JAR = Path.of("target/jurisim-0.1.0-all.jar");
    private static final List<String> SWEEP = List.of("sweep", "scenarios/small-demo.yaml", "--set", "duration=45d", "--param",
            "ice.detainerRate=0.2:0.8", "--param", "community.initialTrust=0.3:0.9", "--design", "lhs", "--samples", "6",
            "--replicates", "2", "--quiet");

    private record Proc(int status, String out, String err) {
    }

    private static Proc java(Path tmp, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.add("-Djava.awt.headless=true");
        cmd.addAll(args);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return new Proc(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void theDefaultJarCarriesNoSpark() throws IOException {
        long jarBytes = Files.size(JAR);
        List<String> foreign = new ArrayList<>();
        boolean engine = false;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String n = e.nextElement().getName();
                if (n.startsWith("org/apache/spark/") || n.startsWith("scala/") || n.startsWith("org/apache/hadoop/")
                        || n.startsWith("org/apache/parquet/")) {
                    foreign.add(n);
                }
                engine |= n.equals("org/jurisim/experiment/spark/SparkEngine.class");
            }
        }
        assertThat(foreign).as("Spark, Scala, Hadoop or Parquet classes in the default jar").isEmpty();
        assertThat(engine).as("the Spark engine is in the jar exactly when the build's spark profile made it")
                .isEqualTo(Files.isDirectory(Path.of("target/classes/org/jurisim/experiment/spark")));
        assertThat(jarBytes).as("the default jar does not grow by Spark's size").isLessThan(30L * 1024 * 1024);
    }

    @Test
    void theDefaultJarRunsWithoutSparkAndExplainsHowToGetIt(@TempDir Path tmp) throws Exception {
        Proc run = java(tmp, List.of("-jar", JAR.toString(), "run", "scenarios/small-demo.yaml", "--days", "20", "--quiet", "--out",
                tmp.resolve("run").toString()));
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(tmp.resolve("run/timeseries.csv")).isRegularFile();

        List<String> args = new ArrayList<>(List.of("-jar", JAR.toString()));
        args.addAll(SWEEP);
        args.addAll(List.of("--engine", "spark", "--out", tmp.resolve("sweep").toString()));
        Proc sweep = java(tmp, args);
        assertThat(sweep.status()).isEqualTo(2);
        boolean engine;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            engine = jar.getEntry("org/jurisim/experiment/spark/SparkEngine.class") != null;
        }
        assertThat(sweep.err()).as("what to do, for a jar %s the Spark engine", engine ? "with" : "without")
                .contains(engine ? "--engine spark needs Apache Spark 4 on the class path" : "built without it")
                .contains(engine ? "spark-submit" : "./mvnw -B -Pspark -DskipTests package")
                .doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(tmp.resolve("sweep")).doesNotExist();
    }
}
