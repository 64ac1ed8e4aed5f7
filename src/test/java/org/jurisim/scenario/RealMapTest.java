package org.jurisim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Problem;
import org.jurisim.reference.UsData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The real map as scenarios get it: counties, cities inside them, the record's starting points, filters. */
class RealMapTest {

    static Scenario base;
    static Map<String, JurisdictionSpec> byKey;

    @BeforeAll
    static void loadBase() throws BadInputException {
        base = ScenarioLoader.load(Path.of("scenarios/base-us-2026.yaml"), List.of());
        byKey = base.jurisdictions().stream().collect(Collectors.toMap(JurisdictionSpec::key, Function.identity()));
    }

    @Test
    void everyCountyOnceAndTheCensusTotal() {
        // 3,144 counties less New York City's five boroughs, plus the city as one government
        long jails = base.jurisdictions().stream().filter(j -> !j.insideCounty()).count();
        assertThat(jails).isEqualTo(3144 - 5 + 1);
        long people = base.jurisdictions().stream().filter(j -> !j.insideCounty()).mapToLong(JurisdictionSpec::population).sum();
        assertThat(people).isEqualTo(UsData.load().population());
        assertThat((double) people).isCloseTo(341_784_857.0, org.assertj.core.data.Percentage.withPercentage(1));
        // every county FIPS drawn exactly once
        List<String> drawn = base.jurisdictions().stream().flatMap(j -> j.counties().stream()).toList();
        assertThat(drawn).hasSize(3144).doesNotHaveDuplicates();
        assertThat(base.map()).isEqualTo("real");
    }

    @Test
    void cookCountyAndChicago() {
        JurisdictionSpec cook = byKey.get("Cook County, IL");
        assertThat(cook.fips()).isEqualTo("17031");
        assertThat(cook.population()).isEqualTo(5_194_625L);
        assertThat(cook.district()).isEqualTo("ilnd");
        assertThat(cook.circuit()).isEqualTo("7");
        assertThat(cook.fieldOffice()).isEqualTo("chicago");
        assertThat(cook.kind()).isEqualTo("county");
        JurisdictionSpec chicago = byKey.get("Chicago, IL");
        assertThat(chicago.kind()).isEqualTo("city");
        assertThat(chicago.county()).isEqualTo("17031");
        assertThat(chicago.district()).isEqualTo("ilnd");
        assertThat(chicago.fips()).isEqualTo("1714000");
    }

    @ParameterizedTest(name = "{0}: {1}, {2}, {3}")
    @CsvSource({
        "'Harris County, TX',       txsd, houston,       county",
        "'Travis County, TX',       txwd, san-antonio,   county",
        "'Dallas County, TX',       txnd, dallas,        county",
        "'Miami-Dade County, FL',   flsd, miami,         county",
        "'Philadelphia County, PA', paed, philadelphia,  city-county",
        "'Los Angeles County, CA',  cacd, los-angeles,   county",
        "'San Francisco County, CA', cand, san-francisco, city-county",
        "'New York City, NY',       nyed, new-york-city, city-county",
        "'Maricopa County, AZ',     azd,  phoenix,       county",
        "'Denver County, CO',       cod,  denver,        city-county",
        "'Houston, TX',             txsd, houston,       city"})
    void realPlacesInTheirRealInstitutions(String key, String district, String office, String kind) {
        JurisdictionSpec j = byKey.get(key);
        assertThat(j).as(key).isNotNull();
        assertThat(j.district()).isEqualTo(district);
        assertThat(j.fieldOffice()).isEqualTo(office);
        assertThat(j.kind()).isEqualTo(kind);
    }

    @Test
    void newYorkCityIsOneGovernmentOfFiveBoroughs() {
        JurisdictionSpec nyc = byKey.get("New York City, NY");
        assertThat(nyc.counties()).containsExactlyInAnyOrder("36005", "36047", "36061", "36081", "36085");
        long boroughs = nyc.counties().stream().mapToLong(f -> UsData.load().county(f).orElseThrow().population()).sum();
        assertThat(nyc.population()).isEqualTo(boroughs);
        assertThat(byKey).doesNotContainKeys("Kings County, NY", "Bronx County, NY", "New York County, NY");
    }

