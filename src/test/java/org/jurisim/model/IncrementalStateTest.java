package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jurisim.metrics.MetricDef;
import org.jurisim.metrics.MetricsSink;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/**
 * What the model keeps current as it changes instead of recounting every day (policies in force settled only for
 * the jurisdictions whose inputs changed, grants withheld from the list of those losing funds, {@link Tallies})
 * must equal, at the end of every day, a recount from scratch over all jurisdictions. The run is the flagship on
 * a smaller map with frequent suits, so policies, 287(g) agreements, injunctions and losses of funds all change
 * many times (checked below, so that the comparison has something to catch).
 */
class IncrementalStateTest {

    @Test
    void keptStateEqualsARecountEveryDay() throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("scenarios/standoff-2026.yaml"),
                List.of("duration=2y", "jurisdictions.us.minPopulation=150000", "seed=11",
                        "litigation.dojSuitsPerYear=20", "litigation.grantSuitMonthlyProbability=0.2"));
        JuriSimModel m = new JuriSimModel(s);
        List<String> failures = new ArrayList<>();
        int[] changes = new int[4]; // days on which: policies in force, agreements, losing funds, injunction protection changed
        long[] statusSeen = new long[3]; // jurisdiction-days: funds protected, anti-sanctuary law enjoined or preempted, liability exposure
        m.addSink(new MetricsSink() {
            int[] lastEffective;
            int lastAgreements = -1;
            int lastLosing = -1;
            long lastProtected = -1;

            @Override
            public void begin(List<MetricDef> columns) {
            }

            @Override
            public void record(long day, LocalDate date, double[] values) {
                List<Jurisdiction> js = m.jurisdictionList();
                int policies = m.policyNames().size();
                int[] byPolicy = new int[policies];
                long[] residents = new long[policies];
                int agreements = 0;
                int losing = 0;
                double withheld = 0;
                double pool = 0;
                double trust = 0;
                long protectedCount = 0;
                int[] effective = new int[js.size()];
                for (Jurisdiction j : js) {
                    int p = j.effectivePolicyIndex();
                    effective[j.getIndex()] = p;
                    byPolicy[p]++;
                    residents[p] += j.getResidents();
                    agreements += j.isAgreement287g() ? 1 : 0;
                    losing += j.isLosingFunds() ? 1 : 0;
                    withheld += j.getFundsWithheld();
                    pool += j.getReleasedStock();
                    trust += j.getTrust() * j.immigrants();
                    protectedCount += m.governance().fundsProtected(j.getIndex()) ? j.getIndex() + 1 : 0;
                    int settled = m.governance().policyInForce(m, j);
                    if (settled != p) {
                        failures.add("day " + day + ": " + j + " has policy in force " + p + ", settling from scratch gives " + settled);
                    }
                    boolean shouldLose = m.scenario().mechanisms().grantConditions() && m.parameters().grantConditionsActive
                            && !m.governance().fundsProtected(j.getIndex()) && m.parameters().withholdShare > 0
                            && m.cooperation(lastEffective == null ? p : lastEffective[j.getIndex()])
                            < m.scenario().grantConditions().nonCooperationBelow();
                    if (lastEffective != null && j.isLosingFunds() != shouldLose) {
                        failures.add("day " + day + ": " + j + " losing funds " + j.isLosingFunds() + ", recount gives " + shouldLose);
                    }
                }
                // the courts' answers for everyone at once equal their answers asked one jurisdiction at a time
                int n = js.size();
                boolean[] funds = new boolean[n];
                boolean[] anti = new boolean[n];
                boolean[] pre = new boolean[n];
                double[] exposure = new double[n];
                boolean[] settledLiability = new boolean[n];
                m.courts().status(js, funds, anti, pre, exposure, settledLiability);
                for (Jurisdiction j : js) {
                    int i = j.getIndex();
                    var c = m.courts();
                    if (funds[i] != c.grantFundsProtected(j) || anti[i] != c.antiSanctuaryLawEnjoined(j) || pre[i] != c.preempted(j)
                            || exposure[i] != c.liabilityExposure(j) || settledLiability[i] != c.liabilitySettled(j)) {
                        failures.add("day " + day + ": " + j + " courts' status for all differs from the one asked alone");
                    }
                    statusSeen[0] += funds[i] ? 1 : 0;
                    statusSeen[1] += anti[i] || pre[i] ? 1 : 0;
                    statusSeen[2] += exposure[i] > 0 ? 1 : 0;
                }
                Tallies t = m.tallies();
                for (int p = 0; p < policies; p++) {
                    if (t.jurisdictionsByPolicy(p) != byPolicy[p] || t.residentsByPolicy(p) != residents[p]) {
                        failures.add("day " + day + ": policy " + p + " counts " + t.jurisdictionsByPolicy(p) + "/" + t.residentsByPolicy(p)
                                + ", recount " + byPolicy[p] + "/" + residents[p]);
                    }
                }
                if (t.agreements() != agreements || t.losingFunds() != losing) {
                    failures.add("day " + day + ": agreements/losing " + t.agreements() + "/" + t.losingFunds() + ", recount " + agreements + "/" + losing);
                }
                // sums over all jurisdictions in index order: the same additions, so exactly equal
                if (m.federal().withheldBalance() != withheld || t.releasedPool() != pool || t.trustWeighted() != trust) {
                    failures.add("day " + day + ": sums differ from a recount");
                }
                double[][] kept = t.peerNonCooperation();
                double[][] recount = Adaptation.peerNonCooperation(m);
                for (int st = 0; st < recount[0].length; st++) {
                    assertThat(kept[0][st]).as("state %d peers, day %d", st, day).isCloseTo(recount[0][st], within(1e-12));
                }
                assertThat(kept[1][0]).as("national peers, day %d", day).isCloseTo(recount[1][0], within(1e-12));
                if (lastEffective != null && !java.util.Arrays.equals(lastEffective, effective)) {
                    changes[0]++;
                }
                changes[1] += lastAgreements >= 0 && agreements != lastAgreements ? 1 : 0;
                changes[2] += lastLosing >= 0 && losing != lastLosing ? 1 : 0;
                changes[3] += lastProtected >= 0 && protectedCount != lastProtected ? 1 : 0;
                lastEffective = effective;
                lastAgreements = agreements;
                lastLosing = losing;
                lastProtected = protectedCount;
            }
        });
        m.runDays(s.days(), null);
        assertThat(failures).isEmpty();
        assertThat(changes[0]).as("days on which a policy in force changed").isGreaterThan(50);
        assertThat(changes[1]).as("days on which 287(g) agreements changed").isGreaterThan(0);
        assertThat(changes[2]).as("days on which the number losing funds changed").isGreaterThan(5);
        assertThat(changes[3]).as("days on which injunctions changed whose funds are protected").isGreaterThan(0);
        // the comparison of the courts' answers has something to catch (preemption and enjoined state laws are
        // compared too, but do not arise in this run; GoldenOutputTest covers them)
        assertThat(statusSeen[0]).as("jurisdiction-days with funds protected").isGreaterThan(1000);
        assertThat(statusSeen[2]).as("jurisdiction-days with liability exposure").isGreaterThan(1000);
    }
}
