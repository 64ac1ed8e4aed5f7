package org.jurisim.common;

import java.util.List;

/**
 * Bad user input (a scenario, a CSV, a command-line value). Carries every problem found;
 * the command line prints one line per problem and exits with status 2.
 */
public final class BadInputException extends Exception {

    private final List<Problem> problems;

    public BadInputException(List<Problem> problems) {
        super(problems.isEmpty() ? "bad input" : problems.get(0).format(), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public BadInputException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }
}
