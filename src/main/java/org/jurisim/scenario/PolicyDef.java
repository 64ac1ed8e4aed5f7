package org.jurisim.scenario;

import org.jurisim.rules.CompiledRule;

/**
 * A named cooperation rule set: what the jail does with each detainer, and what it shares with ICE.
 * {@code cooperation} (0..1) orders policies for state-law caps and mandates, grant conditions and adaptation.
 */
public record PolicyDef(String name, String description, double cooperation, CompiledRule detainer,
                        CompiledRule shareReleaseDates, CompiledRule iceJailAccess) {
}
