package org.jurisim.model;

import java.util.List;

/**
 * Policy adaptation: every {@code adaptation.everyDays} days (staggered by jurisdiction), each jurisdiction
 * neither pinned by the scenario nor held ({@link Jurisdiction#isHeld()}) draws its own policy from a discrete choice (multinomial logit):
 * P(policy p) is proportional to exp(-pressure x cooperation(p) + inertia x [p is current]), where
 * pressure toward limits = baseline + sum of weight x term over partisan lean, its interaction with the
 * foreign-born share, peers in the state and nationally, liability exposure, funds at risk (negative) and
 * visible federal enforcement.
 */
final class Adaptation {

    private Adaptation() {
    }

    static void review(JuriSimModel m) {
        int every = m.scenario().adaptation().everyDays();
        long day = m.day();
        List<Jurisdiction> js = m.jurisdictionList();
        int policies = m.policyNames().size();
        double[] u = new double[policies];
        double[][] peers = null;
        // the jurisdictions due today, (day + index) % every == 0, in index order
        for (int i = (int) Math.floorMod(-day, (long) every); i < js.size(); i += every) {
            Jurisdiction j = js.get(i);
            if (j.isPinned() || j.isHeld()) {
                continue;
            }
            if (peers == null) {
                peers = m.tallies().peerNonCooperation();
            }
            double pressure = pressure(m, j, peers);
            double sum = choiceWeights(m, pressure, j.ownPolicyIndex, u);
            double r = m.random.nextDouble() * sum;
            int choice = policies - 1;
            for (int k = 0; k < policies; k++) {
                r -= u[k];
                if (r < 0) {
                    choice = k;
                    break;
                }
            }
            if (choice != j.ownPolicyIndex) {
                j.setOwnPolicy(m, choice, m.policyNames().get(choice));
                m.ledger().policyChanges++;
            }
        }
    }

    /**
     * The multinomial-logit weights of the policies for a jurisdiction under this pressure whose own policy
     * is {@code own}: u[k] = exp(-pressure x cooperation(k) + inertia x [k = own] - max), the largest
     * utility subtracted for numerical safety. Returns their sum; Pr(k) = u[k] / sum.
     */
    static double choiceWeights(JuriSimModel m, double pressure, int own, double[] u) {
        int policies = m.policyNames().size();
        double inertia = m.parameters().wInertia;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < policies; k++) {
            u[k] = -pressure * m.cooperation(k) + (k == own ? inertia : 0);
            max = Math.max(max, u[k]);
        }
        double sum = 0;
        for (int k = 0; k < policies; k++) {
            u[k] = Math.exp(u[k] - max);
            sum += u[k];
        }
        return sum;
    }

    /** Pressure toward limits on cooperation for one jurisdiction (positive: wants less cooperation). */
    static double pressure(JuriSimModel m, Jurisdiction j, double[][] peers) {
        Parameters p = m.parameters();
        double x = p.adaptationBaseline + p.wPartisanLean * j.adaptationLean + p.wForeignBornInteraction * j.adaptationInteraction
                + p.wLiability * j.liabilityExposure
                - p.wFundsAtRisk * j.fundsAtRisk / Math.max(1.0, j.getResidents() * 10.0)
                + p.wVisibleEnforcement * j.visibleEnforcement * 1e5 / Math.max(1, j.getResidents()) / 10.0;
        if (m.scenario().mechanisms().diffusion()) {
            int s = j.stateIndex();
            x += p.wPeersState * (peers[0][s] - 0.5) + p.wPeersNational * (peers[1][0] - 0.5);
        }
        return x;
    }

    /** The partisan-lean term of the pressure: (lean - 0.5) / 0.15 (fixed for a jurisdiction; kept by it). */
    static double leanTerm(org.jurisim.scenario.JurisdictionSpec spec) {
        return (spec.partisanLean() - 0.5) / 0.15;
    }

    /** The lean x foreign-born interaction term of the pressure (fixed for a jurisdiction; kept by it). */
    static double interactionTerm(org.jurisim.scenario.JurisdictionSpec spec) {
        return leanTerm(spec) * spec.foreignBornShare() / 0.14;
    }

    /**
     * Mean non-cooperation (1 - cooperation of the policy in force) by state [0][state] and nationally [1][0], by a
     * pass over all jurisdictions ({@link Tallies#peerNonCooperation} keeps the same counts current).
     */
    static double[][] peerNonCooperation(JuriSimModel m) {
        int states = m.stateCount();
        double[] sum = new double[states];
        int[] count = new int[states];
        double nat = 0;
        for (Jurisdiction j : m.jurisdictionList()) {
            double nc = 1 - m.cooperation(j.effectivePolicyIndex);
            int s = j.stateIndex();
            sum[s] += nc;
            count[s]++;
            nat += nc;
        }
        double[] mean = new double[states];
        for (int s = 0; s < states; s++) {
            mean[s] = count[s] == 0 ? 0.5 : sum[s] / count[s];
        }
        return new double[][] {mean, {m.jurisdictionList().isEmpty() ? 0.5 : nat / m.jurisdictionList().size()}};
    }
}
