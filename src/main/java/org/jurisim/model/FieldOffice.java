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
    /** Today's requests to seek released people at large: jurisdictions, with the count in {@link #seekCounts}. */
    private final List<Jurisdiction> seekFrom = new ArrayList<>();
    private final List<Integer> seekCounts = new ArrayList<>();

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

    /** ICE seeks {@code n} people released earlier after an arrest in {@code from} (served after the day's releases). */
    void seek(Jurisdiction from, int n) {
        seekFrom.add(from);
        seekCounts.add(n);
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

        // 3. at-large operations answer releases, with the officer time left; whoever is not arrested joins the
        // released pool of the jurisdiction that arrested them
        ledger.released += releasedToday.size();
        boolean atLarge = m.scenario().mechanisms().atLargeOperations() && params.atLargeResponse > 0;
        double cost = ice.atLargeOfficerCost();
        for (Jurisdiction j : releasedToday) {
            if (atLarge && capacity >= cost && (!limits || occupancy < beds) && m.random.nextBoolean(params.atLargeResponse)) {
                capacity -= cost;
                occupancy++;
                ledger.atLargeArrests++;
                j.recordAtLargeArrest();
            } else {
                j.releasedStock++;
            }
        }
        releasedToday.clear();
        // 3b. then people released earlier, as requested by their jurisdictions, with what officer time is left
        for (int i = 0; i < seekFrom.size(); i++) {
            Jurisdiction j = seekFrom.get(i);
            for (int k = seekCounts.get(i); k > 0 && j.releasedStock >= 1 && capacity >= cost && (!limits || occupancy < beds); k--) {
                capacity -= cost;
                occupancy++;
                j.releasedStock--;
                ledger.atLargeArrests++;
                ledger.atLargeFromStock++;
                j.recordAtLargeArrest();
            }
        }
        seekFrom.clear();
        seekCounts.clear();

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
