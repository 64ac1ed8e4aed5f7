package org.jurisim.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scenario differences by meaning: events matched by date, kind and target; numbers by value. */
class ScenarioDiffTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode yaml(String text) throws Exception {
        return YAML.readTree(text);
    }

    @Test
    void eventsAreMatchedByDateKindAndTargetNotByPosition() throws Exception {
        JsonNode a = yaml("""
                events:
                  - {on: 2026-02-01, do: setPolicy, policy: sanctuary, when: "jurisdiction.partisanLean >= 0.6", note: Cities widen limits}
                  - {on: 2026-03-01, do: detentionCapacity, beds: 80000}
                  - {on: 2026-07-01, do: officers, count: 9000}
                  - {on: 2026-03-15, do: suit, caseType: preemption, plaintiff: United States, defendant: IL}
                """);
        // the same events in another order, one number written otherwise, another note; one changed, one added
        JsonNode b = yaml("""
                events:
                  - {on: 2026-03-15, do: suit, caseType: preemption, plaintiff: United States, defendant: IL}
                  - {on: 2026-07-01, do: officers, count: 8000}
                  - {on: 2026-03-01, do: detentionCapacity, beds: 80000.0, note: Detention expansion}
                  - {on: 2026-02-01, do: setPolicy, policy: sanctuary, when: "jurisdiction.partisanLean >= 0.6", note: Other words}
                  - {on: 2026-03-15, do: suit, caseType: preemption, plaintiff: United States, defendant: CA}
                """);
        List<ScenarioDiff.Event> d = ScenarioDiff.events(List.of(a, b));
        assertThat(d).hasSize(2);
        assertThat(d.get(0).date()).isEqualTo("2026-03-15");
        assertThat(d.get(0).target()).isEqualTo("caseType=preemption; plaintiff=United States; defendant=CA");
        assertThat(d.get(0).effects().get(0)).isNull();
        assertThat(d.get(1).kind()).isEqualTo("officers");
        assertThat(d.get(1).effects()).containsExactly("count=9000", "count=8000");
        // the same list compared with itself, or reordered with numbers written otherwise: no difference
        assertThat(ScenarioDiff.events(List.of(a, a))).isEmpty();
        JsonNode c = yaml("""
                events:
                  - {on: 2026-07-01, do: officers, count: 9000.00}
                  - {on: 2026-03-15, do: suit, caseType: preemption, plaintiff: United States, defendant: IL}
                  - {on: 2026-03-01, do: detentionCapacity, beds: 8.0e4}
                  - {on: 2026-02-01, do: setPolicy, policy: sanctuary, when: "jurisdiction.partisanLean >= 0.6"}
                """);
        assertThat(ScenarioDiff.events(List.of(a, c))).isEmpty();
        // two events of one kind, target and date are matched in their order
        JsonNode twice = yaml("events:\n  - {on: 2026-03-01, do: detentionCapacity, beds: 80000}\n"
                + "  - {on: 2026-03-01, do: detentionCapacity, beds: 80000}\n");
        assertThat(ScenarioDiff.events(List.of(a, twice))).extracting(ScenarioDiff.Event::kind)
                .containsExactly("setPolicy", "detentionCapacity", "suit", "officers");
    }

    @Test
    void numbersAreComparedByValue() throws Exception {
        JsonNode a = yaml("ice: {officers: 6000, detainerRate: 0.5, holdDays: 2}\nname: A\nlist: [0, 1.5]\n");
        JsonNode b = yaml("ice: {officers: 6000.0, detainerRate: 0.50, holdDays: 3}\nname: A\nlist: [0.0, 1.50]\n");
        List<ScenarioDiff.Parameter> d = ScenarioDiff.parameters(List.of(a, b));
        assertThat(d).extracting(ScenarioDiff.Parameter::path).containsExactly("ice.holdDays");
        assertThat(d.get(0).values()).containsExactly("2", "3");
        assertThat(ScenarioDiff.sameValue("0", "0.0")).isTrue();
        assertThat(ScenarioDiff.sameValue("0", "0.01")).isFalse();
        assertThat(ScenarioDiff.sameValue("2026-01-01", "2026-01-01")).isTrue();
        assertThat(ScenarioDiff.sameValue("4y", "1461d")).isFalse();
        assertThat(ScenarioDiff.sameValue(null, "0")).isFalse();
    }
}
