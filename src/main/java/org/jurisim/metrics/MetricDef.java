package org.jurisim.metrics;

/**
 * A metric as users see it: a stable snake_case name (a CSV column), a unit and a one-line definition.
 * Declared once, in the model's metric registry; the CSV header, docs/metrics.md and the charts read it.
 */
public record MetricDef(String name, String unit, String definition) {

    public MetricDef {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("metric names are snake_case: " + name);
        }
    }
}
