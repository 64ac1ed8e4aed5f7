package org.jurisim.scenario;

import java.util.Locale;

/**
 * How large a scenario JuriSim accepts, checked before any work starts (before a jurisdiction is
 * generated or a day simulated). Two sets exist: the defaults, and a larger set chosen only on the
 * command line with {@value #FLAG}; a scenario file cannot raise its own limits. Limits beyond the
 * large set are properties of the format (the schema's maxima, the CSV row limit) or are fixed.
 *
 * @param large             whether these are the raised limits
 * @param fileChars         largest scenario file, in characters (bytes on disk for the size check)
 * @param aliases           most YAML aliases ({@code *name}) of lists and mappings in one file
 * @param values            most YAML values in one file after aliases are expanded
 * @param days              longest simulated horizon, in days
 * @param jurisdictions     most jurisdictions in one scenario
 * @param jurisdictionDays  most jurisdictions x simulated days (the work of one run)
 * @param policies          most policies (each compiles up to three rules), the built-in ones included
 * @param events            most dated events
 * @param replicates        most replicates of one experiment ({@code --replicates}, {@code --max-replicates})
 * @param sweepRuns         most runs of one sweep (points x replicates per point)
 */
public record Limits(boolean large, long fileChars, int aliases, long values, int days, int jurisdictions,
                     long jurisdictionDays, int policies, int events, int replicates, long sweepRuns) {

    /** The command-line flag that selects {@link #LARGE}. */
    public static final String FLAG = "--allow-large";

    /** Largest seed (the schema's maximum: 2^53 - 1, the largest integer every JSON reader keeps exact). */
    public static final long MAX_SEED = 9_007_199_254_740_991L;

    /** Deepest YAML nesting (lists and mappings): fixed, whatever the flag. */
    public static final int NESTING_DEPTH = 64;

    /** What every command uses unless {@value #FLAG} is given. */
    public static final Limits DEFAULT = new Limits(false, 4L * 1024 * 1024, 50, 2_000_000L, 200 * 366, 100_000,
            1_000_000_000L, 10_000, 20_000, 10_000, 100_000L);

    /** What {@value #FLAG} allows. */
    public static final Limits LARGE = new Limits(true, 32L * 1024 * 1024, 500, 5_000_000L, 1000 * 366, 1_000_000,
            100_000_000_000L, 100_000, 100_000, 1_000_000, 10_000_000L);

    public static Limits of(boolean allowLarge) {
        return allowLarge ? LARGE : DEFAULT;
    }

    /**
     * How to go further than a limit, for the end of a message: {@code "; --allow-large raises the limit to N"},
     * or, when it is already raised (or cannot be), that it is the most JuriSim accepts.
     */
    public String raise(long defaultValue, long largeValue) {
        if (!large && largeValue > defaultValue) {
            return "; " + FLAG + " raises the limit to " + number(largeValue);
        }
        return large && largeValue > defaultValue ? " (the limit as raised by " + FLAG + ", the most JuriSim accepts)"
                : " (a fixed limit)";
    }

    /**
     * The refusal of an experiment of {@code runs} runs, checked before any run starts (null when within the limit).
     *
     * @param option the option that asked for them ({@code --replicates}, {@code --max-replicates})
     */
    public org.jurisim.common.Problem replicates(String option, long runs, String what) {
        if (runs <= replicates()) {
            return null;
        }
        return new org.jurisim.common.Problem(new org.jurisim.common.Location(option, 1, 1), option.replaceFirst("^--", ""),
                "expected at most " + number(replicates()) + " " + what + ", found " + number(runs) + " (replicate limit)"
                        + raise(DEFAULT.replicates(), LARGE.replicates()));
    }

    /** {@code 1,000,000}. */
    public static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
