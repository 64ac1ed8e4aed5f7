package org.jurisim.metrics;

import java.time.LocalDate;
import java.util.List;

/** Receives one row of metric values per simulated day. Observers record; they never steer the model. */
public interface MetricsSink {

    /** Called once before the first row with the columns, in order. */
    void begin(List<MetricDef> columns);

    /** One day's values, in column order; NaN means "not defined that day" (e.g. a rate with no denominator). */
    void record(long day, LocalDate date, double[] values);

    /** Called once after the last row. */
    default void end() {
    }
}
