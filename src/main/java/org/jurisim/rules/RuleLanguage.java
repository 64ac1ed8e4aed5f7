package org.jurisim.rules;

import dev.cel.common.types.CelType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The declarations rules are written against: one place that lists every name, its CEL type
 * and (for constants) its value. {@link RuleInputs#lookup(String)} must answer every input name.
 */
final class RuleLanguage {

    /** The opaque CEL type of {@code HONOR}, {@code NOTIFY} and {@code DECLINE}. */
    static final CelType DECISION_TYPE = OpaqueType.create("jurisim.Decision");

    /** A declared name: a dotted (qualified) CEL identifier and its type. */
    record Name(String name, CelType type) {
    }

    /** Inputs, read from {@link RuleInputs} at each evaluation, in documentation order. */
    static final List<Name> INPUTS = List.of(
            new Name("detainer.severity", SimpleType.INT),
            new Name("detainer.judicialWarrant", SimpleType.BOOL),
            new Name("detainer.priorRemoval", SimpleType.BOOL),
            new Name("detainer.convicted", SimpleType.BOOL),
            new Name("jurisdiction.name", SimpleType.STRING),
            new Name("jurisdiction.state", SimpleType.STRING),
            new Name("jurisdiction.kind", SimpleType.STRING),
            new Name("jurisdiction.population", SimpleType.INT),
            new Name("jurisdiction.foreignBornShare", SimpleType.DOUBLE),
            new Name("jurisdiction.partisanLean", SimpleType.DOUBLE),
            new Name("jurisdiction.agreement287g", SimpleType.BOOL),
            new Name("jurisdiction.fundsAtRisk", SimpleType.DOUBLE),
            new Name("jurisdiction.liabilityExposure", SimpleType.DOUBLE),
            new Name("jurisdiction.trust", SimpleType.DOUBLE),
            new Name("state.sanctuaryLaw", SimpleType.BOOL),
            new Name("state.antiSanctuaryLaw", SimpleType.BOOL),
            new Name("federal.priorities", SimpleType.STRING),
            new Name("date", SimpleType.TIMESTAMP),
            new Name("day", SimpleType.INT));

    /** Constants (declared as CEL variables whose value never changes), with their CEL values. */
    static final Map<String, Object> CONSTANT_VALUES;
    static final List<Name> CONSTANTS;

    static {
        Map<String, Object> values = new LinkedHashMap<>();
        List<Name> names = new ArrayList<>();
        for (Severity s : Severity.values()) {
            values.put("Severity." + s.name(), (long) s.ordinal());
            names.add(new Name("Severity." + s.name(), SimpleType.INT));
        }
        for (Decision d : Decision.values()) {
            values.put(d.name(), d);
            names.add(new Name(d.name(), DECISION_TYPE));
        }
        CONSTANT_VALUES = Collections.unmodifiableMap(values);
        CONSTANTS = List.copyOf(names);
    }

    /** Every declared name: inputs, then constants. */
    static final List<Name> ALL;
    /** The input names, in declaration order. */
    static final Set<String> INPUT_NAMES;
    /** First segments of dotted names ({@code detainer}, {@code jurisdiction}, ...), which are not values themselves. */
    static final Set<String> NAMESPACES;

    static {
        List<Name> all = new ArrayList<>(INPUTS);
        all.addAll(CONSTANTS);
        ALL = List.copyOf(all);
        Set<String> inputs = new LinkedHashSet<>();
        INPUTS.forEach(n -> inputs.add(n.name()));
        INPUT_NAMES = Collections.unmodifiableSet(inputs);
        Set<String> namespaces = new LinkedHashSet<>();
        for (Name n : ALL) {
            int dot = n.name().indexOf('.');
            if (dot > 0) {
                namespaces.add(n.name().substring(0, dot));
            }
        }
        NAMESPACES = Collections.unmodifiableSet(namespaces);
    }

    /** Pre-boxed answers for the variable resolver, so that lookups of constants allocate nothing. */
    static final Optional<Object> TRUE = Optional.of(Boolean.TRUE);
    static final Optional<Object> FALSE = Optional.of(Boolean.FALSE);
    static final Optional<Object> HONOR = Optional.of(Decision.HONOR);
    static final Optional<Object> NOTIFY = Optional.of(Decision.NOTIFY);
    static final Optional<Object> DECLINE = Optional.of(Decision.DECLINE);
    private static final List<Optional<Object>> SEVERITIES;

    static {
        List<Optional<Object>> sev = new ArrayList<>();
        for (Severity s : Severity.values()) {
            sev.add(Optional.of((long) s.ordinal()));
        }
        SEVERITIES = List.copyOf(sev);
    }

    static Optional<Object> severity(Severity s) {
        return SEVERITIES.get(s.ordinal());
    }

    static Optional<Object> bool(boolean b) {
        return b ? TRUE : FALSE;
    }

    /** Display name of a CEL type in messages: {@code decision}, {@code timestamp}, {@code list(int)}. */
    static String typeName(CelType type) {
        switch (type.kind()) {
            case TIMESTAMP:
                return "timestamp";
            case DURATION:
                return "duration";
            case NULL_TYPE:
                return "null";
            case LIST:
                return "list(" + typeName(type.parameters().get(0)) + ")";
            case MAP:
                return "map(" + typeName(type.parameters().get(0)) + ", " + typeName(type.parameters().get(1)) + ")";
            case TYPE:
                return "type";
            case OPAQUE:
                return DECISION_TYPE.name().equals(type.name()) ? "decision" : type.name();
            default:
                return displayTypes(type.name());
        }
    }

    /** Replaces CEL's internal type names inside a message with the names users see. */
    static String displayTypes(String text) {
        return text.replace("google.protobuf.Timestamp", "timestamp")
                .replace("google.protobuf.Duration", "duration")
                .replace("null_type", "null")
                .replace(DECISION_TYPE.name(), "decision")
                // CEL's fresh type parameters (%A0, %B2) back to the names of the declarations (A, B)
                .replaceAll("%([A-Z])\\d*", "$1");
    }

    private RuleLanguage() {
    }
}
