package org.jurisim.reference;

import java.util.Objects;

/**
 * A federal judicial district, as shipped in {@code districts.csv}.
 *
 * @param id              PACER-style court code, lower case ({@code "cand"}, {@code "dcd"})
 * @param name            e.g. {@code "Northern District of California"}
 * @param abbreviation    Bluebook abbreviation, e.g. {@code "N.D. Cal."}
 * @param state           two-letter code of the state, DC or territory ({@code PR}, {@code VI},
 *                        {@code GU}, {@code MP}) the district lies in
 * @param circuit         id of the {@link Circuit} that hears its appeals
 * @param populationShare approximate share of the state's population living in this district (0..1;
 *                        the districts of one state sum to 1)
 */
public record District(String id, String name, String abbreviation, String state, String circuit,
                       double populationShare) {

    public District {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(abbreviation, "abbreviation");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(circuit, "circuit");
    }
}
