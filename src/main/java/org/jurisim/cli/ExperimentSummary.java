package org.jurisim.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jurisim.experiment.Outcomes;
import org.jurisim.experiment.Replicates;
import org.jurisim.experiment.Stats;
import org.jurisim.scenario.Scenario;

/** What the experiment commands print on stdout when they finish. */
final class ExperimentSummary {

    private ExperimentSummary() {
    }

    /** @param where what computed the runs: "2 threads", or the distributed engine's description */
    static void replicates(PrintWriter o, Scenario s, Replicates.Result r, String where) {
        o.printf(Locale.US, "JuriSim replicates: %s (%d replicate%s from seed %d, %s)%n", Main.printable(s.name()), r.replicates(),
                r.replicates() == 1 ? "" : "s", s.seed(), where);
        o.printf(Locale.US, "  %-16s %s to %s (%d days), %d jurisdictions, %s map%n", "simulated", s.start(),
                s.dateOf(r.days() - 1), r.days(), s.jurisdictions().size(), s.map());
        if (r.target() != null) {
            Replicates.TargetResult t = r.target();
            o.printf(Locale.US, "  %-16s %s: 95%% half-width %s %s target %s after %d replicates%s%n", "until-ci",
                    t.target().outcome().name(), num(t.halfWidth()), t.reached() ? "\u2264" : ">", num(t.target().halfWidth()),
                    t.replicates(), t.reached() ? "" : " (stopped at --max-replicates: target NOT reached)");
        }
        if (r.reused() > 0 || r.resumed()) {
            o.printf(Locale.US, "  %-16s resumed an interrupted experiment (%d replicates ran now)%n", "resumed", r.ran());
        }
        o.printf(Locale.US, "  %-16s %.2f s%n", "wall time", r.wallSeconds());
        o.printf(Locale.US, "  %-16s %s%n", "output", Main.printable(String.valueOf(r.directory())));
        List<String> zero = new ArrayList<>();
        int width = 12;
        for (String m : r.metrics()) {
            width = Math.max(width, m.length());
        }
        o.printf(Locale.US, "  time-averaged metrics, mean [95%% confidence interval] over replicates:%n");
        for (String m : r.metrics()) {
            Stats.Sample a = r.outcomes().get(Outcomes.avg(m));
            if (a == null) {
                continue;
            }
            if (a.n() > 0 && a.mean() == 0 && !(a.sd() > 0)) {
                zero.add(m);
                continue;
            }
            o.printf(Locale.US, "    %-" + width + "s %12s  [%s, %s]%n", m, num(a.mean()), num(a.ciLow()), num(a.ciHigh()));
        }
        if (!zero.isEmpty()) {
            o.printf(Locale.US, "    (always 0: %s)%n", String.join(", ", zero));
        }
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.US, "%,.0f", v);
        }
        if (a >= 1) {
            return String.format(Locale.US, "%.4g", v);
        }
        return String.format(Locale.US, "%.3g", v);
    }
}
