package org.jurisim.gui;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jurisim.metrics.MetricDef;

/**
 * What the dashboard charts show, built from the metric registry: each series is a registry metric (or
 * its running total), its legend tooltip is the registry's definition and every axis label carries the
 * registry's units.
 */
final class ChartSpecs {

    private ChartSpecs() {
    }

    enum Format { PERCENT, COUNT, COMPACT, INDEX }

    /** One line (or stacked band): a metric column of a run ({@code cumulative:} prefix for a running total). */
    record SeriesSpec(String column, String label, String definition, Color color, float width) {
    }

    /** A subplot: {@code name} is its short name (e.g. "Jurisdictions"), which qualifies export columns. */
    record PanelSpec(String name, String axisLabel, List<SeriesSpec> series, boolean stacked, Format format) {
    }

    record ChartSpec(String id, String title, List<PanelSpec> panels) {
        List<SeriesSpec> allSeries() {
            List<SeriesSpec> out = new ArrayList<>();
            panels.forEach(p -> out.addAll(p.series()));
            return out;
        }
    }

    /** Metrics whose running totals the charts show. */
    static final Set<String> CUMULATIVE = Set.of("cases_filed", "rulings_for_localities", "rulings_for_government");

    /** The chart ids, in display order. */
    static final List<String> IDS = List.of("compliance", "flows", "litigation", "policies", "funds", "trust");

    static List<ChartSpec> build(List<MetricDef> defs, List<String> policyNames, int rollingWindowDays) {
        Map<String, MetricDef> byName = new LinkedHashMap<>();
        defs.forEach(d -> byName.put(d.name(), d));
        B b = new B(byName);
        List<ChartSpec> out = new ArrayList<>();

        out.add(new ChartSpec("compliance", "Detainer compliance", List.of(
                b.panel("Detainers honored / issued", Format.PERCENT, false,
                        b.s("compliance_rate", "Daily", new Color(0x7F, 0xA8, 0xD6), 1.0f),
                        b.s("compliance_rate_rolling", rollingWindowDays + "-day rolling", Palette.BLUE, 2.6f)))));

        out.add(new ChartSpec("flows", "Detainer flows", List.of(
                b.panel("Per day", Format.COUNT, false,
                        b.s("detainers_issued", "Issued", Palette.BLACK, 1.6f),
                        b.s("detainers_honored", "Honored", Palette.BLUE, 1.6f),
                        b.s("detainers_notified", "Notified (release date only)", Palette.GREEN, 1.6f),
                        b.s("detainers_declined", "Declined", Palette.VERMILION, 1.6f),
                        b.s("pickups", "Picked up by ICE", Palette.PURPLE, 1.6f)))));

        out.add(new ChartSpec("litigation", "Litigation", List.of(
                b.panel("Now", Format.COUNT, false,
                        b.s("cases_pending_district", "Pending: district courts", Palette.BLUE, 2f),
                        b.s("cases_pending_circuit", "Pending: courts of appeals", Palette.ORANGE, 2f),
                        b.s("cases_pending_supreme", "Pending: Supreme Court", Palette.PURPLE, 2f),
                        b.s("injunctions_in_force", "Injunctions in force", Palette.BLACK, 2.4f)),
                b.panel("Total", Format.COUNT, false,
                        b.s(RunSeries.CUMULATIVE + "cases_filed", "Cases filed", Palette.GREY, 2f),
                        b.s(RunSeries.CUMULATIVE + "rulings_for_localities", "Rulings for localities", Palette.GREEN, 2f),
                        b.s(RunSeries.CUMULATIVE + "rulings_for_government", "Rulings for the government", Palette.VERMILION, 2f)))));

        List<SeriesSpec> count = new ArrayList<>();
        List<SeriesSpec> pop = new ArrayList<>();
        for (String p : policyNames) {
            String token = p.replace('-', '_');
            Color c = Palette.policy(p, policyNames);
            count.add(b.s("jurisdictions_" + token, p, c, 1f));
            pop.add(b.s("population_" + token, p, c, 1f));
        }
        out.add(new ChartSpec("policies", "Policies in force", List.of(
                b.panel("Jurisdictions", Format.COUNT, true, count.toArray(new SeriesSpec[0])),
                b.panel("Residents", Format.COMPACT, true, pop.toArray(new SeriesSpec[0])))));

        out.add(new ChartSpec("funds", "Federal grants withheld", List.of(
                b.panel("Balance", Format.COMPACT, false,
                        b.s("funds_withheld_balance", "Balance withheld", Palette.VERMILION, 2.4f)),
                b.panel("Per day", Format.COMPACT, false,
                        b.s("funds_withheld", "Withheld that day", Palette.ORANGE, 1.4f),
                        b.s("funds_restored", "Restored that day", Palette.GREEN, 1.4f)))));

        out.add(new ChartSpec("trust", "Community trust and crime reporting", List.of(
                b.panel("Index", Format.INDEX, false,
                        b.s("trust_index", "Trust in local police", Palette.BLUE, 2.4f),
                        b.s("crime_reporting_index", "Crime reporting", Palette.GREEN, 2.4f)))));
        return out;
    }

    /** Builder that reads names, units and definitions from the registry. */
    private record B(Map<String, MetricDef> defs) {

        SeriesSpec s(String column, String label, Color color, float width) {
            String metric = column.startsWith(RunSeries.CUMULATIVE) ? column.substring(RunSeries.CUMULATIVE.length()) : column;
            MetricDef d = defs.get(metric);
            String def = d == null ? column : d.definition();
            if (column.startsWith(RunSeries.CUMULATIVE)) {
                def = "Running total since the start of: " + def;
            }
            return new SeriesSpec(column, label, metric + ": " + def, color, width);
        }

        PanelSpec panel(String what, Format f, boolean stacked, SeriesSpec... series) {
            Set<String> units = new LinkedHashSet<>();
            for (SeriesSpec s : series) {
                units.add(unitOf(s.column()));
            }
            String u = String.join(", ", units);
            if (f == Format.PERCENT) {
                u = u + ", %";
            }
            // a subplot's axis label must fit its height: no unit that only repeats the name ("Residents
            // (residents)"), and counts of several kinds (the legend names them) are just counts
            String label;
            if (units.size() == 1 && u.equalsIgnoreCase(what)) {
                label = what;
            } else if (f == Format.COUNT && units.size() > 1) {
                label = what + " (count)";
            } else {
                label = what + " (" + u + ")";
            }
            return new PanelSpec(what, label, List.of(series), stacked, f);
        }

        String unitOf(String column) {
            boolean cum = column.startsWith(RunSeries.CUMULATIVE);
            String metric = cum ? column.substring(RunSeries.CUMULATIVE.length()) : column;
            MetricDef d = defs.get(metric);
            String u = d == null || d.unit().isEmpty() ? "count" : d.unit();
            return cum ? u.replace("/day", "") : u;
        }
    }
}
