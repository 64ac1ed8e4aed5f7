package org.jurisim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sweep: Sobol indices against a known answer, designs, thread independence, resume, the command line. */
class SweepTest {

    /** The Ishigami function, whose Sobol indices are known in closed form. */
    static class Ishigami implements Sweep.Evaluator {
        static final double A = 7;
        static final double B = 0.1;
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public List<String> outcomeNames() {
            return List.of("y");
        }

        @Override
        public double[] evaluate(int point, double[] x, int replicate, long seed) {
            calls.incrementAndGet();
            return new double[] {Math.sin(x[0]) + A * Math.pow(Math.sin(x[1]), 2) + B * Math.pow(x[2], 4) * Math.sin(x[0])};
        }

        @Override
        public JsonNode settings() {
            return ExperimentDir.json().createObjectNode().put("function", "ishigami").put("a", A).put("b", B);
        }

        static List<Design.Param> params() {
            return List.of(new Design.Param("x1", -Math.PI, Math.PI, false), new Design.Param("x2", -Math.PI, Math.PI, false),
                    new Design.Param("x3", -Math.PI, Math.PI, false));
        }

        /** Analytic first-order and total indices (Ishigami and Homma 1990; Sobol' and Levitan 1999). */
        static double[][] exact() {
            double pi4 = Math.pow(Math.PI, 4);
            double v1 = 0.5 * Math.pow(1 + B * pi4 / 5, 2);
            double v2 = A * A / 8;
            double v13 = B * B * Math.pow(Math.PI, 8) * (1.0 / 18 - 1.0 / 50);
            double v = v1 + v2 + v13;
            return new double[][] {{v1 / v, v2 / v, 0}, {(v1 + v13) / v, v2 / v, v13 / v}};
        }
    }

    @Test
    void sobolIndicesOfTheIshigamiFunctionMatchTheAnalyticValues(@TempDir Path tmp) throws Exception {
        Design d = Design.of(Design.Kind.SOBOL, Ishigami.params(), 4096, 1);
        Ishigami f = new Ishigami();
        Sweep.Result r = Sweep.run(f, tmp.resolve("ishigami"), Sweep.Options.of(d, 1, 2, 7).withBootstrap(300));
        assertThat(f.calls.get()).isEqualTo(4096 * 6);
        double[][] exact = Ishigami.exact();
        assertThat(exact[0][0]).isCloseTo(0.3139, within(1e-4));
        assertThat(exact[0][1]).isCloseTo(0.4424, within(1e-4));
        assertThat(exact[1][2]).isCloseTo(0.2437, within(1e-4));
        // read the indices back from sobol.csv: the file users get
        List<String[]> rows = Fixtures.csv(r.directory().resolve("sobol.csv"));
        assertThat(rows).hasSize(5);
        // the dummy of a deterministic function: exactly nothing, and every parameter with a total effect is above it
        assertThat(rows.get(4)[1]).isEqualTo(Design.DUMMY);
        assertThat(Double.parseDouble(rows.get(4)[5])).isZero();
        for (int i = 0; i < 3; i++) {
            assertThat(rows.get(1 + i)[13]).as("x%d above the dummy", i + 1).isEqualTo("true");
        }
        for (int i = 0; i < 3; i++) {
            String[] row = rows.get(1 + i);
            assertThat(row[0]).isEqualTo("y");
            assertThat(row[1]).isEqualTo("x" + (i + 1));
            double s1 = Double.parseDouble(row[2]);
            double st = Double.parseDouble(row[5]);
            System.out.printf("Ishigami x%d: S1 %s [%s, %s] (exact %.4f), ST %s [%s, %s] (exact %.4f)%n", i + 1, row[2], row[3], row[4],
                    exact[0][i], row[5], row[6], row[7], exact[1][i]);
            assertThat(s1).as("S1 of x%d", i + 1).isCloseTo(exact[0][i], within(0.04));
            assertThat(st).as("ST of x%d", i + 1).isCloseTo(exact[1][i], within(0.04));
            assertThat(Double.parseDouble(row[3])).isLessThanOrEqualTo(s1);
            assertThat(Double.parseDouble(row[4])).isGreaterThanOrEqualTo(s1);
            assertThat(Double.parseDouble(row[6])).isLessThanOrEqualTo(st);
            assertThat(Double.parseDouble(row[7])).isGreaterThanOrEqualTo(st);
            assertThat(Double.parseDouble(row[7]) - Double.parseDouble(row[6])).as("ST interval width").isLessThan(0.15);
        }
        assertThat(r.directory().resolve("charts/tornado-y.png")).exists();
        assertThat(r.directory().resolve("charts/tornado-y.svg")).exists();
        List<String[]> sweep = Fixtures.csv(r.directory().resolve("sweep.csv"));
        assertThat(String.join(",", sweep.get(0))).isEqualTo("point,replicate,seed,x1,x2,x3,y");
        assertThat(sweep).hasSize(1 + 4096 * 6);
    }

