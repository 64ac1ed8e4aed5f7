package org.jurisim.scenario;

import java.time.LocalDate;
import java.util.List;
import org.jurisim.rules.CompiledRule;

/** Something that happens on a date. Applied at the start of that day, in file order. */
public sealed interface ScenarioEvent {

    LocalDate on();

    String note();

    /** The event's {@code do:} kind, as written in scenario files. */
    static String kindOf(ScenarioEvent e) {
        if (e instanceof PrioritiesChange) {
            return "priorities";
        } else if (e instanceof DetentionCapacity) {
            return "detentionCapacity";
        } else if (e instanceof OfficerCount) {
            return "officers";
        } else if (e instanceof ProceedingsSpeed) {
            return "proceedings";
        } else if (e instanceof Offer287g) {
            return "offer287g";
        } else if (e instanceof End287g) {
            return "end287g";
        } else if (e instanceof SetPolicy) {
            return "setPolicy";
        } else if (e instanceof GrantConditionsChange) {
            return "grantConditions";
        } else if (e instanceof Suit) {
            return "suit";
        } else if (e instanceof SetParameter) {
            return "set";
        } else if (e instanceof StateLaw) {
            return "stateLaw";
        }
        throw new IllegalStateException("unknown event " + e);
    }

    /** Which jurisdictions an event selects: those named, plus those the condition (if any) holds for. */
    record Selection(CompiledRule when, List<String> names) {
        public Selection {
            names = List.copyOf(names);
        }
    }

    /** Federal enforcement priorities change (e.g. an executive order). */
    record PrioritiesChange(LocalDate on, String note, Priorities value) implements ScenarioEvent {
    }

    /** National detention bed count changes. */
    record DetentionCapacity(LocalDate on, String note, int beds) implements ScenarioEvent {
    }

    /** National ERO officer count changes. */
    record OfficerCount(LocalDate on, String note, int count) implements ScenarioEvent {
    }

    /** Detained proceedings speed up or slow down. */
    record ProceedingsSpeed(LocalDate on, String note, double meanDays) implements ScenarioEvent {
    }

    /** The federal side offers 287(g) agreements; each selected jurisdiction signs with probability {@code acceptance}. */
    record Offer287g(LocalDate on, String note, Selection selection, double acceptance) implements ScenarioEvent {
    }

    /** 287(g) agreements of the selected jurisdictions end. */
    record End287g(LocalDate on, String note, Selection selection) implements ScenarioEvent {
    }

    /**
     * The selected jurisdictions adopt a policy. {@code hold}: true holds it against the policy adaptation (and
     * against later {@code setPolicy} events without {@code hold}), false releases a hold, null (absent) leaves
     * holds as they are and skips held jurisdictions.
     */
    record SetPolicy(LocalDate on, String note, Selection selection, String policy, Boolean hold) implements ScenarioEvent {
        public SetPolicy(LocalDate on, String note, Selection selection, String policy) {
            this(on, note, selection, policy, null);
        }
    }

    /** Federal grant conditions start or stop (e.g. an executive order, or its withdrawal). */
    record GrantConditionsChange(LocalDate on, String note, boolean active, Double withholdShare) implements ScenarioEvent {
    }

    /** A lawsuit filed on a date (a scripted case; its course and outcome are still simulated). */
    record Suit(LocalDate on, String note, CaseType caseType, String plaintiff, String defendant) implements ScenarioEvent {
    }

    /** A live parameter changes (also how dashboard interventions are replayed). */
    record SetParameter(LocalDate on, String note, String path, com.fasterxml.jackson.databind.JsonNode value) implements ScenarioEvent {
        public SetParameter {
            value = value.deepCopy();
        }

        @Override
        public com.fasterxml.jackson.databind.JsonNode value() {
            return value.deepCopy();
        }
    }

    /** A state law comes into force (or is repealed). */
    record StateLaw(LocalDate on, String note, String state, Law law) implements ScenarioEvent {
        public enum Law { SANCTUARY, ANTI_SANCTUARY, NONE }
    }
}
