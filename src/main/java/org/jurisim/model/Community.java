package org.jurisim.model;

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

    @Override
    public void step(SimState state) {
        JuriSimModel m = (JuriSimModel) state;
        Settings.Community c = m.scenario().community();
        boolean on = m.scenario().mechanisms().trust();
        double decay = 29.0 / 30.0;
        for (Jurisdiction j : m.jurisdictions()) {
            double per100k = j.atLargeToday * 1e5 / Math.max(1, j.getPopulation());
            j.visibleEnforcement = j.visibleEnforcement * decay + j.atLargeToday;
            j.atLargeToday = 0;
            if (!on) {
                continue;
            }
            double coop = m.cooperation(j.effectivePolicyIndex);
            double target = c.targetAtNoCooperation() + (c.targetAtFullCooperation() - c.targetAtNoCooperation()) * coop;
            double t = j.trust + c.recoveryPerDay() * (target - j.trust) - c.dropPerArrest() * per100k;
            j.trust = Math.max(0, Math.min(1, t));
        }
    }
}
