package org.jurisim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Location;
import org.jurisim.common.Problem;
import org.jurisim.common.Suggest;
import org.jurisim.output.CasesCsv;
import org.jurisim.output.JurisdictionsCsv;
import org.jurisim.scenario.CaseType;
import org.jurisim.scenario.SourceMap;
import org.jurisim.scenario.YamlDocument;

/**
 * Calibration targets: figures of the public record, each with the scenario that should reproduce it, the statistic
 * that measures it in a run's outputs, and an acceptance range. Read from a YAML file ({@code targets:} list); the
 * built-in file is {@code org/jurisim/calibration/targets.yaml} in the jar. Problems are reported as
 * {@code FILE:LINE:COLUMN: targets[i].field: message}, all at once.
 *
 * <p>The statistics are a fixed set of kinds ({@link Kind}), each computed per replicate by {@link Check}:
 * over the days of a window of {@code timeseries.csv} ({@code sum}, {@code mean}, {@code max}, {@code ratio}),
 * on one day ({@code value}), over the rows of {@code cases.csv} that match a filter ({@code cases},
 * {@code case-share}, {@code case-days}) or over the rows of {@code jurisdictions.csv} on the run's last day
 * ({@code jurisdictions}). A filter is a mapping of column to value (or list of values, any of which matches).
 */
public final class Targets {

    /** The built-in targets, as a class-path resource. */
    public static final String BUILT_IN = "org/jurisim/calibration/targets.yaml";
    /** The name the built-in file has in messages. */
    public static final String BUILT_IN_NAME = "targets.yaml (built in)";

    /** Days per unit for {@code per}: a month is a twelfth of a year of 365.25 days. */
    public enum Per {
        DAY(1.0), MONTH(365.25 / 12), YEAR(365.25);

        final double days;

        Per(double days) {
            this.days = days;
        }

        String yaml() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The kinds of statistic. */
    public enum Kind {
        /** Sum of a timeseries column (or of several, added) over the window's days; with {@code per}, as a rate. */
        SUM("sum"),
        /** Mean of the daily values over the window (days without a value left out). */
        MEAN("mean"),
        /** Largest daily value over the window. */
        MAX("max"),
        /** The value on one date ({@code on}). */
        VALUE("value"),
        /** Sum of the numerator columns over the window divided by the sum of the denominator columns. */
        RATIO("ratio"),
        /** Number of rows of cases.csv matching {@code where}, with their {@code date} column in the window. */
        CASES("cases"),
        /** Of the rows of cases.csv matching {@code where} (dated in the window), the share also matching {@code matching}. */
        CASE_SHARE("case-share"),
        /**
         * Median days from the filing of the first case of a chain (the district suit) to the date of matching rows: their
         * decision ({@code date: decided}, the default) or their preliminary injunction ({@code date: preliminary_injunction_date}).
         */
        CASE_DAYS("case-days"),
        /** Mean of a numeric column of cases.csv ({@code column}, e.g. {@code plaintiffs}) over the matching rows dated in the window. */
        CASE_MEAN("case-mean"),
        /** Largest value of a numeric column of cases.csv over the matching rows dated in the window. */
        CASE_MAX("case-max"),
        /** Number of rows of jurisdictions.csv matching {@code where}, on the run's last day (the run ends on {@code on}). */
        JURISDICTIONS("jurisdictions"),
        /** The model has no output measuring this (the note says what it would need). */
        NOT_MEASURED("not-measured");

        final String yaml;

        Kind(String yaml) {
            this.yaml = yaml;
        }

        public String yaml() {
            return yaml;
        }

        boolean timeseries() {
            return this == SUM || this == MEAN || this == MAX || this == VALUE || this == RATIO;
        }

        boolean cases() {
            return this == CASES || this == CASE_SHARE || this == CASE_DAYS || this == CASE_MEAN || this == CASE_MAX;
        }

        static Kind of(String s) {
            for (Kind k : values()) {
                if (k.yaml.equals(s)) {
                    return k;
                }
            }
            return null;
        }

        static List<String> names() {
            List<String> l = new ArrayList<>();
            for (Kind k : values()) {
                l.add(k.yaml);
            }
            return l;
        }
    }

    /** A filter on the rows of a CSV file: every column must hold one of its values. */
    public record Filter(Map<String, List<String>> columns) {
        public Filter {
            columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        }

        static final Filter ALL = new Filter(Map.of());

        boolean matches(Map<String, Integer> index, String[] row) {
            for (Map.Entry<String, List<String>> e : columns.entrySet()) {
                Integer i = index.get(e.getKey());
                String v = i == null || i >= row.length ? "" : row[i];
                if (!e.getValue().contains(v)) {
                    return false;
                }
            }
            return true;
        }

