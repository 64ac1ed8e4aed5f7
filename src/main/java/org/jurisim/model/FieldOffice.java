package org.jurisim.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jurisim.scenario.Settings;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * An ICE ERO field office: officers who pick people up from the jails it covers, and detention beds.
 * Each day: detained cases end (removal or release); honored holds are picked up while officers and
 * beds last (holds past their deadline are released); notified releases are met when possible; people
 * released despite a detainer may be arrested at large with the officer time left (costly, visible);
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
    private int beds;
    private int occupancy;
    private final ArrayDeque<Hold> holds = new ArrayDeque<>();
    private final List<Jurisdiction> notifications = new ArrayList<>();
    private final List<Jurisdiction> releasedToday = new ArrayList<>();

    FieldOffice(String id, String name, double share) {
        this.id = id;
        this.name = name;
        this.share = share;
    }

    void configure(int nationalBeds) {
        this.beds = (int) Math.round(nationalBeds * share);
    }

    void setOccupancy(int occ) {
        occupancy = occ;
    }

    void hold(Jurisdiction from, long deadline) {
        holds.addLast(new Hold(from, deadline));
    }

    void notifyRelease(Jurisdiction from) {
        notifications.add(from);
    }

    /** A person with a detainer released from jail without transfer to ICE. */
    void released(Jurisdiction from) {
        releasedToday.add(from);
    }

    @Override
    public void step(SimState state) {
        JuriSimModel m = (JuriSimModel) state;
        DailyLedger ledger = m.ledger();
        Settings.Ice ice = m.scenario().ice();
        Parameters params = m.parameters();
        long today = m.day();
        boolean limits = m.scenario().mechanisms().capacityLimits();
        configure(params.detentionBeds);

        // 1. detained cases end
        int exits = m.draws().binomial(occupancy, 1.0 / params.proceedingsMeanDays);
        int removed = m.draws().binomial(exits, ice.removalShare());
        occupancy -= exits;
        ledger.removals += removed;
        ledger.removalsTotal += removed;
        ledger.detentionReleases += exits - removed;

        // 2. pick-ups from the jails, honored holds first
        double capacity = limits ? m.draws().stochasticRound(params.officers * share * params.pickupsPerOfficerPerDay) : Double.MAX_VALUE;
        while (!holds.isEmpty() && capacity >= 1 && (!limits || occupancy < beds)) {
            holds.removeFirst();
            capacity--;
            occupancy++;
            ledger.pickups++;
        }
        while (!holds.isEmpty() && holds.peekFirst().deadline() <= today) {
            Hold h = holds.removeFirst();
            ledger.missedPickups++;
            releasedToday.add(h.from());
        }
        for (Jurisdiction j : notifications) {
            if (capacity >= 1 && (!limits || occupancy < beds) && m.random.nextBoolean(params.notifyPickupProbability)) {
                capacity--;
                occupancy++;
                ledger.pickups++;
            } else {
                releasedToday.add(j);
            }
        }
        notifications.clear();

        // 3. at-large operations answer releases, with the officer time left
        ledger.released += releasedToday.size();
        if (m.scenario().mechanisms().atLargeOperations() && params.atLargeResponse > 0) {
            double cost = ice.atLargeOfficerCost();
            for (Jurisdiction j : releasedToday) {
                if (capacity >= cost && (!limits || occupancy < beds) && m.random.nextBoolean(params.atLargeResponse)) {
                    capacity -= cost;
                    occupancy++;
                    ledger.atLargeArrests++;
                    j.recordAtLargeArrest();
                }
            }
        }
        releasedToday.clear();

        // 4. admissions from outside the jails (border, other arrests) take the beds left
        int other = m.draws().poisson(ice.otherAdmissionsPerDay() * share);
        int admitted = limits ? Math.max(0, Math.min(other, beds - occupancy)) : other;
        occupancy += admitted;
        ledger.otherAdmissions += admitted;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    /** Share of the national officers and beds this office has (its share of the covered population). */
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
}
