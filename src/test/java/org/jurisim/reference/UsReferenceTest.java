package org.jurisim.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsReferenceTest {

    private final UsReference ref = UsReference.load();

    @Test
    void loadIsCached() {
        assertThat(UsReference.load()).isSameAs(ref);
    }

    // ------------------------------------------------------------------ states

    @Test
    void fiftyStatesPlusDc() {
        assertThat(ref.states()).hasSize(51);
        assertThat(ref.stateCodes()).hasSize(51).contains("DC", "CA", "WY", "HI", "AK")
                .doesNotContain("PR", "VI", "GU", "MP");
        assertThat(ref.state("DC")).get().extracting(State::name).isEqualTo("District of Columbia");
        assertThat(ref.state("PR")).isEmpty();
        assertThat(ref.state("ca")).isEmpty();
    }

    @Test
    void countyEquivalentsTotal3143() {
        assertThat(ref.states().stream().mapToInt(State::counties).sum()).isEqualTo(3143);
        assertThat(ref.state("CT")).get().extracting(State::counties).isEqualTo(8);
        assertThat(ref.state("TX")).get().extracting(State::counties).isEqualTo(254);
        assertThat(ref.state("DC")).get().extracting(State::counties).isEqualTo(1);
    }

    @Test
    void totalPopulationMatches2020Census() {
        long total = ref.states().stream().mapToLong(State::population).sum();
        assertThat(total).isBetween(330_000_000L, 332_000_000L);
        assertThat(ref.state("CA")).get().extracting(State::population).isEqualTo(39_538_223L);
    }

    @Test
    void fipsCodesAreUniqueTwoDigit() {
        assertThat(ref.states()).extracting(State::fips).doesNotHaveDuplicates()
                .allMatch(f -> f.matches("[0-9]{2}"));
        assertThat(ref.state("CA")).get().extracting(State::fips).isEqualTo("06");
        assertThat(ref.state("DC")).get().extracting(State::fips).isEqualTo("11");
    }

    @Test
    void sharesAreFractions() {
        assertThat(ref.states()).allSatisfy(s -> {
            assertThat(s.foreignBornShare()).isBetween(0.0, 1.0);
            assertThat(s.demTwoPartyShare()).isBetween(0.0, 1.0);
        });
        assertThat(ref.circuits()).allSatisfy(c -> assertThat(c.demAppointedShare()).isBetween(0.0, 1.0));
    }

    @Test
    void demographicAndElectoralSpotChecks() {
        assertThat(ref.state("CA").orElseThrow().foreignBornShare()).isGreaterThan(0.25);
        assertThat(ref.state("WV").orElseThrow().foreignBornShare()).isLessThan(0.03);
        assertThat(ref.state("DC").orElseThrow().demTwoPartyShare()).isGreaterThan(0.9);
        assertThat(ref.state("WY").orElseThrow().demTwoPartyShare()).isLessThan(0.3);
    }

    // ------------------------------------------------------------------ courts

    @Test
    void twelveRegionalCircuits() {
        assertThat(ref.circuits()).extracting(Circuit::id)
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "DC");
        assertThat(ref.circuit("1")).get().extracting(Circuit::name).isEqualTo("First Circuit");
        assertThat(ref.circuit("DC")).get().extracting(Circuit::name).isEqualTo("District of Columbia Circuit");
        assertThat(ref.circuit("Federal")).isEmpty();
    }

    @Test
    void ninetyFourDistricts() {
        assertThat(ref.districts()).hasSize(94);
        assertThat(ref.districts()).extracting(District::id).doesNotHaveDuplicates();
    }

    @Test
    void everyDistrictsCircuitExists() {
        assertThat(ref.districts()).allSatisfy(d -> assertThat(ref.circuit(d.circuit())).isPresent());
    }

    @Test
    void everyCircuitHasDistricts() {
        Set<String> used = ref.districts().stream().map(District::circuit).collect(Collectors.toSet());
        assertThat(used).containsExactlyInAnyOrderElementsOf(
                ref.circuits().stream().map(Circuit::id).toList());
    }

    @Test
    void everyStateAndDcHasADistrict() {
        assertThat(ref.stateCodes()).allSatisfy(code -> assertThat(ref.districtsOf(code)).isNotEmpty());
    }

    @Test
    void territorialDistricts() {
        assertThat(ref.districtsOf("PR")).extracting(District::id, District::circuit).containsExactly(tuple("prd", "1"));
        assertThat(ref.districtsOf("VI")).extracting(District::circuit).containsExactly("3");
        assertThat(ref.districtsOf("GU")).extracting(District::circuit).containsExactly("9");
        assertThat(ref.districtsOf("MP")).extracting(District::circuit).containsExactly("9");
        Set<String> places = ref.districts().stream().map(District::state).collect(Collectors.toSet());
        Set<String> territories = places.stream().filter(p -> !ref.stateCodes().contains(p))
                .collect(Collectors.toSet());
        assertThat(territories).containsExactlyInAnyOrder("PR", "VI", "GU", "MP");
    }

    @ParameterizedTest(name = "{0} -> circuit {1}")
    @CsvSource({
            "cand,9", "caed,9", "cacd,9", "casd,9",
            "nysd,2", "nyed,2", "nynd,2", "nywd,2", "ctd,2", "vtd,2",
            "ilnd,7", "wied,7", "insd,7",
            "paed,3", "njd,3", "ded,3",
            "mdd,4", "vaed,4", "scd,4",
            "txwd,5", "txsd,5", "laed,5", "mssd,5",
            "mied,6", "ohnd,6", "tnmd,6", "kyed,6",
            "mnd,8", "moed,8", "ned,8",
            "ord,9", "wawd,9", "azd,9", "akd,9", "hid,9", "nvd,9",
            "cod,10", "nmd,10", "utd,10", "okwd,10",
            "flsd,11", "alnd,11",
            "dcd,DC",
            "prd,1", "mad,1", "med,1", "rid,1", "nhd,1",
    })
    void realCircuitAssignments(String district, String circuit) {
        assertThat(ref.district(district)).get().extracting(District::circuit).isEqualTo(circuit);
    }

    @Test
    void georgiaIsEleventhCircuit() {
        assertThat(ref.districtsOf("GA")).extracting(District::id).containsExactly("gamd", "gand", "gasd");
        assertThat(ref.districtsOf("GA")).allSatisfy(d -> assertThat(d.circuit()).isEqualTo("11"));
    }

    @Test
    void namesAndAbbreviations() {
        District cand = ref.district("cand").orElseThrow();
        assertThat(cand.name()).isEqualTo("Northern District of California");
        assertThat(cand.abbreviation()).isEqualTo("N.D. Cal.");
        assertThat(cand.state()).isEqualTo("CA");
        assertThat(ref.district("ord")).get().extracting(District::abbreviation).isEqualTo("D. Or.");
        assertThat(ref.district("dcd")).get().extracting(District::state).isEqualTo("DC");
    }

    @Test
    void districtCountsOfMultiDistrictStates() {
        Map<String, Integer> expected = Map.of("CA", 4, "NY", 4, "TX", 4, "FL", 3, "PA", 3, "IL", 3,
                "AL", 3, "GA", 3, "OK", 3, "WA", 2);
        expected.forEach((state, n) -> assertThat(ref.districtsOf(state)).as(state).hasSize(n));
        assertThat(ref.districtsOf("OR")).hasSize(1);
        assertThat(ref.districtsOf("ZZ")).isEmpty();
    }

    @Test
    void populationSharesPerStateSumToOne() {
        Map<String, Double> sums = ref.districts().stream()
                .collect(Collectors.groupingBy(District::state, Collectors.summingDouble(District::populationShare)));
        assertThat(sums).hasSize(55);
        sums.forEach((state, sum) -> assertThat(sum).as(state).isCloseTo(1.0, within(0.01)));
        assertThat(ref.districts()).filteredOn(d -> ref.districtsOf(d.state()).size() == 1)
                .allSatisfy(d -> assertThat(d.populationShare()).isEqualTo(1.0));
    }

    // ------------------------------------------------------------------ ICE

    @Test
    void twentyFiveFieldOffices() {
        assertThat(ref.fieldOffices()).hasSize(25);
        assertThat(ref.fieldOffices()).extracting(FieldOffice::id).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[a-z]+(-[a-z]+)*"))
                .contains("new-york-city", "harlingen", "st-paul", "salt-lake-city", "washington");
        assertThat(ref.fieldOffice("new-york-city")).get().extracting(FieldOffice::state).isEqualTo("NY");
        assertThat(ref.fieldOffice("harlingen")).get().extracting(FieldOffice::state).isEqualTo("TX");
        assertThat(ref.fieldOffice("nowhere")).isEmpty();
    }

    @Test
    void everyStateCoveredAndSharesSumToOne() {
        assertThat(ref.stateCodes()).allSatisfy(code -> {
            List<Coverage> cover = ref.coverageOf(code);
            assertThat(cover).as(code).isNotEmpty();
            assertThat(cover.stream().mapToDouble(Coverage::share).sum()).as(code).isCloseTo(1.0, within(0.01));
            assertThat(cover).as(code).extracting(Coverage::office).doesNotHaveDuplicates()
                    .allSatisfy(office -> assertThat(ref.fieldOffice(office)).isPresent());
        });
    }

    @Test
    void everyFieldOfficeCoversSomething() {
        Set<String> used = ref.stateCodes().stream().flatMap(code -> ref.coverageOf(code).stream())
                .map(Coverage::office).collect(Collectors.toSet());
        assertThat(used).containsExactlyInAnyOrderElementsOf(
                ref.fieldOffices().stream().map(FieldOffice::id).toList());
    }

    @Test
    void splitStatesAreSplit() {
        assertThat(ref.coverageOf("TX")).extracting(Coverage::office)
                .containsExactlyInAnyOrder("dallas", "el-paso", "houston", "san-antonio", "harlingen");
        assertThat(ref.coverageOf("CA")).extracting(Coverage::office)
                .containsExactlyInAnyOrder("los-angeles", "san-diego", "san-francisco");
        assertThat(ref.coverageOf("NY")).extracting(Coverage::office)
                .containsExactlyInAnyOrder("new-york-city", "buffalo");
        assertThat(ref.coverageOf("DC")).extracting(Coverage::office).containsExactly("washington");
    }

    // ------------------------------------------------------------------ shape

    @Test
    void collectionsAreUnmodifiable() {
        assertThatThrownBy(() -> ref.states().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ref.districts().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ref.districtsOf("CA").clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ref.coverageOf("TX").clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ref.stateCodes().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ref.fieldOffices().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ref.circuits().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void orderIsFileOrder() {
        assertThat(ref.states().get(0).code()).isEqualTo("AL");
        assertThat(ref.states().get(50).code()).isEqualTo("WY");
        assertThat(ref.stateCodes()).first().isEqualTo("AL");
        assertThat(ref.districts().get(0).id()).isEqualTo("med");
        assertThat(ref.districts().get(93).id()).isEqualTo("dcd");
        assertThat(ref.districtsOf("CA")).extracting(District::id).containsExactly("cacd", "caed", "cand", "casd");
    }

    // ------------------------------------------------------------------ malformed files

    private static UsReference readWith(String file, String text) {
        return UsReference.read(f -> f.equals(file)
                ? new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))
                : UsReference.class.getResourceAsStream(UsReference.RESOURCE_DIR + f));
    }

    @Test
    void badNumberIsReportedWithFileAndLine() {
        String header = "code,fips,name,population,foreign_born_share,dem_two_party_share,counties\n";
        assertThatThrownBy(() -> readWith("states.csv", header
                + "AL,01,Alabama,5024279,0.038,0.371,67\n"
                + "AK,02,Alaska,lots,0.079,0.447,30\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("states.csv:3: population:");
    }

    @Test
    void shareOutOfRangeIsReported() {
        assertThatThrownBy(() -> readWith("circuits.csv", "id,name,dem_appointed_share\n1,First Circuit,1.5\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("circuits.csv:2: dem_appointed_share:");
    }

    @Test
    void wrongHeaderIsReported() {
        assertThatThrownBy(() -> readWith("field-offices.csv", "id,name,town,state\nx,X,X,TX\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("field-offices.csv:1:");
    }

    @Test
    void missingColumnIsReported() {
        assertThatThrownBy(() -> readWith("field-office-coverage.csv", "office,state,share\natlanta,GA,1.0\natlanta,NC\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("field-office-coverage.csv:3:");
    }

    @Test
    void unknownReferencesAreReported() {
        String header = "id,name,abbreviation,state,circuit,population_share\n";
        assertThatThrownBy(() -> readWith("districts.csv", header + "xxd,District of X,D.X.,CA,13,1.0\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("districts.csv:2: circuit: unknown circuit '13'");
        assertThatThrownBy(() -> readWith("field-office-coverage.csv", "office,state,share\nnowhere,GA,1.0\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("field-office-coverage.csv:2: office: unknown field office 'nowhere'");
    }

    @Test
    void duplicateIdIsReported() {
        assertThatThrownBy(() -> readWith("circuits.csv",
                "id,name,dem_appointed_share\n1,First Circuit,0.5\n\n1,First Circuit,0.5\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("circuits.csv:4:")
                .hasMessageContaining("duplicate '1' (first on line 2)");
    }

    @Test
    void missingFileIsReported() {
        assertThatThrownBy(() -> UsReference.read(f -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("states.csv");
    }
}
