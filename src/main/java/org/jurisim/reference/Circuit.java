package org.jurisim.reference;

import java.util.Objects;

/**
 * A regional federal court of appeals, as shipped in {@code circuits.csv}.
 *
 * @param id                {@code "1"}..{@code "11"} or {@code "DC"}
 * @param name              e.g. {@code "Ninth Circuit"}, {@code "District of Columbia Circuit"}
 * @param demAppointedShare approximate share of active judgeships held by judges appointed by
 *                          Democratic presidents, as of 2025 (0..1)
 */
public record Circuit(String id, String name, double demAppointedShare) {

    public Circuit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
