package org.jurisim.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jurisim.common.BadInputException;
import org.jurisim.common.InternalErrors;
import org.jurisim.common.Problem;
import org.jurisim.model.JuriSimModel;
import org.jurisim.model.Jurisdiction;
import org.jurisim.rules.RuleEvaluationException;
import org.jurisim.scenario.ScenarioSchema;
import org.jurisim.scenario.Scenario;
import sim.display.Controller;
import sim.display.GUIState;
import sim.portrayal.Inspector;

/**
 * The MASON {@link GUIState} around {@link JuriSimModel}: every start (Console "play" after "stop") builds
 * a fresh model of the current scenario with the Console's seed and a {@link LiveSink}; changes asked for
 * from the dashboard are applied at the start of the next simulated day and recorded. Usable without a
 * screen (tests step it directly); the windows exist only once a Console calls {@link #init}.
 */
public class JuriSimGui extends GUIState {

    /** Told about runs; called on the thread that starts or finishes them. */
    public interface RunListener {
        void runStarted(JuriSimModel model, LiveSink sink, int run);

        default void runFinished(JuriSimModel model, int run) {
        }

        /**
         * The run stopped on a failure (on the thread that stepped the model, holding the schedule's lock:
         * hand the work to the event thread). {@link #step()} has returned false, so the Console stops.
         */
        default void runFailed(JuriSimModel model, int run, RunFailure failure) {
        }
    }

    /**
     * Why a run stopped early: {@code message} is the located problem for bad input (a rule that failed
     * at run time: {@code FILE:LINE:COLUMN: field: rule failed at run time: reason}), else one line naming
     * the internal error and the log file with its stack trace.
     *
     * @param day the simulated day that failed
     */
    public record RunFailure(long day, String message, boolean internal) {
    }

    /** A policy asked for from the dashboard ({@code policy} null: release the hold, keeping the policy). */
    private record PolicyRequest(String key, String policy, boolean hold) {
    }

    /**
     * The model changed a jurisdiction's policy away from one asked for from the dashboard without holding it (its
     * policy adaptation, or a scenario event), during {@code day}: from {@code asked} to {@code modelPolicy}, which
     * stays. (A held policy is never changed by the model: the hold is the model's, {@link Jurisdiction#isHeld()}.)
     */
    public record PolicyOverride(long day, LocalDate date, String key, String asked, String modelPolicy) {
    }

    private record ParamRequest(String path, JsonNode value) {
    }

    private Scenario scenario;
    private Path scenarioFile;
    private volatile JuriSimModel model;
    private volatile LiveSink sink;
    private volatile boolean running;
    private volatile RunFailure failure;
    private int run;
    private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
    private final List<ParamRequest> pendingBeforeStart = new ArrayList<>();
    private final ConcurrentLinkedQueue<PolicyRequest> policyRequests = new ConcurrentLinkedQueue<>();
    private final List<Change> policyChanges = new CopyOnWriteArrayList<>();
    /** Policies asked for without holding them: watched, so that the dashboard can say when the model changes them. */
    private final Map<String, String> asked = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<PolicyOverride> overrides = new CopyOnWriteArrayList<>();
    private Map<String, Jurisdiction> byKey = Map.of();
    private Dashboard dashboard;

    public JuriSimGui(Scenario scenario, Path file) {
        super(new JuriSimModel(scenario));
        this.scenario = scenario;
        this.scenarioFile = file;
        this.model = (JuriSimModel) state;
    }

    public static String getName() {
        return "JuriSim";
    }

    public static Object getInfo() {
        return "<html><body style='font-family:sans-serif'><h2>JuriSim</h2>"
                + "<p>Federal\u2013local immigration-enforcement conflict: detainers, litigation, grant conditions, "
                + "policy adaptation and community trust, one simulated day per step.</p>"
                + "<p>The dashboard window shows the charts, the map and the policy levers. Changes take effect at the "
                + "next simulated day and are recorded as interventions.</p></body></html>";
    }

    // ------------------------------------------------------------------ scenario

    public Scenario scenario() {
        return scenario;
    }

    public Path scenarioFile() {
        return scenarioFile;
    }

    /** Switches to another scenario (the current run must be stopped); its seed becomes the run seed. */
    public void setScenario(Scenario s, Path file) {
        if (running) {
            throw new IllegalStateException("stop the run before opening another scenario");
        }
        this.scenario = s;
        this.scenarioFile = file;
        synchronized (pendingBeforeStart) {
            pendingBeforeStart.clear();
        }
        policyRequests.clear();
        policyChanges.clear();
        asked.clear();
        overrides.clear();
        JuriSimModel m = new JuriSimModel(s);
        state = m;
        model = m;
    }

    /** The model of the current (or last) run. */
    public JuriSimModel model() {
        return model;
    }

    public LiveSink sink() {
        return sink;
    }