        String describe() {
            StringBuilder b = new StringBuilder();
            for (Map.Entry<String, List<String>> e : columns.entrySet()) {
                if (b.length() > 0) {
                    b.append(" and ");
                }
                b.append(e.getKey()).append(e.getValue().size() == 1 ? " = " + e.getValue().get(0) : " in " + e.getValue());
            }
            return b.toString();
        }
    }

    /**
     * How a target is measured.
     *
     * @param columns     timeseries columns (added day by day); for {@code ratio} the numerator
     * @param denominator for {@code ratio}: the denominator columns
     * @param from        first day of the window (inclusive), or null (cases: no limit)
     * @param to          last day of the window (inclusive), or null
     * @param on          for {@code value} and {@code jurisdictions}: the date
     * @param per         for {@code sum}: report as a rate per day, month or year (null: the plain sum)
     * @param where       for the cases and jurisdictions kinds: which rows
     * @param matching    for {@code case-share}: which of those rows count as a success
     * @param dateColumn  for the cases kinds: the date column the window applies to ({@code filed} or {@code decided})
     * @param outcome     null, or the outcome a replicate shows or not (its value is then 1 or 0, and the mean over
     *                    replicates the share of replicates that show it)
     */
    public record Statistic(Kind kind, List<String> columns, List<String> denominator, LocalDate from, LocalDate to, LocalDate on,
                            Per per, Filter where, Filter matching, String dateColumn, Outcome outcome) {
        public Statistic {
            columns = List.copyOf(columns);
            denominator = List.copyOf(denominator);
        }

        Statistic(Kind kind, List<String> columns, List<String> denominator, LocalDate from, LocalDate to, LocalDate on,
                  Per per, Filter where, Filter matching, String dateColumn) {
            this(kind, columns, denominator, from, to, on, per, where, matching, dateColumn, null);
        }

        /** This statistic turned into whether a replicate shows {@code o}. */
        Statistic withOutcome(Outcome o) {
            return new Statistic(kind, columns, denominator, from, to, on, per, where, matching, dateColumn, o);
        }

        /** The last date the statistic reads. */
        LocalDate lastDate() {
            return on != null ? on : to;
        }

        /** A short description for tables. */
        public String describe() {
            String window = on != null ? "on " + on : from == null && to == null ? "whole run" : (from == null ? "start" : from.toString())
                    + " to " + (to == null ? "end" : to.toString());
            String cols = String.join(" + ", columns);
            return switch (kind) {
                case SUM -> "sum of " + cols + (per == null ? "" : " per " + per.yaml()) + ", " + window;
                case MEAN -> "mean of " + cols + ", " + window;
                case MAX -> "max of " + cols + ", " + window;
                case VALUE -> cols + " " + window;
                case RATIO -> "sum(" + cols + ") / sum(" + String.join(" + ", denominator) + "), " + window;
                case CASES -> "cases where " + where.describe() + ", " + dateColumn + " " + window;
                case CASE_SHARE -> "share of cases where " + where.describe() + " with " + matching.describe() + ", " + dateColumn + " "
                        + window;
                case CASE_DAYS -> "median days from filing to " + (dateColumn.equals("decided") ? "decision" : "preliminary injunction")
                        + " of cases where " + where.describe() + ", " + dateColumn + " " + window;
                case CASE_MEAN -> "mean " + cols + " of cases where " + where.describe() + ", " + dateColumn + " " + window;
                case CASE_MAX -> "largest " + cols + " of cases where " + where.describe() + ", " + dateColumn + " " + window;
                case JURISDICTIONS -> "jurisdictions where " + where.describe() + ", " + window;
                case NOT_MEASURED -> "not measured";
            } + (outcome == null ? "" : "; 1 in a replicate where it is " + outcome.describe() + ", else 0");
        }
    }

    /**
     * An outcome of the record that one replicate shows or not: the statistic at least, or at most, a bound. A
     * record that is one outcome (a split that happened, a court that decided nothing) can only say whether the model
     * makes it plausible, so such a target asks for the share of replicates that show it.
     *
     * @param bound   the bound
     * @param atLeast true: the statistic is at least the bound; false: at most
     */
    public record Outcome(double bound, boolean atLeast) {
        boolean shownBy(double value) {
            return atLeast ? value >= bound : value <= bound;
        }

        String describe() {
            return (atLeast ? "at least " : "at most ") + Parser.fmt(bound);
        }
    }

