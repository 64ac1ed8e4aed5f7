package org.jurisim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.jurisim.common.BadInputException;
import org.jurisim.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replicates: thread-independent bytes, correct summaries, CIs that shrink as 1/sqrt(N), --until-ci, resume. */
class ReplicatesTest {

    private static final List<String> FILES = List.of("timeseries.csv", "summary.csv", "replicates.csv", "jurisdictions.csv", "cases.csv",
            "events.csv", "scenario.resolved.yaml", "charts/compliance.svg", "report.html");

    @Test
    void outputsAreByteIdenticalWhateverTheNumberOfThreads(@TempDir Path tmp) throws Exception {
        Scenario s = Fixtures.demo(60);
        Replicates.Result one = Replicates.run(s, tmp.resolve("t1"), Replicates.Options.of(7, 1, s.days()));
        Replicates.Result two = Replicates.run(s, tmp.resolve("t2"), Replicates.Options.of(7, 2, s.days()));
        Replicates.Result three = Replicates.run(s, tmp.resolve("t3"), Replicates.Options.of(7, 3, s.days()));
        assertThat(one.replicates()).isEqualTo(7);
        for (String f : FILES) {
            byte[] a = Files.readAllBytes(one.directory().resolve(f));
            assertThat(Files.readAllBytes(two.directory().resolve(f))).as(f + ", 1 vs 2 threads").isEqualTo(a);
            assertThat(Files.readAllBytes(three.directory().resolve(f))).as(f + ", 1 vs 3 threads").isEqualTo(a);
        }
        List<String[]> ts = Fixtures.csv(one.directory().resolve("timeseries.csv"));
        assertThat(ts.get(0)[0]).isEqualTo("replicate");
        assertThat(ts).hasSize(1 + 7 * 60);
        assertThat(Files.list(one.directory()).map(p -> p.getFileName().toString()))
                .doesNotContain("journal.txt", "parts", "experiment.json", "INCOMPLETE");
        assertThat(Files.exists(tmp.resolve("t1.incomplete"))).isFalse();
    }

    @Test
    void replicateIsTheSingleRunWithItsDerivedSeed(@TempDir Path tmp) throws Exception {
        Scenario s = Fixtures.demo(45);
        Replicates.Result r = Replicates.run(s, tmp.resolve("reps"), Replicates.Options.of(4, 2, s.days()));
        long seed2 = Seeds.replicate(s.seed(), 2);
        SingleRun.run(s.withSeed(seed2), tmp.resolve("single"), s.days(), false, List.of(), null);
        List<String> single = Files.readAllLines(tmp.resolve("single/timeseries.csv"));
        List<String> rep2 = new ArrayList<>();
        rep2.add(single.get(0));
        for (String line : Files.readAllLines(r.directory().resolve("timeseries.csv"))) {
            if (line.startsWith("2,")) {
                rep2.add(line.substring(2));
            }
        }
        assertThat(rep2).isEqualTo(single);
        List<String[]> reps = Fixtures.csv(r.directory().resolve("replicates.csv"));
        assertThat(Long.parseLong(reps.get(3)[1])).isEqualTo(seed2);
        // seeds differ between replicates and stay within what a scenario accepts
        long[] seeds = reps.stream().skip(1).mapToLong(row -> Long.parseLong(row[1])).toArray();
        assertThat(Arrays.stream(seeds).distinct().count()).isEqualTo(4);
        assertThat(Arrays.stream(seeds).allMatch(x -> x >= 0 && x <= Seeds.MAX)).isTrue();
    }

