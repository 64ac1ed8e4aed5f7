package org.jurisim.model;

import java.util.ArrayList;
import java.util.List;
import org.jurisim.scenario.Settings;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * An ICE ERO field office: officers who pick people up from the jails it covers, and detention beds.
 * Detention holds three streams, each with its own mean stay and removal share: people transferred from
 * jails, people arrested at large, and border transfers. Each day: detained cases of each stream end
 * (removal or release); honored holds are picked up while officers and beds last (holds past their
 * deadline are released); notified releases are met when possible; people released despite a detainer
 * may be arrested at large with the officer time left (costly, visible); then the dated interior arrests
 * ({@code ice.interiorArrests}) and border transfers ({@code ice.borderTransfers}) take the beds that remain.
 */
public final class FieldOffice implements Steppable {

    private static final long serialVersionUID = 1L;


    private final String id;
    private final String name;
    private final double share;
    private int beds;
    /** People in detention by admission stream: from jails, arrested at large, border transfers. */
    private int fromJails;
    private int atLarge;
    private int border;
    /** Occupancy of all streams (kept equal to their sum). */
    private int occupancy;
    /**
     * People held on an honored detainer, first in first out: the jurisdiction that arrested each and the day index
     * until which the jail holds them, in a ring of {@link #holdCount} entries from {@link #holdHead}.
     */
    private Jurisdiction[] holdFrom = new Jurisdiction[64];
    private long[] holdDeadline = new long[64];
    private int holdHead;
    private int holdCount;
    private final List<Jurisdiction> notifications = new ArrayList<>();
    private final List<Jurisdiction> releasedToday = new ArrayList<>();
    /** Today's requests to seek released people at large: jurisdictions, with the count in {@link #seekCounts}. */
    private final List<Jurisdiction> seekFrom = new ArrayList<>();
    private final List<Integer> seekCounts = new ArrayList<>();
    /** The day's admissions from outside the jails are drawn with their own Poisson set-ups (their means change rarely). */
    private Draws.Stream interiorDraws;
    private Draws.Stream outsideDraws;

    FieldOffice(String id, String name, double share) {
        this.id = id;
        this.name = name;
        this.share = share;
    }

    void configure(int nationalBeds) {
        this.beds = (int) Math.round(nationalBeds * share);
    }

    /** The first day's occupants: {@code fromBorder} of them border transfers, the rest people from jails. */
    void setOccupancy(int occ, int fromBorder) {
        border = Math.min(occ, Math.max(0, fromBorder));
        fromJails = occ - border;
        atLarge = 0;
        occupancy = occ;
    }

    void hold(Jurisdiction from, long deadline) {
        if (holdCount == holdFrom.length) {
            // a ring twice as long, its entries from the head
            int n = holdFrom.length;
            Jurisdiction[] f = new Jurisdiction[2 * n];
            long[] d = new long[2 * n];
            for (int k = 0; k < n; k++) {
                f[k] = holdFrom[(holdHead + k) % n];
                d[k] = holdDeadline[(holdHead + k) % n];
            }
            holdFrom = f;
            holdDeadline = d;
            holdHead = 0;
        }
        int at = (holdHead + holdCount) % holdFrom.length;
        holdFrom[at] = from;
        holdDeadline[at] = deadline;
        holdCount++;
    }

