package org.jurisim.model.courts;

import org.jurisim.scenario.CaseType;

/**
 * One case at one level: a district suit, an appeal, or a Supreme Court case. Appeals point at the
 * case they review; the first case of the chain is the "family" that carries the injunction.
 */
public final class LegalCase implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** Where the case stands. */
    public enum Status { PENDING, DECIDED }

    final int id;
    final CaseType type;
    final Party plaintiff;
    final Party defendant;
    final Court court;
    final long filed;
    final LegalCase appealOf;
    final LegalCase family;
    long decided = -1;
    Boolean forLocality;
    boolean preliminaryInjunction;
    /** Injunction of the family in force (kept on the family case). */
    boolean injunctionActive;
    boolean injunctionUniversal;
    Status status = Status.PENDING;

    LegalCase(int id, CaseType type, Party plaintiff, Party defendant, Court court, long filed, LegalCase appealOf) {
        this.id = id;
        this.type = type;
        this.plaintiff = plaintiff;
        this.defendant = defendant;
        this.court = court;
        this.filed = filed;
        this.appealOf = appealOf;
        this.family = appealOf == null ? this : appealOf.family;
    }

    /** Whether the plaintiff is on the side that favours limits on cooperation. */
    public boolean plaintiffIsLocalitySide() {
        return switch (type) {
            case GRANT_CONDITIONS, DETAINER_LIABILITY, ANTI_SANCTUARY_LAW -> true;
            case PREEMPTION -> false;
        };
    }

    /** Whether the family's original plaintiff has won at the latest level decided. */
    boolean plaintiffWon() {
        return forLocality != null && forLocality == plaintiffIsLocalitySide();
    }

    public int id() {
        return id;
    }

    public CaseType type() {
        return type;
    }

    public Party plaintiff() {
        return plaintiff;
    }

    public Party defendant() {
        return defendant;
    }

    public Court court() {
        return court;
    }

    public long filed() {
        return filed;
    }

    public long decided() {
        return decided;
    }

    /** True/false once decided: whether the ruling favoured the locality side. */
    public Boolean forLocality() {
        return forLocality;
    }

    public boolean preliminaryInjunction() {
        return preliminaryInjunction;
    }

    public LegalCase appealOf() {
        return appealOf;
    }

    public LegalCase family() {
        return family;
    }

    public Status status() {
        return status;
    }

    public boolean injunctionActive() {
        return family.injunctionActive;
    }

    public boolean injunctionUniversal() {
        return family.injunctionUniversal;
    }
}
