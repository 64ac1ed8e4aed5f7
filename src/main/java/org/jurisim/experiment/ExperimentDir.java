package org.jurisim.experiment;

import java.util.List;



import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Location;
import org.jurisim.common.Problem;
import org.jurisim.output.OutputPlace;
import org.jurisim.output.RunDirectory;

/**
 * An experiment's output directory: written in {@code DIR.incomplete/} (with an {@code INCOMPLETE} marker, as for
 * single runs) and renamed to {@code DIR} when finished. Unlike a single run's, an interrupted experiment's work
 * directory is kept: it records the experiment's settings ({@code experiment.json}) and what was finished
 * ({@code journal.txt}, {@code parts/}), and running the same experiment again resumes it. What may be replaced
 * and the lock held from {@link #open} to {@link #close()} are {@link OutputPlace}'s, as for single runs.
 */
final class ExperimentDir implements AutoCloseable {

    static final String MARKER = RunDirectory.MARKER;
    static final String SETTINGS = "experiment.json";
    static final String JOURNAL = "journal.txt";
    static final String PARTS = "parts";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path target;
    private final Path work;
    private final boolean force;
    private final boolean resumed;
    private final OutputPlace.Lock lock;

    private ExperimentDir(Path target, Path work, boolean force, boolean resumed, OutputPlace.Lock lock) {
        this.target = target;
        this.work = work;
        this.force = force;
        this.resumed = resumed;
        this.lock = lock;
    }

    /**
     * Opens the work directory for an experiment with these settings.
     *
     * @param resume resume an interrupted experiment with the same settings found in {@code DIR.incomplete}
     *               (otherwise any such work is discarded)
     */
    static ExperimentDir open(Path target, boolean force, boolean resume, JsonNode settings, Consumer<String> note)
            throws IOException, RunDirectory.ExistsException, BadInputException {
        // as it will read back from experiment.json (numbers of one JSON type, so that equal settings compare equal)
        settings = JSON.readTree(JSON.writeValueAsString(settings));
        OutputPlace.Lock lock = OutputPlace.claim(target, force, true);
        Path abs = target.toAbsolutePath().normalize();
        try {
            Path work = workOf(abs);
            if (Files.isDirectory(work) && Files.isRegularFile(work.resolve(SETTINGS))) {
                if (resume) {
                    JsonNode old = JSON.readTree(work.resolve(SETTINGS).toFile());
                    if (old.equals(settings)) {
                        Files.writeString(work.resolve(MARKER), "experiment resumed at " + Instant.now() + "\n", StandardCharsets.UTF_8);
                        return new ExperimentDir(abs, work, force, true, lock);
                    }
                    String where = work.resolve(SETTINGS).toString();
                    String field = firstDifference(old, settings, "");
                    throw new BadInputException(new Problem(new Location(where, 1, 1), field,
                            "an interrupted experiment with other settings is waiting here to be resumed (" + field + " differs); "
                                    + "rerun it with the same settings to resume it, or add --no-resume to discard its work"));
                }
                note.accept("discarding the interrupted experiment in " + work);
            }
            try {
                if (Files.exists(work)) {
                    deleteTree(work);
                }
                Files.createDirectories(work);
                Files.writeString(work.resolve(MARKER), "experiment in progress since " + Instant.now() + "\n", StandardCharsets.UTF_8);
            } catch (java.nio.file.FileSystemException e) {
                throw OutputPlace.unwritable(work, e);
            }
            Files.writeString(work.resolve(SETTINGS), JSON.writeValueAsString(settings) + "\n", StandardCharsets.UTF_8);
            return new ExperimentDir(abs, work, force, false, lock);
        } catch (IOException | BadInputException | RuntimeException | Error e) {
            lock.close();
            throw e;
        }
    }

    static Path workOf(Path target) {
        return OutputPlace.workOf(target);
    }

    /** The first field (as a dotted path) where two settings trees differ. */
    static String firstDifference(JsonNode a, JsonNode b, String path) {
        if (a.isObject() && b.isObject()) {
            for (Map.Entry<String, JsonNode> e : b.properties()) {
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                JsonNode o = a.get(e.getKey());
                if (o == null) {
                    return p;
                }
                if (!o.equals(e.getValue())) {
                    return firstDifference(o, e.getValue(), p);
                }
            }
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!b.has(k)) {
                    return path.isEmpty() ? k : path + "." + k;
                }
            }
            return path;
        }
        if (a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                if (!a.get(i).equals(b.get(i))) {
                    return firstDifference(a.get(i), b.get(i), path + "[" + i + "]");
                }
            }
        }
        return path.isEmpty() ? "(settings)" : path;
    }

    Path work() {
        return work;
    }

    Path target() {
        return target;
    }

    Path parts() throws IOException {
        return Files.createDirectories(work.resolve(PARTS));
    }

    boolean resumed() {
        return resumed;
    }

    /** Removes the bookkeeping and publishes the directory under its final name. */
    void commit() throws IOException {
        deleteTree(work.resolve(PARTS));
        Files.deleteIfExists(work.resolve(JOURNAL));
        Files.deleteIfExists(work.resolve(SETTINGS));
        Files.deleteIfExists(work.resolve(MARKER));
        OutputPlace.publish(work, target, force, "experiment");
    }

    /** Releases the directory's lock (after {@link #commit()} or {@link #fail}). */
    @Override
    public void close() throws IOException {
        lock.close();
    }

    /** Leaves the work directory to be resumed, with the reason in its marker. */
    /** Marks the directory interrupted after an I/O failure and returns the failure to report (a full disk said so). */
    IOException fail(IOException e) {
        IOException reported = org.jurisim.output.RunDirectory.diagnose(work, e);
        fail(reported.toString());
        return reported;
    }

    void fail(String reason) {
        try {
            Files.writeString(work.resolve(MARKER), "experiment interrupted at " + Instant.now() + ": " + reason
                    + "\nRun the same command again to resume it.\n", StandardCharsets.UTF_8);
        } catch (IOException ignored) {
            // best effort: the directory name already says .incomplete
        }
    }

    static void writeJson(Path file, JsonNode node) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(node) + "\n", StandardCharsets.UTF_8);
    }

    static ObjectMapper json() {
        return JSON;
    }

    /** The start of every experiment manifest: {@link Manifest}'s header (kept for callers that build their own). */
    static void deleteTree(Path p) throws IOException {
        RunDirectory.deleteTree(p);
    }
}