    /**
     * One target.
     *
     * @param index       its position in the file (for messages)
     * @param scenario    the scenario file, as written (null for a target that is not measured and names none)
     * @param periodFrom  the record's period (from = to for a date)
     * @param share       display values as percentages
     * @param quick       part of the quick subset ({@code --quick})
     */
    public record Target(int index, String id, String description, String source, LocalDate periodFrom, LocalDate periodTo,
                         String scenario, Statistic statistic, double record, double acceptLow, double acceptHigh, String note,
                         boolean share, boolean quick) {
        public boolean measured() {
            return statistic.kind() != Kind.NOT_MEASURED;
        }

        public String period() {
            return periodFrom.equals(periodTo) ? periodFrom.toString() : periodFrom + " to " + periodTo;
        }
    }

    /**
     * A default calibration (the file's {@code calibration:} list): the free parameters of one scenario with their
     * prior ranges, and the targets it is fitted to (measured on that scenario's runs, whatever scenario each target
     * names for {@code check}).
     *
     * @param index   its position in the list (for messages)
     * @param targets target ids (empty: the measured targets that name this scenario)
     */
    public record Calibration(int index, String scenario, List<String> targets, List<Design.Param> params) {
        public Calibration {
            targets = List.copyOf(targets);
            params = List.copyOf(params);
        }
    }

    private final String file;
    private final Path dir;
    private final SourceMap sources;
    private final List<Target> targets;
    private final List<Calibration> calibrations;
    private final String text;

    private Targets(String file, Path dir, SourceMap sources, List<Target> targets, List<Calibration> calibrations, String text) {
        this.file = file;
        this.dir = dir;
        this.sources = sources;
        this.targets = List.copyOf(targets);
        this.calibrations = List.copyOf(calibrations);
        this.text = text;
    }

    public List<Target> all() {
        return targets;
    }

    /** The file's default calibrations ({@code calibration:}), in order. */
    public List<Calibration> calibrations() {
        return calibrations;
    }

    /** The default calibration of a scenario file (compared as normalized absolute paths), or null. */
    public Calibration calibrationFor(Path scenario) {
        Path want = scenario.toAbsolutePath().normalize();
        for (Calibration c : calibrations) {
            if (resolve(c.scenario()).toAbsolutePath().normalize().equals(want)) {
                return c;
            }
        }
        return null;
    }

    /** Where a field of default calibration {@code c} was written (e.g. {@code params[0].low}). */
    public Location locate(Calibration c, String field) {
        return sources.valueOf("calibration[" + c.index() + "]" + (field.isEmpty() ? "" : "." + field), file);
    }

    public String file() {
        return file;
    }

    /** The text of the file (recorded in the check's settings, so that a changed file is not resumed). */
    String text() {
        return text;
    }

    /** Where a field of target {@code t} was written (e.g. {@code statistic.column}). */
    public Location locate(Target t, String field) {
        return sources.valueOf(path(t, field), file);
    }

    static String path(Target t, String field) {
        return "targets[" + t.index() + "]" + (field.isEmpty() ? "" : "." + field);
    }

    /** The scenario file of a target: relative to the targets file's directory when it is there, else to the working directory. */
    public Path scenarioPath(Target t) {
        return resolve(t.scenario());
    }

    private Path resolve(String scenario) {
        Path p = Path.of(scenario);
        if (p.isAbsolute() || dir == null) {
            return p;
        }
        Path near = dir.resolve(p);
        return Files.exists(near) ? near : p;
    }

    /** The built-in targets. */
    public static Targets builtIn() throws IOException, BadInputException {
        try (InputStream in = Targets.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IOException("the built-in targets " + BUILT_IN + " are missing from the class path");
            }
            return parse(BUILT_IN_NAME, null, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** A targets file. */
    public static Targets load(Path file) throws BadInputException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file" : "cannot read it (" + e.getMessage() + ")";
            throw new BadInputException(new Problem(new Location(file.toString(), 1, 1), "targets", "expected a targets file, " + why));
        }
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parse(file.toString(), parent, text);
    }

    static final Set<String> TARGET_FIELDS = new LinkedHashSet<>(List.of("id", "description", "source", "period", "scenario",
            "statistic", "record", "accept", "note", "unit", "quick"));
    static final Set<String> CALIBRATION_FIELDS = new LinkedHashSet<>(List.of("scenario", "targets", "params"));
    static final Set<String> STAT_FIELDS = new LinkedHashSet<>(List.of("kind", "column", "numerator", "denominator", "from", "to", "on",
            "per", "where", "matching", "date", "outcome"));
    static final List<String> CASE_COLUMNS = List.of(CasesCsv.HEADER.split(","));
    static final List<String> JURISDICTION_COLUMNS = List.of(JurisdictionsCsv.HEADER.split(","));

