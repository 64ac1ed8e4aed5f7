package org.jurisim.experiment;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jurisim.metrics.MetricDef;
import org.jurisim.output.Charts;
import org.jurisim.output.SeriesTable;
import org.jurisim.scenario.Scenario;

/**
 * The charts of a replicates experiment, the scenario's charts drawn from the replicates: compliance as means with
 * shaded 95% bands, litigation and policies from the daily means.
 */
final class ReplicateCharts {

    private ReplicateCharts() {
    }

    /** Draws the scenario's charts into {@code charts/} under {@code work}; returns the files written (relative paths). */
    static List<String> write(Scenario scenario, long days, SeriesAccumulator acc, List<String> metrics, Path work) throws IOException {
        int n = acc.replicates();
        List<String> files = new ArrayList<>();
        Path dir = work.resolve("charts");
        if (scenario.charts().contains("compliance") && metrics.contains("compliance_rate") && metrics.contains("compliance_rate_rolling")) {
            List<ExperimentCharts.Band> bands = List.of(
                    ExperimentCharts.band("Daily (honored / issued), mean of " + n, acc, metrics.indexOf("compliance_rate")),
                    ExperimentCharts.band(scenario.metrics().rollingWindowDays() + "-day rolling, mean of " + n, acc,
                            metrics.indexOf("compliance_rate_rolling")));
            String subtitle = scenario.start() + " to " + scenario.dateOf(days - 1) + "  \u00b7  " + scenario.jurisdictions().size()
                    + " jurisdictions  \u00b7  " + n + " replicates from seed " + scenario.seed() + "  \u00b7  shaded: 95% confidence interval of the mean";
            JFreeChart chart = ExperimentCharts.bands("Detainer compliance \u2014 " + scenario.name(), subtitle,
                    "Detainers honored / issued (%)", bands, true,
                    new Color[] {new Color(150, 170, 210), new Color(20, 60, 140)}, new float[] {1.0f, 2.6f});
            ((NumberAxis) chart.getXYPlot().getRangeAxis()).setRange(0.0, 1.0);
            ExperimentCharts.write(chart, dir.resolve("compliance"));
            files.add("charts/compliance.png");
            files.add("charts/compliance.svg");
        }
        if (scenario.charts().contains("litigation") || scenario.charts().contains("policies")) {
            SeriesTable means = meanTable(acc, metrics);
            String subtitle = scenario.start() + " to " + scenario.dateOf(days - 1) + "  \u00b7  " + scenario.jurisdictions().size()
                    + " jurisdictions  \u00b7  mean of " + n + " replicates from seed " + scenario.seed();
            if (scenario.charts().contains("litigation")) {
                ExperimentCharts.write(Charts.litigation(means, scenario.name(), subtitle), dir.resolve("litigation"));
                files.add("charts/litigation.png");
                files.add("charts/litigation.svg");
            }
            if (scenario.charts().contains("policies")) {
                ExperimentCharts.write(Charts.policies(means, List.copyOf(scenario.policies().keySet()), scenario.name(), subtitle),
                        dir.resolve("policies"));
                files.add("charts/policies.png");
                files.add("charts/policies.svg");
            }
        }
        return files;
    }

    /** The replicates' daily means as a table (for the single-run charts and the run report). */
    static SeriesTable meanTable(SeriesAccumulator acc, List<String> metrics) {
        SeriesTable t = new SeriesTable();
        t.begin(metrics.stream().map(m -> new MetricDef(m, "", "")).toList());
        double[] row = new double[metrics.size()];
        for (int d = 0; d < acc.days(); d++) {
            for (int m = 0; m < row.length; m++) {
                row[m] = acc.cells().sample(d, m).mean();
            }
            t.record(d, LocalDate.parse(acc.date(d)), row);
        }
        return t;
    }
}