    @Test
    void noSyntheticNameWithARealFipsCode() {
        for (JurisdictionSpec j : base.jurisdictions()) {
            assertThat(j.name()).doesNotStartWith("Synthetic");
            if (j.fips() != null && j.fips().length() == 5) {
                assertThat(UsData.load().county(j.fips()).orElseThrow().name()).isEqualTo(j.name());
            }
        }
    }

    @Test
    void theDojListAndTheAgreementsOfTheRecordStartTheRun() {
        JurisdictionSpec cook = byKey.get("Cook County, IL");
        assertThat(cook.policy()).isEqualTo("sanctuary");
        assertThat(cook.source()).contains("DOJ sanctuary list");
        assertThat(byKey.get("Chicago, IL").policy()).isEqualTo("sanctuary");
        // a place the list does not name takes the scenario's rules, and says so
        JurisdictionSpec harris = byKey.get("Harris County, TX");
        assertThat(harris.source()).startsWith("initialPolicy.");
        // counties whose sheriff holds a jail agreement (JEM or WSO) on 1 January 2026
        long jailAgreements = base.jurisdictions().stream().filter(JurisdictionSpec::agreement287g).count();
        assertThat(jailAgreements).isBetween(400L, 600L);
        assertThat(base.jurisdictions().stream().filter(JurisdictionSpec::agreement287g))
                .allSatisfy(j -> assertThat(j.source()).contains("jail agreement"));
    }

    @Test
    void agreementsInForceOnTheSheetDateMatchTheSheet() {
        RealMap.Result r = RealMap.build(new RealMap.Settings(Set.of(), 0, Set.of(), true, 0, true, null,
                UsData.AGREEMENTS_SNAPSHOT, 0.05, 10, null));
        // 1,843 on ICE's sheet of 18 May 2026: those of county and city agencies, and those of state agencies
        assertThat(r.agreementsInCounties() + r.agreementsStatewide()).isEqualTo(1843);
        assertThat(r.agreementsInCounties()).isEqualTo(1758);
        // before 2025 the data cannot know the agreements that ended: the run says so
        RealMap.Result old = RealMap.build(new RealMap.Settings(Set.of(), 0, Set.of(), true, 0, true, null,
                LocalDate.of(2017, 1, 1), 0.05, 10, null));
        assertThat(old.notes()).anySatisfy(n -> assertThat(n).contains("agreements that ended before 2025 are missing"));
    }

    @Test
    void aScenarioStartingBeforeTheSheetFollowsItToItsDate() {
        // the jails under 287(g) on 1 January 2026, plus those the sheet dates later, less those it stopped listing,
        // are the jails under 287(g) on the sheet's own date (572 counties: JEM or WSO held by the sheriff or jail)
        RealMap.Result jan = RealMap.build(new RealMap.Settings(Set.of(), 0, Set.of(), true, 0, true, null,
                LocalDate.of(2026, 1, 1), 0.05, 10, null));
        RealMap.Result sheet = RealMap.build(new RealMap.Settings(Set.of(), 0, Set.of(), true, 0, true, null,
                UsData.AGREEMENTS_SNAPSHOT, 0.05, 10, null));
        java.util.Set<String> under = jan.jurisdictions().stream().filter(JurisdictionSpec::agreement287g).map(JurisdictionSpec::key)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        assertThat(under).hasSize(486);
        for (RealMap.AgreementChange c : jan.agreementChanges()) {
            assertThat(c.on()).isAfter(LocalDate.of(2026, 1, 1)).isBeforeOrEqualTo(UsData.AGREEMENTS_SNAPSHOT);
            for (String k : c.keys()) {
                // a change always changes something: a jail comes under 287(g) only from outside it, and back
                assertThat(c.inForce() ? under.add(k) : under.remove(k)).as("%s on %s", k, c.on()).isTrue();
            }
        }
        java.util.Set<String> onSheet = sheet.jurisdictions().stream().filter(JurisdictionSpec::agreement287g).map(JurisdictionSpec::key)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        assertThat(under).isEqualTo(onSheet).hasSize(572);
        assertThat(sheet.agreementChanges()).isEmpty();
        // agreements that left the sheet before its date take their jails out of 287(g) (e.g. Person County, NC)
        assertThat(jan.agreementChanges()).anySatisfy(c -> assertThat(c.inForce()).isFalse());
        // the scenario gets them as dated events on the real map
        assertThat(base.events()).anySatisfy(e -> assertThat(e).isInstanceOf(ScenarioEvent.Offer287g.class))
                .filteredOn(e -> e.note().contains("ICE's sheet")).isNotEmpty();
    }

