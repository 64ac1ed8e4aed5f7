package org.jurisim.model;

import java.util.ArrayList;
import java.util.List;
import org.jurisim.model.courts.Party;
import org.jurisim.rules.Severity;
import org.jurisim.scenario.CaseType;
import org.jurisim.scenario.Settings;

/**
 * The federal executive and DOJ: enforcement priorities (from the live parameters), grant conditions
 * that withhold justice grants from non-cooperating jurisdictions unless an injunction protects them,
 * and a litigation strategy that sues sanctuary states and localities (preemption).
 */
public final class FederalExecutive implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final Settings.Federal settings;
    private final Parameters params;
    /** The least severe charge within the priorities, by priorities level (ordinal). */
    private final Severity[] thresholds;
    /**
     * Jurisdictions losing funds or owed withheld funds, by index in increasing order, with the grants withheld
     * from each a day (0 for those only owed).
     */
    private int[] owing;
    private double[] owingDaily;
    private int owingCount;
    private boolean lastOn;
    /** The day the grant conditions last came into force (0 if never). */
    private long conditionsSince;
    private double lastShare;
    private double withheldBalance;

    FederalExecutive(Settings.Federal settings, Parameters params) {
        this.settings = settings;
        this.params = params;
        org.jurisim.scenario.Priorities[] levels = org.jurisim.scenario.Priorities.values();
        this.thresholds = new Severity[levels.length];
        for (org.jurisim.scenario.Priorities p : levels) {
            thresholds[p.ordinal()] = settings.thresholds().get(p);
        }
    }

    /** Whether a match with this charge and history is within the priorities in force. */
    public boolean isPriority(Severity severity, boolean priorRemoval) {
        return severity.compareTo(thresholds[params.priorities.ordinal()]) >= 0
                || (priorRemoval && settings.priorRemovalAlwaysPriority());
    }

    /**
     * Withholds a day's grants from non-cooperating, unprotected jurisdictions; restores funds an injunction now
     * protects. A jurisdiction's state here changes only with the grant conditions (on, withheld share), the
     * protection of its funds and its policy in force: the day's pass settles the jurisdictions whose protection
     * or policy changed ({@code changed[0..changedCount)}, in index order), or all of them when the grant
     * conditions changed, then withholds from those losing funds, in index order. The result is that of a pass
     * over every jurisdiction in index order, sum for sum.
     */
    /** The day the grant conditions in force last came into force (the scenario's first day if in force from the start). */
    public long grantConditionsSince() {
        return conditionsSince;
    }

    void administerGrants(JuriSimModel m, boolean[] protectedFunds, int[] changed, int changedCount) {
        DailyLedger ledger = m.ledger();
        boolean on = m.scenario().mechanisms().grantConditions() && params.grantConditionsActive;
        double share = params.withholdShare;
        List<Jurisdiction> js = m.jurisdictionList();
        if (owing == null || on != lastOn || Double.doubleToLongBits(share) != Double.doubleToLongBits(lastShare)) {
            if (on && (owing == null || !lastOn)) {
                conditionsSince = m.day();
            }
            if (owing == null) {
                owing = new int[js.size()];
                owingDaily = new double[js.size()];
            }
            lastOn = on;
            lastShare = share;
            for (Jurisdiction j : js) {
                settleGrants(m, j, protectedFunds[j.getIndex()], on, share);
            }
            owingCount = 0;
            for (Jurisdiction j : js) {
                if (owes(j)) {
                    owing[owingCount] = j.getIndex();
                    owingDaily[owingCount] = dailyWithheld(j, share);
                    owingCount++;
                }
            }
        } else {
            for (int q = 0; q < changedCount; q++) {
                Jurisdiction j = js.get(changed[q]);
                settleGrants(m, j, protectedFunds[changed[q]], on, share);
                updateOwing(j, share);
            }
        }
        // one pass in index order: withhold from those losing funds, then add up what everyone is owed
        double balance = 0;
        for (int q = 0; q < owingCount; q++) {
            Jurisdiction j = js.get(owing[q]);
            if (j.losingFunds) {
                double amount = owingDaily[q];
                j.fundsWithheldBalance += amount;
                ledger.fundsWithheld += amount;
            }
            balance += j.fundsWithheldBalance;
        }
        withheldBalance = balance;
    }

    private static boolean owes(Jurisdiction j) {
        return j.losingFunds || j.fundsWithheldBalance > 0;
    }

    /** A day's grants withheld from this jurisdiction (0 unless it is losing funds). */
    private static double dailyWithheld(Jurisdiction j, double share) {
        return j.losingFunds ? j.getAnnualGrants() * share / 365.25 : 0;
    }

    /** Keeps {@link #owing} (in index order) and the daily amounts current after this jurisdiction was settled. */
    private void updateOwing(Jurisdiction j, double share) {
        int i = j.getIndex();
        int pos = java.util.Arrays.binarySearch(owing, 0, owingCount, i);
        if (pos >= 0) {
            if (owes(j)) {
                owingDaily[pos] = dailyWithheld(j, share);
            } else {
                System.arraycopy(owing, pos + 1, owing, pos, owingCount - pos - 1);
                System.arraycopy(owingDaily, pos + 1, owingDaily, pos, owingCount - pos - 1);
                owingCount--;
            }
        } else if (owes(j)) {
            int at = -pos - 1;
            System.arraycopy(owing, at, owing, at + 1, owingCount - at);
            System.arraycopy(owingDaily, at, owingDaily, at + 1, owingCount - at);
            owing[at] = i;
            owingDaily[at] = dailyWithheld(j, share);
            owingCount++;
        }
    }

    /** A jurisdiction's funds at risk and whether it loses funds; restores what an injunction now protects. */
    private void settleGrants(JuriSimModel m, Jurisdiction j, boolean prot, boolean on, double share) {
        double threshold = m.scenario().grantConditions().nonCooperationBelow();
        j.fundsAtRisk = on && !prot ? j.getAnnualGrants() * share : 0;
        boolean nonCooperating = m.cooperation(j.effectivePolicyIndex) < threshold;
        boolean lose = on && !prot && nonCooperating && share > 0;
        if (lose != j.losingFunds) {
            j.losingFunds = lose;
            m.tallies().losingFunds(lose);
        }
        if (!lose && prot && j.fundsWithheldBalance > 0) {
            m.ledger().fundsRestored += j.fundsWithheldBalance;
            j.fundsWithheldBalance = 0;
        }
    }

    /** Grants withheld from all jurisdictions and not restored, after today's grants (US$). */
    double withheldBalance() {
        return withheldBalance;
    }

    /** DOJ files its suits for the day (Poisson arrivals at dojSuitsPerYear). */
    void litigate(JuriSimModel m) {
        int suits = m.draws().poisson(params.dojSuitsPerYear / 365.25);
        for (int s = 0; s < suits; s++) {
            Party target = chooseTarget(m);
            if (target != null) {
                m.courts().file(m.courtWorld(), CaseType.PREEMPTION, Party.UNITED_STATES, target);
            }
        }
    }

    private Party chooseTarget(JuriSimModel m) {
        String strategy = m.scenario().litigation().dojTargets();
        if (strategy.equals("SANCTUARY_STATES_FIRST") && m.scenario().mechanisms().stateLaw()) {
            for (String st : m.stateLaws().statesWith(org.jurisim.scenario.ScenarioEvent.StateLaw.Law.SANCTUARY)) {
                Party p = Party.state(st);
                if (!m.courts().everParty(CaseType.PREEMPTION, p)) {
                    return p;
                }
            }
        }
        double threshold = m.scenario().grantConditions().nonCooperationBelow();
        boolean random = strategy.equals("RANDOM_NON_COOPERATING");
        List<Jurisdiction> candidates = random ? new ArrayList<>() : null;
        // otherwise the most populous candidate, the first in index order among equals (one pass, no sort)
        Jurisdiction largest = null;
        for (Jurisdiction j : m.jurisdictionList()) {
            if (m.cooperation(j.ownPolicyIndex) < threshold && !m.courts().everParty(CaseType.PREEMPTION, j.party())) {
                if (random) {
                    candidates.add(j);
                } else if (largest == null || j.getPopulation() > largest.getPopulation()) {
                    largest = j;
                }
            }
        }
        if (random) {
            return candidates.isEmpty() ? null : candidates.get(m.random.nextInt(candidates.size())).party();
        }
        return largest == null ? null : largest.party();
    }
}
