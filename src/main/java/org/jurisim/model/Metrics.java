package org.jurisim.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jurisim.metrics.MetricDef;

/**
 * The metric registry: every metric JuriSim reports, declared once with its name, unit, definition and
 * how it is computed from a day's observation. The CSV columns, docs/metrics.md and the charts read it.
 */
public final class Metrics {

    private Metrics() {
    }

    /** A metric and how to compute it at the end of a day. */
    public record Metric(MetricDef def, ToDoubleFunction<MetricsObserver> value) {
        public String name() {
            return def.name();
        }
    }

    private static Metric m(String name, String unit, String definition, ToDoubleFunction<MetricsObserver> f) {
        return new Metric(new MetricDef(name, unit, definition), f);
    }

    /** Metrics that do not depend on the scenario's policy names, in CSV order. */
    static final List<Metric> CORE = List.of(
            m("bookings", "bookings/day", "Jail bookings (admissions) in all jurisdictions that day.", o -> o.ledger().bookings()),
            m("fingerprint_matches", "bookings/day", "Bookings whose fingerprints matched a removable noncitizen in DHS records.", o -> o.ledger().matches()),
            m("detainers_issued", "detainers/day", "Detainers ICE issued to jails that day (matches within the priorities in force).", o -> o.ledger().issued()),
            m("detainers_honored", "detainers/day", "Detainers the jail honored: the person is held up to ice.holdDays for ICE.", o -> o.ledger().honored()),
            m("detainers_notified", "detainers/day", "Detainers answered only by telling ICE the release date (NOTIFY).", o -> o.ledger().notified()),
            m("detainers_declined", "detainers/day", "Detainers the jail declined (DECLINE).", o -> o.ledger().declined()),
            m("detainers_declined_recorded", "detainers/day", "Of those, declines ICE records as declined: every decline with a release date "
                    + "shared, and ice.declineRecordedShare of the others (comparable with ICE's Declined Detainer Outcome Report).",
                    o -> o.ledger().declinedRecorded()),
            m("compliance_rate", "share", "Detainer compliance that day: detainers_honored / detainers_issued (empty when none issued).",
                    o -> ratio(o.ledger().honored(), o.ledger().issued())),
            m("compliance_rate_rolling", "share", "Detainer compliance over the last metrics.rollingWindowDays days (default 30): honored / issued summed over the window.",
                    MetricsObserver::rollingCompliance),
            m("pickups", "persons/day", "People transferred from jails to ICE custody (honored holds and met release notifications).", o -> o.ledger().pickups()),
            m("missed_pickups", "persons/day", "Honored holds that expired before ICE came (officers or beds short); the person was released.", o -> o.ledger().missedPickups()),
            m("released", "persons/day", "People with a detainer released from jail without transfer to ICE (declined, missed or unmet notifications).", o -> o.ledger().released()),
            m("detention_occupancy", "persons", "People in ICE detention at the end of the day.", MetricsObserver::occupancy),
            m("detention_capacity", "beds", "ICE detention beds in all field offices.", MetricsObserver::beds),
            m("detention_admissions", "persons/day", "Admissions to ICE detention that day, all streams: pickups, at_large_arrests, "
                    + "detention_admissions_interior and detention_admissions_border.",
                    o -> o.ledger().pickups() + o.ledger().atLargeArrests() + o.ledger().interiorAdmissions() + o.ledger().borderAdmissions()),
            m("detention_admissions_interior", "persons/day", "Admissions from interior arrests the model does not follow one by one (the dated "
                    + "ice.interiorArrests), beds allowing.", o -> o.ledger().interiorAdmissions()),
            m("detention_admissions_border", "persons/day", "Admissions of border transfers from CBP (the dated ice.borderTransfers, plus "
                    + "ice.otherAdmissionsPerDay), beds allowing.", o -> o.ledger().borderAdmissions()),
            m("detention_border", "persons", "Of detention_occupancy, border transfers (the rest came from jails or were arrested at large).",
                    Metrics::borderOccupancy),
            m("removals", "persons/day", "Detained cases ending in removal that day.", o -> o.ledger().removals()),
            m("detention_releases", "persons/day", "Detained cases ending in release that day (bond, relief, termination).", o -> o.ledger().detentionReleases()),
            m("removals_cumulative", "persons", "Removals since the start of the run.", o -> o.ledger().removalsTotal()),
            m("agreements_287g", "jurisdictions", "Jurisdictions with a 287(g) jail agreement in force.", MetricsObserver::agreements287g),
            m("priorities_level", "level", "Federal enforcement priorities in force: 0 ALL_REMOVABLE, 1 SERIOUS_CRIMES_ONLY, 2 NATIONAL_SECURITY_ONLY.",
                    o -> o.model().parameters().priorities().ordinal()),
            m("at_large_arrests", "persons/day", "ICE at-large arrests of people released despite a detainer (officer time and beds allowing), on the day of release or later.", o -> o.ledger().atLargeArrests()),
            m("at_large_arrests_later", "persons/day", "Of those, arrests of people released on an earlier day (sought from the released pool).", o -> o.ledger().atLargeFromStock()),
            m("rebookings", "persons/day", "People booked into a jail again after an earlier release without transfer to ICE (a new detainer decision).", o -> o.ledger().rebookings()),
            m("released_pool", "persons", "Removable people released without transfer to ICE and still in the community (they may be booked again or arrested at large; bookings.rebookingPerYear, ice.atLargeStockPerYear, ice.stockExitPerYear).", MetricsObserver::releasedPool),
            m("policy_changes", "jurisdictions/day", "Jurisdictions that changed their own policy at a review that day.", o -> o.ledger().policyChanges()),
            m("states_sanctuary_law", "states", "States with a sanctuary law in force (limiting local cooperation).",
                    o -> o.model().stateLaws().count(org.jurisim.scenario.ScenarioEvent.StateLaw.Law.SANCTUARY)),
            m("states_anti_sanctuary_law", "states", "States with an anti-sanctuary law in force (mandating cooperation).",
                    o -> o.model().stateLaws().count(org.jurisim.scenario.ScenarioEvent.StateLaw.Law.ANTI_SANCTUARY)),
            m("funds_withheld", "US$/day", "Federal justice grants withheld that day from non-cooperating jurisdictions not protected by an injunction.", o -> o.ledger().fundsWithheld()),
            m("funds_restored", "US$/day", "Withheld grants paid back that day because an injunction came to protect the jurisdiction.", o -> o.ledger().fundsRestored()),
            m("funds_withheld_balance", "US$", "Grants withheld since the start and not (yet) restored.", MetricsObserver::withheldBalance),
            m("jurisdictions_losing_funds", "jurisdictions", "Jurisdictions whose grants are being withheld.", MetricsObserver::losingFunds),
            m("cases_filed", "cases/day", "Lawsuits filed in district courts that day (all case types).", o -> o.model().courts().filedToday()),
            m("cases_pending_district", "cases", "Cases pending in district courts.", o -> o.model().courts().pending(org.jurisim.model.courts.Court.Level.DISTRICT)),
            m("cases_pending_circuit", "cases", "Appeals pending in the courts of appeals.", o -> o.model().courts().pending(org.jurisim.model.courts.Court.Level.CIRCUIT)),
            m("cases_pending_supreme", "cases", "Cases pending in the Supreme Court.", o -> o.model().courts().pending(org.jurisim.model.courts.Court.Level.SUPREME)),
            m("rulings_for_localities", "rulings/day", "Judgments (any level) for the side favouring limits on cooperation: localities, states defending sanctuary laws, detainees.",
                    o -> o.model().courts().rulingsForLocalityToday()),
            m("rulings_for_government", "rulings/day", "Judgments (any level) for the federal government, or for a state enforcing an anti-sanctuary law.",
                    o -> o.model().courts().rulingsForGovernmentToday()),
            m("injunctions_in_force", "injunctions", "Preliminary or permanent injunctions in force (one per case, whatever its level).", o -> o.model().courts().injunctionsInForce()),
            m("circuit_splits", "questions", "Case types on which the circuits' latest rulings disagree and the Supreme Court has not ruled.", o -> o.model().courts().circuitSplits()),
            m("supreme_court_decisions", "decisions", "Supreme Court decisions since the start.", o -> o.model().courts().supremeDecisions()),
            m("trust_index", "index 0..1", "Community trust in local police among immigrant residents, weighted by foreign-born population.", MetricsObserver::trustIndex),
            m("crime_reporting_index", "index 0..1", "Crime reporting by immigrant residents relative to full trust: 1 - community.reportingGap x (1 - trust), weighted by foreign-born population.",
                    MetricsObserver::reportingIndex));

