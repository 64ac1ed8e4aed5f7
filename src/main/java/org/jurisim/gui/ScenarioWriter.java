package org.jurisim.gui;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jurisim.scenario.Scenario;

/**
 * "Save scenario as...": the resolved scenario (extends merged, overrides and defaults applied) with the
 * run's seed and the dashboard's changes appended as dated events, so {@code jurisim run} on the file
 * reproduces the run. On a date with both, the dashboard's changes come before the scenario's own events:
 * the model applies interventions first thing in the day, and the timeline applies a date's events in
 * file order.
 */
public final class ScenarioWriter {

    public static final String NOTE = "dashboard intervention";

    private ScenarioWriter() {
    }

    /** The resolved tree with the seed and the changes merged in. */
    public static ObjectNode tree(Scenario s, long seed, List<Change> changes) {
        ObjectNode root = s.resolved();
        root.put("seed", seed);
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> original = new ArrayList<>();
        JsonNode ev = root.get("events");
        if (ev != null && ev.isArray()) {
            ev.forEach(original::add);
        }
        ArrayNode merged = f.arrayNode();
        int o = 0;
        for (Change c : changes) {
            // scenario events strictly before this change's date keep their place
            while (o < original.size() && dateOf(original.get(o)).isBefore(c.date())) {
                merged.add(original.get(o++));
            }
            ObjectNode e = f.objectNode();
            e.put("on", c.date().toString());
            if (c.kind().equals(Change.SET)) {
                e.put("do", "set");
                e.put("path", c.target());
                e.set("value", plain(c.newValue()));
            } else {
                e.put("do", "setPolicy");
                e.putArray("jurisdictions").add(c.target());
                e.put("policy", c.newValue().asText());
                if (c.hold() != null) {
                    e.put("hold", c.hold());
                }
            }
            e.put("note", NOTE);
            merged.add(e);
        }
        while (o < original.size()) {
            merged.add(original.get(o++));
        }
        root.set("events", merged);
        return root;
    }

    private static LocalDate dateOf(JsonNode event) {
        try {
            return LocalDate.parse(event.path("on").asText());
        } catch (RuntimeException e) {
            return LocalDate.MAX;
        }
    }

    /** Numbers written as plain decimals (no exponent), so YAML reads them back as the same numbers. */
    private static JsonNode plain(JsonNode v) {
        if (v.isFloatingPointNumber()) {
            return JsonNodeFactory.instance.numberNode(new BigDecimal(Double.toString(v.asDouble())).stripTrailingZeros());
        }
        return v.deepCopy();
    }

    /** Writes the YAML file. */
    public static void write(Scenario s, long seed, List<Change> changes, Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS))
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        String header = "# Saved from the JuriSim dashboard: scenario '" + s.name() + "' (" + s.file() + ") fully resolved,\n"
                + "# seed " + seed + ", with " + changes.size() + " dashboard intervention(s) as dated events (note: \"" + NOTE + "\").\n"
                + "# Reproduce the run with: jurisim run " + file.getFileName() + "\n";
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, header + yaml.writeValueAsString(tree(s, seed, changes)), StandardCharsets.UTF_8);
    }
}
