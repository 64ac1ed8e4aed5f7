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
        description = {"JuriSim: a federal-local jurisdiction conflict simulator.",
                "Cities and counties, ICE field offices and the federal executive as agents; cooperation rules from scenario files.",
                ""},
        subcommands = {RunCommand.class, ResumeCommand.class, ValidateCommand.class, BenchCommand.class, CompareCommand.class, SweepCommand.class, DiscoverCommand.class, ExplainCommand.class, CheckCommand.class, GuiCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit status: 0 success, 2 bad input, 1 internal error.",
                "Docs: README.md, docs/scenario-format.md, docs/metrics.md, docs/rules.md"})
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
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit status (used by tests too). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        // help is written in lines of up to 100 characters; a wider terminal gets its full width
        cl.setUsageHelpWidth(100);
        cl.setUsageHelpAutoWidth(true);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, err));
        cl.setParameterExceptionHandler((ex, args2) -> {
            err.println(printable("jurisim: " + ex.getMessage()));
            CommandLine sub = ex.getCommandLine();
            err.println("Try 'jurisim " + (sub.getCommandName().equals("jurisim") ? "" : sub.getCommandName() + " ") + "--help'.");
            return BAD_INPUT;
        });
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
