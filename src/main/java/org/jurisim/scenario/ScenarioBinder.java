package org.jurisim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Location;
import org.jurisim.common.Problem;
import org.jurisim.common.Suggest;
import org.jurisim.reference.District;
import org.jurisim.reference.State;
import org.jurisim.reference.UsData;
import org.jurisim.reference.UsReference;
import org.jurisim.rules.CompiledRule;
import org.jurisim.rules.RuleCompiler;
import org.jurisim.rules.RuleEvaluationException;
import org.jurisim.rules.RuleInputs;
import org.jurisim.rules.RuleKind;
import org.jurisim.rules.Severity;

/** Turns a schema-valid scenario tree into a {@link Scenario}: the checks a schema cannot express, and rule compilation. */
final class ScenarioBinder {

    /** Longest simulated horizon accepted without raising the limit ({@link Limits}). */
    static final int MAX_DAYS = Limits.DEFAULT.days();

    /** The first and last simulated days the outputs support (the charts' calendar runs from 1900 to 9999). */
    static final LocalDate FIRST_DATE = LocalDate.of(1900, 1, 1);
    static final LocalDate LAST_DATE = LocalDate.of(9998, 12, 31);

    private static final RuleCompiler COMPILER = new RuleCompiler();

    private final ObjectNode tree;
    private final SourceMap sources;
    private final String display;
    private final Path file;
    private final List<Problem> problems = new ArrayList<>();
    /** What the user should know about the map (data vintages later than the start, coverage). */
    private final List<String> notes = new ArrayList<>();
    /**
     * Every problem in one pass: the keys ('Name, ST') of jurisdictions the scenario names but that could not be
     * built for a problem already reported, so that events and pins naming them are not refused as well.
     */
    private final Set<String> refusedKeys = new HashSet<>();
    /** False when a source of jurisdictions could not be read at all: names are then not checked against it. */
    private boolean jurisdictionsComplete = true;
    /** The real map's 287(g) changes after the start, from ICE's sheet (none for other jurisdiction sources). */
    private List<RealMap.AgreementChange> agreementChanges = List.of();
    private final UsReference ref = UsReference.load();
    private final Limits limits;

    private ScenarioBinder(ObjectNode tree, SourceMap sources, String display, Path file, Limits limits) {
        this.tree = tree;
        this.sources = sources;
        this.display = display;
        this.file = file;
        this.limits = limits;
    }

    static Scenario bind(ObjectNode tree, SourceMap sources, String display, Path file, String sha) throws BadInputException {
        return bind(tree, sources, display, file, sha, Limits.DEFAULT);
    }

    static Scenario bind(ObjectNode tree, SourceMap sources, String display, Path file, String sha, Limits limits)
            throws BadInputException {
        return bind(tree, sources, display, file, sha, limits, false);
    }

    /**
     * @param afterSchemaProblems the schema refused parts of the tree (reported already): an event whose refused
     *                            value cannot be read is skipped, and the other events are checked all the same
     */
    static Scenario bind(ObjectNode tree, SourceMap sources, String display, Path file, String sha, Limits limits,
                         boolean afterSchemaProblems) throws BadInputException {
        ScenarioBinder b = new ScenarioBinder(tree, sources, display, file, limits);
        b.afterSchemaProblems = afterSchemaProblems;
        return b.bind(sha);
    }

    private boolean afterSchemaProblems;

    private Location at(String path) {
        return sources.valueOf(path, display);
    }

    private void problem(String path, String message) {
        problems.add(new Problem(at(path), path, message));
    }

    private Scenario bind(String sha) throws BadInputException {
        controlCharacters(tree, "");
        String name = tree.path("name").asText();
        String description = tree.path("description").asText("");
        LocalDate start = date("start");
        int days = 0;
        if (start != null && (start.isBefore(FIRST_DATE) || start.isAfter(LAST_DATE))) {
            problem("start", "expected a date from " + FIRST_DATE + " to " + LAST_DATE + " (the dates the outputs and charts support), found "
                    + start);
            start = null;
        }
        if (start != null && tree.path("duration").asText().matches("[1-9][0-9]{0,5}[dwmy]")) {
            days = duration(start, tree.get("duration").asText());
            if (days > 0 && start.plusDays(days - 1).isAfter(LAST_DATE)) {
                problem("duration", "expected a run that ends by " + LAST_DATE + " (the last date the outputs and charts support), found "
                        + days + " days from " + start + ", which end on " + start.plusDays(days - 1));
                days = 0;
            }
        }
        long seed = tree.get("seed").asLong();

        Map<String, PolicyDef> policies = policies();
        Settings.Bookings bookings = bookings();
        Settings.Ice ice = ice();
        Settings.Federal federal = federal(policies);
        Settings.Grants grants = new Settings.Grants(tree.at("/grants/perCapitaPerYear").asDouble());
        JsonNode cm = tree.get("community");
        Settings.Community community = new Settings.Community(cm.get("initialTrust").asDouble(),
                cm.get("targetAtFullCooperation").asDouble(), cm.get("targetAtNoCooperation").asDouble(),
                cm.get("recoveryPerDay").asDouble(), cm.get("dropPerArrest").asDouble(), cm.get("reportingGap").asDouble());
        JsonNode gc = tree.get("grantConditions");
        Settings.GrantConditions grantConditions = new Settings.GrantConditions(gc.get("active").asBoolean(),
                gc.get("withholdShare").asDouble(), gc.get("nonCooperationBelow").asDouble());
        JsonNode lit = tree.get("litigation");
        Settings.Litigation litigation = new Settings.Litigation(lit.get("dojSuitsPerYear").asDouble(), lit.get("dojTargets").asText(),
                lit.get("grantSuitMonthlyProbability").asDouble(), lit.get("grantSuitMinLean").asDouble(),
                lit.get("liabilitySuitRate").asDouble(), lit.get("stateLawSuitProbability").asDouble(),
                lit.get("coalitionJoinProbability").asDouble(), lit.get("liabilitySettledMultiplier").asDouble(),
                lit.get("joinMonthlyProbability").asDouble());
        Settings.Courts courts = courts(policies);
        Settings.StateLawSettings stateLaw = stateLaw(policies);
        Settings.Adaptation adaptation = adaptation();
        JsonNode mech = tree.get("mechanisms");
        Settings.Mechanisms mechanisms = new Settings.Mechanisms(mech.get("courts").asBoolean(), mech.get("grantConditions").asBoolean(),
                mech.get("stateLaw").asBoolean(), mech.get("adaptation").asBoolean(), mech.get("diffusion").asBoolean(),
                mech.get("atLargeOperations").asBoolean(), mech.get("trust").asBoolean(), mech.get("capacityLimits").asBoolean());
        Settings.Metrics metrics = new Settings.Metrics(tree.at("/metrics/rollingWindowDays").asInt());
        List<JurisdictionSpec> jurisdictions = jurisdictions(bookings, grants, start, policies);
        if (problems.isEmpty() && days > 0) {
            // a CSV's rows are known only now
            Problem work = SizeCheck.work(jurisdictions.size(), days, sources, display, limits);
            if (work != null) {
                throw new BadInputException(work);
            }
        }
        jurisdictions = pins(jurisdictions, policies);
        jurisdictions = initialPolicies(jurisdictions, policies, start, federal, grants, community, grantConditions, stateLaw);
        List<ScenarioEvent> events = events(start, policies, jurisdictions);
        for (RealMap.AgreementChange c : agreementChanges) {
            List<String> keys = c.keys();
            if (c.othersEnd()) {
                // the jails the sheet does not have in force: every other jurisdiction's agreement ends
                Set<String> sheet = new java.util.HashSet<>(keys);
                keys = jurisdictions.stream().map(JurisdictionSpec::key).filter(k -> !sheet.contains(k)).toList();
            }
            ScenarioEvent.Selection sel = new ScenarioEvent.Selection(null, keys);
            String sheet = "ICE's sheet of " + UsData.AGREEMENTS_SNAPSHOT;
            events.add(c.othersEnd()
                    ? new ScenarioEvent.End287g(c.on(), "287(g) jail agreements that " + sheet + " does not have in force end (the jails follow it from now)", sel)
                    : c.inForce()
                    ? new ScenarioEvent.Offer287g(c.on(), "287(g) jail agreements signed (" + sheet + ")", sel, 1.0)
                    : new ScenarioEvent.End287g(c.on(), "287(g) jail agreements no longer listed (" + sheet + ")", sel));
        }
        List<String> charts = new ArrayList<>();
        tree.at("/outputs/charts").forEach(c -> charts.add(c.asText()));
        if (!problems.isEmpty()) {
            problems.sort(Problem.ORDER);
            throw new BadInputException(problems);
        }
        return new Scenario(name, description, display, sha, start, days, seed, jurisdictions, policies, bookings, ice,
                federal, grants, community, grantConditions, litigation, courts, stateLaw, adaptation, mechanisms, metrics,
                events, charts, tree, notes);
    }

