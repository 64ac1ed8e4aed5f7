package org.jurisim.experiment;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output files an experiment appends to, one finished unit (replicate or sweep run) at a time and in unit
 * order, and {@code journal.txt}, which records after each unit how long every file was. Resuming truncates the
 * files to the last recorded lengths (dropping anything half-written when the experiment was interrupted), so the
 * files always hold exactly the units 0 to {@link #committed()} - 1.
 */
final class Journal implements Closeable {

    private final Path journal;
    private final Map<String, Path> files = new LinkedHashMap<>();
    private final Map<String, OutputStream> outs = new LinkedHashMap<>();
    private final Map<String, Long> sizes = new LinkedHashMap<>();
    private final OutputStream log;
    private int committed;
    private boolean closed;

    private Journal(Path work, List<String> names) throws IOException {
        this.journal = work.resolve(ExperimentDir.JOURNAL);
        Map<String, Long> recorded = new LinkedHashMap<>();
        int units = 0;
        long journalLength = 0;
        if (Files.exists(journal)) {
            byte[] bytes = Files.readAllBytes(journal);
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                String[] f = line.split("\t");
                try {
                    int unit = Integer.parseInt(f[0]);
                    Map<String, Long> s = new LinkedHashMap<>();
                    for (int k = 1; k < f.length; k++) {
                        int eq = f[k].lastIndexOf('=');
                        s.put(f[k].substring(0, eq), Long.parseLong(f[k].substring(eq + 1)));
                    }
                    if (unit != units || !s.keySet().containsAll(names)) {
                        break;
                    }
                    recorded = s;
                    units = unit + 1;
                    journalLength = i + 1;
                } catch (RuntimeException e) {
                    break;
                }
                start = i + 1;
            }
        }
        this.committed = units;
        try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.truncate(journalLength);
        }
        for (String n : names) {
            Path f = work.resolve(n);
            long size = recorded.getOrDefault(n, 0L);
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                if (ch.size() < size) {
                    throw new IOException(f + " is shorter than its journal says (" + ch.size() + " < " + size
                            + " bytes); rerun with --no-resume");
                }
                ch.truncate(size);
            }
            files.put(n, f);
            sizes.put(n, size);
            outs.put(n, new BufferedOutputStream(Files.newOutputStream(f, StandardOpenOption.APPEND), 1 << 16));
        }
        this.log = Files.newOutputStream(journal, StandardOpenOption.APPEND);
    }

    /** Opens (or, when resuming, reopens and repairs) the files in {@code work}. */
    static Journal open(Path work, List<String> names) throws IOException {
        return new Journal(work, names);
    }

    /** Number of units already in the files (all units before this index). */
    int committed() {
        return committed;
    }

    Path file(String name) {
        return files.get(name);
    }

    long size(String name) {
        return sizes.get(name);
    }

    /** The header line of a file that already has one, else null. */
    String header(String name) throws IOException {
        if (sizes.get(name) == 0) {
            return null;
        }
        try (BufferedReader r = Files.newBufferedReader(files.get(name), StandardCharsets.UTF_8)) {
            return r.readLine();
        }
    }

    void append(String name, CharSequence text) throws IOException {
        byte[] b = text.toString().getBytes(StandardCharsets.UTF_8);
        outs.get(name).write(b);
        sizes.merge(name, (long) b.length, Long::sum);
    }

    /** Records that unit {@code unit} is complete in every file. */
    void unitDone(int unit) throws IOException {
        if (unit != committed) {
            throw new IllegalStateException("unit " + unit + " committed out of order (expected " + committed + ")");
        }
        StringBuilder line = new StringBuilder().append(unit);
        for (Map.Entry<String, OutputStream> e : outs.entrySet()) {
            e.getValue().flush();
            line.append('\t').append(e.getKey()).append('=').append(sizes.get(e.getKey()));
        }
        log.write(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        log.flush();
        committed++;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException first = null;
        for (OutputStream o : outs.values()) {
            try {
                o.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        log.close();
        if (first != null) {
            throw first;
        }
    }
}