    @Test
    void anAdditiveModelHasEqualFirstOrderAndTotalIndices(@TempDir Path tmp) throws Exception {
        // y = x1 + 2 x2 (x3 inert), x ~ U(0,1): S1 = ST = 1/5, 4/5, 0
        Sweep.Evaluator f = new Ishigami() {
            @Override
            public double[] evaluate(int point, double[] x, int replicate, long seed) {
                return new double[] {x[0] + 2 * x[1]};
            }
        };
        List<Design.Param> ps = List.of(new Design.Param("x1", 0, 1, false), new Design.Param("x2", 0, 1, false),
                new Design.Param("x3", 0, 1, false));
        Sweep.Result r = Sweep.run(f, tmp.resolve("add"), Sweep.Options.of(Design.of(Design.Kind.SOBOL, ps, 1024, 1), 1, 2, 7)
                .withBootstrap(100));
        SobolIndices.Result s = r.sobol().get("y");
        double[] expected = {0.2, 0.8, 0.0};
        for (int i = 0; i < 3; i++) {
            assertThat(s.first()[i].value()).isCloseTo(expected[i], within(0.03));
            assertThat(s.total()[i].value()).isCloseTo(expected[i], within(0.03));
        }
        // the inert x3 is not above the dummy; the others are; 1024 base samples have converged
        assertThat(s.aboveDummy(0)).isTrue();
        assertThat(s.aboveDummy(1)).isTrue();
        assertThat(s.aboveDummy(2)).isFalse();
        assertThat(s.converged()).isTrue();
        assertThat(r.warnings()).as("an inert parameter of a deterministic function is not a warning about noise")
                .noneMatch(w -> w.contains("not sensitive"));
    }

    /**
     * y = 3 x1 + noise / 2, z = noise, where the noise's random numbers depend on x2 (as a model whose parameter changes
     * which random numbers are drawn): x2 moves nothing but the noise, x3 nothing at all.
     */
    static class Desync extends Ishigami {
        @Override
        public List<String> outcomeNames() {
            return List.of("y", "z");
        }

        @Override
        public double[] evaluate(int point, double[] x, int replicate, long seed) {
            java.util.SplittableRandom rng = new java.util.SplittableRandom(seed ^ Double.doubleToLongBits(x[1]) * 31);
            double noise = rng.nextGaussian();
            return new double[] {3 * x[0] + noise / 2, noise};
        }

        static List<Design.Param> params() {
            return List.of(new Design.Param("x1", 0, 1, false), new Design.Param("x2", 0, 1, false), new Design.Param("x3", 0, 1, false));
        }
    }

    @Test
    void aParameterThatOnlyChangesTheRandomNumbersIsNotAboveTheDummy(@TempDir Path tmp) throws Exception {
        Sweep.Result r = Sweep.run(new Desync(), tmp.resolve("desync"), Sweep.Options.of(Design.of(Design.Kind.SOBOL, Desync.params(),
                256, 1), 1, 2, 11).withBootstrap(300));
        SobolIndices.Result y = r.sobol().get("y");
        SobolIndices.Result z = r.sobol().get("z");
        // x2 reseeds the noise, so its total index is large (what a naive reading calls sensitive) ...
        assertThat(z.total()[1].value()).as("ST of x2 on pure noise").isGreaterThan(0.7);
        assertThat(z.total()[1].ciLow()).isGreaterThan(0.3);
        // ... but it is not above the dummy's, which measures the same noise
        assertThat(z.total()[3].value()).as("the dummy's ST on pure noise").isGreaterThan(0.7);
        for (int i = 0; i < 3; i++) {
            assertThat(z.aboveDummy(i)).as("z above the dummy for x%d", i + 1).isFalse();
        }
        // power: the real effect of x1 (3/4 of y's variance) stands above the dummy; x2 and the inert x3 do not
        assertThat(y.aboveDummy(0)).isTrue();
        assertThat(y.aboveDummy(1)).isFalse();
        assertThat(y.aboveDummy(2)).isFalse();
        assertThat(r.warnings()).anyMatch(w -> w.startsWith("z: not sensitive to any swept parameter"))
                .noneMatch(w -> w.startsWith("y: not sensitive"));
        // the dummy's pairs measure the noise of a point mean with one replicate: SD 1
        assertThat(r.noise().get("z").seMean()).isCloseTo(1.0, within(0.15));
        assertThat(r.noise().get("z").verdict()).isEqualTo("mostly noise");
        assertThat(r.noise().get("y").verdict()).isIn("signal", "noisy");
        String html = Files.readString(r.directory().resolve("report.html"));
        assertThat(html).contains("What moved which outcome").contains("nothing (noise)").contains("noise floor").doesNotContain("<script");
        assertThat(r.directory().resolve("noise.csv")).isRegularFile();
    }

