package org.jurisim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Problem;
import org.jurisim.reference.State;
import org.jurisim.reference.UsReference;
import org.jurisim.rules.Severity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How scenarios load: extends, --set, schema defaults, CSV and generated jurisdictions, initial policies, pins. */
class ScenarioLoaderTest {

    static final Path DIR = Path.of("src/test/resources/scenarios");

    static Scenario load(String name, String... overrides) throws BadInputException {
        return ScenarioLoader.load(DIR.resolve(name), List.of(overrides));
    }

    /** The formatted problems of a scenario that must fail to load. */
    static List<String> problems(String name, String... overrides) {
        BadInputException e = catchThrowableOfType(BadInputException.class, () -> load(name, overrides));
        assertThat(e).as("loading %s with %s should fail", name, List.of(overrides)).isNotNull();
        return e.problems().stream().map(Problem::format).toList();
    }

    static Map<String, JurisdictionSpec> byKey(Scenario s) {
        return s.jurisdictions().stream().collect(Collectors.toMap(JurisdictionSpec::key, Function.identity()));
    }

    static JsonNode at(Scenario s, String pointer) {
        return s.resolved().at(pointer);
    }

    static JsonNode schemaDefault(String pointer) {
        return ScenarioSchema.get().defaults().at(pointer);
    }

    // ------------------------------------------------------------------ basics and defaults

    @Nested
    class Basics {

        @Test
        void startDaysAndSeedComeFromTheFile() throws BadInputException {
            Scenario s = load("plain.yaml");
            assertThat(s.name()).isEqualTo("Plain scenario");
            assertThat(s.start()).isEqualTo(LocalDate.of(2026, 1, 1));
            // duration: 4y from 2026-01-01 is 2026..2029, one leap day (2028)
            assertThat(s.days()).isEqualTo(1461);
            assertThat(s.end()).isEqualTo(LocalDate.of(2030, 1, 1));
            assertThat(s.seed()).isEqualTo(2026L);
            assertThat(s.jurisdictions()).extracting(JurisdictionSpec::key).containsExactly("Cook County, IL", "Harris County, TX");
            assertThat(s.events()).hasSize(2);
            assertThat(s.events().get(0)).isEqualTo(new ScenarioEvent.DetentionCapacity(LocalDate.of(2026, 2, 1), "", 45000));
        }

        @Test
        void absentFieldsTakeTheSchemaDefaults() throws BadInputException {
            Scenario s = load("plain.yaml");
            assertThat(s.ice().officers()).isEqualTo(6000);
            assertThat(at(s, "/ice/officers").asInt()).isEqualTo(6000);
            assertThat(s.ice().officers()).isEqualTo(schemaDefault("/ice/officers").asInt());
            assertThat(s.ice().detentionBeds()).isEqualTo(schemaDefault("/ice/detentionBeds").asInt());
            assertThat(s.ice().detainerRate()).isEqualTo(schemaDefault("/ice/detainerRate").asDouble());
            assertThat(s.bookings().perCapitaPerYear()).isEqualTo(schemaDefault("/bookings/perCapitaPerYear").asDouble());
            assertThat(s.federal().priorities()).isEqualTo(Priorities.ALL_REMOVABLE);
            assertThat(s.federal().agreementPolicy()).isEqualTo("full-cooperation");
            assertThat(s.description()).isEmpty();
            // the jurisdiction defaults: kind, 287(g), and the state's own shares
            JurisdictionSpec cook = byKey(s).get("Cook County, IL");
            State il = UsReference.load().state("IL").orElseThrow();
            assertThat(cook.kind()).isEqualTo("county");
            assertThat(cook.agreement287g()).isFalse();
            assertThat(cook.foreignBornShare()).isEqualTo(il.foreignBornShare());
            assertThat(cook.partisanLean()).isEqualTo(il.demTwoPartyShare());
            assertThat(cook.district()).startsWith("il");
            // no policy given anywhere: initialPolicy.default, which defaults to standard
            assertThat(cook.policy()).isEqualTo("standard");
            assertThat(s.policies()).containsKeys("full-cooperation", "standard", "limited", "sanctuary");
        }

