package org.jurisim.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * A run's output directory, written atomically: everything goes into {@code DIR.incomplete/} (with an
 * {@code INCOMPLETE} marker saying why), which is renamed to {@code DIR} only when the run has finished.
 * An existing {@code DIR} is never overwritten unless asked to.
 */
public final class RunDirectory {

    public static final String MARKER = "INCOMPLETE";

    private final Path target;
    private final Path work;
    private final boolean force;

    private RunDirectory(Path target, Path work, boolean force) {
        this.target = target;
        this.work = work;
        this.force = force;
    }

    /** Thrown when the target exists and replacing it was not asked for. */
    public static final class ExistsException extends Exception {
        public ExistsException(String msg) {
            super(msg, null, false, false);
        }
    }

    /**
     * The output directory cannot be made where it was asked for (a read-only or missing parent, a file in the
     * way): a problem with the command, reported in one line with exit status 2.
     */
    public static final class UnwritableException extends IOException {
        public UnwritableException(String msg, Throwable cause) {
            super(msg, cause);
        }
    }

    public static RunDirectory open(Path target, boolean force) throws IOException, ExistsException {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs) && !force) {
            throw new ExistsException("output directory " + target + " already exists (use --force to replace it, or --out for another)");
        }
        Path work = abs.resolveSibling(abs.getFileName() + ".incomplete");
        try {
            if (Files.exists(work)) {
                deleteTree(work);
            }
            Files.createDirectories(work);
            Files.writeString(work.resolve(MARKER), "run in progress since " + Instant.now() + "\n", StandardCharsets.UTF_8);
        } catch (java.nio.file.FileSystemException e) {
            String reason = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way"
                    : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
            throw new UnwritableException("cannot create the output directory " + work + " (" + reason + " at " + e.getFile()
                    + "); choose another place with --out", e);
        }
        return new RunDirectory(abs, work, force);
    }

    /**
     * Takes up the working directory {@code DIR.incomplete} of an interrupted run again, to resume it: it must
     * exist, and {@code DIR} must not unless replacing it was asked for when the run started.
     */
    public static RunDirectory reopen(Path target, boolean force) throws IOException, ExistsException {
        Path abs = target.toAbsolutePath().normalize();
        Path work = abs.resolveSibling(abs.getFileName() + ".incomplete");
        if (!Files.isDirectory(work)) {
            throw new java.nio.file.NoSuchFileException(work.toString(), null, "no interrupted run here");
        }
        if (Files.exists(abs) && !force) {
            throw new ExistsException("output directory " + target + " already exists (move it away to resume the run in " + work + ")");
        }
        Files.writeString(work.resolve(MARKER), "run resumed at " + Instant.now() + "\n", StandardCharsets.UTF_8);
        return new RunDirectory(abs, work, force);
    }

    /** Where files are written while the run is going. */
    public Path work() {
        return work;
    }

    public Path target() {
        return target;
    }

    /** Publishes the directory under its final name. */
    public void commit() throws IOException {
        Files.delete(work.resolve(MARKER));
        if (Files.exists(target)) {
            if (!force) {
                throw new IOException("output directory " + target + " appeared while the run was going; results left in " + work);
            }
            Path old = target.resolveSibling(target.getFileName() + ".replaced");
            if (Files.exists(old)) {
                deleteTree(old);
            }
            Files.move(target, old);
            move(work, target);
            deleteTree(old);
        } else {
            move(work, target);
        }
    }

    /** Leaves the work directory marked incomplete, with the reason. */
    public void fail(String reason) {
        try {
            Files.writeString(work.resolve(MARKER), "run failed at " + Instant.now() + ": " + reason + "\n", StandardCharsets.UTF_8);
        } catch (IOException ignored) {
            // the marker is best effort: the directory name already says .incomplete
        }
    }

    /** Renames atomically where the file system can, else plainly. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Deletes a directory tree (nothing if it does not exist). */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
