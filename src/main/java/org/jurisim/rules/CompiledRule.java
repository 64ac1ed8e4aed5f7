package org.jurisim.rules;

import dev.cel.common.CelErrorCode;
import dev.cel.common.CelSource;
import dev.cel.common.CelSourceLocation;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

import org.jurisim.common.Location;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A type-checked cooperation rule, ready to evaluate. Immutable; one instance may be evaluated from
 * any number of threads at once (each with its own {@link RuleInputs}); evaluation takes no locks.
 *
 * <p>Obtained from {@link RuleCompiler#compile}. A rule that reads no inputs ({@link #isConstant()},
 * e.g. {@code HONOR} or {@code true}) was evaluated once when compiled and is never evaluated again.
 */
public final class CompiledRule {

    private static final Pattern CEL_EVAL_ERROR = Pattern.compile("^evaluation error at .*?:(\\d+): (.*)$", Pattern.DOTALL);

    private final String source;
    private final String fieldPath;
    private final Location origin;
    private final RuleKind kind;
    private final Set<String> referencedVariables;
    /** Null for a constant rule. */
    private final CelRuntime.Program program;
    /** The value of a constant rule ({@link Decision} or {@link Boolean}); null otherwise. */
    private final Object constantValue;
    /** For mapping run-time error offsets back to lines and columns. */
    private final CelSource celSource;

    private CompiledRule(String source, String fieldPath, Location origin, RuleKind kind,
                         Set<String> referencedVariables, CelRuntime.Program program, Object constantValue,
                         CelSource celSource) {
        this.source = source;
        this.fieldPath = fieldPath;
        this.origin = origin;
        this.kind = kind;
        this.referencedVariables = referencedVariables;
        this.program = program;
        this.constantValue = constantValue;
        this.celSource = celSource;
    }

    /** A rule that is evaluated at each call. */
    static CompiledRule dynamic(String source, String fieldPath, Location origin, RuleKind kind,
                                Set<String> referencedVariables, CelRuntime.Program program, CelSource celSource) {
        return new CompiledRule(source, fieldPath, origin, kind, referencedVariables,
                Objects.requireNonNull(program), null, celSource);
    }

    /**
     * Evaluates a rule that reads no inputs, once, and returns it as a constant rule.
     *
     * @throws RuleEvaluationException if the rule fails whatever the inputs
     */
    static CompiledRule constant(String source, String fieldPath, Location origin, RuleKind kind,
                                 CelRuntime.Program program, CelSource celSource) {
        CompiledRule probe = dynamic(source, fieldPath, origin, kind, Set.of(), program, celSource);
        Object value = kind == RuleKind.DECISION ? probe.decide(new RuleInputs()) : (Object) probe.test(new RuleInputs());
        return new CompiledRule(source, fieldPath, origin, kind, Set.of(), null, value, celSource);
    }

    /** The same compiled rule, written at another place (same text, so the same program and constant). */
    CompiledRule at(String otherFieldPath, Location otherOrigin) {
        return new CompiledRule(source, otherFieldPath, otherOrigin, kind, referencedVariables, program, constantValue, celSource);
    }

    /** The expression text as written. */
    public String source() {
        return source;
    }

    /** Where the rule sits in the scenario, e.g. {@code jurisdictions[3].policy.detainers}. */
    public String fieldPath() {
        return fieldPath;
    }

    /** Location of the first character of the expression in its file. */
    public Location origin() {
        return origin;
    }

    public RuleKind kind() {
        return kind;
    }

    /**
     * The input names the expression reads, e.g. {@code detainer.severity}, in the order they are
     * documented. Constants ({@code HONOR}, {@code Severity.FELONY}, ...) are not included. A rule whose
     * set has no {@code detainer.*} name gives the same answer for every detainer of a jurisdiction on a day.
     */
    public Set<String> referencedVariables() {
        return referencedVariables;
    }

    /** True if the rule reads no inputs; its value was computed when it was compiled. */
    public boolean isConstant() {
        return program == null;
    }

    /**
     * Evaluates a {@link RuleKind#DECISION} rule.
     *
     * @throws IllegalStateException if this is a {@link RuleKind#CONDITION} rule
     * @throws RuleEvaluationException if evaluation fails (e.g. integer division by zero)
     */
    public Decision decide(RuleInputs in) {
        if (kind != RuleKind.DECISION) {
            throw new IllegalStateException(fieldPath + " is a condition rule; use test(), not decide()");
        }
        Object value = program == null ? constantValue : evaluate(in);
        if (value instanceof Decision) {
            return (Decision) value;
        }
        // cannot happen: the type checker guarantees a decision
        throw failure("expected a decision, got " + describe(value), null);
    }

    /**
     * Evaluates a {@link RuleKind#CONDITION} rule.
     *
     * @throws IllegalStateException if this is a {@link RuleKind#DECISION} rule
     * @throws RuleEvaluationException if evaluation fails
     */
    public boolean test(RuleInputs in) {
        if (kind != RuleKind.CONDITION) {
            throw new IllegalStateException(fieldPath + " is a decision rule; use decide(), not test()");
        }
        Object value = program == null ? constantValue : evaluate(in);
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        // cannot happen: the type checker guarantees a bool
        throw failure("expected a bool, got " + describe(value), null);
    }

    private Object evaluate(RuleInputs in) {
        try {
            return program.eval(in.resolver());
        } catch (CelEvaluationException e) {
            throw translate(e);
        } catch (RuntimeException e) {
            // defensive: CEL wraps function failures itself, but never let its internals escape unlabelled
            throw failure(RuleCompiler.oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    private RuleEvaluationException translate(CelEvaluationException e) {
        String message = String.valueOf(e.getMessage());
        Location where = origin;
        String reason = message;
        Matcher m = CEL_EVAL_ERROR.matcher(message);
        if (m.matches()) {
            reason = m.group(2);
            where = locate(Integer.parseInt(m.group(1)));
        }
        CelErrorCode code = e.getErrorCode();
        if (code == CelErrorCode.DIVIDE_BY_ZERO) {
            reason = "division by zero";
        } else if (code == CelErrorCode.NUMERIC_OVERFLOW) {
            reason = "integer overflow";
        } else if (code == CelErrorCode.ITERATION_BUDGET_EXCEEDED) {
            reason = "more than " + RuleCompiler.MAX_ITERATIONS + " comprehension iterations";
        } else if (code == CelErrorCode.ATTRIBUTE_NOT_FOUND) {
            reason = "no such key: " + reason;
        } else if (code == CelErrorCode.INDEX_OUT_OF_BOUNDS) {
            reason = "index out of bounds: " + reason.replaceFirst("(?i)^index out of bounds: ", "");
        }
        return new RuleEvaluationException(where, fieldPath, RuleCompiler.oneLine(RuleLanguage.displayTypes(reason)), e);
    }

    private Location locate(int offset) {
        Optional<CelSourceLocation> loc = celSource.getOffsetLocation(offset);
        if (loc.isEmpty() || loc.get().getLine() < 1) {
            return origin;
        }
        return origin.offset(loc.get().getLine(), loc.get().getColumn() + 1);
    }

    private RuleEvaluationException failure(String reason, Throwable cause) {
        return new RuleEvaluationException(origin, fieldPath, reason, cause);
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }

    @Override
    public String toString() {
        return origin + ": " + fieldPath + ": " + source;
    }
}