        @Test
        void defaultsWhenOnlyNameAndJurisdictionsAreGiven() throws BadInputException {
            Scenario s = load("csv-columns.yaml");
            assertThat(s.start()).isEqualTo(LocalDate.parse(schemaDefault("/start").asText()));
            assertThat(s.seed()).isEqualTo(schemaDefault("/seed").asLong());
            assertThat(s.days()).isEqualTo(365); // 1y from 2026-01-01
        }
    }

    // ------------------------------------------------------------------ extends

    @Nested
    class Extends {

        @Test
        void mappingsMergeKeyByKeyAndListsAndScalarsAreReplacedWhole() throws BadInputException {
            Scenario s = load("extends-child.yaml");
            // scalars: the child's wins, the base's stays where the child is silent
            assertThat(s.name()).isEqualTo("Child scenario");
            assertThat(s.description()).isEqualTo("The base of the extends tests.");
            assertThat(s.seed()).isEqualTo(11L);
            assertThat(s.days()).isEqualTo(730);
            // mappings: key by key
            assertThat(s.ice().detentionBeds()).isEqualTo(60000);
            assertThat(s.ice().officers()).isEqualTo(5000);
            // lists: replaced whole, not appended or merged item by item
            assertThat(s.jurisdictions()).extracting(JurisdictionSpec::key).containsExactly("Travis County, TX", "Cook County, IL");
            assertThat(s.events()).containsExactly(new ScenarioEvent.DetentionCapacity(LocalDate.of(2026, 6, 1), "", 70000));
            assertThat(at(s, "/events").size()).isEqualTo(1);
        }

        @Test
        void policiesMergeWithTheBuiltInFour() throws BadInputException {
            Scenario s = load("extends-child.yaml");
            assertThat(s.policies().keySet()).containsExactlyInAnyOrder(
                    "full-cooperation", "standard", "limited", "sanctuary", "cautious", "pragmatic");
            // the base's own policy, untouched by the child
            assertThat(s.policies().get("cautious").detainer().source()).isEqualTo("detainer.severity >= Severity.FELONY ? HONOR : NOTIFY");
            assertThat(s.policies().get("cautious").description()).isEqualTo("Holds for felonies only.");
            // the child's new policy, with the schema's defaults for what it leaves out
            assertThat(s.policies().get("pragmatic").detainer().source()).isEqualTo("NOTIFY");
            assertThat(at(s, "/policies/pragmatic/shareReleaseDates").asBoolean()).isTrue();
            assertThat(at(s, "/policies/pragmatic/iceJailAccess").asBoolean()).isTrue();
            // one field of a built-in policy changed; its other fields stay built in
            JsonNode builtIn = schemaDefault("/policies/sanctuary");
            assertThat(at(s, "/policies/sanctuary/iceJailAccess").asBoolean()).isTrue();
            assertThat(builtIn.get("iceJailAccess").asBoolean()).isFalse();
            assertThat(s.policies().get("sanctuary").detainer().source()).isEqualTo(builtIn.get("detainer").asText());
            assertThat(at(s, "/policies/sanctuary/shareReleaseDates")).isEqualTo(builtIn.get("shareReleaseDates"));
            assertThat(at(s, "/policies/sanctuary/description")).isEqualTo(builtIn.get("description"));
            assertThat(s.policies().get("standard").detainer().source()).isEqualTo(schemaDefault("/policies/standard/detainer").asText());
        }

        @Test
        void aThreeLevelChainMergesEveryLevel() throws BadInputException {
            Scenario s = load("nested/extends-grandchild.yaml");
            assertThat(s.name()).isEqualTo("Grandchild scenario");          // level 3
            assertThat(s.seed()).isEqualTo(33L);                             // level 3 over level 1
            assertThat(s.description()).isEqualTo("The base of the extends tests."); // level 1
            assertThat(s.ice().officers()).isEqualTo(7000);                  // level 3 over level 1
            assertThat(s.ice().detentionBeds()).isEqualTo(60000);            // level 2 over level 1
            assertThat(s.jurisdictions()).extracting(JurisdictionSpec::key)  // level 2
                    .containsExactly("Travis County, TX", "Cook County, IL");
            assertThat(s.policies()).containsKeys("cautious", "pragmatic"); // levels 1 and 2
            // bookings.severityShares: NONE and MISDEMEANOR from level 1, FELONY from level 3, the rest default
            assertThat(at(s, "/bookings/severityShares/NONE").asDouble()).isEqualTo(0.1);
            assertThat(at(s, "/bookings/severityShares/MISDEMEANOR").asDouble()).isEqualTo(0.5);
            assertThat(at(s, "/bookings/severityShares/FELONY").asDouble()).isEqualTo(0.3);
            assertThat(at(s, "/bookings/severityShares/VIOLENT_FELONY")).isEqualTo(schemaDefault("/bookings/severityShares/VIOLENT_FELONY"));
            double sum = 0.1 + 0.5 + 0.3 + schemaDefault("/bookings/severityShares/VIOLENT_FELONY").asDouble();
            assertThat(s.bookings().severityShare(Severity.FELONY)).isCloseTo(0.3 / sum, within(1e-12));
            assertThat(at(s, "/extends").isMissingNode()).isTrue();
        }

