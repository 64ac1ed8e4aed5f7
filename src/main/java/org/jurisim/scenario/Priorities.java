package org.jurisim.scenario;

/** Federal enforcement priorities: which removable people ICE asks jails to hold. */
public enum Priorities {
    ALL_REMOVABLE,
    SERIOUS_CRIMES_ONLY,
    NATIONAL_SECURITY_ONLY
}
