package org.jurisim.docs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jurisim.docs.Markdown.Table;

/**
 * Generates {@code docs/scenario-format.md} from the scenario JSON Schema: a hand-written preamble, then one
 * table per object of the schema (following {@code $ref}s), then the event kinds.
 */
final class ScenarioFormatDoc {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONDITION_REF = "#/$defs/condition";
    private static final String NONE = "\u2014";

    static final String HEADER = """
            <!-- Generated from the scenario schema (src/main/resources/org/jurisim/scenario/schema.json) by
                 org.jurisim.docs.ReferenceDocs. Do not edit: change the schema or the generator, then run
                 mvn -q -B -o test -Dtest='org.jurisim.docs.*Test' -Djurisim.updateDocs=true -->

            """;

    /** The hand-written part: how a scenario file works as a whole. */
    static final String PREAMBLE = """
            A scenario is a [YAML](https://yaml.org) file (UTF-8) that says who the jurisdictions are, which
            cooperation rules they follow, how ICE and the federal executive act, and what happens on which
            date. This page first explains how scenario files work, then lists every field. The field
            reference and the event list are generated from the scenario schema, the file that JuriSim itself
            validates against, so they always match the program.

            ```yaml
            # yaml-language-server: $schema=schema.json
            name: Limited cooperation in the big counties
            extends: small-demo.yaml
            duration: 2y
            ice:
              detentionBeds: 60000
            events:
              - {on: 2026-07-01, do: priorities, value: SERIOUS_CRIMES_ONLY, note: New enforcement memo}
            ```

            ## Editor support

            Start each scenario file with the line

            ```yaml
            # yaml-language-server: $schema=schema.json
            ```

            Editors that use the YAML language server (for example VS Code with the Red Hat YAML extension)
            then check the file as you type, complete field names and show each field's meaning and default.
            `scenarios/schema.json` is a copy of the schema JuriSim validates with. For a scenario kept in
            another directory, give the relative path to it, e.g. `$schema=../scenarios/schema.json`.

            ## Building on another scenario: `extends`

            `extends: base.yaml` makes a scenario start from another one; the path is relative to the file
            that says `extends`, and the base can itself extend another file (a chain of at most 10 files; cycles are
            an error). The two are merged:

            * **mappings merge key by key**: `ice: {officers: 7000}` changes the officers and keeps every
              other `ice` field of the base;
            * **lists and scalars are replaced whole**: an `events` list in the scenario replaces the base's
              list entirely, it is not appended to.

            The built-in policies merge the same way: `policies` starts from the four built-in policies (see
            [Default `policies`](#default-policies)), so a scenario can add a policy, or change one field of a
            built-in one, without restating the others.

            YAML anchors and aliases may be used within a file; YAML merge keys (`<<:`) may not. Use
            `extends` to share settings between files.

            ## Overriding fields from the command line: `--set`

            `jurisim run` and `jurisim validate` take any number of `--set path.to.field=value` options,
            applied in order after `extends` and before the defaults:

            ```sh
            jurisim run scenarios/small-demo.yaml --set ice.detentionBeds=80000 --set federal.priorities=SERIOUS_CRIMES_ONLY
            jurisim validate scenarios/small-demo.yaml --set 'events[0].policy=limited' --set 'jurisdictions.list[2].policy=standard'
            ```

            * The path is the field path used in the tables below, with list items by index from 0
              (`events[0].beds`, `jurisdictions.list[2].policy`); the item must already exist.
              Missing mappings along the path are created.
            * The value is read as YAML, so `7000` is a number, `true` a boolean, `SERIOUS_CRIMES_ONLY` a
              string, and `[CA, TX]` or `{officers: 7000}` a list or mapping that replaces what the scenario
              gave for that field.
              Quote the option for the shell when it holds spaces, brackets or `*`.
            * A problem with an override is reported at `--set #N:1:COLUMN`, where N counts the `--set`
              options from 1.

            ## Defaults

            A field left out takes the default shown in the tables below; the defaults are part of the
            schema. A few per-jurisdiction fields have no fixed default and fall back to another figure, as
            their meaning says (the state's foreign-born share, `bookings.perCapitaPerYear`, ...). Every run
            writes the fully resolved scenario (`extends` merged, `--set` applied, defaults filled in) to
            `scenario.resolved.yaml` in its output directory, and the same parameters into `manifest.json`;
            `jurisim run scenario.resolved.yaml` repeats the run.

            ## Errors

            `jurisim validate FILE...` checks scenarios without running them; `jurisim run` makes the same
            checks first. Every problem found is reported, one line each, as
            `FILE:LINE:COLUMN: field.path: message`, and the exit status is 2 (0 means success, 1 an internal
            error). For example:

            ```text
            bad.yaml:4:18: ice.detentionBeds: expected a number >= 0 (beds), found -5
            bad.yaml:5:3: ice.oficers: unknown field 'oficers' (did you mean 'officers'?); expected one of: ...
            bad.yaml:6:11: duration: expected a duration such as 90d, 12w, 6m or 4y, found string "3q"
            ```

            A problem in a file reached through `extends` is reported at its line in that file.

            ## Dates and durations

            Dates are written `YYYY-MM-DD` and must be real calendar days. One simulated step is one day.
            `duration` is a whole number followed by a unit: `90d` (days), `12w` (weeks), `6m` (calendar
            months) or `4y` (calendar years), counted from `start`, so `1y` from 2026-01-01 is 365 days and
            `1y` from 2028-01-01 is 366. A run is at most 200 years long (1,000 with `--allow-large`; see [reliability.md](reliability.md)). Event dates may not be before
            `start`.

            ## Jurisdictions from your own CSV file

            `jurisdictions.csv` reads one jurisdiction per row of a CSV file with a header row. (For the real
            United States, `jurisdictions.us` is simpler: it reads the Census data shipped with JuriSim. CSV
            import is for your own tables.) The columns are found by their names in the header
            ([`jurisdictions.csv.columns`](#jurisdictionscsvcolumns)); `name`, `state` and `population` are
            required, the others optional. The path is relative to the file that names it: a `csv.file`
            inherited through `extends` is found next to the parent scenario. `scenario.resolved.yaml` records
            the absolute path, so it runs again to the same outputs.

            * **Encoding**: UTF-8, with or without a byte order mark (Excel's "CSV UTF-8"), unless
              `encoding` says `ISO-8859-1` or `windows-1252`.
            * **Missing values**: a cell holding one of the `na` texts (by default an empty cell and `NA`, as
              R writes it) has no value. An optional value then takes its default (the state's foreign-born
              share and Democratic share, `county`, no starting policy); a missing name, state or population
              is an error at its line and column. Other markers (`N/A`, `-`) can be added to `na`.
            * **States** may be written as codes (`CA`), full names (`California`) or 2-digit FIPS codes (`06`).
            * **FIPS codes** come from the `fips` column, or from two columns with `fipsColumns: [STATE, COUNTY]`
              (zero-padded to 2 and 3 digits). A row whose 5-digit code is a real county's gets that county's
              federal district and ICE field office, as in `jurisdictions.list`.
            * **Summary rows** (a state's or the nation's totals: `SUMLEV` 010 to 040, or county code 000 with
              `fipsColumns`) are refused at their line by default, since a state total counted as a county
              doubles its residents; `summaryRows: skip` leaves them out and says how many in a note.
            * **Duplicates** (the same name and state, or the same FIPS code, twice) are refused, naming both
              lines.
            * **Errors** are reported at the CSV file's line and column (`places.csv:14:23: policy: ...`).

            ### Walk-through: a Census county population file

            The Census Bureau's county population estimates (for example `co-est2019-alldata.csv`, from
            census.gov, "County Population Totals: 2010-2019", "Datasets") have one row per county and one per
            state, and columns `SUMLEV, REGION, DIVISION, STATE, COUNTY, STNAME, CTYNAME, CENSUS2010POP, ...,
            POPESTIMATE2019, ...`: the summary level (`040` a state, `050` a county), the state and county FIPS
            codes, the state's full name, the county's name and the estimates by year. The file is published in
            Latin-1 (`Doña Ana County` has a byte that is not UTF-8). Put it next to your scenario and write:

            ```yaml
            name: Counties from the Census file
            start: 2026-01-01
            duration: 2y
            jurisdictions:
              csv:
                file: co-est2019-alldata.csv
                encoding: ISO-8859-1                # as published; leave out for a file saved as UTF-8
                columns:
                  name: CTYNAME                     # Autauga County
                  state: STNAME                     # Alabama: full state names are accepted
                  population: POPESTIMATE2019       # the estimate of the year you want
                fipsColumns: [STATE, COUNTY]        # 01 + 001 = 01001: the real district and field office
                summaryRows: skip                   # the 51 state rows (SUMLEV 040, COUNTY 000)
            ```

            `jurisim validate` then counts one jurisdiction per county row and notes
            `skipped 51 summary rows (state or national totals) of co-est2019-alldata.csv ...`. Without
            `summaryRows: skip`, each state row is refused at its line:
            `co-est2019-alldata.csv:2:1: jurisdictions.csv.summaryRows: expected a row of one county or city, found a summary row (SUMLEV 040, Alabama), ...`.
            Foreign-born share and partisan lean are not in this file, so each county takes its state's; add
            columns of your own (`foreign_born_share`, `dem_share`, or any name mapped in `columns`) to set
            them. `src/test/resources/scenarios/census-county.yaml` is a small example in this layout (a dozen
            rows of the same columns, saved with a byte order mark), and its test checks each step above.

            ## Rules

            Cooperation policies and the filters that pick jurisdictions are written as rules in CEL, a small
            expression language: a **CEL expression** (`policies.<name>.detainer`) gives `HONOR`, `NOTIFY` or
            `DECLINE` for each detainer; a **CEL condition** (`shareReleaseDates`, `iceJailAccess`, the `when`
            filters) gives true or false, and may also be written as a plain YAML `true` or `false`. Quote rules
            in YAML. What a rule can read and how to write one: [docs/rules.md](rules.md).
            """;

