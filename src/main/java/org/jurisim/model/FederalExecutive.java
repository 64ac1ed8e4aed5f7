package org.jurisim.model;

import org.jurisim.rules.Severity;
import org.jurisim.scenario.Priorities;
import org.jurisim.scenario.Settings;

/**
 * The federal executive: enforcement priorities, national ICE capacity (officers, beds) and the speed of
 * detained proceedings. Changed by dated events; field offices get their share of capacity.
 */
public final class FederalExecutive implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final Settings.Federal settings;
    private Priorities priorities;
    private int officers;
    private int beds;
    private double proceedingsMeanDays;

    FederalExecutive(Settings.Federal settings, Settings.Ice ice) {
        this.settings = settings;
        this.priorities = settings.priorities();
        this.officers = ice.officers();
        this.beds = ice.detentionBeds();
        this.proceedingsMeanDays = ice.proceedingsMeanDays();
    }

    /** Whether a match with this charge and history is within the priorities in force. */
    public boolean isPriority(Severity severity, boolean priorRemoval) {
        return severity.compareTo(settings.thresholds().get(priorities)) >= 0
                || (priorRemoval && settings.priorRemovalAlwaysPriority());
    }

    public Priorities getPriorities() {
        return priorities;
    }

    void setPriorities(Priorities p) {
        priorities = p;
    }

    public int getOfficers() {
        return officers;
    }

    void setOfficers(int n) {
        officers = n;
    }

    public int getBeds() {
        return beds;
    }

    void setBeds(int n) {
        beds = n;
    }

    public double proceedingsMeanDays() {
        return proceedingsMeanDays;
    }

    void setProceedingsMeanDays(double d) {
        proceedingsMeanDays = d;
    }
}
