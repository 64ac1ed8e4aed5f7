package org.jurisim.cli;

import java.io.PrintWriter;
import org.jurisim.common.BadInputException;
import org.jurisim.common.InternalErrors;
import org.jurisim.common.Problem;
import org.jurisim.experiment.SingleRun;
import org.jurisim.output.Checkpoints;
import org.jurisim.output.RunDirectory;
import org.jurisim.rules.RuleEvaluationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jurisim} command. Exit status: 0 success, 2 bad input (one line per problem as
 * {@code FILE:LINE:COLUMN: field.path: message}), 1 internal error (one line; the stack trace goes to a log file).
 */
@Command(name = "jurisim", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"JuriSim simulates the conflict between federal immigration enforcement and local jurisdictions.",
                "Counties and cities, ICE field offices, the federal executive, the states and the courts act day by day;"
                        + " each jurisdiction follows a cooperation policy written in the scenario file.",
                ""},
        subcommands = {RunCommand.class, ResumeCommand.class, ValidateCommand.class, ParamsCommand.class, BenchCommand.class, CompareCommand.class, SweepCommand.class, DiscoverCommand.class, ExplainCommand.class, CheckCommand.class, CalibrateCommand.class, GuiCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples (from the repository root, or from the unpacked release):",
                "  ./jurisim run scenarios/small-demo.yaml",
                "  ./jurisim run --help",
                "",
                "Exit status: 0 on success, 2 on bad input, 1 on an internal error.",
                "Documentation: README.md and docs/ (scenario-format.md, metrics.md, rules.md).",
                "Every scenario parameter, with its default and range: ./jurisim params."})
public final class Main implements Runnable {

    public static final int OK = 0;
    public static final int BAD_INPUT = 2;
    public static final int INTERNAL = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"jurisim " + SingleRun.version(), "Java " + System.getProperty("java.version")};
        }
    }

    public static void main(String[] args) {
        if (opensDashboard(args, java.awt.GraphicsEnvironment.isHeadless(), onTerminal())) {
            args = new String[] {"gui"}; // the jar double-clicked: no arguments, no terminal, a display
        }
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Whether a start with these arguments is a double click: no arguments, a display and no terminal. */
    static boolean opensDashboard(String[] args, boolean headless, boolean terminal) {
        return args.length == 0 && !headless && !terminal;
    }

    /** Whether this JVM was started from a terminal (Java 22 and later return a console even without one). */
    static boolean onTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // before Java 22 a console means a terminal
        }
    }

    /**
     * The first argument when it is neither an option nor a command: the message with the nearest command, or
     * null. Checked before parsing, so that {@code jurisim runn --help} is refused (exit 2), not answered with the
     * top-level help.
     */
    static String unknownCommand(CommandLine cl, String[] args) {
        if (args.length == 0 || args[0].startsWith("-") || cl.getSubcommands().containsKey(args[0])) {
            return null;
        }
        return "jurisim: unknown command '" + args[0] + "'" + org.jurisim.common.Suggest.hint(args[0], cl.getSubcommands().keySet())
                + "; the commands are " + String.join(", ", cl.getSubcommands().keySet()) + ".";
    }

    /** The {@code jurisim} command with its subcommands, its help laid out by {@link HelpLayout}. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        HelpLayout.install(cl);
        return cl;
    }

    /** Runs the command line with the given streams and returns the exit status (used by tests too). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        // help is written in lines of up to 100 characters; a wider terminal gets its full width
        cl.setUsageHelpWidth(100);
        cl.setUsageHelpAutoWidth(true);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, err));
        cl.setParameterExceptionHandler((ex, args2) -> {
            err.println(printable("jurisim: " + ex.getMessage()));
            CommandLine sub = ex.getCommandLine();
            err.println("Try './jurisim " + (sub.getCommandName().equals("jurisim") ? "" : sub.getCommandName() + " ") + "--help'.");
            return BAD_INPUT;
        });
        String unknown = unknownCommand(cl, args);
        if (unknown != null) {
            err.println(printable(unknown));
            err.println("Try './jurisim --help'.");
            err.flush();
            return BAD_INPUT;
        }
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static int handle(Exception ex, PrintWriter err) {
        if (ex instanceof BadInputException b) {
            for (Problem p : b.problems()) {
                err.println(printable(p.format()));
            }
            return BAD_INPUT;
        }
        if (ex instanceof RuleEvaluationException r) {
            err.println(printable(r.getMessage()));
            return BAD_INPUT;
        }
        if (ex instanceof RunDirectory.ExistsException e) {
            err.println(printable("jurisim: " + e.getMessage()));
            return BAD_INPUT;
        }
        if (ex instanceof RunDirectory.UnwritableException e) {
            err.println(printable("jurisim: " + e.getMessage()));
            return BAD_INPUT;
        }
        if (ex instanceof EngineOptions.UnavailableException e) {
            err.println(printable("jurisim: " + e.getMessage()));
            return BAD_INPUT;
        }
        if (ex instanceof Checkpoints.ResumeException e) {
            err.println(printable("jurisim: " + e.getMessage()));
            return BAD_INPUT;
        }
        err.println(printable("jurisim: " + InternalErrors.report(ex)));
        return INTERNAL;
    }

    /**
     * A message as one line safe to print on a terminal: control characters (escape sequences, line breaks,
     * NUL) and bidirectional overrides that a scenario file could smuggle into an echoed value are written as
     * {@code \\uXXXX}.
     */
    static String printable(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029'
                    || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
            if (bad && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (bad) {
                    b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /** Refuses a {@code --seed} outside 0..{@link org.jurisim.scenario.Limits#MAX_SEED} (the scenario format's range), for every command. */
    static void checkSeed(CommandLine cl, Long seed) {
        if (seed != null && (seed < 0 || seed > org.jurisim.scenario.Limits.MAX_SEED)) {
            throw new CommandLine.ParameterException(cl, "--seed must be from 0 to " + org.jurisim.scenario.Limits.MAX_SEED + ", found " + seed);
        }
    }
}