        @Test
        void problemsArePlacedInTheFileThatWroteTheField(@TempDir Path tmp) throws Exception {
            // the child moves the start past the base's first event: the base's event is wrong, in the base's file
            Path child = tmp.resolve("late-start.yaml");
            Files.writeString(child, "extends: " + DIR.resolve("extends-base.yaml").toAbsolutePath() + "\n"
                    + "name: Late start\n"
                    + "start: 2026-03-15\n"
                    + "ice:\n"
                    + "  officers: -1\n");
            BadInputException e = catchThrowableOfType(BadInputException.class, () -> ScenarioLoader.load(child, List.of()));
            assertThat(e).isNotNull();
            // one pass: the schema's problem and the later check's, each in the file that wrote the field
            assertThat(e.problems()).extracting(Problem::format).containsExactly(
                    child + ":5:13: ice.officers: expected a number >= 0 (officers), found -1",
                    "src/test/resources/scenarios/extends-base.yaml:24:10: events[0].on:"
                            + " expected a date on or after the scenario start 2026-03-15, found 2026-03-01");
            Files.writeString(child, "extends: " + DIR.resolve("extends-base.yaml").toAbsolutePath() + "\n"
                    + "name: Late start\n"
                    + "start: 2026-03-15\n");
            e = catchThrowableOfType(BadInputException.class, () -> ScenarioLoader.load(child, List.of()));
            assertThat(e).isNotNull();
            assertThat(e.problems()).extracting(Problem::format).containsExactly(
                    "src/test/resources/scenarios/extends-base.yaml:24:10: events[0].on:"
                            + " expected a date on or after the scenario start 2026-03-15, found 2026-03-01");
        }

        @Test
        void aFieldSetOnTheCommandLineIsPlacedThere() {
            assertThat(problems("nested/extends-grandchild.yaml", "ice.detentionBeds=-1", "policies.cautious.detainer=1"))
                    .containsExactly(
                            "--set #1:1:19: ice.detentionBeds: expected a number >= 0 (beds), found -1",
                            "--set #2:1:28: policies.cautious.detainer: expected a text, found integer 1");
        }
    }

    // ------------------------------------------------------------------ stateLaw.bans287g

    @Nested
    class Bans287g {

        @Test
        void aBanIsAStateAndADateAndNoneIsTheDefault() throws BadInputException {
            assertThat(load("plain.yaml").stateLaw().bans287g()).isEmpty();
            Scenario s = load("plain.yaml", "stateLaw.bans287g={CA: 2026-01-01, MD: 2026-02-17}");
            assertThat(s.stateLaw().bans287g()).containsExactly(Map.entry("CA", LocalDate.of(2026, 1, 1)),
                    Map.entry("MD", LocalDate.of(2026, 2, 17)));
        }

        @Test
        void aScenarioThatExtendsTheBaseKeepsItsBans() throws BadInputException {
            Scenario s = ScenarioLoader.load(Path.of("scenarios/standoff-2026.yaml"), List.of("stateLaw.bans287g.NM=2026-06-01"));
            assertThat(s.stateLaw().bans287g()).containsEntry("CA", LocalDate.of(2026, 1, 1))
                    .containsEntry("ME", LocalDate.of(2026, 1, 1)).containsEntry("MD", LocalDate.of(2026, 2, 17))
                    .containsEntry("NM", LocalDate.of(2026, 6, 1)).hasSize(10);
        }

