package org.jurisim.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jurisim.docs.Markdown.Table;
import org.jurisim.metrics.MetricDef;
import org.jurisim.scenario.ScenarioEvent;

/**
 * Generates {@code docs/metrics.md} from the metric registry ({@code org.jurisim.model.Metrics}) and the
 * column lists of the other CSV files a run writes.
 */
final class MetricsDoc {

    static final String HEADER = """
            <!-- Generated from the metric registry (org.jurisim.model.Metrics) and the CSV writers by
                 org.jurisim.docs.ReferenceDocs. Do not edit: change the registry or the generator, then run
                 mvn -q -B -o test -Dtest='org.jurisim.docs.*Test' -Djurisim.updateDocs=true -->

            """;

    static final String PREAMBLE = """
            A run writes its results into one output directory: `timeseries.csv` (the metrics, day by day),
            `jurisdictions.csv` (each jurisdiction at the end of the run), `events.csv` (the events applied),
            `scenario.resolved.yaml` (the scenario with everything filled in), `manifest.json` (versions,
            seed, command line, timings) and the charts chosen in `outputs.charts`. This page lists the
            columns of the four CSV files. All are UTF-8 with a header row; text cells holding a comma, a quote
            or a line break are quoted as in RFC 4180.

            """;

    static final String TIMESERIES_INTRO = """
            One row is one simulated day. The first two columns are `day`, the index of the day counted from
            0 (the scenario's `start`), and `date`, its calendar date (`YYYY-MM-DD`). Then come the core
            metrics below, in this order, followed by the per-policy metrics.

            * Counts per day (bookings, detainers, pick-ups, removals, ...) are what happened during that day;
              levels (detention occupancy, agreements in force, ...) are taken at the end of the day.
            * An **empty cell** means the metric is undefined that day, e.g. a compliance rate on a day when
              no detainers were issued. It is not zero.
            * Numbers are written the same way every time: whole values as integers, others rounded to 6
              significant digits, without exponent (`0.734513`, `1234.57`).

            """;

    /** The columns of {@code events.csv}, written by the run itself. */
    static final String EVENTS_HEADER = "day,date,event,jurisdictions_affected,note";

    /** One documented CSV column. */
    record Column(String unit, String meaning) {
    }

    /** Meanings of the columns of {@code jurisdictions.csv}; every column of its header must have one. */
    static final Map<String, Column> JURISDICTION_COLUMNS = columns(
            "name", "", "Name of the jurisdiction, as in the scenario (with `state`, the `'Name, ST'` key events and pins use).",
            "state", "", "Two-letter state code.",
            "kind", "", "`county` (runs the jail), `city` (its police; on the real map its arrests are booked into its county's jail) "
                    + "or `city-county` (one government for both, e.g. San Francisco, New York City).",
            "fips", "", "FIPS code: 5 digits for a county, 7 for a city (Census place code); empty when the scenario gave none and on "
                    + "a synthetic map.",
            "district", "", "Federal judicial district id, e.g. `ilnd` (see [reference-data.md](reference-data.md)): for a real county "
                    + "(or a city in one) its district under 28 U.S.C. \u00a7\u00a7 81\u2013131 ([data.md](data.md)); else as the scenario gave it, "
                    + "else drawn from the state's districts by population share.",
            "circuit", "", "Federal court of appeals circuit of that district: `1`..`11` or `DC`.",
            "field_office", "", "Id of the ICE ERO field office the jurisdiction belongs to, e.g. `chicago`: for a real county "
                    + "(or a city in one) the office whose area covers it; else one of the offices covering its state, drawn by their share.",
            "population", "residents", "Resident population (a county's includes the cities inside it; see `residents_governed`).",
            "foreign_born_share", "share", "Foreign-born share of residents.",
            "partisan_lean", "share", "Democratic two-party vote share.",
            "policy", "", "The jurisdiction's own policy at the end of the run (after any `setPolicy` events).",
            "policy_in_force", "", "The policy it actually followed at the end: `federal.agreement287g.policy` while a "
                    + "287(g) agreement holds; else `courts.preemptedPolicy` while a federal preemption ruling against it is in "
                    + "force (if more cooperative); else its state's law may mandate `stateLaw.antiSanctuaryPolicy` (unless an "
                    + "injunction covers it) or cap it at `stateLaw.sanctuaryPolicy`; else `policy`.",
            "pinned", "", "`true` if the jurisdiction keeps its own policy (never reconsiders it): `pinned: true` in "
                    + "`jurisdictions.list`, or an entry of `jurisdictions.pin` (pinned unless it says `pinned: false`).",
            "agreement_287g", "", "`true` if a 287(g) jail agreement was in force at the end of the run.",
            "trust", "index 0..1", "Community trust in local police among immigrant residents at the end of the run (1 = full trust).",
            "liability_exposure", "index 0..1", "Fourth Amendment liability exposure for holds without a judicial warrant at the "
                    + "end: 1 (or 0) where a binding ruling found such holds unlawful (or lawful), 0.5 after losing a district case.",
            "funds_at_risk_usd", "US$/year", "Federal justice grants at stake at the end: annual grants \u00d7 "
                    + "`grantConditions.withholdShare` while grant conditions are in force and no injunction protects it, else 0.",
            "funds_withheld_usd", "US$", "Grants withheld from it and not restored by the end of the run.",
            "detainers_issued", "detainers", "Detainers ICE issued to this jurisdiction's jail over the whole run; for a city inside a "
                    + "county, those on people its police arrested (booked into, and counted again at, the county's jail).",
            "detainers_honored", "detainers", "Of those, detainers the jail honored (`HONOR`).",
            "detainers_notified", "detainers", "Of those, detainers answered by telling ICE the release date (`NOTIFY`).",
            "detainers_declined", "detainers", "Of those, detainers the jail declined (`DECLINE`).",
            "at_large_arrests", "persons", "ICE at-large arrests in the jurisdiction over the whole run (of people released after an "
                    + "arrest by its police).",
            "county_fips", "", "For a city inside a county: the county whose jail books its arrests; otherwise the counties it covers "
                    + "on the map (`;`-separated: five for New York City).",
            "residents_governed", "residents", "Residents it governs alone: `population` less that of the cities of the scenario inside "
                    + "it. Residents by policy, trust and grants are weighted by this, so nobody is counted twice.",
            "policy_at_start", "", "Its own policy on the first day.",
            "policy_source", "", "Where the starting policy and 287(g) status came from: the record (`DOJ sanctuary list of 2025-08-05`, "
                    + "the 287(g) agreements on ICE's sheet in force on the start date), a rule (`initialPolicy.rules[i]`, "
                    + "`initialPolicy.default`), a pin (`jurisdictions.pin[i]`) or the scenario's list.");