    @Test
    void aHistoryFollowsTheSheetFromItsChosenDate() {
        // own events before the date; on it the jails become the sheet's, then they change on the sheet's dates
        LocalDate from = LocalDate.of(2025, 1, 20);
        RealMap.Result h = RealMap.build(new RealMap.Settings(Set.of(), 0, Set.of(), true, 0, false, null,
                LocalDate.of(2013, 1, 1), 0.05, 10, from));
        assertThat(h.jurisdictions()).noneMatch(JurisdictionSpec::agreement287g);
        RealMap.AgreementChange sync = h.agreementChanges().get(0);
        assertThat(sync.on()).isEqualTo(from);
        assertThat(sync.othersEnd()).isTrue();
        RealMap.AgreementChange in = h.agreementChanges().get(1);
        assertThat(in.on()).isEqualTo(from);
        assertThat(in.inForce()).isTrue();
        assertThat(in.keys()).isEqualTo(sync.keys());
        // the same jails as a map started from the sheet on that date (121 counties on 20 January 2025)
        RealMap.Result started = RealMap.build(new RealMap.Settings(Set.of(), 0, Set.of(), true, 0, true, null, from, 0.05, 10, null));
        java.util.Set<String> under = new java.util.TreeSet<>(in.keys());
        assertThat(under).isEqualTo(started.jurisdictions().stream().filter(JurisdictionSpec::agreement287g).map(JurisdictionSpec::key)
                .collect(Collectors.toCollection(java.util.TreeSet::new))).hasSize(121);
        // and after it the same changes, so on the sheet's date the same 572
        assertThat(h.agreementChanges().subList(2, h.agreementChanges().size())).isEqualTo(started.agreementChanges());
        for (RealMap.AgreementChange c : started.agreementChanges()) {
            c.keys().forEach(k -> assertThat(c.inForce() ? under.add(k) : under.remove(k)).isTrue());
        }
        assertThat(under).hasSize(572);
    }

    @Test
    void theBansOfTheBaseAgreeWithIcesSheet() {
        // the nine bans the record dates by Feb 2026: ICE's sheet of 18 May 2026 lists no jail of theirs, on any date
        Set<String> banned = base.stateLaw().bans287g().keySet();
        assertThat(banned).containsExactlyInAnyOrder("WA", "IL", "CA", "OR", "NJ", "DE", "CT", "ME", "MD");
        assertThat(base.stateLaw().bans287g()).allSatisfy((st, from) -> assertThat(from).isBeforeOrEqualTo(LocalDate.of(2026, 2, 17)));
        assertThat(base.jurisdictions()).filteredOn(j -> banned.contains(j.state())).noneMatch(JurisdictionSpec::agreement287g);
        assertThat(base.events()).filteredOn(e -> e instanceof ScenarioEvent.Offer287g && e.note().contains("ICE's sheet"))
                .flatExtracting(e -> ((ScenarioEvent.Offer287g) e).selection().names())
                .isNotEmpty().noneMatch(k -> banned.contains(byKey.get(k).state()));
        // New Mexico's ban is left out: the sheet still lists agreements there
        RealMap.Result nm = RealMap.build(new RealMap.Settings(Set.of("NM"), 0, Set.of(), true, 0, true, null,
                UsData.AGREEMENTS_SNAPSHOT, 0.05, 10, null));
        assertThat(nm.jurisdictions()).anyMatch(JurisdictionSpec::agreement287g);
    }

    @Test
    void theDojListWaitsForItsDate() {
        RealMap.Result before = RealMap.build(new RealMap.Settings(Set.of("IL"), 0, Set.of(), true, 0, false, "sanctuary",
                LocalDate.of(2025, 8, 4), 0.05, 10, null));
        assertThat(before.jurisdictions()).allSatisfy(j -> assertThat(j.policy()).isNull());
        RealMap.Result after = RealMap.build(new RealMap.Settings(Set.of("IL"), 0, Set.of(), true, 0, false, "sanctuary",
                LocalDate.of(2025, 8, 5), 0.05, 10, null));
        assertThat(after.jurisdictions().stream().filter(j -> "sanctuary".equals(j.policy())).map(JurisdictionSpec::key))
                .containsExactlyInAnyOrder("Cook County, IL", "Chicago, IL");
    }