    @Test
    void summaryIsTheTIntervalOfTheReplicates(@TempDir Path tmp) throws Exception {
        Scenario s = Fixtures.demo(30);
        Replicates.Result r = Replicates.run(s, tmp.resolve("reps"), Replicates.Options.of(6, 2, s.days()));
        List<String[]> ts = Fixtures.csv(r.directory().resolve("timeseries.csv"));
        List<String[]> sum = Fixtures.csv(r.directory().resolve("summary.csv"));
        assertThat(String.join(",", sum.get(0))).isEqualTo("day,date,metric,mean,sd,ci95_low,ci95_high,n");
        assertThat(sum).hasSize(1 + 30 * r.metrics().size());
        int col = Fixtures.column(ts, "detainers_issued");
        for (int day : new int[] {0, 17, 29}) {
            DescriptiveStatistics d = new DescriptiveStatistics();
            ts.stream().skip(1).filter(row -> row[1].equals(Integer.toString(day))).forEach(row -> d.addValue(Double.parseDouble(row[col])));
            String[] row = sum.stream().filter(x -> x[0].equals(Integer.toString(day)) && x[2].equals("detainers_issued")).findFirst().orElseThrow();
            double h = new org.apache.commons.math3.distribution.TDistribution(5).inverseCumulativeProbability(0.975) * d.getStandardDeviation()
                    / Math.sqrt(6);
            assertThat(Double.parseDouble(row[3])).isCloseTo(d.getMean(), within(1e-4 * Math.abs(d.getMean()) + 1e-9));
            assertThat(Double.parseDouble(row[4])).isCloseTo(d.getStandardDeviation(), within(1e-4 * d.getStandardDeviation() + 1e-9));
            assertThat(Double.parseDouble(row[5])).isCloseTo(d.getMean() - h, within(1e-3 * Math.abs(d.getMean()) + 1e-9));
            assertThat(Double.parseDouble(row[6])).isCloseTo(d.getMean() + h, within(1e-3 * Math.abs(d.getMean()) + 1e-9));
            assertThat(row[7]).isEqualTo("6");
        }
        // a chart with a band was drawn
        assertThat(Files.size(r.directory().resolve("charts/compliance.png"))).isGreaterThan(10_000);
        assertThat(Files.readString(r.directory().resolve("charts/compliance.svg"))).contains("<svg");
    }

    @Test
    void confidenceHalfWidthsShrinkAsOneOverSqrtN(@TempDir Path tmp) throws Exception {
        Scenario s = Fixtures.demo(30);
        int[] n = {8, 32, 128};
        List<Map<String, Stats.Sample>> out = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        for (int k : n) {
            Replicates.Result r = Replicates.run(s, tmp.resolve("n" + k), Replicates.Options.of(k, 2, s.days()).withCharts(false));
            out.add(r.outcomes());
            dirs.add(r.directory());
        }
        for (int i = 0; i + 1 < n.length; i++) {
            // across every outcome that varies: half-width ratio for 4x the replicates, over the 2 that 1/sqrt(N) predicts
            // (corrected for the t quantile, which also shrinks)
            double tRatio = Stats.tCritical(n[i] - 1) / Stats.tCritical(n[i + 1] - 1);
            List<Double> ratios = new ArrayList<>();
            for (Map.Entry<String, Stats.Sample> e : out.get(i).entrySet()) {
                Stats.Sample small = e.getValue();
                Stats.Sample big = out.get(i + 1).get(e.getKey());
                if (small.sd() > 0 && big.sd() > 0) {
                    ratios.add(small.halfWidth() / big.halfWidth() / (2 * tRatio));
                }
            }
            assertThat(ratios).hasSizeGreaterThan(20);
            double geo = Math.exp(ratios.stream().mapToDouble(Math::log).average().orElseThrow());
            System.out.printf("CI half-width ratio N=%d vs N=%d over 2 x t-ratio: outcomes %.3f%n", n[i], n[i + 1], geo);
            assertThat(geo).as("outcomes, N=%d vs N=%d", n[i], n[i + 1]).isBetween(0.8, 1.25);
            // and day by day in summary.csv
            double daily = medianHalfWidthRatio(dirs.get(i), dirs.get(i + 1)) / (2 * tRatio);
            System.out.printf("CI half-width ratio N=%d vs N=%d over 2 x t-ratio: summary.csv median %.3f%n", n[i], n[i + 1], daily);
            assertThat(daily).as("summary.csv, N=%d vs N=%d", n[i], n[i + 1]).isBetween(0.8, 1.25);
        }
    }