    /** Meanings of the columns of {@code cases.csv}; every column of its header must have one. */
    static final Map<String, Column> CASE_COLUMNS = columns(
            "id", "", "Case number, in filing order (appeals and Supreme Court cases get their own numbers).",
            "type", "", "`grantConditions` (locality v. United States), `preemption` (United States v. state or locality), "
                    + "`detainerLiability` (individual v. locality), `antiSanctuaryLaw` (locality v. its state).",
            "plaintiff", "", "`'Name, ST'` of a jurisdiction, `State of ST`, `United States` or `individual`.",
            "defendant", "", "As for `plaintiff`.",
            "court", "", "Court id: a district (e.g. `ilnd`), a court of appeals (`ca1`..`ca11`, `cadc`) or `scotus`.",
            "level", "", "`district`, `circuit` or `supreme`.",
            "circuit", "", "Circuit of the court (empty for the Supreme Court).",
            "filed", "date", "Date filed (for an appeal: the date of the judgment appealed).",
            "decided", "date", "Date of the judgment; empty while pending at the end of the run.",
            "outcome", "", "`for_locality` (the side favouring limits on cooperation: localities, states defending "
                    + "sanctuary laws, detainees), `for_government` (the United States, or a state enforcing an anti-sanctuary "
                    + "law), or `pending`.",
            "preliminary_injunction", "", "`true` if this court granted a preliminary injunction before judgment.",
            "injunction_in_force", "", "On the first case of a chain only: `true` if the plaintiff's injunction (preliminary or "
                    + "permanent) was in force at the end of the run; empty on appeals.",
            "injunction_scope", "", "`parties` or `universal` while an injunction is in force (`courts.injunctionScope` when granted).",
            "appeal_of", "", "`id` of the case this one reviews; empty for a suit filed in district court.",
            "plaintiffs", "parties", "Number of plaintiffs: the lead plaintiff and every locality that joined the suit while it "
                    + "was pending in district court (a coalition suit; `litigation.coalitionJoinProbability`). The same on "
                    + "every level of the chain; a ruling or injunction covers them all.",
            "plaintiff_list", "", "The plaintiffs' names as in `plaintiff`, the lead first, joined by `;`.",
            "held_for", "", "On a Supreme Court row decided without a grant of its own: `id` of the Supreme Court case "
                    + "whose ruling decided it (the circuit decision was held pending that case, then decided by its ruling, "
                    + "like a GVR); empty otherwise.",
            "preliminary_injunction_date", "date", "Date this court granted the preliminary injunction; empty if it granted none.");

    /** Meanings of the columns of {@code events.csv}. */
    static final Map<String, Column> EVENT_COLUMNS = columns(
            "day", "day", "Index of the day the event took effect, from 0 (as in `timeseries.csv`).",
            "date", "date", "Calendar date the event took effect (its `on`).",
            "event", "", "Kind of event applied: its `do:` kind (see [scenario-format.md](scenario-format.md#events)): {eventNames}.",
            "jurisdictions_affected", "jurisdictions", "For `offer287g`, the jurisdictions that signed; for `end287g`, the "
                    + "agreements ended; for `setPolicy`, the jurisdictions chosen; for `suit`, 1 when filed (0 with courts off); "
                    + "0 for the other kinds.",
            "note", "", "The event's `note`, empty if it had none.");

