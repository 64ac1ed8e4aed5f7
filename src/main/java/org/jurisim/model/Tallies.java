package org.jurisim.model;

import java.util.List;

/**
 * Counts over the jurisdictions that change only when a jurisdiction's policy in force, 287(g) agreement or
 * loss of funds changes, kept current at those changes instead of recounted every day: jurisdictions and
 * residents by policy in force (nationally and by state), 287(g) agreements, jurisdictions losing funds.
 * The counts are integers, so they equal a recount exactly, in any order (the residents' sums stay far
 * below 2^53 and are exact as doubles too). Also the day's sums of what changes in every jurisdiction every
 * day (trust weighted by foreign-born residents, the released pool), added up in index order by the one daily
 * pass that visits them all ({@link Community}).
 */
final class Tallies implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final int[] byPolicy;
    private final long[] residentsByPolicy;
    /** [state][policy]: jurisdictions by state and policy in force (for peer effects). */
    private final int[][] byStatePolicy;
    private final int[] byState;
    private int agreements;
    private int losingFunds;
    private final int total;
    private double trustWeighted;
    /** 1 - cooperation, by policy. */
    private final double[] nonCooperation;
    /** Peer means by state [0][state] and nationally [1][0], and the states whose mean must be computed again. */
    private final double[][] peers;
    private final boolean[] stateStale;
    private boolean nationalStale = true;
    private double releasedPool;

    /** Counts the jurisdictions as they are now. */
    Tallies(List<Jurisdiction> js, double[] cooperation, int states) {
        int policies = cooperation.length;
        nonCooperation = new double[policies];
        for (int p = 0; p < policies; p++) {
            nonCooperation[p] = 1 - cooperation[p];
        }
        peers = new double[][] {new double[states], new double[1]};
        stateStale = new boolean[states];
        java.util.Arrays.fill(stateStale, true);
        byPolicy = new int[policies];
        residentsByPolicy = new long[policies];
        byStatePolicy = new int[states][policies];
        byState = new int[states];
        for (Jurisdiction j : js) {
            add(j, j.effectivePolicyIndex, 1);
            byState[j.stateIndex()]++;
            if (j.agreement287g) {
                agreements++;
            }
            if (j.losingFunds) {
                losingFunds++;
            }
        }
        total = js.size();
    }

    private void add(Jurisdiction j, int policy, int sign) {
        byPolicy[policy] += sign;
        residentsByPolicy[policy] += sign * j.getResidents();
        byStatePolicy[j.stateIndex()][policy] += sign;
        stateStale[j.stateIndex()] = true;
        nationalStale = true;
    }

    /** A jurisdiction's policy in force changes from {@code from} to {@code to}. */
    void policyInForce(Jurisdiction j, int from, int to) {
        if (from != to) {
            add(j, from, -1);
            add(j, to, 1);
        }
    }

    void agreement(boolean signed) {
        agreements += signed ? 1 : -1;
    }

    void losingFunds(boolean losing) {
        losingFunds += losing ? 1 : -1;
    }

    void daySums(double trustWeighted, double releasedPool) {
        this.trustWeighted = trustWeighted;
        this.releasedPool = releasedPool;
    }

    /** Today's sum over jurisdictions of trust x foreign-born residents governed. */
    double trustWeighted() {
        return trustWeighted;
    }

    /** Today's released pool, all jurisdictions (after the field offices' day). */
    double releasedPool() {
        return releasedPool;
    }

    int jurisdictionsByPolicy(int p) {
        return byPolicy[p];
    }

    long residentsByPolicy(int p) {
        return residentsByPolicy[p];
    }

    int agreements() {
        return agreements;
    }

    int losingFunds() {
        return losingFunds;
    }

    /**
     * Mean non-cooperation (1 - cooperation of the policy in force) by state [0][state] (0.5 for a state
     * without jurisdictions) and nationally [1][0] (0.5 without jurisdictions), as
     * {@link Adaptation#peerNonCooperation} computes it by a pass over all jurisdictions (the same sums, added
     * by policy rather than one jurisdiction at a time, so they may differ from it in the last bit). The arrays are
     * reused: valid until the next call.
     */
    double[][] peerNonCooperation() {
        int policies = byPolicy.length;
        for (int s = 0; s < byState.length; s++) {
            if (!stateStale[s]) {
                continue;
            }
            stateStale[s] = false;
            if (byState[s] == 0) {
                peers[0][s] = 0.5;
                continue;
            }
            double sum = 0;
            for (int p = 0; p < policies; p++) {
                sum += byStatePolicy[s][p] * nonCooperation[p];
            }
            peers[0][s] = sum / byState[s];
        }
        if (nationalStale) {
            nationalStale = false;
            double nat = 0;
            for (int p = 0; p < policies; p++) {
                nat += byPolicy[p] * nonCooperation[p];
            }
            peers[1][0] = total == 0 ? 0.5 : nat / total;
        }
        return peers;
    }
}
