package org.jurisim.model;

import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * Steps the jurisdictions in a new random order every day: the list read as a circle from a random place, in a
 * random direction (two draws a day). Each jurisdiction is first with the same chance, its rank among any group
 * of others (those of one field office, competing for its officers) is uniform, and of any two, each goes first
 * half the time; the memory is walked in sequence, which a full shuffle of thousands of agents would not allow. After them,
 * the day's declines ICE learns of without being told ({@link Jurisdiction#learnDeclines}).
 *
 * <p>A plain jurisdiction (no city of the scenario inside it, a mean of matched bookings below
 * {@link Draws#SMALL_MEAN}, no one in its released pool) does nothing on a day without a matched booking but
 * draw their count: that count is drawn here, from arrays, and the jurisdiction is read only when someone is
 * booked ({@link Jurisdiction#booked}). One whose released pool is below one person (no one can be drawn from it)
 * only has the pool shrink first ({@link Jurisdiction#shrinkPool}). The draws, their order and every result are
 * those of {@link Jurisdiction#step}; ICE's memory of the jail's refusals fades by the same daily factor, applied
 * when next read ({@link Jurisdiction#fade}).
 */
final class DailyOrder implements Steppable {

    private static final long serialVersionUID = 1L;

    private final Jurisdiction[] order;
    /**
     * By index (the list is in index order): a jurisdiction's mean of matched bookings where it can be plain (0 for a
     * city whose arrests its county's jail books) and e^-mean; NaN where it takes its full step every day.
     */
    private final double[] plainMean;
    private final double[] plainExpNeg;
    /** By index: {@link #PLAIN}, {@link #SHRINK} (plain, its pool below one person) or {@link #FULL}. */
    private final byte[] mode;
    private static final byte PLAIN = 0;
    private static final byte SHRINK = 1;
    private static final byte FULL = 2;
    /** The days stepped so far (today's included once the day's pass has begun). */
    private int passes;

    DailyOrder(Jurisdiction[] order) {
        this.order = order.clone();
        plainMean = new double[order.length];
        plainExpNeg = new double[order.length];
        mode = new byte[order.length];
        for (int i = 0; i < order.length; i++) {
            Jurisdiction j = order[i];
            if (j.getIndex() != i) {
                throw new IllegalArgumentException("jurisdictions out of index order at " + i);
            }
            plainMean[i] = j.plainMatchesPerDay();
            plainExpNeg[i] = Math.exp(-plainMean[i]);
            mode[i] = plainMean[i] != plainMean[i] || j.getReleasedStock() > 0 ? FULL : PLAIN;
        }
    }

    /** The days stepped so far, today's included once the day's pass has begun. */
    int passes() {
        return passes;
    }

    /** The jurisdiction with this index takes its full step from now on (someone joined its released pool). */
    void fullStep(int index) {
        mode[index] = FULL;
    }

    /** The jurisdiction's released pool is below one person: where it can be plain, it only has its pool shrink. */
    void poolBelowOne(int index) {
        if (plainMean[index] == plainMean[index]) {
            mode[index] = SHRINK;
        }
    }

    @Override
    public void step(SimState state) {
        int n = order.length;
        if (n == 0) {
            return;
        }
        passes++;
        JuriSimModel m = (JuriSimModel) state;
        Draws draws = m.draws();
        int start = state.random.nextInt(n);
        if (state.random.nextBoolean()) {
            for (int i = start; i < n; i++) {
                visit(m, draws, i);
            }
            for (int i = 0; i < start; i++) {
                visit(m, draws, i);
            }
        } else {
            for (int i = start; i >= 0; i--) {
                visit(m, draws, i);
            }
            for (int i = n - 1; i > start; i--) {
                visit(m, draws, i);
            }
        }
        Jurisdiction.learnDeclines(m);
    }

    private void visit(JuriSimModel m, Draws draws, int i) {
        byte md = mode[i];
        if (md == FULL) {
            order[i].step(m);
            return;
        }
        if (md == SHRINK) {
            order[i].shrinkPool(m);
        }
        int matches = draws.poisson(plainMean[i], plainExpNeg[i]);
        if (matches > 0) {
            order[i].booked(m, matches);
        }
    }
}
