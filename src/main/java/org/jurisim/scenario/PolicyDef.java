package org.jurisim.scenario;

import org.jurisim.rules.CompiledRule;

/** A named cooperation rule set: what the jail does with each detainer, and what it shares with ICE. */
public record PolicyDef(String name, String description, CompiledRule detainer, CompiledRule shareReleaseDates,
                        CompiledRule iceJailAccess) {
}
