package org.jurisim.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jurisim.model.JuriSimModel;
import org.jurisim.model.Jurisdiction;
import org.jurisim.reference.CountyGeometry;
import org.jurisim.scenario.JurisdictionSpec;
import org.jurisim.scenario.Scenario;

/**
 * The run's map, {@code charts/map.png} and {@code .svg}: two county maps side by side, the policies in force on the
 * last day, and what changed since the first day (counties whose policy in force changed, in their new policy's
 * colour; the others grey).
 *
 * <p>Which jurisdictions are drawn: a county or city-county whose FIPS is a county of the map fills that county; a
 * jurisdiction with another FIPS (a city's 7-digit place code) is drawn as a dot at its county's label point when
 * {@link #countyOf} knows its county. Jurisdictions made up by {@code jurisdictions.generate} have invented FIPS
 * codes and are not drawn; a run with nothing to draw writes no map.
 */
public final class RunMap {

    /** How many of the largest places are named on each panel. */
    static final int LABELS = 10;

    private RunMap() {
    }

    /**
     * One jurisdiction as the map sees it.
     *
     * @param countyFips the county it is labelled in (a city's dot goes there)
     * @param counties   the counties it fills (none for a city; five for New York City)
     * @param population the residents it governs (a county's without the cities drawn inside it)
     */
    public record Item(String name, String countyFips, List<String> counties, boolean city, long population, String start, String end) {
    }

    /**
     * The county a jurisdiction is drawn in, or null when it is not drawn: a city's county (the one whose jail
     * books its arrests), else its own FIPS, else the first county it covers.
     */
    public static String countyOf(JurisdictionSpec s) {
        CountyGeometry geo = CountyGeometry.load();
        if (s.county() != null) {
            return geo.contains(s.county()) ? s.county() : null;
        }
        if (s.fips() != null && geo.contains(s.fips())) {
            return s.fips();
        }
        return s.counties().stream().filter(geo::contains).findFirst().orElse(null);
    }

    /** The counties a jurisdiction fills on the map (none for a city, which is a dot). */
    public static List<String> countiesOf(JurisdictionSpec s) {
        if (isCity(s)) {
            return List.of();
        }
        CountyGeometry geo = CountyGeometry.load();
        List<String> out = new ArrayList<>(s.counties().stream().filter(geo::contains).toList());
        if (out.isEmpty() && s.fips() != null && geo.contains(s.fips())) {
            out.add(s.fips());
        }
        return out;
    }

    /** Whether the jurisdiction is a city (a dot) rather than a county (an area). */
    public static boolean isCity(JurisdictionSpec s) {
        return "city".equals(s.kind());
    }

    /** The keys ("Name, ST") of jurisdictions whose FIPS codes are invented (from {@code jurisdictions.generate}). */
    public static Set<String> synthetic(Scenario scenario, List<JurisdictionSpec> specs) {
        JsonNode j = scenario.resolved().path("jurisdictions");
        if (!j.has("generate")) {
            return Set.of();
        }
        Set<String> named = new HashSet<>();
        for (JsonNode e : j.path("list")) {
            named.add(e.path("name").asText() + ", " + e.path("state").asText());
        }
        Set<String> out = new HashSet<>();
        for (JurisdictionSpec s : specs) {
            if (!named.contains(s.key())) {
                out.add(s.key());
            }
        }
        return out;
    }

    /** The jurisdictions of a finished run that can be drawn, in scenario order. */
    public static List<Item> items(Scenario scenario, JuriSimModel m) {
        List<JurisdictionSpec> specs = new ArrayList<>();
        m.jurisdictions().forEach(j -> specs.add(j.spec()));
        Set<String> skip = synthetic(scenario, specs);
        List<String> policies = m.policyNames();
        List<Item> out = new ArrayList<>();
        for (Jurisdiction j : m.jurisdictions()) {
            JurisdictionSpec s = j.spec();
            String county = countyOf(s);
            if (county == null || skip.contains(s.key())) {
                continue;
            }
            out.add(new Item(s.name(), county, countiesOf(s), isCity(s), j.getResidents(), policies.get(j.startPolicyIndex()),
                    policies.get(j.effectivePolicyIndex())));
        }
        return out;
    }

