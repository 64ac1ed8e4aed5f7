package org.jurisim.scenario;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jurisim.reference.UsData;

/**
 * The real United States as a scenario's jurisdictions ({@code jurisdictions.us}): every county from
 * {@link UsData} with its Census population, foreign-born share, vote, federal district, circuit and ICE
 * field office; the largest cities as agents inside the county whose jail books their arrests; consolidated
 * city-counties (San Francisco, Denver, Philadelphia, ...) as one agent, New York City's five boroughs as one.
 * Starting points from the record, each with its source: the 287(g) agreements in force on the start date
 * (by signing date) and the places named on DOJ's list of 5 August 2025. Everything else is left to the
 * scenario's {@code initialPolicy} rules.
 */
final class RealMap {

    /** The date of the DOJ list of sanctuary jurisdictions under EO 14287. */
    static final LocalDate DOJ_LIST_DATE = LocalDate.of(2025, 8, 5);
    /** Agreements ended before this date are not in the data (ICE's sheets were tracked from then on). */
    static final LocalDate AGREEMENTS_TRACKED_FROM = LocalDate.of(2025, 1, 1);

    /**
     * What to build.
     *
     * @param places          only these places (keys "Name, ST" of counties or cities, or FIPS codes); empty for all
     * @param dojListPolicy   policy of the places on DOJ's list when the scenario starts on or after the list's date;
     *                        null to leave them to the rules
     * @param sheetFrom       with {@code agreements} false: the date from which the jails under 287(g) follow ICE's sheet
     *                        (null: never)
     */
    record Settings(Set<String> states, long minPopulation, Set<String> places, boolean cities, long cityMinPopulation,
                    boolean agreements, String dojListPolicy, LocalDate start, double bookingsPerCapita, double grantsPerCapita,
                    LocalDate sheetFrom) {
    }

    /**
     * The jurisdictions, and notes on where the data's vintage or coverage differs from the scenario's date.
     *
     * @param agreementsInCounties 287(g) agreements in force at the start held by agencies in the scenario's counties
     * @param agreementsStatewide  those held by state agencies with no county (state police, prisons: not modelled)
     */
    record Result(List<JurisdictionSpec> jurisdictions, List<String> notes, int agreementsInCounties, int agreementsStatewide,
                  List<AgreementChange> agreementChanges) {
    }

    /**
     * A change after the start, as ICE's sheet dates it, in which counties' jails are under 287(g): on {@code on}
     * the jails of {@code keys} come under an agreement ({@code inForce}) or leave the last one they held; or, with
     * {@code othersEnd}, the agreements of every jurisdiction not in {@code keys} end (the day a scenario starts to
     * follow the sheet).
     */
    record AgreementChange(LocalDate on, boolean inForce, List<String> keys, boolean othersEnd) {
        AgreementChange(LocalDate on, boolean inForce, List<String> keys) {
            this(on, inForce, keys, false);
        }
    }

    private RealMap() {
    }

