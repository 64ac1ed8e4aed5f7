package org.jurisim.experiment;

import java.util.List;
import org.jurisim.common.Suggest;

/**
 * The outcomes experiments report for every metric of a run: {@code METRIC.end}, the value on the last simulated
 * day, and {@code METRIC.avg}, the mean of the daily values over the run (days without a value left out).
 * A bare metric name means its time-averaged value.
 */
public final class Outcomes {

    public static final String END = ".end";
    public static final String AVG = ".avg";

    private Outcomes() {
    }

    public static String end(String metric) {
        return metric + END;
    }

    public static String avg(String metric) {
        return metric + AVG;
    }

    /** An outcome: a metric and which of its two statistics. */
    public record Ref(String metric, boolean end) {
        public String name() {
            return end ? Outcomes.end(metric) : Outcomes.avg(metric);
        }

        /** Index of this outcome in a row of outcomes ordered as metric by metric, end then avg. */
        public int index(List<String> metrics) {
            return 2 * metrics.indexOf(metric) + (end ? 0 : 1);
        }
    }

    /** Parses {@code METRIC}, {@code METRIC.end} or {@code METRIC.avg}. */
    public static Ref parse(String s) {
        if (s.endsWith(END)) {
            return new Ref(s.substring(0, s.length() - END.length()), true);
        }
        if (s.endsWith(AVG)) {
            return new Ref(s.substring(0, s.length() - AVG.length()), false);
        }
        return new Ref(s, false);
    }

    /** Null if the metric exists, else a message naming the nearest one. */
    static String unknown(Ref r, List<String> metrics) {
        if (metrics.contains(r.metric())) {
            return null;
        }
        return "expected a metric of the run (METRIC, METRIC.end or METRIC.avg), found \"" + r.metric() + "\""
                + Suggest.hint(r.metric(), metrics);
    }

    /** The human description of an outcome's statistic. */
    static String describe(boolean end) {
        return end ? "end value" : "time average";
    }
}
