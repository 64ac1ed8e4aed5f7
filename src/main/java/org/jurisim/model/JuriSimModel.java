package org.jurisim.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jurisim.metrics.MetricsSink;
import org.jurisim.model.courts.CourtSystem;
import org.jurisim.reference.UsData;
import org.jurisim.reference.FieldOffice;
import org.jurisim.reference.State;
import org.jurisim.reference.UsReference;
import org.jurisim.rules.RuleInputs;
import org.jurisim.scenario.JurisdictionSpec;
import org.jurisim.scenario.LiveParameter;
import org.jurisim.scenario.PolicyDef;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioEvent.StateLaw.Law;
import org.jurisim.scenario.ScenarioSchema;
import sim.engine.Schedule;
import sim.engine.Sequence;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * The JuriSim world as a MASON {@link SimState}: local jurisdictions, ICE field offices, the federal
 * executive, state laws and the federal courts, stepped one simulated day at a time. Knows nothing of
 * any screen; the dashboard wraps it, the command line runs it with {@link #runDays}.
 *
 * <p>Order within a day: (0) dated events and interventions; (1) governance: court rulings, grants,
 * suits, policy reviews, policies in force; (2) every jurisdiction's bookings and detainer decisions;
 * (3) every field office's pick-ups, at-large arrests, detention and removals; (4) community trust;
 * (5) observers.
 */
public class JuriSimModel extends SimState {

    private static final long serialVersionUID = 1L;

    public static final int ORDER_EVENTS = 0;
    public static final int ORDER_GOVERNANCE = 1;
    public static final int ORDER_JURISDICTIONS = 2;
    public static final int ORDER_FIELD_OFFICES = 3;
    public static final int ORDER_COMMUNITY = 4;
    public static final int ORDER_OBSERVERS = 5;

    /** A change to a live parameter made while the model runs, applied at the start of the next day. */
    public record Intervention(long day, LocalDate date, String path, JsonNode oldValue, JsonNode newValue)
            implements java.io.Serializable {
    }

    private record Request(String path, JsonNode value) implements java.io.Serializable {
    }

    private final Scenario scenario;
    private final List<MetricsSink> sinks = new ArrayList<>();
    private final List<String> policyNames;
    private final PolicyDef[] policies;
    private final PolicyRules[] policyRules;
    private final double[] cooperation;
    private final Map<String, Integer> policyIndex = new HashMap<>();
    private final Map<String, Integer> stateIndex = new HashMap<>();
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final List<Intervention> interventions = new ArrayList<>();

    private Parameters parameters;
    private List<Jurisdiction> jurisdictions;
    private Map<String, org.jurisim.model.FieldOffice> offices;
    /** The same offices, in order, for the daily loops. */
    private org.jurisim.model.FieldOffice[] officeArray;
    private Tallies tallies;
    private int agreementPolicy;
    private int preemptedPolicy;
    private int sanctuaryPolicy;
    private int antiSanctuaryPolicy;
    private FederalExecutive federal;
    private StateLaws stateLaws;
    private CourtSystem courts;
    private transient CourtSystem.World courtWorld;
    private EventTimeline timeline;
    private Governance governance;
    private DailyOrder dailyOrder;
    private DailyLedger ledger;
    private Draws draws;
    private transient RuleInputs ruleInputs;
    private MetricsObserver observer;
    private double unmatchedBookingsPerDay;
    private double refusalDecay;
    private double stockKeep;
    private double rebookingPerDay;
    private double atLargeStockPerDay;
    private double suitHazard;
    private double settledSuitHazard;
    private long stepDay;

    public JuriSimModel(Scenario scenario) {
        super(scenario.seed());
        this.scenario = scenario;
        this.policyNames = List.copyOf(scenario.policies().keySet());
        int n = policyNames.size();
        this.policies = new PolicyDef[n];
        this.policyRules = new PolicyRules[n];
        this.cooperation = new double[n];
        for (int i = 0; i < n; i++) {
            policies[i] = scenario.policies().get(policyNames.get(i));
            policyRules[i] = new PolicyRules(policies[i]);
            cooperation[i] = policies[i].cooperation();
            policyIndex.put(policyNames.get(i), i);
        }
        for (State st : UsReference.load().states()) {
            stateIndex.put(st.code(), stateIndex.size());
        }
        agreementPolicy = policyIndex.get(scenario.federal().agreementPolicy());
        preemptedPolicy = policyIndex.get(scenario.courts().preemptedPolicy());
        sanctuaryPolicy = policyIndex.get(scenario.stateLaw().sanctuaryPolicy());
        antiSanctuaryPolicy = policyIndex.get(scenario.stateLaw().antiSanctuaryPolicy());
    }

    /** Adds an observer's sink; call before {@link #start()}. */
    public void addSink(MetricsSink sink) {
        sinks.add(sink);
    }

    @Override
    public void start() {
        super.start();
        draws = new Draws(random);
        ruleInputs = new RuleInputs();
        ledger = new DailyLedger(policies.length);
        parameters = new Parameters(scenario);
        federal = new FederalExecutive(scenario.federal(), parameters);
        stateLaws = new StateLaws(stateIndex);
        scenario.stateLaw().initial().forEach((st, law) -> stateLaws.set(st, Law.valueOf(law.toUpperCase(java.util.Locale.ROOT).replace('-', '_'))));
        courts = new CourtSystem(scenario.courts(), UsReference.load());
        offices = buildOffices();
        officeArray = offices.values().toArray(new org.jurisim.model.FieldOffice[0]);
        for (org.jurisim.model.FieldOffice o : offices.values()) {
            o.configure(parameters.detentionBeds);
            // the first day's occupants: border transfers as many as the border stream holds in steady state
            // (rate x stay), the rest people from jails
            var ice = scenario.ice();
            double borderRate = ice.borderTransfers().perDay(scenario.start()) + ice.otherAdmissionsPerDay();
            o.setOccupancy((int) Math.round(o.getBeds() * ice.initialOccupancy()),
                    (int) Math.round(borderRate * o.getShare() * ice.borderStayDays()));
        }
        jurisdictions = new ArrayList<>(scenario.jurisdictions().size());
        int i = 0;
        for (JurisdictionSpec spec : scenario.jurisdictions()) {
            int p = policyIndex.get(spec.policy());
            jurisdictions.add(new Jurisdiction(i++, spec, offices.get(spec.fieldOffice()), spec.policy(), p, scenario.ice(),
                    scenario.community().initialTrust(), stateIndex.get(spec.state())));
        }
        attachCities();
        tallies = new Tallies(jurisdictions, cooperation, stateIndex.size());
        refusalDecay = StrictMath.exp(-1.0 / scenario.ice().refusalMemoryDays());
        stockKeep = StrictMath.exp(-scenario.ice().stockExitPerYear() / 365.25);
        rebookingPerDay = scenario.bookings().rebookingPerYear() / 365.25;
        atLargeStockPerDay = scenario.ice().atLargeStockPerYear() / 365.25;
        var lit = scenario.litigation();
        suitHazard = hazard(lit.liabilitySuitRate());
        settledSuitHazard = hazard(lit.liabilitySuitRate() * lit.liabilitySettledMultiplier());
        unmatchedBookingsPerDay = 0;
        for (JurisdictionSpec spec : scenario.jurisdictions()) {
            unmatchedBookingsPerDay += Jurisdiction.bookingsPerDay(spec) - Jurisdiction.matchesPerDay(spec, scenario.ice());
        }
        timeline = new EventTimeline(scenario.events(), scenario.stateLaw().bans287g());
        governance = new Governance();
        observer = new MetricsObserver(this, sinks);

        schedule.scheduleRepeating(Schedule.EPOCH, ORDER_EVENTS, new DayStart(), 1.0);
        schedule.scheduleRepeating(Schedule.EPOCH, ORDER_GOVERNANCE, governance, 1.0);
        // a new random order every day (drawn from the run's generator): when ICE's capacity is short, no
        // jurisdiction is served first because of its place in the list
        dailyOrder = new DailyOrder(jurisdictions.toArray(new Jurisdiction[0]));
        schedule.scheduleRepeating(Schedule.EPOCH, ORDER_JURISDICTIONS, dailyOrder, 1.0);
        schedule.scheduleRepeating(Schedule.EPOCH, ORDER_FIELD_OFFICES, new Sequence(officesThenDayEnd()), 1.0);
        schedule.scheduleRepeating(Schedule.EPOCH, ORDER_COMMUNITY, new Community(), 1.0);
        schedule.scheduleRepeating(Schedule.EPOCH, ORDER_OBSERVERS, observer, 1.0);
        observer.begin();
    }

    /** First thing each day: a fresh ledger, then the interventions asked for, then the day's events. */
    private static final class DayStart implements Steppable {
        private static final long serialVersionUID = 1L;

        @Override
        public void step(SimState state) {
            JuriSimModel m = (JuriSimModel) state;
            m.stepDay = m.day();
            m.ledger.reset();
            m.courts.beginDay();
            Request r;
            while ((r = m.requests.poll()) != null) {
                JsonNode old = m.parameters.get(r.path());
                m.applyParameter(r.path(), r.value());
                m.interventions.add(new Intervention(m.day(), m.today(), r.path(), old, r.value()));
            }
            m.timeline.step(state);
        }
    }

    /** After a checkpoint is read back: what is not written into checkpoints is made again. */
    @Override
    public void awakeFromCheckpoint() {
        super.awakeFromCheckpoint();
        ruleInputs = new RuleInputs();
    }

    @Override
    public void finish() {
        super.finish();
        if (observer != null) {
            observer.end();
        }
    }

    /** Share of the released pool still followed after a day, exp(-ice.stockExitPerYear / 365.25). */
    double stockKeep() {
        return stockKeep;
    }

    /** The field offices in order, then the split of their day's ended cases into removals and releases. */
    private Steppable[] officesThenDayEnd() {
        List<Steppable> steps = new ArrayList<>(offices.values());
        steps.add(new org.jurisim.model.FieldOffice.DayEnd());
        return steps.toArray(new Steppable[0]);
    }

    /** The hazard -ln(1 - p) of a chance p (infinite for a certainty): summed over trials, it runs a suit's clock. */
    private static double hazard(double p) {
        return p >= 1 ? Double.POSITIVE_INFINITY : (p <= 0 ? 0.0 : -StrictMath.log1p(-p));
    }

    /**
     * The hazard of a liability suit for one hold without a judicial warrant, -ln(1 - chance): the chance is
     * litigation.liabilitySuitRate, times litigation.liabilitySettledMultiplier once a binding ruling settled the
     * question.
     */
    double liabilitySuitHazard(boolean settled) {
        return settled ? settledSuitHazard : suitHazard;
    }

    /** Daily rate of re-booking of a released person, bookings.rebookingPerYear / 365.25. */
    double rebookingPerDay() {
        return rebookingPerDay;
    }

    /** Daily rate at which ICE seeks a released person at large, ice.atLargeStockPerYear / 365.25. */
    double atLargeStockPerDay() {
        return atLargeStockPerDay;
    }

    /** The jurisdictions' daily passes so far, today's included once it has begun ({@link DailyOrder}). */
    int jurisdictionPasses() {
        return dailyOrder.passes();
    }

    /** The jurisdiction's released pool is below one person ({@link DailyOrder#poolBelowOne}). */
    void poolBelowOne(Jurisdiction j) {
        dailyOrder.poolBelowOne(j.getIndex());
    }

    /** The jurisdiction takes its full daily step from now on ({@link DailyOrder#fullStep}). */
    void fullStep(Jurisdiction j) {
        dailyOrder.fullStep(j.getIndex());
    }

    /** Daily decay of ICE's memory of a jail's refusals, exp(-1 / ice.refusalMemoryDays). */
    double refusalMemoryDecay() {
        return refusalDecay;
    }

    /** Cities inside a county of the scenario: their arrests are booked into that county's jail. */
    private void attachCities() {
        Map<String, Jurisdiction> byFips = new HashMap<>();
        for (Jurisdiction j : jurisdictions) {
            if (j.runsJail() && j.spec().fips() != null) {
                byFips.put(j.spec().fips(), j);
            }
        }
        Map<Jurisdiction, List<Jurisdiction>> inside = new LinkedHashMap<>();
        for (Jurisdiction j : jurisdictions) {
            if (!j.runsJail()) {
                Jurisdiction county = byFips.get(j.spec().county());
                if (county == null) {
                    throw new IllegalStateException(j.getKey() + " sits in county " + j.spec().county() + ", which is not in the scenario");
                }
                inside.computeIfAbsent(county, k -> new ArrayList<>()).add(j);
            }
        }
        inside.forEach(Jurisdiction::attachCities);
    }

    /**
     * Field offices with their share of national capacity: the share of the US population they cover, county
     * by county (the field-office crosswalk of {@link UsData}), whatever map the scenario runs on.
     */
    private Map<String, org.jurisim.model.FieldOffice> buildOffices() {
        UsReference ref = UsReference.load();
        Map<String, Double> covered = new HashMap<>();
        double us = 0;
        for (UsData.County c : UsData.load().counties()) {
            us += c.population();
            covered.merge(c.fieldOffice(), (double) c.population(), Double::sum);
        }
        Map<String, org.jurisim.model.FieldOffice> out = new LinkedHashMap<>();
        for (FieldOffice fo : ref.fieldOffices()) {
            out.put(fo.id(), new org.jurisim.model.FieldOffice(fo.id(), fo.name(), covered.getOrDefault(fo.id(), 0.0) / us));
        }
        return out;
    }

    /** Starts the model, steps it {@code days} simulated days (or until the scenario ends), and finishes it. */
    public void runDays(long days, java.util.function.LongConsumer progress) {
        start();
        long n = Math.min(days, scenario.days());
        for (long d = 0; d < n; d++) {
            if (!schedule.step(this)) {
                break;
            }
            if (progress != null) {
                progress.accept(d + 1);
            }
        }
        finish();
    }

    // ------------------------------------------------------------------ interventions

    /**
     * Asks for a live parameter to change at the start of the next simulated day (safe to call from
     * another thread, e.g. the dashboard's). The change is recorded as an {@link Intervention}.
     *
     * @throws IllegalArgumentException if the path is not a live parameter or the value is not valid for it
     */
    public void intervene(String path, JsonNode value) {
        LiveParameter lp = ScenarioSchema.get().liveParameter(path)
                .orElseThrow(() -> new IllegalArgumentException("not a live parameter: " + path));
        lp.check(value).ifPresent(msg -> {
            throw new IllegalArgumentException(path + ": " + msg);
        });
        requests.add(new Request(path, value.deepCopy()));
    }

    /**
     * Makes a jurisdiction adopt a policy now, as a {@code setPolicy} event naming it would (its hold, if any, is
     * kept). For callers that hold the schedule between steps (the dashboard); the caller records the change.
     *
     * @return the jurisdiction's previous own policy
     */
    public String adoptPolicy(String jurisdictionKey, String policy) {
        return adoptPolicy(jurisdictionKey, policy, null);
    }

    /**
     * Makes a jurisdiction adopt a policy now and, with {@code hold} true, holds it: the policy adaptation leaves a
     * held policy alone, and so does a {@code setPolicy} event without {@code hold} (as a {@code setPolicy} event with
     * {@code hold: true} would); false releases a hold, null leaves it as it is. The policy in force may still
     * differ where the law forces it ({@link Jurisdiction#policyInForceSource()}). For callers that hold the schedule
     * between steps (the dashboard); the caller records the change.
     *
     * @return the jurisdiction's previous own policy
     */
    public String adoptPolicy(String jurisdictionKey, String policy, Boolean hold) {
        Integer idx = policyIndex.get(policy);
        if (idx == null) {
            throw new IllegalArgumentException("no policy " + policy);
        }
        Jurisdiction j = jurisdiction(jurisdictionKey);
        if (j == null) {
            throw new IllegalArgumentException("no jurisdiction " + jurisdictionKey);
        }
        String old = j.getPolicy();
        j.setOwnPolicy(this, idx, policy);
        if (hold != null) {
            j.setHeld(hold);
        }
        return old;
    }

    /** The jurisdiction with this "Name, ST" key, or null (also null before the model has started). */
    public Jurisdiction jurisdiction(String key) {
        if (jurisdictions == null) {
            return null;
        }
        for (Jurisdiction j : jurisdictions) {
            if (j.getKey().equals(key)) {
                return j;
            }
        }
        return null;
    }

    /** The interventions applied so far, in order. */
    public List<Intervention> interventions() {
        return List.copyOf(interventions);
    }

    /** The live parameters' current values. */
    public Parameters parameters() {
        return parameters;
    }

    /** Sets a live parameter now (from an event or an intervention). */
    void applyParameter(String path, JsonNode value) {
        parameters.set(path, value);
    }

    /** Copies what rules may see of a jurisdiction today into the inputs. */
    void fillInputs(RuleInputs in, Jurisdiction j) {
        JurisdictionSpec s = j.spec();
        Law law = stateLaws.lawOf(j.stateIndex());
        in.setName(s.name()).setState(s.state()).setKind(s.kind()).setPopulation(s.population())
                .setForeignBornShare(s.foreignBornShare()).setPartisanLean(s.partisanLean())
                .setAgreement287g(j.isAgreement287g()).setFundsAtRisk(j.getFundsAtRisk())
                .setLiabilityExposure(j.getLiabilityExposure()).setTrust(j.getTrust())
                .setSanctuaryLaw(law == Law.SANCTUARY).setAntiSanctuaryLaw(law == Law.ANTI_SANCTUARY)
                .setPriorities(parameters.priorities().name()).setDate(today()).setDay(day());
    }

    // ------------------------------------------------------------------ accessors

    public Scenario scenario() {
        return scenario;
    }

    /** Index of the current (or, between steps, next) simulated day. */
    public long day() {
        double t = schedule.getTime();
        return t < 0 ? 0 : (long) t;
    }

    public LocalDate today() {
        return dayFacts(day()).date();
    }

    /**
     * The day being stepped, set first thing each day: for the model's own daily code, which asks often
     * ({@link #day()} reads the schedule's time under its lock).
     */
    long stepDay() {
        return stepDay;
    }

    /**
     * What depends only on the day: its date and the dated admission rates from outside the jails (national, per
     * day), computed once a day rather than by every field office (one immutable value, so a reader on another
     * thread sees a consistent one).
     */
    private record DayFacts(long day, LocalDate date, double interiorArrests, double outsideAdmissions) {
    }

    private transient DayFacts dayFacts;

    private DayFacts dayFacts(long d) {
        DayFacts f = dayFacts;
        if (f == null || f.day() != d) {
            LocalDate date = scenario.dateOf(d);
            var ice = scenario.ice();
            f = new DayFacts(d, date, ice.interiorArrests().perDay(date), ice.borderTransfers().perDay(date) + ice.otherAdmissionsPerDay());
            dayFacts = f;
        }
        return f;
    }

    /** Today's dated interior arrests nationwide, per day ({@code ice.interiorArrests}). */
    double interiorArrestsToday() {
        return dayFacts(stepDay).interiorArrests();
    }

    /** Today's border transfers and other admissions from outside the jails nationwide, per day. */
    double outsideAdmissionsToday() {
        return dayFacts(stepDay).outsideAdmissions();
    }

    public List<Jurisdiction> jurisdictions() {
        return java.util.Collections.unmodifiableList(jurisdictions);
    }

    /** The jurisdictions, for the model's own daily loops (no wrapper allocated). */
    List<Jurisdiction> jurisdictionList() {
        return jurisdictions;
    }

    public java.util.Collection<org.jurisim.model.FieldOffice> fieldOffices() {
        return java.util.Collections.unmodifiableCollection(offices.values());
    }

    /** The field offices, for the model's own daily loops (no wrapper allocated). */
    org.jurisim.model.FieldOffice[] fieldOfficeArray() {
        return officeArray;
    }

    Governance governance() {
        return governance;
    }

    /** Counts by policy in force, 287(g) agreements and loss of funds, kept current as they change. */
    Tallies tallies() {
        return tallies;
    }

    public FederalExecutive federal() {
        return federal;
    }

    public StateLaws stateLaws() {
        return stateLaws;
    }

    public CourtSystem courts() {
        return courts;
    }

    /** The courts' view of the model (random numbers, date, live court parameters). */
    public CourtSystem.World courtWorld() {
        if (courtWorld == null) {
            courtWorld = new CourtSystem.World() {
                @Override
                public ec.util.MersenneTwisterFast random() {
                    return random;
                }

                @Override
                public long day() {
                    return JuriSimModel.this.day();
                }

                @Override
                public boolean universalInjunctions() {
                    return parameters.universalInjunctions();
                }

                @Override
                public double leanWeight() {
                    return parameters.leanWeight();
                }
            };
        }
        return courtWorld;
    }

    public DailyLedger ledger() {
        return ledger;
    }

    public Draws draws() {
        return draws;
    }

    RuleInputs ruleInputs() {
        return ruleInputs;
    }

    public EventTimeline timeline() {
        return timeline;
    }

    public List<String> policyNames() {
        return policyNames;
    }

    int policyIndex(String name) {
        return policyIndex.get(name);
    }

    /** Cooperation index (0..1) of a policy. */
    public double cooperation(int policy) {
        return cooperation[policy];
    }

    PolicyRules policyRules(int idx) {
        return policyRules[idx];
    }

    int agreementPolicyIndex() {
        return agreementPolicy;
    }

    int preemptedPolicyIndex() {
        return preemptedPolicy;
    }

    int sanctuaryPolicyIndex() {
        return sanctuaryPolicy;
    }

    int antiSanctuaryPolicyIndex() {
        return antiSanctuaryPolicy;
    }

    /** Expected bookings per day nationwide that are not fingerprint matches (drawn as one national count). */
    double unmatchedBookingsPerDay() {
        return unmatchedBookingsPerDay;
    }

    /** A state law changed: every policy in force must be settled again. */
    void worldChanged() {
        governance.changedAll();
    }

    /** A jurisdiction's own policy or 287(g) agreement changed: its policy in force must be settled again. */
    void jurisdictionChanged(Jurisdiction j) {
        governance.changed(j);
    }

    int stateIndex(String code) {
        return stateIndex.get(code);
    }

    java.util.Set<String> stateCodes() {
        return stateIndex.keySet();
    }

    int stateCount() {
        return stateIndex.size();
    }
}
