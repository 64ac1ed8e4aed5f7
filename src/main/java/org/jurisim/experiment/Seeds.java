package org.jurisim.experiment;

import java.util.SplittableRandom;

/**
 * Seeds of replicates, derived deterministically from an experiment's base seed and the replicate's index:
 * the same (seed, index) always gives the same seed, whatever the number of threads or the order runs finish in.
 * Derived seeds stay within the range a scenario's {@code seed} accepts (0 to 2^53 - 1), so any replicate can be
 * re-run on its own with {@code jurisim run SCENARIO --seed S}.
 */
public final class Seeds {

    /** Largest seed a scenario accepts (the largest integer a JSON number holds exactly). */
    public static final long MAX = (1L << 53) - 1;

    private Seeds() {
    }

    /** The seed of replicate {@code index} (0-based) of an experiment with base seed {@code base}. */
    public static long replicate(long base, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("replicate index " + index);
        }
        // SplitMix64 (SplittableRandom) of the base seed, mixed with the index through an odd multiplier (a bijection),
        // then mixed again: neighbouring indices and neighbouring base seeds give unrelated seeds.
        long key = new SplittableRandom(base).nextLong() ^ (index * 0x9E3779B97F4A7C15L);
        return new SplittableRandom(key).nextLong() >>> 11;
    }

    /**
     * The seed of replicate {@code index} of a point on random stream {@code stream} (see {@link Design#stream}):
     * stream 0 is {@link #replicate}(base, index), the seed every point of a grid or Latin hypercube shares; another
     * stream gives other, unrelated seeds.
     */
    public static long replicate(long base, long stream, int index) {
        if (stream == 0) {
            return replicate(base, index);
        }
        long mixed = new SplittableRandom(base ^ (stream * 0xC2B2AE3D27D4EB4FL)).nextLong();
        return replicate(mixed, index);
    }
}
