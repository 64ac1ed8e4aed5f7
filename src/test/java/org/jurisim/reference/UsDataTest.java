package org.jurisim.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped county data: row counts, totals against the Census, and the institutions of places a reader knows. */
class UsDataTest {

    private final UsData data = UsData.load();

    @Test
    void everyCountyOnceWithTheCensusTotal() {
        assertThat(data.counties()).hasSize(3144);
        assertThat(data.counties().stream().map(UsData.County::fips).distinct()).hasSize(3144);
        // Census PEP Vintage 2025, 1 July 2025: 341,784,857 (the state rows sum to the county rows)
        assertThat(data.population()).isEqualTo(341_784_857L);
        // each state's counties: 3,143 counties and DC
        Map<String, Long> perState = data.counties().stream().collect(Collectors.groupingBy(UsData.County::state, Collectors.counting()));
        assertThat(perState).hasSize(51);
        assertThat(perState.get("TX")).isEqualTo(254);
        assertThat(perState.get("CT")).isEqualTo(9);   // planning regions since 2022
        assertThat(perState.get("DC")).isEqualTo(1);
    }

    @Test
    void cookCountyAsTheCensusHasIt() {
        UsData.County cook = data.county("17031").orElseThrow();
        assertThat(cook.name()).isEqualTo("Cook County");
        assertThat(cook.population()).isEqualTo(5_194_625L);
        assertThat(cook.foreignBornShare()).isBetween(0.20, 0.22);
        assertThat(cook.partisanLean()).isBetween(0.65, 0.75);
        assertThat(data.countyByKey("cook county, il")).contains(cook);
    }

    @ParameterizedTest(name = "{0} {1}: {2}, circuit {3}, {4}")
    @CsvSource({
        "17031, Cook County,         ilnd, 7,  chicago",
        "48201, Harris County,       txsd, 5,  houston",
        "48453, Travis County,       txwd, 5,  san-antonio",
        "48113, Dallas County,       txnd, 5,  dallas",
        "12086, Miami-Dade County,   flsd, 11, miami",
        "42101, Philadelphia County, paed, 3,  philadelphia",
        "06037, Los Angeles County,  cacd, 9,  los-angeles",
        "06075, San Francisco County, cand, 9, san-francisco",
        "36047, Kings County,        nyed, 2,  new-york-city",
        "04013, Maricopa County,     azd,  9,  phoenix",
        "08031, Denver County,       cod,  10, denver",
        "11001, District of Columbia, dcd, DC, washington"})
    void realPlacesSitInTheirOwnCourtsAndFieldOffices(String fips, String name, String district, String circuit, String office) {
        UsData.County c = data.county(fips).orElseThrow();
        assertThat(c.name()).isEqualTo(name);
        assertThat(c.district()).isEqualTo(district);
        assertThat(c.circuit()).isEqualTo(circuit);
        assertThat(c.fieldOffice()).isEqualTo(office);
    }

    @Test
    void everyDistrictWithCountiesIsAProjectDistrict() {
        UsReference ref = UsReference.load();
        long districts = data.counties().stream().map(UsData.County::district).distinct().count();
        assertThat(districts).isEqualTo(90);   // 94 less the four territorial courts
        assertThat(data.counties()).allSatisfy(c -> {
            assertThat(ref.district(c.district())).isPresent();
            assertThat(ref.fieldOffice(c.fieldOffice())).isPresent();
        });
        assertThat(data.counties().stream().map(UsData.County::fieldOffice).distinct()).hasSize(25);
    }

    @Test
    void citiesSitInTheirCounties() {
        assertThat(data.places()).hasSize(105);
        UsData.Place chicago = data.places().stream().filter(p -> p.key().equals("Chicago, IL")).findFirst().orElseThrow();
        assertThat(chicago.county()).isEqualTo("17031");
        assertThat(chicago.consolidated()).isFalse();
        assertThat(chicago.population()).isBetween(2_600_000L, 2_800_000L);
        UsData.Place nyc = data.places().stream().filter(p -> p.key().equals("New York, NY")).findFirst().orElseThrow();
        assertThat(nyc.counties()).containsExactly("36005", "36047", "36061", "36081", "36085");
        assertThat(nyc.consolidated()).isTrue();
        assertThat(data.places().stream().filter(UsData.Place::borough)).hasSize(5);
    }

    @Test
    void agreementsInForceOnTheSheetDateAreTheSheet() {
        long inForce = data.agreements().stream().filter(a -> a.inForce(UsData.AGREEMENTS_SNAPSHOT)).count();
        // ICE's sheet of 18 May 2026 lists 1,843 agreements: 182 JEM, 499 WSO, 1,162 TFM
        assertThat(inForce).isEqualTo(1843);
        Map<String, Long> byModel = data.agreements().stream().filter(a -> a.inForce(UsData.AGREEMENTS_SNAPSHOT))
                .collect(Collectors.groupingBy(UsData.Agreement::model, Collectors.counting()));
        assertThat(byModel).containsEntry("JEM", 182L).containsEntry("WSO", 499L).containsEntry("TFM", 1162L);
        // an agreement is not in force before it was signed
        assertThat(data.agreements().stream().filter(a -> a.inForce(LocalDate.of(2000, 1, 1)))).isEmpty();
    }

    @Test
    void fieldOfficeNamesMapToProjectIds() {
        assertThat(UsData.officeId("St. Paul")).isEqualTo("st-paul");
        assertThat(UsData.officeId("New York City")).isEqualTo("new-york-city");
        assertThat(UsData.officeId("El Paso")).isEqualTo("el-paso");
    }

    @Test
    void foreignBornShareOfTheNationAsTheAcs() {
        double fb = data.counties().stream().mapToDouble(c -> c.population() * c.foreignBornShare()).sum() / data.population();
        assertThat(fb).isCloseTo(0.136, within(0.005));
    }
}
