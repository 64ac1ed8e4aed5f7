package org.jurisim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jurisim.common.BadInputException;
import org.jurisim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * calibrate: recovery of known parameters within the stated 90% intervals (with the power to miss them), the same
 * files with 1 or 2 threads, resuming an interrupted calibration, and, on the model, a calibrated scenario whose
 * {@code check} gives exactly the statistics the calibration reported at the calibrated values.
 */
class CalibrateTest {

    /**
     * A toy model with known parameters: y1 = a + e1, y2 = a + 2 b + e2 (e ~ N(0, 0.3^2), drawn from the replicate's seed
     * only: common random numbers), y3 = e3 (c moves nothing).
     */
    static final class Toy implements Sweep.Evaluator {
        final AtomicInteger calls = new AtomicInteger();

        static List<Design.Param> params() {
            return List.of(new Design.Param("a", 0, 10, false), new Design.Param("b", 0, 10, false), new Design.Param("c", 0, 10, false));
        }

        @Override
        public List<String> outcomeNames() {
            return List.of("y1", "y2", "y3");
        }

        @Override
        public double[] evaluate(int point, double[] v, int replicate, long seed) {
            calls.incrementAndGet();
            Random r = new Random(seed);
            return new double[] {v[0] + 0.3 * r.nextGaussian(), v[0] + 2 * v[1] + 0.3 * r.nextGaussian(), 0.3 * r.nextGaussian()};
        }

        @Override
        public JsonNode settings() {
            return ExperimentDir.json().createObjectNode().put("toy", 1);
        }
    }

    /** Records computed at a = 3, b = 6 (no noise); each accepted within +-1. */
    static List<Calibrate.Goal> goals(double a, double b) {
        return List.of(new Calibrate.Goal("y1", a, a - 1, a + 1, false, "y1"), new Calibrate.Goal("y2", a + 2 * b, a + 2 * b - 1,
                a + 2 * b + 1, false, "y2"), new Calibrate.Goal("y3", 0, -1, 1, false, "y3"));
    }

    @Test
    void recoversKnownParametersWithinItsIntervalsAndTheIntervalsHavePower(@TempDir Path tmp) throws Exception {
        Design d = Design.of(Design.Kind.LHS, Toy.params(), 1000, 3);
        Calibrate.Options o = Calibrate.Options.of(d, 2, 2, 5).withAccept(0.05, null);
        Calibrate.Result r = Calibrate.run(new Toy(), goals(3, 6), null, tmp.resolve("cal"), o, null);
        assertThat(r.accepted()).isEqualTo(50);
        Calibrate.ParamSummary a = r.params().get(0);
        Calibrate.ParamSummary b = r.params().get(1);
        Calibrate.ParamSummary c = r.params().get(2);
        System.out.printf("recovery: a %.3f [%.3f, %.3f]  b %.3f [%.3f, %.3f]  c %.3f [%.3f, %.3f]%n", a.median(), a.q05(), a.q95(),
                b.median(), b.q05(), b.q95(), c.median(), c.q05(), c.q95());
        assertThat(3.0).isBetween(a.q05(), a.q95());
        assertThat(6.0).isBetween(b.q05(), b.q95());
        assertThat(5.0).isBetween(c.q05(), c.q95());
        // the targets pin a and b down (interval well inside the prior); c, which moves nothing, stays nearly as wide as its prior
        assertThat(a.widthShare()).isLessThan(0.3);
        assertThat(b.widthShare()).isLessThan(0.3);
        assertThat(c.widthShare()).isGreaterThan(0.6);
        // which targets constrain which parameters: y1 goes with a, y2 with b (and a), y3 with nothing
        assertThat(r.constraints()[0][0]).isGreaterThan(0.9);
        assertThat(r.constraints()[1][1]).isGreaterThan(0.8);
        assertThat(Math.abs(r.constraints()[2][0])).isLessThan(0.15);
        // the fit: at the posterior, the model's band lies around the record
        assertThat(r.targets().get(0).median()).isBetween(2.5, 3.5);
        assertThat(r.targets().get(0).priorQ95() - r.targets().get(0).priorQ05()).isGreaterThan(8);
        // power: against a record made at a = 7, the interval excludes the old truth
        Calibrate.Result other = Calibrate.run(new Toy(), goals(7, 6), null, tmp.resolve("other"), o, null);
        assertThat(other.params().get(0).q05()).isGreaterThan(3.0);
        assertThat(7.0).isBetween(other.params().get(0).q05(), other.params().get(0).q95());

        Path dir = r.directory();
        List<String[]> post = Fixtures.csv(dir.resolve("posterior.csv"));
        assertThat(post.get(0)).containsExactly("point", "distance", "a", "b", "c");
        assertThat(post).hasSize(51);
        List<String[]> runs = Fixtures.csv(dir.resolve("runs.csv"));
        assertThat(runs.get(0)).containsExactly("point", "replicate", "seed", "a", "b", "c", "y1", "y2", "y3");
        assertThat(runs).hasSize(1 + 2000);
        assertThat(runs.get(1)[2]).isEqualTo(runs.get(3)[2]).isEqualTo(Long.toString(Seeds.replicate(5, 0)));
        assertThat(Fixtures.csv(dir.resolve("points.csv"))).hasSize(1001);
        assertThat(dir.resolve("report.html")).exists();
        assertThat(Files.readString(dir.resolve("report.html"))).contains("charts/posterior.png", "charts/pairs.png", "charts/targets.png");
        assertThat(dir.resolve("calibrated.yaml")).doesNotExist();
    }

