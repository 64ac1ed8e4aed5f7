package org.jurisim.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jurisim.cli.Main;
import org.jurisim.output.RunDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing of the inputs that are not scenario structure (issue 18, item 10): generated identifiers (policy, scenario
 * and jurisdiction names), dates and durations, sizes (indices, huge numbers, replicates, sweep samples), CSV files of
 * jurisdictions as users have them, and concurrent runs into one place. Every case must exit 0, or exit 2 with only
 * well-formed one-line problems; never exit 1, never print a stack trace or a raw control character, never leave a
 * half-written directory ({@code DIR.incomplete}) or a lock behind. Most cases go through {@code validate}; a fraction
 * runs for a couple of days with no charts. Seeded like the other fuzz tests ({@code jurisim.fuzz.seed},
 * {@code jurisim.fuzz.scale}); replay one case with {@code -Djurisim.fuzz.only=dates#12}.
 */
class NewInputFuzzTest {

    static final int IDENTIFIERS = 300 * Fuzz.SCALE;
    static final int DATES = 260 * Fuzz.SCALE;
    static final int SIZES = 260 * Fuzz.SCALE;
    static final int CSV = 260 * Fuzz.SCALE;
    static final int CONCURRENCY = 6 * Fuzz.SCALE;
    static final Duration CASE_TIMEOUT = Duration.ofSeconds(30);
    /** A size over a limit is refused before any work: well within this. */
    static final long QUICK_MILLIS = 5_000;

    /** Characters no output line may carry raw: controls other than the line break, and bidirectional overrides. */
    static final Pattern RAW_CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n]]|[\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]");

    static final Pattern USAGE_HINT = Pattern.compile("^Try '\\./jurisim( [a-z]+)? --help'\\.$");
    static final String[] CLASSES = {"identifiers", "dates", "sizes", "csv", "concurrency"};
    static final Map<String, AtomicInteger[]> COUNTS = new ConcurrentHashMap<>();
    static final AtomicInteger CASES = new AtomicInteger();
    static final AtomicLong NANOS = new AtomicLong();

    @TempDir
    static Path tmp;
    static Path demo;

    static {
        for (String c : CLASSES) {
            COUNTS.put(c, new AtomicInteger[] {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()});
        }
    }

    @BeforeAll
    static void copyDemo() throws IOException {
        demo = tmp.resolve("small-demo.yaml");
        Files.copy(Path.of("scenarios/small-demo.yaml"), demo);
    }

    @AfterAll
    static void report() {
        StringBuilder b = new StringBuilder();
        for (String c : CLASSES) {
            AtomicInteger[] n = COUNTS.get(c);
            b.append(String.format("; %s %d cases (answers: %d exit 0, %d exit 2)", c, n[0].get(), n[1].get(), n[2].get()));
        }
        int exit0 = Stream.of(CLASSES).mapToInt(c -> COUNTS.get(c)[1].get()).sum();
        int exit2 = Stream.of(CLASSES).mapToInt(c -> COUNTS.get(c)[2].get()).sum();
        System.out.printf("NewInputFuzzTest: %d cases (answers: %d exit 0, %d exit 2, 0 exit 1)%s; %.1f s in cases, scale %d, seed %d%n",
                CASES.get(), exit0, exit2, b, NANOS.get() / 1e9, Fuzz.SCALE, Fuzz.SEED);
        if (System.getProperty("jurisim.fuzz.only") == null) {
            assertThat(CASES.get()).isEqualTo(IDENTIFIERS + DATES + SIZES + CSV + CONCURRENCY).isGreaterThanOrEqualTo(1000);
        }
    }

    // ------------------------------------------------------------------ the harness

    private interface Case {
        void run(Random rnd, String what, int i) throws Exception;
    }

    private static Stream<DynamicTest> cases(String family, int n, Case body) {
        String only = System.getProperty("jurisim.fuzz.only");
        return IntStream.range(0, n).filter(i -> only == null || only.equals(family + "#" + i))
                .mapToObj(i -> DynamicTest.dynamicTest(family + " #" + i, () -> {
                    long seed = Fuzz.seed("new-input-" + family, i);
                    String what = family + " fuzz case #" + i + " (seed " + seed + ", -Djurisim.fuzz.seed=" + Fuzz.SEED
                            + " -Djurisim.fuzz.only=" + family + "#" + i + ")";
                    CASES.incrementAndGet();
                    Fuzz.CASES.incrementAndGet();
                    COUNTS.get(family)[0].incrementAndGet();
                    long t0 = System.nanoTime();
                    try {
                        assertTimeoutPreemptively(family.equals("concurrency") ? Duration.ofMinutes(2) : CASE_TIMEOUT,
                                () -> body.run(new Random(seed), what, i), () -> "no answer in time: " + what);
                    } finally {
                        NANOS.addAndGet(System.nanoTime() - t0);
                    }
                }));
    }

    /**
     * Exit 0 or 2, nothing else. On 2: nothing on stdout, only well-formed one-line problems on stderr. On 0: no raw
     * control character in what is printed. Counted for the family.
     */
    private static Cli.Result check(String family, Cli.Result r, String what) {
        String shown = printable(what);
        assertThat(r.status()).as("exit status (0 or 2, never 1) of %s\n%s", shown, printable(r.toString())).isIn(Main.OK, Main.BAD_INPUT);
        if (r.status() == Main.BAD_INPUT) {
            // a command-line usage error ends with the hint "Try './jurisim run --help'." (Main's parameter handler)
            List<String> lines = r.errLines();
            if (lines.size() >= 2 && lines.get(0).startsWith("jurisim: ") && USAGE_HINT.matcher(lines.get(lines.size() - 1)).matches()) {
                r = new Cli.Result(r.status(), r.out(), String.join("\n", lines.subList(0, lines.size() - 1)) + "\n");
            }
            Cli.assertBadInput(r, shown);
            COUNTS.get(family)[2].incrementAndGet();
        } else {
            assertThat(r.out()).as("stdout of %s", shown).doesNotContainPattern(RAW_CONTROL).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(r.err()).as("stderr of %s", shown).doesNotContainPattern(RAW_CONTROL).doesNotContain("Exception").doesNotContain("\tat ");
            COUNTS.get(family)[1].incrementAndGet();
        }
        return r;
    }

    /** A run that succeeded published a complete directory; one that was refused left nothing; never a half-written one or a lock. */
    private static void assertOutputs(Cli.Result r, Path out, String what) throws IOException {
        String shown = printable(what);
        if (r.status() == Main.OK) {
            assertComplete(out, shown);
            if (!what.contains("jurisim sweep")) {
                assertThat(out.resolve("timeseries.csv")).as("timeseries.csv of %s: %s", out, shown).isRegularFile();
            }
        } else {
            assertThat(out).as("no directory after a refused run: %s", shown).doesNotExist();
        }
        assertThat(out.resolveSibling(out.getFileName() + ".incomplete")).as("half-written directory: %s", shown).doesNotExist();
        assertThat(out.resolveSibling(out.getFileName() + ".lock")).as("lock left: %s", shown).doesNotExist();
        Files2.deleteTree(out);
    }

    private static void assertComplete(Path dir, String shown) {
        assertThat(dir.resolve("manifest.json")).as("manifest of %s: %s", dir, shown).isRegularFile();
        assertThat(dir.resolve(RunDirectory.MARKER)).as("INCOMPLETE marker in %s: %s", dir, shown).doesNotExist();
    }

    static String printable(String s) {
        return ScenarioFuzzTest.printable(s);
    }

    private static <T> T pick(Random rnd, List<T> xs) {
        return xs.get(rnd.nextInt(xs.size()));
    }

    @SafeVarargs
    private static <T> T pick(Random rnd, T... xs) {
        return xs[rnd.nextInt(xs.length)];
    }

    private static Cli.Result cli(List<String> args) {
        return Cli.run(args.toArray(String[]::new));
    }

    // ------------------------------------------------------------------ identifiers

    static final List<String> CONTROL = List.of("\u001b[31m", "\u001b]0;title\u0007", "\n", "\r", "\r\n", "\u0000", "\u0007", "\t", "\u0008",
            "\u007f", "\u0085", "\u2028", "\u202e", "\u2066", "\ufeff", "\u001b[2J", "\u009b", "\\n", "%s", "%n", "{0}", "${x}");
    static final List<String> METRIC_LIKE = List.of("losing-funds", "rolling", "total", "all", "issued", "end", "avg", "day", "date",
            "detainers-issued", "compliance-rate", "population", "jurisdictions", "cooperation");
    static final List<String> BUILTIN = List.of("sanctuary", "limited", "standard", "full-cooperation", "jail-only");

    static String identifier(Random rnd) {
        if (rnd.nextBoolean()) {
            return rnd.nextBoolean() ? randomLower(rnd) : pick(rnd, BUILTIN);
        }
        return switch (rnd.nextInt(14)) {
            case 0 -> "";
            case 1 -> pick(rnd, "Strict", "SANCTUARY", "Limited", "A", "aB");
            case 2 -> pick(rnd, "my policy", " a", "a ", "a  b", "\u00a0a");
            case 3 -> "p" + pick(rnd, "!", "@", "#", "$", "%", "^", "&", "*", "(", ")", "[", "]", "{", "}", ";", ":", "'", "\"", ",", ".", "<",
                    ">", "/", "?", "\\", "|", "`", "~", "=", "+", "_");
            case 4 -> pick(rnd, "sanctuaire-é", "政策", "\ud83d\ude80", "İstanbul", "straße", "ｆｕｌｌ", "a\u0301", "\ud800", "ǅ");
            case 5 -> "a".repeat(35 + rnd.nextInt(10)) + (rnd.nextBoolean() ? "" : "b".repeat(rnd.nextInt(3000)));
            case 6 -> pick(rnd, METRIC_LIKE);
            case 7 -> "x" + pick(rnd, CONTROL) + "y";
            case 8 -> randomLower(rnd);
            case 9 -> pick(rnd, BUILTIN);
            case 10 -> pick(rnd, "1abc", "-a", "a-", "--", "-", "0", "a--b", "a_b");
            case 11 -> pick(rnd, "null", "~", "true", "yes", "no", "1e3", ".nan", "<<", "*a", "&a", "!!str");
            case 12 -> pick(rnd, CONTROL);
            default -> identifier(rnd) + identifier(rnd);
        };
    }

    static String randomLower(Random rnd) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-";
        StringBuilder b = new StringBuilder().append((char) ('a' + rnd.nextInt(26)));
        for (int k = rnd.nextInt(12); k > 0; k--) {
            b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    static String placeName(Random rnd) {
        if (rnd.nextInt(3) != 0) {
            return pick(rnd, "Cook County", "Harris County", "Doña Ana County", "St. Louis city", "Lewis and Clark County", "O'Brien County");
        }
        return switch (rnd.nextInt(8)) {
            case 0 -> "Cook County";
            case 1 -> "Cook" + pick(rnd, CONTROL) + "County";
            case 2 -> pick(rnd, CONTROL) + "[ERROR] fake.yaml:1:1: name: forged";
            case 3 -> "";
            case 4 -> "Doña Ana County " + "x".repeat(rnd.nextInt(2000));
            case 5 -> "Cook County\nfake.yaml:1:1: name: forged";
            case 6 -> identifier(rnd);
            default -> "Place, with \"quotes\", commas and 'apostrophes'";
        };
    }

    @TestFactory
    Stream<DynamicTest> identifiers() {
        return cases("identifiers", IDENTIFIERS, (rnd, what, i) -> {
            String scenarioName = rnd.nextInt(3) == 0 ? "Fuzz " + i : placeName(rnd);
            String p1 = identifier(rnd);
            int collide = rnd.nextInt(6);
            String p2 = switch (collide) {
                case 0 -> p1.replace('-', '_');
                case 1 -> p1.replace('_', '-');
                case 2 -> p1;
                default -> identifier(rnd);
            };
            String j1 = placeName(rnd);
            String j2 = rnd.nextInt(4) == 0 ? j1 : placeName(rnd);
            String ref2 = rnd.nextBoolean() ? p2 : pick(rnd, BUILTIN);
            String yaml = "name: " + RuleFuzzTest.quote(scenarioName) + "\nstart: 2026-01-01\nduration: 2d\nseed: 1\njurisdictions:\n  list:\n"
                    + "    - {name: " + RuleFuzzTest.quote(j1) + ", state: IL, population: 5087072, policy: " + RuleFuzzTest.quote(p1) + "}\n"
                    + "    - {name: " + RuleFuzzTest.quote(j2) + ", state: TX, population: 4835125, policy: " + RuleFuzzTest.quote(ref2) + "}\n"
                    + "policies:\n  " + RuleFuzzTest.quote(p1) + ": {cooperation: 0.5, detainer: HONOR}\n"
                    + (p2.equals(p1) && rnd.nextBoolean() ? "" : "  " + RuleFuzzTest.quote(p2) + ": {cooperation: 0.2, detainer: NOTIFY}\n")
                    + "initialPolicy: {default: " + RuleFuzzTest.quote(rnd.nextBoolean() ? p1 : pick(rnd, BUILTIN)) + "}\n"
                    + "outputs: {charts: []}\n";
            Path file = tmp.resolve("identifiers-" + i + ".yaml");
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            List<String> set = new ArrayList<>();
            String setWhat = "";
            if (rnd.nextInt(4) == 0) {
                // the same names through --set, raw (the value is read as YAML)
                switch (rnd.nextInt(3)) {
                    case 0 -> set.addAll(List.of("--set", "name=" + identifier(rnd)));
                    case 1 -> set.addAll(List.of("--set", "policies." + identifier(rnd) + "={cooperation: 0.5, detainer: HONOR}"));
                    default -> set.addAll(List.of("--set", "jurisdictions.list[0].name=" + placeName(rnd)));
                }
                setWhat = ", with " + String.join(" ", set);
            }
            String w = what + ": scenario " + file + setWhat + "\n" + yaml;
            List<String> args = new ArrayList<>(List.of("validate", file.toString()));
            args.addAll(set);
            Cli.Result v = check("identifiers", cli(args), w + " (validate)");
            if (rnd.nextInt(8) == 0) {
                Path out = tmp.resolve("out-identifiers-" + i);
                List<String> run = new ArrayList<>(List.of("run", file.toString(), "--out", out.toString()));
                run.addAll(set);
                if (rnd.nextBoolean()) {
                    run.add("--quiet"); // otherwise the summary prints the scenario's name
                }
                Cli.Result r = check("identifiers", cli(run), w + " (run)");
                assertThat(r.status()).as("what validate accepts, run runs, and the other way round: %s\n%s", printable(w), printable(r.toString()))
                        .isEqualTo(v.status());
                assertOutputs(r, out, w);
            }
        });
    }

    // ------------------------------------------------------------------ dates

    static String date(Random rnd) {
        return switch (rnd.nextInt(9)) {
            case 0, 1 -> String.format("%04d-%02d-%02d", 1 + rnd.nextInt(99999), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
            case 2 -> String.format("%04d-02-29", pick(rnd, 1900, 2000, 2100, 2024, 2025, 2026, 2028, 9996, 9998, 9999, 1 + rnd.nextInt(99999)));
            case 3 -> String.format("%04d-%02d-%02d", 1 + rnd.nextInt(99999), rnd.nextInt(14), rnd.nextInt(33));
            case 4 -> pick(rnd, "1900-01-01", "1899-12-31", "9998-12-31", "9999-01-01", "2026-04-31", "2026-00-10", "2026-13-01", "0000-01-01");
            case 5 -> pick(rnd, "2026/01/01", "01-01-2026", "2026-1-1", "today", "", "2026-01-01T00:00:00", "2026-01-01 12:00", "+10000-01-01",
                    "-2026-01-01", "2026-W01", "20260101", "2026-01-01Z", "２０２６-01-01", "2026-01-01\u0000");
            case 6 -> String.format("%d-%02d-%02d", 1 + rnd.nextInt(99999), 1 + rnd.nextInt(12), 1 + rnd.nextInt(31));
            default -> LocalDate.of(2026, 1, 1).plusDays(rnd.nextInt(4000) - 2000).toString();
        };
    }

    static String duration(Random rnd, boolean small) {
        if (small || rnd.nextInt(3) == 0) {
            return pick(rnd, "2d", "1d", "0d", "-1d", "3d", "1w", "2", "abc", "", "2D", "2 d", "1.5d", "P2D", "0", "-0d", "+2d", "02d", "２d");
        }
        return switch (rnd.nextInt(4)) {
            case 0 -> (rnd.nextInt(200_000) - 1000) + pick(rnd, "d", "w", "y", "m", "");
            case 1 -> pick(rnd, "99999999999999999999d", "9223372036854775807d", "9223372036854775808y", "2147483648d", "1e9d", "1e999d", "NaNd",
                    "100000y", "8000y", "200y", "201y", "73200d", "73201d", "-9223372036854775808d");
            case 2 -> pick(rnd, "1y", "365d", "52w", "10y", "2y");
            default -> String.valueOf(rnd.nextLong());
        };
    }

    @TestFactory
    Stream<DynamicTest> dates() {
        return cases("dates", DATES, (rnd, what, i) -> {
            boolean run = rnd.nextInt(5) == 0;
            String start = date(rnd);
            String dur = duration(rnd, run);
            String startYaml = rnd.nextBoolean() ? RuleFuzzTest.quote(start) : start.isEmpty() || start.contains("\u0000") ? "''" : start;
            String yaml = "name: Dates fuzz\nstart: " + startYaml + "\nduration: " + (dur.isEmpty() ? "''" : RuleFuzzTest.quote(dur))
                    + "\nseed: 1\njurisdictions:\n  list:\n    - {name: Cook County, state: IL, population: 5087072}\n"
                    + "    - {name: Harris County, state: TX, population: 4835125}\noutputs: {charts: []}\n";
            if (rnd.nextInt(4) == 0) {
                yaml += "events:\n  - {on: " + RuleFuzzTest.quote(date(rnd)) + ", do: setPolicy, jurisdictions: [\"Cook County, IL\"], policy: sanctuary}\n";
            }
            Path file = tmp.resolve("dates-" + i + ".yaml");
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            String w = what + ": scenario " + file + "\n" + yaml;
            if (!run) {
                List<String> args = new ArrayList<>(List.of("validate", file.toString()));
                if (rnd.nextInt(4) == 0) {
                    args.addAll(List.of("--set", "start=" + date(rnd)));
                }
                if (rnd.nextInt(4) == 0) {
                    args.addAll(List.of("--set", "duration=" + duration(rnd, false)));
                }
                if (rnd.nextInt(6) == 0) {
                    args.add("--allow-large");
                }
                check("dates", cli(args), w + " with " + args);
                return;
            }
            Path out = tmp.resolve("out-dates-" + i);
            List<String> args = new ArrayList<>(List.of("run", file.toString(), "--quiet", "--out", out.toString()));
            LocalDate base = LocalDate.of(2026, 1, 1);
            switch (rnd.nextInt(3)) {
                case 0 -> args.addAll(List.of("--days", pick(rnd, "-1", "0", "1", "2", "3", "4", "400", "9999999", "9223372036854775807",
                        "99999999999999999999", "abc", "1.5", "2d", "", "0x2", "+2", "-0")));
                case 1 -> args.addAll(List.of("--until", rnd.nextBoolean() ? base.plusDays(rnd.nextInt(8) - 3).toString() : date(rnd)));
                default -> {
                }
            }
            Cli.Result r = check("dates", cli(args), w + " with " + args);
            assertOutputs(r, out, w + " with " + args);
        });
    }

    // ------------------------------------------------------------------ sizes

    static final List<String> HUGE = List.of("1e999", "-1e999", "-0", "-0.0", ".nan", "NaN", "nan", ".inf", "-.inf", "Infinity", "1e308",
            "4.9e-324", "1e-999", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "99999999999999999999999", "0x7fffffff",
            "0o17", "1_000", "'1,000'", "0", "-1", "1", "0.5", "100000001", "2147483648", "[1]", "{a: 1}", "''", "~");
    static final List<String> NUMERIC_FIELDS = List.of("ice.officers", "ice.detentionBeds", "jurisdictions.list[0].population",
            "jurisdictions.list[1].foreignBornShare", "jurisdictions.list[2].partisanLean", "seed", "jurisdictions.list[3].bookingsPerCapitaPerYear",
            "policies.sanctuary.cooperation");
    static final List<String> INDICES = List.of("-1", "0", "7", "8", "9", "2147483647", "2147483648", "9223372036854775807", "9223372036854775808",
            "99999999999999999999", "-0", "+1", " 1", "1e3", "", "0x1", "1.0", "٣");
    /** Replicate counts over the default limit (10,000), or not counts at all. */
    static final List<String> REPLICATES_TOO_MANY = List.of("10001", "20000", "100000", "1000001", "2147483647", "2147483648", "99999999999",
            "-1", "0", "abc", "1e3", "", "-2147483648");
    /** ... and over the limit as raised by --allow-large (1,000,000). */
    static final List<String> REPLICATES_TOO_MANY_LARGE = List.of("1000001", "2000000", "2147483647", "2147483648", "-1", "0", "abc");
    /** Sweep samples giving more runs than the default limit (100,000) in every design, or not counts. */
    static final List<String> SAMPLES_TOO_MANY = List.of("100001", "200000", "10000000", "2147483647", "2147483648", "-1", "0", "abc");
    /** ... and than the limit as raised by --allow-large (10,000,000). */
    static final List<String> SAMPLES_TOO_MANY_LARGE = List.of("10000001", "20000000", "2147483647", "2147483648", "-1", "0", "abc");

    @TestFactory
    Stream<DynamicTest> sizes() {
        return cases("sizes", SIZES, (rnd, what, i) -> {
            String d = demo.toString();
            int mode = rnd.nextInt(10);
            List<String> args;
            Path out = tmp.resolve("out-sizes-" + i);
            boolean mustBeQuick = false;
            if (mode < 3) {
                String list = pick(rnd, "jurisdictions.list", "events", "jurisdictions.list[0].nothing", "policies");
                String tail = pick(rnd, ".population=5", "={name: X, state: IL, population: 5}", "=" + pick(rnd, HUGE), ".name=Y", "");
                args = new ArrayList<>(List.of("validate", d, "--set", list + "[" + pick(rnd, INDICES) + "]" + tail));
                if (rnd.nextInt(3) == 0) {
                    args.addAll(List.of("--set", "jurisdictions.list[" + pick(rnd, INDICES) + "][" + pick(rnd, INDICES) + "]=1"));
                }
            } else if (mode < 6) {
                args = new ArrayList<>(List.of("validate", d));
                for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                    args.addAll(List.of("--set", pick(rnd, NUMERIC_FIELDS) + "=" + pick(rnd, HUGE)));
                }
            } else if (mode < 8) {
                // replicates (and seeds) beyond the limits, or a couple of short ones
                boolean small = rnd.nextInt(4) == 0;
                args = new ArrayList<>(List.of("run", d, "--quiet", "--days", "2", "--set", "outputs.charts=[]", "--out", out.toString()));
                switch (rnd.nextInt(4)) {
                    case 0 -> args.addAll(List.of("--replicates", small ? pick(rnd, "1", "2") : pick(rnd, REPLICATES_TOO_MANY)));
                    case 1 -> args.addAll(List.of("--until-ci", pick(rnd, "compliance.end=0.5", "compliance=1e999", "compliance.end=NaN", "x=1",
                            "compliance.end=-1", "compliance.end=0"), "--max-replicates", small ? "2" : pick(rnd, REPLICATES_TOO_MANY)));
                    case 2 -> args.addAll(List.of("--seed", small ? pick(rnd, "0", "42", "9007199254740991")
                            : pick(rnd, "-1", "9007199254740992", "9223372036854775808", "1e3", "", "0x10")));
                    default -> args.addAll(List.of("--replicates", small ? "2" : pick(rnd, REPLICATES_TOO_MANY_LARGE), "--allow-large"));
                }
                mustBeQuick = !small;
            } else {
                // sweeps beyond the limits, or tiny ones
                boolean small = rnd.nextInt(4) == 0;
                int params = 1 + rnd.nextInt(2);
                args = new ArrayList<>(List.of("sweep", d, "--quiet", "--days", "2", "--set", "outputs.charts=[]", "--out", out.toString(),
                        "--design", pick(rnd, "grid", "lhs", "sobol"), "--bootstrap", "10"));
                args.addAll(List.of("--param", "ice.officers=1000:9000"));
                if (params == 2) {
                    args.addAll(List.of("--param", "ice.detentionBeds=" + pick(rnd, "1000:90000", "1e999:2", "NaN:1", "5:5", "9:1")));
                }
                boolean large = rnd.nextInt(4) == 0;
                String samples = small ? pick(rnd, "1", "2") : pick(rnd, large ? SAMPLES_TOO_MANY_LARGE : SAMPLES_TOO_MANY);
                args.addAll(List.of("--samples", samples));
                if (rnd.nextBoolean()) {
                    args.addAll(List.of("--replicates", small ? "1" : pick(rnd, "100001", "2147483647", "65536", "-1", "0", "1")));
                }
                if (large) {
                    args.add("--allow-large");
                }
                mustBeQuick = !small;
            }
            String w = what + ": jurisim " + String.join(" ", args);
            long t0 = System.nanoTime();
            Cli.Result r = check("sizes", cli(args), w);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            if (mustBeQuick) {
                assertThat(r.status()).as("a size over a limit is refused: %s\n%s", w, r).isEqualTo(Main.BAD_INPUT);
                assertThat(millis).as("refused before any work: %s", w).isLessThan(QUICK_MILLIS);
            }
            if (!args.get(0).equals("validate")) {
                assertOutputs(r, out, w);
            }
        });
    }

    // ------------------------------------------------------------------ CSV encodings

    record Row(String name, String state, String stateName, String stateFips, String county, long population) {
    }

    static final List<Row> ROWS = List.of(
            new Row("Cook County", "IL", "Illinois", "17", "031", 5087072),
            new Row("Harris County", "TX", "Texas", "48", "201", 4835125),
            new Row("Doña Ana County", "NM", "New Mexico", "35", "013", 219561),
            new Row("Los Angeles County", "CA", "California", "06", "037", 9663345),
            new Row("Travis County", "TX", "Texas", "48", "453", 1326436),
            new Row("Miami-Dade County", "FL", "Florida", "12", "086", 2686867),
            new Row("Autauga County", "AL", "Alabama", "01", "001", 55869),
            new Row("Bernalillo County", "NM", "New Mexico", "35", "001", 679121));

    static final List<String> BAD_NUMBERS = List.of("abc", "1e999", "-5", "1,000", "NaN", "Infinity", "0", "1.5", " 12", "12 ", "0x10", "1e3",
            "99999999999999999999", "", "NA", "N/A", "-", "２", "1_000", "+7", "-0");

    @TestFactory
    Stream<DynamicTest> csv() {
        return cases("csv", CSV, (rnd, what, i) -> {
            boolean fipsColumns = rnd.nextInt(4) == 0;
            boolean sumlev = rnd.nextInt(4) == 0;
            List<String> header = new ArrayList<>(List.of("name", "state", "population"));
            for (String optional : List.of("foreign_born_share", "dem_share", "kind", "policy", "fips")) {
                if (rnd.nextInt(3) == 0 && !(fipsColumns && optional.equals("fips"))) {
                    header.add(optional);
                }
            }
            if (fipsColumns) {
                header.addAll(List.of("STATE", "COUNTY"));
            }
            if (sumlev) {
                header.add("SUMLEV");
            }
            if (rnd.nextInt(8) == 0) {
                header.remove(rnd.nextInt(3)); // a required column missing
            }
            if (rnd.nextInt(10) == 0) {
                header.add(header.get(rnd.nextInt(header.size()))); // a column twice
            }
            Collections.shuffle(header, rnd);
            List<List<String>> rows = new ArrayList<>();
            for (int k = 1 + rnd.nextInt(6); k > 0; k--) {
                Row row = pick(rnd, ROWS);
                boolean summary = sumlev && rnd.nextInt(4) == 0;
                List<String> cells = new ArrayList<>();
                for (String h : header) {
                    cells.add(switch (h) {
                        case "name" -> summary ? row.stateName() : row.name();
                        case "state" -> pick(rnd, row.state(), row.stateName(), row.stateFips());
                        case "population" -> Long.toString(row.population());
                        case "foreign_born_share" -> pick(rnd, "0.21", "0", "1", "NA", "");
                        case "dem_share" -> pick(rnd, "0.5", "0.74", "NA", "");
                        case "kind" -> pick(rnd, "county", "city", "city-county", "NA");
                        case "policy" -> pick(rnd, "sanctuary", "limited", "NA", "", "Strict", "unknown-policy");
                        case "fips" -> pick(rnd, row.stateFips() + row.county(), "NA", "1", "123456789", "abcde");
                        case "STATE" -> row.stateFips();
                        case "COUNTY" -> summary ? "000" : row.county();
                        case "SUMLEV" -> summary ? pick(rnd, "040", "010", "020", "030") : "050";
                        default -> "x";
                    });
                }
                // cell mutations
                for (int c = 0; c < cells.size(); c++) {
                    if (rnd.nextInt(25) == 0) {
                        cells.set(c, switch (rnd.nextInt(6)) {
                            case 0 -> pick(rnd, "NA", "", "N/A", "-", "na", "NULL");
                            case 1 -> pick(rnd, BAD_NUMBERS);
                            case 2 -> cells.get(c) + ", with a comma";
                            case 3 -> cells.get(c) + "\nsecond line";
                            case 4 -> cells.get(c) + pick(rnd, CONTROL);
                            default -> cells.get(c) + "\"inner\"";
                        });
                    }
                }
                rows.add(cells);
                if (rnd.nextInt(10) == 0) {
                    rows.add(new ArrayList<>(cells)); // a duplicate
                }
            }
            String eol = rnd.nextInt(4) == 0 ? "\r\n" : "\n";
            StringBuilder text = new StringBuilder(line(header, rnd)).append(eol);
            for (List<String> cells : rows) {
                String l = line(cells, rnd);
                switch (rnd.nextInt(25)) {
                    case 0 -> l = l.substring(0, rnd.nextInt(l.length() + 1)); // a truncated line
                    case 1 -> l = l + ",extra";
                    case 2 -> l = l + ",\"unterminated";
                    default -> {
                    }
                }
                text.append(l).append(eol);
            }
            String csvText = text.toString();
            if (rnd.nextInt(10) == 0) {
                csvText = csvText.substring(0, rnd.nextInt(csvText.length() + 1)); // a file cut short
            }
            boolean bom = rnd.nextInt(3) == 0;
            String declared = switch (rnd.nextInt(6)) {
                case 0 -> "ISO-8859-1";
                case 1 -> "windows-1252";
                case 2 -> pick(rnd, "UTF-8", "latin1", "UTF-16", "");
                default -> null;
            };
            boolean latin1 = declared != null && !declared.startsWith("UTF") ? rnd.nextInt(4) != 0 : rnd.nextInt(6) == 0;
            byte[] body = csvText.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (bom) {
                bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            bytes.write(body);
            if (rnd.nextInt(20) == 0) {
                bytes.write(new byte[] {(byte) 0xC3}); // a truncated UTF-8 sequence at the end
            }
            Path csv = tmp.resolve("places-" + i + ".csv");
            Files.write(csv, bytes.toByteArray());
            StringBuilder yaml = new StringBuilder("name: CSV fuzz\nstart: 2026-01-01\nduration: 2d\nseed: 1\njurisdictions:\n  csv:\n")
                    .append("    file: ").append(csv.getFileName()).append('\n');
            if (declared != null) {
                yaml.append("    encoding: ").append(RuleFuzzTest.quote(declared)).append('\n');
            }
            if (rnd.nextInt(4) == 0) {
                yaml.append("    na: [\"\", \"NA\", \"N/A\", \"-\"]\n");
            }
            if (sumlev || fipsColumns) {
                yaml.append("    summaryRows: ").append(pick(rnd, "skip", "refuse")).append('\n');
            }
            if (fipsColumns) {
                yaml.append("    fipsColumns: [STATE, COUNTY]\n");
            }
            yaml.append("outputs: {charts: []}\n");
            Path file = tmp.resolve("csv-" + i + ".yaml");
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            int physicalLines = (int) csvText.chars().filter(ch -> ch == '\n').count() + 1;
            String w = what + ": scenario " + file + " reading " + csv + " (" + (bom ? "BOM, " : "") + (latin1 ? "Latin-1 bytes" : "UTF-8 bytes")
                    + ", encoding " + declared + ")\n" + yaml + "--- CSV\n" + csvText;
            Cli.Result v = check("csv", Cli.run("validate", file.toString()), w + " (validate)");
            assertCsvLocations(v, csv, physicalLines, w);
            if (rnd.nextInt(6) == 0) {
                Path out = tmp.resolve("out-csv-" + i);
                Cli.Result r = check("csv", Cli.run("run", file.toString(), "--quiet", "--out", out.toString()), w + " (run)");
                assertCsvLocations(r, csv, physicalLines, w);
                assertThat(r.status()).as("what validate accepts, run runs: %s\n%s", printable(w), printable(r.toString())).isEqualTo(v.status());
                assertOutputs(r, out, w);
            }
        });
    }

    /** A CSV cell, quoted when it must be (and sometimes when it need not). */
    static String line(List<String> cells, Random rnd) {
        List<String> out = new ArrayList<>();
        for (String c : cells) {
            boolean must = c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r");
            out.add(must || rnd.nextInt(10) == 0 ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
        }
        return String.join(",", out);
    }

    static final Pattern LOCATED = Pattern.compile("^(.+):([0-9]+):([0-9]+): ");

    /**
     * Problems in the CSV file are at a line of it (or the line just past its end) and a positive column; a problem of a
     * row (a name with a control character, say) is at that row, not at the scenario's {@code csv.file}.
     */
    private static void assertCsvLocations(Cli.Result r, Path csv, int physicalLines, String what) {
        if (r.status() != Main.BAD_INPUT) {
            return;
        }
        for (String l : r.errLines()) {
            assertThat(l).as("a problem of a CSV row reported at its row, not at the scenario's csv.file: %s", printable(what))
                    .doesNotContain("of the CSV file");
            Matcher m = LOCATED.matcher(l);
            if (m.find() && m.group(1).equals(csv.toString())) {
                assertThat(Integer.parseInt(m.group(2))).as("CSV line of %s in %s", l, printable(what)).isBetween(1, physicalLines + 1);
                assertThat(Integer.parseInt(m.group(3))).as("CSV column of %s in %s", l, printable(what)).isPositive();
            }
        }
    }

    // ------------------------------------------------------------------ concurrency

    @TestFactory
    Stream<DynamicTest> concurrency() {
        return cases("concurrency", CONCURRENCY, (rnd, what, i) -> {
            int n = 2 + rnd.nextInt(2);
            boolean explicit = i % 2 == 0;
            boolean checkpoints = rnd.nextInt(3) == 0;
            String stem = "fuzzconc" + Fuzz.SEED + "x" + i;
            Path scenario = tmp.resolve(stem + ".yaml");
            Files.copy(demo, scenario);
            Path out = tmp.resolve("out-concurrency-" + i);
            String w = what + ": " + n + " runs at once into " + (explicit ? out : "the default directory runs/" + stem + "-<timestamp>")
                    + (checkpoints ? ", with checkpoints" : "");
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(n);
            List<Future<Cli.Result>> futures = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                long seed = 100 + k;
                futures.add(pool.submit(() -> {
                    go.await();
                    List<String> args = new ArrayList<>(List.of("run", scenario.toString(), "--quiet", "--seed", Long.toString(seed), "--set",
                            "duration=60d", "--set", "outputs.charts=[]"));
                    if (explicit) {
                        args.addAll(List.of("--out", out.toString()));
                    }
                    if (checkpoints) {
                        args.addAll(List.of("--checkpoint-every", "10d"));
                    }
                    return cli(args);
                }));
            }
            go.countDown();
            List<Cli.Result> done = new ArrayList<>();
            try {
                for (Future<Cli.Result> f : futures) {
                    done.add(f.get(90, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
            int winners = 0;
            for (Cli.Result r : done) {
                check("concurrency", r, w);
                if (r.status() == Main.OK) {
                    winners++;
                } else {
                    assertThat(explicit).as("a run refused with its own default directory: %s\n%s", w, r).isTrue();
                    assertThat(r.errLines()).as(w).hasSize(1);
                    assertThat(r.err()).as("the lock's message (or, if the winner was already done, the existing directory): %s", w)
                            .matches("(?s)jurisim: (another JuriSim run \\(pid " + ProcessHandle.current().pid() + "\\) is writing " + Pattern.quote(out.toString())
                                    + "|output directory " + Pattern.quote(out.toString()) + " already exists \\(use --force).*");
                }
            }
            if (explicit) {
                assertThat(winners).as("exactly one publishes: %s\n%s", w, done).isEqualTo(1);
                assertComplete(out, w);
                assertThat(out.resolve("timeseries.csv")).as(w).isRegularFile();
                try (Stream<Path> left = Files.list(tmp)) {
                    assertThat(left.map(p -> p.getFileName().toString()).filter(f -> f.startsWith(out.getFileName().toString())))
                            .as("no lock file, no .incomplete left: %s", w).containsExactly(out.getFileName().toString());
                }
                Files2.deleteTree(out);
            } else {
                assertThat(winners).as("each run with the default directory publishes its own: %s\n%s", w, done).isEqualTo(n);
                Path runs = Path.of("runs");
                List<Path> mine;
                try (Stream<Path> l = Files.list(runs)) {
                    mine = l.filter(p -> p.getFileName().toString().startsWith(stem + "-")).sorted().toList();
                }
                try {
                    assertThat(mine.stream().map(p -> p.getFileName().toString()))
                            .as("one directory per run, nothing half-written, no lock: %s", w).hasSize(n)
                            .noneMatch(f -> f.endsWith(".incomplete") || f.endsWith(".lock"));
                    Map<String, Path> bySeed = new TreeMap<>();
                    for (Path p : mine) {
                        assertComplete(p, w);
                        assertThat(p.resolve("timeseries.csv")).as(w).isRegularFile();
                        String manifest = Files.readString(p.resolve("manifest.json"));
                        Matcher m = Pattern.compile("\"seed\"\\s*:\\s*([0-9]+)").matcher(manifest);
                        assertThat(m.find()).as(w).isTrue();
                        assertThat(bySeed.put(m.group(1), p)).as("seed %s published twice: %s", m.group(1), w).isNull();
                    }
                } finally {
                    for (Path p : mine) {
                        Files2.deleteTree(p);
                    }
                }
            }
        });
    }
}
