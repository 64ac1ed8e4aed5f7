package org.jurisim.scenario;

/** The kinds of lawsuit the courts decide. The "locality side" is the side favouring limits on cooperation. */
public enum CaseType {
    /** Locality v. United States over grant conditions (Spending Clause, separation of powers, anti-commandeering). */
    GRANT_CONDITIONS("grantConditions"),
    /** United States v. a state or locality over a sanctuary law or policy (preemption). */
    PREEMPTION("preemption"),
    /** An individual v. a locality over a detainer hold without a judicial warrant (Fourth Amendment). */
    DETAINER_LIABILITY("detainerLiability"),
    /** A locality v. its state over a state anti-sanctuary law. */
    ANTI_SANCTUARY_LAW("antiSanctuaryLaw");

    private final String yamlName;

    CaseType(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name used in scenario files and cases.csv. */
    public String yamlName() {
        return yamlName;
    }

    public static CaseType fromYaml(String s) {
        for (CaseType t : values()) {
            if (t.yamlName.equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no case type " + s);
    }
}
