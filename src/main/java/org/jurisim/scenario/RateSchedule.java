package org.jurisim.scenario;

import java.time.LocalDate;
import java.util.List;

/**
 * A rate that changes on dates: steps of {@code perDay} from each step's date until the next one. Before the
 * first step the first rate applies (a schedule starting in 2012 also serves a run that starts earlier); an empty
 * schedule is zero everywhere.
 */
public record RateSchedule(List<Step> steps) implements java.io.Serializable {

    /** One step: {@code perDay} from {@code from}; {@code note} says where the figure comes from. */
    public record Step(LocalDate from, double perDay, String note) implements java.io.Serializable {
    }

    public static final RateSchedule NONE = new RateSchedule(List.of());

    public RateSchedule {
        steps = List.copyOf(steps);
        for (int i = 1; i < steps.size(); i++) {
            if (!steps.get(i).from().isAfter(steps.get(i - 1).from())) {
                throw new IllegalArgumentException("steps out of date order at " + i);
            }
        }
    }

    /** The rate in force on {@code date}. */
    public double perDay(LocalDate date) {
        double rate = steps.isEmpty() ? 0 : steps.get(0).perDay();
        for (Step s : steps) {
            if (s.from().isAfter(date)) {
                break;
            }
            rate = s.perDay();
        }
        return rate;
    }
}
