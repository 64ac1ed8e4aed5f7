package org.jurisim.model;

import java.util.HashMap;
import java.util.Map;
import org.jurisim.scenario.ScenarioEvent.StateLaw.Law;

/** The state law on cooperation in force in each state (none, a sanctuary law, or an anti-sanctuary law). */
public final class StateLaws implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, Law> laws = new HashMap<>();

    public Law lawOf(String state) {
        return laws.getOrDefault(state, Law.NONE);
    }

    /** States with this law in force, in alphabetical order. */
    public java.util.List<String> statesWith(Law law) {
        return laws.entrySet().stream().filter(e -> e.getValue() == law).map(Map.Entry::getKey).sorted().toList();
    }

    public int count(Law law) {
        return (int) laws.values().stream().filter(l -> l == law).count();
    }

    void set(String state, Law law) {
        if (law == Law.NONE) {
            laws.remove(state);
        } else {
            laws.put(state, law);
        }
    }
}
