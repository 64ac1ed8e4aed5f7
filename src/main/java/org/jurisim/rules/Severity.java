package org.jurisim.rules;

/**
 * Most serious criminal charge or conviction behind a detainer, in increasing order.
 * In the rule language {@code detainer.severity} is the {@link #ordinal()} as a CEL {@code int}
 * (0..3), and {@code Severity.NONE} .. {@code Severity.VIOLENT_FELONY} are the matching int constants,
 * so comparisons such as {@code detainer.severity >= Severity.FELONY} follow this order.
 */
public enum Severity {
    /** No criminal charge (civil immigration violation only). */
    NONE,
    MISDEMEANOR,
    FELONY,
    VIOLENT_FELONY
}
