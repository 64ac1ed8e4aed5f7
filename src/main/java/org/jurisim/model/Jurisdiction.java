package org.jurisim.model;

import org.jurisim.rules.Decision;
import org.jurisim.rules.RuleInputs;
import org.jurisim.rules.Severity;
import org.jurisim.scenario.JurisdictionSpec;
import org.jurisim.scenario.PolicyDef;
import org.jurisim.scenario.Settings;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * A local jurisdiction (county, city or city-county) that runs a jail. Each day: bookings arrive,
 * fingerprints reach DHS, ICE issues detainers for matches within its priorities, and the
 * jurisdiction's cooperation rule decides each one (HONOR, NOTIFY, DECLINE).
 */
public final class Jurisdiction implements Steppable {

    private static final long serialVersionUID = 1L;

    private final int index;
    private final JurisdictionSpec spec;
    private final FieldOffice office;
    private final double matchesPerDay;
    private final double unmatchedPerDay;
    private int ownPolicyIndex;
    private String ownPolicyName;
    private boolean agreement287g;
    private boolean pinned;
    private double trust;
    private double liabilityExposure;
    private long issuedTotal;
    private long honoredTotal;
    private long notifiedTotal;
    private long declinedTotal;

    Jurisdiction(int index, JurisdictionSpec spec, FieldOffice office, PolicyDef policy, int policyIndex, Settings.Ice ice,
                 double initialTrust) {
        this.index = index;
        this.spec = spec;
        this.office = office;
        double bookingsPerDay = spec.population() * spec.bookingsPerCapitaPerYear() / 365.25;
        double matchProbability = Math.min(1.0, ice.removableMatchRate() * spec.foreignBornShare());
        this.matchesPerDay = bookingsPerDay * matchProbability;
        this.unmatchedPerDay = bookingsPerDay * (1 - matchProbability);
        this.ownPolicyIndex = policyIndex;
        this.ownPolicyName = policy.name();
        this.agreement287g = spec.agreement287g();
        this.pinned = spec.pinned();
        this.trust = initialTrust;
    }

    @Override
    public void step(SimState state) {
        JuriSimModel m = (JuriSimModel) state;
        DailyLedger ledger = m.ledger();
        Draws draws = m.draws();
        // Poisson thinning: matched and unmatched bookings are independent Poisson counts
        int matches = draws.poisson(matchesPerDay);
        int others = draws.poisson(unmatchedPerDay);
        ledger.bookings += matches + others;
        if (matches == 0) {
            return;
        }
        ledger.matches += matches;
        FederalExecutive fed = m.federal();
        Settings.Bookings b = m.scenario().bookings();
        int policyIndex = effectivePolicyIndex(m);
        PolicyRules rules = m.policyRules(policyIndex);
        RuleInputs in = m.ruleInputs();
        if (rules.needsJurisdictionInputs()) {
            m.fillInputs(in, this);
        }
        double issueBase = m.scenario().ice().detainerRate() * (agreement287g ? m.scenario().federal().agreementIssueMultiplier() : 1.0);
        double accessMultiplier = m.scenario().ice().jailAccessIssueMultiplier();
        for (int k = 0; k < matches; k++) {
            Severity sev = draws.severity(b);
            boolean prior = m.random.nextBoolean(b.priorRemovalShare());
            boolean warrant = m.random.nextBoolean(b.judicialWarrantShare());
            boolean convicted = m.random.nextBoolean(b.convictedShare());
            if (!fed.isPriority(sev, prior)) {
                continue;
            }
            in.setSeverity(sev).setPriorRemoval(prior).setJudicialWarrant(warrant).setConvicted(convicted);
            int profile = PolicyRules.profile(sev, warrant, prior, convicted);
            double p = issueBase;
            if (rules.iceJailAccess(profile, in)) {
                p *= accessMultiplier;
            }
            if (!m.random.nextBoolean(Math.min(1.0, p))) {
                continue;
            }
            ledger.issued++;
            ledger.issuedByPolicy[policyIndex]++;
            issuedTotal++;
            Decision d = rules.decide(profile, in);
            switch (d) {
                case HONOR -> {
                    ledger.honored++;
                    ledger.honoredByPolicy[policyIndex]++;
                    honoredTotal++;
                    office.hold(this, m.day() + m.scenario().ice().holdDays());
                }
                case NOTIFY -> {
                    ledger.notified++;
                    notifiedTotal++;
                    office.notifyRelease(this);
                }
                case DECLINE -> {
                    ledger.declined++;
                    declinedTotal++;
                    if (rules.shareReleaseDates(profile, in)) {
                        office.notifyRelease(this);
                    } else {
                        ledger.released++;
                    }
                }
                default -> throw new IllegalStateException(String.valueOf(d));
            }
        }
    }

    /** The policy in force: the 287(g) policy while an agreement holds, else the jurisdiction's own. */
    PolicyDef effectivePolicy(JuriSimModel m) {
        return m.policyRules(effectivePolicyIndex(m)).policy();
    }

    int effectivePolicyIndex(JuriSimModel m) {
        return agreement287g ? m.agreementPolicyIndex() : ownPolicyIndex;
    }

    void setOwnPolicy(int idx, String name) {
        ownPolicyIndex = idx;
        ownPolicyName = name;
    }

    void setAgreement287g(boolean a) {
        agreement287g = a;
    }

    public int getIndex() {
        return index;
    }

    public JurisdictionSpec spec() {
        return spec;
    }

    public String getName() {
        return spec.name();
    }

    public String getState() {
        return spec.state();
    }

    public String getKey() {
        return spec.key();
    }

    public long getPopulation() {
        return spec.population();
    }

    public String getPolicy() {
        return ownPolicyName;
    }

    public boolean isAgreement287g() {
        return agreement287g;
    }

    public boolean isPinned() {
        return pinned;
    }

    public double getTrust() {
        return trust;
    }

    public double getLiabilityExposure() {
        return liabilityExposure;
    }

    /** Detainers issued to this jurisdiction since the start. */
    public long getDetainersIssued() {
        return issuedTotal;
    }

    public long getDetainersHonored() {
        return honoredTotal;
    }

    public long getDetainersNotified() {
        return notifiedTotal;
    }

    public long getDetainersDeclined() {
        return declinedTotal;
    }

    /** Name of the policy in force (the 287(g) policy while an agreement holds). */
    public String policyInForce(JuriSimModel m) {
        return effectivePolicy(m).name();
    }

    public FieldOffice fieldOffice() {
        return office;
    }

    /** Federal justice grants at stake, US$/year. */
    public double getFundsAtRisk() {
        return spec.population() * spec.grantsPerCapitaPerYear();
    }

    @Override
    public String toString() {
        return spec.key();
    }
}
