package org.jurisim.bench;

import com.sun.management.ThreadMXBean;
import ec.util.MersenneTwisterFast;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jurisim.metrics.MetricDef;
import org.jurisim.metrics.MetricsSink;
import org.jurisim.model.Draws;
import org.jurisim.model.JuriSimModel;
import org.jurisim.model.Jurisdiction;
import org.jurisim.scenario.JurisdictionSpec;
import org.jurisim.scenario.Scenario;

/**
 * The benchmark harness behind {@code jurisim bench}: warm-up iterations, then measured ones, each a
 * full model run (no file output: a sink that only counts detainers). Reports median and spread of
 * wall seconds per replicate, jurisdiction-days and detainers per second, allocation rate and peak heap.
 */
public final class Benchmark {

    /** One measured case. */
    public record Result(String name, int iterations, double[] seconds, double[] cpuSeconds, long jurisdictionDays, long detainers,
                         double allocatedBytesPerSecond, long peakHeapBytes) {

        /**
         * Median CPU seconds per replicate of the measuring thread (NaN for the thread-pool cases, whose work runs on
         * other threads): less disturbed than wall time by other work on a shared machine.
         */
        public double cpuMedian() {
            return median(cpuSeconds);
        }

        public double median() {
            return median(seconds);
        }

        private static double median(double[] values) {
            double[] s = values.clone();
            Arrays.sort(s);
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        }

        public double min() {
            return Arrays.stream(seconds).min().orElse(Double.NaN);
        }

        public double max() {
            return Arrays.stream(seconds).max().orElse(Double.NaN);
        }
    }

    /** Counts detainers issued; keeps nothing else. */
    static final class CountingSink implements MetricsSink {
        private int col = -1;
        long detainers;

        @Override
        public void begin(List<MetricDef> columns) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals("detainers_issued")) {
                    col = i;
                }
            }
        }

        @Override
        public void record(long day, java.time.LocalDate date, double[] values) {
            detainers += (long) values[col];
        }
    }

    private final int warmup;
    private final int iterations;

    public Benchmark(int warmup, int iterations) {
        this.warmup = warmup;
        this.iterations = iterations;
    }

    /** Runs one replicate of the scenario and returns the detainers issued. */
    static long runOnce(Scenario s) {
        JuriSimModel m = new JuriSimModel(s);
        CountingSink sink = new CountingSink();
        m.addSink(sink);
        m.runDays(s.days(), null);
        return sink.detainers;
    }

    /** The model: one replicate per iteration. */
    public Result model(String name, Scenario s) {
        return measure(name, () -> runOnce(s), (long) s.days() * s.jurisdictions().size(), 1);
    }

    /** {@code replicates} replicates with derived seeds on a pool of {@code threads} threads, per iteration. */
    public Result replicates(String name, Scenario s, int replicates, int threads) {
        return measure(name, () -> {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Long>> fs = new ArrayList<>();
                for (int r = 0; r < replicates; r++) {
                    Scenario rs = s.withSeed(s.seed() * 1000 + r);
                    fs.add(pool.submit(() -> runOnce(rs)));
                }
                long total = 0;
                for (Future<Long> f : fs) {
                    total += f.get();
                }
                return total;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                pool.shutdown();
            }
        }, (long) s.days() * s.jurisdictions().size() * replicates, replicates);
    }

    /**
     * The floor: exactly the random numbers the model draws per jurisdiction-day (matched bookings), per
     * day (the national count of unmatched bookings) and per match (severity, prior removal, warrant, conviction, issuance), from the same
     * generator and distributions, doing nothing else.
     */
    public Result floor(String name, Scenario s) {
        int n = s.jurisdictions().size();
        double[] matches = new double[n];
        double[] expNeg = new double[n];
        double othersNational = 0;
        for (int i = 0; i < n; i++) {
            JurisdictionSpec j = s.jurisdictions().get(i);
            matches[i] = Jurisdiction.matchesPerDay(j, s.ice());
            expNeg[i] = Math.exp(-matches[i]);
            othersNational += Jurisdiction.bookingsPerDay(j) - matches[i];
        }
        final double others = othersNational;
        double pw = s.bookings().judicialWarrantShare();
        double pp = s.bookings().priorRemovalShare();
        double pc = s.bookings().convictedShare();
        double pi = s.ice().detainerRate();
        return measure(name, () -> {
            MersenneTwisterFast r = new MersenneTwisterFast(s.seed());
            Draws d = Draws.of(r);
            long sinkhole = 0;
            long issued = 0;
            for (int day = 0; day < s.days(); day++) {
                sinkhole += d.poisson(others);
                for (int i = 0; i < n; i++) {
                    int m = d.poisson(matches[i], expNeg[i]);
                    for (int k = 0; k < m; k++) {
                        sinkhole += d.severity(s.bookings()).ordinal();
                        sinkhole += r.nextBoolean(pp) ? 1 : 0;
                        sinkhole += r.nextBoolean(pw) ? 1 : 0;
                        sinkhole += r.nextBoolean(pc) ? 1 : 0;
                        issued += r.nextBoolean(pi) ? 1 : 0;
                    }
                }
            }
            return issued + (sinkhole & 1);
        }, (long) s.days() * n, 1);
    }

    private Result measure(String name, Supplier<Long> work, long jurisdictionDaysPerIteration, int replicatesPerIteration) {
        for (int w = 0; w < warmup; w++) {
            work.get();
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        resetPeaks();
        double[] secs = new double[iterations];
        double[] cpu = new double[iterations];
        boolean ownThread = replicatesPerIteration == 1 && threads.isCurrentThreadCpuTimeSupported();
        long detainers = 0;
        long allocBefore = totalAllocated(threads);
        double total = 0;
        for (int it = 0; it < iterations; it++) {
            long c0 = ownThread ? threads.getCurrentThreadCpuTime() : 0;
            long t0 = System.nanoTime();
            detainers = work.get();
            secs[it] = (System.nanoTime() - t0) / 1e9 / replicatesPerIteration;
            cpu[it] = ownThread ? (threads.getCurrentThreadCpuTime() - c0) / 1e9 : Double.NaN;
            total += secs[it] * replicatesPerIteration;
        }
        long alloc = totalAllocated(threads) - allocBefore;
        return new Result(name, iterations, secs, cpu, jurisdictionDaysPerIteration / replicatesPerIteration, detainers / replicatesPerIteration,
                alloc / total, peakHeap());
    }

    /** Bytes allocated by all live threads (pool threads are counted while they live; see docs/performance.md). */
    private static long totalAllocated(ThreadMXBean threads) {
        long sum = 0;
        for (long id : threads.getAllThreadIds()) {
            long b = threads.getThreadAllocatedBytes(id);
            if (b > 0) {
                sum += b;
            }
        }
        return sum;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
