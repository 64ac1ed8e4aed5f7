package org.jurisim.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jurisim.output.Csv;
import org.jurisim.scenario.ScenarioSchema;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jurisim params [PATTERN]}: every field of the scenario format, from the scenario schema. */
@Command(name = "params", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List every scenario parameter that --set and --param accept, with its type, default, range and unit.",
                "The list is read from the scenario schema, the same one scenario files are checked against. A path"
                        + " names list items by [N] (--set 'events[0].on=2026-05-01') and names a scenario chooses by"
                        + " <name> (policies.<name>.detainer). Sweeps (--param) vary the numbers and integers only,"
                        + " marked 'sweep'. See docs/scenario-format.md for what each field means in full."},
        footer = {"", "Examples:",
                "  ./jurisim params",
                "  ./jurisim params ice --describe",
                "  ./jurisim params --csv"})
final class ParamsCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATTERN",
            description = "List only the paths that contain this text (case-insensitive), e.g. ice or adaptation.")
    String pattern;

    @Option(names = "--describe", description = "Add each parameter's description.")
    boolean describe;

    @Option(names = "--csv", description = "Print CSV (path, type, unit, default, range, sweep, description) instead.")
    boolean csv;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ScenarioSchema.Parameter> ps = new ArrayList<>();
        String p = pattern == null ? "" : pattern.toLowerCase(Locale.ROOT);
        for (ScenarioSchema.Parameter x : ScenarioSchema.get().parameters()) {
            if (x.path().toLowerCase(Locale.ROOT).contains(p)) {
                ps.add(x);
            }
        }
        if (ps.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no parameter path contains '" + pattern + "'"
                    + org.jurisim.common.Suggest.hint(pattern, ScenarioSchema.get().parameters().stream().map(ScenarioSchema.Parameter::path).toList()));
        }
        if (csv) {
            out.println("path,type,unit,default,range,sweep,description");
            for (ScenarioSchema.Parameter x : ps) {
                out.println(String.join(",", Csv.cell(x.path()), Csv.cell(x.type()), Csv.cell(x.unit()), Csv.cell(x.defaultValue()),
                        Csv.cell(x.range()), x.numeric() ? "yes" : "no", Csv.cell(x.description())));
            }
            return Main.OK;
        }
        int width = Math.max(60, spec.commandLine().getUsageHelpWidth());
        for (ScenarioSchema.Parameter x : ps) {
            out.println(Main.printable(x.path()));
            StringBuilder b = new StringBuilder(x.type());
            if (!x.defaultValue().isEmpty()) {
                b.append("; default ").append(x.defaultValue());
            }
            if (!x.range().isEmpty()) {
                b.append("; ").append(x.range().startsWith("[") || x.range().startsWith("(") || x.range().startsWith(">")
                        || x.range().startsWith("<") ? "range " : "").append(x.range());
            }
            if (!x.unit().isEmpty()) {
                b.append("; unit: ").append(x.unit());
            }
            if (x.numeric()) {
                b.append("; sweep");
            }
            wrap(out, b.toString(), width);
            if (describe && !x.description().isEmpty()) {
                wrap(out, x.description(), width);
            }
        }
        return Main.OK;
    }

    /** Writes {@code text} indented by four spaces, in lines of at most {@code width} characters. */
    static void wrap(PrintWriter out, String text, int width) {
        String indent = "    ";
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                out.println(Main.printable(line.toString()));
                line.setLength(0);
                line.append(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        out.println(Main.printable(line.toString()));
    }
}
