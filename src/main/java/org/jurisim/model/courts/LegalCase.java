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
    /** The lead plaintiff: the one who filed. */
    final Party plaintiff;
    /**
     * All plaintiffs, the lead first; shared by every case of the family, so that a locality that joins
     * the suit in district court is a plaintiff at every level. Rulings and injunctions cover them all.
     */
    final java.util.List<Party> plaintiffs;
    final Party defendant;
    final Court court;
    final long filed;
    final LegalCase appealOf;
    final LegalCase family;
    /** For a Supreme Court case that was held and then decided by another case's ruling (GVR): that case. */
    LegalCase heldFor;
    long decided = -1;
    Boolean forLocality;
    boolean preliminaryInjunction;
    /** The day this court granted a preliminary injunction; -1 if it granted none. */
    long preliminaryInjunctionDay = -1;
    /** Injunction of the family in force (kept on the family case). */
    boolean injunctionActive;
    /** Whether this family has ever had an injunction in force (kept by {@link CourtSystem}). */
    boolean everEnjoined;
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
        this.plaintiffs = appealOf == null ? new java.util.ArrayList<>(java.util.List.of(plaintiff)) : appealOf.family.plaintiffs;
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

    /** All plaintiffs of the family, the lead first (a coalition suit has several). */
    public java.util.List<Party> plaintiffs() {
        return java.util.Collections.unmodifiableList(plaintiffs);
    }

    /** The Supreme Court case whose ruling decided this held case (GVR), or null. */
    public LegalCase heldFor() {
        return heldFor;
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

    /** The day this court granted a preliminary injunction; -1 if it granted none. */
    public long preliminaryInjunctionDay() {
        return preliminaryInjunctionDay;
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