    private MetricsDoc() {
    }

    private static Map<String, Column> columns(String... triples) {
        Map<String, Column> m = new LinkedHashMap<>();
        for (int i = 0; i < triples.length; i += 3) {
            m.put(triples[i], new Column(triples[i + 1], triples[i + 2]));
        }
        return m;
    }

    /** The column name a policy gets in a per-policy family. */
    static String familyColumn(String template, String policy) {
        return template.replace("{policy}", policy.replace('-', '_'));
    }

    static String generate(List<MetricDef> core, List<String[]> families, String jurisdictionsHeader, List<String> builtInPolicies) {
        StringBuilder out = new StringBuilder(HEADER);
        out.append("# Metrics and output files\n\n").append(PREAMBLE);

        out.append("## `timeseries.csv`\n\n").append(TIMESERIES_INTRO);
        out.append("### Core metrics\n\n");
        Table t = new Table("column", "unit", "definition");
        t.row(Markdown.code("day"), "day", "Index of the simulated day, from 0.");
        t.row(Markdown.code("date"), "date", "Calendar date of the day (`YYYY-MM-DD`).");
        for (MetricDef m : core) {
            t.row(Markdown.code(m.name()), m.unit(), m.definition());
        }
        out.append(t.render()).append('\n');

        out.append("### Per-policy metrics\n\n");
        out.append("After the core metrics come the families below: for each family, in this order, one column per "
                + "policy of the scenario, in the order of its resolved `policies` (the built-in policies first, then "
                + "those the scenario adds). In a column name, `{policy}` stands for the policy name with hyphens "
                + "turned into underscores: policy `full-cooperation` gives `"
                + familyColumn("jurisdictions_{policy}", "full-cooperation") + "`.\n\n");
        Table f = new Table("column", "unit", "definition");
        for (String[] fam : families) {
            if (!fam[0].contains("{policy}")) {
                throw new IllegalStateException("metric family without {policy} in its name: " + fam[0]);
            }
            f.row(Markdown.code(fam[0]), fam[1], fam[2]);
        }
        out.append(f.render()).append('\n');
        List<String> expanded = new ArrayList<>();
        for (String[] fam : families) {
            for (String p : builtInPolicies) {
                expanded.add(Markdown.code(familyColumn(fam[0], p)));
            }
        }
        out.append("With only the built-in policies (");
        List<String> names = new ArrayList<>();
        builtInPolicies.forEach(p -> names.add(Markdown.code(p)));
        out.append(String.join(", ", names)).append("), these columns are ").append(String.join(", ", expanded)).append(".\n\n");

        out.append("## `jurisdictions.csv`\n\n");
        out.append("One row per jurisdiction, in scenario order, describing it at the end of the run.\n\n");
        out.append(columnTable(jurisdictionsHeader, JURISDICTION_COLUMNS, "jurisdictions.csv",
                "org.jurisim.output.JurisdictionsCsv.HEADER", "MetricsDoc.JURISDICTION_COLUMNS")).append('\n');

        out.append("## `cases.csv`\n\n");
        out.append("One row per case and court level: a suit, each appeal, each Supreme Court case, in filing order.\n\n");
        out.append(columnTable(org.jurisim.output.CasesCsv.HEADER, CASE_COLUMNS, "cases.csv", "org.jurisim.output.CasesCsv.HEADER",
                "MetricsDoc.CASE_COLUMNS")).append('\n');

        out.append("## `events.csv`\n\n");
        out.append("One row per event applied, in the order applied (see [Events](scenario-format.md#events) in the scenario format).\n\n");
        Map<String, Column> eventColumns = new LinkedHashMap<>();
        EVENT_COLUMNS.forEach((k, v) -> eventColumns.put(k, new Column(v.unit(), v.meaning().replace("{eventNames}", loggedEventNames()))));
        out.append(columnTable(EVENTS_HEADER, eventColumns, "events.csv", "MetricsDoc.EVENTS_HEADER", "MetricsDoc.EVENT_COLUMNS"));
        return Markdown.checked(out.toString());
    }

    /** The names events.csv gives events: their {@code do:} kinds, from the schema. */
    static String loggedEventNames() {
        List<String> names = new ArrayList<>();
        org.jurisim.scenario.ScenarioSchema.get().document().at("/$defs/event/properties/do/enum")
                .forEach(n -> names.add(Markdown.code(n.asText())));
        return String.join(", ", names);
    }

    private static String columnTable(String header, Map<String, Column> meanings, String file, String headerSource, String meaningSource) {
        Table t = new Table("column", "unit", "meaning");
        List<String> missing = new ArrayList<>();
        for (String col : header.split(",", -1)) {
            Column c = meanings.get(col.strip());
            if (c == null) {
                missing.add(col);
                continue;
            }
            t.row(Markdown.code(col.strip()), c.unit(), c.meaning());
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(file + " has column(s) " + missing + " (from " + headerSource
                    + ") with no meaning in " + meaningSource + ": add one so that docs/metrics.md describes every column");
        }
        return t.render();
    }
}
