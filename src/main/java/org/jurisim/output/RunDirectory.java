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
 * An existing {@code DIR} is never overwritten unless asked to, and then only if JuriSim wrote it; the run holds
 * {@code DIR}'s lock from before anything is deleted until it is closed (see {@link OutputPlace}).
 */
public final class RunDirectory implements AutoCloseable {

    public static final String MARKER = "INCOMPLETE";

    private final Path target;
    private final Path work;
    private final boolean force;
    private final OutputPlace.Lock lock;

    private RunDirectory(Path target, Path work, boolean force, OutputPlace.Lock lock) {
        this.target = target;
        this.work = work;
        this.force = force;
        this.lock = lock;
    }

    /**
     * The output place is refused (it exists and replacing it was not asked for, JuriSim never replaces it,
     * another run is writing there, an interrupted run waits there): a problem with the command, exit status 2.
     */
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

    /**
     * Opens {@code DIR.incomplete} for a new run into {@code target}, with {@code target}'s lock held until
     * {@link #close()}. A leftover {@code DIR.incomplete} is discarded only if a JuriSim run left it with nothing to
     * resume; an interrupted run's checkpoints are never discarded.
     */
    public static RunDirectory open(Path target, boolean force) throws IOException, ExistsException {
        OutputPlace.Lock lock = OutputPlace.claim(target, force, false);
        Path abs = target.toAbsolutePath().normalize();
        Path work = OutputPlace.workOf(abs);
        try {
            // JuriSim's leftovers with nothing to resume (claim checked them, with the lock held)
            if (Files.exists(work)) {
                deleteTree(work);
            }
            Files.createDirectories(work);
            Files.writeString(work.resolve(MARKER), "run in progress since " + Instant.now() + "\n", StandardCharsets.UTF_8);
            return new RunDirectory(abs, work, force, lock);
        } catch (java.nio.file.FileSystemException e) {
            lock.close();
            throw OutputPlace.unwritable(work, e);
        } catch (IOException | RuntimeException | Error e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Takes up the working directory {@code DIR.incomplete} of an interrupted run again, to resume it: it must
     * exist, and {@code DIR} must not unless replacing it was asked for when the run started (and JuriSim wrote it).
     * {@code target}'s lock is held until {@link #close()}.
     */
    public static RunDirectory reopen(Path target, boolean force) throws IOException, ExistsException {
        Path abs = target.toAbsolutePath().normalize();
        Path work = OutputPlace.workOf(abs);
        if (!Files.isDirectory(work)) {
            throw new java.nio.file.NoSuchFileException(work.toString(), null, "no interrupted run here");
        }
        OutputPlace.Lock lock = OutputPlace.lock(target);
        try {
            if (Files.exists(abs, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                if (!force) {
                    throw new ExistsException("output directory " + target + " already exists (move it away to resume the run in " + work + ")");
                }
                String why = OutputPlace.refusal(target);
                if (why != null) {
                    throw new ExistsException(why + " (move it away to resume the run in " + work + ")");
                }
            }
            Files.writeString(work.resolve(MARKER), "run resumed at " + Instant.now() + "\n", StandardCharsets.UTF_8);
            return new RunDirectory(abs, work, force, lock);
        } catch (IOException | ExistsException | RuntimeException | Error e) {
            lock.close();
            throw e;
        }
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
        OutputPlace.publish(work, target, force, "run");
    }

    /** Below this many bytes free on its disk, an I/O failure in a run directory is reported as a full disk. */
    static final long FULL_BELOW_BYTES = 1L << 20;

    /** Leaves the work directory marked incomplete after an I/O failure and returns the failure to report ({@link #diagnose}). */
    public IOException fail(IOException e) {
        IOException reported = diagnose(work, e);
        fail(reported.toString());
        return reported;
    }

    /**
     * An I/O failure while writing into {@code dir}, as it should be reported: when the disk holding the directory has
     * (almost) no space left, one that says so in words that do not depend on the computer's language (the system's
     * own message, which may be translated, follows it); otherwise the failure itself.
     */
    public static IOException diagnose(Path dir, IOException e) {
        try {
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < FULL_BELOW_BYTES) {
                return new IOException("no space left on the disk holding " + dir + " (" + free + " bytes free): "
                        + org.jurisim.common.InternalErrors.oneLine(e), e);
            }
        } catch (IOException | RuntimeException ignored) {
            // the diagnosis is best effort: the failure itself is reported either way
        }
        return e;
    }

    /** Leaves the work directory marked incomplete, with the reason. */
    public void fail(String reason) {
        try {
            Files.writeString(work.resolve(MARKER), "run failed at " + Instant.now() + ": " + reason + "\n", StandardCharsets.UTF_8);
        } catch (IOException ignored) {
            // the marker is best effort: the directory name already says .incomplete
        }
    }

    /** Releases the directory's lock (after {@link #commit()} or {@link #fail}). */
    @Override
    public void close() throws IOException {
        lock.close();
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
