package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.inference.AlternativeHypothesis;
import org.apache.commons.math3.stat.inference.BinomialTest;
import org.apache.commons.math3.stat.inference.TTest;
import org.jurisim.model.courts.Court;
import org.jurisim.model.courts.LegalCase;
import org.jurisim.output.SeriesTable;
import org.jurisim.scenario.CaseType;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Patterns of the 2017-2021 record, over 20 replicates of scenarios/history-2017-2021.yaml (ranges,
 * not exact values): district courts rule for localities in most grant-condition cases; appellate
 * decisions come one to three years after filing; compliance falls as limits spread.
 */
class HistoryPatternsTest {

    private static final int REPLICATES = 20;

    private record Outcome(long grantDistrictForLocality, long grantDistrictDecided, List<Long> appealDays,
                           double complianceFirstHalf2017, double complianceLast2020, double limitedOrSanctuaryStart,
                           double limitedOrSanctuaryEnd) {
    }

    private static List<Outcome> outcomes;

    @BeforeAll
    static void runReplicates() throws Exception {
        Scenario base = ScenarioLoader.load(Path.of("scenarios/history-2017-2021.yaml"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Outcome>> fs = new ArrayList<>();
            for (int r = 0; r < REPLICATES; r++) {
                Scenario s = base.withSeed(1000 + r);
                fs.add(pool.submit(() -> run(s)));
            }
            outcomes = new ArrayList<>();
            for (Future<Outcome> f : fs) {
                outcomes.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    private static Outcome run(Scenario s) {
        JuriSimModel m = new JuriSimModel(s);
        SeriesTable t = new SeriesTable();
        m.addSink(t);
        m.runDays(s.days(), null);
        long forLocality = 0;
        long decided = 0;
        List<Long> appealDays = new ArrayList<>();
        for (LegalCase c : m.courts().cases()) {
            if (c.type() == CaseType.GRANT_CONDITIONS && c.court().level() == Court.Level.DISTRICT && c.forLocality() != null) {
                decided++;
                if (c.forLocality()) {
                    forLocality++;
                }
            }
            if (c.court().level() == Court.Level.CIRCUIT && c.decided() >= 0) {
                appealDays.add(c.decided() - c.family().filed());
            }
        }
        return new Outcome(forLocality, decided, appealDays, mean(t, "compliance_rate", 30, 181),
                mean(t, "compliance_rate", t.rows() - 365, t.rows()), nonCooperating(t, m, 0), nonCooperating(t, m, t.rows() - 1));
    }

    private static double mean(SeriesTable t, String metric, int from, int to) {
        double s = 0;
        int n = 0;
        for (int r = from; r < to; r++) {
            double v = t.value(metric, r);
            if (!Double.isNaN(v)) {
                s += v;
                n++;
            }
        }
        return s / n;
    }

    private static double nonCooperating(SeriesTable t, JuriSimModel m, int row) {
        return t.value("population_limited", row) + t.value("population_sanctuary", row);
    }

    @Test
    void districtCourtsRuleForLocalitiesInMostGrantConditionCases() {
        long wins = outcomes.stream().mapToLong(Outcome::grantDistrictForLocality).sum();
        long decided = outcomes.stream().mapToLong(Outcome::grantDistrictDecided).sum();
        assertThat(decided).as("grant-condition judgments over %d replicates", REPLICATES).isGreaterThan(5L * REPLICATES);
        double share = (double) wins / decided;
        assertThat(share).as("share of district judgments for localities").isBetween(0.6, 0.99);
        double p = new BinomialTest().binomialTest((int) decided, (int) wins, 0.5, AlternativeHypothesis.GREATER_THAN);
        assertThat(p).as("more than half, significantly").isLessThan(0.001);
    }

    @Test
    void appellateDecisionsComeOneToThreeYearsAfterFiling() {
        double[] days = outcomes.stream().flatMap(o -> o.appealDays().stream()).mapToDouble(Long::doubleValue).toArray();
        assertThat(days.length).isGreaterThan(3 * REPLICATES);
        double median = new Median().evaluate(days);
        assertThat(median).as("median days from filing to the circuit's decision").isBetween(365.0, 1095.0);
        long within = Arrays.stream(days).filter(d -> d >= 270 && d <= 3 * 365 + 180).count();
        assertThat((double) within / days.length).as("share within about one to three years").isGreaterThan(0.75);
    }

    @Test
    void complianceFallsAsLimitsSpread() {
        double[] drop = outcomes.stream().mapToDouble(o -> o.complianceFirstHalf2017() - o.complianceLast2020()).toArray();
        double[] spread = outcomes.stream().mapToDouble(o -> o.limitedOrSanctuaryEnd() - o.limitedOrSanctuaryStart()).toArray();
        assertThat(Arrays.stream(drop).average().orElseThrow()).isGreaterThan(0);
        assertThat(new TTest().tTest(0.0, drop)).as("compliance drop differs from zero").isLessThan(0.01);
        assertThat(Arrays.stream(spread).min().orElseThrow()).as("residents under limits grow in every replicate").isGreaterThan(0);
    }
}
