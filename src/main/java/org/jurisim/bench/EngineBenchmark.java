package org.jurisim.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jurisim.experiment.Design;
import org.jurisim.experiment.DistributedEngine;
import org.jurisim.experiment.ModelEvaluator;
import org.jurisim.experiment.Sweep;
import org.jurisim.output.RunDirectory;

/**
 * What a distributed engine costs against the thread engine on this machine: the same sweep (a Latin hypercube
 * over two parameters, same seed) run alternately on threads and on the engine, each timed from start to finished
 * outputs, with a check that both wrote the same sweep.csv. Behind {@code jurisim bench --engine spark}.
 */
public final class EngineBenchmark {

    /** A sweep to time: {@code points} x {@code replicates} runs of a scenario. */
    public record Case(String name, Path scenario, List<String> overrides, int points, int replicates) {
        public int runs() {
            return points * replicates;
        }
    }

    /** Wall seconds per iteration on each engine; whether every pair of sweep.csv files was identical. */
    public record Result(Case sweep, double[] threadSeconds, double[] engineSeconds, boolean identical) {
        public double threadMedian() {
            return median(threadSeconds);
        }

        public double engineMedian() {
            return median(engineSeconds);
        }
    }

    private EngineBenchmark() {
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Times {@code c} {@code iterations} times on {@code threads} threads and on {@code engine}, in turn. */
    public static Result run(Case c, int threads, DistributedEngine engine, int iterations) throws Exception {
        List<Design.Param> ps = List.of(new Design.Param("ice.detainerRate", 0.2, 0.8, false),
                new Design.Param("community.initialTrust", 0.3, 0.9, false));
        ModelEvaluator ev = ModelEvaluator.create(c.scenario(), c.overrides(), ps, null, List.of(), threads);
        long seed = ev.base().seed();
        Design d = Design.of(Design.Kind.LHS, ps, c.points(), seed);
        Sweep.Options o = Sweep.Options.of(d, c.replicates(), threads, seed).withBootstrap(0);
        double[] t = new double[iterations];
        double[] e = new double[iterations];
        boolean same = true;
        Path tmp = Files.createTempDirectory("jurisim-bench-");
        try {
            for (int i = 0; i < iterations; i++) {
                Sweep.Result a = Sweep.run(ev, tmp.resolve("threads-" + i), o);
                Sweep.Result b = Sweep.run(ev, tmp.resolve("engine-" + i), o, engine);
                t[i] = a.wallSeconds();
                e[i] = b.wallSeconds();
                same &= Arrays.equals(Files.readAllBytes(a.directory().resolve("sweep.csv")), Files.readAllBytes(b.directory().resolve("sweep.csv")));
                RunDirectory.deleteTree(a.directory());
                RunDirectory.deleteTree(b.directory());
            }
        } finally {
            deleteQuietly(tmp);
        }
        return new Result(c, t, e, same);
    }

    private static void deleteQuietly(Path p) {
        try {
            RunDirectory.deleteTree(p);
        } catch (IOException ex) {
            // a temporary directory: best effort
        }
    }
}
