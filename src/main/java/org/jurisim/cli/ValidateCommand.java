package org.jurisim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Problem;
import org.jurisim.scenario.Limits;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jurisim validate SCENARIO...}: checks scenario files without running them. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check scenario files without running them, and report every problem in one pass.",
                "The checks cover the YAML, the schema, names, dates and the cooperation rules (type-checked). It prints"
                        + " 'FILE: ok' for each valid file, and otherwise one line per problem as"
                        + " FILE:LINE:COLUMN: field.path: message."},
        footer = {"", "Examples:",
                "  ./jurisim validate scenarios/*.yaml",
                "  ./jurisim validate scenarios/small-demo.yaml --set ice.officers=7000"})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "SCENARIO", description = "Scenario files (YAML).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a field before validating (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = Limits.FLAG, description = "Accept scenarios larger than the default limits (see docs/reliability.md).")
    boolean allowLarge;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        int code = Main.OK;
        for (Path f : files) {
            try {
                Scenario s = ScenarioLoader.load(f, overrides, Limits.of(allowLarge));
                spec.commandLine().getOut().println(Main.printable(f + ": ok (" + s.jurisdictions().size() + " jurisdictions, "
                        + s.policies().size() + " policies, " + s.events().size() + " events, " + s.days() + " days; map: " + s.map() + ")"));
                for (String note : s.notes()) {
                    spec.commandLine().getOut().println(Main.printable(f + ": note: " + note));
                }
            } catch (BadInputException e) {
                for (Problem p : e.problems()) {
                    spec.commandLine().getErr().println(Main.printable(p.format()));
                }
                code = Main.BAD_INPUT;
            }
        }
        return code;
    }
}