    @Test
    void indicesOutsideZeroToOneAreExplainedAndConvergenceIsReported() {
        // few rows of pure noise: estimates stray outside [0, 1] and move between N/2 and N
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        int n = 8;
        double[] fA = new double[n];
        double[] fB = new double[n];
        double[][] fAB = new double[2][n];
        for (int j = 0; j < n; j++) {
            fA[j] = rng.nextGaussian();
            fB[j] = rng.nextGaussian();
            fAB[0][j] = rng.nextGaussian();
            fAB[1][j] = rng.nextGaussian();
        }
        SobolIndices.Result r = SobolIndices.analyze(fA, fB, fAB, 1, 200, 5);
        boolean anyImpossible = false;
        for (int i = 0; i < 2; i++) {
            for (SobolIndices.Index x : new SobolIndices.Index[] {r.first()[i], r.total()[i]}) {
                boolean impossible = x.value() < 0 || x.value() > 1;
                anyImpossible |= impossible;
                assertThat(SobolIndices.note(x).startsWith("noise:")).as("note of %s", x.value()).isEqualTo(impossible);
            }
        }
        assertThat(anyImpossible).as("pure noise on 8 rows gives an impossible index").isTrue();
        assertThat(SobolIndices.note(new SobolIndices.Index(-0.39, -0.8, 0.2))).contains("not distinguishable from zero");
        assertThat(SobolIndices.note(new SobolIndices.Index(1.67, 0.9, 2.5))).contains("estimator variance");
        assertThat(r.totalHalf()[0]).isNotNaN();
        assertThat(r.converged()).isFalse();
        List<String> w = Sweep.sobolWarnings(java.util.Map.of("y", r), List.of("x1"), n);
        assertThat(w).anyMatch(x -> x.startsWith("Indices below 0 or above 1") && x.contains("y ("))
                .anyMatch(x -> x.startsWith("Indices not converged") && x.contains("between 4 and 8 base samples"));
    }

    @Test
    void aGridWithReplicatesMeasuresItsNoiseAndTellsSignalFromNoise(@TempDir Path tmp) throws Exception {
        Sweep.Evaluator f = new Desync() {
            @Override
            public double[] evaluate(int point, double[] x, int replicate, long seed) {
                // noise drawn afresh at every point (the random numbers depend on the parameters), SD 0.3
                java.util.SplittableRandom rng = new java.util.SplittableRandom(seed ^ Double.doubleToLongBits(x[0] + 7 * x[1]));
                double noise = 0.3 * rng.nextGaussian();
                return new double[] {x[0] + noise, noise};
            }
        };
        List<Design.Param> ps = List.of(new Design.Param("x1", 0, 1, false), new Design.Param("x2", 0, 1, false));
        Sweep.Result r = Sweep.run(f, tmp.resolve("grid"), Sweep.Options.of(Design.of(Design.Kind.GRID, ps, 4, 1), 5, 2, 13));
        SweepNoise.Noise y = r.noise().get("y");
        SweepNoise.Noise z = r.noise().get("z");
        assertThat(y.pooledSd()).isCloseTo(0.3, within(0.05));
        assertThat(z.pooledSd()).isCloseTo(0.3, within(0.05));
        assertThat(y.seMean()).isCloseTo(y.pooledSd() / Math.sqrt(5), within(1e-12));
        assertThat(y.anovaP()).isLessThan(1e-6);
        assertThat(y.verdict()).isEqualTo("signal");
        assertThat(z.anovaP()).isGreaterThan(0.05);
        assertThat(z.verdict()).isEqualTo("noise");
        assertThat(r.warnings()).anyMatch(w -> w.startsWith("z: the points differ no more than replicates")).noneMatch(w -> w.startsWith("y:"));
        List<String[]> noise = Fixtures.csv(r.directory().resolve("noise.csv"));
        assertThat(noise.get(2)[0]).isEqualTo("z");
        assertThat(noise.get(2)[10]).isEqualTo("noise");
        assertThat(r.directory().resolve("charts/heatmap-z.png")).exists();
        // one run per point: nothing measured, and the sweep says so
        Sweep.Result one = Sweep.run(f, tmp.resolve("one"), Sweep.Options.of(Design.of(Design.Kind.GRID, ps, 4, 1), 1, 2, 13));
        assertThat(one.noise().get("y").verdict()).isEqualTo("not measured");
        assertThat(one.warnings()).anyMatch(w -> w.startsWith("One run per point"));
    }

