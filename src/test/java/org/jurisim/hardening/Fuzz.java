package org.jurisim.hardening;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fuzzing settings. The normal suite runs a fixed, seeded set of cases; the long profile
 * ({@code mvn -Pfuzz-long test}) multiplies it. Any failure names its case seed, so that it can be replayed
 * with {@code -Djurisim.fuzz.seed=...}.
 *
 * <ul>
 *   <li>{@code jurisim.fuzz.scale}: multiplies the number of cases (default 1; the fuzz-long profile sets 25)</li>
 *   <li>{@code jurisim.fuzz.seed}: the base seed (default 8, the issue number)</li>
 * </ul>
 */
final class Fuzz {

    static final int SCALE = Integer.getInteger("jurisim.fuzz.scale", 1);
    static final long SEED = Long.getLong("jurisim.fuzz.seed", 8L);

    /** Cases run by all the fuzz tests in this JVM, reported at the end of each test class. */
    static final AtomicInteger CASES = new AtomicInteger();

    private Fuzz() {
    }

    /** A seed for case {@code i} of a family, independent of the other families. */
    static long seed(String family, int i) {
        long h = SEED * 0x9E3779B97F4A7C15L + family.hashCode();
        return h * 31 + i;
    }
}