    /** Whether a run is under way (started and not stopped). */
    public boolean running() {
        return running;
    }

    /** Why the current (or last) run stopped early, or null. */
    public RunFailure failure() {
        return failure;
    }

    /** Runs started so far. */
    public int runNumber() {
        return run;
    }

    public void addRunListener(RunListener l) {
        listeners.add(l);
    }

    public Dashboard dashboard() {
        return dashboard;
    }

    // ------------------------------------------------------------------ MASON life cycle

    @Override
    public void init(Controller c) {
        super.init(c);
        dashboard = new Dashboard(this, (sim.display.Console) c);
    }

    @Override
    public void start() {
        long seed = state.seed();
        JuriSimModel m = new JuriSimModel(scenario);
        if (seed != m.seed()) {
            m.setSeed(seed);
        }
        LiveSink s = new LiveSink();
        m.addSink(s);
        state = m;
        model = m;
        sink = s;
        policyChanges.clear();
        asked.clear();
        overrides.clear();
        failure = null;
        super.start();
        Map<String, Jurisdiction> keys = new HashMap<>();
        for (Jurisdiction j : m.jurisdictions()) {
            keys.put(j.getKey(), j);
        }
        byKey = keys;
        running = true;
        run++;
        synchronized (pendingBeforeStart) {
            if (Boolean.getBoolean("jurisim.gui.debug")) {
                System.out.println("[gui] start run " + run + " with " + pendingBeforeStart.size() + " pending change(s)");
            }
            for (ParamRequest r : pendingBeforeStart) {
                m.intervene(r.path(), r.value());
            }
            pendingBeforeStart.clear();
        }
        for (RunListener l : listeners) {
            l.runStarted(m, s, run);
        }
    }

    /**
     * One simulated day; false (the Console then stops) once the scenario's last day is done, or when the
     * day fails: a rule failing at run time or any other exception stops the run and is reported to the
     * listeners ({@link RunListener#runFailed}) instead of escaping to MASON's play thread, which would
     * print it and leave the Console "playing" a dead run.
     */
    @Override
    public boolean step() {
        if (failure != null || nextDay() >= scenario.days()) {
            return false;
        }
        long day = nextDay();
        try {
            watchPolicies();
            applyPolicyRequests();
            return super.step();
        } catch (RuntimeException | Error e) {
            RunFailure f = describe(day, e);
            failure = f;
            for (RunListener l : listeners) {
                l.runFailed(model, run, f);
            }
            return false;
        }
    }

