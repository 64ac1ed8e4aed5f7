package org.jurisim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * The jar of the spark profile's build ({@code -Pspark}): it carries the Spark engine's classes but no Spark; under
 * {@code spark-submit} (Spark's {@code SparkSubmit}, with Spark's class path first, as a cluster runs it) it computes a
 * sweep whose sweep.csv is the thread engine's, and so does {@code ./jurisim --engine spark}. (PackagingIT checks the
 * jar without Spark on the class path.)
 */
class SparkPackagingIT {

    private static final Path JAR = Path.of("target/jurisim-0.1.0-all.jar");
    private static final Path SPARK_CLASSPATH = Path.of("target/spark-classpath.txt");
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

    /** Spark's provided dependencies: what Spark needs and JuriSim's jar does not carry for it. */
    private static List<String> sparkJars() throws IOException {
        return List.of(Files.readString(SPARK_CLASSPATH, StandardCharsets.UTF_8).trim().split(File.pathSeparator));
    }

    /** Libraries a Spark 4.2 distribution ships in jars/ that JuriSim also uses (so Maven lists them as JuriSim's, not as provided). */
    private static final List<String> SHARED = List.of("slf4j-api-", "jackson-", "guava-", "failureaccess-", "snakeyaml-", "commons-math3-",
            "antlr4-runtime-", "commons-lang3-", "commons-text-", "commons-codec-", "commons-io-", "jsr305-");

    /** A Spark distribution's class path: Spark's provided jars and the shared libraries. */
    private static List<String> sparkDistribution() throws IOException {
        List<String> cp = new ArrayList<>(sparkJars());
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(e).getFileName().toString();
            if (name.endsWith(".jar") && SHARED.stream().anyMatch(name::startsWith) && !cp.contains(e)) {
                cp.add(e);
            }
        }
        return cp;
    }

    @Test
    void theJarCarriesTheSparkEngineButNoSpark() throws IOException {
        long sparkBytes = 0;
        for (String j : sparkJars()) {
            sparkBytes += Files.size(Path.of(j));
        }
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
        System.out.printf("default jar %,d bytes; Spark and its dependencies (provided, not in the jar) %,d bytes%n", jarBytes, sparkBytes);
        assertThat(foreign).as("Spark, Scala, Hadoop or Parquet classes in the default jar").isEmpty();
        assertThat(engine).as("the Spark engine's own classes are in the jar, for spark-submit").isTrue();
        assertThat(sparkBytes).isGreaterThan(150L * 1024 * 1024);
        assertThat(jarBytes).as("the default jar does not grow by Spark's size").isLessThan(30L * 1024 * 1024);
    }

    @Test
    void underSparkSubmitTheJarComputesTheSameSweepAsThreads(@TempDir Path tmp) throws Exception {
        List<String> threads = new ArrayList<>(List.of("-jar", JAR.toString()));
        threads.addAll(SWEEP);
        threads.addAll(List.of("--threads", "2", "--out", tmp.resolve("threads").toString()));
        Proc t = java(tmp, threads);
        assertThat(t.status()).as(t.err()).isZero();

        // what bin/spark-submit runs: SparkSubmit on Spark's class path with Spark's JVM options, the application jar after it
        List<String> submit = new ArrayList<>(List.of(System.getProperty("jurisim.sparkJavaOptions").trim().split("\\s+")));
        submit.addAll(List.of("-cp", String.join(File.pathSeparator, sparkDistribution()),
                "org.apache.spark.deploy.SparkSubmit", "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.driver.host=127.0.0.1", "--class", "org.jurisim.cli.Main", JAR.toString()));
        submit.addAll(SWEEP);
        submit.addAll(List.of("--engine", "spark", "--out", tmp.resolve("spark").toString()));
        Proc s = java(tmp, submit);
        assertThat(s.status()).as(s.err()).isZero();
        assertThat(Files.readAllBytes(tmp.resolve("spark/sweep.csv"))).isEqualTo(Files.readAllBytes(tmp.resolve("threads/sweep.csv")));
        assertThat(Files.readString(tmp.resolve("spark/manifest.json"))).contains("\"engine\" : \"spark local[2]");
        assertThat(tmp.resolve("spark/sweep.parquet/part-00000.snappy.parquet")).isRegularFile();

        // the README's way on one machine: ./jurisim adds Spark's class path and JVM options itself
        List<String> cmd = new ArrayList<>(List.of("./jurisim"));
        cmd.addAll(SWEEP);
        cmd.addAll(List.of("--engine", "spark", "--master", "local[2]", "--out", tmp.resolve("launcher").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("launcher.log").toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("launcher.log"))).isZero();
        assertThat(Files.readString(tmp.resolve("launcher.log"))).doesNotContain("WARN").doesNotContain("SLF4J");
        assertThat(Files.readAllBytes(tmp.resolve("launcher/sweep.csv"))).isEqualTo(Files.readAllBytes(tmp.resolve("threads/sweep.csv")));
    }
}
