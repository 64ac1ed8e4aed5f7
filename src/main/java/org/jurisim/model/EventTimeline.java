package org.jurisim.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.jurisim.rules.RuleInputs;
import org.jurisim.scenario.ScenarioEvent;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * Applies the scenario's dated events at the start of their day, in date order and, within a day, in
 * file order. Every change to the world that happens "on a date" goes through here, and is logged.
 * State bans on 287(g) agreements ({@code stateLaw.bans287g}) act here too: on a ban's date, before
 * that day's events, the agreements held in the state end, and from then on its jurisdictions accept
 * no offer.
 */
public final class EventTimeline implements Steppable {

    private static final long serialVersionUID = 1L;

    /** One applied event, for the run's event log. */
    public record Applied(long day, LocalDate date, String kind, String note, int affected) implements java.io.Serializable {
    }

    /** A state's ban on 287(g) agreements, in force from {@code from}. */
    private record Ban(String state, LocalDate from) implements java.io.Serializable {
    }

    private final List<ScenarioEvent> pending;
    private int next;
    /** The bans in date order, then by state; {@link #nextBan} is the first whose date has not come. */
    private final List<Ban> bans = new ArrayList<>();
    private int nextBan;
    private final java.util.TreeMap<String, LocalDate> banFrom;
    private final List<Applied> log = new ArrayList<>();

    EventTimeline(List<ScenarioEvent> events) {
        this(events, java.util.Map.of());
    }

