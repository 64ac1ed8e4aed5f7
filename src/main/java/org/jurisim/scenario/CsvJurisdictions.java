package org.jurisim.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jurisim.common.Location;
import org.jurisim.common.Problem;
import org.jurisim.common.Suggest;
import org.jurisim.reference.District;
import org.jurisim.reference.State;
import org.jurisim.reference.UsData;
import org.jurisim.reference.UsReference;

/**
 * Reads jurisdictions from a user CSV file (a header row, columns mapped by name), reporting every bad cell at its
 * CSV line and column. UTF-8 with or without a byte order mark; missing-value tokens ({@code na}); states as
 * codes, names or FIPS codes; FIPS codes built from a state and a county column; summary rows (a Census file's
 * state totals) refused or skipped; duplicate jurisdictions refused with both lines.
 */
final class CsvJurisdictions {

    static final long MAX_BYTES = 64L * 1024 * 1024;
    static final int MAX_ROWS = 100_000;
    /** Census summary levels of rows that are totals, not counties: nation, region, division, state. */
    static final Set<String> SUMMARY_LEVELS = Set.of("010", "020", "030", "040");
    static final String SUMLEV = "SUMLEV";
    private static final Set<String> REQUIRED = Set.of("name", "state", "population");

    /** Attribute to column-name mapping, plus which columns the scenario named (other than by their default names). */
    record Columns(Map<String, String> byAttribute, Set<String> explicit) {
    }

    /**
     * How to read the file.
     *
     * @param na          cell texts that mean "no value" (the default is used where there is one)
     * @param fipsColumns the state and county code columns a FIPS code is built from, or empty
     * @param skipSummary whether summary rows are left out (else refused)
     * @param policies    the policy names a policy cell may hold
     * @param encoding    UTF-8 (a byte order mark is ignored), ISO-8859-1 or windows-1252
     */
    record Settings(Columns columns, Set<String> na, List<String> fipsColumns, boolean skipSummary, Set<String> policies,
                    String encoding) {
    }

    private CsvJurisdictions() {
    }

