package org.jurisim.scenario;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jurisim.common.BadInputException;

/**
 * A scenario as it travels to another machine: the bytes of every file its loading read (the scenario file, the
 * files it {@code extends}, jurisdiction CSV files), their layout relative to one another, the {@code --set}
 * overrides and the size limits. Loading the bundle anywhere gives the same {@link Scenario} as loading the
 * original files here, without any shared file system: a Spark executor writes the files into a private temporary
 * directory and loads them from there.
 */
public final class ScenarioBundle implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final ThreadLocal<Map<Path, byte[]>> RECORDING = new ThreadLocal<>();

    private final String main;
    private final LinkedHashMap<String, byte[]> files;
    private final List<String> overrides;
    private final boolean large;
    private transient volatile Path materialized;

    private ScenarioBundle(String main, LinkedHashMap<String, byte[]> files, List<String> overrides, boolean large) {
        this.main = main;
        this.files = files;
        this.overrides = List.copyOf(overrides);
        this.large = large;
    }

    /** A scenario loaded here, and the bundle that loads it elsewhere. */
    public record Captured(Scenario scenario, ScenarioBundle bundle) {
    }

    /** Loads a scenario as {@link ScenarioLoader#load(Path, List, Limits)} does, recording every file it reads. */
    public static Captured capture(Path file, List<String> overrides, Limits limits) throws BadInputException {
        Map<Path, byte[]> read = new LinkedHashMap<>();
        Map<Path, byte[]> outer = RECORDING.get();
        RECORDING.set(read);
        Scenario s;
        try {
            s = ScenarioLoader.load(file, overrides, limits);
        } finally {
            if (outer == null) {
                RECORDING.remove();
            } else {
                RECORDING.set(outer);
            }
        }
        Path mainFile = file.toAbsolutePath().normalize();
        Path root = mainFile.getParent();
        for (Path p : read.keySet()) {
            root = commonAncestor(root, p.getParent());
        }
        LinkedHashMap<String, byte[]> files = new LinkedHashMap<>();
        for (Map.Entry<Path, byte[]> e : read.entrySet()) {
            files.put(portable(root.relativize(e.getKey())), e.getValue());
        }
        return new Captured(s, new ScenarioBundle(portable(root.relativize(mainFile)), files, overrides, limits.large()));
    }

    /** Called by the loader for every file it reads (only recorded while {@link #capture} runs on this thread). */
    static void recordRead(Path file, byte[] bytes) {
        Map<Path, byte[]> m = RECORDING.get();
        if (m != null) {
            m.putIfAbsent(file.toAbsolutePath().normalize(), bytes.clone());
        }
    }

    private static Path commonAncestor(Path a, Path b) {
        Path x = a;
        while (x != null && !b.startsWith(x)) {
            x = x.getParent();
        }
        return x == null ? a.getRoot() : x;
    }

    private static String portable(Path relative) {
        List<String> parts = new ArrayList<>();
        relative.forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }

    /** The scenario file's path inside the bundle ({@code /}-separated). */
    public String mainFile() {
        return main;
    }

    /** The files in the bundle ({@code /}-separated relative paths), in the order they were read. */
    public List<String> fileNames() {
        return List.copyOf(files.keySet());
    }

    /** Total size of the files, in bytes. */
    public long bytes() {
        return files.values().stream().mapToLong(b -> b.length).sum();
    }

    public List<String> overrides() {
        return Collections.unmodifiableList(overrides);
    }

    public Limits limits() {
        return Limits.of(large);
    }

    /** Writes the files under {@code dir} (keeping their layout) and returns the scenario file's path there. */
    public Path writeTo(Path dir) throws IOException {
        Path base = dir.toAbsolutePath().normalize();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path p = base.resolve(e.getKey()).normalize();
            if (!p.startsWith(base)) {
                throw new IOException("bundle entry outside its directory: " + e.getKey());
            }
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
        return base.resolve(main).normalize();
    }

    /**
     * The scenario file, written once per JVM into a private temporary directory (deleted when the JVM exits).
     * Load it with {@link #overrides()} and {@link #limits()}, or use {@link #load()}.
     */
    public Path materialize() {
        Path m = materialized;
        if (m == null) {
            synchronized (this) {
                m = materialized;
                if (m == null) {
                    try {
                        Path dir = Files.createTempDirectory("jurisim-scenario-");
                        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
                        m = writeTo(dir);
                        materialized = m;
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write the scenario files into a temporary directory", e);
                    }
                }
            }
        }
        return m;
    }

    /** Loads the scenario from the bundle, with its overrides. */
    public Scenario load() throws BadInputException {
        return ScenarioLoader.load(materialize(), overrides, limits());
    }

    private static void deleteQuietly(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(Collections.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort at exit
                }
            });
        } catch (IOException e) {
            // best effort at exit
        }
    }
}
