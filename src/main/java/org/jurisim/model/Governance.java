package org.jurisim.model;

import java.util.List;
import org.jurisim.model.courts.CourtSystem;
import org.jurisim.model.courts.LegalCase;
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
    /** The national count of unmatched bookings, drawn with its own Poisson set-up (its mean does not change). */
    private Draws.Stream unmatchedDraws;
    /** Liability exposure and whether it is settled, by jurisdiction, as last written to them. */
    private double[] liabilityExposure;
    private boolean[] liabilitySettled;
    /** The courts' answers after the latest change of status (scratch, reused). */
    private transient boolean[] fundsNow;
    private transient boolean[] antiNow;
    private transient boolean[] preNow;
    private transient double[] exposureNow;
    private transient boolean[] settledNow;
    /**
     * Jurisdictions whose policy in force must be settled again (own policy or 287(g) agreement changed, or a
     * ruling changed their legal status), by index, with {@link #settleFlag} marking members; or all of them.
     */
    private int[] settleQueue;
    private int settleQueued;
    private boolean[] settleFlag;
    private boolean settleAll = true;
    /** The same for grants: jurisdictions whose funds' protection or policy in force changed since the last day's grants. */
    private int[] grantQueue;
    private int grantQueued;
    private boolean[] grantFlag;

    @Override
    public void step(SimState state) {
        JuriSimModel m = (JuriSimModel) state;
        Settings.Mechanisms mech = m.scenario().mechanisms();
        int n = m.jurisdictionList().size();
        if (fundsProtected == null) {
            fundsProtected = new boolean[n];
            antiLawEnjoined = new boolean[n];
            preempted = new boolean[n];
            settleQueue = new int[n];
            settleFlag = new boolean[n];
            grantQueue = new int[n];
            grantFlag = new boolean[n];
        }
        if (unmatchedDraws == null) {
            unmatchedDraws = m.draws().stream();
        }
        m.ledger().bookings += unmatchedDraws.poisson(m.unmatchedBookingsPerDay());
        CourtSystem courts = m.courts();
        if (mech.courts()) {
            courts.step(m.courtWorld());
        }
        refreshLegalStatus(m, courts);
        sortQueue(grantQueue, grantQueued);
        m.federal().administerGrants(m, fundsProtected, grantQueue, grantQueued);
        clearQueue(grantQueue, grantQueued, grantFlag);
        grantQueued = 0;
        if (mech.courts()) {
            m.federal().litigate(m);
            localSuits(m);
        }
        if (mech.adaptation()) {
            Adaptation.review(m);
        }
        if (settleAll) {
            settlePolicies(m);
            settleAll = false;
        } else {
            List<Jurisdiction> js = m.jurisdictionList();
            for (int q = 0; q < settleQueued; q++) {
                settle(m, js.get(settleQueue[q]));
            }
        }
        clearQueue(settleQueue, settleQueued, settleFlag);
        settleQueued = 0;
    }

    /** Whether, as of the last ruling seen, an injunction protects this jurisdiction's funds. */
    boolean fundsProtected(int index) {
        return fundsProtected[index];
    }

    /** This jurisdiction's policy in force must be settled again (its own policy or 287(g) agreement changed). */
    void changed(Jurisdiction j) {
        if (settleFlag == null) {
            return; // before the first day: everything is settled then
        }
        int i = j.getIndex();
        if (!settleFlag[i]) {
            settleFlag[i] = true;
            settleQueue[settleQueued++] = i;
        }
    }

    /** Every policy in force must be settled again (a state law changed). */
    void changedAll() {
        settleAll = true;
    }

    private void grantsChanged(Jurisdiction j) {
        int i = j.getIndex();
        if (!grantFlag[i]) {
            grantFlag[i] = true;
            grantQueue[grantQueued++] = i;
        }
    }

    private static void sortQueue(int[] queue, int size) {
        java.util.Arrays.sort(queue, 0, size);
    }

    private static void clearQueue(int[] queue, int size, boolean[] flags) {
        for (int q = 0; q < size; q++) {
            flags[queue[q]] = false;
        }
    }

    private void refreshLegalStatus(JuriSimModel m, CourtSystem courts) {
        if (courts.statusVersion() == courtsVersion) {
            return;
        }
        courtsVersion = courts.statusVersion();
        boolean[] before = sanctuaryLawPreempted;
        sanctuaryLawPreempted = new boolean[m.stateCount()];
        for (String st : m.stateCodes()) {
            sanctuaryLawPreempted[m.stateIndex(st)] = courts.sanctuaryLawPreempted(st);
        }
        if (!java.util.Arrays.equals(before, sanctuaryLawPreempted)) {
            settleAll = true;
        }
        List<Jurisdiction> js = m.jurisdictionList();
        int n = js.size();
        if (fundsNow == null) {
            fundsNow = new boolean[n];
            antiNow = new boolean[n];
            preNow = new boolean[n];
            exposureNow = new double[n];
            settledNow = new boolean[n];
        }
        courts.status(js, fundsNow, antiNow, preNow, exposureNow, settledNow);
        if (liabilityExposure == null) {
            liabilityExposure = new double[n];
            liabilitySettled = new boolean[n];
            java.util.Arrays.fill(liabilityExposure, Double.NaN); // every jurisdiction is written the first time
        }
        // in index order; a jurisdiction is touched only where something changed
        for (int i = 0; i < n; i++) {
            if (fundsNow[i] != fundsProtected[i]) {
                fundsProtected[i] = fundsNow[i];
                grantsChanged(js.get(i));
            }
            if (antiNow[i] != antiLawEnjoined[i] || preNow[i] != preempted[i]) {
                antiLawEnjoined[i] = antiNow[i];
                preempted[i] = preNow[i];
                changed(js.get(i));
            }
            if (Double.doubleToLongBits(exposureNow[i]) != Double.doubleToLongBits(liabilityExposure[i]) || settledNow[i] != liabilitySettled[i]) {
                liabilityExposure[i] = exposureNow[i];
                liabilitySettled[i] = settledNow[i];
                Jurisdiction j = js.get(i);
                j.liabilityExposure = exposureNow[i];
                j.liabilitySettled = settledNow[i];
            }
        }
    }

    /**
     * Jurisdictions losing funds sue the United States, once each under the same grant conditions (since they last
     * came into force), reviewed monthly: most join a suit already pending in district court (a coalition suit), the
     * others file their own.
     */
    private void localSuits(JuriSimModel m) {
        Settings.Litigation lit = m.scenario().litigation();
        if (lit.grantSuitMonthlyProbability() <= 0 && lit.joinMonthlyProbability() <= 0) {
            return;
        }
        long day = m.day();
        List<Jurisdiction> js = m.jurisdictionList();
        // reviewed monthly, staggered: the jurisdictions with (day + index) % 30 == 0, in index order
        for (int i = (int) Math.floorMod(-day, 30L); i < js.size(); i += 30) {
            Jurisdiction j = js.get(i);
            if (!j.losingFunds || j.spec().partisanLean() < lit.grantSuitMinLean()) {
                continue;
            }
            // one suit per jurisdiction and set of conditions: a pending case protects it, a lost one is not refiled;
            // conditions that come into force again (a new administration's) are a new grievance
            if (m.courts().hasPendingCase(CaseType.GRANT_CONDITIONS, j.party())
                    || m.courts().partySince(CaseType.GRANT_CONDITIONS, j.party(), m.federal().grantConditionsSince())) {
                continue;
            }
            // a suit it could join whose plaintiffs hold an injunction that protects only them: joining is the way to the
            // same protection, taken at its own rate first; otherwise the ordinary decision to sue
            LegalCase protecting = lit.joinMonthlyProbability() > 0
                    ? m.courts().joinable(CaseType.GRANT_CONDITIONS, j.party(), Party.UNITED_STATES) : null;
            if (protecting != null && protecting.injunctionActive() && m.random.nextBoolean(lit.joinMonthlyProbability())) {
                m.courts().join(m.courtWorld(), protecting, j.party());
            } else if (lit.grantSuitMonthlyProbability() > 0 && m.random.nextBoolean(lit.grantSuitMonthlyProbability())) {
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

    /** Settles every jurisdiction's policy in force. */
    void settlePolicies(JuriSimModel m) {
        for (Jurisdiction j : m.jurisdictionList()) {
            settle(m, j);
        }
    }

    /** What decided the policy in force the last call to {@link #policyInForce} returned. */
    private PolicySource lastSource = PolicySource.OWN;

    /**
     * The policy in force: own choice, then 287(g), a federal preemption ruling, the state's law (as of the last ruling
     * seen); what decided it is left in {@link #lastSource}.
     */
    int policyInForce(JuriSimModel m, Jurisdiction j) {
        int eff = j.ownPolicyIndex;
        PolicySource source = PolicySource.OWN;
        if (j.agreement287g) {
            eff = m.agreementPolicyIndex();
            source = PolicySource.AGREEMENT_287G;
        } else {
            int i = j.getIndex();
            int preemptedPolicy = m.preemptedPolicyIndex();
            if (preempted[i] && m.cooperation(eff) < m.cooperation(preemptedPolicy)) {
                eff = preemptedPolicy;
                source = PolicySource.PREEMPTION_RULING;
            }
            if (m.scenario().mechanisms().stateLaw()) {
                Law law = m.stateLaws().lawOf(j.stateIndex());
                if (law == Law.ANTI_SANCTUARY && !antiLawEnjoined[i] && m.cooperation(eff) < m.cooperation(m.antiSanctuaryPolicyIndex())) {
                    eff = m.antiSanctuaryPolicyIndex();
                    source = PolicySource.STATE_ANTI_SANCTUARY_LAW;
                } else if (law == Law.SANCTUARY && !sanctuaryLawPreempted[j.stateIndex()]
                        && m.cooperation(eff) > m.cooperation(m.sanctuaryPolicyIndex())) {
                    eff = m.sanctuaryPolicyIndex();
                    source = PolicySource.STATE_SANCTUARY_LAW;
                }
            }
        }
        lastSource = eff == j.ownPolicyIndex ? PolicySource.OWN : source;
        return eff;
    }

    /** Settles one jurisdiction's policy in force, keeping the counts by policy current. */
    private void settle(JuriSimModel m, Jurisdiction j) {
        int eff = policyInForce(m, j);
        j.policyInForceSource = lastSource;
        if (eff != j.effectivePolicyIndex) {
            m.tallies().policyInForce(j, j.effectivePolicyIndex, eff);
            j.effectivePolicyIndex = eff;
            grantsChanged(j);
        }
        if (j.firstDayPolicyIndex < 0) {
            j.firstDayPolicyIndex = eff;
        }
    }
}
