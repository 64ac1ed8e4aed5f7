package org.jurisim.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The ODD (docs/ODD.md) must match the code: every scenario parameter is named there by its full dotted
 * path, as it is in the generated docs/scenario-format.md, and every submodel section names a class that
 * exists.
 *
 * <p>A "parameter" is a leaf of the scenario schema (src/main/resources/org/jurisim/scenario/schema.json)
 * that is a number, an integer, a boolean or an enumeration, under the top-level sections listed in
 * {@link #SECTIONS}. Left out as structural: names, dates and the seed; lists (of states, places,
 * jurisdictions, pins, events, precedents, charts) and free-form maps (policies, state laws, circuit
 * leans); the column mapping of {@code jurisdictions.csv}; and strings that name a policy or a file.
 */
class OddCompletenessTest {

    /** The top-level sections (or sub-sections) whose leaves are model parameters. */
    static final List<String> SECTIONS = List.of("bookings", "ice", "federal", "grantConditions", "grants", "litigation",
            "courts", "adaptation", "community", "mechanisms", "metrics", "jurisdictions.us", "jurisdictions.generate");

    private static Path root() {
        return Path.of(System.getProperty("basedir", "."));
    }

    static JsonNode schema() throws IOException {
        try (InputStream in = OddCompletenessTest.class.getResourceAsStream("/org/jurisim/scenario/schema.json")) {
            assertThat(in).as("schema.json on the class path").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    /** Every parameter path of the schema under {@link #SECTIONS}. */
    static List<String> parameterPaths(JsonNode schema) {
        List<String> out = new ArrayList<>();
        for (String section : SECTIONS) {
            JsonNode node = schema;
            for (String part : section.split("\\.")) {
                node = resolve(schema, node).path("properties").path(part);
                assertThat(node.isMissingNode()).as("schema section " + section).isFalse();
            }
            leaves(schema, node, section, out);
        }
        return out;
    }

    private static JsonNode resolve(JsonNode schema, JsonNode node) {
        while (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            assertThat(ref).startsWith("#/");
            JsonNode target = schema;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part);
            }
            node = target;
        }
        return node;
    }

    private static void leaves(JsonNode schema, JsonNode node, String path, List<String> out) {
        node = resolve(schema, node);
        if (node.has("properties")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.get("properties").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                leaves(schema, e.getValue(), path + "." + e.getKey(), out);
            }
            return;
        }
        String type = node.path("type").asText("");
        if (node.has("enum") || type.equals("number") || type.equals("integer") || type.equals("boolean")) {
            out.add(path);
        }
    }

    /** Whether the text names the path whole (not as the start of a longer name, e.g. certProbabilityAfterSplit). */
    static boolean names(String text, String path) {
        return Pattern.compile("(?<![\\w.])" + Pattern.quote(path) + "(?![\\w])").matcher(text).find();
    }

    @Test
    void theSchemaHasTheParametersThisTestIsAbout() throws IOException {
        List<String> paths = parameterPaths(schema());
        // the walk reaches nested objects, $refs and enums: a broken walk would check nothing
        assertThat(paths).contains("ice.refusalResponse", "courts.decisionDays.supreme.sigma",
                "adaptation.weights.inertia", "federal.priorities", "litigation.dojTargets",
                "mechanisms.trust", "jurisdictions.generate.leanNoise", "jurisdictions.us.cities");
        assertThat(paths).hasSizeGreaterThan(90).doesNotHaveDuplicates();
    }

    @Test
    void everyParameterIsInTheScenarioFormatReference() throws IOException {
        String format = Files.readString(root().resolve("docs/scenario-format.md"), StandardCharsets.UTF_8);
        List<String> missing = parameterPaths(schema()).stream().filter(p -> !names(format, p)).toList();
        assertThat(missing).as("parameters missing from docs/scenario-format.md").isEmpty();
    }

    @Test
    void everyParameterIsInTheOdd() throws IOException {
        String odd = Files.readString(root().resolve("docs/ODD.md"), StandardCharsets.UTF_8);
        List<String> missing = parameterPaths(schema()).stream().filter(p -> !names(odd, p)).toList();
        assertThat(missing).as("parameters missing from docs/ODD.md (name each by its full dotted path)").isEmpty();
    }

    @Test
    void pathMatchingIsWhole() {
        assertThat(names("see `courts.certProbabilityAfterSplit`", "courts.certProbability")).isFalse();
        assertThat(names("see `courts.certProbability` [0.05]", "courts.certProbability")).isTrue();
        assertThat(names("see `x.ice.officers`", "ice.officers")).isFalse();
    }

    /** Simple names of the classes (top-level and nested) in src/main/java. */
    static Set<String> classNames() throws IOException {
        Set<String> names = new HashSet<>();
        Pattern decl = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Z]\\w*)");
        try (Stream<Path> files = Files.walk(root().resolve("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String name = f.getFileName().toString();
                names.add(name.substring(0, name.length() - ".java".length()));
                Matcher m = decl.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    @Test
    void everySubmodelSectionNamesAClassThatExists() throws IOException {
        String odd = Files.readString(root().resolve("docs/ODD.md"), StandardCharsets.UTF_8);
        Set<String> classes = classNames();
        assertThat(classes).contains("Adaptation", "CourtSystem", "FederalExecutive");
        Matcher h = Pattern.compile("(?m)^### (7\\.\\d+ .*)$").matcher(odd);
        List<String> headings = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        while (h.find()) {
            headings.add(h.group(1));
            starts.add(h.start());
        }
        assertThat(headings).as("submodel sections of the ODD").hasSizeGreaterThan(10);
        List<String> without = new ArrayList<>();
        Pattern code = Pattern.compile("`([A-Z][A-Za-z0-9_]*)(?:\\.[A-Za-z_]\\w*)*(?:\\(\\))?`");
        for (int i = 0; i < headings.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1) : nextSectionOrEnd(odd, starts.get(i));
            String body = odd.substring(starts.get(i), end);
            Matcher c = code.matcher(body);
            boolean found = false;
            while (c.find() && !found) {
                found = classes.contains(c.group(1));
            }
            if (!found) {
                without.add(headings.get(i));
            }
        }
        assertThat(without).as("submodel sections that name no existing class in backticks").isEmpty();
    }

    private static int nextSectionOrEnd(String odd, int from) {
        int next = odd.indexOf("\n## ", from);
        return next < 0 ? odd.length() : next;
    }

    @Test
    void aSectionNamingOnlyAMissingClassIsCaught() throws IOException {
        Set<String> classes = classNames();
        assertThat(classes).doesNotContain("NoSuchSubmodel");
        Matcher c = Pattern.compile("`([A-Z][A-Za-z0-9_]*)(?:\\.[A-Za-z_]\\w*)*(?:\\(\\))?`")
                .matcher("### 7.99 Something (`NoSuchSubmodel.step`)");
        assertThat(c.find()).isTrue();
        assertThat(classes.contains(c.group(1))).isFalse();
    }
}