    /** Per-policy metric families; {@code {policy}} is the policy name with hyphens as underscores. */
    static final List<String[]> FAMILIES = List.of(
            new String[] {"jurisdictions_{policy}", "jurisdictions", "Jurisdictions whose policy in force (287(g) included) is {policy} at the end of the day."},
            new String[] {"population_{policy}", "residents", "Residents of jurisdictions whose policy in force is {policy}."},
            new String[] {"compliance_rate_{policy}", "share", "Detainer compliance that day among jurisdictions following {policy} (empty when none issued)."});

    /** Every metric of a run with these policies, in CSV column order. */
    public static List<Metric> forPolicies(List<String> policyNames) {
        List<Metric> out = new ArrayList<>(CORE);
        for (int f = 0; f < FAMILIES.size(); f++) {
            for (int i = 0; i < policyNames.size(); i++) {
                String token = policyNames.get(i).replace('-', '_');
                String[] fam = FAMILIES.get(f);
                final int idx = i;
                ToDoubleFunction<MetricsObserver> fn = switch (f) {
                    case 0 -> o -> o.jurisdictionsByPolicy(idx);
                    case 1 -> o -> o.populationByPolicy(idx);
                    default -> o -> ratio(o.ledger().honoredByPolicy(idx), o.ledger().issuedByPolicy(idx));
                };
                out.add(m(fam[0].replace("{policy}", token), fam[1], fam[2].replace("{policy}", policyNames.get(i)), fn));
            }
        }
        return out;
    }

    /** The definitions only (for docs and CSV headers). */
    public static List<MetricDef> definitions(List<String> policyNames) {
        return forPolicies(policyNames).stream().map(Metric::def).toList();
    }

    /** Core metrics, for documentation. */
    public static List<MetricDef> coreDefinitions() {
        return CORE.stream().map(Metric::def).toList();
    }

    /** Family templates (name pattern, unit, definition), for documentation. */
    public static List<String[]> families() {
        return FAMILIES.stream().map(String[]::clone).toList();
    }

    private static double borderOccupancy(MetricsObserver o) {
        int n = 0;
        for (FieldOffice f : o.model().fieldOffices()) {
            n += f.getOccupancyBorder();
        }
        return n;
    }

    static double ratio(long num, long den) {
        return den == 0 ? Double.NaN : (double) num / den;
    }

    static Collection<String> names(List<Metric> ms) {
        return ms.stream().map(Metric::name).toList();
    }
}
