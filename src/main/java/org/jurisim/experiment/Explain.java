package org.jurisim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Location;
import org.jurisim.common.Problem;
import org.jurisim.output.Csv;
import org.jurisim.output.Numbers;
import org.jurisim.output.RunDirectory;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioLoader;

/**
 * Why does an outcome differ between scenario A and scenario B? The two resolved scenarios are compared field by
 * field (numbers by value) and event by event (events matched by content); each difference is a factor. A
 * coalition of factors is scenario A with those factors changed to B's; every coalition needed is run with the same
 * seeds (common random numbers: replicate r of every coalition runs with {@link Seeds#replicate}(seed, r)), and
 * the difference B - A is shared among the factors by their Shapley values ({@link Shapley}: exact for up to
 * {@link Options#exactUpTo()} factors, sampled orderings beyond). In every replicate the shares add up to that
 * replicate's total difference; the report gives their means with 95% intervals over replicates.
 */
public final class Explain {

    static final String CSV = "explain.csv";
    static final String REPLICATES = "explain-replicates.csv";
    static final String COALITIONS = "coalitions.csv";

    /** Top-level fields that name or seed a scenario: not differences in what is simulated. */
    private static final Set<String> IGNORED = Set.of("name", "description", "seed");

    private Explain() {
    }

    /** How differences become factors: each field and event, or each top-level section (events by kind). */
    public enum By {
        FIELD, SECTION
    }

    public record Options(String outcome, int replicates, Long seed, Long days, By by, int exactUpTo, int permutationPairs, int threads,
                          boolean force, List<String> commandLine, Progress progress) {
        public Options {
            commandLine = List.copyOf(commandLine);
            progress = progress == null ? Progress.NONE : progress;
        }
    }

    /** One change that turns part of A into B: a field set to B's value (null: removed), or an event added or removed. */
    record Change(List<String> path, JsonNode value, JsonNode addEvent, int removeEvent) {
    }

    /** A difference between the scenarios: its name, its kind, what changes (A's value to B's), and the changes. */
    public record Factor(String name, String kind, String description, List<Change> changes) {
    }

    /** A factor's share: the mean over replicates with its 95% interval, and its individual effect (alone on A). */
    public record Share(Factor factor, Stats.Sample shapley, Stats.Sample individual) {
    }

    public record Result(Path directory, String nameA, String nameB, Stats.Sample a, Stats.Sample b, Stats.Sample total, List<Share> shares,
                         boolean exact, int coalitions, int runs, double maxEfficiencyGap, double wallSeconds) {
    }

    /** The factors: what differs between the resolved scenarios A and B. */
    static List<Factor> factors(ObjectNode a, ObjectNode b, By by) {
        List<Factor> fields = new ArrayList<>();
        diff(a, b, new ArrayList<>(), fields);
        List<Factor> events = eventFactors(a.path("events"), b.path("events"));
        if (by == By.FIELD) {
            List<Factor> all = new ArrayList<>(fields);
            all.addAll(events);
            return all;
        }
        Map<String, List<Factor>> groups = new LinkedHashMap<>();
        for (Factor f : fields) {
            groups.computeIfAbsent(f.name().split("\\.")[0], k -> new ArrayList<>()).add(f);
        }
        for (Factor f : events) {
            groups.computeIfAbsent("events: " + f.kind().replaceFirst("^event (added|removed): ", ""), k -> new ArrayList<>()).add(f);
        }
        List<Factor> out = new ArrayList<>();
        for (Map.Entry<String, List<Factor>> g : groups.entrySet()) {
            List<Change> changes = new ArrayList<>();
            List<String> what = new ArrayList<>();
            for (Factor f : g.getValue()) {
                changes.addAll(f.changes());
                what.add(f.name().startsWith("event") ? f.description() : f.name() + ": " + f.description());
            }
            out.add(new Factor(g.getKey(), g.getKey().startsWith("events") ? "events" : "section", String.join("; ", what), changes));
        }
        return out;
    }

