package org.jurisim.model;

import java.util.List;
import org.jurisim.model.courts.Party;
import org.jurisim.rules.Decision;
import org.jurisim.rules.RuleInputs;
import org.jurisim.rules.Severity;
import org.jurisim.scenario.CaseType;
import org.jurisim.scenario.JurisdictionSpec;
import org.jurisim.scenario.Settings;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * A local jurisdiction (county, city or city-county) that runs a jail. Each day: bookings arrive,
 * fingerprints reach DHS, ICE issues detainers for matches within its priorities, and the policy in
 * force decides each one (HONOR, NOTIFY, DECLINE). Its own policy is its choice (adaptation, events);
 * the policy in force may differ where a 287(g) agreement, a state law or a court ruling overrides it.
 */
public final class Jurisdiction implements Steppable {

    private static final long serialVersionUID = 1L;

    private final int index;
    private final JurisdictionSpec spec;
    /** Its "Name, ST" key (asked for often: the courts name parties by it). */
    private final String key;
    private final FieldOffice office;
    private final Party party;
    private final int stateIndex;
    private final double matchesPerDay;
    private final double expNegMatches;
    private final boolean runsJail;
    /** The fixed terms of its adaptation pressure ({@link Adaptation#leanTerm}, {@link Adaptation#interactionTerm}). */
    final double adaptationLean;
    final double adaptationInteraction;
    private double immigrants;
    /** Residents it governs alone: its population less that of the cities of the scenario inside it. */
    private long residents;
    /** Cities of the scenario inside this county, whose arrests its jail books (null when none). */
    private Jurisdiction[] cities;
    /**
     * Where cities sit inside: expected matched bookings per day by arresting agency (index 0 the county's own
     * deputies, then each city in {@link #cities}), with e^-λ for the Poisson draws, and the day's counts.
     */
    private double[] groupMatches;
    private double[] groupExpNeg;
    private int[] groupCount;
    /** For a city inside a county: the county whose jail books its arrests. */
    private Jurisdiction jail;
    int ownPolicyIndex;
    private String ownPolicyName;
    int effectivePolicyIndex;
    /** The policy in force on the first simulated day (after that day's events), -1 before it is settled. */
    int firstDayPolicyIndex = -1;
    boolean agreement287g;
    private final boolean pinned;
    /**
     * Whether its own policy is held (set through {@link JuriSimModel#adoptPolicy(String, String, Boolean)} or a
     * {@code setPolicy} event with {@code hold: true}): the policy adaptation leaves it alone and a {@code setPolicy}
     * event without {@code hold} skips it. The policy in force may still differ where the law forces it (287(g), a
     * preemption ruling, a state law): see {@link #policyInForceSource()}.
     */
    private boolean held;
    /** Why the policy in force is what it is (set whenever it is settled). */
    PolicySource policyInForceSource = PolicySource.OWN;
    double trust;
    double liabilityExposure;
    /** Whether a binding ruling has settled the liability question here (new suits are rarer). */
    boolean liabilitySettled;
    /**
     * What is left of the clock to this jail's next liability suit: an exponential time with mean 1, run down by
     * the hazard of each hold without a judicial warrant; the suit comes at the hold that exhausts it (drawn
     * afresh at the next such hold; negative until then).
     */
    private double suitClock = -1;
    double fundsAtRisk;
    double fundsWithheldBalance;
    boolean losingFunds;
    /** At-large arrests in the jurisdiction over about the last 30 days (exponentially weighted). */
    double visibleEnforcement;
    int atLargeToday;
    /**
     * Removable people released without transfer to ICE after an arrest here, still in the community: some
     * are booked again (a new detainer decision), some are sought at large, some leave (ODD 7.5).
     */
    double releasedStock;
    /** ICE's view of this jail: detainers issued and declined, each weighted by exp(-age / ice.refusalMemoryDays). */
    private double seenIssued;
    private double seenDeclined;
    /** The daily passes whose fading {@link #seenIssued} and {@link #seenDeclined} have had ({@link #fade}). */
    private int fadedThrough;
    /** Its own Poisson set-up, for a jail whose matched bookings have a large mean (null otherwise). */
    private Draws.Stream largeMeans;
    private long issuedTotal;
    private long honoredTotal;
    private long notifiedTotal;
    private long declinedTotal;
    private long atLargeTotal;

