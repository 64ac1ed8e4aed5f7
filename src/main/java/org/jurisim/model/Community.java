package org.jurisim.model;

import java.util.List;
import org.jurisim.scenario.Settings;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * Community trust in local police among immigrant residents, each day in each jurisdiction: trust moves
 * slowly toward a target set by the policy in force (limits raise it) and falls with visible federal
 * enforcement (at-large arrests per 100,000 residents). Crime reporting by immigrant residents follows
 * trust: reporting = 1 - reportingGap x (1 - trust), relative to full trust.
 */
final class Community implements Steppable {

    private static final long serialVersionUID = 1L;

    /** Target trust per policy (the policies' cooperation does not change during a run). */
    private double[] targets;

    @Override
    public void step(SimState state) {
        JuriSimModel m = (JuriSimModel) state;
        Settings.Community c = m.scenario().community();
        boolean on = m.scenario().mechanisms().trust();
        double decay = 29.0 / 30.0;
        int policies = m.policyNames().size();
        if (targets == null || targets.length != policies) {
            targets = new double[policies];
            for (int p = 0; p < policies; p++) {
                targets[p] = c.targetAtNoCooperation() + (c.targetAtFullCooperation() - c.targetAtNoCooperation()) * m.cooperation(p);
            }
        }
        double recovery = c.recoveryPerDay();
        double drop = c.dropPerArrest();
        // the one daily pass that must visit every jurisdiction: it also adds up, for the day's metrics, what
        // changes everywhere every day (trust, the released pool), in index order
        double trustWeighted = 0;
        double releasedPool = 0;
        List<Jurisdiction> js = m.jurisdictionList();
        for (int i = 0, n = js.size(); i < n; i++) {
            Jurisdiction j = js.get(i);
            int arrests = j.atLargeToday;
            double loss = 0;
            if (arrests != 0) {
                loss = drop * arrests * 1e5 / Math.max(1, j.getResidents());
                j.atLargeToday = 0;
            }
            j.visibleEnforcement = j.visibleEnforcement * decay + arrests;
            if (on) {
                double t = j.trust + recovery * (targets[j.effectivePolicyIndex] - j.trust) - loss;
                j.trust = t < 0 ? 0 : (t > 1 ? 1 : t);
            }
            trustWeighted += j.trust * j.immigrants();
            releasedPool += j.releasedStock;
        }
        m.tallies().daySums(trustWeighted, releasedPool);
    }
}
