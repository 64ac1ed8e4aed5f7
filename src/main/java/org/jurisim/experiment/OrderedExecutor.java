package org.jurisim.experiment;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * Runs numbered units of work on a pool of threads and commits their results on the calling thread in unit
 * order. Each unit leaves its result on disk ({@link Work#run}); units found already finished (an interrupted
 * experiment) are committed without being run again. At most {@code window} units run ahead of the next one to
 * commit, so results waiting to be committed stay few. What is committed, and in which order, never depends on
 * the number of threads.
 */
final class OrderedExecutor {

    /** One unit of work, run on a worker thread; it must leave its result durable before returning. */
    interface Work {
        void run(int unit) throws Exception;
    }

    /** Takes finished units in order on the calling thread; returns false to stop early. */
    interface Committer {
        boolean commit(int unit) throws Exception;
    }

    /** What happened. */
    record Outcome(int committed, int ran, int reused, boolean stoppedEarly) {
    }

    /** Keeps the result of a unit computed elsewhere where {@link Committer#commit} finds it (calling thread). */
    interface Store<T> {
        void store(int unit, T result) throws Exception;
    }

    private OrderedExecutor() {
    }

    /**
     * Runs units {@code from} (inclusive) to {@code to} (exclusive) on a distributed engine, in waves of
     * {@code wave} units: each wave's unfinished units are computed by the engine, then stored and committed in
     * unit order on the calling thread, exactly as {@link #run} commits them. A committer that stops early wastes
     * at most the rest of one wave.
     */
    static <T extends Serializable> Outcome runOn(DistributedEngine engine, int wave, int from, int to, IntPredicate finished,
                                                  DistributedEngine.UnitTask<T> task, Store<T> store, Committer committer)
            throws Exception {
        if (wave < 1) {
            throw new IllegalArgumentException("wave " + wave);
        }
        int ran = 0;
        int reused = 0;
        int next = from;
        while (next < to) {
            int end = Math.min(to, next + wave);
            int[] todo = java.util.stream.IntStream.range(next, end).filter(u -> !finished.test(u)).toArray();
            List<T> results = todo.length == 0 ? List.of() : engine.compute(task, todo);
            if (results.size() != todo.length) {
                throw new IllegalStateException("the engine returned " + results.size() + " results for " + todo.length + " units");
            }
            int k = 0;
            for (int u = next; u < end; u++) {
                if (k < todo.length && todo[k] == u) {
                    store.store(u, results.get(k++));
                    ran++;
                } else {
                    reused++;
                }
                if (!committer.commit(u)) {
                    return new Outcome(u + 1 - from, ran, reused, true);
                }
            }
            next = end;
        }
        return new Outcome(to - from, ran, reused, false);
    }

    /**
     * Runs units {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @param finished tells which units already have a result on disk (they are committed without running)
     */
    static Outcome run(int from, int to, int threads, IntPredicate finished, Work work, Committer committer) throws Exception {
        int window = Math.max(1, threads * 2);
        AtomicInteger ids = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "jurisim-worker-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        CompletionService<Integer> done = new ExecutorCompletionService<>(pool);
        Set<Integer> ready = new HashSet<>();
        int running = 0;
        int next = from;
        int commit = from;
        int ran = 0;
        int reused = 0;
        boolean stopped = false;
        try {
            while (commit < to) {
                while (running < threads && next < to && next < commit + window) {
                    int u = next++;
                    if (finished.test(u)) {
                        ready.add(u);
                        reused++;
                    } else {
                        done.submit(() -> {
                            work.run(u);
                            return u;
                        });
                        running++;
                    }
                }
                if (ready.remove(commit)) {
                    if (!committer.commit(commit++)) {
                        stopped = true;
                        break;
                    }
                    continue;
                }
                Future<Integer> f = done.take();
                running--;
                try {
                    ready.add(f.get());
                    ran++;
                } catch (ExecutionException e) {
                    // let the other running units finish (their results are kept for a resume), then report
                    pool.shutdown();
                    pool.awaitTermination(1, TimeUnit.DAYS);
                    Throwable c = e.getCause();
                    if (c instanceof Exception ex) {
                        throw ex;
                    }
                    throw (Error) c;
                }
            }
        } finally {
            pool.shutdown();
            if (!pool.awaitTermination(1, TimeUnit.DAYS)) {
                pool.shutdownNow();
            }
        }
        return new Outcome(commit - from, ran, reused, stopped);
    }
}