    @Test
    void aSobolSweepOverIceLeversFindsBookingsNotSensitive(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("levers");
        Fixtures.Cli c = Fixtures.cli("sweep", Fixtures.DEMO.toString(), "--param", "ice.officers=1000:9000", "--param",
                "ice.detainerRate=0.3:0.7", "--param", "ice.detentionBeds=20000:100000", "--design", "sobol", "--samples", "16",
                "--days", "60", "--metrics", "bookings,detainers_issued,detention_occupancy", "--bootstrap", "300", "--threads", "2",
                "--out", out.toString());
        assertThat(c.status()).as(c.err()).isZero();
        List<String[]> sobol = Fixtures.csv(out.resolve("sobol.csv"));
        java.util.function.BiFunction<String, String, String[]> row = (o, p) -> sobol.stream().filter(x -> x[0].equals(o) && x[1].equals(p))
                .findFirst().orElseThrow();
        // no ICE lever moves bookings above the noise floor
        for (String p : List.of("ice.officers", "ice.detainerRate", "ice.detentionBeds")) {
            assertThat(row.apply("bookings.avg", p)[13]).as("bookings.avg above the dummy for %s", p).isEqualTo("false");
        }
        // power: the levers that do act are found
        assertThat(row.apply("detainers_issued.avg", "ice.detainerRate")[13]).isEqualTo("true");
        assertThat(row.apply("detention_occupancy.avg", "ice.detentionBeds")[13]).isEqualTo("true");
        assertThat(c.out()).contains("bookings.avg: not sensitive to any swept parameter").contains("dummy (noise floor)");
        assertThat(Files.readString(out.resolve("report.html"))).contains("bookings.avg");
    }

    @Test
    void designsCoverTheirRangesInInterleavedOrder() {
        List<Design.Param> ps = List.of(new Design.Param("a", 0, 1, false), new Design.Param("b", 10, 20, true));
        Design g = Design.of(Design.Kind.GRID, ps, 5, 1);
        assertThat(g.size()).isEqualTo(25);
        // the first points of the run order already spread over the grid: all four corners among the first 8
        java.util.Set<String> early = new java.util.HashSet<>();
        for (int p = 0; p < 8; p++) {
            early.add(java.util.Arrays.toString(g.cell(p)));
        }
        assertThat(early).contains("[0, 0]", "[4, 0]", "[0, 4]", "[4, 4]");
        assertThat(g.point(0)).containsExactly(0.0, 10.0);
        java.util.Set<String> all = new java.util.HashSet<>();
        for (int p = 0; p < g.size(); p++) {
            all.add(java.util.Arrays.toString(g.point(p)));
            assertThat(g.point(p)[1]).isEqualTo(Math.rint(g.point(p)[1]));
        }
        assertThat(all).hasSize(25);
        int firstHalfHigh = 0;
        for (int p = 0; p < 12; p++) {
            firstHalfHigh += g.point(p)[0] > 0.5 ? 1 : 0;
        }
        assertThat(firstHalfHigh).as("points with a > 0.5 among the first 12").isBetween(4, 8);
        Design l = Design.of(Design.Kind.LHS, ps, 10, 3);
        for (int i = 0; i < 2; i++) {
            boolean[] strata = new boolean[10];
            for (int p = 0; p < 10; p++) {
                double u = (l.point(p)[i] - ps.get(i).low()) / (ps.get(i).high() - ps.get(i).low());
                strata[Math.min(9, (int) (u * 10))] = true;
            }
            if (!ps.get(i).integer()) {
                assertThat(strata).as("one point per stratum of %s", ps.get(i).path()).containsOnly(true);
            }
        }
        Design s = Design.of(Design.Kind.SOBOL, ps, 8, 1);
        assertThat(s.size()).isEqualTo(8 * 5);
        assertThat(s.perBlock()).isEqualTo(5);
        for (int j = 0; j < 8; j++) {
            double[] a = s.point(5 * j);
            double[] b = s.point(5 * j + 1);
            assertThat(s.point(5 * j + 2)).containsExactly(b[0], a[1]);
            assertThat(s.point(5 * j + 3)).containsExactly(a[0], b[1]);
            // the dummy's A_B: A's parameters on B's random stream; A and its A_B^(i) share A's stream
            assertThat(s.point(5 * j + 4)).containsExactly(a[0], a[1]);
            assertThat(s.role(5 * j + 4)).isEqualTo(2);
            assertThat(s.stream(5 * j + 4)).isEqualTo(s.stream(5 * j + 1)).isNotEqualTo(s.stream(5 * j));
            assertThat(s.stream(5 * j + 2)).isEqualTo(s.stream(5 * j)).isPositive();
        }
        assertThat(g.stream(3)).as("grid points share one stream (common random numbers)").isZero();
    }