        @Test
        void aBadStateOrDateIsPlacedOnItsKeyOrValue() {
            // stateLaw.bans287g={CA: 2026-01-01, TZ: 2026-01-01}: the key TZ is at column 36
            assertThat(problems("plain.yaml", "stateLaw.bans287g={CA: 2026-01-01, TZ: 2026-01-01}")).containsExactly(
                    "--set #1:1:36: stateLaw.bans287g.TZ: expected a state code (50 states and DC), found \"TZ\" (did you mean 'AZ'?)");
            assertThat(problems("plain.yaml", "stateLaw.bans287g.MD=2026-02-30")).containsExactly(
                    "--set #1:1:22: stateLaw.bans287g.MD: expected a real calendar date, found \"2026-02-30\" (no such day)");
            assertThat(problems("plain.yaml", "stateLaw.bans287g.MD=17 Feb 2026")).containsExactly(
                    "--set #1:1:22: stateLaw.bans287g.MD: expected a date YYYY-MM-DD, found string \"17 Feb 2026\"");
        }
    }

    // ------------------------------------------------------------------ --set

    @Nested
    class Overrides {

        @Test
        void aScalar() throws BadInputException {
            Scenario s = load("plain.yaml", "seed=99", "duration=90d", "name=Overridden");
            assertThat(s.seed()).isEqualTo(99L);
            assertThat(s.days()).isEqualTo(90);
            assertThat(s.name()).isEqualTo("Overridden");
        }

        @Test
        void aNestedField() throws BadInputException {
            Scenario s = load("plain.yaml", "ice.officers=7000", "federal.agreement287g.issueMultiplier=2.5");
            assertThat(s.ice().officers()).isEqualTo(7000);
            assertThat(s.federal().agreementIssueMultiplier()).isEqualTo(2.5);
            // the neighbours keep their values
            assertThat(s.ice().detentionBeds()).isEqualTo(schemaDefault("/ice/detentionBeds").asInt());
        }

        @Test
        void aListItemByIndex() throws BadInputException {
            Scenario s = load("plain.yaml", "events[0].beds=12345", "jurisdictions.list[1].population=5000000");
            assertThat(s.events().get(0)).isEqualTo(new ScenarioEvent.DetentionCapacity(LocalDate.of(2026, 2, 1), "", 12345));
            assertThat(s.events().get(1)).isInstanceOf(ScenarioEvent.PrioritiesChange.class);
            assertThat(byKey(s).get("Harris County, TX").population()).isEqualTo(5_000_000L);
        }

        @Test
        void aFlowMappingAndAFlowList() throws BadInputException {
            Scenario s = load("plain.yaml", "federal.agreement287g={policy: limited, issueMultiplier: 2}",
                    "events=[{on: 2026-05-01, do: officers, count: 4000}]");
            assertThat(s.federal().agreementPolicy()).isEqualTo("limited");
            assertThat(s.federal().agreementIssueMultiplier()).isEqualTo(2.0);
            assertThat(s.events()).containsExactly(new ScenarioEvent.OfficerCount(LocalDate.of(2026, 5, 1), "", 4000));
        }

        @Test
        void overridesApplyAfterExtendsAndInOrder() throws BadInputException {
            Scenario s = load("nested/extends-grandchild.yaml", "ice.officers=100", "ice.officers=200");
            assertThat(s.ice().officers()).isEqualTo(200);
            assertThat(s.ice().detentionBeds()).isEqualTo(60000);
        }

        @Test
        void aTypeErrorIsReportedAtTheOverride() {
            // ice.officers=lots: the value starts at column 14
            assertThat(problems("plain.yaml", "seed=1", "ice.officers=lots"))
                    .containsExactly("--set #2:1:14: ice.officers: expected an integer, found string \"lots\"");
            assertThat(problems("plain.yaml", "events[0].beds=-3"))
                    .containsExactly("--set #1:1:16: events[0].beds: expected a number >= 0 (beds), found -3");
        }

        @Test
        void aProblemInsideAFlowValueIsPlacedOnItsToken() {
            // federal.agreement287g={policy: limitd, ...}: 'limitd' is at column 32
            assertThat(problems("plain.yaml", "federal.agreement287g={policy: limitd, issueMultiplier: 2}"))
                    .containsExactly("--set #1:1:32: federal.agreement287g.policy: expected a policy defined under 'policies'"
                            + " (full-cooperation, standard, limited, sanctuary), found \"limitd\" (did you mean 'limited'?)");
        }