    /** What each event kind does; the fields come from here, and are checked against the schema. */
    record EventKind(String kind, List<List<String>> fields, Set<String> alsoRequired, String meaning) {
    }

    static final List<EventKind> EVENT_KINDS = List.of(
            new EventKind("priorities", List.of(List.of("value")), Set.of(),
                    "Changes the federal enforcement priorities in force (at the start: `federal.priorities`). ICE then "
                            + "issues detainers only for charges at or above `federal.priorityThresholds.<value>`."),
            new EventKind("detentionCapacity", List.of(List.of("beds")), Set.of(),
                    "Sets the number of ICE detention beds nationwide (at the start: `ice.detentionBeds`); "
                            + "field offices share them by the population they cover."),
            new EventKind("officers", List.of(List.of("count")), Set.of(),
                    "Sets the number of ERO officers available for jail pick-ups nationwide (at the start: `ice.officers`)."),
            new EventKind("proceedings", List.of(List.of("meanDays")), Set.of(),
                    "Sets the mean stay in detention of people transferred from jails (at the start: `ice.proceedingsMeanDays`); "
                            + "the stays of at-large arrests and border transfers (`ice.atLargeStayDays`, `ice.borderStayDays`) change in the same proportion."),
            new EventKind("offer287g", List.of(List.of("when", "jurisdictions"), List.of("acceptance")), Set.of("acceptance"),
                    "Offers a 287(g) jail agreement to the chosen jurisdictions that have none; each signs with "
                            + "probability `acceptance` (one draw each). While an agreement holds, the jurisdiction "
                            + "follows `federal.agreement287g.policy`."),
            new EventKind("end287g", List.of(List.of("when", "jurisdictions")), Set.of(),
                    "Ends the 287(g) agreements of the chosen jurisdictions; they return to their own policy."),
            new EventKind("setPolicy", List.of(List.of("when", "jurisdictions"), List.of("policy"), List.of("hold")), Set.of(),
                    "The chosen jurisdictions adopt `policy` as their own policy (one with a 287(g) agreement "
                            + "follows the 287(g) policy until the agreement ends). `hold: true` holds it: the policy "
                            + "adaptation leaves a held policy alone, and so does a later `setPolicy` without `hold` "
                            + "(a 287(g) agreement, a preemption ruling or a state law may still override the policy in "
                            + "force); `hold: false` releases a hold. Without `hold`, held jurisdictions are skipped "
                            + "(the dashboard's *Hold* is saved this way)."),
            new EventKind("stateLaw", List.of(List.of("state"), List.of("law")), Set.of(),
                    "Puts a state law in force in `state`: `sanctuary`, `anti-sanctuary`, or `none` to repeal. "
                            + "Rules see it as `state.sanctuaryLaw` and `state.antiSanctuaryLaw`."),
            new EventKind("grantConditions", List.of(List.of("active"), List.of("withholdShare")), Set.of(),
                    "Switches the federal grant conditions on (`active: true`) or off (at the start: `grantConditions.active`); "
                            + "`withholdShare`, if given, becomes the share of grants withheld (`grantConditions.withholdShare`)."),
            new EventKind("suit", List.of(List.of("caseType"), List.of("plaintiff"), List.of("defendant")), Set.of(),
                    "Files a lawsuit on that date; its course (injunction, judgment, appeals) and outcome are simulated "
                            + "like any other case (see `courts`). Who may sue whom: `grantConditions`, a jurisdiction "
                            + "(`'Name, ST'`) or a state code against `United States`; `preemption`, `United States` against "
                            + "a jurisdiction or a state; `detainerLiability`, `individual` against a jurisdiction; "
                            + "`antiSanctuaryLaw`, a jurisdiction against its state."),
            new EventKind("set", List.of(List.of("path"), List.of("value")), Set.of(),
                    "Changes a live parameter from that day on: `path` is its field path and `value` its new value, "
                            + "checked against the field's type and range. The live parameters are listed below."));