    static Result build(Settings s) {
        UsData data = UsData.load();
        List<String> notes = new ArrayList<>();
        Map<String, UsData.County> counties = new LinkedHashMap<>();
        for (UsData.County c : data.counties()) {
            if ((s.states().isEmpty() || s.states().contains(c.state())) && c.population() >= s.minPopulation()) {
                counties.put(c.fips(), c);
            }
        }
        // consolidated governments: the county is the city (New York City: five counties, one government)
        Map<String, UsData.Place> consolidatedByCounty = new HashMap<>();
        UsData.Place nyc = null;
        for (UsData.Place p : data.places()) {
            if (p.consolidated() && !p.borough()) {
                if (p.counties().size() > 1) {
                    nyc = p;
                } else {
                    consolidatedByCounty.put(p.county(), p);
                }
            }
        }
        List<JurisdictionSpec> out = new ArrayList<>();
        Map<String, List<UsData.Agreement>> jailAgreements = new java.util.TreeMap<>();
        Map<String, Integer> agreementsByCounty = new HashMap<>();
        Map<String, String> jailModelsByCounty = new HashMap<>();
        int statewide = 0;
        if (s.agreements() || s.sheetFrom() != null) {
            for (UsData.Agreement a : data.agreements()) {
                if (a.county() != null && a.jailModel() && a.agencyType().equals("County") && counties.containsKey(a.county())) {
                    jailAgreements.computeIfAbsent(a.county(), k -> new ArrayList<>()).add(a);
                }
            }
        }
        if (s.agreements()) {
            for (UsData.Agreement a : data.agreements()) {
                if (a.county() == null && a.inForce(s.start()) && (s.states().isEmpty() || s.states().contains(a.state()))) {
                    statewide++;
                }
                if (a.county() != null && a.inForce(s.start()) && counties.containsKey(a.county())) {
                    agreementsByCounty.merge(a.county(), 1, Integer::sum);
                    if (a.jailModel() && a.agencyType().equals("County")) {
                        jailModelsByCounty.merge(a.county(), a.model() + " signed " + a.signed(), (x, y) -> x + ", " + y);
                    }
                }
            }
            if (s.start().isBefore(AGREEMENTS_TRACKED_FROM)) {
                notes.add("287(g) agreements come from ICE's sheet of " + UsData.AGREEMENTS_SNAPSHOT + " and the agreements seen on its sheets since "
                        + "2025: agreements that ended before 2025 are missing, so fewer agreements are in force on " + s.start()
                        + " than the record shows");
            }
        }
        if (s.start().isBefore(UsData.POPULATION_DATE.minusYears(3))) {
            notes.add("county populations are the Census estimates for " + UsData.POPULATION_DATE + ", later than the scenario's start ("
                    + s.start() + "); foreign-born shares are ACS 2017-2021 and partisan lean the 2024 vote");
        }
        boolean nycIn = nyc != null && nyc.counties().stream().anyMatch(counties::containsKey);
        for (UsData.County c : counties.values()) {
            if (nycIn && nyc.counties().contains(c.fips())) {
                if (c.fips().equals(nyc.county())) {
                    out.add(newYorkCity(nyc, counties, s, agreementsByCounty, jailModelsByCounty));
                }
                continue;
            }
            String kind = consolidatedByCounty.containsKey(c.fips()) ? "city-county" : "county";
            out.add(new JurisdictionSpec(c.name(), c.state(), kind, c.fips(), c.population(), c.foreignBornShare(), c.partisanLean(),
                    s.bookingsPerCapita(), s.grantsPerCapita(), c.district(), c.circuit(), c.fieldOffice(), null,
                    jailModelsByCounty.containsKey(c.fips()), false, null, List.of(c.fips()),
                    agreementSource(c.fips(), agreementsByCounty, jailModelsByCounty, s.start())));
        }
        if (s.cities()) {
            for (UsData.Place p : data.places()) {
                if (p.consolidated() || p.borough() || p.population() < s.cityMinPopulation()) {
                    continue;
                }
                UsData.County c = counties.get(p.county());
                if (c == null) {
                    continue;   // its county is not in the scenario
                }
                // cities have no foreign-born share or vote of their own in the data: their county's stand in
                out.add(new JurisdictionSpec(p.name(), p.state(), "city", p.placeFips(), Math.min(p.population(), c.population()),
                        c.foreignBornShare(), c.partisanLean(), s.bookingsPerCapita(), s.grantsPerCapita(), c.district(), c.circuit(),
                        c.fieldOffice(), null, false, false, c.fips(), List.of(), "city in " + c.name()));
            }
        }
        List<JurisdictionSpec> kept = out;
        if (!s.places().isEmpty()) {
            kept = new ArrayList<>();
            for (JurisdictionSpec j : out) {
                if (s.places().contains(j.key()) || (j.fips() != null && s.places().contains(j.fips()))) {
                    kept.add(j);
                }
            }
            java.util.Set<String> keptCounties = new java.util.HashSet<>();
            kept.forEach(j -> keptCounties.addAll(j.counties()));
            List<JurisdictionSpec> fixed = new ArrayList<>();
            for (JurisdictionSpec j : kept) {
                // a city whose county is left out books its own arrests
                fixed.add(j.county() != null && !keptCounties.contains(j.county()) ? withoutCounty(j) : j);
            }
            kept = fixed;
        }
        if (s.dojListPolicy() != null && !s.start().isBefore(DOJ_LIST_DATE)) {
            kept = dojList(kept, s.dojListPolicy());
        }
        int inCounties = 0;
        for (String f : kept.stream().flatMap(j -> j.counties().stream()).toList()) {
            inCounties += agreementsByCounty.getOrDefault(f, 0);
        }
        List<AgreementChange> changes;
        if (s.sheetFrom() == null) {
            changes = agreementChanges(jailAgreements, kept, s.start());
        } else {
            // from that day the jails are the sheet's: those it has in force come under 287(g), the others leave it
            List<String> inForce = new ArrayList<>();
            Map<String, String> keyByCounty = countyKeys(kept);
            jailAgreements.forEach((f, l) -> {
                if (keyByCounty.containsKey(f) && l.stream().anyMatch(a -> a.inForce(s.sheetFrom()))) {
                    inForce.add(keyByCounty.get(f));
                }
            });
            changes = new ArrayList<>();
            changes.add(new AgreementChange(s.sheetFrom(), false, inForce, true));
            if (!inForce.isEmpty()) {
                changes.add(new AgreementChange(s.sheetFrom(), true, inForce));
            }
            changes.addAll(agreementChanges(jailAgreements, kept, s.sheetFrom()));
        }
        return new Result(kept, notes, inCounties, statewide, changes);
    }

