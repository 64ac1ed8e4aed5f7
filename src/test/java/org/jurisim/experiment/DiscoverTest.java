package org.jurisim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** discover: PRIM finds the known box of a synthetic function, through a real sweep directory and the command line. */
class DiscoverTest {

    /** y = 1 inside the box 0.2 <= x1 <= 0.6, 0.3 <= x2 <= 0.8 (x3 free), 0 outside; plus a little noise. */
    static class BoxFunction implements Sweep.Evaluator {
        boolean in(double[] x) {
            return x[0] >= 0.2 && x[0] <= 0.6 && x[1] >= 0.3 && x[1] <= 0.8;
        }

        @Override
        public List<String> outcomeNames() {
            return List.of("y");
        }

        @Override
        public double[] evaluate(int point, double[] x, int replicate, long seed) {
            boolean in = in(x);
            double noise = 0.05 * new java.util.SplittableRandom(seed ^ point).nextGaussian();
            return new double[] {(in ? 1 : 0) + noise};
        }

        @Override
        public JsonNode settings() {
            return ExperimentDir.json().createObjectNode().put("function", "box");
        }
    }

    static Path sweep(Path tmp, int samples) throws Exception {
        return sweep(tmp.resolve("sweep"), new BoxFunction(), samples);
    }

    static Path sweep(Path out, BoxFunction f, int samples) throws Exception {
        List<Design.Param> ps = List.of(new Design.Param("x1", 0, 1, false), new Design.Param("x2", 0, 1, false),
                new Design.Param("x3", 0, 1, false));
        return Sweep.run(f, out, Sweep.Options.of(Design.of(Design.Kind.LHS, ps, samples, 3), 2, 2, 9)
                .withBootstrap(0)).directory();
    }

    @Test
    void primFindsTheKnownBoxOfASyntheticFunction(@TempDir Path tmp) throws Exception {
        Path dir = sweep(tmp, 2000);
        Fixtures.Cli c = Fixtures.cli("discover", dir.toString(), "--outcome", "y", "--above", "0.5", "--out", tmp.resolve("d").toString());
        assertThat(c.status()).as(c.err()).isZero();
        List<String[]> box = Fixtures.csv(tmp.resolve("d/prim-box.csv"));
        double[][] expected = {{0.2, 0.6}, {0.3, 0.8}};
        for (int j = 0; j < 2; j++) {
            assertThat(box.get(1 + j)[0]).isEqualTo("x" + (j + 1));
            assertThat(Double.parseDouble(box.get(1 + j)[1])).as("low of x%d", j + 1).isCloseTo(expected[j][0], within(0.03));
            assertThat(Double.parseDouble(box.get(1 + j)[2])).as("high of x%d", j + 1).isCloseTo(expected[j][1], within(0.03));
            assertThat(box.get(1 + j)[5]).isEqualTo("true");
        }
        // x3 does not matter: left (nearly) whole
        assertThat(Double.parseDouble(box.get(3)[2]) - Double.parseDouble(box.get(3)[1])).as("width of x3").isGreaterThan(0.85);
        List<String[]> traj = Fixtures.csv(tmp.resolve("d/prim-trajectory.csv"));
        String[] chosen = traj.stream().skip(1).filter(r -> r[r.length - 1].equals("true")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(chosen[4])).as("density").isGreaterThan(0.9);
        assertThat(Double.parseDouble(chosen[3])).as("coverage").isGreaterThan(0.85);
        assertThat(Double.parseDouble(chosen[5])).as("mass: the box's volume").isCloseTo(0.4 * 0.5, within(0.03));
        // the trajectory starts with every point and peels toward density 1
        assertThat(traj.get(1)[3]).isEqualTo("1");
        assertThat(Double.parseDouble(traj.get(1)[4])).isCloseTo(0.2, within(0.03));
        assertThat(c.out()).contains("<- chosen").contains("x1").contains("not restricted");
        assertThat(tmp.resolve("d/charts/prim-trajectory.png")).isRegularFile();
        assertThat(Files.readString(tmp.resolve("d/report.html"))).contains("Peeling trajectory").contains("coverage");
        // power: a function with another box (on x1 and x3) gives that box's limits
        Path other = sweep(tmp.resolve("sweep2"), new BoxFunction() {
            @Override
            boolean in(double[] x) {
                return x[0] >= 0.5 && x[0] <= 0.9 && x[2] >= 0.1 && x[2] <= 0.4;
            }
        }, 2000);
        Fixtures.Cli c2 = Fixtures.cli("discover", other.toString(), "--outcome", "y", "--above", "0.5", "--out", tmp.resolve("e").toString());
        assertThat(c2.status()).as(c2.err()).isZero();
        List<String[]> box2 = Fixtures.csv(tmp.resolve("e/prim-box.csv"));
        assertThat(Double.parseDouble(box2.get(1)[1])).isCloseTo(0.5, within(0.03));
        assertThat(Double.parseDouble(box2.get(1)[2])).isCloseTo(0.9, within(0.03));
        assertThat(Double.parseDouble(box2.get(3)[1])).isCloseTo(0.1, within(0.03));
        assertThat(Double.parseDouble(box2.get(3)[2])).isCloseTo(0.4, within(0.03));
        assertThat(box2.get(2)[5]).as("x2 free this time").isEqualTo("false");
        // a region PRIM cannot box (everything outside the box): no box stands out, and discover says so
        Fixtures.Cli outside = Fixtures.cli("discover", dir.toString(), "--outcome", "y", "--below", "0.5", "--out", tmp.resolve("f").toString());
        assertThat(outside.status()).as(outside.err()).isZero();
        assertThat(outside.out()).contains("no box of parameters stands out");
        assertThat(c.out()).doesNotContain("no box of parameters stands out");
    }

    @Test
    void pastingNeverLowersTheDensityAndPeelingHonoursTheMinimumMass() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
        int n = 600;
        double[][] x = new double[n][2];
        boolean[] y = new boolean[n];
        for (int p = 0; p < n; p++) {
            x[p][0] = rng.nextDouble();
            x[p][1] = Math.floor(rng.nextDouble() * 5); // a parameter with ties (grid levels)
            y[p] = x[p][0] > 0.7 && x[p][1] >= 3;
        }
        Prim.Result peeled = Prim.run(x, y, new double[] {0, 0}, new double[] {1, 4}, 0.1, 0.05, false, -1);
        Prim.Result pasted = Prim.run(x, y, new double[] {0, 0}, new double[] {1, 4}, 0.1, 0.05, true, -1);
        assertThat(pasted.box().density()).isGreaterThanOrEqualTo(peeled.box().density());
        for (Prim.Box b : peeled.trajectory()) {
            assertThat(b.mass()).isGreaterThanOrEqualTo(0.05);
        }
        Prim.Box b = peeled.box();
        assertThat(b.low()[0]).isCloseTo(0.7, within(0.05));
        assertThat(b.low()[1]).isBetween(2.0, 3.0);
        assertThat(b.density()).isGreaterThan(0.95);
    }
}
