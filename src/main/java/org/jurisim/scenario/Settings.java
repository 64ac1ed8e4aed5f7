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
                           double priorRemovalShare, double convictedShare, double rebookingPerYear) {
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

    /**
     * ICE: issuance, pick-ups, detention and removals. {@code borderTransfers} and {@code interiorArrests} are the dated
     * admissions from outside the jails the model follows; the three admission streams (jails, at large, border) each have
     * their own mean stay ({@code proceedingsMeanDays}, {@code atLargeStayDays}, {@code borderStayDays}).
     */
    public record Ice(double removableMatchRate, double detainerRate, double jailAccessIssueMultiplier, double refusalResponse,
                      double refusalMemoryDays, double declineRecordedShare, int officers,
                      double pickupsPerOfficerPerDay, int holdDays, double notifyPickupProbability, int detentionBeds,
                      double initialOccupancy, RateSchedule borderTransfers, RateSchedule interiorArrests,
                      double otherAdmissionsPerDay, double proceedingsMeanDays, double atLargeStayDays, double borderStayDays,
                      double removalShare, double borderRemovalShare, double atLargeResponse, double atLargeStockPerYear,
                      double stockExitPerYear, double atLargeOfficerCost) {
    }

    public record Federal(Priorities priorities, Map<Priorities, Severity> thresholds, boolean priorRemovalAlwaysPriority,
                          String agreementPolicy, double agreementIssueMultiplier) {
        public Federal {
            thresholds = java.util.Collections.unmodifiableMap(new EnumMap<>(thresholds));
        }
    }

    public record Grants(double perCapitaPerYear) {
    }

    public record Community(double initialTrust, double targetAtFullCooperation, double targetAtNoCooperation,
                            double recoveryPerDay, double dropPerArrest, double reportingGap) {
    }

    public record GrantConditions(boolean active, double withholdShare, double nonCooperationBelow) {
    }

    public record Litigation(double dojSuitsPerYear, String dojTargets, double grantSuitMonthlyProbability,
                             double grantSuitMinLean, double liabilitySuitRate, double stateLawSuitProbability,
                             double coalitionJoinProbability, double liabilitySettledMultiplier, double joinMonthlyProbability) {
    }

    /** A lognormal delay: median days and log-scale sigma. */
    public record Lognormal(double median, double sigma) {
    }

    /** A ruling on the books at the start: {@code court} is "supreme" or a circuit id. */
    public record Precedent(CaseType type, String court, boolean forLocality, String note) {
    }

    public record Courts(String injunctionScope, Lognormal injunctionDays, Lognormal districtDays, Lognormal circuitDays,
                         Lognormal supremeDays, Map<CaseType, Double> doctrine, double leanWeight, double bindingWeight,
                         double supremeWeight, double persuasiveWeight, double injunctionRequestProbability,
                         double appealProbability, double certProbability, double certProbabilityAfterSplit,
                         double supremeCourtLean, Map<String, Double> circuitLeans, String preemptedPolicy,
                         java.util.List<Precedent> precedents, int supremeGrantsPerYear,
                         double governmentAppealProbability) {
        public Courts {
            doctrine = java.util.Collections.unmodifiableMap(new EnumMap<>(doctrine));
            circuitLeans = Map.copyOf(circuitLeans);
            precedents = java.util.List.copyOf(precedents);
        }
    }

    /**
     * State laws: {@code initial} by state code; {@code bans287g}, the states whose law bars 287(g) agreements, each with
     * the date from which it does.
     */
    public record StateLawSettings(Map<String, String> initial, String sanctuaryPolicy, String antiSanctuaryPolicy,
                                   Map<String, java.time.LocalDate> bans287g) {
        public StateLawSettings {
            initial = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(initial));
            bans287g = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(bans287g));
        }
    }

    public record AdaptationWeights(double partisanLean, double foreignBornInteraction, double peersState,
                                    double peersNational, double liability, double fundsAtRisk,
                                    double visibleEnforcement, double inertia) {
    }

    public record Adaptation(int everyDays, double baseline, AdaptationWeights weights) {
    }

    public record Mechanisms(boolean courts, boolean grantConditions, boolean stateLaw, boolean adaptation,
                             boolean diffusion, boolean atLargeOperations, boolean trust, boolean capacityLimits) {
    }

    public record Metrics(int rollingWindowDays) {
    }
}