    /** The key of the jurisdiction whose jail serves each county (cities left out). */
    private static Map<String, String> countyKeys(List<JurisdictionSpec> kept) {
        Map<String, String> keyByCounty = new HashMap<>();
        for (JurisdictionSpec j : kept) {
            if (!j.kind().equals("city")) {
                j.counties().forEach(f -> keyByCounty.put(f, j.key()));
            }
        }
        return keyByCounty;
    }

    /**
     * The county jails that come under 287(g), or leave it, between the start and the sheet's date, on the dates the
     * sheet gives (an agreement's signing, or the day after it was last listed): a scenario that starts before the
     * sheet follows it, as it starts from it.
     */
    private static List<AgreementChange> agreementChanges(Map<String, List<UsData.Agreement>> jail, List<JurisdictionSpec> kept,
                                                          LocalDate start) {
        Map<String, String> keyByCounty = countyKeys(kept);
        java.util.TreeMap<LocalDate, List<String>> in = new java.util.TreeMap<>();
        java.util.TreeMap<LocalDate, List<String>> out = new java.util.TreeMap<>();
        for (Map.Entry<String, List<UsData.Agreement>> e : jail.entrySet()) {
            String key = keyByCounty.get(e.getKey());
            if (key == null) {
                continue;
            }
            java.util.TreeSet<LocalDate> dates = new java.util.TreeSet<>();
            for (UsData.Agreement a : e.getValue()) {
                if (a.signed() != null) {
                    dates.add(a.signed());
                }
                if (!a.active() && a.lastListed() != null) {
                    dates.add(a.lastListed().plusDays(1));
                }
            }
            boolean was = e.getValue().stream().anyMatch(a -> a.inForce(start));
            for (LocalDate d : dates.subSet(start, false, UsData.AGREEMENTS_SNAPSHOT, true)) {
                boolean now = e.getValue().stream().anyMatch(a -> a.inForce(d));
                if (now != was) {
                    (now ? in : out).computeIfAbsent(d, k -> new ArrayList<>()).add(key);
                    was = now;
                }
            }
        }
        List<AgreementChange> changes = new ArrayList<>();
        in.forEach((d, keys) -> changes.add(new AgreementChange(d, true, keys)));
        out.forEach((d, keys) -> changes.add(new AgreementChange(d, false, keys)));
        changes.sort(java.util.Comparator.comparing(AgreementChange::on));
        return changes;
    }

