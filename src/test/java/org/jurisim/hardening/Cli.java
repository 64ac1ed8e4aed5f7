package org.jurisim.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Pattern;
import org.jurisim.cli.Main;

/** Runs the {@code jurisim} command line in this JVM and checks what users would see. */
final class Cli {

    /** {@code FILE:LINE:COLUMN: field.path: message}, the form of every problem with user input. */
    static final Pattern PROBLEM = Pattern.compile("^.+:[1-9][0-9]*:[1-9][0-9]*: .+?: .+$");
    /** {@code jurisim: message}, the form of problems with the command itself (output directory, resume). */
    static final Pattern COMMAND_PROBLEM = Pattern.compile("^jurisim: .+$");

    private Cli() {
    }

    record Result(int status, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(status, out.toString().replace("\r\n", "\n"), err.toString().replace("\r\n", "\n"));
    }

    /**
     * Exit 2 with nothing on stdout and, on stderr, only well-formed one-line problems: no stack trace, no
     * exception class names, no control characters that would break a line on a terminal.
     */
    static void assertBadInput(Result r, String what) {
        assertThat(r.status()).as("exit status of %s\n%s", what, r).isEqualTo(Main.BAD_INPUT);
        assertThat(r.out()).as("stdout of %s", what).isEmpty();
        assertWellFormedErrors(r, what);
    }

    static void assertWellFormedErrors(Result r, String what) {
        assertThat(r.errLines()).as("stderr of %s\n%s", what, r).isNotEmpty().allSatisfy(line -> {
            assertThat(PROBLEM.matcher(line).matches() || COMMAND_PROBLEM.matcher(line).matches())
                    .as("a one-line FILE:LINE:COLUMN: field: message (or 'jurisim: message') in %s: %s", what, line).isTrue();
            assertThat(line).as("stderr line of %s", what)
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ")
                    .doesNotContain("Caused by")
                    .doesNotContainPattern("[\\p{Cc}\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]");
        });
    }
}