    Jurisdiction(int index, JurisdictionSpec spec, FieldOffice office, String policyName, int policyIndex, Settings.Ice ice,
                 double initialTrust, int stateIndex) {
        this.stateIndex = stateIndex;
        this.index = index;
        this.spec = spec;
        this.key = spec.key();
        this.office = office;
        this.party = Party.of(this);
        this.matchesPerDay = matchesPerDay(spec, ice);
        this.expNegMatches = Math.exp(-matchesPerDay);
        this.runsJail = !spec.insideCounty();
        this.adaptationLean = Adaptation.leanTerm(spec);
        this.adaptationInteraction = Adaptation.interactionTerm(spec);
        this.residents = spec.population();
        this.immigrants = spec.population() * spec.foreignBornShare();
        this.ownPolicyIndex = policyIndex;
        this.effectivePolicyIndex = policyIndex;
        this.ownPolicyName = policyName;
        this.agreement287g = spec.agreement287g();
        this.pinned = spec.pinned();
        this.trust = initialTrust;
    }

    /**
     * Places the cities of the scenario inside this county: their police's arrests are booked into this
     * jail (in proportion to their population), and this county governs only the residents outside them.
     */
    void attachCities(List<Jurisdiction> inside) {
        long inCities = 0;
        for (Jurisdiction c : inside) {
            inCities += c.spec.population();
        }
        cities = inside.toArray(new Jurisdiction[0]);
        // Poisson thinning: the jail's matches split by arresting agency in proportion to the people each polices
        double denominator = Math.max(inCities, spec.population());
        groupMatches = new double[cities.length + 1];
        groupExpNeg = new double[cities.length + 1];
        groupCount = new int[cities.length + 1];
        groupMatches[0] = matchesPerDay * Math.max(0, spec.population() - inCities) / denominator;
        for (int i = 0; i < cities.length; i++) {
            groupMatches[i + 1] = matchesPerDay * cities[i].spec.population() / denominator;
            cities[i].jail = this;
        }
        for (int g = 0; g < groupMatches.length; g++) {
            groupExpNeg[g] = Math.exp(-groupMatches[g]);
        }
        residents = Math.max(0, spec.population() - inCities);
        immigrants = residents * spec.foreignBornShare();
    }

    /** Expected jail bookings per day (none for a city whose arrests are booked into its county's jail). */
    public static double bookingsPerDay(JurisdictionSpec spec) {
        return spec.insideCounty() ? 0 : spec.population() * spec.bookingsPerCapitaPerYear() / 365.25;
    }

    /** Expected fingerprint matches to removable noncitizens per day. */
    public static double matchesPerDay(JurisdictionSpec spec, Settings.Ice ice) {
        return bookingsPerDay(spec) * Math.min(1.0, ice.removableMatchRate() * spec.foreignBornShare());
    }

    @Override
    public void step(SimState state) {
        JuriSimModel m = (JuriSimModel) state;
        Draws draws = m.draws();
        // Poisson thinning: matched and unmatched bookings are independent Poisson counts; the unmatched
        // ones matter only in the national total, drawn once a day (Governance)
        int ownRebooked = releasedStock > 0 ? tendStock(m, draws) : -1;
        int matches;
        if (cities == null) {
            matches = runsJail ? drawMatches(draws, matchesPerDay, expNegMatches)
                    + (ownRebooked >= 0 ? ownRebooked : rebooked(m, draws, this)) : 0;
        } else {
            // one count per arresting agency (the county's deputies, each city's police): their sum is the jail's
            matches = 0;
            for (int g = 0; g < groupCount.length; g++) {
                int again = g > 0 ? rebooked(m, draws, cities[g - 1]) : (ownRebooked >= 0 ? ownRebooked : rebooked(m, draws, this));
                groupCount[g] = drawMatches(draws, groupMatches[g], groupExpNeg[g]) + again;
                matches += groupCount[g];
            }
        }
        booked(m, matches);
    }

