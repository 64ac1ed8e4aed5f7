package org.jurisim.model;

import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * Steps the jurisdictions in a new random order every day: the list read as a circle from a random place, in a
 * random direction (two draws a day). Each jurisdiction is first with the same chance, its rank among any group
 * of others (those of one field office, competing for its officers) is uniform, and of any two, each goes first
 * half the time; the memory is walked in sequence, which a full shuffle of thousands of agents would not allow. After them,
 * the day's declines ICE learns of without being told ({@link Jurisdiction#learnDeclines}).
 */
final class DailyOrder implements Steppable {

    private static final long serialVersionUID = 1L;

    private final Jurisdiction[] order;

    DailyOrder(Jurisdiction[] order) {
        this.order = order.clone();
    }

    @Override
    public void step(SimState state) {
        int n = order.length;
        if (n == 0) {
            return;
        }
        int start = state.random.nextInt(n);
        if (state.random.nextBoolean()) {
            for (int i = start; i < n; i++) {
                order[i].step(state);
            }
            for (int i = 0; i < start; i++) {
                order[i].step(state);
            }
        } else {
            for (int i = start; i >= 0; i--) {
                order[i].step(state);
            }
            for (int i = n - 1; i > start; i--) {
                order[i].step(state);
            }
        }
        Jurisdiction.learnDeclines((JuriSimModel) state);
    }
}
