package org.jurisim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jurisim.common.Location;
import org.jurisim.common.Problem;
import org.jurisim.common.Suggest;

/**
 * The scenario JSON Schema: the one registry of scenario parameters (types, ranges, defaults, units,
 * meanings). Validation, defaults, {@code --set}, the documentation and editors all read it.
 */
public final class ScenarioSchema {

    public static final String RESOURCE = "/org/jurisim/scenario/schema.json";

    private static final ScenarioSchema INSTANCE = new ScenarioSchema();

    private final ObjectNode root;
    private final Schema schema;

    private ScenarioSchema() {
        try (InputStream in = ScenarioSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            root = (ObjectNode) new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // JuriSim's annotations (units, expected-value texts, live parameters) are known keywords that do not validate
        Dialect dialect = Dialect.builder(Dialects.getDraft202012())
                .keyword(new NonValidationKeyword("x-unit"))
                .keyword(new NonValidationKeyword("x-expected"))
                .keyword(new NonValidationKeyword("x-live"))
                .build();
        schema = SchemaRegistry.withDefaultDialect(dialect).getSchema(root);
    }

    public static ScenarioSchema get() {
        return INSTANCE;
    }

    /** The schema document (a copy). */
    public ObjectNode document() {
        return root.deepCopy();
    }

    /** A document holding every top-level default (the base every scenario is merged onto). */
    public ObjectNode defaults() {
        ObjectNode d = new ObjectMapper().createObjectNode();
        fillDefaults(d);
        return d;
    }

    /** Adds, in place, every default the schema declares for fields missing from {@code doc}. */
    public void fillDefaults(ObjectNode doc) {
        fill(doc, root);
    }

    private JsonNode deref(JsonNode s) {
        while (s != null && s.has("$ref")) {
            String ref = s.get("$ref").asText();
            s = root.at(ref.substring(1));
        }
        return s;
    }

    private void fill(JsonNode data, JsonNode s) {
        s = deref(s);
        if (s == null) {
            return;
        }
        if (data instanceof ObjectNode obj) {
            JsonNode props = s.get("properties");
            if (props != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode ps = e.getValue();
                    if (!obj.has(e.getKey())) {
                        JsonNode def = ps.has("default") ? ps.get("default") : deref(ps).get("default");
                        if (def != null) {
                            obj.set(e.getKey(), def.deepCopy());
                        }
                    }
                    if (obj.has(e.getKey())) {
                        fill(obj.get(e.getKey()), ps);
                    }
                }
            }
            JsonNode addl = s.get("additionalProperties");
            if (addl != null && addl.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (props == null || !props.has(e.getKey())) {
                        fill(e.getValue(), addl);
                    }
                }
            }
        } else if (data instanceof ArrayNode arr && s.has("items")) {
            for (JsonNode item : arr) {
                fill(item, s.get("items"));
            }
        }
    }

    /**
     * One field of the scenario format, as {@code --set} names it: list items by {@code [N]}, names chosen by the
     * scenario (a policy, a state) by {@code <name>}.
     *
     * @param path        e.g. {@code ice.officers}, {@code policies.<name>.detainer}, {@code events[N].on}
     * @param type        integer, number, boolean, text, date, CEL condition, one of ..., list of ...
     * @param unit        the {@code x-unit}, or empty
     * @param defaultValue the default as YAML text, or empty when there is none
     * @param range       the accepted range or form (e.g. {@code 0..1}, {@code >= 0}, {@code a date YYYY-MM-DD}), or empty
     * @param description what it means
     * @param numeric     whether {@code sweep --param} can vary it (a number or an integer)
     */
    public record Parameter(String path, String type, String unit, String defaultValue, String range, String description,
                            boolean numeric) {
    }

    /** Every field of the scenario format that holds a value, in schema order. */
    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        collectParameters(root, "", null, out, 0);
        return out;
    }

    private void collectParameters(JsonNode s, String path, JsonNode defaultHere, List<Parameter> out, int depth) {
        JsonNode d = deref(s);
        if (d == null || depth > 12) {
            return;
        }
        JsonNode def = s.has("default") ? s.get("default") : d.has("default") ? d.get("default") : defaultHere;
        JsonNode props = d.get("properties");
        JsonNode addl = d.get("additionalProperties");
        boolean object = props != null || (addl != null && addl.isObject());
        if (object) {
            if (props != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode childDefault = def != null && def.isObject() ? def.get(e.getKey()) : null;
                    collectParameters(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), childDefault, out, depth + 1);
                }
            }
            if (addl != null && addl.isObject()) {
                collectParameters(addl, (path.isEmpty() ? "" : path + ".") + "<name>", null, out, depth + 1);
            }
            return;
        }
        JsonNode items = d.get("items");
        if (items != null && deref(items) != null && (deref(items).has("properties") || deref(items).path("additionalProperties").isObject())) {
            collectParameters(items, path + "[N]", null, out, depth + 1);
            return;
        }
        String ref = s.has("$ref") ? s.get("$ref").asText() : "";
        out.add(new Parameter(path, typeOf(d, ref), d.path("x-unit").asText(""), def == null ? "" : yamlText(def), rangeOf(d),
                d.path("description").asText(s.path("description").asText("")), isNumeric(d)));
    }

    private static boolean isNumeric(JsonNode d) {
        String t = d.path("type").asText("");
        return t.equals("number") || t.equals("integer");
    }

    private String typeOf(JsonNode d, String ref) {
        if (ref.endsWith("/condition")) {
            return "CEL condition";
        }
        if (d.has("enum")) {
            List<String> vals = new ArrayList<>();
            d.get("enum").forEach(v -> vals.add(v.asText()));
            return "one of " + String.join(", ", vals);
        }
        JsonNode t = d.get("type");
        if (t == null) {
            return "any";
        }
        if (t.isArray()) {
            List<String> ts = new ArrayList<>();
            t.forEach(x -> ts.add(typeName(x.asText())));
            return String.join(" or ", ts);
        }
        if (t.asText().equals("array")) {
            JsonNode items = deref(d.get("items"));
            return "list of " + (items == null ? "values" : typeOf(items, d.path("items").path("$ref").asText("")).replace("one of", "values from"));
        }
        if (t.asText().equals("string") && "date".equals(d.path("x-unit").asText())) {
            return "date";
        }
        return typeName(t.asText());
    }

    private static String typeName(String t) {
        return t.equals("string") ? "text" : t;
    }

    private static String rangeOf(JsonNode d) {
        String lo = d.has("minimum") ? d.get("minimum").asText() : d.has("exclusiveMinimum") ? d.get("exclusiveMinimum").asText() : null;
        String hi = d.has("maximum") ? d.get("maximum").asText() : d.has("exclusiveMaximum") ? d.get("exclusiveMaximum").asText() : null;
        String loOp = d.has("exclusiveMinimum") ? ">" : ">=";
        String hiOp = d.has("exclusiveMaximum") ? "<" : "<=";
        if (lo != null && hi != null) {
            return (d.has("exclusiveMinimum") ? "(" : "[") + lo + ", " + hi + (d.has("exclusiveMaximum") ? ")" : "]");
        }
        if (lo != null) {
            return loOp + " " + lo;
        }
        if (hi != null) {
            return hiOp + " " + hi;
        }
        return d.path("x-expected").asText("");
    }

    private static String yamlText(JsonNode v) {
        if (v.isTextual()) {
            return v.asText().isEmpty() ? "\"\"" : v.asText();
        }
        if (v.isContainerNode()) {
            return v.isEmpty() ? (v.isArray() ? "[]" : "{}") : v.toString();
        }
        return v.asText();
    }

    /** Every live parameter (marked {@code x-live}), in schema order. */
    public List<LiveParameter> liveParameters() {
        List<LiveParameter> out = new ArrayList<>();
        collectLive(root, "", out);
        return out;
    }

    /** The live parameter at this path, if any. */
    public java.util.Optional<LiveParameter> liveParameter(String path) {
        return liveParameters().stream().filter(p -> p.path().equals(path)).findFirst();
    }

    private void collectLive(JsonNode s, String path, List<LiveParameter> out) {
        JsonNode d = deref(s);
        if (s.path("x-live").asBoolean(false) || d.path("x-live").asBoolean(false)) {
            List<String> values = new ArrayList<>();
            String type;
            if (d.has("enum")) {
                type = "enum";
                d.get("enum").forEach(v -> values.add(v.asText()));
            } else {
                type = d.path("type").asText("number");
            }
            Double min = d.has("minimum") ? d.get("minimum").asDouble() : null;
            Double max = d.has("maximum") ? d.get("maximum").asDouble() : null;
            String desc = s.has("description") ? s.get("description").asText() : d.path("description").asText("");
            out.add(new LiveParameter(path, type, min, max, values, d.path("x-unit").asText(""), desc));
            return;
        }
        JsonNode props = d.get("properties");
        if (props != null) {
            props.fields().forEachRemaining(e -> collectLive(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
        }
    }

    /**
     * Problems given in full (with "did you mean"); those after them in file order are only counted by the loader,
     * which lists the first {@link ScenarioLoader#MAX_PROBLEMS}, so they are made without the search for a near name.
     */
    static final int DETAILED_PROBLEMS = 1000;

    /** Validates a resolved scenario tree; problems are located through {@code sources}. */
    public List<Problem> validate(JsonNode doc, SourceMap sources, String file) {
        List<Error> errors = schema.validate(doc);
        // a required field that a misspelt key next to it was probably meant to be: the unknown-field
        // problem already says "did you mean", so "missing required field" would only repeat it
        // (looked for only in mappings that miss a required field: one search per unknown key costs time)
        java.util.Set<String> missingIn = new java.util.HashSet<>();
        for (Error e : errors) {
            if ("required".equals(e.getKeyword()) && e.getProperty() != null) {
                missingIn.add(path(e.getInstanceLocation()));
            }
        }
        java.util.Set<String> meant = new java.util.HashSet<>();
        for (Error e : errors) {
            if ("additionalProperties".equals(e.getKeyword()) && e.getProperty() != null
                    && missingIn.contains(path(e.getInstanceLocation()))) {
                JsonNode enclosing = enclosingSchema(e);
                if (enclosing != null && enclosing.has("properties")) {
                    List<String> names = new ArrayList<>();
                    enclosing.get("properties").fieldNames().forEachRemaining(names::add);
                    String path = path(e.getInstanceLocation());
                    Suggest.nearest(e.getProperty(), names).ifPresent(n -> meant.add(path.isEmpty() ? n : path + "." + n));
                }
            }
        }
        // in file order, so that the problems given in full are the ones listed first
        List<Map.Entry<Location, Error>> located = new ArrayList<>(errors.size());
        for (Error e : errors) {
            String path = path(e.getInstanceLocation());
            String child = e.getProperty() == null ? path : path.isEmpty() ? e.getProperty() : path + "." + e.getProperty();
            located.add(Map.entry(sources.keyOf(child, file), e));
        }
        located.sort(Map.Entry.comparingByKey(java.util.Comparator.comparing(Location::file).thenComparingInt(Location::line)
                .thenComparingInt(Location::column)));
        List<Problem> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Map.Entry<Location, Error> le : located) {
            Error e = le.getValue();
            if ("required".equals(e.getKeyword()) && e.getProperty() != null) {
                String path = path(e.getInstanceLocation());
                if (meant.contains(path.isEmpty() ? e.getProperty() : path + "." + e.getProperty())) {
                    continue;
                }
            }
            Problem p = toProblem(e, sources, file, out.size() < DETAILED_PROBLEMS);
            if (p != null && seen.add(p.format())) {
                out.add(p);
            }
        }
        return out;
    }

    static String path(NodePath np) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < np.getNameCount(); i++) {
            Object el = np.getElement(i);
            if (el instanceof Integer idx) {
                sb.append('[').append(idx).append(']');
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(el);
            }
        }
        return sb.toString();
    }

    private JsonNode schemaAt(Error e) {
        String frag = e.getSchemaLocation() == null ? null : e.getSchemaLocation().getFragment().toString();
        if (frag == null) {
            return null;
        }
        if (frag.startsWith("#")) {
            frag = frag.substring(1);
        }
        JsonNode n = root.at(frag);
        return n.isMissingNode() ? null : n;
    }

    /** The schema node (dereferenced) that applies to the field at the given schema location's parent. */
    private JsonNode enclosingSchema(Error e) {
        String frag = e.getSchemaLocation() == null ? "" : e.getSchemaLocation().getFragment().toString();
        if (frag.startsWith("#")) {
            frag = frag.substring(1);
        }
        int cut = frag.lastIndexOf('/');
        if (cut < 0) {
            return root;
        }
        JsonNode n = root.at(frag.substring(0, cut));
        return n.isMissingNode() ? null : deref(n);
    }

    private Problem toProblem(Error e, SourceMap sources, String file, boolean detailed) {
        String path = path(e.getInstanceLocation());
        JsonNode found = e.getInstanceNode();
        JsonNode enclosing = enclosingSchema(e);
        String kw = e.getKeyword() == null ? "" : e.getKeyword();
        String expectedHint = enclosing != null && enclosing.has("x-expected") ? enclosing.get("x-expected").asText() : null;
        Location at = sources.valueOf(path, file);
        switch (kw) {
            case "required": {
                String prop = e.getProperty();
                String child = path.isEmpty() ? prop : path + "." + prop;
                return new Problem(sources.keyOf(path, file), child, "missing required field '" + prop + "'");
            }
            case "additionalProperties": {
                String prop = e.getProperty();
                String child = path.isEmpty() ? prop : path + "." + prop;
                TreeSet<String> names = new TreeSet<>();
                if (enclosing != null && enclosing.has("properties")) {
                    enclosing.get("properties").fieldNames().forEachRemaining(names::add);
                }
                return new Problem(sources.keyOf(child, file), child,
                        "unknown field '" + prop + "'" + (detailed ? Suggest.hint(prop, names) : "")
                                + (names.isEmpty() ? "" : "; expected one of: " + String.join(", ", names)));
            }
            case "type": {
                JsonNode t = schemaAt(e);
                String expected = t == null ? "another type" : typeWords(t);
                return new Problem(at, path, "expected " + expected + ", found " + YamlDocument.describe(found));
            }
            case "enum":
            case "const": {
                JsonNode vals = schemaAt(e);
                List<String> options = new ArrayList<>();
                if (vals != null && vals.isArray()) {
                    vals.forEach(v -> options.add(v.asText()));
                } else if (vals != null) {
                    options.add(vals.asText());
                }
                String hint = found != null && found.isTextual() ? Suggest.hint(found.asText(), options) : "";
                return new Problem(at, path, "expected one of " + String.join(", ", options) + ", found "
                        + YamlDocument.describe(found) + hint);
            }
            case "minimum":
            case "maximum":
            case "exclusiveMinimum":
            case "exclusiveMaximum": {
                JsonNode lim = schemaAt(e);
                String op = switch (kw) {
                    case "minimum" -> ">=";
                    case "maximum" -> "<=";
                    case "exclusiveMinimum" -> ">";
                    default -> "<";
                };
                String unit = enclosing != null && enclosing.has("x-unit") ? " (" + enclosing.get("x-unit").asText() + ")" : "";
                return new Problem(at, path, "expected a number " + op + " " + (lim == null ? "?" : lim.asText()) + unit
                        + ", found " + (found == null ? "?" : found.asText()));
            }
            case "pattern":
            case "format": {
                String exp = expectedHint != null ? expectedHint : "text matching " + (schemaAt(e) == null ? "the pattern" : schemaAt(e).asText());
                return new Problem(at, path, "expected " + exp + ", found " + YamlDocument.describe(found));
            }
            case "propertyNames": {
                // a key the user chose (a policy name, a circuit id): it becomes a column name or a lookup key, so it is
                // checked here, at the key itself
                String prop = e.getProperty() == null ? "" : e.getProperty();
                String child = path.isEmpty() ? prop : path + "." + prop;
                JsonNode names = schemaAt(e);
                String exp;
                String hint = "";
                if (names != null && names.has("x-expected")) {
                    exp = names.get("x-expected").asText();
                } else if (names != null && names.has("enum")) {
                    List<String> options = new ArrayList<>();
                    names.get("enum").forEach(v -> options.add(v.asText()));
                    exp = "a name among " + String.join(", ", options);
                    hint = Suggest.hint(prop, options);
                } else {
                    exp = names != null && names.has("pattern") ? "a name matching " + names.get("pattern").asText() : "another name";
                }
                return new Problem(sources.keyOf(child, file), child, "expected " + exp + ", found the name "
                        + (prop.isEmpty() ? "\"\" (empty)" : "\"" + prop + "\"") + hint);
            }
            case "minLength":
                return new Problem(at, path, "expected a non-empty text, found " + YamlDocument.describe(found));
            case "maxLength": {
                JsonNode lim = schemaAt(e);
                return new Problem(at, path, "expected at most " + (lim == null ? "?" : lim.asText()) + " characters, found "
                        + (found == null ? "?" : found.asText().length()));
            }
            case "minItems": {
                JsonNode lim = schemaAt(e);
                return new Problem(at, path, "expected at least " + (lim == null ? "1" : lim.asText()) + " item(s), found "
                        + (found == null ? 0 : found.size()));
            }
            case "maxItems": {
                JsonNode lim = schemaAt(e);
                return new Problem(at, path, "expected at most " + (lim == null ? "?" : lim.asText()) + " items, found "
                        + (found == null ? "?" : found.size()) + " (a limit of this format)");
            }
            case "uniqueItems":
                return new Problem(at, path, "expected distinct items, found a repeated item");
            case "if":
            case "then":
            case "allOf":
                return null; // the nested keyword (e.g. required) is reported itself
            default:
                return new Problem(at, path, YamlDocument.oneLine(String.valueOf(e.getMessage())));
        }
    }

    private static String typeWords(JsonNode t) {
        List<String> words = new ArrayList<>();
        if (t.isArray()) {
            t.forEach(x -> words.add(typeWord(x.asText())));
        } else {
            words.add(typeWord(t.asText()));
        }
        return String.join(" or ", words);
    }

    private static String typeWord(String t) {
        return switch (t) {
            case "object" -> "a mapping";
            case "array" -> "a list";
            case "string" -> "a text";
            case "integer" -> "an integer";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            default -> t;
        };
    }
}
