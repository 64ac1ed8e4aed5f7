package org.jurisim.common;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Internal errors (bugs, not bad input) as the user sees them: one line, with the stack trace in a log file
 * ({@code jurisim-error-STAMP.log} in the temporary directory). Shared by the command line and the dashboard.
 */
public final class InternalErrors {

    private InternalErrors() {
    }

    /** The JuriSim version (from the jar manifest; "dev" when run from classes). */
    static String version() {
        String v = InternalErrors.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * Writes the throwable's stack trace, after a line naming the JuriSim and Java versions, to a new log
     * file, and returns the file (null if it could not be written).
     */
    public static Path writeLog(Throwable t) {
        try {
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", java.util.Locale.ROOT));
            Path log = Path.of(System.getProperty("java.io.tmpdir"), "jurisim-error-" + stamp + ".log");
            // deliberate: an internal error's stack trace goes to this log file only; the user gets one line
            StringWriter sw = new StringWriter();
            t.printStackTrace(new PrintWriter(sw));
            Files.writeString(log, "jurisim " + version() + ", Java " + System.getProperty("java.version") + "\n" + sw,
                    StandardCharsets.UTF_8);
            return log;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The throwable as one line: "ExceptionClass: message", or for a file-system error
     * "FILE: reason" ("cannot write /out/run.incomplete: Permission denied" rather than the class name).
     */
    public static String oneLine(Throwable t) {
        if (t instanceof java.io.UncheckedIOException u && u.getCause() != null) {
            t = u.getCause();
        }
        if (t instanceof java.nio.file.FileSystemException f) {
            String reason = f.getReason() != null ? f.getReason() : switch (f.getClass().getSimpleName()) {
                case "AccessDeniedException" -> "permission denied";
                case "NoSuchFileException" -> "no such file or directory";
                case "FileAlreadyExistsException" -> "already exists";
                case "NotDirectoryException" -> "not a directory";
                case "DirectoryNotEmptyException" -> "directory not empty";
                default -> f.getClass().getSimpleName();
            };
            return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + reason;
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
        return m.replaceAll("\\s*\\R\\s*", " ");
    }

    /** "internal error: ONE LINE (details in LOG)", or "I/O error: ..." for I/O failures; writes the log. */
    public static String report(Throwable t) {
        Path log = writeLog(t);
        String what = t instanceof IOException || t instanceof java.io.UncheckedIOException ? "I/O error" : "internal error";
        return what + ": " + oneLine(t) + (log == null ? "" : " (details in " + log + ")");
    }
}