    /** The failure as the user sees it: located for bad input, one line (stack trace to a log file) otherwise. */
    static RunFailure describe(long day, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RuleEvaluationException r) {
                return new RunFailure(day, r.getMessage(), false);
            }
            if (t instanceof BadInputException b) {
                StringBuilder sb = new StringBuilder();
                for (Problem p : b.problems()) {
                    sb.append(sb.length() == 0 ? "" : "\n").append(p.format());
                }
                return new RunFailure(day, sb.toString(), false);
            }
        }
        return new RunFailure(day, InternalErrors.report(e), true);
    }

    @Override
    public void finish() {
        boolean was = running;
        running = false;
        super.finish();
        if (was) {
            for (RunListener l : listeners) {
                l.runFinished(model, run);
            }
        }
    }

    @Override
    public void quit() {
        super.quit();
        if (dashboard != null) {
            dashboard.dispose();
        }
    }

    /** The Console's "Model" tab: a read-only summary refreshed while the model runs (no charting menus). */
    @Override
    public Inspector getInspector() {
        return new ModelInspector(this);
    }

    @Override
    public Object getSimulationInspectedObject() {
        return null;
    }

    @Override
    public boolean isInspectorVolatile() {
        return true;
    }

    // ------------------------------------------------------------------ changes

    /** The next simulated day to run (the day a change asked for now takes effect). */
    public long nextDay() {
        double t = state.schedule.getTime();
        return t < 0 ? 0 : (long) t + 1;
    }

    /**
     * Asks for a live parameter change: at the start of the next simulated day if a run is under way,
     * else on day 0 of the next run.
     *
     * @throws IllegalArgumentException if the path is not live or the value is not valid for it
     */
    public void requestParameter(String path, JsonNode value) {
        var lp = ScenarioSchema.get().liveParameter(path).orElseThrow(() -> new IllegalArgumentException("not a live parameter: " + path));
        lp.check(value).ifPresent(msg -> {
            throw new IllegalArgumentException(path + ": " + msg);
        });
        if (running) {
            model.intervene(path, value);
        } else {
            synchronized (pendingBeforeStart) {
                pendingBeforeStart.removeIf(r -> r.path().equals(path));
                pendingBeforeStart.add(new ParamRequest(path, value.deepCopy()));
            }
        }
    }

    /** Parameter changes waiting for the next run to start (path to value). */
    public Map<String, JsonNode> pendingParameters() {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        synchronized (pendingBeforeStart) {
            pendingBeforeStart.forEach(r -> out.put(r.path(), r.value()));
        }
        return out;
    }

    /**
     * Asks for a jurisdiction to adopt a policy at the start of the next simulated day (as a
     * {@code setPolicy} event naming it would). Only while a run is under way.
     */
    public void requestPolicy(String key, String policy) {
        requestPolicy(key, policy, false);
    }

    /**
     * Asks for a jurisdiction to adopt a policy at the start of the next simulated day, and, when {@code hold},
     * to keep it: the model holds it ({@link JuriSimModel#adoptPolicy(String, String, Boolean)}), so its policy
     * adaptation and the scenario's {@code setPolicy} events leave it alone every day (the law may still override
     * the policy in force: {@link Jurisdiction#policyInForceSource()}). Recorded as a change (saved as a
     * {@code setPolicy} event with {@code hold}). Without hold, a hold is released and the policy is watched: a
     * change by the model is reported ({@link #overrides()}) and kept. Only while a run is under way.
     */
    public void requestPolicy(String key, String policy, boolean hold) {
        if (!scenario.policies().containsKey(policy)) {
            throw new IllegalArgumentException("no policy " + policy);
        }
        if (!running) {
            throw new IllegalStateException("start the run first");
        }
        policyRequests.add(new PolicyRequest(key, policy, hold));
    }

    /** The policy a jurisdiction holds (its own policy, while the model holds it), or null. */
    public String heldPolicy(String key) {
        Jurisdiction j = byKey.get(key);
        return j != null && j.isHeld() ? j.getPolicy() : null;
    }

    /**
     * Stops holding a jurisdiction's policy at the start of the next simulated day (from then the model may change
     * it; recorded as a change). Only while a run is under way; nothing happens if the policy is not held then.
     */
    public void release(String key) {
        if (running) {
            policyRequests.add(new PolicyRequest(key, null, false));
        }
    }

    /** Every time in this run the model changed a policy asked for from the dashboard, in order. */
    public List<PolicyOverride> overrides() {
        return List.copyOf(overrides);
    }

    /** The last time the model changed this jurisdiction's asked-for policy, or null. */
    public PolicyOverride lastOverride(String key) {
        PolicyOverride last = null;
        for (PolicyOverride o : overrides) {
            if (o.key().equals(key)) {
                last = o;
            }
        }
        return last;
    }

    /** Before a day: an asked-for (not held) policy the model changed is reported and no longer watched. */
    private void watchPolicies() {
        if (asked.isEmpty()) {
            return;
        }
        long day = nextDay();
        for (java.util.Iterator<Map.Entry<String, String>> it = asked.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, String> e = it.next();
            Jurisdiction j = byKey.get(e.getKey());
            if (j != null && !j.getPolicy().equals(e.getValue())) {
                overrides.add(new PolicyOverride(day - 1, scenario.dateOf(Math.max(0, day - 1)), e.getKey(), e.getValue(), j.getPolicy()));
                it.remove();
            }
        }
    }

    private void applyPolicyRequests() {
        PolicyRequest r;
        while ((r = policyRequests.poll()) != null) {
            Jurisdiction j = byKey.get(r.key());
            if (j == null) {
                continue;
            }
            String policy = r.policy() == null ? j.getPolicy() : r.policy();
            if (r.policy() == null) {
                if (!j.isHeld()) {
                    continue; // nothing held to release
                }
            } else if (r.hold()) {
                asked.remove(r.key());
            } else {
                asked.put(r.key(), r.policy());
            }
            if (j.getPolicy().equals(policy) && j.isHeld() == r.hold()) {
                continue;
            }
            long day = nextDay();
            LocalDate date = scenario.dateOf(day);
            String old = j.getPolicy();
            model.adoptPolicy(r.key(), policy, r.hold());
            JsonNodeFactory f = JsonNodeFactory.instance;
            policyChanges.add(new Change(Change.SET_POLICY, day, date, r.key(), f.textNode(old), f.textNode(policy), r.hold()));
        }
    }

    /**
     * Every change applied in the current run, in the order it took effect: policy changes (applied just
     * before the day begins) then parameter interventions (applied first thing in the day).
     */
    public List<Change> changes() {
        List<Change> out = new ArrayList<>(policyChanges);
        JuriSimModel m = model;
        if (m.parameters() != null) {
            for (JuriSimModel.Intervention i : m.interventions()) {
                out.add(new Change(Change.SET, i.day(), i.date(), i.path(), i.oldValue(), i.newValue()));
            }
        }
        out.sort(Comparator.comparingLong(Change::day).thenComparing(c -> c.kind().equals(Change.SET) ? 1 : 0));
        return out;
    }
}
