package org.jurisim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import java.util.regex.Pattern;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Location;
import org.jurisim.common.Problem;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A YAML file read into a Jackson tree, with the file position of every key and value, so that
 * every later problem can be reported as {@code FILE:LINE:COLUMN: field.path: message}.
 *
 * <p>Reads YAML 1.2 style: only {@code true}/{@code false} are booleans (not yes/no/on/off), dates
 * stay text, duplicate keys and merge keys are refused, aliases and nesting are bounded.
 */
public final class YamlDocument {

    /** Largest scenario file read, in characters, unless {@link Limits#LARGE} is asked for. */
    public static final int MAX_CHARS = (int) Limits.DEFAULT.fileChars();
    static final int MAX_ALIASES = Limits.DEFAULT.aliases();
    static final int MAX_DEPTH = Limits.NESTING_DEPTH;

    private final String file;
    private final ObjectNode root;
    private final SourceMap sources;

    private YamlDocument(String file, ObjectNode root, SourceMap sources) {
        this.file = file;
        this.root = root;
        this.sources = sources;
    }

    public String file() {
        return file;
    }

    public ObjectNode root() {
        return root;
    }

    public SourceMap sources() {
        return sources;
    }

    /** Parses YAML text; {@code file} is the name used in messages. */
    public static YamlDocument parse(String file, String text) throws BadInputException {
        return parse(file, text, Limits.DEFAULT);
    }

