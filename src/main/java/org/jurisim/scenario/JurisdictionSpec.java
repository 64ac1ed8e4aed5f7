package org.jurisim.scenario;

/**
 * A local jurisdiction as the scenario defines it at the start of a run.
 *
 * @param kind        county, city or city-county
 * @param partisanLean Democratic two-party vote share, 0..1
 * @param district    federal judicial district id (e.g. {@code ilnd})
 * @param circuit     circuit of that district ({@code 1}..{@code 11}, {@code DC})
 * @param fieldOffice ICE field office id covering it
 * @param policy      starting policy name
 * @param pinned      whether the scenario pinned its policy by name
 * @param county      for a city inside a county of the scenario: the FIPS code of that county, whose jail
 *                    books the city's arrests (null otherwise)
 * @param counties    the county FIPS codes the jurisdiction covers on the map (one for a county, five for
 *                    New York City, none for a city, which is drawn as a point in its county)
 * @param source      where its starting policy and 287(g) status came from (the record, a rule, the scenario)
 */
public record JurisdictionSpec(
        String name,
        String state,
        String kind,
        String fips,
        long population,
        double foreignBornShare,
        double partisanLean,
        double bookingsPerCapitaPerYear,
        double grantsPerCapitaPerYear,
        String district,
        String circuit,
        String fieldOffice,
        String policy,
        boolean agreement287g,
        boolean pinned,
        String county,
        java.util.List<String> counties,
        String source) {

    public JurisdictionSpec {
        counties = counties == null ? java.util.List.of() : java.util.List.copyOf(counties);
    }

    /** A jurisdiction of its own (not inside a county of the scenario), drawn as the county its FIPS names if any. */
    public JurisdictionSpec(String name, String state, String kind, String fips, long population, double foreignBornShare,
                            double partisanLean, double bookingsPerCapitaPerYear, double grantsPerCapitaPerYear, String district,
                            String circuit, String fieldOffice, String policy, boolean agreement287g, boolean pinned) {
        this(name, state, kind, fips, population, foreignBornShare, partisanLean, bookingsPerCapitaPerYear, grantsPerCapitaPerYear,
                district, circuit, fieldOffice, policy, agreement287g, pinned, null,
                fips != null && fips.length() == 5 ? java.util.List.of(fips) : java.util.List.of(), "scenario");
    }

    /** Whether its arrests are booked into the jail of another jurisdiction (its county). */
    public boolean insideCounty() {
        return county != null;
    }

    /** The "Name, ST" key scenarios use to name a jurisdiction. */
    public String key() {
        return name + ", " + state;
    }

    public JurisdictionSpec withPolicy(String p, boolean pin) {
        return new JurisdictionSpec(name, state, kind, fips, population, foreignBornShare, partisanLean,
                bookingsPerCapitaPerYear, grantsPerCapitaPerYear, district, circuit, fieldOffice, p, agreement287g, pin,
                county, counties, source);
    }

    public JurisdictionSpec withAgreement(boolean a) {
        return new JurisdictionSpec(name, state, kind, fips, population, foreignBornShare, partisanLean,
                bookingsPerCapitaPerYear, grantsPerCapitaPerYear, district, circuit, fieldOffice, policy, a, pinned,
                county, counties, source);
    }

    /** The same jurisdiction with the origin of its starting policy and 287(g) status. */
    public JurisdictionSpec withSource(String s) {
        return new JurisdictionSpec(name, state, kind, fips, population, foreignBornShare, partisanLean,
                bookingsPerCapitaPerYear, grantsPerCapitaPerYear, district, circuit, fieldOffice, policy, agreement287g, pinned,
                county, counties, s);
    }
}
