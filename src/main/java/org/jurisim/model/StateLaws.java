package org.jurisim.model;

import java.util.HashMap;
import java.util.Map;
import org.jurisim.scenario.ScenarioEvent.StateLaw.Law;

/** The state law on cooperation in force in each state (none, a sanctuary law, or an anti-sanctuary law). */
public final class StateLaws implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, Law> laws = new HashMap<>();
    /** The same, by state index (for the daily loops). */
    private final Law[] byIndex;
    private final Map<String, Integer> index;
    /** {@link #statesWith} for each law, until the next change (null: to be computed). */
    private transient java.util.Map<Law, java.util.List<String>> byLaw;

    StateLaws(Map<String, Integer> index) {
        this.index = index;
        this.byIndex = new Law[index.size()];
        java.util.Arrays.fill(byIndex, Law.NONE);
    }

    public Law lawOf(String state) {
        return laws.getOrDefault(state, Law.NONE);
    }

    Law lawOf(int stateIndex) {
        return byIndex[stateIndex];
    }

    /** States with this law in force, in alphabetical order. */
    public java.util.List<String> statesWith(Law law) {
        if (byLaw == null) {
            // asked every day (metrics, DOJ's choice of target), changed rarely: kept until the next change
            byLaw = new java.util.EnumMap<>(Law.class);
            for (Law l : Law.values()) {
                byLaw.put(l, laws.entrySet().stream().filter(e -> e.getValue() == l).map(Map.Entry::getKey).sorted().toList());
            }
        }
        return byLaw.get(law);
    }

    public int count(Law law) {
        return statesWith(law).size();
    }

    void set(String state, Law law) {
        byLaw = null;
        byIndex[index.get(state)] = law;
        if (law == Law.NONE) {
            laws.remove(state);
        } else {
            laws.put(state, law);
        }
    }
}
