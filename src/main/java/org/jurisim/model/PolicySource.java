package org.jurisim.model;

/**
 * What decided a jurisdiction's policy in force (Governance settles it each day something changed): its own
 * policy, or what overrides it in law, in the order Governance applies them.
 */
public enum PolicySource {
    /** Its own policy. */
    OWN("its own policy"),
    /** A 287(g) agreement: the agreement's policy. */
    AGREEMENT_287G("its 287(g) agreement"),
    /** A ruling that federal law preempts its limits on cooperation. */
    PREEMPTION_RULING("a court ruling that federal law preempts its limits"),
    /** Its state's anti-sanctuary law (not enjoined) mandates more cooperation. */
    STATE_ANTI_SANCTUARY_LAW("its state's anti-sanctuary law"),
    /** Its state's sanctuary law (not preempted) forbids some cooperation. */
    STATE_SANCTUARY_LAW("its state's sanctuary law");

    private final String text;

    PolicySource(String text) {
        this.text = text;
    }

    /** In words, for the dashboard ("its state's anti-sanctuary law"). */
    public String text() {
        return text;
    }
}