    /** @param bans287g the states whose law bars 287(g) agreements, with the date from which it does */
    EventTimeline(List<ScenarioEvent> events, java.util.Map<String, LocalDate> bans287g) {
        List<ScenarioEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(ScenarioEvent::on)); // stable: file order within a day
        this.pending = sorted;
        this.banFrom = new java.util.TreeMap<>(bans287g);
        banFrom.forEach((st, from) -> bans.add(new Ban(st, from)));
        bans.sort(Comparator.comparing(Ban::from)); // stable: by state within a day
    }

    public List<Applied> log() {
        return List.copyOf(log);
    }

    @Override
    public void step(SimState state) {
        JuriSimModel m = (JuriSimModel) state;
        LocalDate today = m.today();
        while (nextBan < bans.size() && !bans.get(nextBan).from().isAfter(today)) {
            Ban b = bans.get(nextBan++);
            if (m.scenario().mechanisms().stateLaw()) {
                int ended = endAgreements(m, b.state());
                log.add(new Applied(m.day(), today, "end287g", b.state() + " law bars 287(g) agreements from " + b.from(), ended));
            }
        }
        while (next < pending.size() && !pending.get(next).on().isAfter(today)) {
            ScenarioEvent e = pending.get(next++);
            int affected = apply(m, e);
            log.add(new Applied(m.day(), today, kindOf(e), e.note(), affected));
        }
    }

    private static String kindOf(ScenarioEvent e) {
        return ScenarioEvent.kindOf(e);
    }

    private int apply(JuriSimModel m, ScenarioEvent e) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (e instanceof ScenarioEvent.PrioritiesChange p) {
            m.applyParameter("federal.priorities", f.textNode(p.value().name()));
            return 0;
        }
        if (e instanceof ScenarioEvent.DetentionCapacity c) {
            m.applyParameter("ice.detentionBeds", f.numberNode(c.beds()));
            return 0;
        }
        if (e instanceof ScenarioEvent.OfficerCount o) {
            m.applyParameter("ice.officers", f.numberNode(o.count()));
            return 0;
        }
        if (e instanceof ScenarioEvent.ProceedingsSpeed s) {
            // all stays change in the proportion of the jail transfers' stay
            double factor = s.meanDays() / m.parameters().proceedingsMeanDays;
            m.applyParameter("ice.proceedingsMeanDays", f.numberNode(s.meanDays()));
            m.applyParameter("ice.atLargeStayDays", f.numberNode(m.parameters().atLargeStayDays * factor));
            m.applyParameter("ice.borderStayDays", f.numberNode(m.parameters().borderStayDays * factor));
            return 0;
        }
        if (e instanceof ScenarioEvent.SetParameter s) {
            m.applyParameter(s.path(), s.value());
            return 0;
        }
        if (e instanceof ScenarioEvent.GrantConditionsChange g) {
            if (!g.active() && m.parameters().grantConditionsActive()) {
                m.courts().grantConditionsWithdrawn();
            }
            m.applyParameter("grantConditions.active", f.booleanNode(g.active()));
            if (g.withholdShare() != null) {
                m.applyParameter("grantConditions.withholdShare", f.numberNode(g.withholdShare()));
            }
            return 0;
        }
        if (e instanceof ScenarioEvent.StateLaw s) {
            m.stateLaws().set(s.state(), s.law());
            m.worldChanged();
            if (s.law() == ScenarioEvent.StateLaw.Law.ANTI_SANCTUARY) {
                Governance.challengeStateLaw(m, s.state());
            }
            return 0;
        }
        if (e instanceof ScenarioEvent.Suit s) {
            if (!m.scenario().mechanisms().courts()) {
                return 0;
            }
            m.courts().file(m.courtWorld(), s.caseType(), party(m, s.plaintiff()), party(m, s.defendant()));
            return 1;
        }
        if (e instanceof ScenarioEvent.Offer287g o) {
            int n = 0;
            for (Jurisdiction j : m.jurisdictions()) {
                if (!j.isAgreement287g() && !banned(m, j) && selected(m, o.selection(), j) && m.random.nextBoolean(o.acceptance())) {
                    j.setAgreement287g(m, true);
                    n++;
                }
            }
            return n;
        }
        if (e instanceof ScenarioEvent.End287g o) {
            int n = 0;
            for (Jurisdiction j : m.jurisdictions()) {
                if (j.isAgreement287g() && selected(m, o.selection(), j)) {
                    j.setAgreement287g(m, false);
                    n++;
                }
            }
            return n;
        }
        if (e instanceof ScenarioEvent.SetPolicy s) {
            int idx = m.policyIndex(s.policy());
            int n = 0;
            for (Jurisdiction j : m.jurisdictions()) {
                // a held policy is changed only by an event that says what becomes of the hold
                if (selected(m, s.selection(), j) && (s.hold() != null || !j.isHeld())) {
                    j.setOwnPolicy(m, idx, s.policy());
                    if (s.hold() != null) {
                        j.setHeld(s.hold());
                    }
                    n++;
                }
            }
            return n;
        }
        throw new IllegalStateException("event not handled: " + e);
    }

    /** Whether the law of the jurisdiction's state bars 287(g) agreements today. */
    private boolean banned(JuriSimModel m, Jurisdiction j) {
        LocalDate from = banFrom.get(j.getState());
        return from != null && !from.isAfter(m.today()) && m.scenario().mechanisms().stateLaw();
    }

    /** Ends the 287(g) agreements held in a state whose ban comes into force; returns how many. */
    private static int endAgreements(JuriSimModel m, String state) {
        int n = 0;
        for (Jurisdiction j : m.jurisdictions()) {
            if (j.isAgreement287g() && j.getState().equals(state)) {
                j.setAgreement287g(m, false);
                n++;
            }
        }
        return n;
    }

    private static org.jurisim.model.courts.Party party(JuriSimModel m, String name) {
        if (name.equals("United States")) {
            return org.jurisim.model.courts.Party.UNITED_STATES;
        }
        if (name.equals("individual")) {
            return org.jurisim.model.courts.Party.INDIVIDUAL;
        }
        if (name.length() == 2) {
            return org.jurisim.model.courts.Party.state(name);
        }
        Jurisdiction j = m.jurisdiction(name);
        if (j == null) {
            throw new IllegalStateException("party not found (the loader checks names): " + name);
        }
        return j.party();
    }

    private static boolean selected(JuriSimModel m, ScenarioEvent.Selection sel, Jurisdiction j) {
        if (sel.names().contains(j.getKey())) {
            return true;
        }
        if (sel.when() == null) {
            return false;
        }
        RuleInputs in = m.ruleInputs();
        m.fillInputs(in, j);
        return sel.when().test(in);
    }
}
