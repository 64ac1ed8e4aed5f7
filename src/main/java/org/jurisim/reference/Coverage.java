package org.jurisim.reference;

import java.util.Objects;

/**
 * One piece of an ICE field office's area of responsibility, as shipped in
 * {@code field-office-coverage.csv}.
 *
 * @param office id of the {@link FieldOffice}
 * @param state  two-letter state code (or DC)
 * @param share  approximate share of the state's county-equivalents the office covers (0..1;
 *               the rows of one state sum to 1)
 */
public record Coverage(String office, String state, double share) {

    public Coverage {
        Objects.requireNonNull(office, "office");
        Objects.requireNonNull(state, "state");
    }
}
