package org.jurisim.rules;

import dev.cel.runtime.CelVariableResolver;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a cooperation rule can read, filled in by the model before each evaluation.
 *
 * <p>Mutable and meant to be reused: one instance per thread (or per agent), updated field by field.
 * Setters convert each value to its rule-language form once, so evaluating any number of rules
 * against the same inputs allocates nothing here. Not thread-safe: do not share one instance
 * between threads that evaluate at the same time (a {@link CompiledRule} itself may be shared freely).
 *
 * <p>Defaults: severity {@link Severity#NONE}, booleans {@code false}, numbers {@code 0},
 * strings {@code ""}, date 1970-01-01.
 */
public final class RuleInputs {

    // detainer
    private Severity severity = Severity.NONE;
    private boolean judicialWarrant;
    private boolean priorRemoval;
    private boolean convicted;
    // jurisdiction
    private String name = "";
    private String state = "";
    private String kind = "";
    private long population;
    private double foreignBornShare;
    private double partisanLean;
    private boolean agreement287g;
    private double fundsAtRisk;
    private double liabilityExposure;
    private double trust;
    // state law
    private boolean sanctuaryLaw;
    private boolean antiSanctuaryLaw;
    // federal
    private String priorities = "";
    // time
    private LocalDate date = LocalDate.EPOCH;
    private long day;

    // The same values as the rule language sees them (CEL int = Long, timestamp = Instant), boxed once per set.
    private Optional<Object> severityValue = RuleLanguage.severity(Severity.NONE);
    private Optional<Object> nameValue = Optional.of("");
    private Optional<Object> stateValue = Optional.of("");
    private Optional<Object> kindValue = Optional.of("");
    private Optional<Object> populationValue = Optional.of(0L);
    private Optional<Object> foreignBornShareValue = Optional.of(0.0);
    private Optional<Object> partisanLeanValue = Optional.of(0.0);
    private Optional<Object> fundsAtRiskValue = Optional.of(0.0);
    private Optional<Object> liabilityExposureValue = Optional.of(0.0);
    private Optional<Object> trustValue = Optional.of(0.0);
    private Optional<Object> prioritiesValue = Optional.of("");
    private Optional<Object> dateValue = Optional.of(Instant.EPOCH);
    private Optional<Object> dayValue = Optional.of(0L);

    /** Reads this object's fields for CEL; created once per instance, not per evaluation. */
    private final CelVariableResolver resolver = this::lookup;

    public RuleInputs() {
    }

    // ---------------------------------------------------------------- detainer

    public Severity getSeverity() {
        return severity;
    }

    public RuleInputs setSeverity(Severity severity) {
        this.severity = Objects.requireNonNull(severity, "severity");
        this.severityValue = RuleLanguage.severity(severity);
        return this;
    }

    public boolean isJudicialWarrant() {
        return judicialWarrant;
    }

    public RuleInputs setJudicialWarrant(boolean judicialWarrant) {
        this.judicialWarrant = judicialWarrant;
        return this;
    }

    public boolean isPriorRemoval() {
        return priorRemoval;
    }

    public RuleInputs setPriorRemoval(boolean priorRemoval) {
        this.priorRemoval = priorRemoval;
        return this;
    }

    public boolean isConvicted() {
        return convicted;
    }

    public RuleInputs setConvicted(boolean convicted) {
        this.convicted = convicted;
        return this;
    }

    // ---------------------------------------------------------------- jurisdiction

    public String getName() {
        return name;
    }

    public RuleInputs setName(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.nameValue = Optional.of(name);
        return this;
    }

    /** Two-letter postal code of the state, e.g. {@code CA}. */
    public String getState() {
        return state;
    }

    public RuleInputs setState(String state) {
        Objects.requireNonNull(state, "state");
        if (state.length() != 2 || !isUpper(state.charAt(0)) || !isUpper(state.charAt(1))) {
            throw new IllegalArgumentException("state must be a two-letter postal code such as CA, got '" + state + "'");
        }
        this.state = state;
        this.stateValue = Optional.of(state);
        return this;
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** {@code county}, {@code city} or {@code city-county}. */
    public String getKind() {
        return kind;
    }

    public RuleInputs setKind(String kind) {
        Objects.requireNonNull(kind, "kind");
        if (!kind.equals("county") && !kind.equals("city") && !kind.equals("city-county")) {
            throw new IllegalArgumentException("kind must be county, city or city-county, got '" + kind + "'");
        }
        this.kind = kind;
        this.kindValue = Optional.of(kind);
        return this;
    }

    public long getPopulation() {
        return population;
    }

    public RuleInputs setPopulation(long population) {
        if (population < 0) {
            throw new IllegalArgumentException("population must be >= 0, got " + population);
        }
        this.population = population;
        this.populationValue = Optional.of(population);
        return this;
    }

    public double getForeignBornShare() {
        return foreignBornShare;
    }

    public RuleInputs setForeignBornShare(double foreignBornShare) {
        this.foreignBornShare = share("foreignBornShare", foreignBornShare);
        this.foreignBornShareValue = Optional.of(foreignBornShare);
        return this;
    }

    /** Democratic share of the two-party vote, 0..1. */
    public double getPartisanLean() {
        return partisanLean;
    }

    public RuleInputs setPartisanLean(double partisanLean) {
        this.partisanLean = share("partisanLean", partisanLean);
        this.partisanLeanValue = Optional.of(partisanLean);
        return this;
    }

    public boolean isAgreement287g() {
        return agreement287g;
    }

    public RuleInputs setAgreement287g(boolean agreement287g) {
        this.agreement287g = agreement287g;
        return this;
    }

    /** US$ per year of federal grants conditioned on cooperation. */
    public double getFundsAtRisk() {
        return fundsAtRisk;
    }

    public RuleInputs setFundsAtRisk(double fundsAtRisk) {
        if (!(fundsAtRisk >= 0) || Double.isInfinite(fundsAtRisk)) {
            throw new IllegalArgumentException("fundsAtRisk must be a finite amount >= 0, got " + fundsAtRisk);
        }
        this.fundsAtRisk = fundsAtRisk;
        this.fundsAtRiskValue = Optional.of(fundsAtRisk);
        return this;
    }

    public double getLiabilityExposure() {
        return liabilityExposure;
    }

    public RuleInputs setLiabilityExposure(double liabilityExposure) {
        this.liabilityExposure = share("liabilityExposure", liabilityExposure);
        this.liabilityExposureValue = Optional.of(liabilityExposure);
        return this;
    }

    public double getTrust() {
        return trust;
    }

    public RuleInputs setTrust(double trust) {
        this.trust = share("trust", trust);
        this.trustValue = Optional.of(trust);
        return this;
    }

    private static double share(String what, double v) {
        if (!(v >= 0.0 && v <= 1.0)) {
            throw new IllegalArgumentException(what + " must be between 0 and 1, got " + v);
        }
        return v;
    }

    // ---------------------------------------------------------------- state law

    public boolean isSanctuaryLaw() {
        return sanctuaryLaw;
    }

    public RuleInputs setSanctuaryLaw(boolean sanctuaryLaw) {
        this.sanctuaryLaw = sanctuaryLaw;
        return this;
    }

    public boolean isAntiSanctuaryLaw() {
        return antiSanctuaryLaw;
    }

    public RuleInputs setAntiSanctuaryLaw(boolean antiSanctuaryLaw) {
        this.antiSanctuaryLaw = antiSanctuaryLaw;
        return this;
    }

    // ---------------------------------------------------------------- federal

    /** Federal enforcement priorities in force, e.g. {@code ALL_REMOVABLE}, {@code SERIOUS_CRIMES_ONLY}. */
    public String getPriorities() {
        return priorities;
    }

    public RuleInputs setPriorities(String priorities) {
        this.priorities = Objects.requireNonNull(priorities, "priorities");
        this.prioritiesValue = Optional.of(priorities);
        return this;
    }

    // ---------------------------------------------------------------- time

    /** The simulated day; rules see it as a timestamp at 00:00 UTC. */
    public LocalDate getDate() {
        return date;
    }

    public RuleInputs setDate(LocalDate date) {
        this.date = Objects.requireNonNull(date, "date");
        this.dateValue = Optional.of(date.atStartOfDay(ZoneOffset.UTC).toInstant());
        return this;
    }

    /** Days since the scenario start. */
    public long getDay() {
        return day;
    }

    public RuleInputs setDay(long day) {
        this.day = day;
        this.dayValue = Optional.of(day);
        return this;
    }

    // ---------------------------------------------------------------- evaluation support

    CelVariableResolver resolver() {
        return resolver;
    }

    /** The value of a declared name as CEL sees it; empty for an unknown name. Allocates nothing. */
    Optional<Object> lookup(String variable) {
        switch (variable) {
            case "detainer.severity": return severityValue;
            case "detainer.judicialWarrant": return RuleLanguage.bool(judicialWarrant);
            case "detainer.priorRemoval": return RuleLanguage.bool(priorRemoval);
            case "detainer.convicted": return RuleLanguage.bool(convicted);
            case "jurisdiction.name": return nameValue;
            case "jurisdiction.state": return stateValue;
            case "jurisdiction.kind": return kindValue;
            case "jurisdiction.population": return populationValue;
            case "jurisdiction.foreignBornShare": return foreignBornShareValue;
            case "jurisdiction.partisanLean": return partisanLeanValue;
            case "jurisdiction.agreement287g": return RuleLanguage.bool(agreement287g);
            case "jurisdiction.fundsAtRisk": return fundsAtRiskValue;
            case "jurisdiction.liabilityExposure": return liabilityExposureValue;
            case "jurisdiction.trust": return trustValue;
            case "state.sanctuaryLaw": return RuleLanguage.bool(sanctuaryLaw);
            case "state.antiSanctuaryLaw": return RuleLanguage.bool(antiSanctuaryLaw);
            case "federal.priorities": return prioritiesValue;
            case "date": return dateValue;
            case "day": return dayValue;
            case "HONOR": return RuleLanguage.HONOR;
            case "NOTIFY": return RuleLanguage.NOTIFY;
            case "DECLINE": return RuleLanguage.DECLINE;
            case "Severity.NONE": return RuleLanguage.severity(Severity.NONE);
            case "Severity.MISDEMEANOR": return RuleLanguage.severity(Severity.MISDEMEANOR);
            case "Severity.FELONY": return RuleLanguage.severity(Severity.FELONY);
            case "Severity.VIOLENT_FELONY": return RuleLanguage.severity(Severity.VIOLENT_FELONY);
            default: return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "RuleInputs{severity=" + severity + ", judicialWarrant=" + judicialWarrant
                + ", priorRemoval=" + priorRemoval + ", convicted=" + convicted
                + ", name='" + name + "', state='" + state + "', kind='" + kind + "', population=" + population
                + ", foreignBornShare=" + foreignBornShare + ", partisanLean=" + partisanLean
                + ", agreement287g=" + agreement287g + ", fundsAtRisk=" + fundsAtRisk
                + ", liabilityExposure=" + liabilityExposure + ", trust=" + trust
                + ", sanctuaryLaw=" + sanctuaryLaw + ", antiSanctuaryLaw=" + antiSanctuaryLaw
                + ", priorities='" + priorities + "', date=" + date + ", day=" + day + '}';
    }
}
