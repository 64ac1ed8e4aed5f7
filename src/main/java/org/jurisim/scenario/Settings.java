package org.jurisim.scenario;

import java.util.EnumMap;
import java.util.Map;
import org.jurisim.rules.Severity;

/** The scenario's parameter groups, as immutable values. Field meanings: docs/scenario-format.md. */
public final class Settings {

    private Settings() {
    }

    /** Jail bookings and who is booked. {@code severityShares} is indexed by {@link Severity#ordinal()} and sums to 1. */
    public record Bookings(double perCapitaPerYear, double[] severityShares, double judicialWarrantShare,
                           double priorRemovalShare, double convictedShare) {
        public Bookings {
            severityShares = severityShares.clone();
        }

        @Override
        public double[] severityShares() {
            return severityShares.clone();
        }

        public double severityShare(Severity s) {
            return severityShares[s.ordinal()];
        }
    }

    public record Ice(double removableMatchRate, double detainerRate, double jailAccessIssueMultiplier, int officers,
                      double pickupsPerOfficerPerDay, int holdDays, double notifyPickupProbability, int detentionBeds,
                      double initialOccupancy, double otherAdmissionsPerDay, double proceedingsMeanDays,
                      double removalShare) {
    }

    public record Federal(Priorities priorities, Map<Priorities, Severity> thresholds, boolean priorRemovalAlwaysPriority,
                          String agreementPolicy, double agreementIssueMultiplier) {
        public Federal {
            thresholds = java.util.Collections.unmodifiableMap(new EnumMap<>(thresholds));
        }
    }

    public record Grants(double perCapitaPerYear) {
    }

    public record Community(double initialTrust) {
    }

    public record Metrics(int rollingWindowDays) {
    }
}
