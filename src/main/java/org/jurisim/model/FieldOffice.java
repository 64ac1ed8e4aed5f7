package org.jurisim.model;

import java.util.ArrayDeque;
import org.jurisim.scenario.Settings;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * An ICE ERO field office: officers who pick people up from the jails it covers, and detention beds.
 * Each day: detained cases end (removal or release), honored holds are picked up while officers and
 * beds last (holds past their deadline are released), notified releases are met when possible, and
 * admissions from outside the jails take the beds that remain.
 */
public final class FieldOffice implements Steppable {

    private static final long serialVersionUID = 1L;

    /** A person held on an honored detainer until {@code deadline} (a day index). */
    private record Hold(Jurisdiction from, long deadline) implements java.io.Serializable {
    }

    private final String id;
    private final String name;
    private final double share;
    private double pickupsPerDay;
    private int beds;
    private int occupancy;
    private final ArrayDeque<Hold> holds = new ArrayDeque<>();
    private int notifications;

    FieldOffice(String id, String name, double share) {
        this.id = id;
        this.name = name;
        this.share = share;
    }

    void configure(int nationalOfficers, double pickupsPerOfficerPerDay, int nationalBeds) {
        this.pickupsPerDay = nationalOfficers * share * pickupsPerOfficerPerDay;
        this.beds = (int) Math.round(nationalBeds * share);
    }

    void setOccupancy(int occ) {
        occupancy = occ;
    }

    void hold(Jurisdiction from, long deadline) {
        holds.addLast(new Hold(from, deadline));
    }

    void notifyRelease(Jurisdiction from) {
        notifications++;
    }

    @Override
    public void step(SimState state) {
        JuriSimModel m = (JuriSimModel) state;
        DailyLedger ledger = m.ledger();
        Settings.Ice ice = m.scenario().ice();
        FederalExecutive fed = m.federal();
        long today = m.schedule.getSteps();

        // 1. detained cases end
        int exits = m.draws().binomial(occupancy, 1.0 / fed.proceedingsMeanDays());
        int removed = m.draws().binomial(exits, ice.removalShare());
        occupancy -= exits;
        ledger.removals += removed;
        ledger.removalsTotal += removed;
        ledger.detentionReleases += exits - removed;

        // 2. pick-ups from the jails, honored holds first
        int capacity = m.draws().stochasticRound(pickupsPerDay);
        while (!holds.isEmpty() && capacity > 0 && occupancy < beds) {
            holds.removeFirst();
            capacity--;
            occupancy++;
            ledger.pickups++;
        }
        while (!holds.isEmpty() && holds.peekFirst().deadline() <= today) {
            holds.removeFirst();
            ledger.missedPickups++;
            ledger.released++;
        }
        for (int k = 0; k < notifications; k++) {
            if (capacity > 0 && occupancy < beds && m.random.nextBoolean(ice.notifyPickupProbability())) {
                capacity--;
                occupancy++;
                ledger.pickups++;
            } else {
                ledger.released++;
            }
        }
        notifications = 0;

        // 3. admissions from outside the jails (border, other arrests) take the beds left
        int other = m.draws().poisson(ice.otherAdmissionsPerDay() * share);
        int admitted = Math.max(0, Math.min(other, beds - occupancy));
        occupancy += admitted;
        ledger.otherAdmissions += admitted;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    /** Share of the national officers and beds this office has (its share of covered population). */
    public double getShare() {
        return share;
    }

    public int getBeds() {
        return beds;
    }

    public int getOccupancy() {
        return occupancy;
    }

    public int getPendingHolds() {
        return holds.size();
    }

    public double getPickupsPerDay() {
        return pickupsPerDay;
    }
}
