package org.jurisim.reference;

import java.util.Objects;

/**
 * An ICE Enforcement and Removal Operations (ERO) field office, as shipped in {@code field-offices.csv}.
 *
 * @param id    lower-case kebab id ({@code "new-york-city"})
 * @param name  e.g. {@code "New York City Field Office"}
 * @param city  the city the office is named for (its street address may be in a suburb)
 * @param state two-letter code of that city's state (or DC)
 */
public record FieldOffice(String id, String name, String city, String state) {

    public FieldOffice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(state, "state");
    }
}
