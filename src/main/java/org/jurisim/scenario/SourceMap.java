package org.jurisim.scenario;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jurisim.common.Location;

/**
 * Where each field of a (possibly merged) scenario tree was written. Paths look like
 * {@code policies.limited.detainer} or {@code events[2].on}; the empty path is the document.
 */
public final class SourceMap {

    // sorted, so that the fields at or below a path are two contiguous ranges ("path." and "path[" prefixes):
    // replacing or copying a subtree costs its own size, not the size of the whole file (merging 100,000
    // top-level keys was quadratic with hash maps scanned per key)
    private final NavigableMap<String, Location> keys = new TreeMap<>();
    private final NavigableMap<String, Location> values = new TreeMap<>();
    private final NavigableMap<String, Location> contents = new TreeMap<>();

    void putKey(String path, Location l) {
        keys.put(path, l);
    }

    void putValue(String path, Location l) {
        values.put(path, l);
    }

    void putContent(String path, Location l) {
        contents.put(path, l);
    }

    /** Location of the key naming this field, else of its value, else of the nearest enclosing field. */
    public Location keyOf(String path, String fallbackFile) {
        Location l = keys.get(path);
        return l != null ? l : valueOf(path, fallbackFile);
    }

    /** Location of this field's value, else of the nearest enclosing field that has one. */
    public Location valueOf(String path, String fallbackFile) {
        String p = path;
        while (true) {
            Location l = values.get(p);
            if (l != null) {
                return l;
            }
            l = keys.get(p);
            if (l != null) {
                return l;
            }
            if (p.isEmpty()) {
                return new Location(fallbackFile, 1, 1);
            }
            p = parent(p);
        }
    }

    /** Location of the first character of a text value's content (inside quotes or a block). */
    public Location contentOf(String path, String fallbackFile) {
        Location l = contents.get(path);
        return l != null ? l : valueOf(path, fallbackFile);
    }

    /** True when some file wrote this exact field. */
    public boolean has(String path) {
        return values.containsKey(path) || keys.containsKey(path);
    }

    static String parent(String path) {
        int dot = path.lastIndexOf('.');
        int br = path.lastIndexOf('[');
        int cut = Math.max(dot, br);
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    /** Forgets everything at or below {@code path} (it is being replaced by another file's value). */
    void removeSubtree(String path) {
        if (path.isEmpty()) {
            keys.clear();
            values.clear();
            contents.clear();
            return;
        }
        for (NavigableMap<String, Location> m : List.of(keys, values, contents)) {
            m.remove(path);
            below(m, path, '.').clear();
            below(m, path, '[').clear();
        }
    }

    /** The entries whose path starts with {@code path + sep}: a range of the sorted map. */
    private static NavigableMap<String, Location> below(NavigableMap<String, Location> m, String path, char sep) {
        // every text that starts with path + sep sorts before path + (sep + 1), and none other between them
        return m.subMap(path + sep, true, path + (char) (sep + 1), false);
    }

    /** Copies the entries at or below {@code path} from another map. */
    void copySubtree(SourceMap from, String path) {
        copy(from.keys, keys, path);
        copy(from.values, values, path);
        copy(from.contents, contents, path);
    }

    private static void copy(NavigableMap<String, Location> src, Map<String, Location> dst, String path) {
        if (path.isEmpty()) {
            dst.putAll(src);
            return;
        }
        Location l = src.get(path);
        if (l != null) {
            dst.put(path, l);
        }
        dst.putAll(below(src, path, '.'));
        dst.putAll(below(src, path, '['));
    }

    /**
     * Copies the entries at or below {@code fromPath} of a one-line document (a {@code --set} value) to
     * {@code toPath}, moving them {@code shift} columns right and into {@code file}.
     */
    void copyShifted(SourceMap from, String fromPath, String toPath, String file, int shift) {
        List<NavigableMap<String, Location>> src = List.of(from.keys, from.values, from.contents);
        List<NavigableMap<String, Location>> dst = List.of(keys, values, contents);
        for (int i = 0; i < src.size(); i++) {
            for (Map.Entry<String, Location> e : src.get(i).entrySet()) {
                String k = e.getKey();
                if (k.equals(fromPath) || k.startsWith(fromPath + ".") || k.startsWith(fromPath + "[")) {
                    Location l = e.getValue();
                    dst.get(i).put(toPath + k.substring(fromPath.length()), new Location(file, l.line(), l.column() + shift));
                }
            }
        }
    }

    SourceMap copy() {
        SourceMap m = new SourceMap();
        m.keys.putAll(keys);
        m.values.putAll(values);
        m.contents.putAll(contents);
        return m;
    }

    /** Copies the key and value positions of exactly this field (a mapping both files write). */
    void copySubtreeShallow(SourceMap from, String path) {
        Location k = from.keys.get(path);
        if (k != null) {
            keys.put(path, k);
        }
        Location v = from.values.get(path);
        if (v != null) {
            values.put(path, v);
        }
    }
}
