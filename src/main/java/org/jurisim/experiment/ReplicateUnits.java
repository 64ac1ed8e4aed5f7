package org.jurisim.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.jurisim.model.JuriSimModel;
import org.jurisim.output.CasesCsv;
import org.jurisim.output.JurisdictionsCsv;
import org.jurisim.output.TimeseriesCsv;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioBundle;

/**
 * Running replicates: replicate {@code u} runs the scenario with seed {@link Seeds#replicate}(seed, u) and leaves its
 * four files in its own part directory ({@code parts/r0000007/}), on worker threads or on a distributed engine, in
 * any order. {@link ReplicateStreams} appends the finished parts to the experiment's files in replicate order.
 */
final class ReplicateUnits {

    private final Scenario scenario;
    private final ScenarioBundle bundle;
    private final DistributedEngine engine;
    private final long days;
    private final Path parts;
    /** Each replicate's scenario (null: the scenario itself); threads only. */
    private final Replicates.Variation variation;

    ReplicateUnits(Scenario scenario, ScenarioBundle bundle, DistributedEngine engine, long days, Path parts, Replicates.Variation variation) {
        if (variation != null && engine != null) {
            throw new IllegalArgumentException("a per-replicate variation runs on this JVM's threads only");
        }
        this.variation = variation;
        this.scenario = scenario;
        this.bundle = bundle;
        this.engine = engine;
        this.days = days;
        this.parts = parts;
    }

    static String partName(int unit) {
        return String.format(Locale.ROOT, "r%07d", unit);
    }

    /** The finished part directory of replicate {@code u}. */
    Path part(int u) {
        return parts.resolve(partName(u));
    }

    /**
     * Runs replicates {@code from} to {@code to} - 1 (those whose part is not already there), handing each finished
     * one, in order, to {@code commit}, which says whether more are wanted.
     */
    OrderedExecutor.Outcome run(int from, int to, int threads, boolean shortWaves, OrderedExecutor.Committer commit) throws Exception {
        if (engine == null) {
            return OrderedExecutor.run(from, to, threads, u -> Files.isDirectory(part(u)), this::runReplicate, commit);
        }
        // stopping on a target wastes at most a wave: keep waves short then
        int wave = shortWaves ? Math.max(2, 2 * engine.parallelism()) : Math.max(16, 8 * engine.parallelism());
        return OrderedExecutor.runOn(engine, wave, from, to, u -> Files.isDirectory(part(u)), new Task(bundle, days, scenario.seed()),
                this::store, commit);
    }

    /** Removes half-written parts and parts of replicates already committed (an interrupted experiment). */
    void clean(int committed) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parts)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                boolean stale = n.endsWith(".tmp");
                if (!stale && n.matches("r[0-9]+")) {
                    stale = Integer.parseInt(n.substring(1)) < committed;
                }
                if (stale) {
                    ExperimentDir.deleteTree(p);
                }
            }
        }
    }

    /** Runs replicate {@code u} into its part directory (worker thread). */
    private void runReplicate(int u) throws IOException {
        Path tmp = parts.resolve(partName(u) + ".tmp");
        ExperimentDir.deleteTree(tmp);
        Files.createDirectories(tmp);
        Scenario sc = scenario;
        if (variation != null) {
            try {
                sc = variation.apply(scenario, u);
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
        writeReplicate(sc, days, u, tmp);
        Files.move(tmp, part(u), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Leaves a replicate computed elsewhere in its part directory, as {@link #runReplicate} would have. */
    private void store(int u, Files4 f) throws IOException {
        Path tmp = parts.resolve(partName(u) + ".tmp");
        ExperimentDir.deleteTree(tmp);
        Files.createDirectories(tmp);
        Files.writeString(tmp.resolve(Replicates.TIMESERIES), f.timeseries(), StandardCharsets.UTF_8);
        Files.writeString(tmp.resolve(Replicates.JURISDICTIONS), f.jurisdictions(), StandardCharsets.UTF_8);
        Files.writeString(tmp.resolve(Replicates.CASES), f.cases(), StandardCharsets.UTF_8);
        Files.writeString(tmp.resolve(Replicates.EVENTS), f.events(), StandardCharsets.UTF_8);
        Files.move(tmp, part(u), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Runs replicate {@code u} of {@code scenario} (its seed is the base seed) and writes its four files into {@code dir}. */
    static void writeReplicate(Scenario scenario, long days, int u, Path dir) throws IOException {
        JuriSimModel m = new JuriSimModel(scenario.withSeed(Seeds.replicate(scenario.seed(), u)));
        try (TimeseriesCsv csv = new TimeseriesCsv(dir.resolve(Replicates.TIMESERIES))) {
            m.addSink(csv);
            m.runDays(days, null);
        }
        JurisdictionsCsv.write(m, dir.resolve(Replicates.JURISDICTIONS));
        CasesCsv.write(m, dir.resolve(Replicates.CASES));
        EventsCsv.write(m, dir.resolve(Replicates.EVENTS));
    }

    /** The four files of one replicate, as text (what a distributed engine sends back). */
    record Files4(String timeseries, String jurisdictions, String cases, String events) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Replicates as a distributed engine runs them: the scenario's files travel with the task; each JVM loads them once. */
    static final class Task implements DistributedEngine.UnitTask<Files4> {
        private static final long serialVersionUID = 1L;
        private final OncePerJvm<Scenario> scenario;
        private final long days;
        private final long seed;

        /** @param seed the experiment's base seed (the driver's scenario's, which may differ from the files') */
        Task(ScenarioBundle bundle, long days, long seed) {
            java.util.Objects.requireNonNull(bundle, "bundle");
            this.scenario = new OncePerJvm<>(bundle::load);
            this.days = days;
            this.seed = seed;
        }

        @Override
        public Files4 compute(int u) throws Exception {
            Path dir = Files.createTempDirectory("jurisim-replicate-");
            try {
                writeReplicate(scenario.get().withSeed(seed), days, u, dir);
                return new Files4(Files.readString(dir.resolve(Replicates.TIMESERIES), StandardCharsets.UTF_8),
                        Files.readString(dir.resolve(Replicates.JURISDICTIONS), StandardCharsets.UTF_8),
                        Files.readString(dir.resolve(Replicates.CASES), StandardCharsets.UTF_8),
                        Files.readString(dir.resolve(Replicates.EVENTS), StandardCharsets.UTF_8));
            } finally {
                ExperimentDir.deleteTree(dir);
            }
        }
    }
}
