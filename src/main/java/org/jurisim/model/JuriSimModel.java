package org.jurisim.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jurisim.metrics.MetricsSink;
import org.jurisim.reference.Coverage;
import org.jurisim.reference.FieldOffice;
import org.jurisim.reference.State;
import org.jurisim.reference.UsReference;
import org.jurisim.rules.RuleInputs;
import org.jurisim.scenario.JurisdictionSpec;
import org.jurisim.scenario.PolicyDef;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioEvent.StateLaw.Law;
import sim.engine.Schedule;
import sim.engine.Sequence;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * The JuriSim world as a MASON {@link SimState}: local jurisdictions, ICE field offices, the federal
 * executive and state laws, stepped one simulated day at a time. Knows nothing of any screen; the
 * dashboard wraps it, the command line runs it with {@link #runDays}.
 *
 * <p>Order within a day: (0) dated events and a fresh ledger, (1) every jurisdiction's bookings and
 * detainer decisions, (2) every field office's pick-ups, detention and removals, (3) observers.
 */
public class JuriSimModel extends SimState {

    private static final long serialVersionUID = 1L;

    public static final int ORDER_EVENTS = 0;
    public static final int ORDER_JURISDICTIONS = 1;
    public static final int ORDER_FIELD_OFFICES = 2;
    public static final int ORDER_OBSERVERS = 3;

    private final Scenario scenario;
    private final List<MetricsSink> sinks = new ArrayList<>();
    private final List<String> policyNames;
    private final PolicyDef[] policies;
    private final PolicyRules[] policyRules;
    private final Map<String, Integer> policyIndex = new HashMap<>();

    private List<Jurisdiction> jurisdictions;
    private Map<String, org.jurisim.model.FieldOffice> offices;
    private FederalExecutive federal;
    private StateLaws stateLaws;
    private EventTimeline timeline;
    private DailyLedger ledger;
    private Draws draws;
    private transient RuleInputs ruleInputs;
    private MetricsObserver observer;

    public JuriSimModel(Scenario scenario) {
        super(scenario.seed());
        this.scenario = scenario;
        this.policyNames = List.copyOf(scenario.policies().keySet());
        this.policies = new PolicyDef[policyNames.size()];
        this.policyRules = new PolicyRules[policyNames.size()];
        for (int i = 0; i < policies.length; i++) {
            policies[i] = scenario.policies().get(policyNames.get(i));
            policyRules[i] = new PolicyRules(policies[i]);
            policyIndex.put(policyNames.get(i), i);
        }
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
        federal = new FederalExecutive(scenario.federal(), scenario.ice());
        stateLaws = new StateLaws();
        offices = buildOffices();
        configureOffices();
        for (org.jurisim.model.FieldOffice o : offices.values()) {
            o.setOccupancy((int) Math.round(o.getBeds() * scenario.ice().initialOccupancy()));
        }
        jurisdictions = new ArrayList<>(scenario.jurisdictions().size());
        int i = 0;
        for (JurisdictionSpec spec : scenario.jurisdictions()) {
            int p = policyIndex.get(spec.policy());
            jurisdictions.add(new Jurisdiction(i++, spec, offices.get(spec.fieldOffice()), policies[p], p, scenario.ice(),
                    scenario.community().initialTrust()));
        }
        timeline = new EventTimeline(scenario.events());
        observer = new MetricsObserver(this, sinks);

        schedule.scheduleRepeating(Schedule.EPOCH, ORDER_EVENTS, (Steppable) s -> {
            ledger.reset();
            timeline.step(s);
        }, 1.0);
        schedule.scheduleRepeating(Schedule.EPOCH, ORDER_JURISDICTIONS, new Sequence(jurisdictions.toArray(new Steppable[0])), 1.0);
        schedule.scheduleRepeating(Schedule.EPOCH, ORDER_FIELD_OFFICES, new Sequence(offices.values().toArray(new Steppable[0])), 1.0);
        schedule.scheduleRepeating(Schedule.EPOCH, ORDER_OBSERVERS, observer, 1.0);
        observer.begin();
    }

    @Override
    public void finish() {
        super.finish();
        if (observer != null) {
            observer.end();
        }
    }

    /** Field offices with their share of national capacity: the share of the US population they cover. */
    private Map<String, org.jurisim.model.FieldOffice> buildOffices() {
        UsReference ref = UsReference.load();
        Map<String, Double> covered = new HashMap<>();
        double us = 0;
        for (State st : ref.states()) {
            us += st.population();
            for (Coverage c : ref.coverageOf(st.code())) {
                covered.merge(c.office(), st.population() * c.share(), Double::sum);
            }
        }
        Map<String, org.jurisim.model.FieldOffice> out = new LinkedHashMap<>();
        for (FieldOffice fo : ref.fieldOffices()) {
            out.put(fo.id(), new org.jurisim.model.FieldOffice(fo.id(), fo.name(), covered.getOrDefault(fo.id(), 0.0) / us));
        }
        return out;
    }

    void configureOffices() {
        for (org.jurisim.model.FieldOffice o : offices.values()) {
            o.configure(federal.getOfficers(), scenario.ice().pickupsPerOfficerPerDay(), federal.getBeds());
        }
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

    /** Copies what rules may see of a jurisdiction today into the inputs. */
    void fillInputs(RuleInputs in, Jurisdiction j) {
        JurisdictionSpec s = j.spec();
        Law law = stateLaws.lawOf(s.state());
        in.setName(s.name()).setState(s.state()).setKind(s.kind()).setPopulation(s.population())
                .setForeignBornShare(s.foreignBornShare()).setPartisanLean(s.partisanLean())
                .setAgreement287g(j.isAgreement287g()).setFundsAtRisk(j.getFundsAtRisk())
                .setLiabilityExposure(j.getLiabilityExposure()).setTrust(j.getTrust())
                .setSanctuaryLaw(law == Law.SANCTUARY).setAntiSanctuaryLaw(law == Law.ANTI_SANCTUARY)
                .setPriorities(federal.getPriorities().name()).setDate(today()).setDay(day());
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
        return scenario.dateOf(day());
    }

    public List<Jurisdiction> jurisdictions() {
        return java.util.Collections.unmodifiableList(jurisdictions);
    }

    public java.util.Collection<org.jurisim.model.FieldOffice> fieldOffices() {
        return java.util.Collections.unmodifiableCollection(offices.values());
    }

    public FederalExecutive federal() {
        return federal;
    }

    public StateLaws stateLaws() {
        return stateLaws;
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

    PolicyDef policy(int idx) {
        return policies[idx];
    }

    PolicyRules policyRules(int idx) {
        return policyRules[idx];
    }

    int agreementPolicyIndex() {
        return policyIndex.get(scenario.federal().agreementPolicy());
    }
}
