package org.jurisim.gui;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;

/**
 * A change made from the dashboard while a run was under way, as applied: a live parameter
 * ({@code kind} "set", recorded by the model as an intervention) or a jurisdiction's policy
 * ({@code kind} "setPolicy", recorded here). Both take effect at the start of {@code day}.
 *
 * @param target the parameter path, or the jurisdiction's "Name, ST" key
 * @param hold   for a policy: true when it is held from that day, false when a hold is released (or the policy is
 *               set without holding it); null for a parameter
 */
public record Change(String kind, long day, LocalDate date, String target, JsonNode oldValue, JsonNode newValue, Boolean hold) {

    public static final String SET = "set";
    public static final String SET_POLICY = "setPolicy";

    /** A change without a hold (a parameter). */
    public Change(String kind, long day, LocalDate date, String target, JsonNode oldValue, JsonNode newValue) {
        this(kind, day, date, target, oldValue, newValue, null);
    }

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
        if (kind.equals(SET_POLICY) && Boolean.FALSE.equals(hold) && text(newValue).equals(text(oldValue))) {
            return t + ": hold released";
        }
        return t + " \u2192 " + text(newValue) + (Boolean.TRUE.equals(hold) ? " (held)" : "");
    }

    static String text(JsonNode v) {
        return v == null ? "" : v.isTextual() ? v.asText() : v.toString();
    }
}
