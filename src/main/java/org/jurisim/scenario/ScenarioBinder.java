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
import org.jurisim.reference.UsReference;
import org.jurisim.rules.CompiledRule;
import org.jurisim.rules.RuleCompiler;
import org.jurisim.rules.RuleEvaluationException;
import org.jurisim.rules.RuleInputs;
import org.jurisim.rules.RuleKind;
import org.jurisim.rules.Severity;

/** Turns a schema-valid scenario tree into a {@link Scenario}: the checks a schema cannot express, and rule compilation. */
final class ScenarioBinder {

    /** Longest simulated horizon accepted without raising the limit. */
    static final int MAX_DAYS = 200 * 366;

    private static final RuleCompiler COMPILER = new RuleCompiler();

    private final ObjectNode tree;
    private final SourceMap sources;
    private final String display;
    private final Path file;
    private final List<Problem> problems = new ArrayList<>();
    private final UsReference ref = UsReference.load();

    private ScenarioBinder(ObjectNode tree, SourceMap sources, String display, Path file) {
        this.tree = tree;
        this.sources = sources;
        this.display = display;
        this.file = file;
    }

    static Scenario bind(ObjectNode tree, SourceMap sources, String display, Path file, String sha) throws BadInputException {
        return new ScenarioBinder(tree, sources, display, file).bind(sha);
    }

    private Location at(String path) {
        return sources.valueOf(path, display);
    }

    private void problem(String path, String message) {
        problems.add(new Problem(at(path), path, message));
    }

