package org.jurisim.gui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Recently opened scenarios, newest first, kept in {@code ~/.jurisim/recent-scenarios} (or under the
 * directory named by the {@code jurisim.home} system property).
 */
final class RecentFiles {

    static final int MAX = 8;
    private final Path store;

    RecentFiles() {
        String home = System.getProperty("jurisim.home");
        Path dir = home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".jurisim");
        this.store = dir.resolve("recent-scenarios");
    }

    List<Path> list() {
        List<Path> out = new ArrayList<>();
        try {
            if (Files.exists(store)) {
                for (String line : Files.readAllLines(store, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        out.add(Path.of(line.trim()));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return out;
        }
        return out;
    }

    void add(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        List<Path> l = list();
        l.remove(abs);
        l.add(0, abs);
        while (l.size() > MAX) {
            l.remove(l.size() - 1);
        }
        save(l);
    }

    void remove(Path p) {
        List<Path> l = list();
        l.remove(p);
        save(l);
    }

    private void save(List<Path> l) {
        try {
            Files.createDirectories(store.getParent());
            StringBuilder sb = new StringBuilder();
            l.forEach(x -> sb.append(x).append('\n'));
            Files.writeString(store, sb, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // recent files are a convenience: never fail the dashboard for them
        }
    }
}