    @Test
    void aToleranceAcceptsEveryPointWithinIt(@TempDir Path tmp) throws Exception {
        Design d = Design.of(Design.Kind.LHS, Toy.params(), 200, 3);
        Calibrate.Result r = Calibrate.run(new Toy(), goals(3, 6), null, tmp.resolve("cal"),
                Calibrate.Options.of(d, 1, 2, 5).withAccept(null, 1.0), null);
        List<String[]> pts = Fixtures.csv(r.directory().resolve("points.csv"));
        int dist = List.of(pts.get(0)).indexOf("distance");
        long within = pts.stream().skip(1).filter(p -> Double.parseDouble(p[dist]) <= 1.0).count();
        assertThat(r.accepted()).isEqualTo((int) within).isPositive().isLessThan(200);
        assertThat(r.tolerance()).isEqualTo(1.0);
        // a tolerance no point meets: said, not hidden (no posterior sample)
        Calibrate.Result none = Calibrate.run(new Toy(), goals(3, 6), null, tmp.resolve("none"),
                Calibrate.Options.of(d, 1, 2, 5).withAccept(null, 1e-6), null);
        assertThat(none.accepted()).isZero();
        assertThat(Fixtures.csv(none.directory().resolve("posterior.csv"))).hasSize(1);
        assertThat(none.params().get(0).median()).isNaN();
    }

