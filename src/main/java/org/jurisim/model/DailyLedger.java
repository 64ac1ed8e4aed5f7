package org.jurisim.model;

/**
 * What happened today, counted by the agents as it happens and read by the metrics observer at the end
 * of the day. Reset at the start of each day; cumulative totals are kept separately.
 */
public final class DailyLedger implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    long bookings;
    long matches;
    long issued;
    long honored;
    long notified;
    long declined;
    /** Declines ICE records as such (told, or learned of). */
    long declinedRecorded;
    /** Declines of the day no one told ICE of, until the day's draw of those it learns of all the same. */
    long declinedUntold;
    /** People booked again after an earlier release without transfer. */
    long rebookings;
    /** At-large arrests of people released on an earlier day. */
    long atLargeFromStock;
    long pickups;
    long missedPickups;
    long released;
    /** Admissions of border transfers (ice.borderTransfers, ice.otherAdmissionsPerDay). */
    long borderAdmissions;
    /** Admissions from the dated interior arrests (ice.interiorArrests). */
    long interiorAdmissions;
    long removals;
    long detentionReleases;
    long removalsTotal;
    /** Cases ended today in the field offices, not yet split into removals and releases (FieldOffice.DayEnd). */
    long exitsToSplit;
    long borderExitsToSplit;
    long atLargeArrests;
    double fundsWithheld;
    double fundsRestored;
    long policyChanges;
    long[] issuedByPolicy;
    long[] honoredByPolicy;

    DailyLedger(int policies) {
        issuedByPolicy = new long[policies];
        honoredByPolicy = new long[policies];
    }

    void reset() {
        bookings = 0;
        matches = 0;
        issued = 0;
        honored = 0;
        notified = 0;
        declined = 0;
        declinedRecorded = 0;
        declinedUntold = 0;
        rebookings = 0;
        atLargeFromStock = 0;
        pickups = 0;
        missedPickups = 0;
        released = 0;
        borderAdmissions = 0;
        interiorAdmissions = 0;
        removals = 0;
        detentionReleases = 0;
        atLargeArrests = 0;
        fundsWithheld = 0;
        fundsRestored = 0;
        policyChanges = 0;
        java.util.Arrays.fill(issuedByPolicy, 0);
        java.util.Arrays.fill(honoredByPolicy, 0);
    }

    public long bookings() {
        return bookings;
    }

    public long matches() {
        return matches;
    }

    public long issued() {
        return issued;
    }

    public long honored() {
        return honored;
    }

    public long notified() {
        return notified;
    }

    public long declined() {
        return declined;
    }

    public long declinedRecorded() {
        return declinedRecorded;
    }

    public long rebookings() {
        return rebookings;
    }

    public long atLargeFromStock() {
        return atLargeFromStock;
    }

    public long pickups() {
        return pickups;
    }

    public long missedPickups() {
        return missedPickups;
    }

    public long released() {
        return released;
    }

    public long borderAdmissions() {
        return borderAdmissions;
    }

    public long interiorAdmissions() {
        return interiorAdmissions;
    }

    public long removals() {
        return removals;
    }

    public long detentionReleases() {
        return detentionReleases;
    }

    public long removalsTotal() {
        return removalsTotal;
    }

    public long atLargeArrests() {
        return atLargeArrests;
    }

    public double fundsWithheld() {
        return fundsWithheld;
    }

    public double fundsRestored() {
        return fundsRestored;
    }

    public long policyChanges() {
        return policyChanges;
    }

    public long issuedByPolicy(int policy) {
        return issuedByPolicy[policy];
    }

    public long honoredByPolicy(int policy) {
        return honoredByPolicy[policy];
    }
}
