package org.jurisim.reference;

import java.util.Objects;

/**
 * One of the 50 states or the District of Columbia, as shipped in {@code states.csv}.
 *
 * @param code             USPS two-letter code, upper case ({@code "CA"}, {@code "DC"})
 * @param fips             two-digit FIPS state code, zero-padded ({@code "06"})
 * @param name             full name ({@code "California"})
 * @param population       2020 Census resident population (persons)
 * @param foreignBornShare share of residents born abroad, ACS 2019-2022 (0..1, approximate)
 * @param demTwoPartyShare Democratic share of the 2020 two-party presidential vote (0..1)
 * @param counties         number of county-equivalents (Census 2020; Connecticut's 8 historical counties)
 */
public record State(String code, String fips, String name, long population, double foreignBornShare,
                    double demTwoPartyShare, int counties) {

    public State {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(fips, "fips");
        Objects.requireNonNull(name, "name");
    }
}
