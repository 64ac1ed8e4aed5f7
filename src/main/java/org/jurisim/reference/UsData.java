package org.jurisim.reference;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The real United States, county by county, as shipped under {@code org/jurisim/reference/us/}
 * (see {@code docs/data.md} for sources, vintages, licences and quirks):
 * <ul>
 *   <li>every county and county-equivalent (3,144; Census PEP Vintage 2025 population, ACS foreign-born
 *       share, 2024 and 2020 presidential vote), joined with its federal judicial district and circuit
 *       (28 U.S.C. §§ 81–131) and its ICE ERO field office;</li>
 *   <li>the 100 largest cities (and New York City's five boroughs) with the county that books their arrests;</li>
 *   <li>ICE's 287(g) agreements (the sheet of 18 May 2026, plus agreements seen earlier and no longer listed).</li>
 * </ul>
 * Read once per JVM ({@link #load()}). The files are part of the program: a malformed row or a county
 * missing from a crosswalk is a bug, reported as an {@link IllegalStateException} naming the file and line.
 */
public final class UsData {

    static final String DIR = "/org/jurisim/reference/us/";
    public static final String COUNTIES = "counties.csv";
    public static final String PLACES = "places.csv";
    public static final String AGREEMENTS = "agreements_287g.csv";
    public static final String DISTRICTS = "county_district.csv";
    public static final String OFFICES = "county_ice_aor.csv";

    /** Date of ICE's participating-agencies sheet the agreements come from. */
    public static final LocalDate AGREEMENTS_SNAPSHOT = LocalDate.of(2026, 5, 18);
    /** The population estimates' reference date (Census PEP Vintage 2025). */
    public static final LocalDate POPULATION_DATE = LocalDate.of(2025, 7, 1);

    /**
     * A county or county-equivalent.
     *
     * @param partisanLean Democratic two-party share of the 2024 presidential vote (2020 where 2024 is
     *                     missing; the state's where both are)
     * @param leanSource   {@code 2024}, {@code 2020} or {@code state}
     */
    public record County(String fips, String name, String state, long population, double foreignBornShare,
                         double partisanLean, String leanSource, String district, String circuit, String fieldOffice) {
        public String key() {
            return name + ", " + state;
        }
    }

    /**
     * A large city. {@code county} is the county that books its arrests (the county containing most of it);
     * {@code counties} all the counties it covers (five for New York City).
     *
     * @param consolidated whether city and county are one government (San Francisco, Denver, Philadelphia,
     *                     New York City, Jacksonville, ...)
     * @param borough      one of New York City's five boroughs (part of the city, not a government of its own)
     */
    public record Place(String placeFips, String name, String state, long population, String populationVintage,
                        String county, List<String> counties, boolean consolidated, boolean borough) {
        public String key() {
            return name + ", " + state;
        }
    }

    /**
     * One 287(g) agreement.
     *
     * @param model      {@code JEM} (jail enforcement), {@code WSO} (warrant service officer) or {@code TFM} (task force)
     * @param agencyType {@code County}, {@code Municipality} or {@code State Agency}
     * @param county     county FIPS of the agency (null for state agencies without a county)
     * @param lastListed last day on an ICE sheet (the snapshot date for active ones; null where unknown)
     */
    public record Agreement(String agency, String state, String agencyType, String county, String model, LocalDate signed,
                            boolean active, LocalDate lastListed) {

        /** In force on {@code date}: signed by then, and still listed then (active now, or last listed on or after it). */
        public boolean inForce(LocalDate date) {
            if (signed == null || signed.isAfter(date)) {
                return false;
            }
            return active || (lastListed != null && !lastListed.isBefore(date));
        }

        /** Agreements that act in the jail (JEM, WSO) rather than on the street (TFM). */
        public boolean jailModel() {
            return model.equals("JEM") || model.equals("WSO");
        }
    }

    private final List<County> counties;
    private final Map<String, County> byFips;
    private final Map<String, County> byKey;
    private final List<Place> places;
    private final List<Agreement> agreements;

    private UsData(List<County> counties, List<Place> places, List<Agreement> agreements) {
        this.counties = List.copyOf(counties);
        Map<String, County> f = new HashMap<>();
        Map<String, County> k = new HashMap<>();
        for (County c : counties) {
            f.put(c.fips(), c);
            k.put(c.key().toLowerCase(Locale.ROOT), c);
        }
        this.byFips = Collections.unmodifiableMap(f);
        this.byKey = Collections.unmodifiableMap(k);
        this.places = List.copyOf(places);
        this.agreements = List.copyOf(agreements);
    }

    private static final class Holder {
        static final UsData INSTANCE = read();
    }

    /** The shipped data, read on first use. */
    public static UsData load() {
        return Holder.INSTANCE;
    }

    public List<County> counties() {
        return counties;
    }

    public Optional<County> county(String fips) {
        return Optional.ofNullable(byFips.get(fips));
    }

    /** A county by its "Name, ST" key (e.g. {@code Cook County, IL}), case-insensitive. */
    public Optional<County> countyByKey(String key) {
        return Optional.ofNullable(byKey.get(key.toLowerCase(Locale.ROOT)));
    }

    public List<Place> places() {
        return places;
    }

    public List<Agreement> agreements() {
        return agreements;
    }

    /** Sum of the county populations (the national total). */
    public long population() {
        return counties.stream().mapToLong(County::population).sum();
    }

    // ------------------------------------------------------------------ reading

    /** One row of a CSV file, with its line number, by column name. */
    record Row(String file, long line, Map<String, String> cells) {
        String get(String column) {
            String v = cells.get(column);
            if (v == null) {
                throw bad(this, "has no column '" + column + "'");
            }
            return v.strip();
        }

        String optional(String column) {
            String v = cells.get(column);
            return v == null || v.isBlank() ? null : v.strip();
        }
    }

    static IllegalStateException bad(Row r, String message) {
        return new IllegalStateException(DIR.substring(1) + r.file() + ":" + r.line() + ": " + message);
    }

    static List<Row> rows(String file) {
        CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (InputStream in = UsData.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("missing built-in data file " + DIR.substring(1) + file);
            }
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            List<Row> out = new ArrayList<>();
            try (MappingIterator<Map<String, String>> it = mapper.readerFor(Map.class).with(schema).readValues(reader)) {
                while (it.hasNext()) {
                    long line = it.getCurrentLocation().getLineNr();
                    out.add(new Row(file, line, it.next()));
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in data file " + DIR.substring(1) + file + ": " + e.getMessage(), e);
        }
    }

    /** The project's field-office id for an ICE area-of-responsibility name ("St. Paul" is {@code st-paul}). */
    static String officeId(String aorName) {
        return aorName.toLowerCase(Locale.ROOT).replace(".", "").strip().replace(' ', '-');
    }

    static UsData read() {
        UsReference ref = UsReference.load();
        Map<String, Row> district = new HashMap<>();
        for (Row r : rows(DISTRICTS)) {
            district.put(r.get("fips"), r);
        }
        Map<String, Row> office = new HashMap<>();
        for (Row r : rows(OFFICES)) {
            office.put(r.get("fips"), r);
        }
        List<County> counties = new ArrayList<>();
        for (Row r : rows(COUNTIES)) {
            String fips = r.get("fips");
            String st = r.get("state");
            State state = ref.state(st).orElseThrow(() -> bad(r, "unknown state " + st));
            Row d = district.get(fips);
            Row o = office.get(fips);
            if (d == null || o == null) {
                throw bad(r, "county " + fips + " is missing from " + (d == null ? DISTRICTS : OFFICES));
            }
            District dist = ref.district(d.get("district")).orElseThrow(() -> bad(d, "unknown district " + d.get("district")));
            if (!dist.circuit().equals(d.get("circuit"))) {
                throw bad(d, "district " + dist.id() + " is in circuit " + dist.circuit() + ", not " + d.get("circuit"));
            }
            String oid = officeId(o.get("ice_aor"));
            ref.fieldOffice(oid).orElseThrow(() -> bad(o, "unknown field office " + o.get("ice_aor")));
            String lean = r.optional("dem_two_party_2024");
            String leanSource = "2024";
            if (lean == null) {
                lean = r.optional("dem_two_party_2020");
                leanSource = "2020";
            }
            double leanValue;
            if (lean == null) {
                leanValue = state.demTwoPartyShare();
                leanSource = "state";
            } else {
                leanValue = Double.parseDouble(lean);
            }
            counties.add(new County(fips, r.get("name"), st, Long.parseLong(r.get("population")),
                    Double.parseDouble(r.get("foreign_born_share")), leanValue, leanSource, dist.id(), dist.circuit(), oid));
        }
        Map<String, County> byFips = new LinkedHashMap<>();
        counties.forEach(c -> byFips.put(c.fips(), c));
        List<Place> places = new ArrayList<>();
        for (Row r : rows(PLACES)) {
            String county = r.get("county_fips");
            if (!byFips.containsKey(county)) {
                throw bad(r, "county " + county + " is not in " + COUNTIES);
            }
            String all = r.optional("county_fips_all");
            List<String> cs = all == null ? List.of(county) : Arrays.asList(all.split(";"));
            boolean borough = r.get("rank").isEmpty();
            String fresher = r.optional("population_2024_secondary");
            String pop = r.optional("population");
            long population;
            String vintage;
            if (fresher != null) {
                population = Long.parseLong(fresher);
                vintage = "Census V2024 (secondary transcription)";
            } else if (pop != null) {
                population = Long.parseLong(pop);
                vintage = r.get("population_vintage");
            } else {
                population = byFips.get(county).population();
                vintage = "county (PEP V2025)";
            }
            places.add(new Place(r.optional("place_fips"), r.get("name"), r.get("state"), population, vintage, county,
                    List.copyOf(cs), Boolean.parseBoolean(r.get("is_consolidated_city_county").toLowerCase(Locale.ROOT)), borough));
        }
        List<Agreement> agreements = new ArrayList<>();
        for (Row r : rows(AGREEMENTS)) {
            String signed = r.optional("signed_date");
            String last = r.optional("last_listed");
            String county = r.optional("county_fips");
            agreements.add(new Agreement(r.get("agency_name"), r.get("state"), r.get("agency_type"),
                    county != null && byFips.containsKey(county) ? county : null, r.get("model_code"),
                    signed == null ? null : LocalDate.parse(signed), r.get("status").equals("Active"),
                    last == null ? null : LocalDate.parse(last)));
        }
        return new UsData(counties, places, agreements);
    }
}
