package org.jurisim.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jurisim.metrics.MetricDef;
import org.jurisim.model.Metrics;
import org.jurisim.output.JurisdictionsCsv;
import org.jurisim.scenario.ScenarioSchema;
import org.junit.jupiter.api.Test;

class ReferenceDocsTest {

    private static final String UPDATE_PROPERTY = "jurisim.updateDocs";
    private static final String HOW_TO_UPDATE = "the generated reference files are out of date; regenerate them with\n"
            + "    mvn -q -B -o test -Dtest='org.jurisim.docs.*Test' -D" + UPDATE_PROPERTY + "=true\n"
            + "and commit the result";

    private static Path root() {
        return Path.of(System.getProperty("basedir", "."));
    }

    // ------------------------------------------------------------------ committed files are current

    @Test
    void committedFilesMatchTheGenerator() throws IOException {
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            ReferenceDocs.write(root());
        }
        for (Map.Entry<String, String> e : ReferenceDocs.files().entrySet()) {
            Path p = root().resolve(e.getKey());
            assertThat(p).as(e.getKey() + " is missing: " + HOW_TO_UPDATE).isRegularFile();
            assertThat(Files.readString(p, StandardCharsets.UTF_8)).as(e.getKey() + ": " + HOW_TO_UPDATE).isEqualTo(e.getValue());
        }
    }

    @Test
    void schemaCopyIsByteIdenticalToTheResource() throws IOException {
        byte[] resource;
        try (InputStream in = ScenarioSchema.class.getResourceAsStream(ScenarioSchema.RESOURCE)) {
            assertThat(in).isNotNull();
            resource = in.readAllBytes();
        }
        assertThat(ReferenceDocs.schemaJson().getBytes(StandardCharsets.UTF_8)).isEqualTo(resource);
    }

    @Test
    void outputIsDeterministic() {
        assertThat(ReferenceDocs.scenarioFormatMarkdown()).isEqualTo(ReferenceDocs.scenarioFormatMarkdown());
        assertThat(ReferenceDocs.metricsMarkdown()).isEqualTo(ReferenceDocs.metricsMarkdown());
    }

    // ------------------------------------------------------------------ scenario format completeness

    /** Every field path of a schema, found independently of the generator: objects, list items, named entries. */
    static List<String> fieldPaths(JsonNode schema) {
        List<String> out = new ArrayList<>();
        walk(schema, schema, "", out);
        return out;
    }

    private static JsonNode deref(JsonNode root, JsonNode s) {
        while (s != null && s.has("$ref")) {
            s = root.at(s.get("$ref").asText().substring(1));
        }
        return s;
    }

    private static void walk(JsonNode root, JsonNode s, String prefix, List<String> out) {
        JsonNode props = deref(root, s).get("properties");
        if (props == null) {
            return;
        }
        props.properties().forEach(e -> {
            String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            out.add(p);
            JsonNode d = deref(root, e.getValue());
            if (d.has("properties")) {
                walk(root, d, p, out);
            } else if (d.has("items") && deref(root, d.get("items")).has("properties")) {
                walk(root, d.get("items"), p + "[]", out);
            } else if (d.has("additionalProperties") && d.get("additionalProperties").isObject()) {
                walk(root, d.get("additionalProperties"), p + ".<name>", out);
            }
        });
    }

    /** Field paths of the schema that the page does not show as a code span. */
    static List<String> undocumentedFields(JsonNode schema, String markdown) {
        return fieldPaths(schema).stream().filter(p -> !markdown.contains("`" + p + "`")).toList();
    }

    @Test
    void everySchemaFieldIsDocumented() {
        JsonNode schema = ScenarioSchema.get().document();
        assertThat(fieldPaths(schema)).contains("ice.detentionBeds", "policies.<name>.detainer", "events[].beds",
                "jurisdictions.list[].population", "jurisdictions.csv.columns.name");
        assertThat(undocumentedFields(schema, ReferenceDocs.scenarioFormatMarkdown())).isEmpty();
    }

    private static ObjectNode withFakeFields() {
        ObjectNode schema = ScenarioSchema.get().document();
        ((ObjectNode) schema.at("/properties/ice/properties")).putObject("fakeField")
                .put("type", "number").put("minimum", 0).put("maximum", 7).put("x-unit", "widgets").put("description", "A fake field.");
        ((ObjectNode) schema.at("/$defs/policy/properties")).putObject("fakeRule")
                .put("$ref", "#/$defs/condition").put("description", "A fake rule.");
        return schema;
    }

    @Test
    void completenessCheckFailsForAnUndocumentedField() {
        ObjectNode fake = withFakeFields();
        assertThat(undocumentedFields(fake, ReferenceDocs.scenarioFormatMarkdown()))
                .containsExactlyInAnyOrder("ice.fakeField", "policies.<name>.fakeRule");
        // and the generator picks new fields up by itself
        String regenerated = ReferenceDocs.scenarioFormatMarkdown(fake);
        assertThat(undocumentedFields(fake, regenerated)).isEmpty();
        assertThat(regenerated).contains("| `ice.fakeField` | number | widgets | \u2014 | 0..7 | A fake field. |")
                .contains("| `policies.<name>.fakeRule` | CEL condition |");
    }

    @Test
    void anEventFieldNoKindTakesFailsLoudly() {
        ObjectNode schema = ScenarioSchema.get().document();
        ((ObjectNode) schema.at("/$defs/event/properties")).putObject("fakeEventField").put("type", "string");
        assertThatThrownBy(() -> ReferenceDocs.scenarioFormatMarkdown(schema))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("fakeEventField");
    }

    @Test
    void anEventKindTheGeneratorDoesNotKnowFailsLoudly() {
        ObjectNode schema = ScenarioSchema.get().document();
        ((com.fasterxml.jackson.databind.node.ArrayNode) schema.at("/$defs/event/properties/do/enum")).add("fakeKind");
        assertThatThrownBy(() -> ReferenceDocs.scenarioFormatMarkdown(schema))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("fakeKind");
    }

    @Test
    void scenarioFormatHasTheExpectedShape() {
        String md = ReferenceDocs.scenarioFormatMarkdown();
        assertThat(md).startsWith("<!-- Generated").contains("# yaml-language-server: $schema=schema.json")
                .contains("`extends`").contains("--set").contains("FILE:LINE:COLUMN: field.path: message").contains("docs/rules.md")
                .contains("`90d`").contains("`12w`").contains("`6m`").contains("`4y`");
        // rule fields are typed as rules; the built-in policies are a table with their rules in code spans
        assertThat(md).contains("| `policies.<name>.detainer` | CEL expression |")
                .contains("| `policies.<name>.iceJailAccess` | CEL condition |")
                .contains("| `initialPolicy.rules[].when` | CEL condition |")
                .contains("#### Default `policies`")
                .contains("| `sanctuary` |");
        // every event kind is described, with the fields the schema requires for it
        JsonNode kinds = ScenarioSchema.get().document().at("/$defs/event/properties/do/enum");
        String events = md.substring(md.indexOf("\n## Events\n"));
        kinds.forEach(k -> assertThat(events).contains("| `" + k.asText() + "` |"));
        assertThat(events).contains("| `stateLaw` | `state` (required); `law` (required) |")
                .contains("`when` and/or `jurisdictions` (at least one)");
    }

    // ------------------------------------------------------------------ tables are well formed

    private static int cells(String row) {
        int n = 0;
        for (int i = 0; i < row.length(); i++) {
            if (row.charAt(i) == '\\') {
                i++;
            } else if (row.charAt(i) == '|') {
                n++;
            }
        }
        return n;
    }

    /** Every table row has as many cells as its header: an unescaped {@code |} in a cell would break this. */
    private static void assertTablesWellFormed(String md) {
        int header = -1;
        for (String line : md.split("\n")) {
            if (line.startsWith("|")) {
                if (header < 0) {
                    header = cells(line);
                } else {
                    assertThat(cells(line)).as("cells of: " + line).isEqualTo(header);
                }
            } else {
                header = -1;
            }
        }
    }

    @Test
    void pipesInCellsAreEscaped() {
        String md = ReferenceDocs.scenarioFormatMarkdown();
        assertThat(md).contains("Severity.MISDEMEANOR \\|\\| detainer.judicialWarrant");
        assertTablesWellFormed(md);
        assertTablesWellFormed(ReferenceDocs.metricsMarkdown());
    }

    // ------------------------------------------------------------------ metrics completeness

    private static List<String> builtIn() {
        return ReferenceDocs.builtInPolicies(ScenarioSchema.get().document());
    }

    /** Metric columns (core, family templates and their expansion for the built-in policies) missing from the page. */
    static List<String> undocumentedMetrics(List<MetricDef> core, List<String[]> families, String markdown) {
        List<String> names = new ArrayList<>();
        core.forEach(m -> names.add(m.name()));
        for (String[] f : families) {
            names.add(f[0]);
            builtIn().forEach(p -> names.add(f[0].replace("{policy}", p.replace('-', '_'))));
        }
        return names.stream().filter(n -> !markdown.contains("`" + n + "`")).toList();
    }

    @Test
    void everyMetricIsDocumented() {
        String md = ReferenceDocs.metricsMarkdown();
        assertThat(undocumentedMetrics(Metrics.coreDefinitions(), Metrics.families(), md)).isEmpty();
        for (MetricDef m : Metrics.definitions(builtIn())) {
            assertThat(md).contains("`" + m.name() + "`");
        }
        assertThat(md).contains("`jurisdictions_full_cooperation`");
        for (String col : JurisdictionsCsv.HEADER.split(",")) {
            assertThat(md).contains("| `" + col + "` |");
        }
        for (String col : "day,date,event,jurisdictions_affected,note".split(",")) {
            assertThat(md).contains("| `" + col + "` |");
        }
    }

    @Test
    void completenessCheckFailsForAnUndocumentedMetric() {
        List<MetricDef> core = new ArrayList<>(Metrics.coreDefinitions());
        core.add(new MetricDef("fake_metric", "widgets/day", "A fake metric."));
        List<String[]> families = new ArrayList<>(Metrics.families());
        families.add(new String[] {"fake_{policy}", "widgets", "A fake family for {policy}."});
        List<String> expected = new ArrayList<>(List.of("fake_metric", "fake_{policy}"));
        builtIn().forEach(p -> expected.add("fake_" + p.replace('-', '_')));
        assertThat(expected).contains("fake_full_cooperation");
        assertThat(undocumentedMetrics(core, families, ReferenceDocs.metricsMarkdown())).containsExactlyElementsOf(expected);
        String regenerated = ReferenceDocs.metricsMarkdown(core, families, JurisdictionsCsv.HEADER, builtIn());
        assertThat(undocumentedMetrics(core, families, regenerated)).isEmpty();
        assertThat(regenerated).contains("| `fake_metric` | widgets/day | A fake metric. |");
    }

    @Test
    void aJurisdictionsColumnWithoutMeaningFailsLoudly() {
        assertThatThrownBy(() -> ReferenceDocs.metricsMarkdown(Metrics.coreDefinitions(), Metrics.families(),
                JurisdictionsCsv.HEADER + ",mystery_column", builtIn()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("mystery_column");
    }
}
