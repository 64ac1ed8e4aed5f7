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
 */
public record Limits(boolean large, long fileChars, int aliases, long values, int days, int jurisdictions,
                     long jurisdictionDays) {

    /** The command-line flag that selects {@link #LARGE}. */
    public static final String FLAG = "--allow-large";

    /** Largest seed (the schema's maximum: 2^53 - 1, the largest integer every JSON reader keeps exact). */
    public static final long MAX_SEED = 9_007_199_254_740_991L;

    /** Most replicates one experiment may ask for unless {@value #FLAG} is given, and with it. */
    public static final int MAX_REPLICATES = 10_000;
    public static final int MAX_REPLICATES_LARGE = 1_000_000;

    /** Deepest YAML nesting (lists and mappings): fixed, whatever the flag. */
    public static final int NESTING_DEPTH = 64;

    /** What every command uses unless {@value #FLAG} is given. */
    public static final Limits DEFAULT = new Limits(false, 4L * 1024 * 1024, 50, 2_000_000L, 200 * 366, 100_000,
            1_000_000_000L);

    /** What {@value #FLAG} allows. */
    public static final Limits LARGE = new Limits(true, 32L * 1024 * 1024, 500, 5_000_000L, 1000 * 366, 1_000_000,
            100_000_000_000L);

    public static Limits of(boolean allowLarge) {
        return allowLarge ? LARGE : DEFAULT;
    }

    /**
     * How to go further than a limit, for the end of a message: {@code "; --allow-large raises the limit to N"},
     * or, when it is already raised (or cannot be), that it is the most JuriSim accepts.
     */
    String raise(long defaultValue, long largeValue) {
        if (!large && largeValue > defaultValue) {
            return "; " + FLAG + " raises the limit to " + number(largeValue);
        }
        return large && largeValue > defaultValue ? " (the limit as raised by " + FLAG + ", the most JuriSim accepts)"
                : " (a fixed limit)";
    }

    /** The most runs of one experiment (replicates, or sweep points x replicates) these limits allow. */
    public int replicates() {
        return large ? MAX_REPLICATES_LARGE : MAX_REPLICATES;
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
                        + raise(MAX_REPLICATES, MAX_REPLICATES_LARGE));
    }

    /** {@code 1,000,000}. */
    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
