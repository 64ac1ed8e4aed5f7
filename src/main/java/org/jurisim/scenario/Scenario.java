package org.jurisim.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A loaded, validated scenario: immutable data the model is built from. Produced only by
 * {@link ScenarioLoader}; every rule in it has been type-checked.
 *
 * @param file        the scenario file as given on the command line
 * @param sha256      hex SHA-256 of that file's bytes
 * @param start       first simulated day
 * @param days        number of simulated days
 * @param jurisdictions the local jurisdictions, in a fixed order, each with its starting policy
 * @param policies    the cooperation rule sets by name, in file order
 * @param resolved    the fully resolved scenario tree (extends merged, overrides and defaults applied)
 */
public record Scenario(
        String name,
        String description,
        String file,
        String sha256,
        LocalDate start,
        int days,
        long seed,
        List<JurisdictionSpec> jurisdictions,
        Map<String, PolicyDef> policies,
        Settings.Bookings bookings,
        Settings.Ice ice,
        Settings.Federal federal,
        Settings.Grants grants,
        Settings.Community community,
        Settings.GrantConditions grantConditions,
        Settings.Litigation litigation,
        Settings.Courts courts,
        Settings.StateLawSettings stateLaw,
        Settings.Adaptation adaptation,
        Settings.Mechanisms mechanisms,
        Settings.Metrics metrics,
        List<ScenarioEvent> events,
        List<String> charts,
        ObjectNode resolved,
        List<String> notes) {

    public Scenario {
        jurisdictions = List.copyOf(jurisdictions);
        policies = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(policies));
        events = List.copyOf(events);
        charts = List.copyOf(charts);
        notes = notes == null ? List.of() : List.copyOf(notes);
        resolved = resolved.deepCopy();
    }

    @Override
    public ObjectNode resolved() {
        return resolved.deepCopy();
    }

    /**
     * What the jurisdictions are: {@code real} (the real United States, docs/data.md), {@code synthetic}
     * (generated: invented places, no real FIPS codes), {@code csv} or {@code list}; with named places added,
     * e.g. {@code synthetic+list}.
     */
    public String map() {
        com.fasterxml.jackson.databind.JsonNode j = resolved.path("jurisdictions");
        String base = j.has("us") ? "real" : j.has("generate") ? "synthetic" : j.has("csv") ? "csv" : "list";
        return j.has("list") && !base.equals("list") ? base + "+list" : base;
    }

    /** Calendar date of simulated day {@code day} (day 0 is the start). */
    public LocalDate dateOf(long day) {
        return start.plusDays(day);
    }

    /** The date after the last simulated day. */
    public LocalDate end() {
        return start.plusDays(days);
    }

    /**
     * The refusal of a run asked to go past this scenario's end ({@code --days N} or {@code --until DATE}), or null when
     * {@code asked} days fit: runs are never silently cut to the scenario's length.
     *
     * @param option the option as the user gave it ({@code --days}, {@code --until})
     * @param given  what the user wrote after it
     */
    public org.jurisim.common.Problem pastEnd(String option, String given, long asked) {
        if (asked <= days) {
            return null;
        }
        return new org.jurisim.common.Problem(new org.jurisim.common.Location(option, 1, 1), option.replaceFirst("^--", ""),
                "expected at most the scenario's " + days + " days (" + start + " to " + dateOf(days - 1) + "), found " + given
                        + " (" + asked + " days); to simulate longer, extend the scenario, e.g. --set duration=" + asked + "d");
    }

    /** The same scenario with another seed (used by replicates). */
    public Scenario withSeed(long newSeed) {
        ObjectNode r = resolved.deepCopy();
        r.put("seed", newSeed);
        return new Scenario(name, description, file, sha256, start, days, newSeed, jurisdictions, policies,
                bookings, ice, federal, grants, community, grantConditions, litigation, courts, stateLaw, adaptation,
                mechanisms, metrics, events, charts, r, notes);
    }
}
