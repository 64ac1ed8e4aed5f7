package org.jurisim.experiment;

import java.time.LocalDate;
import java.util.List;
import org.jurisim.metrics.MetricDef;
import org.jurisim.metrics.MetricsSink;
import org.jurisim.model.JuriSimModel;
import org.jurisim.scenario.Scenario;

/**
 * The metric columns a scenario's runs will have, found by running its model for one day and reading the
 * columns it announces: no list of metrics is kept here, whatever the model reports is what experiments use.
 */
final class MetricProbe {

    private MetricProbe() {
    }

    static List<MetricDef> columns(Scenario s) {
        java.util.concurrent.atomic.AtomicReference<List<MetricDef>> out = new java.util.concurrent.atomic.AtomicReference<>();
        JuriSimModel m = new JuriSimModel(s);
        m.addSink(new MetricsSink() {
            @Override
            public void begin(List<MetricDef> columns) {
                out.set(List.copyOf(columns));
            }

            @Override
            public void record(long day, LocalDate date, double[] values) {
            }
        });
        m.runDays(1, null);
        return out.get();
    }

    static List<String> names(Scenario s) {
        return columns(s).stream().map(MetricDef::name).toList();
    }
}