    /** Names are printed in summaries and written into CSV cells and chart titles: no character may act on a terminal. */
    private static final java.util.regex.Pattern NAME_FIELD = java.util.regex.Pattern.compile(
            "name|jurisdictions\\.(list|pin)\\[\\d+]\\.name|events\\[\\d+]\\.(jurisdictions\\[\\d+]|plaintiff|defendant)");

    /**
     * Refuses control characters (NUL, escape sequences, ...) and bidirectional overrides in every text of the
     * scenario, and line breaks and tabs too in names; a rule or a description may span lines.
     */
    private void controlCharacters(JsonNode n, String path) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> controlCharacters(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey()));
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                controlCharacters(n.get(i), path + "[" + i + "]");
            }
        } else if (n.isTextual()) {
            String bad = unprintable(n.asText(), NAME_FIELD.matcher(path).matches());
            if (bad != null) {
                problem(path, "expected text without control characters, found " + bad
                        + (NAME_FIELD.matcher(path).matches() ? " (a name is one line of printable text)" : ""));
            }
        }
    }

    /** The first character of {@code text} that may act on a terminal or a reader ({@code "U+001B"}), or null. */
    static String unprintable(String text, boolean name) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineBreak = c == '\n' || c == '\r' || c == '\t';
            boolean bad = Character.getType(c) == Character.CONTROL && (name || !lineBreak)
                    || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
            if (bad) {
                return String.format(java.util.Locale.ROOT, "U+%04X at character %d", (int) c, i + 1);
            }
        }
        return null;
    }

    private LocalDate date(String path) {
        JsonNode n = tree.at(pointer(path));
        try {
            return LocalDate.parse(n.asText());
        } catch (DateTimeException e) {
            problem(path, "expected a real calendar date, found \"" + n.asText() + "\" (no such day)");
            return null;
        }
    }

    static String pointer(String path) {
        return "/" + path.replace(".", "/").replaceAll("\\[(\\d+)\\]", "/$1");
    }

    private int duration(LocalDate start, String text) {
        int n = Integer.parseInt(text.substring(0, text.length() - 1));
        char unit = text.charAt(text.length() - 1);
        LocalDate end = switch (unit) {
            case 'd' -> start.plusDays(n);
            case 'w' -> start.plusWeeks(n);
            case 'm' -> start.plusMonths(n);
            default -> start.plusYears(n);
        };
        long days = ChronoUnit.DAYS.between(start, end);
        if (days > limits.days()) {
            problem("duration", SizeCheck.daysMessage(days, limits));
            return 0;
        }
        return (int) days;
    }

    // ---------------------------------------------------------------- policies

    private CompiledRule rule(String path, RuleKind kind) {
        JsonNode n = tree.at(pointer(path));
        String src = n.isBoolean() ? String.valueOf(n.asBoolean()) : n.asText();
        try {
            return COMPILER.compile(src, kind, path, sources.contentOf(path, display));
        } catch (BadInputException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    private Map<String, PolicyDef> policies() {
        Map<String, PolicyDef> out = new LinkedHashMap<>();
        JsonNode ps = tree.get("policies");
        ps.fieldNames().forEachRemaining(name -> {
            String base = "policies." + name;
            CompiledRule det = rule(base + ".detainer", RuleKind.DECISION);
            CompiledRule share = rule(base + ".shareReleaseDates", RuleKind.CONDITION);
            CompiledRule access = rule(base + ".iceJailAccess", RuleKind.CONDITION);
            out.put(name, new PolicyDef(name, ps.get(name).path("description").asText(""), ps.get(name).get("cooperation").asDouble(),
                    det, share, access));
        });
        outputNames(out.keySet());
        return out;
    }

    /**
     * A policy's name becomes part of column names ({@code jurisdictions_NAME}, hyphens as underscores): two names that
     * give the same column, or a name whose column is a metric of its own, are refused here rather than written twice.
     */
    private void outputNames(Set<String> names) {
        Map<String, String> taken = new HashMap<>();
        org.jurisim.model.Metrics.coreDefinitions().forEach(d -> taken.put(d.name(), null));
        for (String name : names) {
            if (!name.matches("[a-z][a-z0-9-]*")) {
                continue; // refused by the schema's pattern
            }
            for (String[] fam : org.jurisim.model.Metrics.families()) {
                String column = fam[0].replace("{policy}", name.replace('-', '_'));
                if (taken.containsKey(column)) {
                    String other = taken.get(column);
                    problems.add(new Problem(sources.keyOf("policies." + name, display), "policies." + name,
                            "expected a policy name whose output columns are its own, found \"" + name + "\", whose column '" + column
                                    + "' is " + (other == null ? "a metric of every run" : "also that of policy \"" + other + "\"")
                                    + " (rename the policy)"));
                    break;
                }
                taken.put(column, name);
            }
        }
    }

    private void checkPolicy(String path, String policy, Map<String, PolicyDef> policies) {
        if (policy != null && !policies.containsKey(policy)) {
            problem(path, "expected a policy defined under 'policies' (" + String.join(", ", policies.keySet())
                    + "), found \"" + policy + "\"" + Suggest.hint(policy, policies.keySet()));
        }
    }

    // ---------------------------------------------------------------- parameters

    private Settings.Bookings bookings() {
        JsonNode b = tree.get("bookings");
        double[] shares = new double[Severity.values().length];
        double sum = 0;
        for (Severity s : Severity.values()) {
            shares[s.ordinal()] = b.get("severityShares").get(s.name()).asDouble();
            sum += shares[s.ordinal()];
        }
        if (sum <= 0) {
            problem("bookings.severityShares", "expected shares with a positive sum, found all zero");
            sum = 1;
        }
        for (int i = 0; i < shares.length; i++) {
            shares[i] /= sum;
        }
        return new Settings.Bookings(b.get("perCapitaPerYear").asDouble(), shares, b.get("judicialWarrantShare").asDouble(),
                b.get("priorRemovalShare").asDouble(), b.get("convictedShare").asDouble(), b.get("rebookingPerYear").asDouble());
    }

    private Settings.Ice ice() {
        JsonNode i = tree.get("ice");
        return new Settings.Ice(i.get("removableMatchRate").asDouble(), i.get("detainerRate").asDouble(),
                i.get("jailAccessIssueMultiplier").asDouble(), i.get("refusalResponse").asDouble(), i.get("refusalMemoryDays").asDouble(),
                i.get("declineRecordedShare").asDouble(), i.get("officers").asInt(), i.get("pickupsPerOfficerPerDay").asDouble(),
                i.get("holdDays").asInt(), i.get("notifyPickupProbability").asDouble(), i.get("detentionBeds").asInt(),
                i.get("initialOccupancy").asDouble(), schedule("ice.borderTransfers"), schedule("ice.interiorArrests"),
                i.get("otherAdmissionsPerDay").asDouble(), i.get("proceedingsMeanDays").asDouble(), i.get("atLargeStayDays").asDouble(),
                i.get("borderStayDays").asDouble(), i.get("removalShare").asDouble(), i.get("borderRemovalShare").asDouble(),
                i.get("atLargeResponse").asDouble(), i.get("atLargeStockPerYear").asDouble(), i.get("stockExitPerYear").asDouble(),
                i.get("atLargeOfficerCost").asDouble());
    }

    /** A list of {from, perDay} steps; the dates must be real and in increasing order. */
    private RateSchedule schedule(String path) {
        JsonNode list = tree.at(pointer(path));
        List<RateSchedule.Step> steps = new ArrayList<>();
        for (int k = 0; k < list.size(); k++) {
            String at = path + "[" + k + "]";
            LocalDate from = date(at + ".from");
            if (from == null) {
                continue;
            }
            if (!steps.isEmpty() && !from.isAfter(steps.get(steps.size() - 1).from())) {
                problem(at + ".from", "expected steps in date order, each after " + steps.get(steps.size() - 1).from() + ", found " + from);
                continue;
            }
            steps.add(new RateSchedule.Step(from, list.get(k).get("perDay").asDouble(), list.get(k).path("note").asText("")));
        }
        return new RateSchedule(steps);
    }

    private Settings.Federal federal(Map<String, PolicyDef> policies) {
        JsonNode f = tree.get("federal");
        Map<Priorities, Severity> th = new EnumMap<>(Priorities.class);
        for (Priorities p : Priorities.values()) {
            th.put(p, Severity.valueOf(f.get("priorityThresholds").get(p.name()).asText()));
        }
        String agreementPolicy = f.at("/agreement287g/policy").asText();
        checkPolicy("federal.agreement287g.policy", agreementPolicy, policies);
        return new Settings.Federal(Priorities.valueOf(f.get("priorities").asText()), th,
                f.get("priorRemovalAlwaysPriority").asBoolean(), agreementPolicy, f.at("/agreement287g/issueMultiplier").asDouble());
    }

    private Settings.Lognormal lognormal(JsonNode n) {
        return new Settings.Lognormal(n.get("median").asDouble(), n.get("sigma").asDouble());
    }

    private Settings.Courts courts(Map<String, PolicyDef> policies) {
        JsonNode c = tree.get("courts");
        JsonNode dd = c.get("decisionDays");
        Map<CaseType, Double> doctrine = new EnumMap<>(CaseType.class);
        for (CaseType t : CaseType.values()) {
            doctrine.put(t, c.get("doctrine").get(t.yamlName()).asDouble());
        }
        Map<String, Double> leans = new java.util.TreeMap<>();
        c.get("circuitLeans").fields().forEachRemaining(e -> leans.put(e.getKey(), e.getValue().asDouble()));
        List<Settings.Precedent> precedents = new ArrayList<>();
        for (JsonNode p : c.get("precedents")) {
            precedents.add(new Settings.Precedent(CaseType.fromYaml(p.get("type").asText()), p.get("court").asText(),
                    p.get("side").asText().equals("locality"), p.path("note").asText("")));
        }
        checkPolicy("courts.preemptedPolicy", c.get("preemptedPolicy").asText(), policies);
        return new Settings.Courts(c.get("injunctionScope").asText(), lognormal(dd.get("injunction")), lognormal(dd.get("district")),
                lognormal(dd.get("circuit")), lognormal(dd.get("supreme")), doctrine, c.get("leanWeight").asDouble(),
                c.get("bindingWeight").asDouble(), c.get("supremeWeight").asDouble(), c.get("persuasiveWeight").asDouble(),
                c.get("injunctionRequestProbability").asDouble(), c.get("appealProbability").asDouble(),
                c.get("certProbability").asDouble(), c.get("certProbabilityAfterSplit").asDouble(),
                c.get("supremeCourtLean").asDouble(), leans, c.get("preemptedPolicy").asText(), precedents,
                c.get("supremeGrantsPerYear").asInt(), c.get("governmentAppealProbability").asDouble());
    }

    private Settings.StateLawSettings stateLaw(Map<String, PolicyDef> policies) {
        JsonNode sl = tree.get("stateLaw");
        Map<String, String> initial = new LinkedHashMap<>();
        sl.get("initial").fields().forEachRemaining(e -> {
            if (ref.state(e.getKey()).isEmpty()) {
                problems.add(new Problem(sources.keyOf("stateLaw.initial." + e.getKey(), display), "stateLaw.initial." + e.getKey(),
                        "expected a state code (50 states and DC), found \"" + e.getKey() + "\"" + Suggest.hint(e.getKey(), ref.stateCodes())));
            }
            initial.put(e.getKey(), e.getValue().asText());
        });
        Map<String, LocalDate> bans = new LinkedHashMap<>();
        sl.get("bans287g").fields().forEachRemaining(e -> {
            String path = "stateLaw.bans287g." + e.getKey();
            if (ref.state(e.getKey()).isEmpty()) {
                problems.add(new Problem(sources.keyOf(path, display), path,
                        "expected a state code (50 states and DC), found \"" + e.getKey() + "\"" + Suggest.hint(e.getKey(), ref.stateCodes())));
            }
            try {
                bans.put(e.getKey(), LocalDate.parse(e.getValue().asText()));
            } catch (DateTimeException ex) {
                problem(path, "expected a real calendar date, found \"" + e.getValue().asText() + "\" (no such day)");
            }
        });
        checkPolicy("stateLaw.sanctuaryPolicy", sl.get("sanctuaryPolicy").asText(), policies);
        checkPolicy("stateLaw.antiSanctuaryPolicy", sl.get("antiSanctuaryPolicy").asText(), policies);
        return new Settings.StateLawSettings(initial, sl.get("sanctuaryPolicy").asText(), sl.get("antiSanctuaryPolicy").asText(), bans);
    }

    private Settings.Adaptation adaptation() {
        JsonNode a = tree.get("adaptation");
        JsonNode w = a.get("weights");
        return new Settings.Adaptation(a.get("everyDays").asInt(), a.get("baseline").asDouble(), new Settings.AdaptationWeights(
                w.get("partisanLean").asDouble(), w.get("foreignBornInteraction").asDouble(), w.get("peersState").asDouble(),
                w.get("peersNational").asDouble(), w.get("liability").asDouble(), w.get("fundsAtRisk").asDouble(),
                w.get("visibleEnforcement").asDouble(), w.get("inertia").asDouble()));
    }

    // ---------------------------------------------------------------- jurisdictions

    private List<JurisdictionSpec> jurisdictions(Settings.Bookings bookings, Settings.Grants grants, LocalDate start,
                                                 Map<String, PolicyDef> policies) {
        JsonNode j = tree.path("jurisdictions");
        if (!j.isObject()) {
            jurisdictionsComplete = false;
            return List.of(); // the schema says what is wrong
        }
        List<String> given = new ArrayList<>();
        for (String k : List.of("us", "generate", "csv", "list")) {
            if (j.has(k)) {
                given.add(k);
            }
        }
        boolean withNamed = given.equals(List.of("generate", "list")) || given.equals(List.of("us", "list"));
        if (given.size() != 1 && !withNamed) {
            String at = given.size() > 1 ? "jurisdictions." + given.get(given.size() - 1) : "jurisdictions";
            problems.add(new Problem(sources.keyOf(at, display), "jurisdictions",
                    "expected one of us, generate, csv or list (or us or generate with a list of named places), found "
                            + (given.isEmpty() ? "none" : String.join(" and ", given))));
            jurisdictionsComplete = false;
            return List.of();
        }
        double bpc = bookings.perCapitaPerYear();
        double gpc = grants.perCapitaPerYear();
        List<JurisdictionSpec> out = new ArrayList<>();
        if (j.has("list")) {
            out.addAll(list(j.get("list"), bpc, gpc));
        }
        int listed = out.size();
        if (j.has("us")) {
            out.addAll(realMap(j.get("us"), bpc, gpc, start, policies));
        }
        if (j.has("generate")) {
            out.addAll(generate(j.get("generate"), bpc, gpc, out));
        }
        if (j.has("csv")) {
            out.addAll(csv(j.get("csv"), bpc, gpc, policies.keySet()));
        }
        String source = j.has("csv") ? "csv" : j.has("us") ? "us" : "generate";
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < out.size(); i++) {
            Integer prev = seen.putIfAbsent(out.get(i).key(), i);
            if (prev != null) {
                boolean list = i < listed;
                String p = list ? "jurisdictions.list[" + i + "].name" : "jurisdictions." + source;
                String first = prev < listed ? "item " + prev + ", line " + at("jurisdictions.list[" + prev + "].name").line() : "item " + prev;
                problem(prev < listed && !list ? "jurisdictions.list[" + prev + "].name" : p,
                        "expected each jurisdiction ('Name, ST') once, found '" + out.get(i).key() + "' again (first as " + first + ")"
                        + (source.equals("us") && !list ? ": it is on the real map already; change its values with jurisdictions.pin" : ""));
            }
        }
        if (j.has("csv")) {
            for (int i = listed; i < out.size(); i++) {
                String bad = unprintable(out.get(i).name(), true);
                if (bad != null) {
                    problem("jurisdictions.csv.file", "expected names without control characters, found " + bad + " in the name of jurisdiction "
                            + (i - listed + 1) + " of the CSV file (a name is one line of printable text)");
                    break;
                }
            }
        }
        // a FIPS code names one place: two jurisdictions with the same code would be one place counted twice
        Map<String, Integer> fipsSeen = new HashMap<>();
        for (int i = 0; i < out.size(); i++) {
            String fips = out.get(i).fips();
            if (fips == null) {
                continue;
            }
            Integer prev = fipsSeen.putIfAbsent(fips, i);
            if (prev != null && !out.get(i).key().equals(out.get(prev).key())) {
                boolean list = i < listed;
                String p = list ? "jurisdictions.list[" + i + "].fips" : prev < listed ? "jurisdictions.list[" + prev + "].fips" : "jurisdictions." + source;
                problem(p, "expected each FIPS code once, found " + fips + " for both '" + out.get(prev).key() + "' and '" + out.get(i).key() + "'");
            }
        }
        // a city inside a county: the county must be in the scenario, with a jail
        Set<String> jails = new java.util.HashSet<>();
        for (JurisdictionSpec x : out) {
            if (!x.insideCounty()) {
                jails.addAll(x.counties());
            }
        }
        for (int i = 0; i < listed; i++) {
            JurisdictionSpec x = out.get(i);
            if (x.insideCounty() && !jails.contains(x.county())) {
                problem("jurisdictions.list[" + i + "].county", "expected the FIPS code of a county in the scenario, whose jail books the city's "
                        + "arrests, found '" + x.county() + "'" + org.jurisim.reference.UsData.load().county(x.county())
                        .map(c -> " (" + c.key() + ", which is not in the scenario)").orElse(" (no such county)"));
            }
        }
        return out;
    }

    private List<JurisdictionSpec> realMap(JsonNode u, double bpc, double gpc, LocalDate start, Map<String, PolicyDef> policies) {
        Set<String> states = new LinkedHashSet<>();
        int i = 0;
        for (JsonNode s : u.path("states")) {
            if (ref.state(s.asText()).isEmpty()) {
                problem("jurisdictions.us.states[" + i + "]", "expected a state code (50 states and DC), found \""
                        + s.asText() + "\"" + Suggest.hint(s.asText(), ref.stateCodes()));
            } else {
                states.add(s.asText());
            }
            i++;
        }
        if (states.isEmpty() && u.path("states").size() > 0) {
            jurisdictionsComplete = false; // no valid state at all: the names of the map cannot be known
            return List.of();
        }
        Set<String> places = new LinkedHashSet<>();
        u.path("places").forEach(p -> places.add(p.asText()));
        String doj = u.get("dojList").asText();
        if (!doj.equals("none") && !policies.containsKey(doj)) {
            checkPolicy("jurisdictions.us.dojList", doj, policies);
            doj = "none"; // the map is built all the same, so that its names are checked in the same pass
        }
        boolean started = start != null;
        if (start == null) {
            start = FIRST_DATE; // the start is refused already; the map's names do not depend on it
        }
        LocalDate sheetFrom = null;
        if (u.has("agreements287gFrom")) {
            sheetFrom = date("jurisdictions.us.agreements287gFrom");
            if (sheetFrom != null && u.get("agreements287g").asBoolean()) {
                problem("jurisdictions.us.agreements287gFrom", "expected agreements287g: false with it (the map starts from the sheet "
                        + "already; agreements287gFrom is for a scenario whose own events give the agreements before the date)");
                sheetFrom = null;
            } else if (sheetFrom != null && (sheetFrom.isBefore(RealMap.AGREEMENTS_TRACKED_FROM) || sheetFrom.isAfter(UsData.AGREEMENTS_SNAPSHOT))) {
                problem("jurisdictions.us.agreements287gFrom", "expected a date from " + RealMap.AGREEMENTS_TRACKED_FROM + " to "
                        + UsData.AGREEMENTS_SNAPSHOT + " (the dates ICE's sheets cover), found " + sheetFrom);
                sheetFrom = null;
            } else if (sheetFrom != null && started && sheetFrom.isBefore(start)) {
                problem("jurisdictions.us.agreements287gFrom", "expected a date on or after the scenario start " + start
                        + " (a map that starts later can start from the sheet: agreements287g: true), found " + sheetFrom);
                sheetFrom = null;
            }
        }
        RealMap.Result r = RealMap.build(new RealMap.Settings(states, u.get("minPopulation").asLong(), places, u.get("cities").asBoolean(),
                u.get("cityMinPopulation").asLong(), u.get("agreements287g").asBoolean(), doj.equals("none") ? null : doj, start, bpc, gpc,
                sheetFrom));
        if (!places.isEmpty()) {
            Set<String> found = new java.util.HashSet<>();
            r.jurisdictions().forEach(j -> {
                found.add(j.key());
                if (j.fips() != null) {
                    found.add(j.fips());
                }
            });
            Set<String> known = new java.util.TreeSet<>();
            org.jurisim.reference.UsData.load().counties().forEach(c -> known.add(c.key()));
            org.jurisim.reference.UsData.load().places().forEach(p -> known.add(p.key()));
            int k = 0;
            for (String p : places) {
                if (!found.contains(p)) {
                    problem("jurisdictions.us.places[" + k + "]", "expected a county or city of the real map (\"Name, ST\" as in the Census, or a FIPS "
                            + "code), found '" + p + "'" + Suggest.hint(p, known) + (states.isEmpty() ? "" : " (only states " + states + " are included)"));
                }
                k++;
            }
        }
        if (r.jurisdictions().isEmpty() && problems.isEmpty()) {
            problem("jurisdictions.us", "expected filters that leave at least one jurisdiction, found none left");
        }
        notes.addAll(r.notes());
        agreementChanges = r.agreementChanges();
        return r.jurisdictions();
    }

    private List<JurisdictionSpec> generate(JsonNode g, double bpc, double gpc, List<JurisdictionSpec> named) {
        Set<String> states = new LinkedHashSet<>();
        if (g.has("states")) {
            int i = 0;
            for (JsonNode s : g.get("states")) {
                if (ref.state(s.asText()).isEmpty()) {
                    problem("jurisdictions.generate.states[" + i + "]", "expected a state code (50 states and DC), found \""
                            + s.asText() + "\"" + Suggest.hint(s.asText(), ref.stateCodes()));
                }
                states.add(s.asText());
                i++;
            }
        }
        if (states.stream().anyMatch(s -> ref.state(s).isEmpty())) {
            jurisdictionsComplete = false; // generated names depend on the states: they cannot be known
            return List.of();
        }
        Map<String, Long> reservedPopulation = new HashMap<>();
        Map<String, Integer> reservedCounties = new HashMap<>();
        for (JurisdictionSpec n : named) {
            reservedPopulation.merge(n.state(), n.population(), Long::sum);
            if (!n.kind().equals("city")) {
                reservedCounties.merge(n.state(), 1, Integer::sum);
            }
        }
        int counties = g.has("counties") ? g.get("counties").asInt()
                : CountyGenerator.realCounties(ref, states) - reservedCounties.values().stream().mapToInt(Integer::intValue).sum();
        return CountyGenerator.generate(new CountyGenerator.Settings(Math.max(1, counties), states,
                g.get("populationSigma").asDouble(), g.get("foreignBornElasticity").asDouble(), g.get("foreignBornNoise").asDouble(),
                g.get("leanPerLogPopulation").asDouble(), g.get("leanPerForeignBorn").asDouble(), g.get("leanNoise").asDouble(),
                g.get("seed").asLong(), bpc, gpc, reservedPopulation, reservedCounties), ref);
    }

    private List<JurisdictionSpec> csv(JsonNode c, double bpc, double gpc, Set<String> policyNames) {
        String rel = c.get("file").asText();
        // relative to the file that names it: a parent scenario's csv.file is next to the parent (a --set one, to this file)
        String namedIn = at("jurisdictions.csv.file").file();
        Path from = namedIn.startsWith("--set") || namedIn.equals(display) ? file : Path.of(namedIn);
        Path base = from.toAbsolutePath().getParent();
        Path csvFile;
        Path shown;
        try {
            csvFile = base.resolve(rel).normalize();
            shown = from.getParent() == null ? Path.of(rel) : from.getParent().resolve(rel).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            problem("jurisdictions.csv.file", "expected the path of a CSV file, found " + YamlDocument.describe(c.get("file"))
                    + ", which is not a valid path (" + e.getReason() + ")");
            jurisdictionsComplete = false;
            return List.of();
        }
        if (java.nio.file.Files.exists(csvFile) && !java.nio.file.Files.isRegularFile(csvFile)) {
            // a directory, a device such as /dev/zero or a pipe: never read without end
            problem("jurisdictions.csv.file", "expected a CSV file, found " + (java.nio.file.Files.isDirectory(csvFile) ? "a directory"
                    : "something that is not a regular file") + " at " + rel);
            jurisdictionsComplete = false;
            return List.of();
        }
        CsvJurisdictions.Settings settings = CsvJurisdictions.settings(c, sources, "jurisdictions.csv", policyNames);
        List<JurisdictionSpec> out = CsvJurisdictions.read(csvFile, shown.toString(), settings, at("jurisdictions.csv.file"),
                "jurisdictions.csv.file", ref, bpc, gpc, problems, notes);
        // record the absolute path so scenario.resolved.yaml runs from anywhere
        ((ObjectNode) c).put("file", csvFile.toString());
        return out;
    }

    private List<JurisdictionSpec> list(JsonNode l, double bpc, double gpc) {
        List<JurisdictionSpec> out = new ArrayList<>();
        int i = 0;
        for (JsonNode j : l) {
            String p = "jurisdictions.list[" + i + "]";
            String st = j.get("state").asText();
            State state = ref.state(st).orElse(null);
            if (state == null) {
                problem(p + ".state", "expected a state code (50 states and DC), found \"" + st + "\"" + Suggest.hint(st, ref.stateCodes()));
                refusedKeys.add(j.get("name").asText() + ", " + st);
                i++;
                continue;
            }
            String name = j.get("name").asText();
            // a real county (by FIPS, or by its Census name) sits in its real district and field office
            org.jurisim.reference.UsData us = org.jurisim.reference.UsData.load();
            org.jurisim.reference.UsData.County real = j.has("fips") ? us.county(j.get("fips").asText()).orElse(null) : null;
            if (real != null && !real.state().equals(st)) {
                problem(p + ".fips", "expected a FIPS code of a county in " + st + ", found " + real.fips() + ", which is " + real.key());
                refusedKeys.add(name + ", " + st);
                i++;
                continue;
            }
            if (real == null && !j.has("fips")) {
                real = us.countyByKey(name + ", " + st).orElse(null);
            }
            String county = j.has("county") ? j.get("county").asText() : null;
            org.jurisim.reference.UsData.County where = real != null ? real : county != null ? us.county(county).orElse(null) : null;
            District d;
            if (j.has("district")) {
                String id = j.get("district").asText();
                d = ref.district(id).filter(x -> x.state().equals(st)).orElse(null);
                if (d == null) {
                    List<String> ids = ref.districtsOf(st).stream().map(District::id).toList();
                    problem(p + ".district", "expected a federal district of " + st + " (" + String.join(", ", ids) + "), found \""
                            + id + "\"" + Suggest.hint(id, ids));
                    refusedKeys.add(name + ", " + st);
                    i++;
                    continue;
                }
            } else if (where != null) {
                d = ref.district(where.district()).orElseThrow();
            } else {
                d = Placement.district(ref, st, name);
            }
            String fips = j.has("fips") ? j.get("fips").asText() : real != null ? real.fips() : null;
            out.add(new JurisdictionSpec(name, st, j.get("kind").asText(), fips,
                    j.get("population").asLong(),
                    j.has("foreignBornShare") ? j.get("foreignBornShare").asDouble() : state.foreignBornShare(),
                    j.has("partisanLean") ? j.get("partisanLean").asDouble() : state.demTwoPartyShare(),
                    j.has("bookingsPerCapitaPerYear") ? j.get("bookingsPerCapitaPerYear").asDouble() : bpc,
                    j.has("grantsPerCapitaPerYear") ? j.get("grantsPerCapitaPerYear").asDouble() : gpc,
                    d.id(), d.circuit(), where != null ? where.fieldOffice() : Placement.fieldOffice(ref, st, name),
                    j.has("policy") ? j.get("policy").asText() : null, j.get("agreement287g").asBoolean(), j.get("pinned").asBoolean(),
                    county, fips != null && fips.length() == 5 ? List.of(fips) : List.of(),
                    where != null ? "scenario list (court and field office of " + where.key() + ")" : "scenario list"));
            i++;
        }
        return out;
    }

    private List<JurisdictionSpec> pins(List<JurisdictionSpec> js, Map<String, PolicyDef> policies) {
        JsonNode pins = tree.at("/jurisdictions/pin");
        if (pins.isEmpty()) {
            return js;
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < js.size(); i++) {
            index.put(js.get(i).key(), i);
        }
        List<JurisdictionSpec> out = new ArrayList<>(js);
        Map<Integer, Integer> pinned = new HashMap<>();
        int i = 0;
        for (JsonNode pin : pins) {
            int pinIndex = i;
            String p = "jurisdictions.pin[" + i++ + "]";
            String key = pin.get("name").asText() + ", " + pin.get("state").asText();
            Integer idx = index.get(key);
            if (idx == null && !named(key)) {
                problem(p + ".name", "expected the name of a jurisdiction in the scenario, found '" + key + "'" + Suggest.hint(key, index.keySet()));
                continue;
            }
            if (idx == null) {
                continue; // a jurisdiction refused already
            }
            Integer first = pinned.putIfAbsent(idx, pinIndex);
            if (first != null) {
                problem(p + ".name", "expected each jurisdiction pinned once, found '" + key + "' again (first as jurisdictions.pin[" + first
                        + "], line " + at("jurisdictions.pin[" + first + "].name").line() + "): merge the two into one");
                continue;
            }
            JurisdictionSpec j = out.get(idx);
            if (pin.has("policy")) {
                checkPolicy(p + ".policy", pin.get("policy").asText(), policies);
                j = j.withPolicy(pin.get("policy").asText(), pin.get("pinned").asBoolean());
            } else if (!pin.get("pinned").asBoolean()) {
                j = j.withPolicy(j.policy(), false);
            } else {
                j = j.withPolicy(j.policy(), true);
            }
            if (pin.has("agreement287g")) {
                j = j.withAgreement(pin.get("agreement287g").asBoolean());
            }
            out.set(idx, j.withSource(p + "; " + j.source()));
        }
        return out;
    }

    private List<JurisdictionSpec> initialPolicies(List<JurisdictionSpec> js, Map<String, PolicyDef> policies, LocalDate start,
                                                   Settings.Federal federal, Settings.Grants grants, Settings.Community community,
                                                   Settings.GrantConditions grantConditions, Settings.StateLawSettings stateLaw) {
        String def = tree.at("/initialPolicy/default").asText();
        checkPolicy("initialPolicy.default", def, policies);
        List<CompiledRule> conds = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        JsonNode rules = tree.at("/initialPolicy/rules");
        for (int i = 0; i < rules.size(); i++) {
            String p = "initialPolicy.rules[" + i + "]";
            conds.add(rule(p + ".when", RuleKind.CONDITION));
            String target = rules.get(i).get("policy").asText();
            checkPolicy(p + ".policy", target, policies);
            targets.add(target);
        }
        for (int k = 0; k < js.size(); k++) {
            if (js.get(k).policy() != null) {
                checkPolicy(listPath(k) + ".policy", js.get(k).policy(), policies);
            }
        }
        if (start == null || conds.contains(null) || !policies.containsKey(def) || !policies.keySet().containsAll(targets)) {
            return js; // the rules cannot be applied; what is wrong with them is reported
        }
        RuleInputs in = new RuleInputs();
        List<JurisdictionSpec> out = new ArrayList<>(js.size());
        for (JurisdictionSpec j : js) {
            if (j.policy() != null) {
                out.add(j);
                continue;
            }
            fill(in, j, start, federal, grants, community, grantConditions, stateLaw);
            String chosen = def;
            String why = "initialPolicy.default";
            for (int i = 0; i < conds.size(); i++) {
                try {
                    if (conds.get(i).test(in)) {
                        chosen = targets.get(i);
                        why = "initialPolicy.rules[" + i + "]";
                        break;
                    }
                } catch (RuleEvaluationException e) {
                    problems.add(new Problem(conds.get(i).origin(), conds.get(i).fieldPath(), "rule failed for " + j.key() + ": " + e.getMessage()));
                    return js;
                }
            }
            out.add(j.withPolicy(chosen, false).withSource(why + "; " + j.source()));
        }
        return out;
    }

    private String listPath(int k) {
        return tree.at("/jurisdictions/list").isArray() ? "jurisdictions.list[" + k + "]" : "jurisdictions";
    }

    /**
     * Fills rule inputs with what is known of a jurisdiction at the start of a run: the state laws of
     * stateLaw.initial, funds at risk under the grant conditions in force at the start, no liability exposure.
     */
    static void fill(RuleInputs in, JurisdictionSpec j, LocalDate start, Settings.Federal federal, Settings.Grants grants,
                     Settings.Community community, Settings.GrantConditions grantConditions, Settings.StateLawSettings stateLaw) {
        String law = stateLaw.initial().getOrDefault(j.state(), "none");
        double atRisk = grantConditions.active() ? j.population() * j.grantsPerCapitaPerYear() * grantConditions.withholdShare() : 0;
        in.setName(j.name()).setState(j.state()).setKind(j.kind()).setPopulation(j.population())
                .setForeignBornShare(j.foreignBornShare()).setPartisanLean(j.partisanLean()).setAgreement287g(j.agreement287g())
                .setFundsAtRisk(atRisk).setLiabilityExposure(0).setTrust(community.initialTrust())
                .setSanctuaryLaw(law.equals("sanctuary")).setAntiSanctuaryLaw(law.equals("anti-sanctuary"))
                .setPriorities(federal.priorities().name()).setDate(start).setDay(0);
    }

    // ---------------------------------------------------------------- events

    private static final Map<String, Set<String>> EVENT_FIELDS = Map.ofEntries(
            Map.entry("priorities", Set.of("value")),
            Map.entry("detentionCapacity", Set.of("beds")),
            Map.entry("officers", Set.of("count")),
            Map.entry("proceedings", Set.of("meanDays")),
            Map.entry("offer287g", Set.of("when", "jurisdictions", "acceptance")),
            Map.entry("end287g", Set.of("when", "jurisdictions")),
            Map.entry("setPolicy", Set.of("when", "jurisdictions", "policy", "hold")),
            Map.entry("stateLaw", Set.of("state", "law")),
            Map.entry("grantConditions", Set.of("active", "withholdShare")),
            Map.entry("suit", Set.of("caseType", "plaintiff", "defendant")),
            Map.entry("set", Set.of("path", "value")));

    private List<ScenarioEvent> events(LocalDate start, Map<String, PolicyDef> policies, List<JurisdictionSpec> js) {
        List<ScenarioEvent> out = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        js.forEach(j -> keys.add(j.key()));
        JsonNode events = tree.get("events");
        for (int i = 0; i < events.size(); i++) {
            String p = "events[" + i + "]";
            JsonNode e = events.get(i);
            String kind = e.get("do").asText();
            Set<String> allowed = EVENT_FIELDS.get(kind);
            e.fieldNames().forEachRemaining(f -> {
                if (!f.equals("on") && !f.equals("do") && !f.equals("note") && !allowed.contains(f)) {
                    java.util.TreeSet<String> takes = new java.util.TreeSet<>(allowed);
                    takes.addAll(List.of("on", "do", "note"));
                    problems.add(new Problem(sources.keyOf(p + "." + f, display), p + "." + f,
                            "field '" + f + "' does not apply to a '" + kind + "' event; expected one of: " + String.join(", ", takes)));
                }
            });
            LocalDate on = date(p + ".on");
            boolean dated = on != null;
            if (dated && start != null && on.isBefore(start)) {
                problem(p + ".on", "expected a date on or after the scenario start " + start + ", found " + on);
                dated = false;
            }
            if (!dated) {
                // the date is refused: the rest of the event is checked all the same (every problem in one pass)
                on = start != null ? start : FIRST_DATE;
            }
            int before = out.size();
            try {
                event(e, p, kind, on, start, policies, keys, out);
            } catch (RuntimeException ex) {
                if (!afterSchemaProblems) {
                    throw ex;
                }
                dated = false; // a value of the event the schema refused: reported already
            }
            if (!dated) {
                out.subList(before, out.size()).clear();
            }
        }
        return out;
    }

    /** Checks one event and adds it to {@code out}. */
    private void event(JsonNode e, String p, String kind, LocalDate on, LocalDate start, Map<String, PolicyDef> policies,
                       Set<String> keys, List<ScenarioEvent> out) {
        {
            String note = e.path("note").asText("");
            switch (kind) {
                case "priorities" -> {
                    LiveParameter lp = ScenarioSchema.get().liveParameter("federal.priorities").orElseThrow();
                    java.util.Optional<String> bad = lp.check(e.get("value"));
                    if (bad.isPresent()) {
                        problem(p + ".value", bad.get());
                    } else {
                        out.add(new ScenarioEvent.PrioritiesChange(on, note, Priorities.valueOf(e.get("value").asText())));
                    }
                }
                case "grantConditions" -> out.add(new ScenarioEvent.GrantConditionsChange(on, note, e.get("active").asBoolean(),
                        e.has("withholdShare") ? e.get("withholdShare").asDouble() : null));
                case "suit" -> {
                    CaseType type = CaseType.fromYaml(e.get("caseType").asText());
                    String pl = e.get("plaintiff").asText();
                    String df = e.get("defendant").asText();
                    checkParty(p + ".plaintiff", pl, type, true, keys);
                    checkParty(p + ".defendant", df, type, false, keys);
                    out.add(new ScenarioEvent.Suit(on, note, type, pl, df));
                }
                case "set" -> {
                    String path = e.get("path").asText();
                    java.util.Optional<LiveParameter> lp = ScenarioSchema.get().liveParameter(path);
                    if (lp.isEmpty()) {
                        List<String> live = ScenarioSchema.get().liveParameters().stream().map(LiveParameter::path).toList();
                        problem(p + ".path", "expected a live parameter (" + String.join(", ", live) + "), found \"" + path + "\""
                                + Suggest.hint(path, live));
                    } else {
                        java.util.Optional<String> bad = lp.get().check(e.get("value"));
                        if (bad.isPresent()) {
                            problem(p + ".value", bad.get());
                        } else {
                            out.add(new ScenarioEvent.SetParameter(on, note, path, e.get("value")));
                        }
                    }
                }
                case "detentionCapacity" -> out.add(new ScenarioEvent.DetentionCapacity(on, note, e.get("beds").asInt()));
                case "officers" -> out.add(new ScenarioEvent.OfficerCount(on, note, e.get("count").asInt()));
                case "proceedings" -> out.add(new ScenarioEvent.ProceedingsSpeed(on, note, e.get("meanDays").asDouble()));
                case "offer287g" -> {
                    ScenarioEvent.Selection sel = selection(p, e, keys);
                    if (!e.has("acceptance")) {
                        problems.add(new Problem(sources.keyOf(p, display), p + ".acceptance", "missing required field 'acceptance' for an offer287g event"));
                    } else if (sel != null) {
                        out.add(new ScenarioEvent.Offer287g(on, note, sel, e.get("acceptance").asDouble()));
                    }
                }
                case "end287g" -> {
                    ScenarioEvent.Selection sel = selection(p, e, keys);
                    if (sel != null) {
                        out.add(new ScenarioEvent.End287g(on, note, sel));
                    }
                }
                case "setPolicy" -> {
                    ScenarioEvent.Selection sel = selection(p, e, keys);
                    String pol = e.get("policy").asText();
                    checkPolicy(p + ".policy", pol, policies);
                    if (sel != null) {
                        out.add(new ScenarioEvent.SetPolicy(on, note, sel, pol, e.has("hold") ? e.get("hold").asBoolean() : null));
                    }
                }
                case "stateLaw" -> {
                    String st = e.get("state").asText();
                    if (ref.state(st).isEmpty()) {
                        problem(p + ".state", "expected a state code (50 states and DC), found \"" + st + "\"" + Suggest.hint(st, ref.stateCodes()));
                    }
                    ScenarioEvent.StateLaw.Law law = ScenarioEvent.StateLaw.Law.valueOf(e.get("law").asText().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
                    out.add(new ScenarioEvent.StateLaw(on, note, st, law));
                }
                default -> throw new IllegalStateException("event kind not handled: " + kind);
            }
        }
    }

    /** Who may sue whom, per case type: jurisdictions by "Name, ST", states by code, "United States", "individual". */
    private void checkParty(String path, String party, CaseType type, boolean plaintiff, Set<String> keys) {
        String expected;
        boolean ok;
        boolean isJurisdiction = keys.contains(party) || named(party);
        boolean isState = ref.state(party).isPresent();
        boolean isUs = party.equals("United States");
        switch (type) {
            case GRANT_CONDITIONS -> {
                ok = plaintiff ? isJurisdiction || isState : isUs;
                expected = plaintiff ? "a jurisdiction ('Name, ST') or a state code" : "United States";
            }
            case PREEMPTION -> {
                ok = plaintiff ? isUs : isJurisdiction || isState;
                expected = plaintiff ? "United States" : "a jurisdiction ('Name, ST') or a state code";
            }
            case DETAINER_LIABILITY -> {
                ok = plaintiff ? party.equals("individual") : isJurisdiction;
                expected = plaintiff ? "individual" : "a jurisdiction ('Name, ST')";
            }
            default -> {
                ok = plaintiff ? isJurisdiction : isState;
                expected = plaintiff ? "a jurisdiction ('Name, ST')" : "a state code";
            }
        }
        if (!ok) {
            List<String> cands = new ArrayList<>(keys);
            cands.add("United States");
            problem(path, "expected " + expected + " in a suit of type " + type.yamlName() + ", found \"" + party + "\""
                    + Suggest.hint(party, cands));
        }
    }

    /**
     * Whether a name that is not among the scenario's jurisdictions may still be one: a jurisdiction refused for a
     * problem already reported, or any name when a source of jurisdictions could not be read at all.
     */
    private boolean named(String key) {
        return !jurisdictionsComplete || refusedKeys.contains(key);
    }

    private ScenarioEvent.Selection selection(String p, JsonNode e, Set<String> keys) {
        if (!e.has("when") && !e.has("jurisdictions")) {
            problems.add(new Problem(sources.keyOf(p, display), p, "expected 'when' or 'jurisdictions' to say which jurisdictions, found neither"));
            return null;
        }
        CompiledRule when = e.has("when") ? rule(p + ".when", RuleKind.CONDITION) : null;
        List<String> names = new ArrayList<>();
        if (e.has("jurisdictions")) {
            int k = 0;
            for (JsonNode n : e.get("jurisdictions")) {
                String key = n.asText();
                if (!keys.contains(key) && !named(key)) {
                    problem(p + ".jurisdictions[" + k + "]", "expected a jurisdiction of the scenario as 'Name, ST', found '" + key + "'"
                            + Suggest.hint(key, keys));
                }
                names.add(key);
                k++;
            }
        }
        return new ScenarioEvent.Selection(when, names);
    }
}
