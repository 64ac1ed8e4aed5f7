package org.jurisim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How resolved scenarios differ, by meaning rather than by text: numbers by value ({@code 0} and {@code 0.0} are the
 * same), events matched by their date, kind and target (whom or what they act on), not by their place in the list,
 * and compared on what they do; their notes are labels and do not count.
 */
final class ScenarioDiff {

    /** The fields that say whom or what an event acts on; the others (but the note) say what it does. */
    static final List<String> TARGET_FIELDS = List.of("jurisdictions", "when", "state", "caseType", "plaintiff", "defendant", "path");

    private ScenarioDiff() {
    }

    /** A parameter whose values differ: the value in each scenario (null where absent). */
    record Parameter(String path, List<String> values) {
    }

    /**
     * An event present in some scenarios or doing different things: its date, kind and target, and per scenario what it
     * does (null where the scenario has no such event).
     */
    record Event(String date, String kind, String target, List<String> effects, String note) {
    }

    /** The parameters (events aside) whose values differ by value between the scenarios. */
    static List<Parameter> parameters(List<JsonNode> scenarios) {
        List<Map<String, String>> flat = new ArrayList<>();
        for (JsonNode s : scenarios) {
            Map<String, String> f = new LinkedHashMap<>();
            if (s != null) {
                for (Map.Entry<String, JsonNode> e : s.properties()) {
                    if (!e.getKey().equals("events")) {
                        flatten(e.getValue(), e.getKey(), f);
                    }
                }
            }
            flat.add(f);
        }
        Set<String> paths = new LinkedHashSet<>();
        flat.forEach(f -> paths.addAll(f.keySet()));
        List<Parameter> out = new ArrayList<>();
        for (String p : paths) {
            String v0 = flat.get(0).get(p);
            if (flat.stream().anyMatch(f -> !sameValue(f.get(p), v0))) {
                out.add(new Parameter(p, flat.stream().map(f -> f.get(p)).toList()));
            }
        }
        return out;
    }

    /** The events that not every scenario has with the same effect, in date order. */
    static List<Event> events(List<JsonNode> scenarios) {
        // key "date|kind|target#k" (the k-th such event of the file) -> effect per scenario
        Map<String, String[]> effects = new LinkedHashMap<>();
        Map<String, String[]> meta = new LinkedHashMap<>();
        for (int i = 0; i < scenarios.size(); i++) {
            JsonNode s = scenarios.get(i);
            JsonNode list = s == null ? null : s.get("events");
            if (list == null || !list.isArray()) {
                continue;
            }
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (JsonNode e : list) {
                String date = text(e.get("on"));
                String kind = text(e.get("do"));
                String target = target(e);
                String base = date + "|" + kind + "|" + target;
                int k = seen.merge(base, 1, Integer::sum);
                String key = base + "#" + k;
                effects.computeIfAbsent(key, x -> new String[scenarios.size()])[i] = effect(e);
                String[] m = meta.computeIfAbsent(key, x -> new String[] {date, kind, target, null});
                if (m[3] == null && e.hasNonNull("note")) {
                    m[3] = e.get("note").asText();
                }
            }
        }
        List<Event> out = new ArrayList<>();
        for (Map.Entry<String, String[]> e : effects.entrySet()) {
            String[] v = e.getValue();
            boolean same = true;
            for (String x : v) {
                same &= x != null && x.equals(v[0]);
            }
            if (!same) {
                String[] m = meta.get(e.getKey());
                out.add(new Event(m[0], m[1], m[2], java.util.Arrays.asList(v), m[3]));
            }
        }
        out.sort(Comparator.comparing(Event::date).thenComparing(Event::kind).thenComparing(Event::target));
        return out;
    }

    /** Whom or what an event acts on, e.g. {@code state=IL} or {@code when=jurisdiction.partisanLean >= 0.6}; "all" when unsaid. */
    static String target(JsonNode e) {
        List<String> parts = new ArrayList<>();
        for (String f : TARGET_FIELDS) {
            if (e.hasNonNull(f)) {
                parts.add(f + "=" + canonical(e.get(f)));
            }
        }
        return parts.isEmpty() ? "all" : String.join("; ", parts);
    }

    /** What an event does: its other fields (notes aside), numbers by value, in name order. */
    static String effect(JsonNode e) {
        List<String> parts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        e.fieldNames().forEachRemaining(names::add);
        names.sort(Comparator.naturalOrder());
        for (String f : names) {
            if (f.equals("on") || f.equals("do") || f.equals("note") || TARGET_FIELDS.contains(f)) {
                continue;
            }
            parts.add(f + "=" + canonical(e.get(f)));
        }
        return parts.isEmpty() ? "(as listed)" : String.join("; ", parts);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? "" : n.asText();
    }

    /** A value in a form where equal meanings are equal text: numbers without trailing zeros, lists element-wise. */
    static String canonical(JsonNode n) {
        if (n == null || n.isNull()) {
            return "null";
        }
        if (n.isArray()) {
            List<String> v = new ArrayList<>();
            n.forEach(c -> v.add(canonical(c)));
            return "[" + String.join(", ", v) + "]";
        }
        if (n.isObject()) {
            Map<String, String> f = new java.util.TreeMap<>();
            n.properties().forEach(e -> f.put(e.getKey(), canonical(e.getValue())));
            return f.toString();
        }
        String t = n.asText();
        BigDecimal b = number(t);
        return b == null ? t : b.toPlainString();
    }

    /** Whether two flattened values mean the same: equal text, or equal numbers. */
    static boolean sameValue(String a, String b) {
        if (Objects.equals(a, b)) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        return x != null && y != null && x.compareTo(y) == 0;
    }

    private static BigDecimal number(String t) {
        if (t == null || t.isEmpty() || !(Character.isDigit(t.charAt(t.length() - 1)) || t.endsWith("."))) {
            return null;
        }
        try {
            BigDecimal b = new BigDecimal(t.trim());
            return b.signum() == 0 ? BigDecimal.ZERO : b.stripTrailingZeros();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Flattens a tree into path -> value; lists of scalars stay one value. */
    static void flatten(JsonNode n, String path, Map<String, String> out) {
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                flatten(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
            }
        } else if (n.isArray()) {
            boolean scalars = true;
            for (JsonNode c : n) {
                scalars &= c.isValueNode();
            }
            if (scalars) {
                List<String> v = new ArrayList<>();
                n.forEach(c -> v.add(canonical(c)));
                out.put(path, "[" + String.join(", ", v) + "]");
            } else {
                for (int i = 0; i < n.size(); i++) {
                    flatten(n.get(i), path + "[" + i + "]", out);
                }
            }
        } else {
            out.put(path, n.isNull() ? "null" : n.asText());
        }
    }
}
