package org.jurisim.common;

import java.util.Comparator;

/**
 * One problem found in user input, reported as {@code FILE:LINE:COLUMN: field.path: message}.
 * Loaders collect problems as values and report them together; they never throw them one by one.
 */
public record Problem(Location location, String path, String message) implements Comparable<Problem>, java.io.Serializable {

    public static final Comparator<Problem> ORDER = Comparator
            .comparing((Problem p) -> p.location().file())
            .thenComparingInt(p -> p.location().line())
            .thenComparingInt(p -> p.location().column())
            .thenComparing(Problem::path)
            .thenComparing(Problem::message);

    /** The one-line form users see. */
    public String format() {
        String where = location.file() + ":" + location.line() + ":" + location.column();
        return where + ": " + (path == null || path.isEmpty() ? "(top level)" : path) + ": " + message;
    }

    @Override
    public int compareTo(Problem o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return format();
    }
}
