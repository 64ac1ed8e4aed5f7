package org.jurisim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jurisim.cli.Main;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Problem;
import org.jurisim.reference.UsReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV files as users have them: Excel's BOM, R's NA, a Census county file as published, parents' CSV paths. */
class CsvImportTest {

    @TempDir
    Path tmp;

    private static final String HEAD = "name: CSV\nstart: 2026-01-01\nduration: 30d\njurisdictions:\n  csv:\n";

    private Path write(String name, String text) throws Exception {
        Path f = tmp.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static List<String> problems(Path f) {
        BadInputException e = catchThrowableOfType(BadInputException.class, () -> ScenarioLoader.load(f));
        assertThat(e).as("expected problems with %s", f).isNotNull();
        return e.problems().stream().map(Problem::format).toList();
    }

    private static Map<String, JurisdictionSpec> byKey(Scenario s) {
        return s.jurisdictions().stream().collect(Collectors.toMap(JurisdictionSpec::key, j -> j));
    }

    @Test
    void aCensusCountyFileIsReadAsPublished() throws Exception {
        Scenario s = ScenarioLoader.load(ScenarioLoaderTest.DIR.resolve("census-county.yaml"));
        Map<String, JurisdictionSpec> j = byKey(s);
        assertThat(j.keySet()).containsExactlyInAnyOrder("Autauga County, AL", "Baldwin County, AL", "Barbour County, AL",
                "Alameda County, CA", "Los Angeles County, CA", "Bernalillo County, NM", "Doña Ana County, NM",
                "Harris County, TX", "Travis County, TX");
        assertThat(s.jurisdictions().stream().mapToLong(JurisdictionSpec::population).sum())
                .as("county rows only: the state totals are not counted again").isEqualTo(18_898_820L);
        JurisdictionSpec la = j.get("Los Angeles County, CA");
        assertThat(la.population()).isEqualTo(10_039_107L); // POPESTIMATE2019
        assertThat(la.fips()).isEqualTo("06037");
        assertThat(j.get("Autauga County, AL").fips()).isEqualTo("01001");
        // a real county's FIPS code: its real district and field office, as for jurisdictions.list
        org.jurisim.reference.UsData.County real = org.jurisim.reference.UsData.load().county("06037").orElseThrow();
        assertThat(la.district()).isEqualTo(real.district());
        assertThat(la.fieldOffice()).isEqualTo(real.fieldOffice());
        assertThat(s.notes()).anySatisfy(n -> assertThat(n).contains("skipped 4 summary rows"));
    }

    @Test
    void theWalkThroughInScenarioFormatWorksOnAFileAsTheCensusPublishesIt() throws Exception {
        String doc = Files.readString(Path.of("docs/scenario-format.md"));
        int at = doc.indexOf("### Walk-through: a Census county population file");
        assertThat(at).isPositive();
        int start = doc.indexOf("```yaml\n", at) + "```yaml\n".length();
        String yaml = doc.substring(start, doc.indexOf("```", start));
        // the fixture as the Census publishes it: Latin-1, no byte order mark
        String text = Files.readString(ScenarioLoaderTest.DIR.resolve("census/co-est2019-sample.csv")).replace("\uFEFF", "");
        Files.write(tmp.resolve("co-est2019-alldata.csv"), text.getBytes(StandardCharsets.ISO_8859_1));
        Scenario s = ScenarioLoader.load(write("walk-through.yaml", yaml));
        assertThat(s.jurisdictions()).hasSize(9).anySatisfy(j -> assertThat(j.key()).isEqualTo("Doña Ana County, NM"));
        assertThat(s.notes()).anySatisfy(n -> assertThat(n).contains("skipped 4 summary rows (state or national totals) of"));
    }

    @Test
    void summaryRowsAreRefusedWithTheirLinesUnlessSkipped() throws Exception {
        Path csv = ScenarioLoaderTest.DIR.resolve("census/co-est2019-sample.csv").toAbsolutePath();
        Path f = write("census.yaml", HEAD + "    file: " + csv + "\n    columns: {name: CTYNAME, state: STNAME, population: POPESTIMATE2019}\n"
                + "    fipsColumns: [STATE, COUNTY]\n");
        assertThat(problems(f)).hasSize(4).allSatisfy(p -> assertThat(p).contains("jurisdictions.csv.summaryRows: expected a row of one county"))
                .anySatisfy(p -> assertThat(p).startsWith(csv + ":2:1:").contains("SUMLEV 040, Alabama"))
                .anySatisfy(p -> assertThat(p).startsWith(csv + ":12:1:").contains("Texas"));
    }

    @Test
    void aLatin1FileAsTheCensusPublishesItIsLocatedAndReadWithItsEncoding() throws Exception {
        Files.write(tmp.resolve("latin1.csv"), "STNAME,CTYNAME,POPESTIMATE2019\nNew Mexico,Bernalillo County,679121\nNew Mexico,Doña Ana County,218195\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        String cols = "    columns: {name: CTYNAME, state: STNAME, population: POPESTIMATE2019}\n";
        assertThat(problems(write("latin1.yaml", HEAD + "    file: latin1.csv\n" + cols))).singleElement().asString()
                .startsWith(tmp.resolve("latin1.csv") + ":3:14: (top level): expected UTF-8 text, found byte 0xF1")
                .contains("jurisdictions.csv.encoding: ISO-8859-1");
        Scenario s = ScenarioLoader.load(write("latin1-ok.yaml", HEAD + "    file: latin1.csv\n" + cols + "    encoding: ISO-8859-1\n"));
        assertThat(s.jurisdictions()).extracting(JurisdictionSpec::key).containsExactly("Bernalillo County, NM", "Doña Ana County, NM");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnName() throws Exception {
        Files.write(tmp.resolve("bom.csv"), ("\uFEFFname,state,population\r\nCook County,IL,5087072\r\n").getBytes(StandardCharsets.UTF_8));
        Path f = write("bom.yaml", HEAD + "    file: bom.csv\n");
        assertThat(ScenarioLoader.load(f).jurisdictions()).extracting(JurisdictionSpec::key).containsExactly("Cook County, IL");
    }

    @Test
    void naMeansTheDefaultWhereThereIsOneAndIsAnErrorAtItsCellOtherwise() throws Exception {
        write("na.csv", "name,state,population,dem_share,foreign_born_share,kind\nCook County,IL,5087072,NA,,NA\n"
                + "Travis County,TX,NA,0.7,0.2,county\nHarris County,Texas,4731145,-,0.2,county\n");
        Path f = write("na.yaml", HEAD + "    file: na.csv\n");
        List<String> p = problems(f);
        String csv = tmp.resolve("na.csv").toString();
        assertThat(p).containsExactly(
                csv + ":3:18: population: expected a whole number of residents between 1 and 100000000, found \"NA\", a missing-value token (jurisdictions.csv.na)",
                csv + ":4:29: partisanLean: expected a share between 0 and 1, found \"-\" (add it to jurisdictions.csv.na to mean a missing value)");
        Path g = write("na2.yaml", HEAD + "    file: na.csv\n    na: ['', NA, '-']\n");
        List<String> p2 = problems(g);
        assertThat(p2).singleElement().asString().startsWith(csv + ":3:18: population:");
        write("na-ok.csv", "name,state,population,dem_share,kind\nCook County,IL,5087072,NA,NA\n");
        Scenario s = ScenarioLoader.load(write("na-ok.yaml", HEAD + "    file: na-ok.csv\n"));
        JurisdictionSpec cook = s.jurisdictions().get(0);
        assertThat(cook.partisanLean()).isEqualTo(UsReference.load().state("IL").orElseThrow().demTwoPartyShare());
        assertThat(cook.kind()).isEqualTo("county");
    }

    @Test
    void duplicateJurisdictionsAreRefusedWithBothLines() throws Exception {
        write("dup.csv", "name,state,population,fips\nCook County,IL,5087072,17031\nLake County,IL,700000,17097\n"
                + "Cook County,IL,5087072,17099\nOther County,IL,1000,17097\n");
        String csv = tmp.resolve("dup.csv").toString();
        assertThat(problems(write("dup.yaml", HEAD + "    file: dup.csv\n"))).containsExactly(
                csv + ":4:1: name: expected each jurisdiction ('Name, ST') once, found 'Cook County, IL' again (first at line 2)",
                csv + ":5:22: fips: expected each FIPS code once, found 17097 again (first at line 3)");
    }

    @Test
    void everyCsvErrorIsAtItsCsvLine() throws Exception {
        write("bad.csv", "name,state,population,policy\nCook County,IL,5087072,sanctuary\nLake County,IL,700000,sanctuarry\n"
                + "\"Harris County\"x,TX,4731145,\n");
        String csv = tmp.resolve("bad.csv").toString();
        List<String> p = problems(write("bad.yaml", HEAD + "    file: bad.csv\n"));
        assertThat(p).anySatisfy(l -> assertThat(l).startsWith(csv + ":3:23: policy: expected a policy defined under 'policies'")
                .contains("(did you mean 'sanctuary'?)"));
        assertThat(p).anySatisfy(l -> assertThat(l).startsWith(csv + ":4:").contains("malformed CSV"));
        assertThat(p).noneSatisfy(l -> assertThat(l).startsWith(tmp.resolve("bad.yaml").toString()));
    }


    /** Found by hardening/NewInputFuzzTest: a name with a control character was reported at the scenario's csv.file. */
    @Test
    void aNameWithAControlCharacterIsRefusedAtItsCellAndRowsAfterAQuotedLineBreakKeepTheirLines() throws Exception {
        write("ctl.csv", "name,state,population\nCook County,IL,5087072\n\"Lake\nCounty\",IL,700000\nHarris\u001b[31m County,TX,4731145\n"
                + "Travis County,TX,abc\n");
        String csv = tmp.resolve("ctl.csv").toString();
        assertThat(problems(write("ctl.yaml", HEAD + "    file: ctl.csv\n"))).containsExactly(
                csv + ":3:1: name: expected a name without control characters, found U+000A at character 5 (a name is one line of printable text)",
                csv + ":5:1: name: expected a name without control characters, found U+001B at character 7 (a name is one line of printable text)",
                csv + ":6:18: population: expected a whole number of residents between 1 and 100000000, found \"abc\"");
    }
    @Test
    void anInheritedCsvPathIsRelativeToTheParentScenario() throws Exception {
        write("base/data/places.csv", "name,state,population\nCook County,IL,5087072\n");
        write("base/parent.yaml", HEAD + "    file: data/places.csv\n");
        Path child = write("studies/child.yaml", "extends: ../base/parent.yaml\nname: Child\n");
        assertThat(ScenarioLoader.load(child).jurisdictions()).extracting(JurisdictionSpec::key).containsExactly("Cook County, IL");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"csv-columns.yaml", "census-county.yaml"})
    void theResolvedScenarioOfACsvRunRunsAgainToTheSameOutputs(String name) throws Exception {
        Path scenario = ScenarioLoaderTest.DIR.resolve(name);
        Path first = tmp.resolve("first");
        Path second = tmp.resolve("second");
        assertThat(cli("run", scenario.toString(), "--quiet", "--out", first.toString(), "--set", "outputs.charts=[]", "--set", "duration=60d"))
                .isEqualTo(Main.OK);
        assertThat(cli("run", first.resolve("scenario.resolved.yaml").toString(), "--quiet", "--out", second.toString())).isEqualTo(Main.OK);
        for (String f : List.of("timeseries.csv", "jurisdictions.csv", "cases.csv", "events.csv")) {
            assertThat(Files.readAllBytes(second.resolve(f))).as(f).isEqualTo(Files.readAllBytes(first.resolve(f)));
        }
    }

    private static int cli(String... args) {
        StringWriter err = new StringWriter();
        int status = Main.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(err.toString()).as("stderr of %s", String.join(" ", args)).doesNotContain("expected");
        return status;
    }
}
