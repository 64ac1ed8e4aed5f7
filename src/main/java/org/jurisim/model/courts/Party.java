package org.jurisim.model.courts;

import org.jurisim.model.Jurisdiction;

/** A party to a case: a local jurisdiction, a state, the United States, or an individual. */
public record Party(Kind kind, Jurisdiction jurisdiction, String state) implements java.io.Serializable {

    public enum Kind { JURISDICTION, STATE, UNITED_STATES, INDIVIDUAL }

    public static final Party UNITED_STATES = new Party(Kind.UNITED_STATES, null, null);
    public static final Party INDIVIDUAL = new Party(Kind.INDIVIDUAL, null, null);

    public static Party of(Jurisdiction j) {
        return new Party(Kind.JURISDICTION, j, j.getState());
    }

    public static Party state(String code) {
        return new Party(Kind.STATE, null, code);
    }

    /** The name written in cases.csv. */
    public String label() {
        return switch (kind) {
            case JURISDICTION -> jurisdiction.getKey();
            case STATE -> "State of " + state;
            case UNITED_STATES -> "United States";
            case INDIVIDUAL -> "individual";
        };
    }
}