    @Test
    void sweepOutputsDoNotDependOnThreadsAndResumeWithoutRedoingRuns(@TempDir Path tmp) throws Exception {
        Design d = Design.of(Design.Kind.SOBOL, Ishigami.params(), 64, 1);
        Sweep.Result one = Sweep.run(new Ishigami(), tmp.resolve("one"), Sweep.Options.of(d, 3, 1, 5).withBootstrap(50));
        Sweep.Result two = Sweep.run(new Ishigami(), tmp.resolve("two"), Sweep.Options.of(d, 3, 2, 5).withBootstrap(50));
        for (String f : List.of("sweep.csv", "sobol.csv", "noise.csv", "report.html", "charts/tornado-y.svg")) {
            assertThat(Files.readAllBytes(two.directory().resolve(f))).as(f).isEqualTo(Files.readAllBytes(one.directory().resolve(f)));
        }
        // rows are point-major with replicates inside, replicate r with the same seed at every point
        List<String[]> rows = Fixtures.csv(one.directory().resolve("sweep.csv"));
        assertThat(rows).hasSize(1 + 64 * 6 * 3);
        assertThat(rows.get(1)[0]).isEqualTo("0");
        assertThat(rows.get(3)[1]).isEqualTo("2");
        assertThat(rows.get(4)[0]).isEqualTo("1");
        // point 2 (A_B^(1)) shares point 0's (A's) seeds; point 1 (B) has its own stream
        assertThat(rows.get(7)[2]).isEqualTo(rows.get(1)[2]);
        assertThat(rows.get(4)[2]).isNotEqualTo(rows.get(1)[2]);
        assertThat(rows.get(2)[2]).isEqualTo(Long.toString(Seeds.replicate(5, d.stream(0), 1)));

        Ishigami f = new Ishigami();
        Sweep.Options opts = Sweep.Options.of(d, 3, 2, 5).withBootstrap(50);
        Path out = tmp.resolve("resumed");
        assertThatThrownBy(() -> Sweep.run(f, out, opts.withProgress(new Progress() {
            @Override
            public void update(long done, String status) {
                if (done == 400) {
                    throw new IllegalStateException("interrupted");
                }
            }
        }))).hasMessageContaining("interrupted");
        int before = f.calls.get();
        assertThat(before).isBetween(400, 404);
        Sweep.Result r = Sweep.run(f, out, opts);
        assertThat(r.resumed()).isTrue();
        assertThat(f.calls.get()).as("runs in all, interrupted and resumed").isEqualTo(64 * 6 * 3);
        assertThat(r.ran()).isEqualTo(64 * 6 * 3 - before);
        for (String f2 : List.of("sweep.csv", "sobol.csv", "noise.csv", "report.html")) {
            assertThat(Files.readAllBytes(r.directory().resolve(f2))).as(f2).isEqualTo(Files.readAllBytes(one.directory().resolve(f2)));
        }
    }

