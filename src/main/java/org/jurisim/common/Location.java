package org.jurisim.common;

/**
 * Where something was written: a file and a 1-based line and column.
 * Line and column are 0 when unknown (e.g. a value that came from a command-line override).
 */
public record Location(String file, int line, int column) implements java.io.Serializable {

    public static Location unknown(String file) {
        return new Location(file, 0, 0);
    }

    /**
     * A location shifted by a relative (1-based) position inside a text that starts here; lines after the
     * first are taken to be indented like the first (as in a YAML block scalar).
     */
    public Location offset(int relLine, int relColumn) {
        if (line == 0) {
            return this;
        }
        if (relLine <= 1) {
            return new Location(file, line, column + relColumn - 1);
        }
        // later lines of a block scalar are indented like its first line
        return new Location(file, line + relLine - 1, column + relColumn - 1);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