    /** Parses YAML text within the given limits (file size, aliases, values after expansion). */
    public static YamlDocument parse(String file, String text, Limits limits) throws BadInputException {
        if (text.length() > limits.fileChars()) {
            throw new BadInputException(new Problem(new Location(file, 1, 1), "", tooLarge(text.length(), "characters", limits)));
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // checked here, with both positions in the message
        options.setMaxAliasesForCollections(limits.aliases());
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.fileChars() + 1));
        options.setAllowRecursiveKeys(false);
        Yaml yaml = new Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(options),
                new org.yaml.snakeyaml.representer.Representer(new DumperOptions()), new DumperOptions(),
                options, new Yaml12Resolver());
        Node node;
        String read = text;
        int retries = 0;
        try {
            while (true) {
                try {
                    node = yaml.compose(new StringReader(read));
                    break;
                } catch (MarkedYAMLException e) {
                    // YAML allows tabs as separators inside a line ({a: 1,<TAB>b: 2}, key:<TAB>value), never as indentation;
                    // SnakeYAML refuses both: a tab after text on its line is read as the space it stands for (same columns)
                    String separated = ++retries > 1000 ? null : separatorTab(read, e);
                    if (separated == null) {
                        throw e;
                    }
                    read = separated;
                }
            }
        } catch (MarkedYAMLException e) {
            throw new BadInputException(syntaxProblem(file, text, e));
        } catch (YAMLException e) {
            String m = oneLine(String.valueOf(e.getMessage()));
            if (m.startsWith("Number of aliases for non-scalar nodes exceeds")) {
                m = "expected at most " + limits.aliases() + " aliases (*name) of lists and mappings, found more"
                        + " (YAML alias limit, against 'billion laughs' files)" + limits.raise(Limits.DEFAULT.aliases(), Limits.LARGE.aliases());
            } else if (m.startsWith("Nesting Depth exceeded")) {
                m = "expected at most " + MAX_DEPTH + " levels of nested lists and mappings, found more (YAML nesting limit)"
                        + limits.raise(MAX_DEPTH, MAX_DEPTH);
            } else if (m.startsWith("The incoming YAML document exceeds the limit")) {
                m = tooLarge(text.length(), "characters", limits);
            } else {
                m = "YAML error: " + m;
            }
            throw new BadInputException(new Problem(new Location(file, 1, 1), "", m));
        } catch (StackOverflowError e) {
            throw new BadInputException(new Problem(new Location(file, 1, 1), "", "expected at most " + MAX_DEPTH
                    + " levels of nested lists and mappings, found more (YAML nesting limit)" + limits.raise(MAX_DEPTH, MAX_DEPTH)));
        }
        if (node == null) {
            throw new BadInputException(new Problem(new Location(file, 1, 1), "", "expected a mapping of scenario fields, found an empty file"));
        }
        long expanded = expandedSize(node, new IdentityHashMap<>(), new IdentityHashMap<>(), limits.values() + 1);
        if (expanded > limits.values()) {
            // counted on the composed graph, where an alias is one node: refused before anything is expanded
            throw new BadInputException(new Problem(loc(file, node), "", tooManyValues(limits)));
        }
        Converter c = new Converter(file, read, limits);
        JsonNode tree;
        try {
            tree = c.convert(node, "", 0);
        } catch (Converter.TooManyValues e) {
            throw new BadInputException(e.problem);
        }
        if (!c.problems.isEmpty()) {
            throw new BadInputException(c.problems);
        }
        if (!(tree instanceof ObjectNode obj)) {
            throw new BadInputException(new Problem(loc(file, node), "",
                    "expected a mapping of scenario fields, found " + describe(tree)));
        }
        return new YamlDocument(file, obj, c.sources);
    }

    /**
     * How many values the document has with every alias expanded (at most {@code cap}): memoised by node, so
     * that an alias bomb is measured in the time it takes to read it, not to expand it.
     */
    private static long expandedSize(Node n, IdentityHashMap<Node, Long> memo, IdentityHashMap<Node, Boolean> onPath, long cap) {
        Long known = memo.get(n);
        if (known != null) {
            return known;
        }
        if (n instanceof ScalarNode || onPath.containsKey(n)) {
            return 1; // a recursive alias is reported by the conversion
        }
        onPath.put(n, Boolean.TRUE);
        long total = 1;
        if (n instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                total = Math.min(cap, total + expandedSize(item, memo, onPath, cap));
            }
        } else if (n instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                total = Math.min(cap, total + expandedSize(t.getKeyNode(), memo, onPath, cap) + expandedSize(t.getValueNode(), memo, onPath, cap));
            }
        }
        onPath.remove(n);
        memo.put(n, total);
        return total;
    }

    static String tooManyValues(Limits limits) {
        return "expected at most " + Limits.number(limits.values()) + " values in the document with aliases expanded, found more"
                + " (YAML value limit, against alias bombs)" + limits.raise(Limits.DEFAULT.values(), Limits.LARGE.values());
    }

    /** The message for a file over the size limit. */
    static String tooLarge(long size, String unit, Limits limits) {
        return "expected a scenario file of at most " + Limits.number(limits.fileChars()) + " " + unit + ", found "
                + Limits.number(size) + " (file size limit; scenario files are configuration, not data: put large tables in a CSV)"
                + limits.raise(Limits.DEFAULT.fileChars(), Limits.LARGE.fileChars());
    }

    private static Location at(String file, Mark m) {
        return m == null ? new Location(file, 1, 1) : new Location(file, m.getLine() + 1, m.getColumn() + 1);
    }

    /**
     * Describes the first half of a UTF-16 surrogate pair standing alone in {@code s} (a {@code "\\ud800"} escape
     * gives one), which is no character and could not be written to any output; null if there is none.
     */
    static String unpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format(java.util.Locale.ROOT, "an unpaired surrogate \\u%04x, which is not a character (write the character itself, or a \\U00XXXXXX escape)", (int) c);
            }
        }
        return null;
    }

    /**
     * The text with the tabs SnakeYAML stopped at replaced by spaces, when they separate tokens inside a line (text
     * before them on the line, outside any quotes up to there); null when the tab is indentation, or the error another.
     */
    static String separatorTab(String text, MarkedYAMLException e) {
        Mark m = e.getProblemMark();
        if (m == null || e.getProblem() == null || !e.getProblem().startsWith("found character '\\t(TAB)'")) {
            return null;
        }
        int at = m.getIndex();
        if (at < 0 || at >= text.length() || text.charAt(at) != '\t') {
            return null;
        }
        int lineStart = text.lastIndexOf('\n', at - 1) + 1;
        if (text.substring(lineStart, at).isBlank()) {
            return null; // indentation
        }
        StringBuilder b = new StringBuilder(text);
        for (int i = at; i < b.length() && b.charAt(i) == '\t'; i++) {
            b.setCharAt(i, ' ');
        }
        return b.toString();
    }

    /** Block-structure tokens SnakeYAML names in "expected X, but found Y", in words. */
    private static String token(String t) {
        return switch (t) {
            case "<block mapping start>" -> "a key indented differently from the keys above it";
            case "<block sequence start>" -> "a list indented differently from the lines above it";
            case "-" -> "a list item '-' where a key was expected";
            case "?" -> "a key where a list item '-' was expected";
            case "<scalar>" -> "more text after the end of a value";
            case "<stream end>" -> "the end of the file";
            case "<block end>" -> "the end of an indented block";
            default -> "'" + t + "'";
        };
    }

    private static final Pattern EXPECTED_BUT = Pattern.compile("^expected (.*), but (?:found|got) '?(.*?)'?$");

    /** A YAML syntax error as one clear line: what was expected, what was found, located at its cause. */
    static Problem syntaxProblem(String file, String text, MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "malformed YAML" : oneLine(e.getProblem());
        String context = e.getContext() == null ? "" : oneLine(e.getContext());
        Mark pm = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        Mark cm = e.getContextMark();
        Location loc = at(file, pm);
        String msg;
        java.util.regex.Matcher m = EXPECTED_BUT.matcher(problem);
        if (problem.startsWith("found character '\\t(TAB)'")) {
            msg = "expected spaces, found a tab (YAML does not allow tabs for indentation)";
        } else if (problem.startsWith("found character '") && problem.contains("cannot start any token")) {
            String c = problem.substring("found character '".length(), problem.indexOf('\'', "found character '".length()));
            msg = "expected a key or a value, found '" + c + "', which cannot start one (put the text in quotes)";
        } else if (problem.equals("mapping values are not allowed here")) {
            msg = "expected a value without ': ' or a key lined up with the keys above it, found ':'"
                    + " (quote values that contain ': ', such as rules with '? :')";
        } else if (problem.startsWith("found unexpected end of stream") && context.contains("quoted scalar") && cm != null) {
            char q = cm.getIndex() < text.length() ? text.charAt(cm.getIndex()) : '"';
            loc = at(file, cm);
            msg = "expected a closing " + q + " for the text quoted here, found the end of the file";
        } else if (problem.startsWith("could not find expected ':'")) {
            loc = cm != null ? at(file, cm) : loc;
            msg = "expected 'key: value', found a line without ':' after the key";
        } else if (problem.startsWith("found undefined alias ")) {
            String a = problem.substring("found undefined alias ".length());
            msg = "expected an anchor &" + a + " defined above, found the alias *" + a + " with no anchor";
        } else if (problem.startsWith("found unknown escape character")) {
            msg = "expected an escape such as \\n, \\t, \\\" or \\\\ in double-quoted text, found \\" + escaped(problem)
                    + " (use single quotes for text with backslashes)";
        } else if (problem.startsWith("Global tag is not allowed: ")) {
            String tag = problem.substring("Global tag is not allowed: ".length()).replaceFirst("^tag:yaml.org,2002:", "!!");
            return new Problem(loc, "", "unsupported YAML tag " + tag + " (tags are not allowed in scenarios)");
        } else if (problem.startsWith("but found another document")) {
            msg = "expected a single YAML document, found a second one after '---'";
        } else if (m.matches() && (context.contains("flow sequence") || context.contains("flow mapping")) && cm != null) {
            String kind = context.contains("flow sequence") ? "[...] list" : "{...} mapping";
            msg = "expected " + m.group(1) + " in the " + kind + " opened at line " + (cm.getLine() + 1) + ", column "
                    + (cm.getColumn() + 1) + ", found " + token(m.group(2));
        } else if (m.matches() && m.group(1).equals("<block end>")) {
            String what = context.contains("block collection") ? "a list item '-' lined up with the items above it"
                    : "a key lined up with the keys above it";
            msg = "expected " + what + ", found " + token(m.group(2));
        } else if (m.matches()) {
            String expected = m.group(1).equals("the node content") ? "a value" : m.group(1);
            msg = "expected " + expected + ", found " + token(m.group(2));
        } else {
            msg = problem + (context.isEmpty() ? "" : " (" + context + ")");
        }
        return new Problem(loc, "", "YAML syntax error: " + msg);
    }

    private static String escaped(String problem) {
        String rest = problem.substring("found unknown escape character ".length()).trim();
        int paren = rest.lastIndexOf('(');
        return paren > 0 ? rest.substring(0, paren) : rest;
    }

    static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    static Location loc(String file, Node n) {
        Mark m = n.getStartMark();
        return m == null ? new Location(file, 1, 1) : new Location(file, m.getLine() + 1, m.getColumn() + 1);
    }

    /** A short description of a found value for "expected X, found Y" messages. */
    public static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isNull()) {
            return "null";
        }
        if (n.isObject()) {
            return "a mapping";
        }
        if (n.isArray()) {
            return "a list";
        }
        if (n.isBoolean()) {
            return "boolean " + n.asText();
        }
        if (n.isIntegralNumber()) {
            return "integer " + n.asText();
        }
        if (n.isNumber()) {
            return "number " + n.asText();
        }
        String t = n.asText();
        if (t.length() > 60) {
            t = t.substring(0, 57) + "...";
        }
        return "string \"" + t + "\"";
    }

    private static final class Converter {
        private final String file;
        private final String text;
        private final SourceMap sources = new SourceMap();
        private final List<Problem> problems = new ArrayList<>();
        private final IdentityHashMap<Node, Boolean> onPath = new IdentityHashMap<>();
        private final Limits limits;
        private long produced;

        /** Stops the conversion at the first value over the limit: one problem, not one per value. */
        static final class TooManyValues extends RuntimeException {
            final Problem problem;

            TooManyValues(Problem problem) {
                super(problem.message(), null, false, false);
                this.problem = problem;
            }
        }

        Converter(String file, String text, Limits limits) {
            this.file = file;
            this.text = text;
            this.limits = limits;
        }

        JsonNode convert(Node node, String path, int depth) {
            if (++produced > limits.values()) {
                throw new TooManyValues(new Problem(loc(file, node), path.length() > 80 ? path.substring(0, 77) + "..." : path,
                        tooManyValues(limits)));
            }
            sources.putValue(path, loc(file, node));
            if (node instanceof ScalarNode s) {
                sources.putContent(path, contentStart(s));
                return scalar(s, path);
            }
            if (onPath.containsKey(node)) {
                problems.add(new Problem(loc(file, node), path, "recursive alias is not allowed"));
                return JsonNodeFactory.instance.nullNode();
            }
            onPath.put(node, Boolean.TRUE);
            try {
                if (node instanceof SequenceNode seq) {
                    ArrayNode arr = JsonNodeFactory.instance.arrayNode();
                    int i = 0;
                    for (Node item : seq.getValue()) {
                        arr.add(convert(item, path + "[" + i + "]", depth + 1));
                        i++;
                    }
                    return arr;
                }
                MappingNode map = (MappingNode) node;
                ObjectNode obj = JsonNodeFactory.instance.objectNode();
                Map<String, Location> seen = new HashMap<>();
                for (NodeTuple t : map.getValue()) {
                    Node k = t.getKeyNode();
                    if (!(k instanceof ScalarNode ks)) {
                        problems.add(new Problem(loc(file, k), path, "expected a plain key, found a complex key"));
                        continue;
                    }
                    if (ks.getTag().equals(Tag.MERGE)) {
                        problems.add(new Problem(loc(file, k), path, "expected a field name, found a YAML merge key '<<', which scenarios do not support (write the fields out, or use 'extends' to reuse a scenario)"));
                        continue;
                    }
                    String key = ks.getValue();
                    String half = unpairedSurrogate(key);
                    if (half != null) {
                        problems.add(new Problem(loc(file, k), path, "expected a key of Unicode characters, found " + half));
                        continue;
                    }
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    Location kl = loc(file, k);
                    Location prev = seen.putIfAbsent(key, kl);
                    if (prev != null) {
                        problems.add(new Problem(kl, childPath, "expected each key once in a mapping, found '" + key + "' again (first given at line " + prev.line() + ")"));
                        continue;
                    }
                    sources.putKey(childPath, kl);
                    obj.set(key, convert(t.getValueNode(), childPath, depth + 1));
                }
                return obj;
            } finally {
                onPath.remove(node);
            }
        }

        /** Position of the first character of a scalar's content (after a quote, or on the first line of a block). */
        private Location contentStart(ScalarNode s) {
            Location start = loc(file, s);
            DumperOptions.ScalarStyle style = s.getScalarStyle();
            if (style == DumperOptions.ScalarStyle.SINGLE_QUOTED || style == DumperOptions.ScalarStyle.DOUBLE_QUOTED) {
                return new Location(file, start.line(), start.column() + 1);
            }
            if (style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED) {
                int idx = s.getStartMark().getIndex();
                int nl = text.indexOf('\n', idx);
                int line = start.line();
                while (nl >= 0 && nl + 1 < text.length()) {
                    line++;
                    int p = nl + 1;
                    int col = 0;
                    while (p < text.length() && text.charAt(p) == ' ') {
                        p++;
                        col++;
                    }
                    if (p < text.length() && text.charAt(p) != '\n' && text.charAt(p) != '\r') {
                        return new Location(file, line, col + 1);
                    }
                    nl = text.indexOf('\n', p);
                }
            }
            return start;
        }

        private JsonNode scalar(ScalarNode s, String path) {
            JsonNodeFactory f = JsonNodeFactory.instance;
            Tag tag = s.getTag();
            String v = s.getValue();
            String half = unpairedSurrogate(v);
            if (half != null) {
                problems.add(new Problem(loc(file, s), path, "expected text of Unicode characters, found " + half));
                return f.nullNode();
            }
            if (tag.equals(Tag.STR)) {
                return f.textNode(v);
            }
            if (tag.equals(Tag.NULL)) {
                return f.nullNode();
            }
            if (tag.equals(Tag.BOOL)) {
                return f.booleanNode(v.equalsIgnoreCase("true"));
            }
            if (tag.equals(Tag.INT)) {
                try {
                    BigInteger b = new BigInteger(v.replace("_", ""));
                    return b.bitLength() < 63 ? f.numberNode(b.longValue()) : f.numberNode(b);
                } catch (NumberFormatException e) {
                    return f.textNode(v);
                }
            }
            if (tag.equals(Tag.FLOAT)) {
                String t = v.replace("_", "");
                if (t.toLowerCase(java.util.Locale.ROOT).contains("inf") || t.toLowerCase(java.util.Locale.ROOT).contains("nan")) {
                    problems.add(new Problem(loc(file, s), path, "expected a finite number, found " + v));
                    return f.nullNode();
                }
                try {
                    return f.numberNode(Double.parseDouble(t));
                } catch (NumberFormatException e) {
                    return f.textNode(v);
                }
            }
            problems.add(new Problem(loc(file, s), path, "unsupported YAML tag " + tag.getValue() + " (tags are not allowed in scenarios)"));
            return f.nullNode();
        }
    }

    /** YAML 1.2 core schema: booleans are only true/false; dates are strings; no yes/no/on/off surprises. */
    static final class Yaml12Resolver extends Resolver {
        private static final Pattern BOOL12 = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
        private static final Pattern INT12 = Pattern.compile("^(?:[-+]?[0-9][0-9_]*)$");
        private static final Pattern FLOAT12 = Pattern.compile(
                "^(?:[-+]?(?:[0-9][0-9_]*)?\\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?:[eE][-+]?[0-9]+)|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
        private static final Pattern NULL12 = Pattern.compile("^(?:~|null|Null|NULL| )$");

        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL12, "tTfF");
            addImplicitResolver(Tag.INT, INT12, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT12, "-+0123456789.");
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL12, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }

}
