package org.jurisim.gui;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;

/**
 * A change made from the dashboard while a run was under way, as applied: a live parameter
 * ({@code kind} "set", recorded by the model as an intervention) or a jurisdiction's policy
 * ({@code kind} "setPolicy", recorded here). Both take effect at the start of {@code day}.
 *
 * @param target the parameter path, or the jurisdiction's "Name, ST" key
 */
public record Change(String kind, long day, LocalDate date, String target, JsonNode oldValue, JsonNode newValue) {

    public static final String SET = "set";
    public static final String SET_POLICY = "setPolicy";

    /** A short label for chart markers. */
    public String shortLabel() {
        String t = target;
        if (kind.equals(SET)) {
            int dot = t.lastIndexOf('.');
            t = dot >= 0 ? t.substring(dot + 1) : t;
        } else {
            int comma = t.lastIndexOf(',');
            t = comma >= 0 ? t.substring(0, comma) : t;
        }
        return t + " \u2192 " + text(newValue);
    }

    static String text(JsonNode v) {
        return v == null ? "" : v.isTextual() ? v.asText() : v.toString();
    }
}