    /**
     * Today's {@code matches} matched bookings (re-bookings included) in this jail, after ICE's memory of its refusals
     * has faded through today: each is checked against ICE's priorities, may bring a detainer, and the policy in
     * force decides it.
     */
    void booked(JuriSimModel m, int matches) {
        DailyLedger ledger = m.ledger();
        ledger.bookings += matches;
        fade(m);
        if (matches == 0) {
            return;
        }
        ledger.matches += matches;
        Draws draws = m.draws();
        Parameters params = m.parameters();
        FederalExecutive fed = m.federal();
        Settings.Bookings b = m.scenario().bookings();
        int policyIndex = effectivePolicyIndex;
        PolicyRules rules = m.policyRules(policyIndex);
        RuleInputs in = m.ruleInputs();
        if (rules.needsJurisdictionInputs()) {
            m.fillInputs(in, this);
        }
        Settings.Ice ice = m.scenario().ice();
        // ICE issues fewer detainers where the jail has been refusing them (it sees who is not handed over)
        double issueBase = params.detainerRate * (agreement287g ? m.scenario().federal().agreementIssueMultiplier() : 1.0)
                * (1.0 - ice.refusalResponse() * refusalSeen());
        double accessMultiplier = m.scenario().ice().jailAccessIssueMultiplier();
        boolean suits = m.scenario().mechanisms().courts() && m.scenario().litigation().liabilitySuitRate() > 0;
        int group = 0;
        int left = cities == null ? matches : groupCount[0];
        for (int k = 0; k < matches; k++) {
            // who made the arrest: the county's deputies, then each city's police, as counted above
            Jurisdiction arrester = this;
            if (cities != null) {
                while (left == 0) {
                    left = groupCount[++group];
                }
                arrester = group == 0 ? this : cities[group - 1];
            }
            left--;
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
            seenIssued++;
            if (arrester != this) {
                arrester.issuedTotal++;
            }
            Decision d = rules.decide(profile, in);
            switch (d) {
                case HONOR -> {
                    ledger.honored++;
                    ledger.honoredByPolicy[policyIndex]++;
                    honoredTotal++;
                    if (arrester != this) {
                        arrester.honoredTotal++;
                    }
                    office.hold(arrester, m.stepDay() + m.scenario().ice().holdDays());
                    if (suits && !warrant && suitDue(m, draws)) {
                        m.courts().file(m.courtWorld(), CaseType.DETAINER_LIABILITY, Party.INDIVIDUAL, party);
                    }
                }
                case NOTIFY -> {
                    ledger.notified++;
                    notifiedTotal++;
                    if (arrester != this) {
                        arrester.notifiedTotal++;
                    }
                    office.notifyRelease(arrester);
                }
                case DECLINE -> {
                    ledger.declined++;
                    declinedTotal++;
                    seenDeclined++;
                    if (arrester != this) {
                        arrester.declinedTotal++;
                    }
                    if (rules.shareReleaseDates(profile, in) || (arrester != this && arrester.tellsIce(m, profile, in, this))) {
                        ledger.declinedRecorded++;
                        office.notifyRelease(arrester);
                    } else {
                        // ICE learns of some of these anyway: one binomial draw for the day's ({@link #learnDeclines})
                        ledger.declinedUntold++;
                        office.released(arrester);
                    }
                }
                default -> throw new IllegalStateException(String.valueOf(d));
            }
        }
    }

    /**
     * Today's matched bookings with this mean: a large jail keeps its own set-up of the method for large means
     * ({@link Draws#stream()}; the same counts from the same draws).
     */
    private int drawMatches(Draws draws, double mean, double expNegMean) {
        if (mean < Draws.SMALL_MEAN) {
            return draws.poisson(mean, expNegMean);
        }
        if (largeMeans == null) {
            largeMeans = draws.stream();
        }
        return largeMeans.poisson(mean, expNegMean);
    }

    /**
     * The released people of this jurisdiction: a share leaves the pool each day; ICE seeks some at large (its
     * field office serves the requests as officers and beds allow, after the day's releases). Returns the
     * re-bookings from this pool into this jurisdiction's own jail, when drawn here with the seeks (-1 when they
     * are drawn on their own, {@link #rebooked}).
     */
    private int tendStock(JuriSimModel m, Draws draws) {
        releasedStock *= m.stockKeep();
        // no one can be sought from a pool below one person (the count is capped at its whole part): no draw
        if (releasedStock < 1) {
            // nor re-booked: until someone joins it, the pool only shrinks ({@link DailyOrder})
            m.poolBelowOne(this);
            return -1;
        }
        if (!m.scenario().mechanisms().atLargeOperations() || m.parameters().atLargeResponse <= 0) {
            return -1;
        }
        double seekRate = m.atLargeStockPerDay();
        int whole = (int) releasedStock;
        if (cities == null && !runsJail) {
            // re-booked in another jurisdiction's jail, drawn there
            int seek = Math.min(whole, draws.poisson(releasedStock * seekRate));
            if (seek > 0) {
                office.seek(this, seek);
            }
            return -1;
        }
        // the pool's seeks and re-bookings here are independent Poisson counts: drawn as one Poisson count of
        // their sum, each of which is a seek with the chance seekRate / (seekRate + rebookRate) (Poisson splitting)
        double rebookRate = m.rebookingPerDay();
        int both = draws.poisson(releasedStock * (seekRate + rebookRate));
        int sought = 0;
        if (both > 0) {
            double seekShare = seekRate / (seekRate + rebookRate);
            for (int k = 0; k < both; k++) {
                sought += m.random.nextBoolean(seekShare) ? 1 : 0;
            }
        }
        int seek = Math.min(whole, sought);
        if (seek > 0) {
            office.seek(this, seek);
        }
        int r = Math.min(whole, both - sought);
        releasedStock -= r;
        m.ledger().rebookings += r;
        return r;
    }