    /** Removes the first hold and returns the jurisdiction of its arrest. */
    private Jurisdiction removeFirstHold() {
        Jurisdiction from = holdFrom[holdHead];
        holdFrom[holdHead] = null;
        holdHead = (holdHead + 1) % holdFrom.length;
        holdCount--;
        return from;
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
        long today = m.stepDay();
        boolean limits = m.scenario().mechanisms().capacityLimits();
        configure(params.detentionBeds);

        // 1. detained cases of each stream end, after a geometric stay of the stream's mean; of those, removals
        int fromJailsExits = leave(m, fromJails, params.proceedingsMeanDays);
        int atLargeExits = leave(m, atLarge, params.atLargeStayDays);
        int borderExits = leave(m, border, params.borderStayDays);
        fromJails -= fromJailsExits;
        atLarge -= atLargeExits;
        border -= borderExits;
        // which of them are removals counts only nationally: split after all offices ({@link DayEnd})
        ledger.exitsToSplit += fromJailsExits + atLargeExits;
        ledger.borderExitsToSplit += borderExits;
        occupancy = fromJails + atLarge + border;

        // 2. pick-ups from the jails, honored holds first
        double capacity = limits ? m.draws().stochasticRound(params.officers * share * params.pickupsPerOfficerPerDay) : Double.MAX_VALUE;
        while (holdCount > 0 && capacity >= 1 && (!limits || occupancy < beds)) {
            removeFirstHold();
            capacity--;
            occupancy++;
            fromJails++;
            ledger.pickups++;
        }
        while (holdCount > 0 && holdDeadline[holdHead] <= today) {
            ledger.missedPickups++;
            releasedToday.add(removeFirstHold());
        }
        for (Jurisdiction j : notifications) {
            if (capacity >= 1 && (!limits || occupancy < beds) && m.random.nextBoolean(params.notifyPickupProbability)) {
                capacity--;
                occupancy++;
                fromJails++;
                ledger.pickups++;
            } else {
                releasedToday.add(j);
            }
        }
        notifications.clear();

        // 3. at-large operations answer releases, with the officer time left; whoever is not arrested joins the
        // released pool of the jurisdiction that arrested them
        ledger.released += releasedToday.size();
        boolean atLargeOn = m.scenario().mechanisms().atLargeOperations() && params.atLargeResponse > 0;
        double cost = ice.atLargeOfficerCost();
        for (Jurisdiction j : releasedToday) {
            if (atLargeOn && capacity >= cost && (!limits || occupancy < beds) && m.random.nextBoolean(params.atLargeResponse)) {
                capacity -= cost;
                occupancy++;
                atLarge++;
                ledger.atLargeArrests++;
                j.recordAtLargeArrest();
            } else {
                j.joinReleased(m);
            }
        }
        releasedToday.clear();
        // 3b. then people released earlier, as requested by their jurisdictions, with what officer time is left
        for (int i = 0; i < seekFrom.size(); i++) {
            Jurisdiction j = seekFrom.get(i);
            for (int k = seekCounts.get(i); k > 0 && j.releasedStock >= 1 && capacity >= cost && (!limits || occupancy < beds); k--) {
                capacity -= cost;
                occupancy++;
                atLarge++;
                j.releasedStock--;
                ledger.atLargeArrests++;
                ledger.atLargeFromStock++;
                j.recordAtLargeArrest();
            }
        }
        seekFrom.clear();
        seekCounts.clear();

        // 4. admissions from outside the jails, dated, take the beds left (ICE's own officers: they do not use the
        // pick-up capacity above): interior arrests first, then border transfers
        if (interiorDraws == null) {
            interiorDraws = m.draws().stream();
            outsideDraws = m.draws().stream();
        }
        int interior = admit(limits, interiorDraws, m.interiorArrestsToday() * share);
        atLarge += interior;
        ledger.interiorAdmissions += interior;
        int fromBorder = admit(limits, outsideDraws, m.outsideAdmissionsToday() * share);
        border += fromBorder;
        ledger.borderAdmissions += fromBorder;
    }

    /** Cases of a stream of {@code n} people with mean stay {@code meanDays} that end today. */
    private static int leave(JuriSimModel m, int n, double meanDays) {
        return m.draws().binomial(n, 1.0 / meanDays);
    }

    /**
     * After all field offices: the day's ended cases become removals (the share ice.removalShare of those from
     * jails and at large, ice.borderRemovalShare of border transfers) and releases. Only the national counts
     * are kept, so each share is one binomial draw of the day's sum: the same distribution as one per stream of
     * each office (binomials with the same chance add up).
     */
    static final class DayEnd implements Steppable {
        private static final long serialVersionUID = 1L;

        @Override
        public void step(SimState state) {
            JuriSimModel m = (JuriSimModel) state;
            DailyLedger ledger = m.ledger();
            Settings.Ice ice = m.scenario().ice();
            split(m, ledger, ledger.exitsToSplit, ice.removalShare());
            split(m, ledger, ledger.borderExitsToSplit, ice.borderRemovalShare());
            ledger.exitsToSplit = 0;
            ledger.borderExitsToSplit = 0;
        }

        private static void split(JuriSimModel m, DailyLedger ledger, long exits, double removalShare) {
            int removed = m.draws().binomial(Math.toIntExact(exits), removalShare);
            ledger.removals += removed;
            ledger.removalsTotal += removed;
            ledger.detentionReleases += exits - removed;
        }
    }

    /** A Poisson number of admissions with this mean, as many as the beds left allow; added to the occupancy. */
    private int admit(boolean limits, Draws.Stream draws, double mean) {
        int n = draws.poisson(mean);
        int admitted = limits ? Math.max(0, Math.min(n, beds - occupancy)) : n;
        occupancy += admitted;
        return admitted;
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

    /** People in detention transferred from jails. */
    public int getOccupancyFromJails() {
        return fromJails;
    }

    /** People in detention arrested at large (the model's at-large arrests and the dated interior arrests). */
    public int getOccupancyAtLarge() {
        return atLarge;
    }

    /** People in detention transferred from the border. */
    public int getOccupancyBorder() {
        return border;
    }

    public int getPendingHolds() {
        return holdCount;
    }
}
