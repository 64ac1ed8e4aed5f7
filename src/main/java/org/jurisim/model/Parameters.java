package org.jurisim.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.jurisim.scenario.Priorities;
import org.jurisim.scenario.Scenario;

/**
 * The live parameters of a running model: the scenario fields marked {@code x-live} in the schema,
 * which dated {@code set} events and dashboard interventions may change between steps. The model
 * reads these values, never the scenario's, for anything that can change during a run.
 */
public final class Parameters implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** Paths this class handles; a test checks they are exactly the schema's live parameters. */
    public static final List<String> PATHS = List.of(
            "federal.priorities",
            "ice.detainerRate", "ice.officers", "ice.pickupsPerOfficerPerDay", "ice.notifyPickupProbability",
            "ice.detentionBeds", "ice.proceedingsMeanDays", "ice.atLargeStayDays", "ice.borderStayDays", "ice.atLargeResponse",
            "grantConditions.active", "grantConditions.withholdShare",
            "litigation.dojSuitsPerYear",
            "courts.injunctionScope", "courts.leanWeight",
            "adaptation.baseline", "adaptation.weights.partisanLean", "adaptation.weights.foreignBornInteraction",
            "adaptation.weights.peersState", "adaptation.weights.peersNational", "adaptation.weights.liability",
            "adaptation.weights.fundsAtRisk", "adaptation.weights.visibleEnforcement", "adaptation.weights.inertia");

    Priorities priorities;
    double detainerRate;
    int officers;
    double pickupsPerOfficerPerDay;
    double notifyPickupProbability;
    int detentionBeds;
    double proceedingsMeanDays;
    double atLargeStayDays;
    double borderStayDays;
    double atLargeResponse;
    boolean grantConditionsActive;
    double withholdShare;
    double dojSuitsPerYear;
    boolean universalInjunctions;
    double leanWeight;
    double adaptationBaseline;
    double wPartisanLean;
    double wForeignBornInteraction;
    double wPeersState;
    double wPeersNational;
    double wLiability;
    double wFundsAtRisk;
    double wVisibleEnforcement;
    double wInertia;

    Parameters(Scenario s) {
        priorities = s.federal().priorities();
        detainerRate = s.ice().detainerRate();
        officers = s.ice().officers();
        pickupsPerOfficerPerDay = s.ice().pickupsPerOfficerPerDay();
        notifyPickupProbability = s.ice().notifyPickupProbability();
        detentionBeds = s.ice().detentionBeds();
        proceedingsMeanDays = s.ice().proceedingsMeanDays();
        atLargeStayDays = s.ice().atLargeStayDays();
        borderStayDays = s.ice().borderStayDays();
        atLargeResponse = s.ice().atLargeResponse();
        grantConditionsActive = s.grantConditions().active();
        withholdShare = s.grantConditions().withholdShare();
        dojSuitsPerYear = s.litigation().dojSuitsPerYear();
        universalInjunctions = s.courts().injunctionScope().equals("UNIVERSAL");
        leanWeight = s.courts().leanWeight();
        adaptationBaseline = s.adaptation().baseline();
        var w = s.adaptation().weights();
        wPartisanLean = w.partisanLean();
        wForeignBornInteraction = w.foreignBornInteraction();
        wPeersState = w.peersState();
        wPeersNational = w.peersNational();
        wLiability = w.liability();
        wFundsAtRisk = w.fundsAtRisk();
        wVisibleEnforcement = w.visibleEnforcement();
        wInertia = w.inertia();
    }

    /** The current value of a live parameter, as it would be written in a scenario file. */
    public JsonNode get(String path) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (path) {
            case "federal.priorities" -> f.textNode(priorities.name());
            case "ice.detainerRate" -> f.numberNode(detainerRate);
            case "ice.officers" -> f.numberNode(officers);
            case "ice.pickupsPerOfficerPerDay" -> f.numberNode(pickupsPerOfficerPerDay);
            case "ice.notifyPickupProbability" -> f.numberNode(notifyPickupProbability);
            case "ice.detentionBeds" -> f.numberNode(detentionBeds);
            case "ice.proceedingsMeanDays" -> f.numberNode(proceedingsMeanDays);
            case "ice.atLargeStayDays" -> f.numberNode(atLargeStayDays);
            case "ice.borderStayDays" -> f.numberNode(borderStayDays);
            case "ice.atLargeResponse" -> f.numberNode(atLargeResponse);
            case "grantConditions.active" -> f.booleanNode(grantConditionsActive);
            case "grantConditions.withholdShare" -> f.numberNode(withholdShare);
            case "litigation.dojSuitsPerYear" -> f.numberNode(dojSuitsPerYear);
            case "courts.injunctionScope" -> f.textNode(universalInjunctions ? "UNIVERSAL" : "PARTIES_ONLY");
            case "courts.leanWeight" -> f.numberNode(leanWeight);
            case "adaptation.baseline" -> f.numberNode(adaptationBaseline);
            case "adaptation.weights.partisanLean" -> f.numberNode(wPartisanLean);
            case "adaptation.weights.foreignBornInteraction" -> f.numberNode(wForeignBornInteraction);
            case "adaptation.weights.peersState" -> f.numberNode(wPeersState);
            case "adaptation.weights.peersNational" -> f.numberNode(wPeersNational);
            case "adaptation.weights.liability" -> f.numberNode(wLiability);
            case "adaptation.weights.fundsAtRisk" -> f.numberNode(wFundsAtRisk);
            case "adaptation.weights.visibleEnforcement" -> f.numberNode(wVisibleEnforcement);
            case "adaptation.weights.inertia" -> f.numberNode(wInertia);
            default -> throw new IllegalArgumentException("not a live parameter: " + path);
        };
    }

    /** Sets a live parameter; the value has been checked against the schema by the caller. */
    void set(String path, JsonNode v) {
        switch (path) {
            case "federal.priorities" -> priorities = Priorities.valueOf(v.asText());
            case "ice.detainerRate" -> detainerRate = v.asDouble();
            case "ice.officers" -> officers = v.asInt();
            case "ice.pickupsPerOfficerPerDay" -> pickupsPerOfficerPerDay = v.asDouble();
            case "ice.notifyPickupProbability" -> notifyPickupProbability = v.asDouble();
            case "ice.detentionBeds" -> detentionBeds = v.asInt();
            case "ice.proceedingsMeanDays" -> proceedingsMeanDays = v.asDouble();
            case "ice.atLargeStayDays" -> atLargeStayDays = v.asDouble();
            case "ice.borderStayDays" -> borderStayDays = v.asDouble();
            case "ice.atLargeResponse" -> atLargeResponse = v.asDouble();
            case "grantConditions.active" -> grantConditionsActive = v.asBoolean();
            case "grantConditions.withholdShare" -> withholdShare = v.asDouble();
            case "litigation.dojSuitsPerYear" -> dojSuitsPerYear = v.asDouble();
            case "courts.injunctionScope" -> universalInjunctions = v.asText().equals("UNIVERSAL");
            case "courts.leanWeight" -> leanWeight = v.asDouble();
            case "adaptation.baseline" -> adaptationBaseline = v.asDouble();
            case "adaptation.weights.partisanLean" -> wPartisanLean = v.asDouble();
            case "adaptation.weights.foreignBornInteraction" -> wForeignBornInteraction = v.asDouble();
            case "adaptation.weights.peersState" -> wPeersState = v.asDouble();
            case "adaptation.weights.peersNational" -> wPeersNational = v.asDouble();
            case "adaptation.weights.liability" -> wLiability = v.asDouble();
            case "adaptation.weights.fundsAtRisk" -> wFundsAtRisk = v.asDouble();
            case "adaptation.weights.visibleEnforcement" -> wVisibleEnforcement = v.asDouble();
            case "adaptation.weights.inertia" -> wInertia = v.asDouble();
            default -> throw new IllegalArgumentException("not a live parameter: " + path);
        }
    }

    public Priorities priorities() {
        return priorities;
    }

    public boolean universalInjunctions() {
        return universalInjunctions;
    }

    public double leanWeight() {
        return leanWeight;
    }

    public boolean grantConditionsActive() {
        return grantConditionsActive;
    }

    public double withholdShare() {
        return withholdShare;
    }

    public double dojSuitsPerYear() {
        return dojSuitsPerYear;
    }
}
