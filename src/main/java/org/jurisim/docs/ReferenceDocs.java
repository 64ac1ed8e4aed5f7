package org.jurisim.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jurisim.metrics.MetricDef;
import org.jurisim.model.Metrics;
import org.jurisim.output.JurisdictionsCsv;
import org.jurisim.scenario.ScenarioSchema;

/**
 * Generates the reference documentation from the two registries: the scenario schema gives
 * {@code docs/scenario-format.md} (and its copy {@code scenarios/schema.json} for editors), the metric
 * registry gives {@code docs/metrics.md}. The output is deterministic; {@code ReferenceDocsTest} checks that
 * the committed files match it.
 *
 * <p>Usage: {@code ReferenceDocs [PROJECT_ROOT]} writes the three files under the root (default {@code .}).
 */
public final class ReferenceDocs {

    public static final String SCENARIO_FORMAT = "docs/scenario-format.md";
    public static final String METRICS = "docs/metrics.md";
    public static final String SCHEMA = "scenarios/schema.json";

    private ReferenceDocs() {
    }

    /** The scenario format reference, from the scenario schema. */
    public static String scenarioFormatMarkdown() {
        return scenarioFormatMarkdown(ScenarioSchema.get().document());
    }

    /** The scenario format reference for a given schema document (tests pass modified copies). */
    static String scenarioFormatMarkdown(JsonNode schema) {
        return ScenarioFormatDoc.generate(schema);
    }

    /** The metrics and output-file reference, from the metric registry. */
    public static String metricsMarkdown() {
        List<String> builtIn = builtInPolicies(ScenarioSchema.get().document());
        List<MetricDef> core = Metrics.coreDefinitions();
        List<String[]> families = Metrics.families();
        // the registry expands families itself; make sure the page says what it does
        List<String> expected = new ArrayList<>();
        core.forEach(m -> expected.add(m.name()));
        for (String[] f : families) {
            builtIn.forEach(p -> expected.add(MetricsDoc.familyColumn(f[0], p)));
        }
        List<String> actual = Metrics.definitions(builtIn).stream().map(MetricDef::name).toList();
        if (!actual.equals(expected)) {
            throw new IllegalStateException("the metric registry's columns " + actual + " differ from what docs/metrics.md explains "
                    + expected + ": update org.jurisim.docs.MetricsDoc");
        }
        return metricsMarkdown(core, families, JurisdictionsCsv.HEADER, builtIn);
    }

    /** The metrics reference for given registries (tests pass modified copies). */
    static String metricsMarkdown(List<MetricDef> core, List<String[]> families, String jurisdictionsHeader, List<String> builtInPolicies) {
        return MetricsDoc.generate(core, families, jurisdictionsHeader, builtInPolicies);
    }

    /** Names of the built-in policies: the keys of the schema's {@code policies} default. */
    static List<String> builtInPolicies(JsonNode schema) {
        List<String> names = new ArrayList<>();
        schema.path("properties").path("policies").path("default").fieldNames().forEachRemaining(names::add);
        if (names.isEmpty()) {
            throw new IllegalStateException("the schema's 'policies' has no default (the built-in policies)");
        }
        return names;
    }

    /** The scenario schema exactly as JuriSim holds it (byte for byte the resource). */
    public static String schemaJson() {
        try (InputStream in = ScenarioSchema.class.getResourceAsStream(ScenarioSchema.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + ScenarioSchema.RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every generated file, by path relative to the project root, in a fixed order. */
    public static Map<String, String> files() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(SCENARIO_FORMAT, scenarioFormatMarkdown());
        m.put(METRICS, metricsMarkdown());
        m.put(SCHEMA, schemaJson());
        return m;
    }

    /** Writes every generated file under {@code root}; returns the paths written. */
    public static List<Path> write(Path root) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> e : files().entrySet()) {
            Path p = root.resolve(e.getKey());
            Files.createDirectories(p.toAbsolutePath().getParent());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
            written.add(p);
        }
        return written;
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        for (Path p : write(root)) {
            System.out.println("wrote " + p);
        }
    }
}