        @Test
        void aRuleGivenOnTheCommandLineIsCheckedWhereItStands() {
            assertThat(problems("plain.yaml", "policies.standard.detainer=\"detainer.severty > 1 ? HONOR : NOTIFY\""))
                    .containsExactly("--set #1:1:29: policies.standard.detainer: undeclared reference to 'detainer.severty'"
                            + " (did you mean 'detainer.severity'?)");
        }

        @Test
        void aBadPathIsAClearError() {
            // a misspelt field: pointed at the misspelt name, with a suggestion
            assertThat(problems("plain.yaml", "ice.oficers=7000")).singleElement().asString()
                    .startsWith("--set #1:1:5: ice.oficers: unknown field 'oficers' (did you mean 'officers'?); expected one of: ");
            // an index past the end of a list
            assertThat(problems("plain.yaml", "events[5].beds=1"))
                    .containsExactly("--set #1:1:7: events[5].beds: expected an index of 'events' from [0] to [1], found [5]");
            // a field of something that is not a mapping
            assertThat(problems("plain.yaml", "seed.value=1"))
                    .containsExactly("--set #1:1:6: seed.value: expected 'seed' to be a mapping with a field 'value', found integer 2026");
            // an index into something that is not a list
            assertThat(problems("plain.yaml", "ice[0]=1"))
                    .containsExactly("--set #1:1:4: ice[0]: expected 'ice' to be a list, found nothing");
            // no '=' or no path at all
            assertThat(problems("plain.yaml", "seed"))
                    .containsExactly("--set #1:1:1: (top level): expected path.to.field=value, found \"seed\"");
            assertThat(problems("plain.yaml", "=3"))
                    .containsExactly("--set #1:1:1: (top level): expected path.to.field=value, found \"=3\"");
        }

        @Test
        void aValueThatIsNotYamlIsAClearError() {
            assertThat(problems("plain.yaml", "name=[1,"))
                    .containsExactly("--set #1:1:9: name: cannot read the value: YAML syntax error: expected a value, found the end of the value");
        }

        @Test
        void everyProblemOfEveryOverrideIsReportedTogether() {
            assertThat(problems("plain.yaml", "seed", "events[9].beds=1"))
                    .containsExactly("--set #1:1:1: (top level): expected path.to.field=value, found \"seed\"",
                            "--set #2:1:7: events[9].beds: expected an index of 'events' from [0] to [1], found [9]");
        }
    }

    // ------------------------------------------------------------------ CSV jurisdictions

    @Nested
    class Csv {

        @Test
        void columnsAreReadUnderTheirMappedNames() throws BadInputException {
            Scenario s = load("csv-columns.yaml");
            assertThat(s.jurisdictions()).extracting(JurisdictionSpec::key)
                    .containsExactly("Cook County, IL", "Travis County, TX", "City and County of Denver, CO");
            Map<String, JurisdictionSpec> j = byKey(s);
            UsReference ref = UsReference.load();

            JurisdictionSpec cook = j.get("Cook County, IL");
            assertThat(cook.population()).isEqualTo(5_087_072L); // "5,087,072" in quotes
            assertThat(cook.foreignBornShare()).isEqualTo(0.21);
            assertThat(cook.partisanLean()).isEqualTo(0.74);
            assertThat(cook.kind()).isEqualTo("county");
            assertThat(cook.district()).isEqualTo("ilnd");
            assertThat(cook.circuit()).isEqualTo("7");
            assertThat(cook.fips()).isEqualTo("17031"); // the default column name, present in the file

            JurisdictionSpec travis = j.get("Travis County, TX");
            assertThat(travis.foreignBornShare()).as("empty cell: the state's share")
                    .isEqualTo(ref.state("TX").orElseThrow().foreignBornShare());
            assertThat(travis.partisanLean()).isEqualTo(0.73);
            assertThat(ref.district(travis.district()).orElseThrow().state()).isEqualTo("TX");

            JurisdictionSpec denver = j.get("City and County of Denver, CO");
            assertThat(denver.kind()).isEqualTo("city-county");
            assertThat(denver.partisanLean()).isEqualTo(ref.state("CO").orElseThrow().demTwoPartyShare());
            assertThat(denver.district()).isEqualTo("cod");
            // no policy column: initialPolicy.default
            assertThat(s.jurisdictions()).allSatisfy(x -> assertThat(x.policy()).isEqualTo("standard"));
        }
    }

    // ------------------------------------------------------------------ the county generator

    @Nested
    class Generator {

