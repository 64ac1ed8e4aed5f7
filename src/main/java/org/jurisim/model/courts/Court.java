package org.jurisim.model.courts;

/**
 * A federal court: one of the 94 district courts, one of the 12 regional courts of appeals, or the
 * Supreme Court. {@code lean} is the share of judges appointed by Democratic presidents (0..1).
 */
public record Court(String id, String name, Level level, String circuit, double lean) implements java.io.Serializable {

    /** The three tiers of the federal judiciary. */
    public enum Level { DISTRICT, CIRCUIT, SUPREME }
}
