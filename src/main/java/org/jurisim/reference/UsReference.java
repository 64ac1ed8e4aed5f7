package org.jurisim.reference;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The real US institutional structure, shipped as CSV reference data under
 * {@code org/jurisim/reference/}: the 50 states and DC, the 12 regional circuits, the 94 judicial
 * districts, the 25 ICE ERO field offices and which office covers which state.
 * See {@code docs/reference-data.md} for columns, units and sources.
 *
 * <p>{@link #load()} reads the files once per JVM and caches the result. The built-in files are
 * part of the program, so a malformed one is a bug, reported as an {@link IllegalStateException}
 * naming the file and line.
 *
 * <p>All collections are unmodifiable and in file order. Look-ups are by exact (case-sensitive)
 * id: upper-case state codes ({@code "CA"}, {@code "DC"}), circuit ids {@code "1"}..{@code "11"}
 * and {@code "DC"}, lower-case district ids ({@code "cand"}) and field-office ids
 * ({@code "new-york-city"}).
 */
public final class UsReference {

    /** Classpath directory of the built-in files. */
    static final String RESOURCE_DIR = "/org/jurisim/reference/";

    static final String STATES_FILE = "states.csv";
    static final String CIRCUITS_FILE = "circuits.csv";
    static final String DISTRICTS_FILE = "districts.csv";
    static final String FIELD_OFFICES_FILE = "field-offices.csv";
    static final String COVERAGE_FILE = "field-office-coverage.csv";

    /** Territories that have a federal district court; they are not in {@link #stateCodes()}. */
    static final Set<String> TERRITORY_CODES = Set.of("PR", "VI", "GU", "MP");

    private static final Pattern STATE_CODE = Pattern.compile("[A-Z]{2}");
    private static final Pattern FIPS = Pattern.compile("[0-9]{2}");
    private static final Pattern CIRCUIT_ID = Pattern.compile("[1-9][0-9]?|DC");
    private static final Pattern DISTRICT_ID = Pattern.compile("[a-z]{3,5}");
    private static final Pattern OFFICE_ID = Pattern.compile("[a-z]+(-[a-z]+)*");

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private final List<State> states;
    private final Map<String, State> stateByCode;
    private final List<Circuit> circuits;
    private final Map<String, Circuit> circuitById;
    private final List<District> districts;
    private final Map<String, District> districtById;
    private final Map<String, List<District>> districtsByState;
    private final List<FieldOffice> fieldOffices;
    private final Map<String, FieldOffice> fieldOfficeById;
    private final Map<String, List<Coverage>> coverageByState;
    private final Set<String> stateCodes;

    private UsReference(List<State> states, List<Circuit> circuits, List<District> districts,
                        List<FieldOffice> fieldOffices, List<Coverage> coverage) {
        this.states = List.copyOf(states);
        this.stateByCode = index(states, State::code);
        this.circuits = List.copyOf(circuits);
        this.circuitById = index(circuits, Circuit::id);
        this.districts = List.copyOf(districts);
        this.districtById = index(districts, District::id);
        this.districtsByState = group(districts, District::state);
        this.fieldOffices = List.copyOf(fieldOffices);
        this.fieldOfficeById = index(fieldOffices, FieldOffice::id);
        this.coverageByState = group(coverage, Coverage::state);
        this.stateCodes = Collections.unmodifiableSet(new LinkedHashSet<>(stateByCode.keySet()));
    }

    /**
     * The built-in reference data, read from the classpath on first use and cached.
     *
     * @throws IllegalStateException if a built-in file is missing or malformed (a bug)
     */
    public static UsReference load() {
        if (Holder.FAILURE != null) {
            throw new IllegalStateException(Holder.FAILURE.getMessage(), Holder.FAILURE);
        }
        return Holder.INSTANCE;
    }

    /** Lazy, thread-safe, read-once cache; a failure is kept so every call reports it. */
    private static final class Holder {
        static final UsReference INSTANCE;
        static final IllegalStateException FAILURE;

        static {
            UsReference loaded = null;
            IllegalStateException failure = null;
            try {
                loaded = read(file -> UsReference.class.getResourceAsStream(RESOURCE_DIR + file));
            } catch (IllegalStateException e) {
                failure = e;
            }
            INSTANCE = loaded;
            FAILURE = failure;
        }
    }

    /** Opens one reference file by its bare name ({@code "states.csv"}); {@code null} if absent. */
    @FunctionalInterface
    interface Source {
        InputStream open(String file) throws IOException;
    }

    /** Reads and cross-checks all five files from {@code source}. Package-private for tests. */
    static UsReference read(Source source) {
        List<State> states = new ArrayList<>();
        Set<String> fips = new LinkedHashSet<>();
        Map<String, Row> seenStates = new LinkedHashMap<>();
        for (Row row : rows(source, STATES_FILE,
                List.of("code", "fips", "name", "population", "foreign_born_share", "dem_two_party_share", "counties"))) {
            String code = row.matching("code", STATE_CODE);
            row.unique(seenStates, code, "state code");
            String f = row.matching("fips", FIPS);
            if (!fips.add(f)) {
                throw row.fail("fips", "duplicate FIPS code " + f);
            }
            states.add(new State(code, f, row.text("name"), row.positiveLong("population"),
                    row.share("foreign_born_share"), row.share("dem_two_party_share"),
                    Math.toIntExact(row.positiveLong("counties"))));
        }
        Set<String> places = new LinkedHashSet<>(seenStates.keySet());
        places.addAll(TERRITORY_CODES);

        List<Circuit> circuits = new ArrayList<>();
        Map<String, Row> seenCircuits = new LinkedHashMap<>();
        for (Row row : rows(source, CIRCUITS_FILE, List.of("id", "name", "dem_appointed_share"))) {
            String id = row.matching("id", CIRCUIT_ID);
            row.unique(seenCircuits, id, "circuit id");
            circuits.add(new Circuit(id, row.text("name"), row.share("dem_appointed_share")));
        }

        List<District> districts = new ArrayList<>();
        Map<String, Row> seenDistricts = new LinkedHashMap<>();
        for (Row row : rows(source, DISTRICTS_FILE,
                List.of("id", "name", "abbreviation", "state", "circuit", "population_share"))) {
            String id = row.matching("id", DISTRICT_ID);
            row.unique(seenDistricts, id, "district id");
            String state = row.oneOf("state", places, "state or territory");
            String circuit = row.oneOf("circuit", seenCircuits.keySet(), "circuit");
            districts.add(new District(id, row.text("name"), row.text("abbreviation"), state, circuit,
                    row.positiveShare("population_share")));
        }

        List<FieldOffice> offices = new ArrayList<>();
        Map<String, Row> seenOffices = new LinkedHashMap<>();
        for (Row row : rows(source, FIELD_OFFICES_FILE, List.of("id", "name", "city", "state"))) {
            String id = row.matching("id", OFFICE_ID);
            row.unique(seenOffices, id, "field office id");
            offices.add(new FieldOffice(id, row.text("name"), row.text("city"),
                    row.oneOf("state", places, "state or territory")));
        }

        List<Coverage> coverage = new ArrayList<>();
        Map<String, Row> seenCoverage = new LinkedHashMap<>();
        for (Row row : rows(source, COVERAGE_FILE, List.of("office", "state", "share"))) {
            String office = row.oneOf("office", seenOffices.keySet(), "field office");
            String state = row.oneOf("state", places, "state or territory");
            row.unique(seenCoverage, office + "/" + state, "office/state pair");
            coverage.add(new Coverage(office, state, row.positiveShare("share")));
        }

        return new UsReference(states, circuits, districts, offices, coverage);
    }

    /** The 50 states and DC, in file order (alphabetical by name). */
    public List<State> states() {
        return states;
    }

    /** The state (or DC) with this upper-case code. */
    public Optional<State> state(String code) {
        return Optional.ofNullable(stateByCode.get(Objects.requireNonNull(code, "code")));
    }

    /** The 12 regional circuits: 1..11, then DC. */
    public List<Circuit> circuits() {
        return circuits;
    }

    /** The circuit with this id ({@code "1"}..{@code "11"} or {@code "DC"}). */
    public Optional<Circuit> circuit(String id) {
        return Optional.ofNullable(circuitById.get(Objects.requireNonNull(id, "id")));
    }

    /** The 94 judicial districts, grouped by circuit, in file order. */
    public List<District> districts() {
        return districts;
    }

    /** The district with this lower-case PACER-style id ({@code "nysd"}). */
    public Optional<District> district(String id) {
        return Optional.ofNullable(districtById.get(Objects.requireNonNull(id, "id")));
    }

    /** The districts of one state, DC or territory, in file order; empty if the code is unknown. */
    public List<District> districtsOf(String stateCode) {
        return districtsByState.getOrDefault(Objects.requireNonNull(stateCode, "stateCode"), List.of());
    }

    /** The 25 ICE ERO field offices, in file order (alphabetical). */
    public List<FieldOffice> fieldOffices() {
        return fieldOffices;
    }

    /** The field office with this lower-case kebab id ({@code "new-york-city"}). */
    public Optional<FieldOffice> fieldOffice(String id) {
        return Optional.ofNullable(fieldOfficeById.get(Objects.requireNonNull(id, "id")));
    }

    /** Which field offices cover this state, and what share of it; empty if the code is unknown. */
    public List<Coverage> coverageOf(String stateCode) {
        return coverageByState.getOrDefault(Objects.requireNonNull(stateCode, "stateCode"), List.of());
    }

    /** The codes of the 50 states and DC (no territories), in file order. */
    public Set<String> stateCodes() {
        return stateCodes;
    }

    @Override
    public String toString() {
        return "UsReference[" + states.size() + " states, " + circuits.size() + " circuits, "
                + districts.size() + " districts, " + fieldOffices.size() + " field offices]";
    }

    // ---------------------------------------------------------------- helpers

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T item : items) {
            map.put(key.apply(item), item);
        }
        return Collections.unmodifiableMap(map);
    }

    private static <T> Map<String, List<T>> group(List<T> items, Function<T, String> key) {
        Map<String, List<T>> map = new LinkedHashMap<>();
        for (T item : items) {
            map.computeIfAbsent(key.apply(item), k -> new ArrayList<>()).add(item);
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(map);
    }

    /** Reads one file against a strict header schema: exactly these columns, in this order. */
    private static List<Row> rows(Source source, String file, List<String> columns) {
        CsvSchema.Builder builder = CsvSchema.builder();
        columns.forEach(builder::addColumn);
        CsvSchema schema = builder.build().withHeader().withStrictHeaders(true);
        List<Row> rows = new ArrayList<>();
        try (InputStream in = source.open(file)) {
            if (in == null) {
                throw new IllegalStateException(file + ": built-in reference file not found on the classpath");
            }
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            try (JsonParser parser = MAPPER.reader(schema).createParser(reader)) {
                JsonToken token;
                while ((token = parser.nextToken()) != null) {
                    if (token != JsonToken.START_OBJECT) {
                        throw new IllegalStateException(file + ":" + parser.currentTokenLocation().getLineNr()
                                + ": malformed CSV: unexpected " + token);
                    }
                    // a row's line is where its first value starts (a quoted value may span lines)
                    int line = 0;
                    Map<String, String> values = new LinkedHashMap<>();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        if (line == 0) {
                            line = parser.currentTokenLocation().getLineNr();
                        }
                        String column = parser.currentName();
                        parser.nextToken();
                        values.put(column, parser.getText());
                    }
                    rows.add(new Row(file, line, values));
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            int line = where == null ? 0 : where.getLineNr();
            throw new IllegalStateException(file + ":" + line + ": malformed CSV: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": cannot read built-in reference file: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException(file + ":1: no data rows");
        }
        return rows;
    }

    /** One data row with its file and 1-based line, and typed accessors that fail with both. */
    private record Row(String file, int line, Map<String, String> values) {

        IllegalStateException fail(String column, String message) {
            return new IllegalStateException(file + ":" + line + ": " + column + ": " + message);
        }

        String text(String column) {
            String value = values.get(column);
            if (value == null || value.isBlank()) {
                throw fail(column, "missing value");
            }
            return value.strip();
        }

        String matching(String column, Pattern pattern) {
            String value = text(column);
            if (!pattern.matcher(value).matches()) {
                throw fail(column, "'" + value + "' does not match " + pattern.pattern());
            }
            return value;
        }

        String oneOf(String column, Set<String> known, String what) {
            String value = text(column);
            if (!known.contains(value)) {
                throw fail(column, "unknown " + what + " '" + value + "'");
            }
            return value;
        }

        void unique(Map<String, Row> seen, String key, String what) {
            Row earlier = seen.putIfAbsent(key, this);
            if (earlier != null) {
                throw fail(what, "duplicate '" + key + "' (first on line " + earlier.line() + ")");
            }
        }

        long positiveLong(String column) {
            String value = text(column);
            long n;
            try {
                n = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw fail(column, "'" + value + "' is not an integer");
            }
            if (n <= 0) {
                throw fail(column, "must be positive, got " + n);
            }
            return n;
        }

        double share(String column) {
            String value = text(column);
            double d;
            try {
                d = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw fail(column, "'" + value + "' is not a number");
            }
            if (!(d >= 0.0 && d <= 1.0)) {
                throw fail(column, "must be between 0 and 1, got " + value);
            }
            return d;
        }

        double positiveShare(String column) {
            double d = share(column);
            if (d == 0.0) {
                throw fail(column, "must be greater than 0");
            }
            return d;
        }
    }
}
