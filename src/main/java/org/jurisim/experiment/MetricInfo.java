package org.jurisim.experiment;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jurisim.metrics.MetricDef;
import org.jurisim.model.Metrics;

/**
 * What the model's metric registry says about a metric column (unit and definition), for chart labels and
 * reports. Columns the registry does not know (e.g. from an older or newer JuriSim) get no unit.
 */
final class MetricInfo {

    private MetricInfo() {
    }

    static MetricDef of(String name) {
        for (MetricDef d : Metrics.coreDefinitions()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        for (String[] f : Metrics.families()) {
            Matcher m = Pattern.compile(Pattern.quote(f[0]).replace("{policy}", "\\E([a-z0-9_]+)\\Q")).matcher(name);
            if (m.matches()) {
                String policy = m.group(1).replace('_', '-');
                return new MetricDef(name, f[1], f[2].replace("{policy}", policy));
            }
        }
        return new MetricDef(name, "", "");
    }

    /** True for metrics measured as a share (0 to 1), drawn as percentages. */
    static boolean isShare(String name) {
        return "share".equals(of(name).unit());
    }

    /** An axis label: the unit, or the metric name when none is known. */
    static String axisLabel(String name) {
        String u = of(name).unit();
        if (u.isEmpty()) {
            return name;
        }
        return "share".equals(u) ? "share (%)" : u;
    }
}