    /** Every file but the manifest (and the Parquet copy a Spark engine adds), in order. */
    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(f -> !f.equals("manifest.json") && !f.contains(".parquet")).sorted().toList();
        }
    }

    static void assertSameFiles(Path a, Path b) throws IOException {
        List<String> fa = files(a);
        assertThat(files(b)).isEqualTo(fa);
        assertThat(fa).contains("runs.csv", "posterior.csv", "points.csv", "parameters.csv", "targets.csv", "constraints.csv",
                "report.html", "charts/posterior.png");
        for (String f : fa) {
            assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
        }
    }

    @Test
    void theSameFilesWithOneOrTwoThreadsAndAfterAnInterruptedRunIsResumed(@TempDir Path tmp) throws Exception {
        Design d = Design.of(Design.Kind.LHS, Toy.params(), 150, 3);
        Calibrate.Result one = Calibrate.run(new Toy(), goals(3, 6), null, tmp.resolve("one"), Calibrate.Options.of(d, 2, 1, 9), null);
        Calibrate.Result two = Calibrate.run(new Toy(), goals(3, 6), null, tmp.resolve("two"), Calibrate.Options.of(d, 2, 2, 9), null);
        assertSameFiles(one.directory(), two.directory());

        Toy f = new Toy();
        Path out = tmp.resolve("resumed");
        Calibrate.Options o = Calibrate.Options.of(d, 2, 2, 9);
        assertThatThrownBy(() -> Calibrate.run(f, goals(3, 6), null, out, o.withProgress(new Progress() {
            @Override
            public void update(long done, String status) {
                if (done == 120) {
                    throw new IllegalStateException("interrupted");
                }
            }
        }), null)).hasMessageContaining("interrupted");
        assertThat(out).doesNotExist();
        int before = f.calls.get();
        assertThat(before).isBetween(120, 124);
        Calibrate.Result r = Calibrate.run(f, goals(3, 6), null, out, o, null);
        assertThat(r.resumed()).isTrue();
        // the design's 300 runs and the calibrated values' 2, each once but for at most the window of units in flight
        assertThat(r.ran()).isEqualTo(300 - before);
        assertThat(f.calls.get()).isEqualTo(300 + 2);
        assertSameFiles(one.directory(), r.directory());

        // another acceptance rule is another experiment: it does not resume this one's work
        assertThat(Files.readString(r.directory().resolve("manifest.json"))).contains("\"accept_fraction\" : 0.1");
    }

    /** Targets on the demo scenario: detainers, the recorded declined share and the jurisdictions limiting holds on a mid-run date. */
    static Path demoTargets(Path dir, Path scenario) throws IOException {
        Path f = dir.resolve("targets-" + scenario.getFileName().toString().replace(".yaml", "") + ".yaml");
        String s = "targets:\n"
                + "  - {id: demo-detainers, description: detainers, source: test, period: {from: 2026-01-01, to: 2026-03-31},\n"
                + "     scenario: " + scenario.toAbsolutePath() + ", statistic: {kind: sum, column: detainers_issued},\n"
                + "     record: 900, accept: {low: 700, high: 1100}}\n"
                + "  - {id: demo-declined, description: declined share, source: test, period: {from: 2026-01-01, to: 2026-03-31},\n"
                + "     scenario: " + scenario.toAbsolutePath() + ",\n"
                + "     statistic: {kind: ratio, numerator: detainers_declined_recorded, denominator: detainers_issued},\n"
                + "     record: 0.1, accept: {low: 0.05, high: 0.15}, unit: share}\n"
                + "  - {id: demo-limits, description: limiting jurisdictions, source: test, period: {on: 2026-02-15},\n"
                + "     scenario: " + scenario.toAbsolutePath() + ",\n"
                + "     statistic: {kind: jurisdictions, where: {policy_in_force: [limited, sanctuary]}},\n"
                + "     record: 3, accept: {low: 1, high: 6}}\n";
        Files.writeString(f, s, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void theCalibratedScenarioReproducesTheFittedStatisticsUnderCheck(@TempDir Path tmp) throws Exception {
        Path targets = demoTargets(tmp, Fixtures.DEMO);
        Path out = tmp.resolve("cal");
        Fixtures.Cli c = Fixtures.cli("calibrate", Fixtures.DEMO.toString(), "--targets", targets.toString(), "--param",
                "ice.detainerRate=0.1:0.9", "--param", "ice.declineRecordedShare=0.0:1.0", "--samples", "6", "--replicates", "2",
                "--threads", "2", "--seed", "11", "--accept", "0.5", "--out", out.toString());
        assertThat(c.status()).as(c.err()).isZero();
        assertThat(c.out()).contains("JuriSim calibration", "ice.detainerRate", "demo-limits");
        Path cal = out.resolve("calibrated.yaml");
        String yaml = Files.readString(cal);
        assertThat(yaml).contains("extends:", "detainerRate:", "# Targets (" + targets + "): demo-detainers, demo-declined, demo-limits");
        // the calibrated scenario loads, and holds the fitted values
        List<String[]> params = Fixtures.csv(out.resolve("parameters.csv"));
        var loaded = ScenarioLoader.load(cal).resolved();
        assertThat(loaded.at("/ice/detainerRate").asDouble()).isEqualTo(Double.parseDouble(params.get(1)[7]));
        assertThat(loaded.at("/name").asText()).endsWith("(calibrated)");
        // check on the calibrated scenario, same seed and replicates: exactly the statistics the calibration reported
        Path checkTargets = demoTargets(tmp, cal);
        Check.Result r = Check.run(Targets.load(checkTargets), tmp.resolve("check"), Check.Options.of(2, 2).withSeed(11L));
        List<String[]> fit = Fixtures.csv(out.resolve("targets.csv"));
        int col = List.of(fit.get(0)).indexOf("calibrated_mean");
        for (int i = 0; i < 3; i++) {
            assertThat(org.jurisim.output.Numbers.format(r.outcomes().get(i).summary().mean())).as(fit.get(i + 1)[0])
                    .isEqualTo(fit.get(i + 1)[col]);
        }
        // the statistics move with the parameters (the comparison could fail): the design's points differ
        List<String[]> pts = Fixtures.csv(out.resolve("points.csv"));
        assertThat(pts.stream().skip(1).map(p -> p[3]).distinct().count()).isGreaterThan(1);
    }

    @Test
    void badInputIsLocated(@TempDir Path tmp) throws Exception {
        Path targets = demoTargets(tmp, Fixtures.DEMO);
        Fixtures.Cli none = Fixtures.cli("calibrate", Fixtures.DEMO.toString(), "--targets", targets.toString(), "--out",
                tmp.resolve("x").toString());
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("--param:1:1: param: expected the free parameters");
        Fixtures.Cli late = Fixtures.cli("calibrate", Fixtures.DEMO.toString(), "--targets", targets.toString(), "--set", "duration=30d",
                "--param", "ice.detainerRate=0.1:0.9", "--out", tmp.resolve("y").toString());
        assertThat(late.status()).isEqualTo(2);
        assertThat(late.err()).contains(targets + ":3:").contains("targets[0].statistic: expected dates within the scenario");
        Fixtures.Cli big = Fixtures.cli("calibrate", Fixtures.DEMO.toString(), "--targets", targets.toString(), "--param",
                "ice.detainerRate=0.1:0.9", "--samples", "200000", "--out", tmp.resolve("z").toString());
        assertThat(big.status()).isEqualTo(2);
        assertThat(big.err()).contains("--samples:1:1: samples: expected a calibration of at most 100,000 runs (points x replicates),"
                + " found 200,000 (sweep limit)");
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(targets) + "calibration:\n  - scenario: x.yaml\n    targets: [demo-detainrs]\n"
                + "    params:\n      - {path: ice.detainerRate, low: 0.9, high: 0.1}\n");
        assertThatThrownBy(() -> Targets.load(bad)).isInstanceOf(BadInputException.class).satisfies(e -> assertThat(
                ((BadInputException) e).problems().stream().map(p -> p.format()).toList()).anySatisfy(m -> assertThat(m).contains(
                        "calibration[0].targets[0]: expected the id of a target of this file (did you mean 'demo-detainers'?)"))
                .anySatisfy(m -> assertThat(m).contains("calibration[0].params[0].high: expected high above low")));
    }

    @Test
    void theBuiltInTargetsCalibrateTheHistoricalScenariosByDefault() throws Exception {
        Targets t = Targets.builtIn();
        for (String s : List.of("scenarios/history-2013-2026.yaml", "scenarios/history-2017-2021.yaml")) {
            Targets.Calibration c = t.calibrationFor(Path.of(s));
            assertThat(c).as(s).isNotNull();
            assertThat(c.params()).hasSize(6);
            List<String> ids = new ArrayList<>(c.targets());
            assertThat(ids).contains("detainers-fy2018", "ilrc-counties-not-holding-2018-01");
        }
        assertThat(t.calibrationFor(Fixtures.DEMO)).isNull();
    }

    @Test
    void replicatesDrawTheirParametersFromAPosteriorSample(@TempDir Path tmp) throws Exception {
        Path post = tmp.resolve("posterior.csv");
        Files.writeString(post, "point,distance,ice.detainerRate\n4,0.5,0.0\n");
        List<String> set = List.of("duration=20d", "seed=3");
        Posterior p = Posterior.load(post, Fixtures.DEMO, set);
        var s = ScenarioLoader.load(Fixtures.DEMO, set);
        Replicates.Result drawn = Replicates.run(s, tmp.resolve("drawn"), Replicates.Options.of(3, 2, s.days()), p);
        Replicates.Result plain = Replicates.run(s, tmp.resolve("plain"), Replicates.Options.of(3, 2, s.days()));
        // the one accepted sample says ICE issues no detainer: every replicate drawn from it issues none, the scenario's do
        assertThat(drawn.outcomes().get("detainers_issued.avg").mean()).isZero();
        assertThat(plain.outcomes().get("detainers_issued.avg").mean()).isPositive();
        // check draws the same way: the targets measured on runs that issue no detainer
        Path targets = demoTargets(tmp, Fixtures.DEMO);
        Check.Options co = Check.Options.of(2, 2).withOnly(List.of("demo-detainers"));
        Check.Result none = Check.run(Targets.load(targets), tmp.resolve("check-drawn"), co, null, post);
        Check.Result some = Check.run(Targets.load(targets), tmp.resolve("check-plain"), co, null, null);
        assertThat(none.outcomes().get(0).summary().mean()).isZero();
        assertThat(some.outcomes().get(0).summary().mean()).isPositive();
        // draws: reproducible from the seed, and spread over the rows
        Files.writeString(post, "point,distance,ice.detainerRate\n1,0.1,0.2\n2,0.2,0.4\n3,0.3,0.6\n");
        Posterior three = Posterior.load(post, Fixtures.DEMO, set);
        java.util.Set<Integer> rows = new java.util.HashSet<>();
        for (int u = 0; u < 60; u++) {
            assertThat(three.draw(3, u)).isEqualTo(three.draw(3, u));
            rows.add(three.draw(3, u));
        }
        assertThat(rows).containsExactlyInAnyOrder(0, 1, 2);
        Files.writeString(post, "point,distance,ice.detainerRate\n1,0.1,7\n");
        assertThatThrownBy(() -> Posterior.load(post, Fixtures.DEMO, set)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(post + ":2:1: ice.detainerRate");
    }
}