    private Scenario bind(String sha) throws BadInputException {
        String name = tree.get("name").asText();
        String description = tree.path("description").asText("");
        LocalDate start = date("start");
        int days = 0;
        if (start != null) {
            days = duration(start, tree.get("duration").asText());
        }
        long seed = tree.get("seed").asLong();

        Map<String, PolicyDef> policies = policies();
        Settings.Bookings bookings = bookings();
        Settings.Ice ice = ice();
        Settings.Federal federal = federal(policies);
        Settings.Grants grants = new Settings.Grants(tree.at("/grants/perCapitaPerYear").asDouble());
        Settings.Community community = new Settings.Community(tree.at("/community/initialTrust").asDouble());
        Settings.Metrics metrics = new Settings.Metrics(tree.at("/metrics/rollingWindowDays").asInt());
        List<JurisdictionSpec> jurisdictions = jurisdictions(bookings, grants);
        jurisdictions = pins(jurisdictions, policies);
        jurisdictions = initialPolicies(jurisdictions, policies, start, federal, grants, community);
        List<ScenarioEvent> events = events(start, policies, jurisdictions);
        List<String> charts = new ArrayList<>();
        tree.at("/outputs/charts").forEach(c -> charts.add(c.asText()));
        if (!problems.isEmpty()) {
            problems.sort(Problem.ORDER);
            throw new BadInputException(problems);
        }
        return new Scenario(name, description, display, sha, start, days, seed, jurisdictions, policies, bookings, ice,
                federal, grants, community, metrics, events, charts, tree);
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
        if (days > MAX_DAYS) {
            problem("duration", "expected at most " + MAX_DAYS + " days (200 years) of daily steps, found " + days
                    + " days; split the question into shorter runs");
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
            out.put(name, new PolicyDef(name, ps.get(name).path("description").asText(""), det, share, access));
        });
        return out;
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
                b.get("priorRemovalShare").asDouble(), b.get("convictedShare").asDouble());
    }

    private Settings.Ice ice() {
        JsonNode i = tree.get("ice");
        return new Settings.Ice(i.get("removableMatchRate").asDouble(), i.get("detainerRate").asDouble(),
                i.get("jailAccessIssueMultiplier").asDouble(), i.get("officers").asInt(), i.get("pickupsPerOfficerPerDay").asDouble(),
                i.get("holdDays").asInt(), i.get("notifyPickupProbability").asDouble(), i.get("detentionBeds").asInt(),
                i.get("initialOccupancy").asDouble(), i.get("otherAdmissionsPerDay").asDouble(),
                i.get("proceedingsMeanDays").asDouble(), i.get("removalShare").asDouble());
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

    // ---------------------------------------------------------------- jurisdictions

    private List<JurisdictionSpec> jurisdictions(Settings.Bookings bookings, Settings.Grants grants) {
        JsonNode j = tree.get("jurisdictions");
        List<String> given = new ArrayList<>();
        for (String k : List.of("generate", "csv", "list")) {
            if (j.has(k)) {
                given.add(k);
            }
        }
        if (given.size() != 1) {
            problems.add(new Problem(sources.keyOf("jurisdictions", display), "jurisdictions",
                    "expected exactly one of generate, csv or list, found " + (given.isEmpty() ? "none" : String.join(" and ", given))));
            return List.of();
        }
        double bpc = bookings.perCapitaPerYear();
        double gpc = grants.perCapitaPerYear();
        List<JurisdictionSpec> out;
        switch (given.get(0)) {
            case "generate" -> out = generate(j.get("generate"), bpc, gpc);
            case "csv" -> out = csv(j.get("csv"), bpc, gpc);
            default -> out = list(j.get("list"), bpc, gpc);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < out.size(); i++) {
            Integer prev = seen.putIfAbsent(out.get(i).key(), i);
            if (prev != null) {
                String p = given.get(0).equals("list") ? "jurisdictions.list[" + i + "]" : "jurisdictions." + given.get(0);
                problem(p, "duplicate jurisdiction '" + out.get(i).key() + "' (also item " + prev + ")");
            }
        }
        return out;
    }

    private List<JurisdictionSpec> generate(JsonNode g, double bpc, double gpc) {
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
        if (!problems.isEmpty()) {
            return List.of();
        }
        return CountyGenerator.generate(new CountyGenerator.Settings(g.get("counties").asInt(), states,
                g.get("populationSigma").asDouble(), g.get("foreignBornElasticity").asDouble(), g.get("foreignBornNoise").asDouble(),
                g.get("leanPerLogPopulation").asDouble(), g.get("leanPerForeignBorn").asDouble(), g.get("leanNoise").asDouble(),
                g.get("seed").asLong(), bpc, gpc), ref);
    }

    private List<JurisdictionSpec> csv(JsonNode c, double bpc, double gpc) {
        String rel = c.get("file").asText();
        Path base = file.toAbsolutePath().getParent();
        Path csvFile = base.resolve(rel).normalize();
        Path shown = file.getParent() == null ? Path.of(rel) : file.getParent().resolve(rel).normalize();
        CsvJurisdictions.Columns cols = CsvJurisdictions.columns(c.get("columns"), sources, "jurisdictions.csv.columns");
        List<JurisdictionSpec> out = CsvJurisdictions.read(csvFile, shown.toString(), cols, at("jurisdictions.csv.file"),
                "jurisdictions.csv.file", ref, bpc, gpc, problems);
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
                i++;
                continue;
            }
            String name = j.get("name").asText();
            District d;
            if (j.has("district")) {
                String id = j.get("district").asText();
                d = ref.district(id).filter(x -> x.state().equals(st)).orElse(null);
                if (d == null) {
                    List<String> ids = ref.districtsOf(st).stream().map(District::id).toList();
                    problem(p + ".district", "expected a federal district of " + st + " (" + String.join(", ", ids) + "), found \""
                            + id + "\"" + Suggest.hint(id, ids));
                    i++;
                    continue;
                }
            } else {
                d = Placement.district(ref, st, name);
            }
            out.add(new JurisdictionSpec(name, st, j.get("kind").asText(), j.has("fips") ? j.get("fips").asText() : null,
                    j.get("population").asLong(),
                    j.has("foreignBornShare") ? j.get("foreignBornShare").asDouble() : state.foreignBornShare(),
                    j.has("partisanLean") ? j.get("partisanLean").asDouble() : state.demTwoPartyShare(),
                    j.has("bookingsPerCapitaPerYear") ? j.get("bookingsPerCapitaPerYear").asDouble() : bpc,
                    j.has("grantsPerCapitaPerYear") ? j.get("grantsPerCapitaPerYear").asDouble() : gpc,
                    d.id(), d.circuit(), Placement.fieldOffice(ref, st, name),
                    j.has("policy") ? j.get("policy").asText() : null, j.get("agreement287g").asBoolean(), j.has("policy")));
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
        int i = 0;
        for (JsonNode pin : pins) {
            String p = "jurisdictions.pin[" + i++ + "]";
            String key = pin.get("name").asText() + ", " + pin.get("state").asText();
            Integer idx = index.get(key);
            if (idx == null) {
                problem(p + ".name", "expected the name of a jurisdiction in the scenario, found '" + key + "'" + Suggest.hint(key, index.keySet()));
                continue;
            }
            JurisdictionSpec j = out.get(idx);
            if (pin.has("policy")) {
                checkPolicy(p + ".policy", pin.get("policy").asText(), policies);
                j = j.withPolicy(pin.get("policy").asText(), true);
            }
            if (pin.has("agreement287g")) {
                j = j.withAgreement(pin.get("agreement287g").asBoolean());
            }
            out.set(idx, j);
        }
        return out;
    }

    private List<JurisdictionSpec> initialPolicies(List<JurisdictionSpec> js, Map<String, PolicyDef> policies, LocalDate start,
                                                   Settings.Federal federal, Settings.Grants grants, Settings.Community community) {
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
        if (!problems.isEmpty()) {
            return js;
        }
        RuleInputs in = new RuleInputs();
        List<JurisdictionSpec> out = new ArrayList<>(js.size());
        for (JurisdictionSpec j : js) {
            if (j.policy() != null) {
                out.add(j);
                continue;
            }
            fill(in, j, start, federal, grants, community);
            String chosen = def;
            for (int i = 0; i < conds.size(); i++) {
                try {
                    if (conds.get(i).test(in)) {
                        chosen = targets.get(i);
                        break;
                    }
                } catch (RuleEvaluationException e) {
                    problems.add(new Problem(conds.get(i).origin(), conds.get(i).fieldPath(), "rule failed for " + j.key() + ": " + e.getMessage()));
                    return js;
                }
            }
            out.add(j.withPolicy(chosen, false));
        }
        return out;
    }

    private String listPath(int k) {
        return tree.at("/jurisdictions/list").isArray() ? "jurisdictions.list[" + k + "]" : "jurisdictions";
    }

    /** Fills rule inputs with what is known of a jurisdiction at the start of a run. */
    static void fill(RuleInputs in, JurisdictionSpec j, LocalDate start, Settings.Federal federal, Settings.Grants grants,
                     Settings.Community community) {
        in.setName(j.name()).setState(j.state()).setKind(j.kind()).setPopulation(j.population())
                .setForeignBornShare(j.foreignBornShare()).setPartisanLean(j.partisanLean()).setAgreement287g(j.agreement287g())
                .setFundsAtRisk(j.population() * j.grantsPerCapitaPerYear()).setLiabilityExposure(0).setTrust(community.initialTrust())
                .setSanctuaryLaw(false).setAntiSanctuaryLaw(false).setPriorities(federal.priorities().name())
                .setDate(start).setDay(0);
    }

    // ---------------------------------------------------------------- events

    private static final Map<String, Set<String>> EVENT_FIELDS = Map.of(
            "priorities", Set.of("value"),
            "detentionCapacity", Set.of("beds"),
            "officers", Set.of("count"),
            "proceedings", Set.of("meanDays"),
            "offer287g", Set.of("when", "jurisdictions", "acceptance"),
            "end287g", Set.of("when", "jurisdictions"),
            "setPolicy", Set.of("when", "jurisdictions", "policy"),
            "stateLaw", Set.of("state", "law"));

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
                    problems.add(new Problem(sources.keyOf(p + "." + f, display), p + "." + f,
                            "field '" + f + "' does not apply to a '" + kind + "' event (it takes: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")"));
                }
            });
            LocalDate on = date(p + ".on");
            if (on == null) {
                continue;
            }
            if (start != null && on.isBefore(start)) {
                problem(p + ".on", "expected a date on or after the scenario start " + start + ", found " + on);
                continue;
            }
            String note = e.path("note").asText("");
            switch (kind) {
                case "priorities" -> out.add(new ScenarioEvent.PrioritiesChange(on, note, Priorities.valueOf(e.get("value").asText())));
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
                        out.add(new ScenarioEvent.SetPolicy(on, note, sel, pol));
                    }
                }
                case "stateLaw" -> {
                    String st = e.get("state").asText();
                    if (ref.state(st).isEmpty()) {
                        problem(p + ".state", "expected a state code (50 states and DC), found \"" + st + "\"" + Suggest.hint(st, ref.stateCodes()));
                    }
                    ScenarioEvent.StateLaw.Law law = ScenarioEvent.StateLaw.Law.valueOf(e.get("law").asText().toUpperCase().replace('-', '_'));
                    out.add(new ScenarioEvent.StateLaw(on, note, st, law));
                }
                default -> throw new IllegalStateException("event kind not handled: " + kind);
            }
        }
        return out;
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
                if (!keys.contains(key)) {
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