    private static double medianHalfWidthRatio(Path a, Path b) {
        List<String[]> sa = Fixtures.csv(a.resolve("summary.csv"));
        List<String[]> sb = Fixtures.csv(b.resolve("summary.csv"));
        DescriptiveStatistics d = new DescriptiveStatistics();
        for (int i = 1; i < sa.size(); i++) {
            double ha = Fixtures.num(sa.get(i)[6]) - Fixtures.num(sa.get(i)[5]);
            double hb = Fixtures.num(sb.get(i)[6]) - Fixtures.num(sb.get(i)[5]);
            if (ha > 0 && hb > 0) {
                d.addValue(ha / hb);
            }
        }
        assertThat(d.getN()).isGreaterThan(300);
        return d.getPercentile(50);
    }

    @Test
    void untilCiAddsReplicatesUntilTheTargetIsMet(@TempDir Path tmp) throws Exception {
        Scenario s = Fixtures.demo(30);
        Replicates.Target target = new Replicates.Target(Outcomes.parse("detainers_issued"), 0.4);
        Replicates.Result r = Replicates.run(s, tmp.resolve("ci"), Replicates.Options.of(5, 2, s.days()).withTarget(target, 400)
                .withCharts(false));
        assertThat(r.target().reached()).isTrue();
        assertThat(r.target().halfWidth()).isLessThanOrEqualTo(0.4);
        int n = r.replicates();
        assertThat(n).isGreaterThan(5).isEqualTo(r.target().replicates());
        // the first count that meets the target: one replicate fewer did not
        List<String[]> reps = Fixtures.csv(r.directory().resolve("replicates.csv"));
        assertThat(reps).hasSize(n + 1);
        int col = Fixtures.column(reps, "detainers_issued.avg");
        double[] v = reps.stream().skip(1).mapToDouble(row -> Double.parseDouble(row[col])).toArray();
        assertThat(Stats.describe(v).halfWidth()).isCloseTo(r.target().halfWidth(), within(1e-12));
        assertThat(Stats.describe(Arrays.copyOf(v, n - 1)).halfWidth()).isGreaterThan(0.4);
        // the stopping point does not depend on the threads
        Replicates.Result one = Replicates.run(s, tmp.resolve("ci1"), Replicates.Options.of(5, 1, s.days()).withTarget(target, 400)
                .withCharts(false));
        assertThat(one.replicates()).isEqualTo(n);
        assertThat(Files.readAllBytes(one.directory().resolve("replicates.csv")))
                .isEqualTo(Files.readAllBytes(r.directory().resolve("replicates.csv")));
    }