    @Test
    void aGridSweepOfTheModelFromTheCommandLine(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("grid");
        Fixtures.Cli c = Fixtures.cli("sweep", Fixtures.DEMO.toString(), "--set", "duration=30d", "--param", "ice.detainerRate=0.2:0.8",
                "--param", "ice.officers=3000:9000", "--design", "grid", "--samples", "3", "--replicates", "2", "--threads", "2",
                "--outcome", "detainers_issued.avg,compliance_rate_rolling.avg", "--out", out.toString());
        assertThat(c.status()).as(c.err()).isZero();
        assertThat(c.out()).contains("grid: 3 levels ^ 2 parameters = 9 points, 2 replicates per point = 18 runs");
        List<String[]> rows = Fixtures.csv(out.resolve("sweep.csv"));
        assertThat(rows).hasSize(1 + 18);
        assertThat(List.of(rows.get(0)).subList(0, 7)).containsExactly("point", "replicate", "seed", "ice.detainerRate", "ice.officers",
                "bookings.end", "bookings.avg");
        assertThat(rows.stream().skip(1).map(r -> r[4]).distinct().sorted()).containsExactly("3000", "6000", "9000");
        // more detainers where ICE issues more of them
        int issued = Fixtures.column(rows, "detainers_issued.avg");
        double low = rows.stream().skip(1).filter(r -> r[3].equals("0.2")).mapToDouble(r -> Double.parseDouble(r[issued])).average().orElseThrow();
        double high = rows.stream().skip(1).filter(r -> r[3].equals("0.8")).mapToDouble(r -> Double.parseDouble(r[issued])).average().orElseThrow();
        assertThat(high).isGreaterThan(2.5 * low);
        assertThat(out.resolve("charts/heatmap-detainers_issued.avg.png")).exists();
        assertThat(out.resolve("charts/heatmap-compliance_rate_rolling.avg.svg")).exists();
        assertThat(Files.list(out.resolve("charts")).count()).isEqualTo(4);
    }

    @Test
    void aSobolSweepOfTheModelFromTheCommandLine(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("sobol");
        Fixtures.Cli c = Fixtures.cli("sweep", Fixtures.DEMO.toString(), "--set", "duration=20d", "--param", "ice.detainerRate=0.2:0.8",
                "--param", "community.initialTrust=0.3:0.9", "--design", "sobol", "--samples", "16", "--metrics", "detainers_issued,trust_index",
                "--bootstrap", "50", "--out", out.toString());
        assertThat(c.status()).as(c.err()).isZero();
        List<String[]> sobol = Fixtures.csv(out.resolve("sobol.csv"));
        assertThat(sobol).hasSize(1 + 4 * 3);
        // the detainers issued depend on the detainer rate, not on the community's trust
        String[] rate = sobol.stream().filter(r -> r[0].equals("detainers_issued.avg") && r[1].equals("ice.detainerRate")).findFirst().orElseThrow();
        String[] trust = sobol.stream().filter(r -> r[0].equals("detainers_issued.avg") && r[1].equals("community.initialTrust")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(rate[5])).isGreaterThan(0.8);
        assertThat(Double.parseDouble(trust[5])).isLessThan(0.1);
        assertThat(out.resolve("charts/tornado-detainers_issued.avg.png")).exists();
    }

    @Test
    void badSweepInputIsReportedWithExitStatus2(@TempDir Path tmp) {
        Fixtures.Cli syntax = Fixtures.cli("sweep", Fixtures.DEMO.toString(), "--param", "ice.officers=9000", "--samples", "4", "--out",
                tmp.resolve("a").toString());
        assertThat(syntax.status()).isEqualTo(2);
        assertThat(syntax.err()).contains("--param #1:1:1: param: expected PATH=LOW:HIGH");
        Fixtures.Cli order = Fixtures.cli("sweep", Fixtures.DEMO.toString(), "--param", "ice.officers=9000:3000", "--samples", "4", "--out",
                tmp.resolve("a").toString());
        assertThat(order.status()).isEqualTo(2);
        assertThat(order.err()).contains("ice.officers: expected LOW below HIGH");
        Fixtures.Cli unknown = Fixtures.cli("sweep", Fixtures.DEMO.toString(), "--param", "ice.oficers=3000:9000", "--samples", "4",
                "--out", tmp.resolve("a").toString());
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("oficers");
        Fixtures.Cli range = Fixtures.cli("sweep", Fixtures.DEMO.toString(), "--param", "ice.detainerRate=0.5:1.5", "--samples", "4",
                "--out", tmp.resolve("a").toString());
        assertThat(range.status()).isEqualTo(2);
        assertThat(range.err()).contains("detainerRate");
        Fixtures.Cli design = Fixtures.cli("sweep", Fixtures.DEMO.toString(), "--param", "ice.detainerRate=0.1:0.5", "--samples", "4",
                "--design", "random", "--out", tmp.resolve("a").toString());
        assertThat(design.status()).isEqualTo(2);
        assertThat(design.err()).contains("--design takes grid, lhs or sobol");
        assertThat(tmp.resolve("a")).doesNotExist();
    }
}
