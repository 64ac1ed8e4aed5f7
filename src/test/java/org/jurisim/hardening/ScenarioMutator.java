package org.jurisim.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of a scenario file. Text mutations break the YAML (deleted, duplicated, swapped or
 * re-indented lines; truncation; stray YAML syntax, tabs, unicode, hostile tags); tree mutations keep it
 * well-formed YAML and break the scenario (deleted keys, wrong types, huge, negative and non-finite
 * numbers, unicode strings, absurd dates and durations, generated rule expressions, unknown keys).
 */
final class ScenarioMutator {

    /** A mutated scenario and what was done to it (for the failure message). */
    record Mutant(String text, String description) {
    }

    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static final String[] HOSTILE_LINES = {
        "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:9/x\"]]]]",
        "x: !!java.lang.ProcessBuilder [[\"touch\", \"/tmp/jurisim-pwned\"]]",
        "<<: *nothing", "a: &a [*a]", "---", "%YAML 1.1", "? [complex, key]\n: value", "k: !!binary AAAA", "\t- tab",
        "key: value: another", "- item", "name: second name", "\"unterminated: \"quote", "{broken: flow", "[1, 2",
        "x: |\n  block\n bad", "x: >-", "x: @reserved", "x: `backtick`", "x: *undefined", "x: &anchor", "\ufeffname: bom",
        "jurisdictions: {generate: {counties: 1000000000}}", "duration: 1000y", "seed: -1", "start: 2026-02-30",
        "x: \"\\q\"", "x: '\u0007bell'", "extends: /dev/zero", "extends: .", "extends: missing.yaml",
    };
    private static final String[] UNICODE = {"\u00e9", "\u2603", "\ud83d\ude80", "\u202e", "\u200b", "\ufeff", "\u0000", "\u0085",
        "\u2028", "\ud800", "\uffff", "\u00a0", "\u3000", "\u0301", "Ω", "中文", "\u0007", "\r", "\\"};
    private static final char[] SPECIAL = {':', '-', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '#',
        '\t', '\n', ' ', ',', '?'};

    private final Random rnd;
    private final RuleGen rules;

    ScenarioMutator(Random rnd) {
        this.rnd = rnd;
        this.rules = new RuleGen(rnd);
    }

    Mutant mutate(String original) {
        if (rnd.nextInt(100) < 45) {
            return text(original);
        }
        try {
            return tree(original);
        } catch (Exception e) {
            return text(original);
        }
    }

    // ------------------------------------------------------------------ text

