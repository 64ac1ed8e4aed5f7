package org.jurisim.rules;

/** What a rule must evaluate to; checked when the rule is compiled. */
public enum RuleKind {
    /** Must type-check to a decision: {@code HONOR}, {@code NOTIFY} or {@code DECLINE}. */
    DECISION,
    /** Must type-check to {@code bool} (e.g. {@code shareReleaseDates}, {@code iceJailAccess}, eligibility filters). */
    CONDITION
}
