package org.jurisim.model.courts;

import ec.util.MersenneTwisterFast;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import org.jurisim.model.Jurisdiction;
import org.jurisim.reference.Circuit;
import org.jurisim.reference.District;
import org.jurisim.reference.UsReference;
import org.jurisim.scenario.CaseType;
import org.jurisim.scenario.Settings;

/**
 * The federal judiciary: 94 district courts, the 12 regional courts of appeals and the Supreme Court.
 * A case is filed in the district where it arises, may bring a preliminary injunction, is decided after
 * a lognormal delay per level, may be appealed by the loser to its own circuit, and may be taken by the
 * Supreme Court (likelier after a circuit split).
 *
 * <p>The chance of a ruling for the locality side is logistic(doctrine[type] + leanWeight x (lean - 0.5)
 * + precedent), where precedent is +/- supremeWeight for a Supreme Court ruling (binding everywhere),
 * else +/- bindingWeight for a ruling of the court's own circuit, plus persuasiveWeight x the mean
 * (+1/-1) of the other circuits' latest rulings.
 */
public final class CourtSystem implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** Something due on a day: a ruling on a preliminary injunction, or on the merits. */
    private record Due(long day, int seq, LegalCase c, boolean injunction) implements java.io.Serializable {
    }

    /** Dues by day, then in the order they were set (a class, not a lambda, so that checkpoints can hold it). */
    private static final class DueOrder implements java.util.Comparator<Due>, java.io.Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(Due a, Due b) {
            return a.day != b.day ? Long.compare(a.day, b.day) : Integer.compare(a.seq, b.seq);
        }
    }

    /** What the rest of the model needs to know and to do when courts act. */
    public interface World {
        MersenneTwisterFast random();

        long day();

        boolean universalInjunctions();

        double leanWeight();
    }

    private final Settings.Courts settings;
    private final Map<String, Court> districts = new LinkedHashMap<>();
    private final Map<String, Court> circuits = new LinkedHashMap<>();
    private final Map<String, String> largestDistrictOfState = new HashMap<>();
    private final Court supreme;
    private final List<LegalCase> cases = new ArrayList<>();
    /** The families (first cases) that have ever had an injunction in force, each once: the only ones {@link #coverage} reads. */
    private final List<LegalCase> enjoinedFamilies = new ArrayList<>();
    private final PriorityQueue<Due> dues = new PriorityQueue<>(new DueOrder());
    private int seq;
    private final Map<CaseType, Boolean> supremePrecedent = new EnumMap<>(CaseType.class);
    private final Map<CaseType, TreeMap<String, Boolean>> circuitPrecedent = new EnumMap<>(CaseType.class);
    private final Set<Jurisdiction> districtLiabilityLosses = new HashSet<>();
    private final Map<PartyKey, Integer> pendingByParty = new HashMap<>();
    /** Every party of every case, by type: the last day it filed, joined or was sued. */
    private final Map<PartyKey, Long> lastPartyDay = new HashMap<>();
    private int version;
    private final int[] pendingByLevel = new int[Court.Level.values().length];
    private int filedToday;
    private int rulingsForLocalityToday;
    private int rulingsForGovernmentToday;
    private int supremeDecisions;
    private int joinedToday;
    /** Suits still pending in district court, by type, in filing order: the ones a locality can join. */
    private final Map<CaseType, List<LegalCase>> openDistrict = new EnumMap<>(CaseType.class);
    /** The one case per question the Supreme Court has granted and not yet decided. */
    private final Map<CaseType, LegalCase> supremeGranted = new EnumMap<>(CaseType.class);
    /** Circuit decisions held pending the Supreme Court's case on the same question. */
    private final Map<CaseType, List<LegalCase>> held = new EnumMap<>(CaseType.class);
    /** Days of the Supreme Court's grants of certiorari (for the yearly limit). */
    private final java.util.ArrayDeque<Long> grantDays = new java.util.ArrayDeque<>();

    public CourtSystem(Settings.Courts settings, UsReference ref) {
        this.settings = settings;
        for (Circuit c : ref.circuits()) {
            double lean = settings.circuitLeans().getOrDefault(c.id(), c.demAppointedShare());
            circuits.put(c.id(), new Court("ca" + c.id().toLowerCase(java.util.Locale.ROOT), c.name(), Court.Level.CIRCUIT, c.id(), lean));
        }
        for (District d : ref.districts()) {
            Court circuit = circuits.get(d.circuit());
            districts.put(d.id(), new Court(d.id(), d.name(), Court.Level.DISTRICT, d.circuit(), circuit.lean()));
            String best = largestDistrictOfState.get(d.state());
            if (best == null || ref.district(best).orElseThrow().populationShare() < d.populationShare()) {
                largestDistrictOfState.put(d.state(), d.id());
            }
        }
        supreme = new Court("scotus", "Supreme Court of the United States", Court.Level.SUPREME, null, settings.supremeCourtLean());
        for (CaseType t : CaseType.values()) {
            circuitPrecedent.put(t, new TreeMap<>());
            openDistrict.put(t, new ArrayList<>());
            held.put(t, new ArrayList<>());
        }
        for (Settings.Precedent p : settings.precedents()) {
            if (p.court().equals("supreme")) {
                supremePrecedent.put(p.type(), p.forLocality());
            } else {
                circuitPrecedent.get(p.type()).put(p.court(), p.forLocality());
            }
        }
    }

    // ------------------------------------------------------------------ filing

    /** Files a suit in the district where it arises; returns the new case. */
    public LegalCase file(World w, CaseType type, Party plaintiff, Party defendant) {
        Party arises = switch (type) {
            case GRANT_CONDITIONS, ANTI_SANCTUARY_LAW -> plaintiff;
            case PREEMPTION, DETAINER_LIABILITY -> defendant;
        };
        Court court = districtOf(arises);
        LegalCase c = new LegalCase(cases.size() + 1, type, plaintiff, defendant, court, w.day(), null);
        cases.add(c);
        if (type != CaseType.DETAINER_LIABILITY) {
            openDistrict.get(type).add(c);
        }
        pendingByLevel[Court.Level.DISTRICT.ordinal()]++;
        countPending(c, 1);
        lastPartyDay.put(key(type, plaintiff), w.day());
        lastPartyDay.put(key(type, defendant), w.day());
        filedToday++;
        long merits = w.day() + delay(w.random(), settings.districtDays());
        if (type != CaseType.DETAINER_LIABILITY && w.random().nextBoolean(settings.injunctionRequestProbability())) {
            long pi = w.day() + delay(w.random(), settings.injunctionDays());
            if (pi < merits) {
                dues.add(new Due(pi, seq++, c, true));
            }
        }
        dues.add(new Due(merits, seq++, c, false));
        return c;
    }

    /**
     * A coalition suit: if a suit of this type against this defendant is pending in district court, the
     * plaintiff joins it with probability {@code joinProbability} (preferring the first such suit in its
     * own circuit, else the first one filed); otherwise it files its own. Returns the case it is party to.
     */
    public LegalCase fileOrJoin(World w, CaseType type, Party plaintiff, Party defendant, double joinProbability) {
        LegalCase target = joinable(type, plaintiff, defendant);
        if (target != null && w.random().nextBoolean(joinProbability)) {
            join(w, target, plaintiff);
            return target;
        }
        return file(w, type, plaintiff, defendant);
    }

    /** The pending district suit this plaintiff would join: the first in its own circuit, else the first; or null. */
    public LegalCase joinable(CaseType type, Party plaintiff, Party defendant) {
        String circuit = districtOf(plaintiff).circuit();
        LegalCase first = null;
        for (LegalCase c : openDistrict.get(type)) {
            if (!c.defendant.equals(defendant) || c.plaintiffs.contains(plaintiff)) {
                continue;
            }
            if (c.court.circuit().equals(circuit)) {
                return c;
            }
            if (first == null) {
                first = c;
            }
        }
        return first;
    }

    /** Adds a plaintiff to a suit pending in district court; an injunction in force there now covers it too. */
    public void join(World w, LegalCase c, Party plaintiff) {
        long joinDay = w.day();
        if (c.family != c || c.status != LegalCase.Status.PENDING || c.court.level() != Court.Level.DISTRICT) {
            throw new IllegalStateException("only a suit pending in district court can be joined: case " + c.id);
        }
        c.plaintiffs.add(plaintiff);
        pendingByParty.merge(key(c.type, plaintiff), 1, Integer::sum);
        lastPartyDay.put(key(c.type, plaintiff), joinDay);
        joinedToday++;
        version++;
    }

    private Court districtOf(Party p) {
        if (p.kind() == Party.Kind.JURISDICTION) {
            return districts.get(p.jurisdiction().spec().district());
        }
        return districts.get(largestDistrictOfState.get(p.state()));
    }

    static long delay(MersenneTwisterFast r, Settings.Lognormal d) {
        return Math.max(1, Math.round(d.median() * Math.exp(d.sigma() * r.nextGaussian())));
    }

    // ------------------------------------------------------------------ the daily docket

    /** Starts a new day's counts (called before anything can be filed that day). */
    public void beginDay() {
        filedToday = 0;
        joinedToday = 0;
        rulingsForLocalityToday = 0;
        rulingsForGovernmentToday = 0;
    }

    /** Rules on everything due today, in filing order. */
    public void step(World w) {
        while (!dues.isEmpty() && dues.peek().day <= w.day()) {
            Due d = dues.poll();
            if (d.injunction) {
                ruleOnInjunction(w, d.c);
            } else {
                ruleOnMerits(w, d.c);
            }
        }
    }

    private void ruleOnInjunction(World w, LegalCase c) {
        if (c.status != LegalCase.Status.PENDING) {
            return;
        }
        double pLocality = probabilityForLocality(c.court, c.type, w.leanWeight());
        double pPlaintiff = c.plaintiffIsLocalitySide() ? pLocality : 1 - pLocality;
        if (w.random().nextBoolean(pPlaintiff)) {
            c.preliminaryInjunction = true;
            c.preliminaryInjunctionDay = w.day();
            enjoin(c.family);
            c.family.injunctionUniversal = w.universalInjunctions();
            version++;
        }
    }

    private void ruleOnMerits(World w, LegalCase c) {
        double p = probabilityForLocality(c.court, c.type, w.leanWeight());
        boolean forLocality = w.random().nextBoolean(p);
        c.forLocality = forLocality;
        c.decided = w.day();
        c.status = LegalCase.Status.DECIDED;
        pendingByLevel[c.court.level().ordinal()]--;
        countPending(c, -1);
        if (c.court.level() == Court.Level.DISTRICT) {
            openDistrict.get(c.type).remove(c);
        }
        if (forLocality) {
            rulingsForLocalityToday++;
        } else {
            rulingsForGovernmentToday++;
        }
        switch (c.court.level()) {
            case CIRCUIT -> {
                circuitPrecedent.get(c.type).put(c.court.circuit(), forLocality);
                dissolveContrary(c.type, c.court.circuit(), forLocality);
            }
            case SUPREME -> {
                supremePrecedent.put(c.type, forLocality);
                supremeDecisions++;
                dissolveContrary(c.type, null, forLocality);
            }
            default -> {
                if (c.type == CaseType.DETAINER_LIABILITY && forLocality) {
                    districtLiabilityLosses.add(c.defendant.jurisdiction());
                }
            }
        }
        applyJudgment(w, c);
        version++;
        if (c.court.level() == Court.Level.SUPREME) {
            supremeGranted.remove(c.type);
            decideHeld(w, c);
        }
        appeal(w, c);
    }

    /** The family's injunction after a judgment: in force exactly when the original plaintiffs won at this level. */
    private void applyJudgment(World w, LegalCase c) {
        if (c.type != CaseType.DETAINER_LIABILITY) {
            boolean won = c.plaintiffWon();
            if (won && !c.family.injunctionActive) {
                c.family.injunctionUniversal = w.universalInjunctions();
            }
            if (won) {
                enjoin(c.family);
            } else {
                c.family.injunctionActive = false;
            }
        }
    }

    /** The family's injunction comes into force (it joins {@link #enjoinedFamilies} the first time). */
    private void enjoin(LegalCase family) {
        if (!family.everEnjoined) {
            family.everEnjoined = true;
            enjoinedFamilies.add(family);
        }
        family.injunctionActive = true;
    }

    /**
     * A binding ruling (a circuit's, in its own circuit; the Supreme Court's, everywhere) dissolves the
     * injunctions in force in other suits on the same question that it decides against their plaintiffs:
     * no injunction outlasts a binding appellate ruling against it.
     */
    private void dissolveContrary(CaseType type, String circuit, boolean forLocality) {
        if (type == CaseType.DETAINER_LIABILITY) {
            return;
        }
        for (LegalCase k : cases) {
            if (k.family == k && k.type == type && k.injunctionActive && k.plaintiffIsLocalitySide() != forLocality
                    && (circuit == null || circuit.equals(k.court.circuit()))) {
                k.injunctionActive = false;
            }
        }
    }

    /**
     * The grant conditions are withdrawn: the injunctions against them end, since nothing is left to enjoin (the cases
     * themselves run on). Conditions imposed later are new: they need new suits and new injunctions.
     */
    public void grantConditionsWithdrawn() {
        for (LegalCase k : cases) {
            if (k.family == k && k.type == CaseType.GRANT_CONDITIONS && k.injunctionActive) {
                k.injunctionActive = false;
                version++;
            }
        }
    }

    /** The circuit decisions held for this Supreme Court case are decided by its ruling (GVR-like), the same day. */
    private void decideHeld(World w, LegalCase sc) {
        List<LegalCase> waiting = held.get(sc.type);
        for (LegalCase h : waiting) {
            LegalCase g = new LegalCase(cases.size() + 1, h.type, h.plaintiff, h.defendant, supreme, w.day(), h);
            g.heldFor = sc;
            g.forLocality = sc.forLocality;
            g.decided = w.day();
            g.status = LegalCase.Status.DECIDED;
            cases.add(g);
            applyJudgment(w, g);
        }
        waiting.clear();
    }

    private void appeal(World w, LegalCase c) {
        Court next;
        double chance;
        if (c.court.level() == Court.Level.DISTRICT) {
            next = circuits.get(c.court.circuit());
            // the loser appeals: the government side (the United States, or a state defending its law) when
            // the ruling went for the locality side
            chance = c.forLocality ? settings.governmentAppealProbability() : settings.appealProbability();
        } else if (c.court.level() == Court.Level.CIRCUIT) {
            next = supreme;
            // once the Supreme Court has ruled on a question, it does not take it again
            if (supremePrecedent.containsKey(c.type)) {
                return;
            }
            // one case per question: while it is pending, the others are held and then decided by its ruling
            if (supremeGranted.containsKey(c.type)) {
                held.get(c.type).add(c);
                return;
            }
            // few grants a year, whatever the question
            while (!grantDays.isEmpty() && grantDays.peekFirst() <= w.day() - 365) {
                grantDays.pollFirst();
            }
            if (grantDays.size() >= settings.supremeGrantsPerYear()) {
                return;
            }
            chance = circuitSplit(c.type) ? settings.certProbabilityAfterSplit() : settings.certProbability();
        } else {
            return;
        }
        if (!w.random().nextBoolean(chance)) {
            return;
        }
        LegalCase a = new LegalCase(cases.size() + 1, c.type, c.plaintiff, c.defendant, next, w.day(), c);
        cases.add(a);
        if (next == supreme) {
            supremeGranted.put(c.type, a);
            grantDays.addLast(w.day());
        }
        pendingByLevel[next.level().ordinal()]++;
        countPending(a, 1);
        Settings.Lognormal d = next.level() == Court.Level.CIRCUIT ? settings.circuitDays() : settings.supremeDays();
        dues.add(new Due(w.day() + delay(w.random(), d), seq++, a, false));
    }

    // ------------------------------------------------------------------ doctrine and precedent

    /** The chance that this court rules for the locality side in a case of this type, given today's precedents. */
    public double probabilityForLocality(Court court, CaseType type, double leanWeight) {
        double x = settings.doctrine().get(type) + leanWeight * (court.lean() - 0.5);
        Boolean sc = supremePrecedent.get(type);
        TreeMap<String, Boolean> cp = circuitPrecedent.get(type);
        if (sc != null) {
            x += sc ? settings.supremeWeight() : -settings.supremeWeight();
        } else if (court.level() != Court.Level.SUPREME && cp.containsKey(court.circuit())) {
            x += cp.get(court.circuit()) ? settings.bindingWeight() : -settings.bindingWeight();
        }
        int n = 0;
        double sum = 0;
        for (Map.Entry<String, Boolean> e : cp.entrySet()) {
            if (!e.getKey().equals(court.circuit())) {
                n++;
                sum += e.getValue() ? 1 : -1;
            }
        }
        if (n > 0) {
            x += settings.persuasiveWeight() * sum / n;
        }
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** Whether the circuits' latest rulings on this question disagree and the Supreme Court has not settled it. */
    public boolean circuitSplit(CaseType type) {
        if (supremePrecedent.containsKey(type)) {
            return false;
        }
        TreeMap<String, Boolean> cp = circuitPrecedent.get(type);
        return cp.containsValue(Boolean.TRUE) && cp.containsValue(Boolean.FALSE);
    }

    // ------------------------------------------------------------------ what rulings mean for the world

    /** Who the injunctions in force protect, recomputed only when a ruling changes something. */
    private static final class Coverage {
        boolean universalGrant;
        final Set<Jurisdiction> grantJurisdictions = new HashSet<>();
        final Set<String> grantStates = new HashSet<>();
        final Set<Jurisdiction> antiLawJurisdictions = new HashSet<>();
        final Set<String> antiLawStates = new HashSet<>();
        final Set<Jurisdiction> preemptedJurisdictions = new HashSet<>();
        final Set<String> preemptedStates = new HashSet<>();
        /** Liability exposure where a binding ruling settled it, by circuit (absent: not settled there); filled as asked. */
        final Map<String, Double> settledLiability = new HashMap<>();
        /** What liability exposure depends on: the Supreme Court's and the circuits' rulings, the district losses. */
        Boolean supremeLiability;
        Map<String, Boolean> circuitLiability;
        int districtLiabilityLosses;
        int injunctions;

        /** Whether every question the world asks of the courts (protection, preemption, liability) has the same answer. */
        boolean sameStatus(Coverage o) {
            return o != null && universalGrant == o.universalGrant && grantJurisdictions.equals(o.grantJurisdictions)
                    && grantStates.equals(o.grantStates) && antiLawJurisdictions.equals(o.antiLawJurisdictions)
                    && antiLawStates.equals(o.antiLawStates) && preemptedJurisdictions.equals(o.preemptedJurisdictions)
                    && preemptedStates.equals(o.preemptedStates) && java.util.Objects.equals(supremeLiability, o.supremeLiability)
                    && circuitLiability.equals(o.circuitLiability) && districtLiabilityLosses == o.districtLiabilityLosses;
        }
    }

    private transient Coverage coverage;
    private int coverageVersion = -1;
    private int statusVersion;

    private Coverage coverage() {
        if (coverage == null || coverageVersion != version) {
            Coverage c = new Coverage();
            // only a family's first case carries an injunction; the answers do not depend on the order
            for (LegalCase k : enjoinedFamilies) {
                if (!k.injunctionActive) {
                    continue;
                }
                c.injunctions++;
                Party d = k.defendant;
                switch (k.type) {
                    case GRANT_CONDITIONS -> {
                        c.universalGrant |= k.injunctionUniversal;
                        for (Party p : k.plaintiffs) {
                            if (p.kind() == Party.Kind.JURISDICTION) {
                                c.grantJurisdictions.add(p.jurisdiction());
                            } else if (p.kind() == Party.Kind.STATE) {
                                c.grantStates.add(p.state());
                            }
                        }
                    }
                    case ANTI_SANCTUARY_LAW -> {
                        if (k.injunctionUniversal) {
                            c.antiLawStates.add(d.state());
                        }
                        for (Party p : k.plaintiffs) {
                            if (p.kind() == Party.Kind.JURISDICTION) {
                                c.antiLawJurisdictions.add(p.jurisdiction());
                            }
                        }
                    }
                    case PREEMPTION -> {
                        if (d.kind() == Party.Kind.JURISDICTION) {
                            c.preemptedJurisdictions.add(d.jurisdiction());
                        } else if (d.kind() == Party.Kind.STATE) {
                            c.preemptedStates.add(d.state());
                        }
                    }
                    default -> {
                    }
                }
            }
            c.supremeLiability = supremePrecedent.get(CaseType.DETAINER_LIABILITY);
            c.circuitLiability = new HashMap<>(circuitPrecedent.get(CaseType.DETAINER_LIABILITY));
            c.districtLiabilityLosses = districtLiabilityLosses.size();
            if (!c.sameStatus(coverage)) {
                statusVersion++;
            }
            coverage = c;
            coverageVersion = version;
        }
        return coverage;
    }

    /**
     * Changes each time a ruling or an injunction changes the answer of {@link #grantFundsProtected},
     * {@link #antiSanctuaryLawEnjoined}, {@link #preempted}, {@link #sanctuaryLawPreempted},
     * {@link #liabilityExposure} or {@link #liabilitySettled} for anyone (less often than {@link #version()}: a
     * ruling that leaves every injunction and binding ruling as it was does not change it).
     */
    public int statusVersion() {
        coverage();
        return statusVersion;
    }

    /** Whether an injunction in a grant-conditions case protects this jurisdiction's funds. */
    public boolean grantFundsProtected(Jurisdiction j) {
        Coverage c = coverage();
        return c.universalGrant || c.grantJurisdictions.contains(j) || c.grantStates.contains(j.getState());
    }

    /** Whether the state's anti-sanctuary law is enjoined as to this jurisdiction. */
    public boolean antiSanctuaryLawEnjoined(Jurisdiction j) {
        Coverage c = coverage();
        return c.antiLawStates.contains(j.getState()) || c.antiLawJurisdictions.contains(j);
    }

    /** Whether a federal preemption ruling against this jurisdiction's own policy is in force. */
    public boolean preempted(Jurisdiction j) {
        return coverage().preemptedJurisdictions.contains(j);
    }

    /** Whether a federal preemption ruling suspends this state's sanctuary law. */
    public boolean sanctuaryLawPreempted(String state) {
        return coverage().preemptedStates.contains(state);
    }

    /**
     * Fourth Amendment liability exposure for holds without a judicial warrant (0..1): 1 where a binding
     * ruling (Supreme Court, else the jurisdiction's circuit) found such holds unlawful, 0 where it found
     * them lawful, 0.5 where the jurisdiction itself lost in district court, else 0.
     */
    public double liabilityExposure(Jurisdiction j) {
        double settled = settledLiability(j.spec().circuit());
        if (!Double.isNaN(settled)) {
            return settled;
        }
        return districtLiabilityLosses.contains(j) ? 0.5 : 0.0;
    }

    /** Whether a binding ruling (the Supreme Court's, or the jurisdiction's circuit's) has settled the liability question. */
    public boolean liabilitySettled(Jurisdiction j) {
        return !Double.isNaN(settledLiability(j.spec().circuit()));
    }

    /**
     * For every jurisdiction of {@code js} at once, by position in {@code js} (the model's list is in
     * {@link Jurisdiction#getIndex()} order): the answers of {@link #grantFundsProtected},
     * {@link #antiSanctuaryLawEnjoined}, {@link #preempted}, {@link #liabilityExposure} and
     * {@link #liabilitySettled}, the same values as asking each one. The injunctions' and rulings' parties are
     * marked and liability is settled once per circuit, rather than each jurisdiction looked up in them.
     */
    public void status(List<Jurisdiction> js, boolean[] fundsProtected, boolean[] antiLawEnjoined, boolean[] preempted,
                       double[] liabilityExposure, boolean[] liabilitySettled) {
        Coverage c = coverage();
        int n = js.size();
        if (circuitList != js || circuitOf.length != n) {
            // each jurisdiction's circuit as a small number (the list and its jurisdictions' circuits do not change)
            Map<String, Integer> ids = new HashMap<>();
            circuitNames = new ArrayList<>();
            circuitOf = new int[n];
            for (int q = 0; q < n; q++) {
                String ci = js.get(q).spec().circuit();
                Integer id = ids.get(ci);
                if (id == null) {
                    id = circuitNames.size();
                    ids.put(ci, id);
                    circuitNames.add(ci);
                }
                circuitOf[q] = id;
            }
            circuitList = js;
        }
        double[] byCircuit = new double[circuitNames.size()];
        for (int k = 0; k < byCircuit.length; k++) {
            byCircuit[k] = settledLiability(circuitNames.get(k));
        }
        java.util.Arrays.fill(fundsProtected, 0, n, c.universalGrant);
        java.util.Arrays.fill(antiLawEnjoined, 0, n, false);
        java.util.Arrays.fill(preempted, 0, n, false);
        for (Jurisdiction j : c.grantJurisdictions) {
            fundsProtected[j.getIndex()] = true;
        }
        for (Jurisdiction j : c.antiLawJurisdictions) {
            antiLawEnjoined[j.getIndex()] = true;
        }
        for (Jurisdiction j : c.preemptedJurisdictions) {
            preempted[j.getIndex()] = true;
        }
        if (!c.grantStates.isEmpty() || !c.antiLawStates.isEmpty()) {
            for (int q = 0; q < n; q++) {
                String st = js.get(q).getState();
                fundsProtected[q] |= c.grantStates.contains(st);
                antiLawEnjoined[q] |= c.antiLawStates.contains(st);
            }
        }
        for (int q = 0; q < n; q++) {
            double settled = byCircuit[circuitOf[q]];
            liabilitySettled[q] = !Double.isNaN(settled);
            liabilityExposure[q] = liabilitySettled[q] ? settled : 0.0;
        }
        for (Jurisdiction j : districtLiabilityLosses) {
            int i = j.getIndex();
            if (!liabilitySettled[i]) {
                liabilityExposure[i] = 0.5;
            }
        }
    }

    /** For {@link #status}: the list it was last asked about, and each one's circuit as a number into the names. */
    private transient List<Jurisdiction> circuitList;
    private transient int[] circuitOf;
    private transient List<String> circuitNames;

    /** The exposure a binding ruling (Supreme Court, else the circuit's) set in this circuit, or NaN if none (cached per ruling). */
    private double settledLiability(String circuit) {
        Map<String, Double> cache = coverage().settledLiability;
        Double v = cache.get(circuit);
        if (v == null) {
            Boolean sc = supremePrecedent.get(CaseType.DETAINER_LIABILITY);
            Boolean cp = sc != null ? sc : circuitPrecedent.get(CaseType.DETAINER_LIABILITY).get(circuit);
            v = cp == null ? Double.NaN : cp ? 1.0 : 0.0;
            cache.put(circuit, v);
        }
        return v;
    }

    /** A party in cases of one type, named by its label (as cases.csv writes it). */
    private record PartyKey(CaseType type, String label) implements java.io.Serializable {
    }

    private static PartyKey key(CaseType type, Party p) {
        return new PartyKey(type, p.label());
    }

    /** Whether this party has a case of this type pending at any level. */
    public boolean hasPendingCase(CaseType type, Party party) {
        return pendingByParty.getOrDefault(key(type, party), 0) > 0;
    }

    /** Whether this party has ever been plaintiff or defendant in a case of this type. */
    public boolean everParty(CaseType type, Party party) {
        return lastPartyDay.containsKey(key(type, party));
    }

    /** Whether this party has filed, joined or been sued in a case of this type on or after {@code day}. */
    public boolean partySince(CaseType type, Party party, long day) {
        Long last = lastPartyDay.get(key(type, party));
        return last != null && last >= day;
    }

    private void countPending(LegalCase c, int delta) {
        for (Party p : c.plaintiffs) {
            pendingByParty.merge(key(c.type, p), delta, Integer::sum);
        }
        pendingByParty.merge(key(c.type, c.defendant), delta, Integer::sum);
    }

    // ------------------------------------------------------------------ observation

    /** Changes each time a ruling or injunction changes anything. */
    public int version() {
        return version;
    }

    public List<LegalCase> cases() {
        return java.util.Collections.unmodifiableList(cases);
    }

    public int pending(Court.Level level) {
        return pendingByLevel[level.ordinal()];
    }

    public int filedToday() {
        return filedToday;
    }

    /** Plaintiffs that joined a pending suit today (coalition suits). */
    public int joinedToday() {
        return joinedToday;
    }

    /** The case the Supreme Court has granted on this question and not yet decided, or null. */
    public LegalCase supremeGranted(CaseType type) {
        return supremeGranted.get(type);
    }

    public int rulingsForLocalityToday() {
        return rulingsForLocalityToday;
    }

    public int rulingsForGovernmentToday() {
        return rulingsForGovernmentToday;
    }

    public int supremeDecisions() {
        return supremeDecisions;
    }

    public int injunctionsInForce() {
        return coverage().injunctions;
    }

    public int circuitSplits() {
        int n = 0;
        for (CaseType t : CaseType.values()) {
            if (circuitSplit(t)) {
                n++;
            }
        }
        return n;
    }

    public Court district(String id) {
        return districts.get(id);
    }

    public Court circuit(String id) {
        return circuits.get(id);
    }

    public Court supreme() {
        return supreme;
    }

    public java.util.Collection<Court> districtCourts() {
        return java.util.Collections.unmodifiableCollection(districts.values());
    }

    public java.util.Collection<Court> circuitCourts() {
        return java.util.Collections.unmodifiableCollection(circuits.values());
    }

    /** The latest ruling of a circuit on a question (null if none). */
    public Boolean circuitPrecedent(CaseType type, String circuit) {
        return circuitPrecedent.get(type).get(circuit);
    }

    public Boolean supremePrecedent(CaseType type) {
        return supremePrecedent.get(type);
    }
}
