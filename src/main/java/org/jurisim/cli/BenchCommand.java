package org.jurisim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jurisim.bench.Benchmark;
import org.jurisim.bench.EngineBenchmark;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jurisim bench}: the national-workload benchmark, its floor, and the scaling cases. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure the model's speed on the national workload against a floor that does nothing else.",
                "The national workload is the real map (about 3,220 counties and cities) with every mechanism on; the"
                        + " floor draws the same random numbers and does nothing else. The cases are flagship (the scenario"
                        + " as written), national (10 years), floor (10 years), counties-2x (a synthetic map of 6,286"
                        + " counties), years-2x, and replicates-1-thread and replicates-2-threads (10 replicates each).",
                "It prints the median and spread of wall seconds per replicate, the median CPU seconds of the measuring"
                        + " thread, jurisdiction-days and detainers per second, the allocation rate and the peak heap (see docs/performance.md).",
                "With --engine spark it runs the same sweeps (a small one of the small demo, a large one of --scenario)"
                        + " on threads and on Spark, and prints their wall times, their ratio and whether both wrote the"
                        + " same sweep.csv (see docs/distributed.md)."},
        footer = {"", "Examples:",
                "  ./jurisim bench",
                "  ./jurisim bench --cases flagship,floor --iterations 1 --json"})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--scenario", paramLabel = "FILE", description = "National scenario (default: ${DEFAULT-VALUE}).")
    Path scenario = Path.of("scenarios/standoff-2026.yaml");

    @Option(names = "--cases", split = ",", paramLabel = "CASE", description = "Cases to run (default: all).")
    List<String> cases = new ArrayList<>(List.of("flagship", "national", "floor", "counties-2x", "years-2x",
            "replicates-1-thread", "replicates-2-threads"));

    @Option(names = "--warmup", paramLabel = "N", description = "Warm-up iterations per case (default: ${DEFAULT-VALUE}).")
    int warmup = 1;

    @Option(names = "--iterations", paramLabel = "N", description = "Measured iterations per case (default: ${DEFAULT-VALUE}).")
    int iterations = 3;

    @Option(names = "--years", paramLabel = "N", description = "Simulated years of the national case (default: ${DEFAULT-VALUE}).")
    int years = 10;

    @Option(names = "--replicates", paramLabel = "N", description = "Replicates in the thread cases (default: ${DEFAULT-VALUE}).")
    int replicates = 10;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Option(names = "--large-runs", paramLabel = "N",
            description = "With --engine spark: runs of the large sweep, on the --scenario (default: ${DEFAULT-VALUE}).")
    int largeRuns = 128;

    @CommandLine.Mixin
    EngineOptions engine = new EngineOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (warmup < 0 || iterations < 1 || years < 1 || replicates < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--warmup >= 0, --iterations, --years, --replicates >= 1");
        }
        if (engine.spark(spec.commandLine())) {
            return engineComparison();
        }
        if (engine.threadsGiven()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads applies to bench --engine spark; the other cases"
                    + " fix their own threads (replicates-1-thread, replicates-2-threads)");
        }
        Benchmark b = new Benchmark(warmup, iterations);
        Map<String, Scenario> scen = new LinkedHashMap<>();
        String dur = "duration=" + years + "y";
        List<Benchmark.Result> results = new ArrayList<>();
        PrintWriter err = spec.commandLine().getErr();
        for (String c : cases) {
            err.println("bench: " + c + " ...");
            err.flush();
            Benchmark.Result r = switch (c) {
                case "flagship" -> b.model(c, ScenarioLoader.load(scenario));
                case "national" -> b.model(c, scen.computeIfAbsent(dur, k -> load(List.of(k))));
                case "floor" -> b.floor(c, scen.computeIfAbsent(dur, k -> load(List.of(k))));
                case "counties-2x" -> b.model(c, load(List.of(dur, "jurisdictions={generate: {counties: 6286}}")));
                case "years-2x" -> b.model(c, load(List.of("duration=" + (2 * years) + "y")));
                case "replicates-1-thread" -> b.replicates(c, scen.computeIfAbsent(dur, k -> load(List.of(k))), replicates, 1);
                case "replicates-2-threads" -> b.replicates(c, scen.computeIfAbsent(dur, k -> load(List.of(k))), replicates, 2);
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "unknown case " + c
                        + " (flagship, national, floor, counties-2x, years-2x, replicates-1-thread, replicates-2-threads)");
            };
            results.add(r);
        }
        print(results, spec.commandLine().getOut());
        return Main.OK;
    }

    /**
     * {@code --engine spark}: the same sweeps on threads and on Spark, alternately; the session start is timed
     * on its own (a command pays it once).
     */
    private int engineComparison() throws Exception {
        if (largeRuns < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--large-runs must be at least 2, found " + largeRuns);
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        int threads = engine.threads(spec.commandLine());
        List<EngineBenchmark.Case> cs = List.of(
                new EngineBenchmark.Case("sweep-small", Path.of("scenarios/small-demo.yaml"), List.of(), 8, 2),
                new EngineBenchmark.Case("sweep-large", scenario, List.of(), largeRuns, 1));
        err.println("bench: starting Spark ...");
        err.flush();
        long t0 = System.nanoTime();
        try (org.jurisim.experiment.DistributedEngine e = engine.open("JuriSim bench")) {
            double start = (System.nanoTime() - t0) / 1e9;
            err.println("bench: warm-up ...");
            err.flush();
            for (int i = 0; i < warmup; i++) {
                EngineBenchmark.run(cs.get(0), threads, e, 1);
            }
            List<EngineBenchmark.Result> rs = new ArrayList<>();
            for (EngineBenchmark.Case c : cs) {
                err.println("bench: " + c.name() + " (" + c.runs() + " runs, " + iterations + " iterations on each engine) ...");
                err.flush();
                rs.add(EngineBenchmark.run(c, threads, e, iterations));
            }
            o.printf(Locale.US, "engine comparison: %s vs %d threads (this JVM)%n", e.describe(), threads);
            o.printf(Locale.US, "%-34s %.2f s (paid once per command)%n", "Spark session start", start);
            o.printf(Locale.US, "%-12s %6s %14s %14s %14s %15s%n", "case", "runs", "threads s", "spark s", "spark/threads", "same sweep.csv");
            for (EngineBenchmark.Result r : rs) {
                o.printf(Locale.US, "%-12s %6d %14.2f %14.2f %14.2f %15s%n", r.sweep().name(), r.sweep().runs(), r.threadMedian(),
                        r.engineMedian(), r.engineMedian() / r.threadMedian(), r.identical() ? "yes" : "NO");
            }
            return rs.stream().allMatch(EngineBenchmark.Result::identical) ? Main.OK : Main.INTERNAL;
        }
    }

    private Scenario load(List<String> overrides) {
        try {
            return ScenarioLoader.load(scenario, overrides);
        } catch (org.jurisim.common.BadInputException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.problems().get(0).format());
        }
    }

    private void print(List<Benchmark.Result> rs, PrintWriter o) throws Exception {
        Map<String, Benchmark.Result> by = new LinkedHashMap<>();
        rs.forEach(r -> by.put(r.name(), r));
        if (json) {
            ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = m.createObjectNode();
            root.put("java", System.getProperty("java.version"));
            root.put("processors", Runtime.getRuntime().availableProcessors());
            ArrayNode arr = root.putArray("cases");
            for (Benchmark.Result r : rs) {
                ObjectNode n = arr.addObject();
                n.put("case", r.name());
                n.put("iterations", r.iterations());
                n.put("seconds_per_replicate_median", r.median());
                n.put("seconds_per_replicate_min", r.min());
                n.put("seconds_per_replicate_max", r.max());
                n.put("cpu_seconds_per_replicate_median", r.cpuMedian());
                n.put("jurisdiction_days_per_second", r.jurisdictionDays() / r.median());
                n.put("detainers_per_second", r.detainers() / r.median());
                n.put("allocation_mb_per_second", r.allocatedBytesPerSecond() / 1e6);
                n.put("peak_heap_mb", r.peakHeapBytes() / 1e6);
            }
            ratios(by).forEach(root::put);
            o.println(m.writeValueAsString(root));
            return;
        }
        o.printf(Locale.US, "%-22s %10s %17s %8s %14s %12s %11s %10s%n", "case", "s/replicate", "(min..max)", "cpu s",
                "jur-days/s", "detainers/s", "alloc MB/s", "peak MB");
        for (Benchmark.Result r : rs) {
            o.printf(Locale.US, "%-22s %10.3f %17s %8s %14.3g %12.3g %11.0f %10.0f%n", r.name(), r.median(),
                    String.format(Locale.US, "(%.3f..%.3f)", r.min(), r.max()),
                    Double.isNaN(r.cpuMedian()) ? "-" : String.format(Locale.US, "%.3f", r.cpuMedian()), r.jurisdictionDays() / r.median(),
                    r.detainers() / r.median(), r.allocatedBytesPerSecond() / 1e6, r.peakHeapBytes() / 1e6);
        }
        Map<String, Double> ratios = ratios(by);
        if (!ratios.isEmpty()) {
            o.println();
            ratios.forEach((k, v) -> o.printf(Locale.US, "%-34s %.2f%n", k, v));
        }
    }

    private static Map<String, Double> ratios(Map<String, Benchmark.Result> by) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (by.containsKey("national") && by.containsKey("floor")) {
            out.put("national / floor", by.get("national").median() / by.get("floor").median());
            out.put("national / floor (CPU time)", by.get("national").cpuMedian() / by.get("floor").cpuMedian());
        }
        if (by.containsKey("national") && by.containsKey("counties-2x")) {
            out.put("counties-2x / national", by.get("counties-2x").median() / by.get("national").median());
        }
        if (by.containsKey("national") && by.containsKey("years-2x")) {
            out.put("years-2x / national", by.get("years-2x").median() / by.get("national").median());
        }
        if (by.containsKey("replicates-1-thread") && by.containsKey("replicates-2-threads")) {
            out.put("speed-up, 2 threads vs 1", by.get("replicates-1-thread").median() / by.get("replicates-2-threads").median());
        }
        return out;
    }
}