    /** Event fields every kind takes. */
    private static final Set<String> COMMON_EVENT_FIELDS = Set.of("on", "do", "note");

    private enum Kind { TOP, OBJECT, ITEMS, ENTRIES }

    /**
     * One table of the reference.
     *
     * @param defaults the default value of this mapping as a whole, as the loader builds it (a parent's default
     *                 wins over its fields' own defaults), or null
     * @param live     whether fields here can be live parameters (reached through mappings only)
     */
    private record Section(String path, Kind kind, JsonNode schema, String intro, JsonNode defaults, boolean live) {
        String heading() {
            return switch (kind) {
                case TOP -> "Top level";
                case OBJECT -> Markdown.code(path);
                case ITEMS -> Markdown.code(path) + " (each item)";
                case ENTRIES -> Markdown.code(path) + " (each entry)";
            };
        }
    }

    private final JsonNode root;
    private final Map<String, Section> sections = new LinkedHashMap<>();

    private ScenarioFormatDoc(JsonNode root) {
        this.root = root;
    }

    static String generate(JsonNode schema) {
        return Markdown.checked(new ScenarioFormatDoc(schema).render());
    }

    // ------------------------------------------------------------------ schema walking

    private JsonNode deref(JsonNode s) {
        int guard = 0;
        while (s != null && s.has("$ref")) {
            String ref = s.get("$ref").asText();
            if (!ref.startsWith("#") || ++guard > 32) {
                throw new IllegalStateException("cannot follow $ref " + ref);
            }
            JsonNode target = root.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new IllegalStateException("$ref to nothing: " + ref);
            }
            s = target;
        }
        return s;
    }

    /** A keyword of a property schema, from the property itself or else from what it refers to. */
    private JsonNode attr(JsonNode ps, String key) {
        if (ps.has(key)) {
            return ps.get(key);
        }
        JsonNode d = deref(ps);
        return d == null ? null : d.get(key);
    }

    private static boolean hasProperties(JsonNode d) {
        return d != null && d.has("properties") && d.get("properties").isObject();
    }

    private JsonNode itemsObject(JsonNode d) {
        if (d != null && d.has("items") && d.get("items").isObject()) {
            JsonNode it = deref(d.get("items"));
            return hasProperties(it) ? it : null;
        }
        return null;
    }

    private JsonNode entriesObject(JsonNode d) {
        if (d != null && !hasProperties(d) && d.has("additionalProperties") && d.get("additionalProperties").isObject()) {
            JsonNode v = deref(d.get("additionalProperties"));
            return hasProperties(v) ? v : null;
        }
        return null;
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    private static Iterable<Map.Entry<String, JsonNode>> props(JsonNode d) {
        if (!hasProperties(d)) {
            return List.of();
        }
        return d.get("properties").properties();
    }

    /** The default of a field as the loader applies it: from the enclosing mapping's default, else its own. */
    private JsonNode effectiveDefault(Section s, String name, JsonNode ps) {
        if (s.defaults() != null && s.defaults().has(name)) {
            return s.defaults().get(name);
        }
        return attr(ps, "default");
    }

    private boolean isLive(Section s, JsonNode ps) {
        return s.live() && (ps.path("x-live").asBoolean(false) || deref(ps).path("x-live").asBoolean(false));
    }

    private void collect(Section s) {
        sections.put(s.path(), s);
        for (Map.Entry<String, JsonNode> e : props(s.schema())) {
            String p = join(s.path(), e.getKey());
            JsonNode ps = e.getValue();
            JsonNode d = deref(ps);
            String desc = text(attr(ps, "description"));
            if (hasProperties(d)) {
                JsonNode def = effectiveDefault(s, e.getKey(), ps);
                collect(new Section(p, Kind.OBJECT, d, desc, def != null && def.isObject() ? def : null, s.live()));
            } else if (itemsObject(d) != null) {
                JsonNode items = itemsObject(d);
                String intro = "One item of the list " + Markdown.code(p) + ".";
                if (items.has("description")) {
                    intro = intro + " " + items.get("description").asText();
                }
                collect(new Section(p + "[]", Kind.ITEMS, items, intro, null, false));
            } else if (entriesObject(d) != null) {
                JsonNode v = entriesObject(d);
                StringBuilder intro = new StringBuilder("One entry of the mapping " + Markdown.code(p) + ", under its name");
                JsonNode names = d.get("propertyNames");
                if (names != null && names.has("x-expected")) {
                    intro.append(" (").append(names.get("x-expected").asText()).append(")");
                }
                intro.append('.');
                if (v.has("description")) {
                    intro.append(' ').append(v.get("description").asText());
                }
                collect(new Section(p + ".<name>", Kind.ENTRIES, v, intro.toString(), null, false));
            }
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? "" : n.asText();
    }

    // ------------------------------------------------------------------ rendering

    private String render() {
        collect(new Section("", Kind.TOP, root, text(root.get("description")), null, true));
        StringBuilder out = new StringBuilder(HEADER);
        out.append("# Scenario format\n\n").append(PREAMBLE).append('\n');
        out.append("## Field reference\n\n");
        out.append("""
                One table per mapping of the scenario. **field** is the full path of the field, as used by `--set`
                and in error messages: `[]` stands for any item of a list (`events[].beds` is the `beds` of each
                event; write `events[0].beds` for the first) and `<name>` for any key of a mapping whose keys you
                choose (`policies.<name>.detainer`). **unit** is the unit of a number, **default** the value used
                when the field is left out (*required* if it may not be), **range** the allowed values
                (`min..max`, inclusive). Fields marked **live** can also change during a run, by a `set` event
                (see [Events](#events)).

                """);
        List<String> index = new ArrayList<>();
        for (Section s : sections.values()) {
            index.add(Markdown.link(s.heading(), s.heading()));
        }
        index.add(Markdown.link("Events", "Events"));
        out.append("Sections: ").append(String.join(" \u00b7 ", index)).append(".\n\n");
        for (Section s : sections.values()) {
            renderSection(out, s);
        }
        renderEvents(out);
        String page = out.toString();
        while (page.endsWith("\n\n")) {
            page = page.substring(0, page.length() - 1);
        }
        return page;
    }

    private void renderSection(StringBuilder out, Section s) {
        out.append("### ").append(s.heading()).append("\n\n");
        if (!s.intro().isBlank()) {
            out.append(s.intro().strip()).append("\n\n");
        }
        Set<String> required = new LinkedHashSet<>();
        if (s.schema().has("required")) {
            s.schema().get("required").forEach(r -> required.add(r.asText()));
        }
        Table t = new Table("field", "type", "unit", "default", "range", "meaning");
        List<String[]> defaultTables = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : props(s.schema())) {
            String name = e.getKey();
            String p = join(s.path(), name);
            JsonNode ps = e.getValue();
            String def;
            JsonNode dv = effectiveDefault(s, name, ps);
            if (dv != null && isMapOfMappings(dv) && entriesObject(deref(ps)) != null) {
                String heading = "Default " + Markdown.code(p);
                def = "the " + dv.size() + " entries in " + Markdown.link(heading, heading);
                defaultTables.add(new String[] {heading, renderDefaultTable(dv, entriesObject(deref(ps)))});
            } else if (dv != null) {
                def = Markdown.code(json(dv));
            } else if (required.contains(name)) {
                def = "*required*";
            } else {
                def = NONE;
            }
            String type = type(name, ps, p) + (isLive(s, ps) ? "; **live**" : "");
            t.row(Markdown.code(p), type, unit(ps), def, range(ps), text(attr(ps, "description")));
        }
        if (!t.isEmpty()) {
            out.append(t.render()).append('\n');
        }
        for (String[] dt : defaultTables) {
            out.append("#### ").append(dt[0]).append("\n\n").append(dt[1]).append('\n');
        }
    }

    private static boolean isMapOfMappings(JsonNode v) {
        if (!v.isObject() || v.isEmpty()) {
            return false;
        }
        for (JsonNode x : v) {
            if (!x.isObject()) {
                return false;
            }
        }
        return true;
    }

    private String renderDefaultTable(JsonNode dv, JsonNode valueSchema) {
        List<String> cols = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : props(valueSchema)) {
            for (JsonNode entry : dv) {
                if (entry.has(e.getKey())) {
                    cols.add(e.getKey());
                    break;
                }
            }
        }
        for (JsonNode entry : dv) {
            for (Iterator<String> it = entry.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!valueSchema.get("properties").has(k)) {
                    throw new IllegalStateException("default entry has field '" + k + "' that its schema does not define");
                }
            }
        }
        List<String> header = new ArrayList<>();
        header.add("name");
        cols.forEach(c -> header.add(Markdown.code(c)));
        Table t = new Table(header.toArray(String[]::new));
        for (Map.Entry<String, JsonNode> entry : dv.properties()) {
            List<String> row = new ArrayList<>();
            row.add(Markdown.code(entry.getKey()));
            for (String c : cols) {
                JsonNode v = entry.getValue().get(c);
                JsonNode cs = valueSchema.get("properties").get(c);
                if (v == null) {
                    row.add(NONE);
                } else if (ruleKind(c, cs) != null) {
                    row.add(Markdown.code(v.isTextual() ? v.asText() : json(v)));
                } else if (v.isTextual()) {
                    row.add(v.asText());
                } else {
                    row.add(Markdown.code(json(v)));
                }
            }
            t.row(row.toArray(String[]::new));
        }
        return t.render();
    }

    /** "CEL condition" or "CEL expression" for rule fields, else null. */
    private static String ruleKind(String name, JsonNode ps) {
        if (ps != null && ps.has("$ref") && CONDITION_REF.equals(ps.get("$ref").asText())) {
            return "CEL condition";
        }
        if ("detainer".equals(name)) {
            return "CEL expression";
        }
        return null;
    }

    private String type(String name, JsonNode ps, String path) {
        String rule = ruleKind(name, ps);
        if (rule != null) {
            return rule;
        }
        JsonNode d = deref(ps);
        if (d == null) {
            return "any";
        }
        if (d.has("enum")) {
            return "one of " + enumValues(d.get("enum")) + ("events[].do".equals(path) ? " (see " + Markdown.link("Events", "Events") + ")" : "");
        }
        if (d.has("const")) {
            return Markdown.code(json(d.get("const")));
        }
        if (hasProperties(d)) {
            Section s = sections.get(path);
            return "mapping, see " + Markdown.link(s.heading(), s.heading());
        }
        if (itemsObject(d) != null) {
            Section s = sections.get(path + "[]");
            return "list of mappings, see " + Markdown.link(s.heading(), s.heading()) + unique(d);
        }
        if (entriesObject(d) != null) {
            Section s = sections.get(path + ".<name>");
            return "mapping of names to mappings, see " + Markdown.link(s.heading(), s.heading());
        }
        JsonNode t = d.get("type");
        if (t == null) {
            return "any";
        }
        if (t.isArray()) {
            List<String> words = new ArrayList<>();
            t.forEach(x -> words.add(x.asText()));
            return String.join(" or ", words);
        }
        String base = t.asText();
        switch (base) {
            case "array" -> {
                JsonNode items = d.get("items");
                String of;
                if (items == null) {
                    of = "any";
                } else if (deref(items).has("enum")) {
                    of = "values from " + enumValues(deref(items).get("enum"));
                } else {
                    of = type("", items, path + "[]");
                }
                return "list of " + of + unique(d);
            }
            case "object" -> {
                JsonNode addl = d.get("additionalProperties");
                return addl != null && addl.isObject() ? "mapping of " + keys(d) + " to " + type("", addl, path + ".<name>") : "mapping";
            }
            default -> {
                JsonNode expected = attr(ps, "x-expected");
                return expected == null ? base : base + " (" + expected.asText() + ")";
            }
        }
    }

    /** The keys a mapping whose keys the user chooses accepts, in words. */
    private static String keys(JsonNode d) {
        JsonNode names = d.get("propertyNames");
        if (names == null) {
            return "names";
        }
        if (names.has("x-expected")) {
            return "keys (" + names.get("x-expected").asText() + ")";
        }
        if (names.has("enum")) {
            return "keys " + enumValues(names.get("enum"));
        }
        if (names.has("pattern")) {
            return "keys matching " + Markdown.code(names.get("pattern").asText());
        }
        return "names";
    }

    private static String unique(JsonNode d) {
        return d.path("uniqueItems").asBoolean(false) ? " (distinct)" : "";
    }

    private static String enumValues(JsonNode values) {
        List<String> vs = new ArrayList<>();
        values.forEach(v -> vs.add(Markdown.code(v.isTextual() ? v.asText() : json(v))));
        return String.join(", ", vs);
    }

    /** The schema of the values of a mapping whose keys the user chooses and whose values are not mappings. */
    private JsonNode primitiveEntries(JsonNode ps) {
        JsonNode d = deref(ps);
        if (d != null && !hasProperties(d) && d.has("additionalProperties") && d.get("additionalProperties").isObject()
                && entriesObject(d) == null) {
            return d.get("additionalProperties");
        }
        return null;
    }

    private String unit(JsonNode ps) {
        JsonNode u = attr(ps, "x-unit");
        if (u == null && primitiveEntries(ps) != null) {
            u = attr(primitiveEntries(ps), "x-unit");
        }
        return text(u);
    }

    private String range(JsonNode ps) {
        if (attr(ps, "minimum") == null && attr(ps, "maximum") == null && attr(ps, "exclusiveMinimum") == null
                && attr(ps, "exclusiveMaximum") == null && primitiveEntries(ps) != null) {
            return range(primitiveEntries(ps));
        }
        String lo = bound(attr(ps, "minimum"), attr(ps, "exclusiveMinimum"), ">");
        String hi = bound(attr(ps, "maximum"), attr(ps, "exclusiveMaximum"), "<");
        JsonNode min = attr(ps, "minimum");
        JsonNode max = attr(ps, "maximum");
        if (min != null && max != null) {
            return number(min) + ".." + number(max);
        }
        if (lo.isEmpty()) {
            return hi;
        }
        return hi.isEmpty() ? lo : lo + ", " + hi;
    }

    private static String bound(JsonNode inclusive, JsonNode exclusive, String op) {
        if (exclusive != null && exclusive.isNumber()) {
            return op + " " + number(exclusive);
        }
        if (inclusive != null) {
            return op + "= " + number(inclusive);
        }
        return "";
    }

    /** Compact JSON, with numbers written out in full ({@code 0.0005}, not {@code 5.0E-4}). */
    static String json(JsonNode v) {
        if (v.isNumber()) {
            return number(v);
        }
        if (v.isObject()) {
            List<String> parts = new ArrayList<>();
            v.properties().forEach(e -> parts.add(quote(e.getKey()) + ":" + json(e.getValue())));
            return "{" + String.join(",", parts) + "}";
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(x -> parts.add(json(x)));
            return "[" + String.join(",", parts) + "]";
        }
        if (v.isTextual()) {
            return quote(v.asText());
        }
        return v.toString();
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A schema number as written: integers as such, decimals in plain notation. */
    static String number(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue().toString();
        }
        return new java.math.BigDecimal(Double.toString(n.doubleValue())).stripTrailingZeros().toPlainString();
    }

    // ------------------------------------------------------------------ events

    private void renderEvents(StringBuilder out) {
        Section itemSection = sections.get("events[]");
        if (itemSection == null) {
            throw new IllegalStateException("the schema has no list of event mappings at 'events'");
        }
        JsonNode event = itemSection.schema();
        JsonNode props = event.get("properties");
        JsonNode doEnum = props.path("do").path("enum");
        List<String> kinds = new ArrayList<>();
        doEnum.forEach(k -> kinds.add(k.asText()));
        Map<String, EventKind> table = new LinkedHashMap<>();
        EVENT_KINDS.forEach(k -> table.put(k.kind(), k));
        if (!new TreeSet<>(kinds).equals(new TreeSet<>(table.keySet()))) {
            throw new IllegalStateException("event kinds in the schema " + new TreeSet<>(kinds) + " differ from those the docs generator describes "
                    + new TreeSet<>(table.keySet()) + ": update ScenarioFormatDoc.EVENT_KINDS");
        }
        Map<String, Set<String>> schemaRequired = requiredByKind(event);
        Set<String> used = new TreeSet<>();
        for (EventKind k : EVENT_KINDS) {
            for (List<String> group : k.fields()) {
                for (String f : group) {
                    if (!props.has(f)) {
                        throw new IllegalStateException("event kind " + k.kind() + " takes '" + f + "', which the schema's event has no field for");
                    }
                    used.add(f);
                }
            }
            for (String r : schemaRequired.getOrDefault(k.kind(), Set.of())) {
                if (k.fields().stream().noneMatch(g -> g.contains(r))) {
                    throw new IllegalStateException("the schema requires '" + r + "' for " + k.kind() + " events, but the docs generator does not list it");
                }
            }
        }
        Set<String> unused = new TreeSet<>();
        props.fieldNames().forEachRemaining(f -> {
            if (!COMMON_EVENT_FIELDS.contains(f) && !used.contains(f)) {
                unused.add(f);
            }
        });
        if (!unused.isEmpty()) {
            throw new IllegalStateException("event fields " + unused + " belong to no event kind in ScenarioFormatDoc.EVENT_KINDS");
        }

        out.append("## Events\n\n");
        out.append("Each item of `events` is one dated change to the world. Every event has `on` (the date it takes "
                + "effect) and `do` (its kind), may have a `note`, and takes the fields of its kind below; any other "
                + "field is an error. Events take effect at the start of their day, in date order, and in file order "
                + "within a day. Each field is described in " + Markdown.link(itemSection.heading(), itemSection.heading())
                + ". Jurisdictions are chosen by `when` (a CEL condition over `jurisdiction.*` and `state.*`), by "
                + "`jurisdictions` (names as `'Name, ST'`), or both: then the named ones and those for which the "
                + "condition holds.\n\n");
        Table t = new Table("do", "fields", "what happens");
        for (String kind : kinds) {
            EventKind k = table.get(kind);
            Set<String> req = new LinkedHashSet<>(schemaRequired.getOrDefault(kind, Set.of()));
            req.addAll(k.alsoRequired());
            List<String> parts = new ArrayList<>();
            for (List<String> group : k.fields()) {
                if (group.size() == 1) {
                    String f = group.get(0);
                    parts.add(Markdown.code(f) + (req.contains(f) ? " (required)" : " (optional)"));
                } else {
                    List<String> alts = new ArrayList<>();
                    group.forEach(f -> alts.add(Markdown.code(f)));
                    parts.add(String.join(" and/or ", alts) + " (at least one)");
                }
            }
            t.row(Markdown.code(kind), String.join("; ", parts), k.meaning());
        }
        out.append(t.render()).append('\n');
        out.append("""
                ```yaml
                events:
                  - {on: 2026-04-01, do: priorities, value: SERIOUS_CRIMES_ONLY, note: New enforcement memo}
                  - {on: 2026-06-01, do: detentionCapacity, beds: 60000}
                  - {on: 2026-07-01, do: setPolicy, jurisdictions: ["Travis County, TX"], policy: sanctuary}
                  - {on: 2026-09-01, do: stateLaw, state: TX, law: anti-sanctuary}
                  - {on: 2026-10-01, do: offer287g, when: "state.antiSanctuaryLaw", acceptance: 0.5}
                  - {on: 2027-01-20, do: grantConditions, active: true, withholdShare: 0.5}
                  - {on: 2027-02-01, do: suit, caseType: grantConditions, plaintiff: "Cook County, IL", defendant: United States}
                  - {on: 2027-03-01, do: set, path: ice.officers, value: 7000}
                ```

                """);
        List<String> live = new ArrayList<>();
        liveParameters(sections.get(""), live);
        if (!live.isEmpty()) {
            out.append("Live parameters, which a `set` event can change: ").append(String.join(", ", live)).append(".\n\n");
        }
    }

    private void liveParameters(Section s, List<String> out) {
        for (Map.Entry<String, JsonNode> e : props(s.schema())) {
            String p = join(s.path(), e.getKey());
            if (isLive(s, e.getValue())) {
                out.add(Markdown.code(p));
            } else if (sections.containsKey(p) && sections.get(p).live()) {
                liveParameters(sections.get(p), out);
            }
        }
    }

    /** Fields the schema's {@code allOf} if/then makes required for each {@code do} kind. */
    private static Map<String, Set<String>> requiredByKind(JsonNode event) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (JsonNode clause : event.path("allOf")) {
            JsonNode c = clause.path("if").path("properties").path("do").path("const");
            JsonNode req = clause.path("then").path("required");
            if (c.isTextual() && req.isArray()) {
                Set<String> s = out.computeIfAbsent(c.asText(), k -> new LinkedHashSet<>());
                req.forEach(r -> s.add(r.asText()));
            }
        }
        return out;
    }
}
