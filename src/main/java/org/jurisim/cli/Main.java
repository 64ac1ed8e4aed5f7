package org.jurisim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Problem;
import org.jurisim.experiment.SingleRun;
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
        subcommands = {RunCommand.class, ValidateCommand.class, BenchCommand.class, CompareCommand.class, SweepCommand.class, GuiCommand.class, CommandLine.HelpCommand.class},
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
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, err));
        cl.setParameterExceptionHandler((ex, args2) -> {
            err.println("jurisim: " + ex.getMessage());
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
                err.println(p.format());
            }
            return BAD_INPUT;
        }
        if (ex instanceof RuleEvaluationException r) {
            err.println(r.getMessage());
            return BAD_INPUT;
        }
        if (ex instanceof RunDirectory.ExistsException e) {
            err.println("jurisim: " + e.getMessage());
            return BAD_INPUT;
        }
        Path log = writeLog(ex);
        String what = ex instanceof IOException ? "I/O error" : "internal error";
        err.println("jurisim: " + what + ": " + oneLine(ex) + (log == null ? "" : " (details in " + log + ")"));
        return INTERNAL;
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
        return m.replaceAll("\\s*\\R\\s*", " ");
    }

    private static Path writeLog(Throwable t) {
        try {
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
            Path log = Path.of(System.getProperty("java.io.tmpdir"), "jurisim-error-" + stamp + ".log");
            StringWriter sw = new StringWriter();
            t.printStackTrace(new PrintWriter(sw));
            Files.writeString(log, "jurisim " + SingleRun.version() + ", Java " + System.getProperty("java.version") + "\n" + sw,
                    StandardCharsets.UTF_8);
            return log;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
