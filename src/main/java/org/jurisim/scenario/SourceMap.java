package org.jurisim.scenario;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jurisim.common.Location;

/**
 * Where each field of a (possibly merged) scenario tree was written. Paths look like
 * {@code policies.limited.detainer} or {@code events[2].on}; the empty path is the document.
 */
public final class SourceMap {

    private final Map<String, Location> keys = new HashMap<>();
    private final Map<String, Location> values = new HashMap<>();
    private final Map<String, Location> contents = new HashMap<>();

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
        for (Map<String, Location> m : java.util.List.of(keys, values, contents)) {
            m.keySet().removeIf(k -> k.equals(path) || k.startsWith(path + ".") || k.startsWith(path + "["));
        }
    }

    /** Copies the entries at or below {@code path} from another map. */
    void copySubtree(SourceMap from, String path) {
        copy(from.keys, keys, path);
        copy(from.values, values, path);
        copy(from.contents, contents, path);
    }

    private static void copy(Map<String, Location> src, Map<String, Location> dst, String path) {
        for (Map.Entry<String, Location> e : src.entrySet()) {
            String k = e.getKey();
            if (path.isEmpty() || k.equals(path) || k.startsWith(path + ".") || k.startsWith(path + "[")) {
                dst.put(k, e.getValue());
            }
        }
    }

    /**
     * Copies the entries at or below {@code fromPath} of a one-line document (a {@code --set} value) to
     * {@code toPath}, moving them {@code shift} columns right and into {@code file}.
     */
    void copyShifted(SourceMap from, String fromPath, String toPath, String file, int shift) {
        List<Map<String, Location>> src = List.of(from.keys, from.values, from.contents);
        List<Map<String, Location>> dst = List.of(keys, values, contents);
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