    /** Parses targets from YAML text; {@code dir} is where relative scenario paths are looked up first (null: the working directory). */
    public static Targets parse(String file, Path dir, String text) throws BadInputException {
        YamlDocument doc = YamlDocument.parse(file, text);
        Parser p = new Parser(file, doc.sources());
        List<Target> out = p.targets(doc.root());
        List<Calibration> cal = p.calibrations(doc.root().get("calibration"), out);
        if (!p.problems.isEmpty()) {
            throw new BadInputException(p.problems);
        }
        return new Targets(file, dir, doc.sources(), out, cal, text);
    }

    /** Reads the fields of a targets document, collecting problems. */
    private static final class Parser {
        final String file;
        final SourceMap src;
        final List<Problem> problems = new ArrayList<>();

        Parser(String file, SourceMap src) {
            this.file = file;
            this.src = src;
        }

        void bad(String path, String message) {
            problems.add(new Problem(src.valueOf(path, file), path, message));
        }

        void badKey(String path, String message) {
            problems.add(new Problem(src.keyOf(path, file), path, message));
        }

        List<Target> targets(ObjectNode root) {
            List<Target> out = new ArrayList<>();
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!k.equals("targets") && !k.equals("calibration")) {
                    badKey(k, "unknown field; a targets file has 'targets' (a list) and optionally 'calibration' (a list)"
                            + Suggest.hint(k, List.of("targets", "calibration")));
                }
            }
            JsonNode list = root.get("targets");
            if (list == null || !list.isArray()) {
                bad(list == null ? "" : "targets", "expected 'targets': a list of targets, found " + YamlDocument.describe(list));
                return out;
            }
            Map<String, String> ids = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                String path = "targets[" + i + "]";
                JsonNode n = list.get(i);
                if (!n.isObject()) {
                    bad(path, "expected a target (a mapping with id, statistic, record, ...), found " + YamlDocument.describe(n));
                    continue;
                }
                Target t = target(i, path, n);
                if (t != null) {
                    String before = ids.putIfAbsent(t.id(), path);
                    if (before != null) {
                        bad(path + ".id", "expected a unique id, found '" + t.id() + "' again (first at " + before + ")");
                        continue;
                    }
                    out.add(t);
                }
            }
            return out;
        }

        Target target(int i, String path, JsonNode n) {
            int before = problems.size();
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!TARGET_FIELDS.contains(k)) {
                    badKey(path + "." + k, "unknown field" + Suggest.hint(k, TARGET_FIELDS) + "; expected one of " + TARGET_FIELDS);
                }
            }
            String id = text(n, path, "id", true);
            if (id != null && !id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                bad(path + ".id", "expected an id of letters, digits, '.', '_' and '-', found '" + id + "'");
            }
            String description = text(n, path, "description", true);
            String source = text(n, path, "source", true);
            String note = text(n, path, "note", false);
            String unit = text(n, path, "unit", false);
            if (unit != null && !unit.equals("share") && !unit.equals("count")) {
                bad(path + ".unit", "expected 'share' or 'count', found '" + unit + "'" + Suggest.hint(unit, List.of("share", "count")));
            }
            boolean quick = false;
            JsonNode q = n.get("quick");
            if (q != null) {
                if (q.isBoolean()) {
                    quick = q.asBoolean();
                } else {
                    bad(path + ".quick", "expected true or false, found " + YamlDocument.describe(q));
                }
            }
            LocalDate[] period = period(n.get("period"), path + ".period");
            String scenario = text(n, path, "scenario", false);
            Statistic st = statistic(n.get("statistic"), path + ".statistic", period);
            if (st != null && st.kind() != Kind.NOT_MEASURED && scenario == null) {
                bad(path, "expected 'scenario': the scenario file whose runs measure this target (e.g. scenarios/history-2017-2021.yaml)");
            }
            double record = number(n.get("record"), path + ".record", true);
            double lo = Double.NaN;
            double hi = Double.NaN;
            JsonNode acc = n.get("accept");
            if (st != null && st.kind() != Kind.NOT_MEASURED || acc != null) {
                if (acc == null || !acc.isObject()) {
                    bad(acc == null ? path : path + ".accept", "expected 'accept': {low: N, high: N}, the range of model means that passes, found "
                            + YamlDocument.describe(acc));
                } else {
                    for (Iterator<String> it = acc.fieldNames(); it.hasNext(); ) {
                        String k = it.next();
                        if (!k.equals("low") && !k.equals("high")) {
                            badKey(path + ".accept." + k, "unknown field" + Suggest.hint(k, List.of("low", "high")) + "; expected low and high");
                        }
                    }
                    lo = number(acc.get("low"), path + ".accept.low", true);
                    hi = number(acc.get("high"), path + ".accept.high", true);
                    if (lo > hi) {
                        bad(path + ".accept", "expected low <= high, found low " + fmt(lo) + " above high " + fmt(hi));
                    }
                }
            }
            if (problems.size() > before || period == null || st == null) {
                return null;
            }
            return new Target(i, id, description, source, period[0], period[1], scenario, st, record, lo, hi, note == null ? "" : note,
                    "share".equals(unit), quick);
        }

        /** The {@code calibration:} list: per scenario, the targets it is fitted to and its free parameters' ranges. */
        List<Calibration> calibrations(JsonNode list, List<Target> targets) {
            List<Calibration> out = new ArrayList<>();
            if (list == null) {
                return out;
            }
            if (!list.isArray()) {
                bad("calibration", "expected a list of {scenario, targets, params}, found " + YamlDocument.describe(list));
                return out;
            }
            Set<String> ids = new LinkedHashSet<>();
            targets.forEach(t -> ids.add(t.id()));
            for (int i = 0; i < list.size(); i++) {
                String path = "calibration[" + i + "]";
                JsonNode n = list.get(i);
                if (!n.isObject()) {
                    bad(path, "expected {scenario, targets, params}, found " + YamlDocument.describe(n));
                    continue;
                }
                int before = problems.size();
                for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (!CALIBRATION_FIELDS.contains(k)) {
                        badKey(path + "." + k, "unknown field" + Suggest.hint(k, CALIBRATION_FIELDS) + "; expected one of " + CALIBRATION_FIELDS);
                    }
                }
                String scenario = text(n, path, "scenario", true);
                List<String> tids = new ArrayList<>();
                JsonNode tl = n.get("targets");
                if (tl != null) {
                    if (!tl.isArray()) {
                        bad(path + ".targets", "expected a list of target ids, found " + YamlDocument.describe(tl));
                    } else {
                        for (int k = 0; k < tl.size(); k++) {
                            String id = tl.get(k).isTextual() ? tl.get(k).asText() : null;
                            if (id == null || !ids.contains(id)) {
                                bad(path + ".targets[" + k + "]", "expected the id of a target of this file" + (id == null ? ""
                                        : Suggest.hint(id, ids)) + ", found " + YamlDocument.describe(tl.get(k)));
                            } else if (tids.contains(id)) {
                                bad(path + ".targets[" + k + "]", "expected each target once, found '" + id + "' again");
                            } else {
                                tids.add(id);
                            }
                        }
                    }
                }
                List<Design.Param> params = new ArrayList<>();
                JsonNode pl = n.get("params");
                if (pl == null || !pl.isArray() || pl.isEmpty()) {
                    bad(pl == null ? path : path + ".params", "expected 'params': a list of {path, low, high}, found " + YamlDocument.describe(pl));
                } else {
                    Set<String> seen = new LinkedHashSet<>();
                    for (int k = 0; k < pl.size(); k++) {
                        String pp = path + ".params[" + k + "]";
                        JsonNode q = pl.get(k);
                        if (!q.isObject()) {
                            bad(pp, "expected {path, low, high}, found " + YamlDocument.describe(q));
                            continue;
                        }
                        for (Iterator<String> it = q.fieldNames(); it.hasNext(); ) {
                            String f = it.next();
                            if (!List.of("path", "low", "high").contains(f)) {
                                badKey(pp + "." + f, "unknown field" + Suggest.hint(f, List.of("path", "low", "high")) + "; expected path, low and high");
                            }
                        }
                        String fp = text(q, pp, "path", true);
                        double lo = number(q.get("low"), pp + ".low", true);
                        double hi = number(q.get("high"), pp + ".high", true);
                        if (fp == null || Double.isNaN(lo) || Double.isNaN(hi)) {
                            continue;
                        }
                        if (!(lo < hi)) {
                            bad(pp + ".high", "expected high above low (" + fmt(lo) + "), found " + fmt(hi));
                        } else if (!seen.add(fp)) {
                            bad(pp + ".path", "expected each parameter once, found '" + fp + "' again");
                        } else {
                            boolean integer = q.get("low").isIntegralNumber() && q.get("high").isIntegralNumber();
                            params.add(new Design.Param(fp, lo, hi, integer));
                        }
                    }
                }
                if (problems.size() == before) {
                    out.add(new Calibration(i, scenario, tids, params));
                }
            }
            return out;
        }

        static String fmt(double v) {
            return org.jurisim.output.Numbers.format(v);
        }

        String text(JsonNode n, String path, String field, boolean required) {
            JsonNode v = n.get(field);
            if (v == null) {
                if (required) {
                    bad(path, "expected '" + field + "', found none");
                }
                return null;
            }
            if (!v.isTextual() || v.asText().isBlank()) {
                bad(path + "." + field, "expected text, found " + YamlDocument.describe(v));
                return null;
            }
            return v.asText();
        }

        double number(JsonNode v, String path, boolean required) {
            if (v == null) {
                if (required) {
                    bad(parentOf(path), "expected '" + leaf(path) + "': a number, found none");
                }
                return Double.NaN;
            }
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                bad(path, "expected a number, found " + YamlDocument.describe(v));
                return Double.NaN;
            }
            return v.asDouble();
        }

        LocalDate date(JsonNode v, String path) {
            if (v == null) {
                return null;
            }
            if (!v.isTextual()) {
                bad(path, "expected a date YYYY-MM-DD, found " + YamlDocument.describe(v));
                return null;
            }
            try {
                return LocalDate.parse(v.asText());
            } catch (DateTimeParseException e) {
                bad(path, "expected a date YYYY-MM-DD, found '" + v.asText() + "'");
                return null;
            }
        }

        LocalDate[] period(JsonNode n, String path) {
            if (n == null || !n.isObject()) {
                bad(n == null ? parentOf(path) : path, "expected 'period': {from: DATE, to: DATE} or {on: DATE}, the record's dates, found "
                        + YamlDocument.describe(n));
                return null;
            }
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!List.of("from", "to", "on").contains(k)) {
                    badKey(path + "." + k, "unknown field" + Suggest.hint(k, List.of("from", "to", "on")) + "; expected from and to, or on");
                }
            }
            LocalDate on = date(n.get("on"), path + ".on");
            LocalDate from = date(n.get("from"), path + ".from");
            LocalDate to = date(n.get("to"), path + ".to");
            if (on != null && (from != null || to != null)) {
                bad(path, "expected either on, or from and to, found both");
                return null;
            }
            if (on != null) {
                return new LocalDate[] {on, on};
            }
            if (from == null || to == null) {
                if (!n.has("on") && !(n.has("from") && n.has("to"))) {
                    bad(path, "expected from and to (or on), found " + (n.has("from") || n.has("to") ? "only one of from and to" : "neither"));
                }
                return null;
            }
            if (to.isBefore(from)) {
                bad(path + ".to", "expected a date on or after from (" + from + "), found " + to);
                return null;
            }
            return new LocalDate[] {from, to};
        }

        List<String> columns(JsonNode v, String path) {
            List<String> out = new ArrayList<>();
            if (v == null) {
                return out;
            }
            if (v.isTextual() && !v.asText().isBlank()) {
                out.add(v.asText());
            } else if (v.isArray() && v.size() > 0) {
                for (int i = 0; i < v.size(); i++) {
                    if (v.get(i).isTextual() && !v.get(i).asText().isBlank()) {
                        out.add(v.get(i).asText());
                    } else {
                        bad(path + "[" + i + "]", "expected a column name, found " + YamlDocument.describe(v.get(i)));
                    }
                }
            } else {
                bad(path, "expected a column of timeseries.csv, or a list of columns (added day by day), found " + YamlDocument.describe(v));
            }
            return out;
        }

        Filter filter(JsonNode v, String path, List<String> known, String fileName) {
            if (v == null) {
                return Filter.ALL;
            }
            if (!v.isObject()) {
                bad(path, "expected a mapping of " + fileName + " columns to a value or a list of values, found " + YamlDocument.describe(v));
                return Filter.ALL;
            }
            Map<String, List<String>> cols = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String col = e.getKey();
                String p = path + "." + col;
                if (!known.contains(col)) {
                    badKey(p, "expected a column of " + fileName + Suggest.hint(col, known) + ", found '" + col + "'");
                    continue;
                }
                List<String> values = new ArrayList<>();
                JsonNode val = e.getValue();
                List<JsonNode> items = new ArrayList<>();
                if (val.isArray()) {
                    val.forEach(items::add);
                } else {
                    items.add(val);
                }
                for (int i = 0; i < items.size(); i++) {
                    JsonNode x = items.get(i);
                    if (x.isValueNode() && !x.isNull()) {
                        values.add(x.asText());
                    } else {
                        bad(val.isArray() ? p + "[" + i + "]" : p, "expected a value of column " + col + ", found " + YamlDocument.describe(x));
                    }
                }
                if (values.isEmpty() && items.isEmpty()) {
                    bad(p, "expected a value or a non-empty list of values, found an empty list");
                }
                List<String> allowed = allowedValues(col);
                for (int i = 0; i < values.size(); i++) {
                    if (allowed != null && !allowed.contains(values.get(i))) {
                        bad(val.isArray() ? p + "[" + i + "]" : p, "expected one of " + allowed + Suggest.hint(values.get(i), allowed)
                                + ", found '" + values.get(i) + "'");
                    }
                }
                cols.put(col, values);
            }
            return new Filter(cols);
        }

        static List<String> allowedValues(String column) {
            return switch (column) {
                case "type" -> java.util.Arrays.stream(CaseType.values()).map(CaseType::yamlName).toList();
                case "level" -> List.of("district", "circuit", "supreme");
                case "outcome" -> List.of("for_locality", "for_government", "pending");
                case "kind" -> List.of("county", "city", "city-county");
                case "preliminary_injunction", "pinned", "agreement_287g" -> List.of("true", "false");
                default -> null;
            };
        }

        Statistic statistic(JsonNode n, String path, LocalDate[] period) {
            if (n == null) {
                bad(parentOf(path), "expected 'statistic': a mapping with a kind (one of " + Kind.names() + "), or 'not-measured'");
                return null;
            }
            if (n.isTextual()) {
                if (n.asText().equals(Kind.NOT_MEASURED.yaml)) {
                    return new Statistic(Kind.NOT_MEASURED, List.of(), List.of(), null, null, null, null, Filter.ALL, Filter.ALL, null);
                }
                bad(path, "expected a mapping with a kind, or 'not-measured', found '" + n.asText() + "'"
                        + Suggest.hint(n.asText(), List.of(Kind.NOT_MEASURED.yaml)));
                return null;
            }
            if (!n.isObject()) {
                bad(path, "expected a mapping with a kind, or 'not-measured', found " + YamlDocument.describe(n));
                return null;
            }
            int before = problems.size();
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!STAT_FIELDS.contains(k)) {
                    badKey(path + "." + k, "unknown field" + Suggest.hint(k, STAT_FIELDS) + "; expected one of " + STAT_FIELDS);
                }
            }
            JsonNode kn = n.get("kind");
            Kind kind = kn != null && kn.isTextual() ? Kind.of(kn.asText()) : null;
            if (kind == null || kind == Kind.NOT_MEASURED) {
                String found = kn == null ? "none" : kn.isTextual() ? "'" + kn.asText() + "'" : YamlDocument.describe(kn);
                bad(kn == null ? path : path + ".kind", "expected a kind, one of " + Kind.names().subList(0, Kind.names().size() - 1)
                        + (kn != null && kn.isTextual() ? Suggest.hint(kn.asText(), Kind.names()) : "") + ", found " + found
                        + (kind == Kind.NOT_MEASURED ? " (write statistic: not-measured)" : ""));
                return null;
            }
            LocalDate from = date(n.get("from"), path + ".from");
            LocalDate to = date(n.get("to"), path + ".to");
            LocalDate on = date(n.get("on"), path + ".on");
            List<String> allowed = new ArrayList<>(List.of("kind", "outcome"));
            List<String> cols = List.of();
            List<String> den = List.of();
            Per per = null;
            Filter where = Filter.ALL;
            Filter matching = Filter.ALL;
            String dateColumn = null;
            switch (kind) {
                case SUM, MEAN, MAX, VALUE -> {
                    allowed.addAll(kind == Kind.VALUE ? List.of("column", "on") : List.of("column", "from", "to"));
                    if (kind == Kind.SUM) {
                        allowed.add("per");
                    }
                    if (!n.has("column")) {
                        bad(path, "expected 'column': a column of timeseries.csv (or a list, added day by day)");
                    }
                    cols = columns(n.get("column"), path + ".column");
                }
                case RATIO -> {
                    allowed.addAll(List.of("numerator", "denominator", "from", "to"));
                    if (!n.has("numerator") || !n.has("denominator")) {
                        bad(path, "expected 'numerator' and 'denominator': columns of timeseries.csv (or lists of them)");
                    }
                    cols = columns(n.get("numerator"), path + ".numerator");
                    den = columns(n.get("denominator"), path + ".denominator");
                }
                case CASES, CASE_SHARE, CASE_DAYS, CASE_MEAN, CASE_MAX -> {
                    allowed.addAll(List.of("where", "from", "to"));
                    if (kind == Kind.CASE_MEAN || kind == Kind.CASE_MAX) {
                        allowed.add("column");
                        JsonNode c = n.get("column");
                        if (c == null || !c.isTextual() || !CASE_COLUMNS.contains(c.asText())) {
                            String found = c == null ? "none" : YamlDocument.describe(c);
                            bad(path + ".column", "expected a numeric column of cases.csv, such as plaintiffs, found " + found
                                    + (c != null && c.isTextual() ? Suggest.hint(c.asText(), CASE_COLUMNS) : ""));
                        } else {
                            cols = List.of(c.asText());
                        }
                    }
                    allowed.add("date");
                    where = filter(n.get("where"), path + ".where", CASE_COLUMNS, "cases.csv");
                    if (kind == Kind.CASE_SHARE) {
                        allowed.add("matching");
                        if (!n.has("matching")) {
                            bad(path, "expected 'matching': the filter the counted share of the 'where' rows also meets");
                        }
                        matching = filter(n.get("matching"), path + ".matching", CASE_COLUMNS, "cases.csv");
                    }
                    String d = text(n, path, "date", false);
                    List<String> dates = kind == Kind.CASE_DAYS ? List.of("decided", "preliminary_injunction_date")
                            : List.of("filed", "decided", "preliminary_injunction_date");
                    if (d == null) {
                        d = dates.get(0);
                    } else if (!dates.contains(d)) {
                        bad(path + ".date", "expected " + String.join(", ", dates.subList(0, dates.size() - 1)) + " or "
                                + dates.get(dates.size() - 1) + " (the date column the window applies to"
                                + (kind == Kind.CASE_DAYS ? ", and the days run to" : "") + "), found '" + d + "'" + Suggest.hint(d, dates));
                    }
                    dateColumn = d;
                }
                case JURISDICTIONS -> {
                    allowed.addAll(List.of("where", "on"));
                    where = filter(n.get("where"), path + ".where", JURISDICTION_COLUMNS, "jurisdictions.csv");
                }
                default -> throw new IllegalStateException(kind.toString());
            }
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (STAT_FIELDS.contains(k) && !allowed.contains(k)) {
                    badKey(path + "." + k, "a statistic of kind " + kind.yaml + " takes " + allowed + ", not " + k);
                }
            }
            JsonNode pn = n.get("per");
            if (pn != null && allowed.contains("per")) {
                String ps = pn.isTextual() ? pn.asText() : "";
                for (Per x : Per.values()) {
                    if (x.yaml().equals(ps)) {
                        per = x;
                    }
                }
                if (per == null) {
                    bad(path + ".per", "expected day, month or year (the sum as a rate), found " + YamlDocument.describe(pn)
                            + Suggest.hint(ps, List.of("day", "month", "year")));
                }
            }
            Outcome outcome = outcome(n.get("outcome"), path + ".outcome");
            if (problems.size() > before || period == null) {
                return null;
            }
            if (kind == Kind.VALUE || kind == Kind.JURISDICTIONS) {
                if (on == null) {
                    on = period[0].equals(period[1]) ? period[0] : period[1];
                }
                return new Statistic(kind, cols, den, null, null, on, per, where, matching, dateColumn, outcome);
            }
            if (from == null) {
                from = period[0];
            }
            if (to == null) {
                to = period[1];
            }
            if (to.isBefore(from)) {
                bad(path + (n.has("to") ? ".to" : ""), "expected the window's end on or after its start (" + from + "), found " + to);
                return null;
            }
            return new Statistic(kind, cols, den, from, to, null, per, where, matching, dateColumn, outcome);
        }

        /** {@code outcome: {atLeast: N}} or {@code {atMost: N}}; null when absent or wrong (then a problem is recorded). */
        Outcome outcome(JsonNode n, String path) {
            if (n == null) {
                return null;
            }
            List<String> keys = List.of("atLeast", "atMost");
            if (!n.isObject() || n.size() != 1 || !keys.contains(n.fieldNames().next())) {
                String found = n.isObject() && n.size() == 1 ? n.fieldNames().next() : null;
                if (found != null) {
                    badKey(path + "." + found, "unknown field" + Suggest.hint(found, keys) + "; expected atLeast or atMost");
                } else {
                    bad(path, "expected {atLeast: N} or {atMost: N} (the outcome a replicate shows or not), found "
                            + YamlDocument.describe(n));
                }
                return null;
            }
            String k = n.fieldNames().next();
            double b = number(n.get(k), path + "." + k, true);
            return Double.isNaN(b) ? null : new Outcome(b, k.equals("atLeast"));
        }

        static String parentOf(String path) {
            int dot = path.lastIndexOf('.');
            return dot < 0 ? "" : path.substring(0, dot);
        }

        static String leaf(String path) {
            int dot = path.lastIndexOf('.');
            return dot < 0 ? path : path.substring(dot + 1);
        }
    }
}
