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
        assertThat(f.calls.get()).isEqualTo(4096 * 5);
        double[][] exact = Ishigami.exact();
        assertThat(exact[0][0]).isCloseTo(0.3139, within(1e-4));
        assertThat(exact[0][1]).isCloseTo(0.4424, within(1e-4));
        assertThat(exact[1][2]).isCloseTo(0.2437, within(1e-4));
        // read the indices back from sobol.csv: the file users get
        List<String[]> rows = Fixtures.csv(r.directory().resolve("sobol.csv"));
        assertThat(rows).hasSize(4);
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
        assertThat(sweep).hasSize(1 + 4096 * 5);
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
        assertThat(s.size()).isEqualTo(8 * 4);
        for (int j = 0; j < 8; j++) {
            double[] a = s.point(4 * j);
            double[] b = s.point(4 * j + 1);
            assertThat(s.point(4 * j + 2)).containsExactly(b[0], a[1]);
            assertThat(s.point(4 * j + 3)).containsExactly(a[0], b[1]);
        }
    }

    @Test
    void sweepOutputsDoNotDependOnThreadsAndResumeWithoutRedoingRuns(@TempDir Path tmp) throws Exception {
        Design d = Design.of(Design.Kind.SOBOL, Ishigami.params(), 64, 1);
        Sweep.Result one = Sweep.run(new Ishigami(), tmp.resolve("one"), Sweep.Options.of(d, 3, 1, 5).withBootstrap(50));
        Sweep.Result two = Sweep.run(new Ishigami(), tmp.resolve("two"), Sweep.Options.of(d, 3, 2, 5).withBootstrap(50));
        for (String f : List.of("sweep.csv", "sobol.csv", "charts/tornado-y.svg")) {
            assertThat(Files.readAllBytes(two.directory().resolve(f))).as(f).isEqualTo(Files.readAllBytes(one.directory().resolve(f)));
        }
        // rows are point-major with replicates inside, replicate r with the same seed at every point
        List<String[]> rows = Fixtures.csv(one.directory().resolve("sweep.csv"));
        assertThat(rows).hasSize(1 + 64 * 5 * 3);
        assertThat(rows.get(1)[0]).isEqualTo("0");
        assertThat(rows.get(3)[1]).isEqualTo("2");
        assertThat(rows.get(4)[0]).isEqualTo("1");
        assertThat(rows.get(4)[2]).isEqualTo(rows.get(1)[2]);
        assertThat(rows.get(2)[2]).isEqualTo(Long.toString(Seeds.replicate(5, 1)));

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
        assertThat(f.calls.get()).as("runs in all, interrupted and resumed").isEqualTo(64 * 5 * 3);
        assertThat(r.ran()).isEqualTo(64 * 5 * 3 - before);
        for (String f2 : List.of("sweep.csv", "sobol.csv")) {
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
        assertThat(sobol).hasSize(1 + 4 * 2);
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
