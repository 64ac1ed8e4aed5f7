package org.jurisim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** explain: Shapley attribution on games whose answer is known, the scenario diff, and the model from the command line. */
class ExplainTest {

    static List<Explain.Factor> named(int n) {
        List<Explain.Factor> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Explain.Factor("f" + i, "parameter", "toy", List.of()));
        }
        return out;
    }

    /** v(S) = sum of a_i over S + b if f0 and f1 are both in S, + noise of the replicate (the same for every coalition). */
    static Explain.Game additive(double[] a, double b) {
        return (mask, r, seed) -> {
            double v = new java.util.SplittableRandom(seed).nextGaussian() * 10;
            for (int i = 0; i < a.length; i++) {
                if ((mask & (1L << i)) != 0) {
                    v += a[i];
                }
            }
            if ((mask & 3) == 3) {
                v += b;
            }
            return v;
        };
    }

    static Explain.Options options(int replicates, int exactUpTo, int pairs) {
        return new Explain.Options("y", replicates, 7L, null, Explain.By.FIELD, exactUpTo, pairs, 2, false, List.of("test"), null);
    }

    @Test
    void exactShapleyValuesOfAnAdditiveGameWithAnInteraction(@TempDir Path tmp) throws Exception {
        double[] a = {2.0, -1.0, 0.5, 0.0};
        Explain.Result r = Explain.run(named(4), additive(a, 3.0), tmp.resolve("x"), options(4, 8, 8));
        assertThat(r.exact()).isTrue();
        assertThat(r.coalitions()).isEqualTo(16);
        // additive parts go to their factor; the interaction of f0 and f1 is split evenly; f3 does nothing
        double[] expected = {2.0 + 1.5, -1.0 + 1.5, 0.5, 0.0};
        for (int i = 0; i < 4; i++) {
            Explain.Share s = r.shares().get(i);
            assertThat(s.shapley().mean()).as("phi of f%d", i).isCloseTo(expected[i], within(1e-9));
            assertThat(s.individual().mean()).as("f%d alone", i).isCloseTo(a[i], within(1e-9));
            // common random numbers: the replicate's noise cancels, so the shares have no spread
            assertThat(s.shapley().ciHigh() - s.shapley().ciLow()).isCloseTo(0, within(1e-9));
        }
        assertThat(r.total().mean()).isCloseTo(2.0 - 1.0 + 0.5 + 3.0, within(1e-9));
        // efficiency per replicate, in the file users get
        List<String[]> reps = Fixtures.csv(r.directory().resolve("explain-replicates.csv"));
        assertThat(reps).hasSize(5);
        for (String[] row : reps.subList(1, reps.size())) {
            assertThat(Double.parseDouble(row[5])).isCloseTo(Double.parseDouble(row[4]), within(1e-9));
        }
        assertThat(r.maxEfficiencyGap()).isLessThan(1e-9);
        assertThat(r.directory().resolve("charts/waterfall.png")).isRegularFile();
        assertThat(Files.readString(r.directory().resolve("report.html"))).contains("sum of the shares").contains("f0");
        List<String[]> csv = Fixtures.csv(r.directory().resolve("explain.csv"));
        assertThat(csv.get(csv.size() - 1)[0]).isEqualTo("total (B - A)");
        // the same bytes on one thread
        Explain.Options one = new Explain.Options("y", 4, 7L, null, Explain.By.FIELD, 8, 8, 1, false, List.of("test"), null);
        Explain.Result r1 = Explain.run(named(4), additive(a, 3.0), tmp.resolve("one"), one);
        for (String f : List.of("explain.csv", "explain-replicates.csv", "coalitions.csv", "charts/waterfall.svg")) {
            assertThat(Files.readAllBytes(r1.directory().resolve(f))).as(f).isEqualTo(Files.readAllBytes(r.directory().resolve(f)));
        }
    }

    @Test
    void sampledShapleyValuesAddUpExactlyAndSplitAPairwiseInteractionEvenly(@TempDir Path tmp) throws Exception {
        double[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        Explain.Result r = Explain.run(named(11), additive(a, -4.0), tmp.resolve("s"), options(3, 8, 6));
        assertThat(r.exact()).isFalse();
        assertThat(r.coalitions()).isLessThan(1 << 11);
        double sum = 0;
        for (int i = 0; i < 11; i++) {
            double want = a[i] + (i < 2 ? -2.0 : 0);
            assertThat(r.shares().get(i).shapley().mean()).as("phi of f%d", i).isCloseTo(want, within(1e-9));
            sum += r.shares().get(i).shapley().mean();
        }
        assertThat(sum).isCloseTo(r.total().mean(), within(1e-9));
        // a three-way interaction is not split evenly by a handful of orderings, yet the shares still add up exactly
        Explain.Game threeWay = (mask, rep, seed) -> (mask & 7) == 7 ? 6.0 : 0.0;
        Explain.Result t = Explain.run(named(11), threeWay, tmp.resolve("t"), options(2, 8, 3));
        double s3 = 0;
        for (Explain.Share s : t.shares()) {
            s3 += s.shapley().mean();
        }
        assertThat(s3).isCloseTo(6.0, within(1e-12));
        Explain.Result exact = Explain.run(named(3), threeWay, tmp.resolve("e"), options(2, 8, 3));
        for (Explain.Share s : exact.shares()) {
            assertThat(s.shapley().mean()).isCloseTo(2.0, within(1e-12));
        }
    }

    @Test
    void scenarioDifferencesAreFoundByMeaning() throws Exception {
        var json = ExperimentDir.json();
        ObjectNode a = (ObjectNode) json.readTree("""
                {"name": "A", "seed": 1, "ice": {"officers": 6000, "detainerRate": 0.5, "beds": 0},
                 "events": [{"on": "2026-02-01", "do": "officers", "count": 9000}, {"on": "2026-03-01", "do": "suit", "defendant": "IL"}]}""");
        ObjectNode b = (ObjectNode) json.readTree("""
                {"name": "B", "seed": 2, "ice": {"officers": 8000, "detainerRate": 0.5, "beds": 0.0},
                 "events": [{"on": "2026-03-01", "do": "suit", "defendant": "IL"}, {"on": "2026-05-01", "do": "proceedings", "meanDays": 35}]}""");
        List<Explain.Factor> f = Explain.factors(a, b, Explain.By.FIELD);
        // 0 vs 0.0 is no difference; the suit is in both (another position); names and seeds are not factors
        assertThat(f).extracting(Explain.Factor::name).containsExactly("ice.officers", "event removed: 2026-02-01 officers",
                "event added: 2026-05-01 proceedings");
        ObjectNode all = Explain.hybrid(a, f, 7);
        assertThat(all.path("ice").path("officers").asInt()).isEqualTo(8000);
        assertThat(all.path("events")).hasSize(2);
        assertThat(all.path("events").get(1).path("do").asText()).isEqualTo("proceedings");
        assertThat(Explain.hybrid(a, f, 0)).isEqualTo(a);
        assertThat(Explain.hybrid(a, f, 2).path("events")).hasSize(1);
        List<Explain.Factor> s = Explain.factors(a, b, Explain.By.SECTION);
        assertThat(s).extracting(Explain.Factor::name).containsExactly("ice", "events: officers", "events: proceedings");
    }

    @Test
    void explainTwoScenariosOfTheModelFromTheCommandLine(@TempDir Path tmp) throws Exception {
        Path b = tmp.resolve("b.yaml");
        Files.writeString(b, "extends: " + Fixtures.DEMO.toAbsolutePath() + "\nname: Tougher ICE\nice: {detainerRate: 0.7}\n"
                + "grantConditions: {active: true, withholdShare: 1.0}\n", StandardCharsets.UTF_8);
        Path out = tmp.resolve("x");
        Fixtures.Cli c = Fixtures.cli("explain", Fixtures.DEMO.toString(), b.toString(), "--outcome", "detainers_issued.avg", "--replicates",
                "3", "--days", "60", "--threads", "2", "--out", out.toString());
        assertThat(c.status()).as(c.err()).isZero();
        List<String[]> rows = Fixtures.csv(out.resolve("explain.csv"));
        Map<String, String[]> byName = new java.util.HashMap<>();
        rows.forEach(r -> byName.put(r[0], r));
        // more detainers come from the detainer rate, not from grant conditions
        assertThat(Double.parseDouble(byName.get("ice.detainerRate")[3])).isGreaterThan(1.0);
        double total = Double.parseDouble(byName.get("total (B - A)")[3]);
        double sum = rows.stream().skip(1).filter(r -> !r[0].startsWith("total")).mapToDouble(r -> Double.parseDouble(r[3])).sum();
        // the CSV prints 6 significant digits: the printed shares add up to the printed total within their rounding
        assertThat(sum).isCloseTo(total, within(rows.size() * 1e-5 * Math.max(1, Math.abs(total))));
        assertThat(Double.parseDouble(byName.get("ice.detainerRate")[3])).isCloseTo(total, within(0.5 * total));
        assertThat(c.out()).contains("sum of the shares").contains("ice.detainerRate");
        assertThat(out.resolve("charts/waterfall.svg")).isRegularFile();
        Fixtures.Cli bad = Fixtures.cli("explain", Fixtures.DEMO.toString(), b.toString(), "--outcome", "detainers_isued.avg", "--out",
                tmp.resolve("y").toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("--outcome:1:1: outcome:").contains("detainers_issued");
    }

    @Test
    void differencesThatDependOnEachOtherAreBadInputWithAWayOut(@TempDir Path tmp) throws Exception {
        // a new policy, and an event that puts places under it: A with the event but not the policy is no scenario
        Path b = tmp.resolve("b.yaml");
        Files.writeString(b, "extends: " + Fixtures.DEMO.toAbsolutePath() + "\nname: Jail only\npolicies:\n  jail-only:\n"
                + "    description: hold for violent felonies only\n    cooperation: 0.3\n"
                + "    detainer: \"detainer.severity >= Severity.VIOLENT_FELONY ? HONOR : DECLINE\"\n"
                + "    shareReleaseDates: \"false\"\n    iceJailAccess: false\n"
                + "events:\n  - {on: 2026-01-10, do: setPolicy, policy: jail-only, when: \"jurisdiction.population > 1000000\"}\n",
                StandardCharsets.UTF_8);
        Fixtures.Cli c = Fixtures.cli("explain", Fixtures.DEMO.toString(), b.toString(), "--outcome", "compliance_rate", "--days", "20",
                "--replicates", "2", "--threads", "2", "--out", tmp.resolve("x").toString());
        assertThat(c.status()).as(c.out() + c.err()).isEqualTo(2);
        assertThat(c.err()).contains(b.toString() + ":1:1:").contains("these differences depend on each other and cannot be told apart");
        assertThat(tmp.resolve("x")).doesNotExist();
        assertThat(tmp.resolve("x.incomplete")).doesNotExist();
    }
}