    static List<JurisdictionSpec> read(Path file, String display, Settings settings, Location declaredAt, String fieldPath,
                                       UsReference ref, double bookings, double grants, List<Problem> problems, List<String> notes) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                problems.add(new Problem(declaredAt, fieldPath, "CSV file is over the limit of " + MAX_BYTES + " bytes"));
                return List.of();
            }
            byte[] bytes = Files.readAllBytes(file);
            ScenarioBundle.recordRead(file, bytes);
            if (!settings.encoding().equals("UTF-8")) {
                text = new String(bytes, java.nio.charset.Charset.forName(settings.encoding()));
            } else {
                java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
                java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(bytes.length);
                java.nio.charset.CoderResult r = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, chars, true);
                if (r.isError()) {
                    // where the first byte that is not UTF-8 sits: a Census file published in Latin-1 (Doña Ana County)
                    chars.flip();
                    int line = 1;
                    int col = 1;
                    for (int i = 0; i < chars.limit(); i++) {
                        if (chars.get(i) == '\n') {
                            line++;
                            col = 1;
                        } else if (chars.get(i) != '\uFEFF' && !Character.isLowSurrogate(chars.get(i))) {
                            col++;
                        }
                    }
                    problems.add(new Problem(new Location(display, line, col), "", String.format(Locale.ROOT,
                            "expected UTF-8 text, found byte 0x%02X, which is not UTF-8 (save the file as \"CSV UTF-8\", or set"
                                    + " jurisdictions.csv.encoding: ISO-8859-1 for a Latin-1 file such as the Census county files)",
                            bytes[in.position()] & 0xff)));
                    return List.of();
                }
                chars.flip();
                text = chars.toString();
            }
        } catch (NoSuchFileException e) {
            problems.add(new Problem(declaredAt, fieldPath, "expected an existing CSV file, found no file at " + display));
            return List.of();
        } catch (IOException | java.io.UncheckedIOException e) {
            problems.add(new Problem(declaredAt, fieldPath, "cannot read CSV file " + display + ": " + e.getMessage()));
            return List.of();
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // Excel's "CSV UTF-8" starts with a byte order mark
        }
        return new Reader(text, display, settings, fieldPath, ref, bookings, grants, problems, notes).read();
    }

    private static final class Reader {
        private final String[] lines;
        private final String text;
        private final String display;
        private final Settings settings;
        private final Map<String, String> c;
        private final String fieldPath;
        private final UsReference ref;
        private final double bookings;
        private final double grants;
        private final List<Problem> problems;
        private final List<String> notes;
        private final Map<String, State> states = new HashMap<>();
        private final Map<String, Integer> seenKeys = new HashMap<>();
        private final Map<String, Integer> seenFips = new HashMap<>();
        private List<String> header = List.of();
        private int summaryRows;

        Reader(String text, String display, Settings settings, String fieldPath, UsReference ref, double bookings, double grants,
               List<Problem> problems, List<String> notes) {
            this.text = text;
            this.lines = text.split("\r\n|\n|\r", -1);
            this.display = display;
            this.settings = settings;
            this.c = settings.columns().byAttribute();
            this.fieldPath = fieldPath;
            this.ref = ref;
            this.bookings = bookings;
            this.grants = grants;
            this.problems = problems;
            this.notes = notes;
            for (State s : ref.states()) {
                states.put(s.code(), s);
                states.put(s.name().toLowerCase(Locale.ROOT), s);
                states.put(s.fips(), s);
            }
        }

        List<JurisdictionSpec> read() {
            CsvMapper mapper = new CsvMapper();
            mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            mapper.enable(CsvParser.Feature.TRIM_SPACES);
            mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            List<JurisdictionSpec> out = new ArrayList<>();
            boolean first = true;
            try (MappingIterator<List<String>> it = mapper.readerFor(List.class).readValues(text)) {
                while (it.hasNextValue()) {
                    List<String> row = it.nextValue();
                    // the row's last token (END_ARRAY) is on the row's last line; the current location is already past it.
                    // A quoted cell may hold line breaks: the row starts that many lines earlier, where its cells' columns are counted.
                    int line = Math.max(1, it.getParser().currentTokenLocation().getLineNr() - lineBreaks(row));
                    if (first) {
                        header = row.stream().map(String::trim).toList();
                        if (!checkHeader()) {
                            return List.of();
                        }
                        first = false;
                        continue;
                    }
                    if (out.size() >= MAX_ROWS) {
                        problems.add(new Problem(new Location(display, line, 1), "", "more than " + MAX_ROWS + " rows (a limit of this format)"));
                        return List.of();
                    }
                    Map<String, String> cells = new HashMap<>();
                    for (int i = 0; i < header.size() && i < row.size(); i++) {
                        cells.putIfAbsent(header.get(i), row.get(i).trim());
                    }
                    JurisdictionSpec j = row(cells, line);
                    if (j != null) {
                        out.add(j);
                    }
                }
                if (first || (out.isEmpty() && problems.isEmpty() && summaryRows == 0)) {
                    problems.add(new Problem(new Location(display, 1, 1), "", "expected a header row and at least one jurisdiction, found "
                            + (first ? "an empty file" : "no rows after the header")));
                }
            } catch (JsonProcessingException e) {
                JsonLocation l = e.getLocation();
                int line = l == null || l.getLineNr() < 1 ? 1 : l.getLineNr();
                int col = l == null || l.getColumnNr() < 1 ? 1 : l.getColumnNr();
                problems.add(new Problem(new Location(display, line, col), "", "malformed CSV: "
                        + YamlDocument.oneLine(String.valueOf(e.getOriginalMessage()))));
            } catch (IOException | RuntimeException e) {
                problems.add(new Problem(new Location(display, 1, 1), "", "malformed CSV: " + YamlDocument.oneLine(String.valueOf(e.getMessage()))));
            }
            if (summaryRows > 0) {
                notes.add("skipped " + summaryRows + " summary row" + (summaryRows == 1 ? "" : "s") + " (state or national totals) of "
                        + display + " (jurisdictions.csv.summaryRows: skip)");
            }
            return out;
        }

        /** Line breaks inside the cells of a row (quoted cells may hold them): {@code \r\n}, {@code \n} or {@code \r} each count once. */
        private static int lineBreaks(List<String> row) {
            int n = 0;
            for (String cell : row) {
                for (int i = 0; i < cell.length(); i++) {
                    char ch = cell.charAt(i);
                    if (ch == '\n' || ch == '\r' && (i + 1 == cell.length() || cell.charAt(i + 1) != '\n')) {
                        n++;
                    }
                }
            }
            return n;
        }

        private boolean checkHeader() {
            boolean ok = true;
            Map<String, String> wanted = new LinkedHashMap<>(c);
            for (int i = 0; i < settings.fipsColumns().size(); i++) {
                wanted.put("fipsColumns[" + i + "]", settings.fipsColumns().get(i));
            }
            for (Map.Entry<String, String> e : wanted.entrySet()) {
                String attr = e.getKey();
                boolean required = REQUIRED.contains(attr) || attr.startsWith("fipsColumns") || settings.columns().explicit().contains(attr);
                if (!header.contains(e.getValue()) && required) {
                    String path = attr.startsWith("fipsColumns") ? SourceMap.parent(fieldPath) + "." + attr
                            : SourceMap.parent(fieldPath) + ".columns." + attr;
                    problems.add(new Problem(new Location(display, 1, 1), path,
                            "expected a column '" + e.getValue() + "' in the header, found columns: " + String.join(", ", header)
                                    + Suggest.hint(e.getValue(), header)));
                    ok = false;
                }
            }
            return ok;
        }

        private Location at(int line, String col) {
            return new Location(display, line, column(line, col));
        }

        /** Column (in characters) where the cell of column {@code col} starts on this line; quotes respected. */
        private int column(int line, String col) {
            int idx = col == null ? -1 : header.indexOf(col);
            if (line < 1 || line > lines.length || idx < 0) {
                return 1;
            }
            String raw = lines[line - 1];
            if (line == 1 && raw.startsWith("\uFEFF")) {
                raw = raw.substring(1);
            }
            int field = 0;
            boolean quoted = false;
            for (int i = 0; i < raw.length(); i++) {
                char ch = raw.charAt(i);
                if (field == idx) {
                    return i + 1;
                }
                if (ch == '"') {
                    quoted = !quoted;
                } else if (ch == ',' && !quoted) {
                    field++;
                }
            }
            return field == idx ? raw.length() + 1 : 1;
        }

        /** The cell of an attribute's column, or null when the column is absent or the cell holds a missing-value token. */
        private String get(Map<String, String> cells, String column) {
            if (column == null) {
                return null;
            }
            String v = cells.get(column);
            return v == null || settings.na().contains(v) ? null : v;
        }

        private String missing(Map<String, String> cells, String column) {
            String v = cells.get(column);
            return v == null || v.isEmpty() ? "an empty cell" : "\"" + v + "\", a missing-value token (jurisdictions.csv.na)";
        }

        private JurisdictionSpec row(Map<String, String> cells, int line) {
            int before = problems.size();
            String name = get(cells, c.get("name"));
            String stateText = get(cells, c.get("state"));
            if (summary(cells)) {
                if (settings.skipSummary()) {
                    summaryRows++;
                } else {
                    String col = cells.containsKey(SUMLEV) ? SUMLEV : settings.fipsColumns().get(1);
                    problems.add(new Problem(at(line, col), "jurisdictions.csv.summaryRows", "expected a row of one county or city, found a summary row ("
                            + (cells.containsKey(SUMLEV) ? "SUMLEV " + cells.get(SUMLEV) : "county code " + cells.get(col))
                            + (name == null ? "" : ", " + name) + "), which would count its residents twice;"
                            + " set jurisdictions.csv.summaryRows: skip to leave such rows out"));
                }
                return null;
            }
            if (name == null) {
                problems.add(new Problem(at(line, c.get("name")), "name", "expected a jurisdiction name, found " + missing(cells, c.get("name"))));
            } else {
                String bad = ScenarioBinder.unprintable(name, true);
                if (bad != null) {
                    // at the cell itself (the binder's later check could only name the CSV file in the scenario)
                    problems.add(new Problem(at(line, c.get("name")), "name", "expected a name without control characters, found " + bad
                            + " (a name is one line of printable text)"));
                }
            }
            State st = null;
            if (stateText == null) {
                problems.add(new Problem(at(line, c.get("state")), "state", "expected a state (code, name or 2-digit FIPS code), found "
                        + missing(cells, c.get("state"))));
            } else {
                st = states.get(stateText.length() == 1 && Character.isDigit(stateText.charAt(0)) ? "0" + stateText
                        : stateText.length() == 2 ? stateText.toUpperCase(Locale.ROOT) : stateText.toLowerCase(Locale.ROOT));
                if (st == null) {
                    List<String> names = new ArrayList<>(ref.stateCodes());
                    ref.states().forEach(s -> names.add(s.name()));
                    problems.add(new Problem(at(line, c.get("state")), "state",
                            "expected a state code (50 states and DC), a state name or a 2-digit FIPS code, found \"" + stateText + "\""
                                    + Suggest.hint(stateText, names)));
                }
            }
            Long pop = null;
            String popText = get(cells, c.get("population"));
            if (popText == null) {
                problems.add(new Problem(at(line, c.get("population")), "population",
                        "expected a whole number of residents between 1 and 100000000, found " + missing(cells, c.get("population"))));
            } else {
                try {
                    pop = Long.parseLong(popText.replace(",", "").replace("_", ""));
                    if (pop < 1 || pop > 100_000_000L) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    pop = null;
                    problems.add(new Problem(at(line, c.get("population")), "population",
                            "expected a whole number of residents between 1 and 100000000, found \"" + popText + "\""));
                }
            }
            Double fb = share(cells, c.get("foreignBornShare"), "foreignBornShare", line);
            Double lean = share(cells, c.get("partisanLean"), "partisanLean", line);
            String kind = get(cells, c.get("kind"));
            if (kind != null && !List.of("county", "city", "city-county").contains(kind)) {
                problems.add(new Problem(at(line, c.get("kind")), "kind", "expected county, city or city-county, found \"" + kind + "\""
                        + Suggest.hint(kind, List.of("county", "city", "city-county"))));
            }
            String fips = fips(cells, st, line);
            UsData.County real = null;
            if (fips != null && fips.length() == 5 && st != null) {
                real = UsData.load().county(fips).orElse(null);
                if (real != null && !real.state().equals(st.code())) {
                    problems.add(new Problem(at(line, fipsColumn()), "fips", "expected a FIPS code of a county in " + st.code()
                            + ", found " + fips + ", which is " + real.key()));
                    real = null;
                }
            }
            String districtId = get(cells, c.get("district"));
            District district = null;
            if (districtId != null) {
                district = ref.district(districtId).orElse(null);
                if (district == null || (st != null && !district.state().equals(st.code()))) {
                    List<String> ids = new ArrayList<>();
                    if (st != null) {
                        ref.districtsOf(st.code()).forEach(d -> ids.add(d.id()));
                    }
                    problems.add(new Problem(at(line, c.get("district")), "district",
                            "expected a federal district of " + (st == null ? "the state" : st.code()) + " (" + String.join(", ", ids)
                                    + "), found \"" + districtId + "\"" + Suggest.hint(districtId, ids)));
                }
            }
            String policy = get(cells, c.get("policy"));
            if (policy != null && settings.policies() != null && !settings.policies().contains(policy)) {
                problems.add(new Problem(at(line, c.get("policy")), "policy", "expected a policy defined under 'policies' ("
                        + String.join(", ", settings.policies()) + "), found \"" + policy + "\"" + Suggest.hint(policy, settings.policies())));
            }
            if (name != null && st != null) {
                String key = name + ", " + st.code();
                Integer prev = seenKeys.putIfAbsent(key, line);
                if (prev != null) {
                    problems.add(new Problem(at(line, c.get("name")), "name", "expected each jurisdiction ('Name, ST') once, found '"
                            + key + "' again (first at line " + prev + ")"));
                }
            }
            if (fips != null) {
                Integer prev = seenFips.putIfAbsent(fips, line);
                if (prev != null) {
                    problems.add(new Problem(at(line, fipsColumn()), "fips", "expected each FIPS code once, found " + fips
                            + " again (first at line " + prev + ")"));
                }
            }
            if (problems.size() > before || st == null || pop == null) {
                return null;
            }
            if (district == null) {
                district = real != null ? ref.district(real.district()).orElseThrow() : Placement.district(ref, st.code(), name);
            }
            String office = real != null ? real.fieldOffice() : Placement.fieldOffice(ref, st.code(), name);
            return new JurisdictionSpec(name, st.code(), kind == null ? "county" : kind, fips, pop,
                    fb == null ? st.foreignBornShare() : fb, lean == null ? st.demTwoPartyShare() : lean, bookings, grants,
                    district.id(), district.circuit(), office, policy, false, false, null,
                    fips != null && fips.length() == 5 ? List.of(fips) : List.of(),
                    "CSV line " + line + (real != null ? " (court and field office of " + real.key() + ")" : ""));
        }

        private String fipsColumn() {
            return settings.fipsColumns().isEmpty() ? c.get("fips") : settings.fipsColumns().get(1);
        }

        /** A nation, region, division or state total: SUMLEV 010 to 040, or county code 000. */
        private boolean summary(Map<String, String> cells) {
            String level = cells.get(SUMLEV);
            if (level != null && SUMMARY_LEVELS.contains(level)) {
                return true;
            }
            if (settings.fipsColumns().size() == 2) {
                String county = cells.get(settings.fipsColumns().get(1));
                return county != null && county.matches("0+");
            }
            return false;
        }

        /** The FIPS code: the fips column, or the state and county code columns, zero-padded to 2 and 3 digits. */
        private String fips(Map<String, String> cells, State st, int line) {
            if (settings.fipsColumns().isEmpty()) {
                return get(cells, c.get("fips"));
            }
            String s = get(cells, settings.fipsColumns().get(0));
            String county = get(cells, settings.fipsColumns().get(1));
            if (s == null || county == null || !s.matches("[0-9]{1,2}") || !county.matches("[0-9]{1,3}")) {
                String bad = s == null || !s.matches("[0-9]{1,2}") ? settings.fipsColumns().get(0) : settings.fipsColumns().get(1);
                problems.add(new Problem(at(line, bad), "fips", "expected a state code of 1 or 2 digits and a county code of 1 to 3 digits"
                        + " to make a FIPS code, found \"" + (s == null ? "" : s) + "\" and \"" + (county == null ? "" : county) + "\""));
                return null;
            }
            String code = "0".repeat(2 - s.length()) + s + "0".repeat(3 - county.length()) + county;
            if (st != null && !code.startsWith(st.fips())) {
                problems.add(new Problem(at(line, settings.fipsColumns().get(0)), "fips", "expected the FIPS code of " + st.code()
                        + " (" + st.fips() + "), found " + s));
                return null;
            }
            return code;
        }

        private Double share(Map<String, String> cells, String col, String attr, int line) {
            String t = get(cells, col);
            if (t == null) {
                return null;
            }
            try {
                double v = Double.parseDouble(t);
                if (!(v >= 0 && v <= 1)) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                problems.add(new Problem(at(line, col), attr, "expected a share between 0 and 1, found \"" + t + "\""
                        + (t.equalsIgnoreCase("na") || t.equals("-") || t.equalsIgnoreCase("n/a")
                        ? " (add it to jurisdictions.csv.na to mean a missing value)" : "")));
                return null;
            }
        }
    }

    /** The column mapping: columns the scenario names by a name other than the default are required in the header. */
    static Columns columns(JsonNode colsNode, SourceMap sources, String path) {
        Map<String, String> m = new LinkedHashMap<>();
        Set<String> explicit = new HashSet<>();
        JsonNode defaults = ScenarioSchema.get().document().at("/$defs/csvSource/properties/columns/properties");
        colsNode.fields().forEachRemaining(e -> {
            m.put(e.getKey(), e.getValue().asText());
            // a default name (as written into scenario.resolved.yaml) is optional; another name must be in the header
            if (sources.has(path + "." + e.getKey()) && !e.getValue().asText().equals(defaults.path(e.getKey()).path("default").asText(null))) {
                explicit.add(e.getKey());
            }
        });
        return new Columns(m, explicit);
    }

    static Settings settings(JsonNode csv, SourceMap sources, String path, Set<String> policies) {
        Set<String> na = new HashSet<>();
        csv.path("na").forEach(n -> na.add(n.asText()));
        List<String> fipsColumns = new ArrayList<>();
        csv.path("fipsColumns").forEach(n -> fipsColumns.add(n.asText()));
        return new Settings(columns(csv.get("columns"), sources, path + ".columns"), na, fipsColumns,
                csv.path("summaryRows").asText("refuse").equals("skip"), policies, csv.path("encoding").asText("UTF-8"));
    }
}