    private static boolean same(JsonNode x, JsonNode y) {
        if (x == null || y == null) {
            return x == y;
        }
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue()) == 0;
        }
        if (x.isObject() && y.isObject()) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Iterator<String> it = x.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!same(x.get(k), y.get(k))) {
                    return false;
                }
            }
            return true;
        }
        if (x.isArray() && y.isArray()) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return x.equals(y);
    }

    private static void diff(JsonNode a, JsonNode b, List<String> path, List<Factor> out) {
        List<String> keys = new ArrayList<>();
        a.fieldNames().forEachRemaining(keys::add);
        b.fieldNames().forEachRemaining(k -> {
            if (!keys.contains(k)) {
                keys.add(k);
            }
        });
        for (String k : keys) {
            if (path.isEmpty() && (IGNORED.contains(k) || k.equals("events"))) {
                continue;
            }
            JsonNode x = a.get(k);
            JsonNode y = b.get(k);
            List<String> p = new ArrayList<>(path);
            p.add(k);
            if (x != null && y != null && x.isObject() && y.isObject()) {
                diff(x, y, p, out);
            } else if (!same(x, y)) {
                out.add(new Factor(String.join(".", p), "parameter", show(x) + " \u2192 " + show(y),
                        List.of(new Change(p, y == null ? null : y.deepCopy(), null, -1))));
            }
        }
    }

    private static String show(JsonNode v) {
        if (v == null) {
            return "(absent)";
        }
        String s = v.isTextual() ? v.asText() : v.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static List<Factor> eventFactors(JsonNode a, JsonNode b) {
        List<Factor> out = new ArrayList<>();
        int na = a.isArray() ? a.size() : 0;
        int nb = b.isArray() ? b.size() : 0;
        boolean[] matchedB = new boolean[nb];
        for (int i = 0; i < na; i++) {
            boolean found = false;
            for (int j = 0; j < nb && !found; j++) {
                if (!matchedB[j] && same(a.get(i), b.get(j))) {
                    matchedB[j] = true;
                    found = true;
                }
            }
            if (!found) {
                out.add(new Factor("event removed: " + event(a.get(i)), "event removed: " + a.get(i).path("do").asText(),
                        "in A, not in B: " + event(a.get(i)), List.of(new Change(null, null, null, i))));
            }
        }
        for (int j = 0; j < nb; j++) {
            if (!matchedB[j]) {
                out.add(new Factor("event added: " + event(b.get(j)), "event added: " + b.get(j).path("do").asText(),
                        "in B, not in A: " + event(b.get(j)), List.of(new Change(null, null, b.get(j).deepCopy(), -1))));
            }
        }
        return out;
    }

    private static String event(JsonNode e) {
        String note = e.path("note").asText("");
        return e.path("on").asText() + " " + e.path("do").asText() + (note.isEmpty() ? "" : " (" + note + ")");
    }

    /** Scenario A's resolved tree with the factors in {@code mask} changed to B's. */
    static ObjectNode hybrid(ObjectNode a, List<Factor> factors, long mask) {
        ObjectNode t = a.deepCopy();
        List<Integer> removed = new ArrayList<>();
        List<JsonNode> added = new ArrayList<>();
        for (int i = 0; i < factors.size(); i++) {
            if ((mask & (1L << i)) == 0) {
                continue;
            }
            for (Change c : factors.get(i).changes()) {
                if (c.removeEvent() >= 0) {
                    removed.add(c.removeEvent());
                } else if (c.addEvent() != null) {
                    added.add(c.addEvent());
                } else {
                    ObjectNode node = t;
                    for (int d = 0; d < c.path().size() - 1; d++) {
                        JsonNode next = node.get(c.path().get(d));
                        node = next instanceof ObjectNode o ? o : node.putObject(c.path().get(d));
                    }
                    String leaf = c.path().get(c.path().size() - 1);
                    if (c.value() == null) {
                        node.remove(leaf);
                    } else {
                        node.set(leaf, c.value().deepCopy());
                    }
                }
            }
        }
        if (!removed.isEmpty() || !added.isEmpty()) {
            ArrayNode events = t.putArray("events");
            JsonNode old = a.path("events");
            for (int i = 0; i < old.size(); i++) {
                if (!removed.contains(i)) {
                    events.add(old.get(i).deepCopy());
                }
            }
            added.forEach(e -> events.add(e.deepCopy()));
        }
        return t;
    }

    /** The value of a coalition in one replicate; what {@link #run} computes with the model (tests give a known function). */
    public interface Game {
        /** Outcome of scenario A with the factors of {@code mask} changed to B's, replicate {@code r} with seed {@code seed}. */
        double value(long mask, int r, long seed) throws Exception;
    }

    /** The Shapley values of every replicate: phi[r][i], and the totals v(all) - v(none) per replicate. */
    record Attribution(double[][] phi, double[] total, double[] a, double[] b, double[][] individual, boolean exact, List<Long> masks,
                       double[][] values, double maxGap) {
    }

    /** Computes the attribution of a game of n factors over R replicates (coalitions run on {@code threads} threads). */
    static Attribution attribute(int n, Game g, int replicates, long baseSeed, int exactUpTo, int pairs, int threads, Progress progress)
            throws Exception {
        boolean exact = n <= exactUpTo;
        List<int[]> orderings = exact ? null : Shapley.orderings(n, pairs, baseSeed);
        List<Long> masks = Shapley.coalitions(n, orderings);
        double[][] values = new double[masks.size()][replicates];
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        AtomicInteger done = new AtomicInteger();
        int total = masks.size() * replicates;
        progress.start("Explain", total, 0);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int c = 0; c < masks.size(); c++) {
                for (int r = 0; r < replicates; r++) {
                    int cc = c;
                    int rr = r;
                    fs.add(pool.submit(() -> {
                        values[cc][rr] = g.value(masks.get(cc), rr, Seeds.replicate(baseSeed, rr));
                        done.incrementAndGet();
                        return null;
                    }));
                }
            }
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Exception x) {
                        throw x;
                    }
                    throw e;
                }
                progress.update(done.get(), done.get() + "/" + total + " runs");
            }
        } finally {
            pool.shutdownNow();
            // tasks already running finish writing their counterfactual files before the caller may delete them
            try {
                if (!pool.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES)) {
                    throw new IllegalStateException("explain: runs did not stop within 10 minutes");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            progress.finish();
        }
        long all = (1L << n) - 1;
        double[][] phi = new double[replicates][];
        double[] tot = new double[replicates];
        double[] va = new double[replicates];
        double[] vb = new double[replicates];
        double[][] ind = new double[replicates][n];
        double maxGap = 0;
        for (int r = 0; r < replicates; r++) {
            Map<Long, Double> v = new LinkedHashMap<>();
            for (int c = 0; c < masks.size(); c++) {
                v.put(masks.get(c), values[c][r]);
            }
            phi[r] = exact ? Shapley.exact(n, v) : Shapley.sampled(n, v, orderings);
            va[r] = v.get(0L);
            vb[r] = v.get(all);
            tot[r] = vb[r] - va[r];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += phi[r][i];
                ind[r][i] = v.get(1L << i) - va[r];
            }
            double gap = Math.abs(sum - tot[r]);
            double scale = Math.max(1, Math.max(Math.abs(va[r]), Math.abs(vb[r])));
            if (!(gap <= 1e-9 * scale) && !Double.isNaN(tot[r])) {
                throw new IllegalStateException("Shapley values of replicate " + r + " add up to " + sum + ", not to the total " + tot[r]);
            }
            maxGap = Math.max(maxGap, gap);
        }
        return new Attribution(phi, tot, va, vb, ind, exact, masks, values, maxGap);
    }

    /** Explains the difference in {@code o.outcome()} between the scenario files A and B with the model. */
    public static Result run(Path fileA, Path fileB, Path out, Options o) throws Exception {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Scenario a = ScenarioLoader.load(fileA);
        Scenario b = ScenarioLoader.load(fileB);
        Outcomes.Ref ref = Outcomes.parse(o.outcome());
        List<Problem> problems = new ArrayList<>();
        for (Scenario s : List.of(a, b)) {
            String bad = Outcomes.unknown(ref, MetricProbe.names(s));
            if (bad != null) {
                problems.add(new Problem(new Location("--outcome", 1, 1), "outcome", bad + " (in " + s.name() + ")"));
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems.get(0));
        }
        if (o.days() != null) {
            for (Scenario s : List.of(a, b)) {
                Problem p = s.pastEnd("--days", String.valueOf(o.days()), o.days());
                if (p != null) {
                    throw new BadInputException(p);
                }
            }
        }
        List<Factor> factors = factors(a.resolved(), b.resolved(), o.by());
        if (factors.isEmpty()) {
            throw new BadInputException(new Problem(new Location(fileB.toString(), 1, 1), "", "expected a scenario that differs from "
                    + fileA + " in what is simulated, found the same scenario (names, descriptions and seeds aside)"));
        }
        if (factors.size() > 62) {
            throw new BadInputException(new Problem(new Location(fileB.toString(), 1, 1), "", "expected at most 62 differences, found "
                    + factors.size() + "; group them with --by section"));
        }
        long base = o.seed() != null ? o.seed() : a.seed();
        ObjectNode settings = ExperimentDir.json().createObjectNode();
        settings.put("kind", "explain");
        try (ExperimentDir dir = ExperimentDir.open(out, o.force(), false, settings, s -> { })) {
            Path work = dir.work();
            Path hybrids = Files.createDirectories(work.resolve("coalitions"));
            ObjectNode treeA = a.resolved();
            int n = factors.size();
            Map<Long, Scenario> evaluators = new ConcurrentHashMap<>();
            Map<Long, AtomicInteger> left = new ConcurrentHashMap<>();
            int metricIndex = ref.end() ? 0 : 1;
            Game game = (mask, r, seed) -> {
                Scenario sc = evaluators.computeIfAbsent(mask, m -> {
                    try {
                        Path f = hybrids.resolve(String.format(Locale.ROOT, "c%016x.yaml", m));
                        ObjectNode t = hybrid(treeA, factors, m);
                        t.remove("seed");
                        Files.writeString(f, ExperimentDir.json().writeValueAsString(t), StandardCharsets.UTF_8);
                        Scenario loaded = ScenarioLoader.load(f);
                        Files.delete(f);
                        return loaded;
                    } catch (BadInputException e) {
                        throw new Invalid(new BadInputException(new Problem(new Location(fileB.toString(), 1, 1), "",
                                "expected every mix of the two scenarios to be a valid scenario, found that A with "
                                        + describe(factors, m) + " from B is not (" + e.problems().get(0).message()
                                        + "): these differences depend on each other and cannot be told apart; give A what the others need (e.g. a"
                                        + " policy B defines), or group them with --by section when they share a section")));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                double v = ModelEvaluator.outcomes(sc.withSeed(seed), o.days(), List.of(ref.metric()))[metricIndex];
                if (left.computeIfAbsent(mask, m -> new AtomicInteger(o.replicates())).decrementAndGet() == 0) {
                    evaluators.remove(mask);
                }
                return v;
            };
            Attribution at;
            try {
                at = attribute(n, game, o.replicates(), base, o.exactUpTo(), o.permutationPairs(), o.threads(), o.progress());
            } catch (Invalid e) {
                ExperimentDir.deleteTree(work);
                throw e.bad;
            }
            ExperimentDir.deleteTree(hybrids);
            Result res = write(work, dir.target(), fileA, fileB, a.name(), b.name(), o, factors, at, base, started, t0);
            dir.commit();
            return res;
        }
    }

    /** A counterfactual that is not a valid scenario (carried out of the worker threads). */
    private static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient BadInputException bad;

        Invalid(BadInputException bad) {
            super(bad.getMessage(), bad);
            this.bad = bad;
        }
    }

    static String describe(List<Factor> factors, long mask) {
        List<String> on = new ArrayList<>();
        for (int i = 0; i < factors.size(); i++) {
            if ((mask & (1L << i)) != 0) {
                on.add(factors.get(i).name());
            }
        }
        return on.isEmpty() ? "no change" : String.join(", ", on);
    }

    static Result write(Path work, Path target, Path fileA, Path fileB, String nameA, String nameB, Options o, List<Factor> factors,
                        Attribution at, long base, Instant started, long t0) throws IOException {
        int n = factors.size();
        int reps = at.total().length;
        List<Share> shares = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] p = new double[reps];
            double[] ind = new double[reps];
            for (int r = 0; r < reps; r++) {
                p[r] = at.phi()[r][i];
                ind[r] = at.individual()[r][i];
            }
            shares.add(new Share(factors.get(i), Stats.describe(p), Stats.describe(ind)));
        }
        Stats.Sample total = Stats.describe(at.total());
        Stats.Sample sa = Stats.describe(at.a());
        Stats.Sample sb = Stats.describe(at.b());
        try (BufferedWriter w = Files.newBufferedWriter(work.resolve(CSV), StandardCharsets.UTF_8)) {
            w.append("factor,kind,change,shapley,shapley_ci95_low,shapley_ci95_high,individual_effect,individual_ci95_low,"
                    + "individual_ci95_high,share_of_total\n");
            for (Share s : shares) {
                w.append(Csv.cell(s.factor().name())).append(',').append(Csv.cell(s.factor().kind())).append(',')
                        .append(Csv.cell(s.factor().description())).append(',').append(Numbers.format(s.shapley().mean())).append(',')
                        .append(Numbers.format(s.shapley().ciLow())).append(',').append(Numbers.format(s.shapley().ciHigh())).append(',')
                        .append(Numbers.format(s.individual().mean())).append(',').append(Numbers.format(s.individual().ciLow()))
                        .append(',').append(Numbers.format(s.individual().ciHigh())).append(',')
                        .append(Numbers.format(s.shapley().mean() / total.mean())).append('\n');
            }
            w.append("total (B - A),total,").append(Csv.cell(nameA + " \u2192 " + nameB)).append(',').append(Numbers.format(total.mean()))
                    .append(',').append(Numbers.format(total.ciLow())).append(',').append(Numbers.format(total.ciHigh())).append(",,,,1\n");
        }
        try (BufferedWriter w = Files.newBufferedWriter(work.resolve(REPLICATES), StandardCharsets.UTF_8)) {
            w.append("replicate,seed,a,b,total,sum_of_shares");
            for (Factor f : factors) {
                w.append(',').append(Csv.cell(f.name()));
            }
            w.append('\n');
            for (int r = 0; r < reps; r++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += at.phi()[r][i];
                }
                w.append(Integer.toString(r)).append(',').append(Long.toString(Seeds.replicate(base, r))).append(',')
                        .append(Numbers.format(at.a()[r])).append(',').append(Numbers.format(at.b()[r])).append(',')
                        .append(Numbers.format(at.total()[r])).append(',').append(Numbers.format(sum));
                for (int i = 0; i < n; i++) {
                    w.append(',').append(Numbers.format(at.phi()[r][i]));
                }
                w.append('\n');
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(work.resolve(COALITIONS), StandardCharsets.UTF_8)) {
            w.append("coalition,factors_changed_to_b,replicate,value\n");
            for (int c = 0; c < at.masks().size(); c++) {
                for (int r = 0; r < reps; r++) {
                    w.append(Long.toString(at.masks().get(c))).append(',').append(Csv.cell(describe(factors, at.masks().get(c)))).append(',')
                            .append(Integer.toString(r)).append(',').append(Numbers.format(at.values()[c][r])).append('\n');
                }
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        Result res = new Result(target, nameA, nameB, sa, sb, total, shares, at.exact(), at.masks().size(), at.masks().size() * reps,
                at.maxGap(), wall);
        ExplainReport.write(work, res, o, fileA, fileB);
        Manifest mf = Manifest.of(o.commandLine());
        ObjectNode e = mf.node().putObject("experiment");
        e.put("kind", "explain");
        e.put("a", fileA.toString());
        e.put("b", fileB.toString());
        e.put("outcome", o.outcome());
        e.put("replicates", reps);
        e.put("seed", base);
        e.put("seed_derivation", "replicate r of every coalition runs with seed Seeds.replicate(seed, r) (common random numbers)");
        e.put("factors", n);
        e.put("by", o.by().name().toLowerCase(Locale.ROOT));
        e.put("shapley", at.exact() ? "exact (all " + at.masks().size() + " coalitions)"
                : "sampled: " + (2 * o.permutationPairs()) + " orderings (antithetic pairs), " + at.masks().size() + " coalitions");
        if (o.days() != null) {
            e.put("days", o.days());
        }
        mf.finish(started, wall, List.of(CSV, REPLICATES, COALITIONS, "charts/waterfall.png", "charts/waterfall.svg", "report.html"))
                .write(work);
        return res;
    }

    /** For tests: explains a known game (no scenario), writing the same files. */
    static Result run(List<Factor> factors, Game g, Path out, Options o) throws Exception {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        long base = o.seed() == null ? 1 : o.seed();
        ObjectNode settings = ExperimentDir.json().createObjectNode();
        settings.put("kind", "explain");
        try (ExperimentDir dir = ExperimentDir.open(out, o.force(), false, settings, s -> { })) {
            Attribution at = attribute(factors.size(), g, o.replicates(), base, o.exactUpTo(), o.permutationPairs(), o.threads(), o.progress());
            Result r = write(dir.work(), dir.target(), Path.of("A"), Path.of("B"), "A", "B", o, factors, at, base, started, t0);
            dir.commit();
            return r;
        } catch (RunDirectory.ExistsException e) {
            throw new IOException(e);
        }
    }
}