        private final UsReference ref = UsReference.load();

        @Test
        void makesEveryCountyWithEachStatesRealPopulation() throws BadInputException {
            Scenario s = load("generated.yaml");
            List<JurisdictionSpec> js = s.jurisdictions();
            int realCounties = ref.states().stream().mapToInt(State::counties).sum();
            assertThat(realCounties).isEqualTo(3143);
            assertThat(js).hasSize(3143);

            Map<String, Long> popByState = new HashMap<>();
            Map<String, Integer> countByState = new HashMap<>();
            for (JurisdictionSpec j : js) {
                popByState.merge(j.state(), j.population(), Long::sum);
                countByState.merge(j.state(), 1, Integer::sum);
            }
            assertThat(popByState).hasSize(51);
            for (State st : ref.states()) {
                assertThat(popByState.get(st.code())).as("population of %s", st.code()).isEqualTo(st.population());
                // one county each, the rest shared in proportion to the real counts: close to the real count
                assertThat(countByState.get(st.code())).as("counties of %s", st.code()).isCloseTo(st.counties(), within(5));
            }
            assertThat(js).allSatisfy(j -> {
                assertThat(j.population()).isPositive();
                assertThat(j.foreignBornShare()).isBetween(0.0, 1.0);
                assertThat(j.partisanLean()).isBetween(0.0, 1.0);
                assertThat(ref.district(j.district()).orElseThrow().state()).isEqualTo(j.state());
            });
            assertThat(js.stream().map(JurisdictionSpec::key).distinct().count()).isEqualTo(js.size());
        }

        @Test
        void countySizesAreHeavyTailed() throws BadInputException {
            List<JurisdictionSpec> js = load("generated.yaml").jurisdictions();
            long largestCa = js.stream().filter(j -> j.state().equals("CA")).mapToLong(JurisdictionSpec::population).max().orElseThrow();
            assertThat(largestCa).isGreaterThan(1_000_000L);
            long[] pops = js.stream().mapToLong(JurisdictionSpec::population).sorted().toArray();
            double median = (pops[pops.length / 2] + pops[(pops.length - 1) / 2]) / 2.0;
            assertThat(median).isLessThan(50_000);
        }

        @Test
        void leanRisesWithLogPopulationAndForeignBornShare() throws BadInputException {
            List<JurisdictionSpec> js = load("generated.yaml").jurisdictions();
            double[] logPop = js.stream().mapToDouble(j -> Math.log(j.population())).toArray();
            double[] fb = js.stream().mapToDouble(JurisdictionSpec::foreignBornShare).toArray();
            double[] lean = js.stream().mapToDouble(JurisdictionSpec::partisanLean).toArray();
            PearsonsCorrelation pearson = new PearsonsCorrelation();
            assertThat(pearson.correlation(logPop, lean)).isGreaterThan(0.3);
            assertThat(pearson.correlation(fb, lean)).isGreaterThan(0.3);
        }

        @Test
        void theSameGeneratorSeedGivesTheSameCounties() throws BadInputException {
            List<JurisdictionSpec> a = load("generated.yaml").jurisdictions();
            // the run seed is not the generator seed: changing it leaves the map alone
            List<JurisdictionSpec> b = load("generated.yaml", "seed=12345").jurisdictions();
            assertThat(b).isEqualTo(a);
            List<JurisdictionSpec> c = load("generated.yaml", "jurisdictions.generate.seed=8").jurisdictions();
            assertThat(c).hasSameSizeAs(a).isNotEqualTo(a);
            assertThat(c.stream().mapToLong(JurisdictionSpec::population).sum())
                    .isEqualTo(a.stream().mapToLong(JurisdictionSpec::population).sum());
        }

        @Test
        void onlyTheChosenStatesAndAScaledCount() throws BadInputException {
            Scenario s = load("generated.yaml", "jurisdictions.generate.states=[CA, TX, DC]", "jurisdictions.generate.counties=60");
            Map<String, Long> counts = s.jurisdictions().stream().collect(Collectors.groupingBy(JurisdictionSpec::state, Collectors.counting()));
            assertThat(counts.keySet()).containsExactlyInAnyOrder("CA", "TX", "DC");
            assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(60);
            assertThat(counts.get("DC")).isEqualTo(1L);
            assertThat(counts.get("TX")).isGreaterThan(counts.get("CA"));
        }