    /**
     * Writes {@code base.png} and {@code base.svg} when the run has jurisdictions to draw.
     *
     * @return whether the map was written
     */
    public static boolean write(Scenario scenario, JuriSimModel m, String lastDate, Path base) throws IOException {
        List<Item> items = items(scenario, m);
        if (items.isEmpty()) {
            return false;
        }
        String firstDate = scenario.start().toString();
        String subtitle = String.format(Locale.ROOT, "%s to %s  \u00b7  %,d of %,d jurisdictions on the map  \u00b7  seed %d",
                firstDate, lastDate, items.size(), m.jurisdictions().size(), scenario.seed());
        MapChart.write("Sanctuary map \u2014 " + scenario.name(), subtitle, panels(items, m.policyNames(), lastDate), base);
        return true;
    }

    /** The two panels: policies in force at the end, and what changed since the start. */
    public static List<MapChart.Panel> panels(List<Item> items, List<String> policies, String lastDate) {
        Map<String, Color> endFill = new HashMap<>();
        Map<String, Color> changeFill = new HashMap<>();
        Map<String, long[]> endCount = new LinkedHashMap<>();
        Map<String, long[]> changeCount = new LinkedHashMap<>();
        policies.forEach(p -> {
            endCount.put(p, new long[2]);
            changeCount.put(p, new long[2]);
        });
        long[] unchanged = new long[2];
        List<MapChart.Place> endPlaces = new ArrayList<>();
        List<MapChart.Place> changePlaces = new ArrayList<>();
        for (Item it : items) {
            Color end = Charts.policyColor(it.end(), policies);
            add(endCount.get(it.end()), it.population());
            boolean changed = !it.start().equals(it.end());
            if (changed) {
                add(changeCount.get(it.end()), it.population());
            } else {
                add(unchanged, it.population());
            }
            if (it.city()) {
                endPlaces.add(new MapChart.Place(it.name(), it.countyFips(), end, it.population(), true));
                changePlaces.add(new MapChart.Place(it.name(), it.countyFips(), changed ? end : MapChart.UNCHANGED, it.population(), true));
            } else {
                for (String c : it.counties()) {
                    endFill.put(c, end);
                    changeFill.put(c, changed ? end : MapChart.UNCHANGED);
                }
                endPlaces.add(new MapChart.Place(it.name(), it.countyFips(), null, it.population(), false));
                if (changed) {
                    changePlaces.add(new MapChart.Place(it.name(), it.countyFips(), null, it.population(), false));
                }
            }
        }
        List<MapChart.LegendItem> endLegend = new ArrayList<>();
        List<MapChart.LegendItem> changeLegend = new ArrayList<>();
        for (String p : policies) {
            Color c = Charts.policyColor(p, policies);
            endLegend.add(new MapChart.LegendItem(c, p + ": " + counts(endCount.get(p))));
            long[] ch = changeCount.get(p);
            if (ch[0] > 0) {
                changeLegend.add(new MapChart.LegendItem(c, "now " + p + ": " + counts(ch)));
            }
        }
        changeLegend.add(0, new MapChart.LegendItem(MapChart.UNCHANGED, "unchanged: " + counts(unchanged)));
        endLegend.add(new MapChart.LegendItem(MapChart.NOT_SIMULATED, "not simulated"));
        changeLegend.add(new MapChart.LegendItem(MapChart.NOT_SIMULATED, "not simulated"));
        return List.of(
                new MapChart.Panel("Policies in force on " + lastDate, endFill, endLegend, endPlaces, LABELS),
                new MapChart.Panel("What changed since the first day (policy in force)", changeFill, changeLegend, changePlaces, LABELS));
    }

    private static void add(long[] c, long population) {
        c[0]++;
        c[1] += population;
    }

    /** "3 jurisdictions, 5.1 million residents". */
    static String counts(long[] c) {
        String residents = c[1] >= 1_000_000 ? String.format(Locale.ROOT, "%.1f million", c[1] / 1e6)
                : String.format(Locale.ROOT, "%,d", c[1]);
        return String.format(Locale.ROOT, "%,d jurisdiction%s, %s residents", c[0], c[0] == 1 ? "" : "s", residents);
    }
}
