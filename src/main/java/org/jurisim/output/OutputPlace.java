package org.jurisim.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a run or an experiment may write, for every command that takes {@code --out} and {@code --force}: the one
 * place that decides what may be replaced and that keeps two writers out of one directory.
 *
 * <ul>
 *   <li><b>Ownership.</b> {@code --force} replaces only a directory JuriSim wrote: a run or experiment directory,
 *   recognised by its {@code manifest.json} holding {@code jurisim_version}. Never the current directory or one
 *   that contains it, {@code /}, a home directory or one that contains it, a file, a symbolic link, or a directory
 *   without JuriSim's manifest ({@link #refusal}). Such a refusal never suggests {@code --force}.</li>
 *   <li><b>One writer.</b> A writer holds an exclusive lock ({@link FileChannel#tryLock}) on {@code DIR.lock} beside
 *   {@code DIR} from before anything is deleted or created until {@code DIR} is published or abandoned; the file is
 *   deleted when the lock is released. The operating system releases the lock however the process ends (a stale
 *   {@code DIR.lock} is harmless). Threads of one JVM are kept apart too (a lock is re-entrant only for the
 *   thread that holds it).</li>
 *   <li><b>Fresh default names.</b> {@link #reserveNew} picks {@code runs/NAME-TIMESTAMP}, or {@code -2}, {@code -3},
 *   ... after it, that no other run holds or has written, and keeps it locked for the caller.</li>
 * </ul>
 */
public final class OutputPlace {

    /** The lock file beside {@code DIR}: {@code DIR.lock}. */
    public static final String LOCK_SUFFIX = ".lock";
    /** The working directory beside {@code DIR}: {@code DIR.incomplete}. */
    public static final String WORK_SUFFIX = ".incomplete";
    /** Fixes the timestamp of default output names (for tests that start runs "in the same second"). */
    public static final String TIMESTAMP_PROPERTY = "jurisim.timestamp";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADVICE = "choose a new directory with --out";

    private OutputPlace() {
    }

    // ------------------------------------------------------------------ what may be replaced

    /**
     * Why {@code target} must never be replaced, or null if it is a directory JuriSim wrote (or does not exist).
     * A pure function of the file system, the current directory and the home directory, so that it can be
     * tested with any of them.
     */
    public static String refusal(Path target, Path cwd, Path home) {
        if (target.toString().isEmpty()) {
            return "the output directory is empty (\"\", perhaps an unset shell variable): give a directory with --out";
        }
        Path abs = target.toAbsolutePath().normalize();
        String shown = "output directory " + target;
        if (abs.getParent() == null) {
            return shown + " is the root directory: JuriSim never replaces it; " + ADVICE;
        }
        if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        Path c = cwd.toAbsolutePath().normalize();
        if (same(abs, c)) {
            return shown + " is the current directory: JuriSim never replaces it; " + ADVICE;
        }
        if (contains(abs, c)) {
            return shown + " contains the current directory: JuriSim never replaces it; " + ADVICE;
        }
        if (home != null && !home.toString().isEmpty()) {
            Path h = home.toAbsolutePath().normalize();
            if (same(abs, h)) {
                return shown + " is a home directory: JuriSim never replaces it; " + ADVICE;
            }
            if (contains(abs, h)) {
                return shown + " contains a home directory: JuriSim never replaces it; " + ADVICE;
            }
        }
        if (Files.isSymbolicLink(abs)) {
            return shown + " is a symbolic link, not a directory JuriSim wrote: JuriSim replaces only its own run and experiment"
                    + " directories; " + ADVICE;
        }
        if (!Files.isDirectory(abs)) {
            return shown + " is a file, not a directory JuriSim wrote: JuriSim replaces only its own run and experiment"
                    + " directories; " + ADVICE;
        }
        if (!isJuriSimDirectory(abs)) {
            return shown + " already exists and is not a run or experiment directory (it has no JuriSim manifest.json):"
                    + " JuriSim replaces only directories it wrote; " + ADVICE;
        }
        return null;
    }

    /** {@link #refusal} with this process's current and home directories. */
    static String refusal(Path target) {
        return refusal(target, Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home", "")));
    }

    /** A directory JuriSim published: it holds a {@code manifest.json} with {@code jurisim_version}. */
    public static boolean isJuriSimDirectory(Path dir) {
        Path m = dir.resolve("manifest.json");
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(m, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            if (Files.size(m) > (16 << 20)) {
                return false;
            }
            JsonNode n = JSON.readTree(m.toFile());
            return n != null && n.isObject() && n.hasNonNull("jurisim_version");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Checks a target before anything is written: refused as bad input (exit 2) when it must never be replaced,
     * or when it exists and replacing it was not asked for.
     *
     * @return the target, absolute and normalized
     */
    public static Path check(Path target, boolean force) throws RunDirectory.ExistsException {
        String why = refusal(target);
        if (why != null) {
            throw new RunDirectory.ExistsException(why);
        }
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !force) {
            throw new RunDirectory.ExistsException("output directory " + target
                    + " already exists (use --force to replace it, or --out for another)");
        }
        return abs;
    }

    /**
     * Claims {@code target} for a new run or experiment, before anything is deleted or created: checks it
     * ({@link #check}), creates its parent, takes its lock, checks it again with the lock held (another run may
     * have published it meanwhile) and checks what {@code DIR.incomplete} holds ({@link #checkLeftover}).
     *
     * @param experiment whether the new writer is an experiment (which resumes its own unfinished work itself)
     * @return the lock, held until closed
     */
    public static Lock claim(Path target, boolean force, boolean experiment) throws IOException, RunDirectory.ExistsException {
        Path abs = check(target, force);
        createParent(abs);
        Lock lock = lock(target);
        try {
            check(target, force);
            checkLeftover(target, workOf(abs), experiment);
            return lock;
        } catch (RunDirectory.ExistsException | RuntimeException | Error e) {
            lock.close();
            throw e;
        }
    }

    /** The working directory of a target: {@code DIR.incomplete} beside it. */
    public static Path workOf(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + WORK_SUFFIX);
    }

    /**
     * Checks what a new run or experiment finds in {@code DIR.incomplete} (with {@code DIR}'s lock held): it may
     * be discarded only when JuriSim left it ({@code INCOMPLETE} marker) and it holds nothing to resume.
     *
     * @param experiment whether the new writer is an experiment (which resumes its own work itself)
     * @throws RunDirectory.ExistsException when it must be kept
     */
    static void checkLeftover(Path target, Path work, boolean experiment) throws RunDirectory.ExistsException {
        if (!Files.exists(work, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(work, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(work.resolve(RunDirectory.MARKER))) {
            throw new RunDirectory.ExistsException(work + " is in the way and was not left by a JuriSim run (it has no "
                    + RunDirectory.MARKER + " file): move it away, or choose another directory with --out");
        }
        if (Files.exists(work.resolve(Checkpoints.DIR).resolve(Checkpoints.PLAN_FILE))) {
            throw new RunDirectory.ExistsException("an interrupted run is waiting in " + work + " with its checkpoints: finish it with"
                    + " './jurisim resume " + target + "', or delete " + work + " to start again, or choose another directory with --out");
        }
        if (!experiment && Files.exists(work.resolve("experiment.json"))) {
            throw new RunDirectory.ExistsException("an interrupted experiment is waiting in " + work + ": run its command again to"
                    + " resume it, or delete " + work + ", or choose another directory with --out");
        }
    }

    /** Creates the parent of a target (a failure is a problem with the command: exit 2, one line). */
    static void createParent(Path abs) throws RunDirectory.UnwritableException {
        try {
            Files.createDirectories(abs.getParent());
        } catch (FileSystemException e) {
            throw unwritable(workOf(abs), e);
        } catch (IOException e) {
            throw new RunDirectory.UnwritableException("cannot create the output directory " + workOf(abs) + " (" + e.getMessage()
                    + "); choose another place with --out", e);
        }
    }

    public static RunDirectory.UnwritableException unwritable(Path work, FileSystemException e) {
        String reason = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way"
                : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        return new RunDirectory.UnwritableException("cannot create the output directory " + work + " (" + reason + " at " + e.getFile()
                + "); choose another place with --out", e);
    }

    // ------------------------------------------------------------------ publishing

    /**
     * Renames {@code work} to {@code target}; when {@code target} appeared meanwhile, replaces it only if asked to
     * and only if JuriSim wrote it.
     *
     * @param what "run" or "experiment", for messages
     */
    public static void publish(Path work, Path target, boolean force, String what) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (!force) {
                throw new IOException("output directory " + target + " appeared while the " + what + " was going; results left in " + work);
            }
            String why = refusal(target);
            if (why != null) {
                throw new IOException(why + " (it appeared while the " + what + " was going); results left in " + work);
            }
            Path old = target.resolveSibling(target.getFileName() + ".replaced");
            if (Files.exists(old, LinkOption.NOFOLLOW_LINKS)) {
                if (!isJuriSimDirectory(old)) {
                    throw new IOException(old + " is in the way and JuriSim did not write it; results left in " + work);
                }
                RunDirectory.deleteTree(old);
            }
            Files.move(target, old);
            RunDirectory.move(work, target);
            RunDirectory.deleteTree(old);
        } else {
            RunDirectory.move(work, target);
        }
    }

    // ------------------------------------------------------------------ default names

    /** {@code runs/PREFIX-yyyyMMdd-HHmmss} (relative to the current directory): the start of a default name. */
    public static Path defaultName(String prefix) {
        String fixed = System.getProperty(TIMESTAMP_PROPERTY);
        String stamp = fixed != null && !fixed.isBlank() ? fixed.trim()
                : LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", java.util.Locale.ROOT));
        return Path.of("runs", prefix + "-" + stamp);
    }

    /**
     * Reserves a fresh output directory: {@code base}, else {@code base-2}, {@code base-3}, ... the first that
     * exists neither as a directory nor as an unfinished one and whose lock is free. The lock is held by the
     * calling thread until the returned {@link Lock} is closed; a run that opens the same directory on the same
     * thread shares it.
     */
    public static Lock reserveNew(Path base) throws IOException, RunDirectory.ExistsException {
        Path abs = base.toAbsolutePath().normalize();
        createParent(abs);
        for (int k = 1; k < 100_000; k++) {
            Path name = k == 1 ? base : base.resolveSibling(base.getFileName() + "-" + k);
            Path a = name.toAbsolutePath().normalize();
            if (taken(a)) {
                continue;
            }
            Lock l;
            try {
                l = lock(name);
            } catch (RunDirectory.ExistsException busy) {
                continue;
            }
            if (taken(a)) {
                l.close();
                continue;
            }
            return l;
        }
        throw new RunDirectory.ExistsException("no free output directory name after " + base + ": choose one with --out");
    }

    private static boolean taken(Path abs) {
        return Files.exists(abs, LinkOption.NOFOLLOW_LINKS) || Files.exists(workOf(abs), LinkOption.NOFOLLOW_LINKS)
                || heldByAnotherThread(lockFileOf(abs));
    }

    // ------------------------------------------------------------------ the lock

    /** The lock of one output directory; closing it (once per acquisition) releases it. */
    public static final class Lock implements AutoCloseable {
        private final Held held;
        private final Path target;
        private boolean closed;

        private Lock(Held held, Path target) {
            this.held = held;
            this.target = target;
        }

        /** The directory locked, as it was given. */
        public Path target() {
            return target;
        }

        @Override
        public void close() throws IOException {
            synchronized (HELD) {
                if (closed) {
                    return;
                }
                closed = true;
                if (--held.count > 0) {
                    return;
                }
                HELD.remove(held.file);
                try {
                    // deleted while still locked: a writer that opened the old file before will find its token gone
                    Files.deleteIfExists(held.file);
                } catch (IOException ignored) {
                    // a stale lock file is harmless: it is taken again when free
                } finally {
                    try {
                        if (held.lock.isValid()) {
                            held.lock.release();
                        }
                    } finally {
                        held.channel.close();
                    }
                }
            }
        }
    }

    private static final class Held {
        final Path file;
        final FileChannel channel;
        final FileLock lock;
        final Thread owner;
        int count = 1;

        Held(Path file, FileChannel channel, FileLock lock, Thread owner) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
            this.owner = owner;
        }
    }

    /** Locks held by this JVM, by lock file. */
    private static final Map<Path, Held> HELD = new HashMap<>();

    private static boolean heldByAnotherThread(Path file) {
        synchronized (HELD) {
            Held h = HELD.get(file);
            return h != null && h.owner != Thread.currentThread();
        }
    }

    static Path lockFileOf(Path abs) {
        return abs.resolveSibling(abs.getFileName() + LOCK_SUFFIX);
    }

    /**
     * Takes the exclusive lock of an output directory ({@code DIR.lock} beside it; its parent must exist).
     *
     * @throws RunDirectory.ExistsException if another run, in this process or another, is writing there
     */
    public static Lock lock(Path target) throws IOException, RunDirectory.ExistsException {
        Path abs = target.toAbsolutePath().normalize();
        if (abs.getParent() == null) {
            throw new RunDirectory.ExistsException("output directory " + target + " is the root directory: JuriSim never writes it; "
                    + ADVICE);
        }
        Path file = lockFileOf(abs);
        synchronized (HELD) {
            Held h = HELD.get(file);
            if (h != null) {
                if (h.owner == Thread.currentThread()) {
                    h.count++;
                    return new Lock(h, target);
                }
                throw busy(target, ProcessHandle.current().pid());
            }
            for (int attempt = 0; attempt < 20; attempt++) {
                // The lock file is deleted by a writer when it finishes, and may be made anew by another: ours is the
                // lock only if the path names the same file before we open it and after we lock it. (Identity by
                // file key, without opening the file again: closing any other descriptor of a locked file would
                // release this process's lock on it.)
                Object before = fileKey(file);
                FileChannel ch;
                try {
                    ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                } catch (FileSystemException e) {
                    throw unwritable(workOf(abs), e);
                }
                if (before == null) {
                    ch.close(); // it exists now: take it from the top
                    continue;
                }
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null;
                } catch (IOException e) {
                    ch.close();
                    throw e;
                }
                if (l == null) {
                    ch.close();
                    throw busy(target, holder(file));
                }
                if (!before.equals(fileKey(file))) {
                    l.release();
                    ch.close();
                    continue;
                }
                byte[] who = ("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8);
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(who), 0);
                Held held = new Held(file, ch, l, Thread.currentThread());
                HELD.put(file, held);
                return new Lock(held, target);
            }
            throw busy(target, null);
        }
    }

    private static RunDirectory.ExistsException busy(Path target, Long pid) {
        return new RunDirectory.ExistsException("another JuriSim run " + (pid == null ? "" : "(pid " + pid + ") ") + "is writing "
                + target + " (it is still going): wait for it to finish, or choose another directory with --out");
    }

    private static final Pattern PID = Pattern.compile("^pid ([0-9]+)");

    /** The pid written in a lock file by its holder, if it can be read. */
    private static Long holder(Path file) {
        try {
            Matcher m = PID.matcher(Files.readString(file, StandardCharsets.UTF_8));
            return m.find() ? Long.valueOf(m.group(1)) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** What identifies the file a path names now (null if there is none), without opening it. */
    private static Object fileKey(Path file) {
        try {
            Object k = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return k != null ? k : "exists"; // no file keys on this platform (where an open file cannot be deleted anyway)
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean same(Path a, Path b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether {@code inner} lies inside {@code dir} (by name, and by real path). */
    private static boolean contains(Path dir, Path inner) {
        if (inner.startsWith(dir)) {
            return true;
        }
        try {
            Path rd = dir.toRealPath();
            Path ri = inner.toRealPath();
            return ri.startsWith(rd);
        } catch (IOException e) {
            return false;
        }
    }
}
