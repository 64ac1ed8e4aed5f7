package org.jurisim.scenario;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jurisim.common.Location;
import org.jurisim.common.Problem;
import org.jurisim.common.Suggest;
import org.jurisim.reference.District;
import org.jurisim.reference.State;
import org.jurisim.reference.UsReference;

/** Reads jurisdictions from a user CSV file (documented columns, a header row), reporting every bad cell. */
final class CsvJurisdictions {

    static final long MAX_BYTES = 64L * 1024 * 1024;
    static final int MAX_ROWS = 100_000;

    /** Attribute to column-name mapping, plus which columns the scenario named explicitly. */
    record Columns(Map<String, String> byAttribute, java.util.Set<String> explicit) {
    }

    private CsvJurisdictions() {
    }

    static List<JurisdictionSpec> read(Path file, String display, Columns cols, Location declaredAt, String fieldPath,
                                       UsReference ref, double bookings, double grants, List<Problem> problems) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                problems.add(new Problem(declaredAt, fieldPath, "CSV file is over the limit of " + MAX_BYTES + " bytes"));
                return List.of();
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
            ScenarioBundle.recordRead(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            problems.add(new Problem(declaredAt, fieldPath, "expected an existing CSV file, found no file at " + display));
            return List.of();
        } catch (IOException | java.io.UncheckedIOException e) {
            problems.add(new Problem(declaredAt, fieldPath, "cannot read CSV file " + display + ": " + e.getMessage()));
            return List.of();
        }
        String[] lines = text.split("\\R", -1);
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.TRIM_SPACES);
        mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<String> header = new ArrayList<>();
        List<JurisdictionSpec> out = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerFor(Map.class).with(schema).readValues(text)) {
            boolean first = true;
            while (it.hasNextValue()) {
                Map<String, String> row = it.nextValue();
                // the row's last token (END_OBJECT) is on the row's line; the current location is already past it
                int line = it.getParser().currentTokenLocation().getLineNr();
                if (first) {
                    CsvSchema actual = (CsvSchema) it.getParserSchema();
                    for (CsvSchema.Column c : actual) {
                        header.add(c.getName());
                    }
                    if (!checkHeader(header, cols, display, fieldPath, problems)) {
                        return List.of();
                    }
                    first = false;
                }
                if (out.size() >= MAX_ROWS) {
                    problems.add(new Problem(new Location(display, line, 1), "", "more than " + MAX_ROWS + " rows (a limit of this format)"));
                    return List.of();
                }
                JurisdictionSpec j = row(row, line, lines, header, cols, display, ref, bookings, grants, problems);
                if (j != null) {
                    out.add(j);
                }
            }
            if (first) {
                problems.add(new Problem(new Location(display, 1, 1), "", "expected a header row and at least one jurisdiction, found an empty file"));
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(new Location(display, 1, 1), "", "malformed CSV: " + YamlDocument.oneLine(String.valueOf(e.getMessage()))));
        }
        return out;
    }

    private static boolean checkHeader(List<String> header, Columns cols, String display, String fieldPath, List<Problem> problems) {
        boolean ok = true;
        for (Map.Entry<String, String> e : cols.byAttribute().entrySet()) {
            String attr = e.getKey();
            boolean required = attr.equals("name") || attr.equals("state") || attr.equals("population");
            if (!header.contains(e.getValue()) && (required || cols.explicit().contains(attr))) {
                problems.add(new Problem(new Location(display, 1, 1), SourceMap.parent(fieldPath) + ".columns." + attr,
                        "expected a column '" + e.getValue() + "' in the header, found columns: " + String.join(", ", header)
                                + Suggest.hint(e.getValue(), header)));
                ok = false;
            }
        }
        return ok;
    }

    private static int column(String[] lines, int line, List<String> header, String col) {
        int idx = header.indexOf(col);
        if (line < 1 || line > lines.length || idx < 0) {
            return 1;
        }
        String raw = lines[line - 1];
        if (raw.indexOf('"') >= 0) {
            return 1;
        }
        int pos = 0;
        for (int i = 0; i < idx; i++) {
            int c = raw.indexOf(',', pos);
            if (c < 0) {
                return 1;
            }
            pos = c + 1;
        }
        return pos + 1;
    }

    private static JurisdictionSpec row(Map<String, String> row, int line, String[] lines, List<String> header, Columns cols,
                                        String display, UsReference ref, double bookings, double grants, List<Problem> problems) {
        Map<String, String> c = cols.byAttribute();
        int before = problems.size();
        String name = get(row, c.get("name"));
        String state = get(row, c.get("state"));
        if (name == null || name.isBlank()) {
            problems.add(new Problem(new Location(display, line, column(lines, line, header, c.get("name"))), "name", "expected a jurisdiction name, found an empty cell"));
        }
        State st = null;
        if (state == null || ref.state(state).isEmpty()) {
            problems.add(new Problem(new Location(display, line, column(lines, line, header, c.get("state"))), "state",
                    "expected a state code (50 states and DC), found \"" + (state == null ? "" : state) + "\""
                            + Suggest.hint(state == null ? "" : state, ref.stateCodes())));
        } else {
            st = ref.state(state).get();
        }
        Long pop = null;
        String popText = get(row, c.get("population"));
        try {
            pop = Long.parseLong(popText == null ? "" : popText.replace(",", "").replace("_", ""));
            if (pop < 1 || pop > 100_000_000L) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            problems.add(new Problem(new Location(display, line, column(lines, line, header, c.get("population"))), "population",
                    "expected a whole number of residents between 1 and 100000000, found \"" + (popText == null ? "" : popText) + "\""));
        }
        Double fb = share(row, c.get("foreignBornShare"), "foreignBornShare", line, lines, header, display, problems);
        Double lean = share(row, c.get("partisanLean"), "partisanLean", line, lines, header, display, problems);
        String kind = get(row, c.get("kind"));
        if (kind != null && !kind.isEmpty() && !List.of("county", "city", "city-county").contains(kind)) {
            problems.add(new Problem(new Location(display, line, column(lines, line, header, c.get("kind"))), "kind",
                    "expected county, city or city-county, found \"" + kind + "\""));
        }
        String districtId = get(row, c.get("district"));
        District district = null;
        if (districtId != null && !districtId.isEmpty()) {
            district = ref.district(districtId).orElse(null);
            if (district == null || (st != null && !district.state().equals(st.code()))) {
                List<String> ids = new ArrayList<>();
                if (st != null) {
                    ref.districtsOf(st.code()).forEach(d -> ids.add(d.id()));
                }
                problems.add(new Problem(new Location(display, line, column(lines, line, header, c.get("district"))), "district",
                        "expected a federal district of " + (st == null ? "the state" : st.code()) + " (" + String.join(", ", ids)
                                + "), found \"" + districtId + "\"" + Suggest.hint(districtId, ids)));
            }
        }
        if (problems.size() > before || st == null || pop == null) {
            return null;
        }
        if (district == null) {
            district = Placement.district(ref, st.code(), name);
        }
        String policy = get(row, c.get("policy"));
        String fips = get(row, c.get("fips"));
        return new JurisdictionSpec(name, st.code(), kind == null || kind.isEmpty() ? "county" : kind,
                fips == null || fips.isEmpty() ? null : fips, pop,
                fb == null ? st.foreignBornShare() : fb, lean == null ? st.demTwoPartyShare() : lean, bookings, grants,
                district.id(), district.circuit(), Placement.fieldOffice(ref, st.code(), name),
                policy == null || policy.isEmpty() ? null : policy, false, false);
    }

    private static Double share(Map<String, String> row, String col, String attr, int line, String[] lines, List<String> header,
                                String display, List<Problem> problems) {
        String t = get(row, col);
        if (t == null || t.isEmpty()) {
            return null;
        }
        try {
            double v = Double.parseDouble(t);
            if (!(v >= 0 && v <= 1)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(new Problem(new Location(display, line, column(lines, line, header, col)), attr,
                    "expected a share between 0 and 1, found \"" + t + "\""));
            return null;
        }
    }

    private static String get(Map<String, String> row, String col) {
        if (col == null) {
            return null;
        }
        String v = row.get(col);
        return v == null ? null : v.trim();
    }

    static Columns columns(com.fasterxml.jackson.databind.JsonNode colsNode, SourceMap sources, String path) {
        Map<String, String> m = new LinkedHashMap<>();
        java.util.Set<String> explicit = new java.util.HashSet<>();
        colsNode.fields().forEachRemaining(e -> {
            m.put(e.getKey(), e.getValue().asText());
            if (sources.has(path + "." + e.getKey())) {
                explicit.add(e.getKey());
            }
        });
        return new Columns(m, explicit);
    }
}