    private Mutant text(String s) {
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        int n = Math.max(1, lines.size());
        int i = rnd.nextInt(n);
        String line = i < lines.size() ? lines.get(i) : "";
        String what;
        switch (rnd.nextInt(11)) {
            case 0 -> {
                lines.remove(i);
                what = "deleted line " + (i + 1);
            }
            case 1 -> {
                lines.add(i, line);
                what = "duplicated line " + (i + 1);
            }
            case 2 -> {
                int cut = rnd.nextInt(Math.max(1, s.length()));
                return new Mutant(s.substring(0, cut), "truncated at character " + cut);
            }
            case 3 -> {
                String u = UNICODE[rnd.nextInt(UNICODE.length)];
                int at = line.isEmpty() ? 0 : rnd.nextInt(line.length() + 1);
                lines.set(i, line.substring(0, at) + u + line.substring(at));
                what = "inserted U+" + Integer.toHexString(u.codePointAt(0)) + " in line " + (i + 1);
            }
            case 4 -> {
                char c = SPECIAL[rnd.nextInt(SPECIAL.length)];
                int at = line.isEmpty() ? 0 : rnd.nextInt(line.length());
                lines.set(i, line.isEmpty() ? String.valueOf(c) : line.substring(0, at) + c + line.substring(at + 1));
                what = "replaced a character of line " + (i + 1) + " by '" + c + "'";
            }
            case 5 -> {
                int j = rnd.nextInt(n);
                if (j < lines.size()) {
                    lines.set(i, lines.get(j));
                    lines.set(j, line);
                }
                what = "swapped lines " + (i + 1) + " and " + (j + 1);
            }
            case 6 -> {
                lines.set(i, rnd.nextBoolean() ? "  " + line : line.replaceFirst("^ {1,2}", ""));
                what = "re-indented line " + (i + 1);
            }
            case 7 -> {
                String h = HOSTILE_LINES[rnd.nextInt(HOSTILE_LINES.length)];
                lines.add(i, h);
                what = "inserted line " + (i + 1) + ": " + h;
            }
            case 8 -> {
                String num = pickNumber();
                String replaced = line.replaceFirst("-?[0-9]+(\\.[0-9]+)?", java.util.regex.Matcher.quoteReplacement(num));
                lines.set(i, replaced);
                what = "replaced the first number of line " + (i + 1) + " by " + num;
            }
            case 9 -> {
                StringBuilder b = new StringBuilder();
                int len = 1 + rnd.nextInt(40);
                for (int k = 0; k < len; k++) {
                    b.append((char) rnd.nextInt(0x3000));
                }
                lines.add(i, b.toString());
                what = "inserted a line of random characters at " + (i + 1);
            }
            default -> {
                String expr = rules.next(rnd.nextBoolean());
                lines.add(i, "# rule: " + expr);
                lines.add(i + 1, "x" + rnd.nextInt(9) + ": \"" + expr.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
                what = "inserted an unknown key with a rule at line " + (i + 2);
            }
        }
        return new Mutant(String.join("\n", lines), what);
    }

    private String pickNumber() {
        String[] nums = {"0", "-1", "-0.5", "1e308", "1e309", "-1e309", "9223372036854775808", "99999999999999999999999999",
            "2147483648", "-2147483649", "1000000000", "0.0000001", "1_000", "0x1F", "0o17", ".inf", "-.inf", ".nan", "1e-400", "007",
            "+5", "3.", "1,000"};
        return nums[rnd.nextInt(nums.length)];
    }

    // ------------------------------------------------------------------ tree

    private Mutant tree(String s) throws Exception {
        JsonNode root = YAML.readTree(s);
        if (!(root instanceof ObjectNode obj)) {
            return text(s);
        }
        List<String> paths = new ArrayList<>();
        List<JsonNode> parents = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        collect(obj, "", paths, parents, keys);
        int k = rnd.nextInt(paths.size());
        String path = paths.get(k);
        JsonNode parent = parents.get(k);
        Object key = keys.get(k);
        String what;
        switch (rnd.nextInt(8)) {
            case 0 -> {
                remove(parent, key);
                what = "deleted " + path;
            }
            case 1 -> {
                JsonNode v = value();
                set(parent, key, v);
                what = "set " + path + " to " + v;
            }
            case 2 -> {
                JsonNode v = numeric();
                set(parent, key, v);
                what = "set " + path + " to number " + v;
            }
            case 3 -> {
                String expr = rules.next(rnd.nextBoolean());
                set(parent, key, F.textNode(expr));
                what = "set " + path + " to rule " + expr;
            }
            case 4 -> {
                if (parent instanceof ObjectNode o) {
                    o.set(key + "x", get(parent, key) == null ? F.nullNode() : get(parent, key).deepCopy());
                    what = "added unknown key " + path + "x";
                } else {
                    ((ArrayNode) parent).add(get(parent, key).deepCopy());
                    what = "appended a copy of " + path;
                }
            }
            case 5 -> {
                JsonNode old = get(parent, key);
                ArrayNode wrap = F.arrayNode().add(old == null ? F.nullNode() : old.deepCopy());
                set(parent, key, rnd.nextBoolean() ? wrap : F.objectNode().set("value", wrap));
                what = "wrapped " + path + " in a list or mapping";
            }
            case 6 -> {
                String[] texts = {"2026-02-30", "0000-01-01", "9999-12-31", "2026-1-1", "1000y", "999999y", "73200d", "0d", "-3d",
                    "3D", "", " ", "null", "yes", "no", "on", "\u0000", "\ud83d\ude80\ud83d\ude80", "\u202eevil", "A".repeat(300),
                    "standard", "sanctuary", "XX", "Cook County, IL", "../../etc/passwd", "/dev/zero", "NaN", "Infinity"};
                String t = texts[rnd.nextInt(texts.length)];
                set(parent, key, F.textNode(t));
                what = "set " + path + " to text \"" + t + "\"";
            }
            default -> {
                JsonNode old = get(parent, key);
                if (old instanceof ArrayNode a && !a.isEmpty()) {
                    ArrayNode big = F.arrayNode();
                    int copies = 1 + rnd.nextInt(200);
                    for (int c = 0; c < copies; c++) {
                        big.add(a.get(c % a.size()).deepCopy());
                    }
                    set(parent, key, big);
                    what = "repeated the items of " + path + " to " + copies;
                } else {
                    remove(parent, key);
                    what = "deleted " + path;
                }
            }
        }
        return new Mutant(YAML.writeValueAsString(obj), what);
    }

    private JsonNode value() {
        return switch (rnd.nextInt(10)) {
            case 0 -> F.textNode("text");
            case 1 -> F.booleanNode(rnd.nextBoolean());
            case 2 -> F.nullNode();
            case 3 -> F.arrayNode();
            case 4 -> F.objectNode();
            case 5 -> F.arrayNode().add(1).add("two");
            case 6 -> F.objectNode().put("a", 1);
            case 7 -> F.textNode(UNICODE[rnd.nextInt(UNICODE.length)]);
            case 8 -> F.textNode("x".repeat(1 + rnd.nextInt(5000)));
            default -> numeric();
        };
    }

    private JsonNode numeric() {
        return switch (rnd.nextInt(12)) {
            case 0 -> F.numberNode(0);
            case 1 -> F.numberNode(-1);
            case 2 -> F.numberNode(-1e9);
            case 3 -> F.numberNode(1e308);
            case 4 -> F.numberNode(Long.MAX_VALUE);
            case 5 -> F.numberNode(Long.MIN_VALUE);
            case 6 -> F.numberNode(new BigInteger("123456789012345678901234567890"));
            case 7 -> F.numberNode(1_000_000_000L);
            case 8 -> F.numberNode(0.5);
            case 9 -> F.numberNode(Double.MIN_VALUE);
            case 10 -> F.numberNode(Integer.MAX_VALUE + 1L);
            default -> F.numberNode(rnd.nextInt(200_000) - 100);
        };
    }

    private static void collect(JsonNode n, String path, List<String> paths, List<JsonNode> parents, List<Object> keys) {
        if (n instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                String p = path.isEmpty() ? f : path + "." + f;
                paths.add(p);
                parents.add(o);
                keys.add(f);
                collect(o.get(f), p, paths, parents, keys);
            }
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size() && i < 50; i++) {
                String p = path + "[" + i + "]";
                paths.add(p);
                parents.add(a);
                keys.add(i);
                collect(a.get(i), p, paths, parents, keys);
            }
        }
    }

    private static JsonNode get(JsonNode parent, Object key) {
        return key instanceof Integer i ? parent.get(i) : parent.get((String) key);
    }

    private static void set(JsonNode parent, Object key, JsonNode v) {
        if (key instanceof Integer i) {
            ((ArrayNode) parent).set(i, v);
        } else {
            ((ObjectNode) parent).set((String) key, v);
        }
    }

    private static void remove(JsonNode parent, Object key) {
        if (key instanceof Integer i) {
            ((ArrayNode) parent).remove((int) i);
        } else {
            ((ObjectNode) parent).remove((String) key);
        }
    }
}
