package org.jurisim.gui;

import com.fasterxml.jackson.databind.JsonNode;
import org.jurisim.scenario.Scenario;

/** Reads a live parameter's starting value from a scenario's resolved tree. */
final class ScenarioValues {

    private static Scenario lastScenario;
    private static JsonNode lastTree;

    private ScenarioValues() {
    }

    /** The value at a dotted path of the resolved scenario, or null. */
    static synchronized JsonNode initial(Scenario s, String path) {
        if (s != lastScenario) {
            lastScenario = s;
            lastTree = s.resolved();
        }
        JsonNode n = lastTree.at("/" + path.replace('.', '/'));
        return n.isMissingNode() ? null : n;
    }
}