    /** Re-bookings today of people the arresting jurisdiction {@code a} released earlier: they leave its pool. */
    private static int rebooked(JuriSimModel m, Draws draws, Jurisdiction a) {
        if (a.releasedStock < 1) {
            return 0;
        }
        int r = Math.min((int) a.releasedStock, draws.poisson(a.releasedStock * m.rebookingPerDay()));
        a.releasedStock -= r;
        m.ledger().rebookings += r;
        return r;
    }

    /** Removable people released without transfer after an arrest here, still in the community. */
    public double getReleasedStock() {
        return releasedStock;
    }

    /**
     * ICE's memory of this jail's detainers fades by ice.refusalMemoryDays' daily factor, once for each day's pass
     * (today's included) it has not yet had: the same products, in the same order, as a fading every day.
     */
    private void fade(JuriSimModel m) {
        int passes = m.jurisdictionPasses();
        if (seenIssued > 0) {
            double keep = m.refusalMemoryDecay();
            for (; fadedThrough < passes && seenIssued > 0; fadedThrough++) {
                seenIssued *= keep;
                seenDeclined *= keep;
            }
        }
        fadedThrough = passes;
    }

    /**
     * Its mean of matched bookings a day where {@link DailyOrder} may draw them for it: no city of the scenario inside
     * it and a mean below {@link Draws#SMALL_MEAN} (0 for a city whose arrests its county's jail books); NaN otherwise.
     * Only while its released pool is below one person ({@link #joinReleased}, {@link #shrinkPool}).
     */
    double plainMatchesPerDay() {
        if (cities != null) {
            return Double.NaN;
        }
        if (!runsJail) {
            return 0;
        }
        return matchesPerDay < Draws.SMALL_MEAN ? matchesPerDay : Double.NaN;
    }

    /**
     * The day's shrinking of a released pool below one person, all that {@link #step} does with it (no one can be
     * drawn from it).
     */
    void shrinkPool(JuriSimModel m) {
        if (releasedStock > 0) {
            releasedStock *= m.stockKeep();
        }
    }

    /** Someone released without transfer after an arrest here joins its released pool. */
    void joinReleased(JuriSimModel m) {
        releasedStock++;
        m.fullStep(this);
    }

    /** The share of its recent detainers this jail declined, as ICE sees it (0 before any detainer). */
    public double refusalSeen() {
        return seenIssued > 0 ? seenDeclined / seenIssued : 0.0;
    }

    /**
     * Whether this city's police tell ICE of someone they arrested whom the county jail will release without
     * notice: the city's own policy on sharing release dates, read for this detainer. {@code in} holds the
     * jail's inputs and is left so.
     */
    private boolean tellsIce(JuriSimModel m, int profile, RuleInputs in, Jurisdiction county) {
        PolicyRules own = m.policyRules(effectivePolicyIndex);
        if (!own.needsJurisdictionInputs()) {
            return own.shareReleaseDates(profile, in);
        }
        m.fillInputs(in, this);
        boolean tells = own.shareReleaseDates(profile, in);
        m.fillInputs(in, county);
        return tells;
    }

    void recordAtLargeArrest() {
        atLargeToday++;
        atLargeTotal++;
    }

    void setOwnPolicy(JuriSimModel m, int idx, String name) {
        ownPolicyIndex = idx;
        ownPolicyName = name;
        m.jurisdictionChanged(this);
    }

    void setHeld(boolean h) {
        held = h;
    }

    void setAgreement287g(JuriSimModel m, boolean a) {
        if (a != agreement287g) {
            m.tallies().agreement(a);
        }
        agreement287g = a;
        m.jurisdictionChanged(this);
    }

    // ------------------------------------------------------------------ read-only view (inspectors, outputs)

    public int getIndex() {
        return index;
    }