    private static JurisdictionSpec newYorkCity(UsData.Place nyc, Map<String, UsData.County> counties, Settings s,
                                                Map<String, Integer> agreementsByCounty, Map<String, String> jail) {
        long pop = 0;
        double fb = 0;
        double lean = 0;
        List<String> in = new ArrayList<>();
        for (String f : nyc.counties()) {
            UsData.County c = counties.get(f);
            if (c != null) {
                pop += c.population();
                fb += c.population() * c.foreignBornShare();
                lean += c.population() * c.partisanLean();
                in.add(f);
            }
        }
        UsData.County seat = counties.getOrDefault(nyc.county(), counties.get(in.get(0)));
        return new JurisdictionSpec("New York City", nyc.state(), "city-county", nyc.placeFips(), pop, round4(fb / pop), round4(lean / pop),
                s.bookingsPerCapita(), s.grantsPerCapita(), seat.district(), seat.circuit(), seat.fieldOffice(), null, false, false, null,
                in, "five boroughs, one government; court and field office of " + seat.name());
    }

    private static String agreementSource(String fips, Map<String, Integer> n, Map<String, String> jail, LocalDate start) {
        Integer count = n.get(fips);
        if (count == null) {
            return "census";
        }
        String s = "287(g): " + count + " agreement" + (count == 1 ? "" : "s") + " in the county in force on " + start;
        return jail.containsKey(fips) ? s + "; jail agreement of the county (" + jail.get(fips) + ", ICE sheet)" : s + " (none in the jail)";
    }

    private static JurisdictionSpec withoutCounty(JurisdictionSpec j) {
        return new JurisdictionSpec(j.name(), j.state(), j.kind(), j.fips(), j.population(), j.foreignBornShare(), j.partisanLean(),
                j.bookingsPerCapitaPerYear(), j.grantsPerCapitaPerYear(), j.district(), j.circuit(), j.fieldOffice(), j.policy(),
                j.agreement287g(), j.pinned(), null, List.of(), j.source() + " (books its own arrests: its county is not in the scenario)");
    }

    /** Places named on the DOJ list take the given policy, with the list as their source. */
    private static List<JurisdictionSpec> dojList(List<JurisdictionSpec> js, String policy) {
        Map<String, Integer> byFips = new HashMap<>();
        for (int i = 0; i < js.size(); i++) {
            if (js.get(i).fips() != null) {
                byFips.put(js.get(i).fips(), i);
            }
        }
        List<JurisdictionSpec> out = new ArrayList<>(js);
        for (DojListing l : dojListings()) {
            Integer i = l.fips() == null ? null : byFips.get(l.fips());
            if (i != null) {
                JurisdictionSpec j = out.get(i);
                out.set(i, j.withPolicy(policy, false).withSource("DOJ sanctuary list of " + DOJ_LIST_DATE + " (as " + l.name() + "); "
                        + j.source()));
            }
        }
        return out;
    }

    /** One entry of DOJ's list of 5 August 2025 (counties and cities; the states are state law). */
    record DojListing(String name, String state, String kind, String fips) {
    }

    static List<DojListing> dojListings() {
        List<DojListing> out = new ArrayList<>();
        try (var in = RealMap.class.getResourceAsStream("/org/jurisim/reference/us/doj-list-2025.csv")) {
            String[] lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] c = lines[i].split(",", -1);
                if (c.length >= 4) {
                    out.add(new DojListing(c[0], c[1], c[2], c[3].isBlank() ? null : c[3].strip()));
                }
            }
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("cannot read the built-in DOJ list (org/jurisim/reference/us/doj-list-2025.csv)", e);
        }
        return out;
    }

    private static double round4(double x) {
        return Math.round(x * 10000.0) / 10000.0;
    }
}
