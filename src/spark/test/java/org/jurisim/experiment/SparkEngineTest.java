package org.jurisim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.jurisim.experiment.spark.SparkEngine;
import org.jurisim.output.RunDirectory;
import org.jurisim.scenario.Limits;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioBundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine in local[2], inside the normal suite: the same design and seed give the same files, byte for
 * byte, as the thread engine (sweep.csv, sobol.csv, charts; every replicate file), the Parquet copy holds the same
 * values with proper types, scenario files travel with the job, a failed run is reported as the thread engine
 * reports it and leaves a resumable experiment, and the command line checks its options.
 */
class SparkEngineTest {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("jurisim-test").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static SparkEngine engine() {
        return SparkEngine.start(null, "jurisim-test", true, null);
    }

    /**
     * Every file of {@code a} (but the manifest and Parquet) exists in {@code b} with the same bytes, and no other. A
     * report's "How this was made" command line names the engine and the output (as the manifest does): it is
     * compared with that one line taken out.
     */
    private static void assertSameFiles(Path a, Path b) throws IOException {
        List<String> fa = files(a);
        assertThat(files(b)).isEqualTo(fa);
        assertThat(fa).contains("sweep.csv").doesNotContain("manifest.json");
        for (String f : fa) {
            if (f.endsWith(".html")) {
                String ra = Files.readString(a.resolve(f), java.nio.charset.StandardCharsets.UTF_8);
                String rb = Files.readString(b.resolve(f), java.nio.charset.StandardCharsets.UTF_8);
                java.util.regex.Pattern cmd = java.util.regex.Pattern.compile("<p><code>jurisim [^<]*</code></p>");
                assertThat(cmd.matcher(rb).replaceAll("<p><code>COMMAND</code></p>")).as(f)
                        .isEqualTo(cmd.matcher(ra).replaceAll("<p><code>COMMAND</code></p>"));
                continue;
            }
            assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
        }
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(f -> !f.equals("manifest.json") && !f.contains(".parquet")).sorted().toList();
        }
    }

    @Test
    void aModelSweepOnSparkWritesTheSameSweepCsvAsThreads(@TempDir Path tmp) throws Exception {
        List<Design.Param> ps = List.of(new Design.Param("ice.detainerRate", 0.2, 0.8, false),
                new Design.Param("community.initialTrust", 0.3, 0.9, false));
        ModelEvaluator ev = ModelEvaluator.create(Fixtures.DEMO, List.of("duration=40d"), ps, null,
                List.of("detainers_issued", "compliance_rate_rolling", "trust_index"), 2);
        Design d = Design.of(Design.Kind.SOBOL, ps, 8, 42);
        Sweep.Options o = Sweep.Options.of(d, 2, 2, 42).withBootstrap(100);
        Sweep.Result threads = Sweep.run(ev, tmp.resolve("threads"), o);
        Sweep.Result onSpark;
        try (SparkEngine e = engine()) {
            onSpark = Sweep.run(ev, tmp.resolve("spark"), o, e);
        }
        assertThat(onSpark.runs()).isEqualTo(8 * 5 * 2).isEqualTo(threads.runs());
        assertThat(onSpark.ran()).isEqualTo(80);
        assertSameFiles(threads.directory(), onSpark.directory());
        assertThat(files(onSpark.directory())).contains("sobol.csv", "charts/tornado-detainers_issued.avg.png");

        // the Parquet copy: one row per run, typed columns, the values of sweep.csv
        List<String[]> csv = Fixtures.csv(onSpark.directory().resolve("sweep.csv"));
        Dataset<Row> pq = spark.read().parquet(onSpark.directory().resolve("sweep.parquet").toString());
        assertThat(pq.schema().fieldNames()).containsExactly(csv.get(0));
        assertThat(pq.schema().apply("point").dataType()).isEqualTo(DataTypes.IntegerType);
        assertThat(pq.schema().apply("seed").dataType()).isEqualTo(DataTypes.LongType);
        assertThat(pq.schema().apply("ice.detainerRate").dataType()).isEqualTo(DataTypes.DoubleType);
        List<Row> rows = pq.orderBy("point", "replicate").collectAsList();
        assertThat(rows).hasSize(csv.size() - 1);
        for (int i = 0; i < rows.size(); i++) {
            String[] c = csv.get(i + 1);
            Row r = rows.get(i);
            assertThat(r.getInt(0)).isEqualTo(Integer.parseInt(c[0]));
            assertThat(r.getInt(1)).isEqualTo(Integer.parseInt(c[1]));
            assertThat(r.getLong(2)).isEqualTo(Long.parseLong(c[2]));
            for (int k = 3; k < c.length; k++) {
                if (c[k].isEmpty()) {
                    assertThat(r.isNullAt(k)).isTrue();
                } else {
                    assertThat(r.getDouble(k)).as("row %d column %d", i, k).isEqualTo(Double.parseDouble(c[k]));
                }
            }
        }
        assertThat(Files.readString(onSpark.directory().resolve("manifest.json"))).contains("\"engine\" : \"spark local[2]")
                .contains("sweep.parquet");
        assertThat(Files.readString(threads.directory().resolve("manifest.json"))).contains("\"engine\" : \"threads\"")
                .doesNotContain("sweep.parquet");
    }

    @Test
    void aCalibrationOnSparkWritesTheSameFilesAsThreads(@TempDir Path tmp) throws Exception {
        Path targets = CalibrateTest.demoTargets(tmp, Fixtures.DEMO);
        Calibrate.ModelSetup setup = Calibrate.model(Fixtures.DEMO, List.of("duration=100d"), Targets.load(targets),
                List.of("demo-declined", "demo-limits"), List.of(new Design.Param("ice.declineRecordedShare", 0.0, 1.0, false),
                        new Design.Param("adaptation.baseline", -3.0, 0.0, false)), 2);
        Design d = Design.of(Design.Kind.LHS, setup.params(), 6, 4);
        Calibrate.Options o = Calibrate.Options.of(d, 2, 2, 4).withAccept(0.5, null);
        Calibrate.Result threads = Calibrate.run(setup.evaluator(), setup.goals(), setup.source(), tmp.resolve("threads"), o, null);
        Calibrate.Result onSpark;
        try (SparkEngine e = engine()) {
            onSpark = Calibrate.run(setup.evaluator(), setup.goals(), setup.source(), tmp.resolve("spark"), o, e);
        }
        assertThat(onSpark.ran()).isEqualTo(12);
        CalibrateTest.assertSameFiles(threads.directory(), onSpark.directory());
        assertThat(Files.readString(onSpark.directory().resolve("manifest.json"))).contains("\"engine\" : \"spark local[2]")
                .contains("runs.parquet");
        assertThat(spark.read().parquet(onSpark.directory().resolve("runs.parquet").toString()).count()).isEqualTo(12);
    }

    @Test
    void replicatesOnSparkAreByteIdenticalToThreads(@TempDir Path tmp) throws Exception {
        ScenarioBundle.Captured c = ScenarioBundle.capture(Fixtures.DEMO, List.of("duration=90d", "seed=7"), Limits.DEFAULT);
        Scenario s = c.scenario();
        Replicates.Result threads = Replicates.run(s, tmp.resolve("threads"), Replicates.Options.of(5, 2, s.days()));
        Replicates.Result onSpark;
        try (SparkEngine e = engine()) {
            onSpark = Replicates.run(c, tmp.resolve("spark"), Replicates.Options.of(5, 2, s.days()), e);
        }
        assertThat(onSpark.replicates()).isEqualTo(5);
        List<String> fs = files(threads.directory());
        assertThat(fs).contains("timeseries.csv", "replicates.csv", "summary.csv", "jurisdictions.csv", "cases.csv", "events.csv",
                "charts/compliance.png");
        assertThat(files(onSpark.directory())).isEqualTo(fs);
        for (String f : fs) {
            assertThat(Files.readAllBytes(onSpark.directory().resolve(f))).as(f).isEqualTo(Files.readAllBytes(threads.directory().resolve(f)));
        }
        Dataset<Row> pq = spark.read().parquet(onSpark.directory().resolve("replicates.parquet").toString());
        assertThat(pq.count()).isEqualTo(5);
        assertThat(pq.orderBy("replicate").collectAsList().get(3).getLong(1)).isEqualTo(Seeds.replicate(7, 3));
    }

    @Test
    void untilCiStopsAtTheSameReplicateOnSparkAsOnThreads(@TempDir Path tmp) throws Exception {
        ScenarioBundle.Captured c = ScenarioBundle.capture(Fixtures.DEMO, List.of("duration=60d"), Limits.DEFAULT);
        Scenario s = c.scenario();
        Replicates.Target target = new Replicates.Target(Outcomes.parse("compliance_rate_rolling.avg"), 0.004);
        Replicates.Options o = Replicates.Options.of(4, 2, s.days()).withTarget(target, 200).withCharts(false);
        Replicates.Result threads = Replicates.run(s, tmp.resolve("threads"), o);
        Replicates.Result onSpark;
        try (SparkEngine e = engine()) {
            onSpark = Replicates.run(c, tmp.resolve("spark"), o, e);
        }
        assertThat(threads.replicates()).isGreaterThan(4).isLessThan(200);
        assertThat(onSpark.replicates()).isEqualTo(threads.replicates());
        assertThat(onSpark.target().reached()).isEqualTo(threads.target().reached());
        assertThat(Files.readAllBytes(onSpark.directory().resolve("replicates.csv")))
                .isEqualTo(Files.readAllBytes(threads.directory().resolve("replicates.csv")));
    }

    @Test
    void aSweepInterruptedOnThreadsResumesOnSparkToTheSameResult(@TempDir Path tmp) throws Exception {
        Design d = Design.of(Design.Kind.SOBOL, SweepTest.Ishigami.params(), 32, 1);
        Sweep.Options o = Sweep.Options.of(d, 2, 2, 5).withBootstrap(50);
        Sweep.Result whole = Sweep.run(new PortableIshigami(), tmp.resolve("whole"), o);
        Path out = tmp.resolve("resumed");
        assertThatThrownBy(() -> Sweep.run(new PortableIshigami(), out, o.withProgress(new Progress() {
            @Override
            public void update(long done, String status) {
                if (done == 100) {
                    throw new IllegalStateException("interrupted");
                }
            }
        }))).hasMessageContaining("interrupted");
        Sweep.Result r;
        try (SparkEngine e = engine()) {
            r = Sweep.run(new PortableIshigami(), out, o, e);
        }
        assertThat(r.resumed()).isTrue();
        assertThat(r.ran() + r.reused()).isEqualTo(32 * 6 * 2 - 100);
        assertThat(r.ran()).isLessThanOrEqualTo(32 * 6 * 2 - 100).isGreaterThan(32 * 6 * 2 - 110);
        for (String f : List.of("sweep.csv", "sobol.csv")) {
            assertThat(Files.readAllBytes(r.directory().resolve(f))).as(f).isEqualTo(Files.readAllBytes(whole.directory().resolve(f)));
        }
    }

    /** The Ishigami function, with a recipe: it can be rebuilt in a Spark executor. */
    static final class PortableIshigami extends SweepTest.Ishigami {
        @Override
        public Sweep.Recipe recipe() {
            return PortableIshigami::new;
        }
    }

    /** An evaluator that fails at one point with an I/O error. */
    static final class FailsAtPoint implements Sweep.Evaluator {
        private final int bad;

        FailsAtPoint(int bad) {
            this.bad = bad;
        }

        @Override
        public List<String> outcomeNames() {
            return List.of("y");
        }

        @Override
        public double[] evaluate(int point, double[] values, int replicate, long seed) throws IOException {
            if (point == bad) {
                throw new IOException("disk full at point " + point);
            }
            return new double[] {values[0] * 2};
        }

        @Override
        public JsonNode settings() {
            return ExperimentDir.json().createObjectNode().put("function", "doubles x; fails at one point");
        }

        @Override
        public Sweep.Recipe recipe() {
            int b = bad;
            return () -> new FailsAtPoint(b);
        }
    }

    @Test
    void aFailedRunOnSparkIsReportedAsItsOwnErrorAndTheSweepCanResume(@TempDir Path tmp) throws Exception {
        Design d = Design.of(Design.Kind.GRID, List.of(new Design.Param("x", 0, 1, false)), 40, 1);
        Path out = tmp.resolve("fails");
        try (SparkEngine e = engine()) {
            assertThatThrownBy(() -> Sweep.run(new FailsAtPoint(d.size() - 3), out, Sweep.Options.of(d, 1, 2, 3), e))
                    .isInstanceOf(IOException.class).hasMessageContaining("disk full at point " + (d.size() - 3));
        }
        assertThat(out).doesNotExist();
        Path work = tmp.resolve("fails.incomplete");
        assertThat(work).isDirectory();
        // the units committed before the failed wave stay committed; a rerun finishes with the threads
        int committedRows = Fixtures.csv(work.resolve("sweep.csv")).size() - 1;
        assertThat(committedRows).isGreaterThan(0).isLessThan(d.size() - 3);
        Sweep.Result r = Sweep.run(new FailsAtPoint(-1), out, Sweep.Options.of(d, 1, 2, 3));
        assertThat(r.ran()).isEqualTo(d.size() - committedRows);
        List<String[]> rows = Fixtures.csv(out.resolve("sweep.csv"));
        assertThat(rows).hasSize(1 + d.size());
    }

    /** An evaluator whose scenario turns out to be bad at one point (as a swept value the loader refuses would be). */
    static final class BadAtPoint implements Sweep.Evaluator {
        @Override
        public List<String> outcomeNames() {
            return List.of("y");
        }

        @Override
        public double[] evaluate(int point, double[] values, int replicate, long seed) throws org.jurisim.common.BadInputException {
            if (point == 2) {
                throw new org.jurisim.common.BadInputException(new org.jurisim.common.Problem(
                        new org.jurisim.common.Location("--param #1", 1, 14), "ice.officers", "expected at least 1, found 0"));
            }
            return new double[] {values[0]};
        }

        @Override
        public JsonNode settings() {
            return ExperimentDir.json().createObjectNode().put("function", "bad at point 2");
        }

        @Override
        public Sweep.Recipe recipe() {
            return BadAtPoint::new;
        }
    }

    @Test
    void aBadInputFoundOnAnExecutorIsReportedAsTheSameProblem(@TempDir Path tmp) throws Exception {
        Design d = Design.of(Design.Kind.GRID, List.of(new Design.Param("x", 0, 1, false)), 5, 1);
        try (SparkEngine e = engine()) {
            assertThatThrownBy(() -> Sweep.run(new BadAtPoint(), tmp.resolve("bad"), Sweep.Options.of(d, 1, 2, 3), e))
                    .isInstanceOfSatisfying(org.jurisim.common.BadInputException.class, b -> assertThat(b.problems())
                            .extracting(org.jurisim.common.Problem::format)
                            .containsExactly("--param #1:1:14: ice.officers: expected at least 1, found 0"));
        }
    }

    /** A failure that cannot be serialized (it holds a lock object). */
    static final class Unserializable extends IOException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Object lock = new Object();

        Unserializable(String m) {
            super(m);
        }
    }

    /** An evaluator whose every run fails with {@link Unserializable}. */
    static final class ThrowsUnserializable implements Sweep.Evaluator {
        @Override
        public List<String> outcomeNames() {
            return List.of("y");
        }

        @Override
        public double[] evaluate(int point, double[] values, int replicate, long seed) throws IOException {
            throw new Unserializable("the model's lock was held at point " + point);
        }

        @Override
        public JsonNode settings() {
            return ExperimentDir.json().createObjectNode().put("function", "throws an unserializable exception");
        }

        @Override
        public Sweep.Recipe recipe() {
            return ThrowsUnserializable::new;
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aFailureThatCannotBeSerializedStillReachesTheDriver(@TempDir Path tmp) throws Exception {
        Design d = Design.of(Design.Kind.GRID, List.of(new Design.Param("x", 0, 1, false)), 3, 1);
        Sweep.Evaluator ev = new ThrowsUnserializable();
        try (SparkEngine e = engine()) {
            assertThatThrownBy(() -> Sweep.run(ev, tmp.resolve("u"), Sweep.Options.of(d, 1, 2, 3), e))
                    .isInstanceOf(IOException.class).hasMessageContaining("Unserializable: the model's lock was held at point");
        }
    }

    @Test
    void scenarioFilesTravelWithTheTaskNotThroughTheFileSystem(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("project");
        Files.createDirectories(root.resolve("data"));
        Files.createDirectories(root.resolve("scenarios/variants"));
        Files.writeString(root.resolve("data/places.csv"), "name,state,population,foreign_born_share,dem_share,kind\n"
                + "Alpha County,OR,400000,0.12,0.70,county\nBeta County,TX,900000,0.25,0.40,county\n"
                + "Gamma County,IL,600000,0.18,0.62,county\n", StandardCharsets.UTF_8);
        Files.writeString(root.resolve("scenarios/base.yaml"), "name: Base\nstart: 2026-01-01\nduration: 1y\nseed: 42\n"
                + "mechanisms: {adaptation: false}\n", StandardCharsets.UTF_8);
        Path main = root.resolve("scenarios/variants/three-counties.yaml");
        Files.writeString(main, "extends: ../base.yaml\nname: Three counties\njurisdictions:\n  csv:\n    file: ../../data/places.csv\n",
                StandardCharsets.UTF_8);
        ScenarioBundle.Captured c;
        try {
            c = ScenarioBundle.capture(main, List.of("duration=30d", "seed=11"), Limits.DEFAULT);
        } catch (org.jurisim.common.BadInputException e) {
            throw new AssertionError(e.problems().toString(), e);
        }
        assertThat(c.bundle().fileNames()).containsExactlyInAnyOrder("scenarios/variants/three-counties.yaml", "scenarios/base.yaml",
                "data/places.csv");
        assertThat(c.bundle().mainFile()).isEqualTo("scenarios/variants/three-counties.yaml");
        Scenario s = c.scenario();
        assertThat(s.jurisdictions()).hasSize(3);

        // what a Spark executor receives: the serialized task, with no access to the original files
        ReplicateUnits.Task task = new ReplicateUnits.Task(c.bundle(), s.days(), s.seed());
        byte[] wire = serialize(task);
        RunDirectory.deleteTree(root);
        ReplicateUnits.Task received = (ReplicateUnits.Task) deserialize(wire);
        ReplicateUnits.Files4 remote = received.compute(2);

        Path local = tmp.resolve("local");
        Files.createDirectories(local);
        ReplicateUnits.writeReplicate(s, s.days(), 2, local);
        assertThat(remote.timeseries()).isEqualTo(Files.readString(local.resolve("timeseries.csv")));
        assertThat(remote.jurisdictions()).isEqualTo(Files.readString(local.resolve("jurisdictions.csv"))).contains("Beta County");
        assertThat(remote.cases()).isEqualTo(Files.readString(local.resolve("cases.csv")));
        assertThat(remote.events()).isEqualTo(Files.readString(local.resolve("events.csv")));

        ScenarioBundle b = (ScenarioBundle) deserialize(serialize(c.bundle()));
        Scenario again = b.load();
        assertThat(again.jurisdictions()).isEqualTo(s.jurisdictions());
        assertThat(again.jurisdictions().get(1).foreignBornShare()).isEqualTo(0.25);
        // the resolved tree names the CSV file where it was read (the original path here, a temporary copy there)
        var here = s.resolved();
        var there = again.resolved();
        ((com.fasterxml.jackson.databind.node.ObjectNode) here.get("jurisdictions").get("csv")).remove("file");
        ((com.fasterxml.jackson.databind.node.ObjectNode) there.get("jurisdictions").get("csv")).remove("file");
        assertThat(there).isEqualTo(here);
        assertThat(again.sha256()).isEqualTo(s.sha256());
        assertThat(again.seed()).isEqualTo(11);
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] b) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
            return in.readObject();
        }
    }

    @Test
    void theCommandLineRunsSweepsAndReplicatesOnSpark(@TempDir Path tmp) throws Exception {
        List<String> sweep = List.of("sweep", Fixtures.DEMO.toString(), "--set", "duration=30d", "--param", "ice.detainerRate=0.2:0.8",
                "--param", "ice.officers=3000:9000", "--design", "grid", "--samples", "3", "--replicates", "2", "--bootstrap", "50");
        Fixtures.Cli viaThreads = Fixtures.cli(with(sweep, "--threads", "2", "--out", tmp.resolve("t").toString()));
        Fixtures.Cli viaSpark = Fixtures.cli(with(sweep, "--engine", "spark", "--master", "local[2]", "--out", tmp.resolve("s").toString()));
        assertThat(viaThreads.status()).as(viaThreads.err()).isZero();
        assertThat(viaSpark.status()).as(viaSpark.err()).isZero();
        assertThat(viaSpark.out()).contains("computed on      spark local[2] (Spark ").contains("18 runs");
        assertThat(viaThreads.out()).contains("computed on      2 threads");
        assertSameFiles(tmp.resolve("t"), tmp.resolve("s"));
        assertThat(tmp.resolve("s/sweep.parquet/part-00000.snappy.parquet")).isRegularFile();

        Fixtures.Cli reps = Fixtures.cli("run", Fixtures.DEMO.toString(), "--days", "30", "--replicates", "3", "--engine", "spark",
                "--no-parquet", "--out", tmp.resolve("r").toString());
        assertThat(reps.status()).as(reps.err()).isZero();
        assertThat(reps.out()).contains("3 replicates from seed 42, spark local[2]");
        assertThat(tmp.resolve("r/replicates.csv")).isRegularFile();
        assertThat(tmp.resolve("r/replicates.parquet")).doesNotExist();

        // Parquet to a URI (how a cluster writes it): Spark's own layout there
        Path uri = tmp.resolve("lake");
        Fixtures.Cli toUri = Fixtures.cli("run", Fixtures.DEMO.toString(), "--days", "20", "--replicates", "2", "--engine", "spark",
                "--parquet-out", uri.toUri().toString(), "--out", tmp.resolve("u").toString());
        assertThat(toUri.status()).as(toUri.err()).isZero();
        assertThat(spark.read().parquet(uri.resolve("replicates.parquet").toString()).count()).isEqualTo(2);
        assertThat(Files.readString(tmp.resolve("u/manifest.json"))).contains(uri.toUri().toString().replaceAll("/+$", "") + "/replicates.parquet");
    }

    @Test
    void aComparisonOfScenarioFilesOnSparkIsTheComparisonOnThreads(@TempDir Path tmp) throws Exception {
        Path strict = Fixtures.derived(tmp, "strict", "ice:\n  detainerRate: 0.3\n");
        // --seed differs from the files' seed: the executors must use the driver's seed, not the file's
        List<String> cmp = List.of("compare", Fixtures.DEMO.toString(), strict.toString(), "--set", "duration=40d", "--replicates", "4",
                "--seed", "99", "--quiet");
        Fixtures.Cli threads = Fixtures.cli(with(cmp, "--threads", "2", "--out", tmp.resolve("t").toString()));
        Fixtures.Cli onSpark = Fixtures.cli(with(cmp, "--engine", "spark", "--out", tmp.resolve("s").toString()));
        assertThat(threads.status()).as(threads.err()).isZero();
        assertThat(onSpark.status()).as(onSpark.err()).isZero();
        for (String f : List.of("comparison.csv", "runs/small-demo/replicates.csv", "runs/strict/timeseries.csv", "charts/detainers_issued.svg")) {
            assertThat(Files.readAllBytes(tmp.resolve("s").resolve(f))).as(f).isEqualTo(Files.readAllBytes(tmp.resolve("t").resolve(f)));
        }
        assertThat(Fixtures.csv(tmp.resolve("s/runs/strict/replicates.csv")).get(1)[1]).isEqualTo(Long.toString(Seeds.replicate(99, 0)));
        assertThat(tmp.resolve("s/runs/strict/replicates.parquet")).isDirectory();
    }

    @Test
    void theEngineBenchmarkTimesBothEnginesAndChecksTheyAgree() {
        Fixtures.Cli c = Fixtures.cli("bench", "--engine", "spark", "--scenario", Fixtures.DEMO.toString(), "--large-runs", "4",
                "--iterations", "1", "--warmup", "0");
        assertThat(c.status()).as(c.err()).isZero();
        assertThat(c.out()).contains("engine comparison: spark local[2]").contains("Spark session start");
        assertThat(c.out().lines().filter(l -> l.startsWith("sweep-")).toList()).hasSize(2)
                .allSatisfy(l -> assertThat(l).endsWith("yes"));
        assertThat(c.out().lines().filter(l -> l.startsWith("sweep-large")).findFirst().orElseThrow()).matches("sweep-large +4 .*");
    }

    @Test
    void engineOptionsThatDoNotFitAreRefusedWithExitStatus2(@TempDir Path tmp) {
        String demo = Fixtures.DEMO.toString();
        String out = tmp.resolve("x").toString();
        List<String> sweep = List.of("sweep", demo, "--param", "ice.officers=3000:9000", "--design", "grid", "--samples", "2", "--out", out);
        assertRefused(Fixtures.cli(with(sweep, "--engine", "cluster")), "--engine takes threads or spark, found 'cluster'");
        assertRefused(Fixtures.cli(with(sweep, "--engine", "spark", "--threads", "4")), "--threads applies to --engine threads");
        assertRefused(Fixtures.cli(with(sweep, "--master", "local[2]")), "--master, --parquet-out and --no-parquet apply with --engine spark");
        assertRefused(Fixtures.cli(with(sweep, "--engine", "spark", "--no-parquet", "--parquet-out", "hdfs://x/y")),
                "give --parquet-out or --no-parquet, not both");
        assertRefused(Fixtures.cli("run", demo, "--engine", "spark", "--out", out), "--engine spark runs experiments: add --replicates N or --until-ci");
        assertRefused(Fixtures.cli(with(sweep, "--threads", "0")), "--threads must be at least 1, found 0");
        assertRefused(Fixtures.cli("run", demo, "--threads", "2", "--out", out), "--threads, --max-replicates and --no-resume apply to experiments");
        assertRefused(Fixtures.cli("bench", "--threads", "2"), "--threads applies to bench --engine spark");
        // a session is running with local[2]: another master cannot join it
        assertRefused(Fixtures.cli(with(sweep, "--engine", "spark", "--master", "local[3]")), "is already running in this JVM");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    private static void assertRefused(Fixtures.Cli c, String message) {
        assertThat(c.status()).as(c.err()).isEqualTo(2);
        assertThat(c.err()).contains(message).doesNotContain("\tat ").doesNotContain("Exception");
    }

    private static String[] with(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