    public JurisdictionSpec spec() {
        return spec;
    }

    /** Index of the state (reference order), for the daily loops. */
    int stateIndex() {
        return stateIndex;
    }

    public Party party() {
        return party;
    }

    public String getName() {
        return spec.name();
    }

    public String getState() {
        return spec.state();
    }

    public String getKey() {
        return key;
    }

    public long getPopulation() {
        return spec.population();
    }

    /** Foreign-born residents it governs alone (outside the cities of the scenario inside it). */
    public double immigrants() {
        return immigrants;
    }

    /** Residents it governs alone: the population less that of the cities of the scenario inside it. */
    public long getResidents() {
        return residents;
    }

    /** For a city inside a county: the county whose jail books its arrests (null otherwise). */
    public Jurisdiction jail() {
        return jail;
    }

    /** Whether it runs a jail (every kind but a city inside a county of the scenario). */
    public boolean runsJail() {
        return runsJail;
    }

    /** The jurisdiction's own policy (its choice). */
    public String getPolicy() {
        return ownPolicyName;
    }

    public int ownPolicyIndex() {
        return ownPolicyIndex;
    }

    /** Index of the policy in force (287(g), state law and court rulings applied). */
    public int effectivePolicyIndex() {
        return effectivePolicyIndex;
    }

    /**
     * Index of the policy in force on the first simulated day (the scenario's starting policies with 287(g),
     * state law and the first day's events applied): what the run started from. Before the first day is
     * settled, the policy in force now.
     */
    public int startPolicyIndex() {
        return firstDayPolicyIndex < 0 ? effectivePolicyIndex : firstDayPolicyIndex;
    }

    public boolean isAgreement287g() {
        return agreement287g;
    }

    public boolean isPinned() {
        return pinned;
    }

    /** Whether its own policy is held against the policy adaptation (and against {@code setPolicy} events without {@code hold}). */
    public boolean isHeld() {
        return held;
    }

    /** What decided the policy in force as of the last settling: its own policy, or the law that overrides it. */
    public PolicySource policyInForceSource() {
        return policyInForceSource;
    }

    public double getTrust() {
        return trust;
    }

    /**
     * Whether a hold without a judicial warrant here brings a liability suit. Each such hold brings one with the
     * chance litigation.liabilitySuitRate (times litigation.liabilitySettledMultiplier once a binding ruling
     * settled the question), independently: drawn as an exponential clock run down by each hold's hazard
     * -ln(1 - chance), which gives every hold that same chance (the clock is memoryless) with one draw per suit
     * instead of one per hold.
     */
    boolean suitDue(JuriSimModel m, Draws draws) {
        if (suitClock < 0) {
            suitClock = draws.exponential();
        }
        suitClock -= m.liabilitySuitHazard(liabilitySettled);
        if (suitClock > 0) {
            return false;
        }
        suitClock = -1;
        return true;
    }

    /**
     * Declines of the day that no one told ICE of, which it records as declines all the same with the chance
     * ice.declineRecordedShare each: their sum drawn once a day, after all jurisdictions (a binomial count, the
     * same distribution as a draw per decline).
     */
    static void learnDeclines(JuriSimModel m) {
        DailyLedger ledger = m.ledger();
        if (ledger.declinedUntold > 0) {
            ledger.declinedRecorded += m.draws().binomial((int) ledger.declinedUntold, m.scenario().ice().declineRecordedShare());
            ledger.declinedUntold = 0;
        }
    }

    public double getLiabilityExposure() {
        return liabilityExposure;
    }

    /** Federal justice grants received per year, US$. */
    public double getAnnualGrants() {
        return residents * spec.grantsPerCapitaPerYear();
    }

    /** Grants that would be withheld this year if the jurisdiction did not cooperate, US$/year. */
    public double getFundsAtRisk() {
        return fundsAtRisk;
    }

    /** Grants withheld so far and not yet restored, US$. */
    public double getFundsWithheld() {
        return fundsWithheldBalance;
    }

    public boolean isLosingFunds() {
        return losingFunds;
    }

    public double getVisibleEnforcement() {
        return visibleEnforcement;
    }

    public long getAtLargeArrests() {
        return atLargeTotal;
    }

    public FieldOffice fieldOffice() {
        return office;
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

    /** Name of the policy in force. */
    public String policyInForce(JuriSimModel m) {
        return m.policyNames().get(effectivePolicyIndex);
    }

    @Override
    public String toString() {
        return spec.key();
    }
}
