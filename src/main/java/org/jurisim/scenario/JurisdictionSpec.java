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
        boolean pinned) {

    /** The "Name, ST" key scenarios use to name a jurisdiction. */
    public String key() {
        return name + ", " + state;
    }

    public JurisdictionSpec withPolicy(String p, boolean pin) {
        return new JurisdictionSpec(name, state, kind, fips, population, foreignBornShare, partisanLean,
                bookingsPerCapitaPerYear, grantsPerCapitaPerYear, district, circuit, fieldOffice, p, agreement287g, pin);
    }

    public JurisdictionSpec withAgreement(boolean a) {
        return new JurisdictionSpec(name, state, kind, fips, population, foreignBornShare, partisanLean,
                bookingsPerCapitaPerYear, grantsPerCapitaPerYear, district, circuit, fieldOffice, policy, a, pinned);
    }
}
