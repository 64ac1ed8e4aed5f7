package org.jurisim.rules;

/**
 * What a local jurisdiction does with one ICE detainer.
 * In the rule language these are the constants {@code HONOR}, {@code NOTIFY} and {@code DECLINE},
 * of the opaque CEL type {@code jurisim.Decision} (shown to users as {@code decision}).
 */
public enum Decision {
    /** Hold the person for ICE, up to 48 hours past the scheduled release. */
    HONOR,
    /** Do not hold, but tell ICE the release date and time. */
    NOTIFY,
    /** Neither hold nor notify. */
    DECLINE
}
