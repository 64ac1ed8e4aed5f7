package org.jurisim.model;

import org.jurisim.rules.CompiledRule;
import org.jurisim.rules.Decision;
import org.jurisim.rules.RuleInputs;
import org.jurisim.rules.Severity;
import org.jurisim.scenario.PolicyDef;

/**
 * A policy's three rules with a decision table: a rule that reads only {@code detainer.*} inputs is a
 * pure function of the detainer's 32 possible profiles (4 severities x warrant x prior removal x
 * conviction), so it is evaluated once per profile and then looked up. Rules that read anything else
 * (the jurisdiction, the state law, the date) are evaluated every time. Results are identical either way.
 */
final class PolicyRules implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    static final int PROFILES = 32;
    private static final byte UNKNOWN = -1;

    private final PolicyDef policy;
    private final boolean detainerPure;
    private final boolean sharePure;
    private final boolean accessPure;
    private final byte[] detainerTable = new byte[PROFILES];
    private final byte[] shareTable = new byte[PROFILES];
    private final byte[] accessTable = new byte[PROFILES];

    PolicyRules(PolicyDef policy) {
        this.policy = policy;
        this.detainerPure = pure(policy.detainer());
        this.sharePure = pure(policy.shareReleaseDates());
        this.accessPure = pure(policy.iceJailAccess());
        java.util.Arrays.fill(detainerTable, UNKNOWN);
        java.util.Arrays.fill(shareTable, UNKNOWN);
        java.util.Arrays.fill(accessTable, UNKNOWN);
    }

    private static boolean pure(CompiledRule r) {
        return r.isConstant() || r.referencedVariables().stream().allMatch(v -> v.startsWith("detainer."));
    }

    PolicyDef policy() {
        return policy;
    }

    /** True when none of the rules needs the jurisdiction's inputs. */
    boolean needsJurisdictionInputs() {
        return !(detainerPure && sharePure && accessPure);
    }

    static int profile(Severity s, boolean warrant, boolean prior, boolean convicted) {
        return (s.ordinal() << 3) | (warrant ? 4 : 0) | (prior ? 2 : 0) | (convicted ? 1 : 0);
    }

    Decision decide(int profile, RuleInputs in) {
        if (!detainerPure) {
            return policy.detainer().decide(in);
        }
        byte b = detainerTable[profile];
        if (b == UNKNOWN) {
            b = (byte) policy.detainer().decide(in).ordinal();
            detainerTable[profile] = b;
        }
        return DECISIONS[b];
    }

    boolean shareReleaseDates(int profile, RuleInputs in) {
        return test(policy.shareReleaseDates(), sharePure, shareTable, profile, in);
    }

    boolean iceJailAccess(int profile, RuleInputs in) {
        return test(policy.iceJailAccess(), accessPure, accessTable, profile, in);
    }

    private static boolean test(CompiledRule r, boolean pure, byte[] table, int profile, RuleInputs in) {
        if (!pure) {
            return r.test(in);
        }
        byte b = table[profile];
        if (b == UNKNOWN) {
            b = (byte) (r.test(in) ? 1 : 0);
            table[profile] = b;
        }
        return b == 1;
    }

    private static final Decision[] DECISIONS = Decision.values();
}
