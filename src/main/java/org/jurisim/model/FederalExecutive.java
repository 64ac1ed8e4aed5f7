package org.jurisim.model;

import java.util.ArrayList;
import java.util.Comparator;
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

    FederalExecutive(Settings.Federal settings, Parameters params) {
        this.settings = settings;
        this.params = params;
    }

    /** Whether a match with this charge and history is within the priorities in force. */
    public boolean isPriority(Severity severity, boolean priorRemoval) {
        return severity.compareTo(settings.thresholds().get(params.priorities)) >= 0
                || (priorRemoval && settings.priorRemovalAlwaysPriority());
    }

    /** Withholds a day's grants from non-cooperating, unprotected jurisdictions; restores funds an injunction now protects. */
    void administerGrants(JuriSimModel m, boolean[] protectedFunds) {
        DailyLedger ledger = m.ledger();
        boolean on = m.scenario().mechanisms().grantConditions() && params.grantConditionsActive;
        double threshold = m.scenario().grantConditions().nonCooperationBelow();
        for (Jurisdiction j : m.jurisdictionList()) {
            boolean prot = protectedFunds[j.getIndex()];
            j.fundsAtRisk = on && !prot ? j.getAnnualGrants() * params.withholdShare : 0;
            boolean nonCooperating = m.cooperation(j.effectivePolicyIndex) < threshold;
            j.losingFunds = on && !prot && nonCooperating && params.withholdShare > 0;
            if (j.losingFunds) {
                double amount = j.getAnnualGrants() * params.withholdShare / 365.25;
                j.fundsWithheldBalance += amount;
                ledger.fundsWithheld += amount;
            } else if (prot && j.fundsWithheldBalance > 0) {
                ledger.fundsRestored += j.fundsWithheldBalance;
                j.fundsWithheldBalance = 0;
            }
        }
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
        List<Jurisdiction> candidates = new ArrayList<>();
        for (Jurisdiction j : m.jurisdictionList()) {
            if (m.cooperation(j.ownPolicyIndex) < threshold && !m.courts().everParty(CaseType.PREEMPTION, j.party())) {
                candidates.add(j);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        if (strategy.equals("RANDOM_NON_COOPERATING")) {
            return candidates.get(m.random.nextInt(candidates.size())).party();
        }
        candidates.sort(Comparator.comparingLong(Jurisdiction::getPopulation).reversed().thenComparingInt(Jurisdiction::getIndex));
        return candidates.get(0).party();
    }
}