    @Test
    void untilCiFromTheCommandLineSaysHowManyItTook(@TempDir Path tmp) {
        Fixtures.Cli c = Fixtures.cli("run", Fixtures.DEMO.toString(), "--set", "duration=30d", "--until-ci",
                "compliance_rate_rolling.end=0.02", "--threads", "2", "--out", tmp.resolve("u").toString());
        assertThat(c.status()).as(c.err()).isZero();
        assertThat(c.out()).containsPattern("until-ci +compliance_rate_rolling\\.end: 95% half-width [0-9.]+ \u2264 target 0\\.0200 after [0-9]+ replicates");
        Fixtures.Cli bad = Fixtures.cli("run", Fixtures.DEMO.toString(), "--set", "duration=30d", "--until-ci", "complaince_rate=0.01",
                "--out", tmp.resolve("v").toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("--until-ci:1:1: until-ci:").contains("did you mean 'compliance_rate'");
        Fixtures.Cli noWidth = Fixtures.cli("run", Fixtures.DEMO.toString(), "--until-ci", "compliance_rate=-1", "--out",
                tmp.resolve("w").toString());
        assertThat(noWidth.status()).isEqualTo(2);
        assertThat(noWidth.err()).contains("expected a positive half-width");
        Fixtures.Cli threads = Fixtures.cli("run", Fixtures.DEMO.toString(), "--threads", "2", "--out", tmp.resolve("x").toString());
        assertThat(threads.status()).isEqualTo(2);
        assertThat(threads.err()).contains("add --replicates N or --until-ci");
    }

    @Test
    void replicatesFromTheCommandLine(@TempDir Path tmp) throws Exception {
        Fixtures.Cli c = Fixtures.cli("run", Fixtures.DEMO.toString(), "--set", "duration=20d", "--replicates", "3", "--threads", "2",
                "--out", tmp.resolve("r").toString());
        assertThat(c.status()).as(c.err()).isZero();
        assertThat(c.out()).contains("3 replicates from seed 42, 2 threads").contains("detainers_issued");
        assertThat(tmp.resolve("r/summary.csv")).exists();
        Fixtures.Cli again = Fixtures.cli("run", Fixtures.DEMO.toString(), "--replicates", "3", "--out", tmp.resolve("r").toString());
        assertThat(again.status()).isEqualTo(2);
        assertThat(again.err()).contains("already exists");
    }

    /** Stops an experiment (as an interrupt would) once {@code after} runs are committed. */
    private static Progress stopAfter(int after) {
        return new Progress() {
            @Override
            public void update(long done, String status) {
                if (done >= after) {
                    throw new IllegalStateException("interrupted by the test after " + done);
                }
            }
        };
    }

    @Test
    void anInterruptedExperimentResumesWithoutRedoingFinishedReplicates(@TempDir Path tmp) throws Exception {
        Scenario s = Fixtures.demo(40);
        Path out = tmp.resolve("resumed");
        Replicates.Options opts = Replicates.Options.of(12, 2, s.days());
        assertThatThrownBy(() -> Replicates.run(s, out, opts.withProgress(stopAfter(5)))).hasMessageContaining("interrupted by the test");
        Path work = tmp.resolve("resumed.incomplete");
        assertThat(work.resolve("INCOMPLETE")).exists();
        assertThat(Files.readString(work.resolve("INCOMPLETE"))).contains("interrupted").contains("resume");
        assertThat(Files.readAllLines(work.resolve("journal.txt"))).hasSize(5);
        long finishedParts;
        try (Stream<Path> p = Files.list(work.resolve("parts"))) {
            finishedParts = p.filter(x -> x.getFileName().toString().matches("r[0-9]+")).count();
        }
        // another experiment cannot take over the interrupted one's directory by mistake
        assertThatThrownBy(() -> Replicates.run(s, out, Replicates.Options.of(13, 2, s.days())))
                .isInstanceOf(BadInputException.class).hasMessageContaining("replicates differs").hasMessageContaining("--no-resume");

        Replicates.Result r = Replicates.run(s, out, opts);
        assertThat(r.resumed()).isTrue();
        assertThat(r.reused()).isEqualTo((int) finishedParts);
        assertThat(r.ran() + r.reused()).isEqualTo(12 - 5);
        assertThat(r.replicates()).isEqualTo(12);

        Replicates.Result straight = Replicates.run(s, tmp.resolve("straight"), opts);
        for (String f : FILES) {
            assertThat(Files.readAllBytes(r.directory().resolve(f))).as(f).isEqualTo(Files.readAllBytes(straight.directory().resolve(f)));
        }
    }

    @Test
    void noResumeDiscardsTheInterruptedWork(@TempDir Path tmp) throws Exception {
        Scenario s = Fixtures.demo(20);
        Path out = tmp.resolve("x");
        Replicates.Options opts = Replicates.Options.of(6, 1, s.days()).withCharts(false);
        assertThatThrownBy(() -> Replicates.run(s, out, opts.withProgress(stopAfter(3))));
        Replicates.Result r = Replicates.run(s, out, opts.withResume(false));
        assertThat(r.resumed()).isFalse();
        assertThat(r.ran()).isEqualTo(6);
    }
}
