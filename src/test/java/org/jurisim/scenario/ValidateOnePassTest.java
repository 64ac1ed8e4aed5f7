package org.jurisim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Problem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code validate} reports every problem in one pass: a scenario with problems of every phase (schema, settings,
 * jurisdictions, real map, events) lists them all at once, and once exactly those are fixed the scenario loads. A
 * problem of one phase hiding one of a later phase would show as a second round here.
 */
class ValidateOnePassTest {

    private static final String COOK = "{name: Cook County, state: IL, fips: \"17031\", population: 5194625, foreignBornShare: 0.2093,"
            + " partisanLean: 0.7126, policy: %s}";
    private static final String HARRIS = "{name: Harris County, state: TX, fips: \"48201\", population: 5045026, foreignBornShare: 0.2617,"
            + " partisanLean: 0.5281, policy: full-cooperation}";

    /** A broken scenario, the field paths of its problems, and the fixes (text replacements) of exactly those. */
    record Case(String name, String yaml, List<String> paths, Map<String, String> fixes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("schema, list, event date and event policy",
                        "name: Broken\nstart: 2026-01-01\nduration: 1y\nseed: 42\nicee: {officers: 3}\njurisdictions:\n  list:\n"
                                + "    - " + String.format(java.util.Locale.ROOT, COOK, "sanctuari") + "\n    - " + HARRIS + "\n"
                                + "events:\n"
                                + "  - {on: 2026-07-01, do: setPolicy, jurisdictions: [\"Harris Conty, TX\"], policy: sanctuary}\n"
                                + "  - {on: 2026-13-01, do: setPolicy, jurisdictions: [\"Harris County, TX\"], policy: limitd}\n",
                        List.of("icee", "jurisdictions.list[0].policy", "events[0].jurisdictions[0]", "events[1].on", "events[1].policy"),
                        Map.of("icee:", "ice:", "sanctuari}", "sanctuary}", "Harris Conty", "Harris County", "2026-13-01", "2026-12-01",
                                "limitd", "limited")),
                new Case("following ICE's sheet from a date it does not cover",
                        "name: Broken sheet\nstart: 2017-01-01\nduration: 30d\nseed: 42\n"
                                + "jurisdictions:\n  us: {states: [DE], agreements287g: false, agreements287gFrom: 2024-06-01}\n",
                        List.of("jurisdictions.us.agreements287gFrom"), Map.of("2024-06-01", "2025-06-01")),
                new Case("following ICE's sheet from a date, on a map that starts from it",
                        "name: Broken sheet\nstart: 2017-01-01\nduration: 30d\nseed: 42\n"
                                + "jurisdictions:\n  us: {states: [DE], agreements287gFrom: 2025-06-01}\n",
                        List.of("jurisdictions.us.agreements287gFrom"), Map.of("{states: [DE], ", "{states: [DE], agreements287g: false, ")),
                new Case("following ICE's sheet from a date before the start",
                        "name: Broken sheet\nstart: 2025-06-01\nduration: 30d\nseed: 42\n"
                                + "jurisdictions:\n  us: {states: [DE], agreements287g: false, agreements287gFrom: 2025-02-01}\n",
                        List.of("jurisdictions.us.agreements287gFrom"), Map.of("2025-02-01", "2025-06-10")),
                new Case("a refused DOJ list does not hide a misspelt place of the real map",
                        "name: Broken US\nstart: 2026-01-01\nduration: 30d\nseed: 42\n"
                                + "jurisdictions:\n  us: {states: [TX], places: [\"Haris County, TX\", \"Travis County, TX\"], dojList: sanctuari}\n"
                                + "events:\n  - {on: 2026-01-15, do: setPolicy, jurisdictions: [\"Travis County, TX\"], policy: sanctuary}\n",
                        List.of("jurisdictions.us.places[0]", "jurisdictions.us.dojList"),
                        Map.of("Haris", "Harris", "sanctuari}", "sanctuary}")),
                new Case("values the schema refuses do not hide the later checks",
                        "name: Broken 3\nstart: 2026-01-01\nduration: 1q\nseed: 42\nfederal: {priorities: SERIUS}\nice: {officers: many}\n"
                                + "mechanisms: {adaptation: maybe}\njurisdictions:\n  list:\n"
                                + "    - " + String.format(java.util.Locale.ROOT, COOK, "sanctuari") + "\n    - " + HARRIS + "\n"
                                + "events:\n"
                                + "  - {on: 2026-07-01, do: setPolicy, jurisdictions: [\"Harris Conty, TX\"], policy: sanctuary}\n"
                                + "  - {on: 2026-07-01, do: stateLaw, state: TX, law: anti-sanctuari}\n",
                        List.of("duration", "federal.priorities", "ice.officers", "mechanisms.adaptation", "jurisdictions.list[0].policy",
                                "events[0].jurisdictions[0]", "events[1].law"),
                        Map.of("1q", "1y", "SERIUS", "SERIOUS_CRIMES_ONLY", "many", "5000", "maybe", "false", "policy: sanctuari}", "policy: sanctuary}",
                                "Harris Conty", "Harris County", "law: anti-sanctuari", "law: anti-sanctuary")),
                new Case("a refused state of a listed place does not make the events naming it wrong",
                        "name: Broken 4\nstart: 2026-01-01\nduration: 30d\nseed: 42\njurisdictions:\n  list:\n"
                                + "    - {name: Somewhere, state: XX, population: 1000, policy: standard}\n    - " + HARRIS + "\n"
                                + "events:\n  - {on: 2025-12-01, do: setPolicy, jurisdictions: [\"Somewhere, XX\"], policy: limitd}\n",
                        List.of("jurisdictions.list[0].state", "events[0].on", "events[0].policy"),
                        Map.of("state: XX", "state: TX", "\"Somewhere, XX\"", "\"Somewhere, TX\"", "2025-12-01", "2026-01-02",
                                "limitd", "limited")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyProblemIsReportedInOnePass(Case c, @TempDir Path dir) throws IOException, BadInputException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, c.yaml());
        BadInputException e = catchThrowableOfType(BadInputException.class, () -> ScenarioLoader.load(file));
        assertThat(e).as("the broken scenario is refused").isNotNull();
        assertThat(e.problems()).extracting(Problem::path).containsExactlyInAnyOrderElementsOf(c.paths());

        // fixing exactly what was reported leaves nothing: no second round
        String fixed = c.yaml();
        for (Map.Entry<String, String> f : c.fixes().entrySet()) {
            assertThat(fixed).contains(f.getKey());
            fixed = fixed.replace(f.getKey(), f.getValue());
        }
        Files.writeString(file, fixed);
        Scenario s = ScenarioLoader.load(file);
        assertThat(s.name()).startsWith("Broken");
    }
}