    @Test
    void filtersByStateSizeAndName(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("il.yaml");
        Files.writeString(f, """
                name: Illinois
                start: 2026-01-01
                duration: 30d
                seed: 1
                jurisdictions:
                  us: {states: [IL], minPopulation: 500000}
                """);
        Scenario s = ScenarioLoader.load(f, List.of());
        assertThat(s.jurisdictions()).extracting(JurisdictionSpec::key)
                .contains("Cook County, IL", "DuPage County, IL", "Chicago, IL")
                .allSatisfy(k -> assertThat(k).endsWith(", IL"));
        assertThat(s.jurisdictions()).filteredOn(j -> !j.insideCounty()).allSatisfy(j -> assertThat(j.population()).isGreaterThanOrEqualTo(500000));

        Files.writeString(f, """
                name: Two places
                start: 2026-01-01
                duration: 30d
                seed: 1
                jurisdictions:
                  us: {places: ["Harris County, TX", "Houston, TX", "06075"]}
                  pin:
                    - {name: Houston, state: TX, policy: limited}
                """);
        s = ScenarioLoader.load(f, List.of());
        Map<String, JurisdictionSpec> k = s.jurisdictions().stream().collect(Collectors.toMap(JurisdictionSpec::key, Function.identity()));
        assertThat(k).containsOnlyKeys("Harris County, TX", "Houston, TX", "San Francisco County, CA");
        assertThat(k.get("Houston, TX").county()).isEqualTo("48201");
        assertThat(k.get("Houston, TX").policy()).isEqualTo("limited");
        assertThat(k.get("Houston, TX").pinned()).isTrue();
        assertThat(k.get("Houston, TX").source()).startsWith("jurisdictions.pin[0]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Cook Couty, IL", "Atlantis County, ZZ"})
    void anUnknownPlaceIsNamedWithTheNearestRealOne(String place, @TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, """
                name: Bad place
                start: 2026-01-01
                duration: 30d
                seed: 1
                jurisdictions:
                  us: {places: ["%s"]}
                """.formatted(place));
        BadInputException e = org.assertj.core.api.Assertions.catchThrowableOfType(BadInputException.class, () -> ScenarioLoader.load(f, List.of()));
        assertThat(e).isNotNull();
        List<String> lines = e.problems().stream().map(Problem::format).toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("bad.yaml:6:").contains("jurisdictions.us.places[0]").contains(place));
        if (place.startsWith("Cook")) {
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("Cook County, IL"));
        }
    }

    @Test
    void aListedRealCountyTakesItsRealCourtAndOffice() throws BadInputException {
        Scenario demo = ScenarioLoader.load(Path.of("scenarios/small-demo.yaml"), List.of());
        Map<String, JurisdictionSpec> k = demo.jurisdictions().stream().collect(Collectors.toMap(JurisdictionSpec::key, Function.identity()));
        assertThat(k.get("Cook County, IL").district()).isEqualTo("ilnd");
        assertThat(k.get("Harris County, TX").district()).isEqualTo("txsd");
        assertThat(k.get("Miami-Dade County, FL").district()).isEqualTo("flsd");
        assertThat(k.get("Philadelphia County, PA").district()).isEqualTo("paed");
        assertThat(k.get("Travis County, TX").district()).isEqualTo("txwd");
        assertThat(k.get("Travis County, TX").fieldOffice()).isEqualTo("san-antonio");
        assertThat(k.get("Los Angeles County, CA").fieldOffice()).isEqualTo("los-angeles");
        assertThat(k.get("City and County of Denver, CO").district()).isEqualTo("cod");
    }

    @Test
    void syntheticMapsSaySoAndCarryNoRealCodes(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("synthetic.yaml");
        Files.writeString(f, """
                name: Synthetic
                start: 2026-01-01
                duration: 30d
                seed: 1
                jurisdictions:
                  generate: {counties: 200, seed: 3}
                """);
        Scenario s = ScenarioLoader.load(f, List.of());
        assertThat(s.map()).isEqualTo("synthetic");
        assertThat(s.jurisdictions()).allSatisfy(j -> {
            assertThat(j.fips()).isNull();
            assertThat(j.name()).startsWith("Synthetic ");
            assertThat(UsData.load().countyByKey(j.key())).isEmpty();
        });
    }
}
