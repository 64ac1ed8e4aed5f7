package org.jurisim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jurisim.experiment.Design;
import org.jurisim.experiment.Discover;
import org.jurisim.experiment.Prim;
import org.jurisim.output.OutputPlace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jurisim discover SWEEP_DIR --outcome METRIC --below X | --above X}: scenario discovery by PRIM. */
@Command(name = "discover", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find where in a sweep an outcome passes a threshold, by scenario discovery (PRIM).",
                "PRIM (patient rule induction) finds the box of the sweep's parameters that yields the outcome below (or"
                        + " above) the threshold, over the sweep's points (each the mean of its replicates): peeling with"
                        + " --alpha, optional pasting, the peeling trajectory (coverage against density) and the chosen box"
                        + " with its coverage, density, mass and limits.",
                "The output holds prim-trajectory.csv, prim-box.csv, charts and report.html."},
        footer = {"", "Examples:",
                "  ./jurisim discover runs/sobol --outcome compliance_rate_rolling.avg \\",
                "      --below 0.5",
                "  ./jurisim discover runs/lhs --outcome cases_filed.end --above 10 --paste \\",
                "      --out runs/discover",
                "See docs/experiments.md."})
final class DiscoverCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SWEEP_DIR", description = "Directory of a finished sweep.")
    Path sweep;

    @Option(names = "--outcome", paramLabel = "METRIC", required = true, description = "Outcome of the sweep (e.g. compliance_rate_rolling.avg).")
    String outcome;

    @Option(names = "--below", paramLabel = "X", description = "Interesting: the outcome below X.")
    Double below;

    @Option(names = "--above", paramLabel = "X", description = "Interesting: the outcome above X.")
    Double above;

    @Option(names = "--alpha", paramLabel = "A", description = "Share of the box's points peeled at each step (default 0.05).")
    double alpha = 0.05;

    @Option(names = "--min-mass", paramLabel = "M", description = "Smallest share of all points a box may hold (default 0.05).")
    double minMass = 0.05;

    @Option(names = "--paste", description = "Paste the chosen box (widen it while that raises its density).")
    boolean paste;

    @Option(names = "--box", paramLabel = "I", description = "Choose box I of the trajectory (default: the largest coverage - mass).")
    Integer box;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/discover-<timestamp>).")
    Path out;

    @CommandLine.Mixin
    ForceOption forceOption = new ForceOption();

    @Option(names = "--quiet", description = "No summary.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if ((below == null) == (above == null)) {
            throw new CommandLine.ParameterException(cl, "give one of --below X or --above X");
        }
        double threshold = below != null ? below : above;
        if (Double.isNaN(threshold) || Double.isInfinite(threshold)) {
            throw new CommandLine.ParameterException(cl, "the threshold must be a finite number, found " + threshold);
        }
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new CommandLine.ParameterException(cl, "--alpha must be above 0 and below 0.5, found " + alpha);
        }
        if (!(minMass > 0 && minMass < 1)) {
            throw new CommandLine.ParameterException(cl, "--min-mass must be above 0 and below 1, found " + minMass);
        }
        if (box != null && box < 0) {
            throw new CommandLine.ParameterException(cl, "--box must be 0 or more, found " + box);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add("jurisim");
        cmd.addAll(cl.getParseResult().originalArgs());
        try (OutputPlace.Lock reserved = out != null ? null : OutputPlace.reserveNew(OutputPlace.defaultName("discover"))) {
            Path dir = reserved != null ? reserved.target() : out;
            Discover.Result r = Discover.run(sweep, dir, new Discover.Options(outcome, threshold, below != null, alpha, minMass, paste,
                    box == null ? -1 : box, forceOption.force, cmd));
            if (!quiet) {
                PrintWriter w = cl.getOut();
                Prim.Box b = r.prim().box();
                w.printf(Locale.US, "JuriSim discover: where is %s %s %s?%n", Main.printable(outcome), below != null ? "below" : "above",
                        Main.printable(String.valueOf(threshold)));
                w.printf(Locale.US, "  %-16s %s: %d points, %d interesting (%.0f%%)%n", "sweep", Main.printable(sweep.toString()), r.points(),
                        r.interesting(), 100.0 * r.interesting() / r.points());
                w.printf(Locale.US, "  Peeling trajectory (alpha %s, %d boxes):%n", alpha, r.prim().trajectory().size());
                w.printf(Locale.US, "    %5s %8s %9s %8s %6s %s%n", "box", "points", "coverage", "density", "mass", "restricted");
                int n = r.prim().trajectory().size();
                int step = Math.max(1, n / 12);
                for (int i = 0; i < n; i++) {
                    if (i % step != 0 && i != n - 1 && i != r.prim().chosen()) {
                        continue;
                    }
                    Prim.Box x = r.prim().trajectory().get(i);
                    int restricted = 0;
                    for (int j = 0; j < r.params().size(); j++) {
                        restricted += x.restricts(j, r.params().get(j).low(), r.params().get(j).high()) ? 1 : 0;
                    }
                    w.printf(Locale.US, "    %5d %8d %9.3f %8.3f %6.3f %d%s%n", i, x.points(), x.coverage(), x.density(), x.mass(), restricted,
                            i == r.prim().chosen() ? "   <- chosen" : "");
                }
                w.printf(Locale.US, "  Box %d%s: coverage %.3f, density %.3f, mass %.3f%n", r.prim().chosen(), paste ? " (pasted)" : "",
                        b.coverage(), b.density(), b.mass());
                for (int j = 0; j < r.params().size(); j++) {
                    Design.Param p = r.params().get(j);
                    boolean res = b.restricts(j, p.low(), p.high());
                    w.printf(Locale.US, "    %-32s %s%n", p.path(), res ? String.format(Locale.US, "%s to %s   (swept %s to %s)", num(b.low()[j]),
                            num(b.high()[j]), num(p.low()), num(p.high())) : "not restricted");
                }
                if (r.prim().warning() != null) {
                    w.printf(Locale.US, "  Warning: %s%n", r.prim().warning());
                }
                w.printf(Locale.US, "  %-16s %s%n", "output", r.directory());
                w.printf(Locale.US, "  %-16s %s%n", "report", r.directory().resolve("report.html"));
            }
            return Main.OK;
        }
    }

    private static String num(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
