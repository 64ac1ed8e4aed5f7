package org.jurisim.rules;

import org.jurisim.common.Location;
import org.jurisim.common.Problem;

/**
 * A rule failed while being evaluated (e.g. integer division by zero, a comprehension exceeding its
 * iteration limit). The message reads {@code FILE:LINE:COLUMN: fieldPath: rule failed at run time: reason},
 * where the location is the part of the rule that failed when CEL reports it, otherwise the rule's start.
 */
public final class RuleEvaluationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final String reason;

    RuleEvaluationException(Location location, String fieldPath, String reason, Throwable cause) {
        this(new Problem(location, fieldPath, "rule failed at run time: " + reason), reason, cause);
    }

    private RuleEvaluationException(Problem problem, String reason, Throwable cause) {
        super(problem.format(), cause);
        this.problem = problem;
        this.reason = reason;
    }

    /** The failure as a problem report (location, field path, message). */
    public Problem problem() {
        return problem;
    }

    public Location location() {
        return problem.location();
    }

    public String fieldPath() {
        return problem.path();
    }

    /** Why the rule failed, e.g. {@code division by zero}. */
    public String reason() {
        return reason;
    }
}
