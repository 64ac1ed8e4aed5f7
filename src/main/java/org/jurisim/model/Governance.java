package org.jurisim.model;

import org.jurisim.model.courts.CourtSystem;
import org.jurisim.model.courts.Party;
import org.jurisim.scenario.CaseType;
import org.jurisim.scenario.ScenarioEvent.StateLaw.Law;
import org.jurisim.scenario.Settings;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * The day's politics and law, before the jails open: courts rule on what is due, the federal side
 * withholds or restores funds and files suits, localities sue over lost funds, jurisdictions due for a
 * review reconsider their policy, and every jurisdiction's policy in force is settled (287(g), court
 * rulings, state laws).
 */
final class Governance implements Steppable {

    private static final long serialVersionUID = 1L;

    private boolean[] fundsProtected;
    private boolean[] antiLawEnjoined;
    private boolean[] preempted;
    private boolean[] sanctuaryLawPreempted;
    private int courtsVersion = -1;
    private long settledVersion = -1;

    @Override
    public void step(SimState state) {
        JuriSimModel m = (JuriSimModel) state;
        Settings.Mechanisms mech = m.scenario().mechanisms();
        int n = m.jurisdictionList().size();
        if (fundsProtected == null) {
            fundsProtected = new boolean[n];
            antiLawEnjoined = new boolean[n];
            preempted = new boolean[n];
        }
        m.ledger().bookings += m.draws().poisson(m.unmatchedBookingsPerDay());
        CourtSystem courts = m.courts();
        if (mech.courts()) {
            courts.step(m.courtWorld());
        }
        refreshLegalStatus(m, courts);
        m.federal().administerGrants(m, fundsProtected);
        if (mech.courts()) {
            m.federal().litigate(m);
            localSuits(m);
        }
        if (mech.adaptation()) {
            Adaptation.review(m);
        }
        long v = m.worldVersion() * 1_000_003L + courts.version();
        if (v != settledVersion) {
            settlePolicies(m);
            settledVersion = v;
        }
    }

    private void refreshLegalStatus(JuriSimModel m, CourtSystem courts) {
        if (courts.version() == courtsVersion) {
            return;
        }
        courtsVersion = courts.version();
        sanctuaryLawPreempted = new boolean[m.stateCount()];
        for (String st : m.stateCodes()) {
            sanctuaryLawPreempted[m.stateIndex(st)] = courts.sanctuaryLawPreempted(st);
        }
        for (Jurisdiction j : m.jurisdictionList()) {
            int i = j.getIndex();
            fundsProtected[i] = courts.grantFundsProtected(j);
            antiLawEnjoined[i] = courts.antiSanctuaryLawEnjoined(j);
            preempted[i] = courts.preempted(j);
            j.liabilityExposure = courts.liabilityExposure(j);
            j.liabilitySettled = courts.liabilitySettled(j);
        }
    }

    /**
     * Jurisdictions losing funds sue the United States, once each, reviewed monthly: most join a suit
     * already pending in district court (a coalition suit), the others file their own.
     */
    private void localSuits(JuriSimModel m) {
        Settings.Litigation lit = m.scenario().litigation();
        if (lit.grantSuitMonthlyProbability() <= 0) {
            return;
        }
        long day = m.day();
        for (Jurisdiction j : m.jurisdictionList()) {
            if (!j.losingFunds || (day + j.getIndex()) % 30 != 0 || j.spec().partisanLean() < lit.grantSuitMinLean()) {
                continue;
            }
            // one suit per jurisdiction: a pending case protects it, a lost one is not refiled
            if (m.courts().everParty(CaseType.GRANT_CONDITIONS, j.party())) {
                continue;
            }
            if (m.random.nextBoolean(lit.grantSuitMonthlyProbability())) {
                m.courts().fileOrJoin(m.courtWorld(), CaseType.GRANT_CONDITIONS, j.party(), Party.UNITED_STATES,
                        lit.coalitionJoinProbability());
            }
        }
    }

    /**
     * When a state anti-sanctuary law takes effect, some Democratic-leaning jurisdictions sue the state,
     * most of them together (they join a challenge already pending in district court).
     */
    static void challengeStateLaw(JuriSimModel m, String state) {
        if (!m.scenario().mechanisms().courts()) {
            return;
        }
        double p = m.scenario().litigation().stateLawSuitProbability();
        double join = m.scenario().litigation().coalitionJoinProbability();
        for (Jurisdiction j : m.jurisdictionList()) {
            if (j.getState().equals(state) && j.spec().partisanLean() > 0.5 && m.random.nextBoolean(p)) {
                m.courts().fileOrJoin(m.courtWorld(), CaseType.ANTI_SANCTUARY_LAW, j.party(), Party.state(state), join);
            }
        }
    }

    /** The policy in force: own choice, then 287(g), a federal preemption ruling, the state's law. */
    void settlePolicies(JuriSimModel m) {
        Settings.Mechanisms mech = m.scenario().mechanisms();
        int agreement = m.agreementPolicyIndex();
        int preemptedPolicy = m.preemptedPolicyIndex();
        int sanctuaryPolicy = m.sanctuaryPolicyIndex();
        int antiPolicy = m.antiSanctuaryPolicyIndex();
        for (Jurisdiction j : m.jurisdictionList()) {
            int eff = j.ownPolicyIndex;
            if (j.agreement287g) {
                eff = agreement;
            } else {
                int i = j.getIndex();
                if (preempted[i] && m.cooperation(eff) < m.cooperation(preemptedPolicy)) {
                    eff = preemptedPolicy;
                }
                if (mech.stateLaw()) {
                    Law law = m.stateLaws().lawOf(j.stateIndex());
                    if (law == Law.ANTI_SANCTUARY && !antiLawEnjoined[i] && m.cooperation(eff) < m.cooperation(antiPolicy)) {
                        eff = antiPolicy;
                    } else if (law == Law.SANCTUARY && !sanctuaryLawPreempted[j.stateIndex()]
                            && m.cooperation(eff) > m.cooperation(sanctuaryPolicy)) {
                        eff = sanctuaryPolicy;
                    }
                }
            }
            j.effectivePolicyIndex = eff;
            if (j.firstDayPolicyIndex < 0) {
                j.firstDayPolicyIndex = eff;
            }
        }
    }
}