        @Test
        void anUnknownStateIsAnErrorWithASuggestion() {
            assertThat(problems("generated.yaml", "jurisdictions.generate.states=[CA, TZ]")).containsExactly(
                    "--set #1:1:36: jurisdictions.generate.states[1]: expected a state code (50 states and DC), found \"TZ\" (did you mean 'AZ'?)");
        }
    }

    // ------------------------------------------------------------------ initial policies and pins

    @Nested
    class InitialPolicies {

        @Test
        void rulesApplyInOrderWithTheDefaultAsFallback() throws BadInputException {
            Map<String, JurisdictionSpec> j = byKey(load("initial-policy.yaml"));
            // 0.74 > 0.7: the first rule, although the second (> 0.6) holds too
            assertThat(j.get("Cook County, IL").policy()).isEqualTo("sanctuary");
            assertThat(j.get("Wayne County, MI").policy()).isEqualTo("limited");
            assertThat(j.get("Harris County, TX").policy()).isEqualTo("full-cooperation");
            // a TX county matching an earlier rule takes that rule's policy
            assertThat(j.get("Travis County, TX").policy()).isEqualTo("sanctuary");
            assertThat(j.get("Maricopa County, AZ").policy()).isEqualTo("standard");
            assertThat(j.values()).filteredOn(x -> !x.key().equals("Miami-Dade County, FL") && !x.key().equals("Orange County, CA"))
                    .allSatisfy(x -> assertThat(x.pinned()).isFalse());
        }

        @Test
        void theDefaultCanBeChanged() throws BadInputException {
            Map<String, JurisdictionSpec> j = byKey(load("initial-policy.yaml", "initialPolicy.default=limited"));
            assertThat(j.get("Maricopa County, AZ").policy()).isEqualTo("limited");
            assertThat(j.get("Cook County, IL").policy()).isEqualTo("sanctuary");
        }

        @Test
        void pinsOverrideRulesAndListedPolicies() throws BadInputException {
            Map<String, JurisdictionSpec> j = byKey(load("initial-policy.yaml"));
            // Orange County would get the default (0.55): the pin wins
            JurisdictionSpec orange = j.get("Orange County, CA");
            assertThat(orange.policy()).isEqualTo("sanctuary");
            assertThat(orange.pinned()).isTrue();
            assertThat(orange.agreement287g()).isFalse();
            // Miami-Dade lists limited: the pin wins, and sets 287(g) too
            JurisdictionSpec miami = j.get("Miami-Dade County, FL");
            assertThat(miami.policy()).isEqualTo("full-cooperation");
            assertThat(miami.pinned()).isTrue();
            assertThat(miami.agreement287g()).isTrue();
        }

        @Test
        void aListedPolicyWinsOverTheRules() throws BadInputException {
            // without its pin, Miami-Dade keeps the policy its list entry gives (0.46 would give the default)
            Map<String, JurisdictionSpec> j = byKey(load("initial-policy.yaml", "jurisdictions.pin=[]"));
            assertThat(j.get("Miami-Dade County, FL").policy()).isEqualTo("limited");
            assertThat(j.get("Orange County, CA").policy()).isEqualTo("standard");
        }

        @Test
        void anUnknownPinNameIsAnErrorWithASuggestion() {
            assertThat(problems("initial-policy.yaml", "jurisdictions.pin[0].name=Orange Couny")).containsExactly(
                    "--set #1:1:27: jurisdictions.pin[0].name: expected the name of a jurisdiction in the scenario,"
                            + " found 'Orange Couny, CA' (did you mean 'Orange County, CA'?)");
        }

        @Test
        void anUnknownPolicyInARuleIsAnErrorWithASuggestion() {
            assertThat(problems("initial-policy.yaml", "initialPolicy.rules[1].policy=limted")).containsExactly(
                    "--set #1:1:31: initialPolicy.rules[1].policy: expected a policy defined under 'policies'"
                            + " (full-cooperation, standard, limited, sanctuary), found \"limted\" (did you mean 'limited'?)");
        }
    }

    @Test
    void theSchemaDefaultsAreComplete() {
        // every group the binder reads has its defaults, so a minimal scenario loads
        assertThat(Arrays.asList("ice", "bookings", "federal", "policies", "initialPolicy"))
                .allSatisfy(k -> assertThat(ScenarioSchema.get().defaults().has(k)).as(k).isTrue());
    }
}
