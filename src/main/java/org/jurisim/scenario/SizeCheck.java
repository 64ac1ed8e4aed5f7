package org.jurisim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jurisim.common.Problem;

/**
 * The size of the work a scenario asks for (simulated days, jurisdictions, their product), checked against
 * {@link Limits} on the resolved tree before schema validation, so that an absurd size is refused with the
 * limit named (and how to raise it) before anything is generated or simulated.
 */
final class SizeCheck {

    private static final Pattern DURATION = Pattern.compile("^([1-9][0-9]{0,5})([dwmy])$");
    private static final Pattern DATE = Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");

    private SizeCheck() {
    }

    static List<Problem> check(ObjectNode tree, SourceMap sources, String display, Limits limits) {
        List<Problem> problems = new ArrayList<>();
        long days = days(tree);
        if (days > limits.days()) {
            problems.add(new Problem(sources.valueOf("duration", display), "duration", daysMessage(days, limits)));
        }
        count(tree, "policies", "policies", limits.policies(), Limits.DEFAULT.policies(), Limits.LARGE.policies(),
                "policy limit; each policy's rules are compiled", sources, display, limits, problems);
        count(tree, "events", "events", limits.events(), Limits.DEFAULT.events(), Limits.LARGE.events(),
                "event limit", sources, display, limits, problems);
        JsonNode j = tree.path("jurisdictions");
        BigDecimal counties = BigDecimal.ZERO;
        JsonNode c = j.path("generate").path("counties");
        if (c.isNumber()) {
            counties = Double.isFinite(c.asDouble()) ? c.decimalValue().max(BigDecimal.ZERO) : BigDecimal.valueOf(Long.MAX_VALUE);
        } else if (j.path("generate").isObject()) {
            counties = BigDecimal.valueOf(3143); // at most the real US counties
        }
        long listed = j.path("list").isArray() ? j.path("list").size() : 0;
        BigDecimal total = counties.add(BigDecimal.valueOf(listed));
        if (total.compareTo(BigDecimal.valueOf(limits.jurisdictions())) > 0) {
            String path = c.isNumber() ? "jurisdictions.generate.counties" : "jurisdictions.list";
            problems.add(new Problem(sources.valueOf(path, display), path, "expected at most " + Limits.number(limits.jurisdictions())
                    + " jurisdictions, found " + show(total) + " (jurisdiction limit)" + limits.raise(Limits.DEFAULT.jurisdictions(),
                    Limits.LARGE.jurisdictions())));
        } else if (problems.isEmpty() && days > 0) {
            Problem p = work(total.longValue(), days, sources, display, limits);
            if (p != null) {
                problems.add(p);
            }
        }
        return problems;
    }

    /** A mapping or list with at most {@code max} entries. */
    private static void count(ObjectNode tree, String path, String what, int max, int defaultMax, int largeMax, String which,
                              SourceMap sources, String display, Limits limits, List<Problem> problems) {
        JsonNode n = tree.path(path);
        if ((n.isObject() || n.isArray()) && n.size() > max) {
            problems.add(new Problem(sources.keyOf(path, display), path, "expected at most " + Limits.number(max) + " " + what
                    + ", found " + Limits.number(n.size()) + " (" + which + ")" + limits.raise(defaultMax, largeMax)));
        }
    }

    /** The jurisdiction-days limit, once the number of jurisdictions is known (null when within it). */
    static Problem work(long jurisdictions, long days, SourceMap sources, String display, Limits limits) {
        BigDecimal work = BigDecimal.valueOf(jurisdictions).multiply(BigDecimal.valueOf(days));
        if (work.compareTo(BigDecimal.valueOf(limits.jurisdictionDays())) <= 0) {
            return null;
        }
        return new Problem(sources.valueOf("duration", display), "duration", "expected at most "
                + Limits.number(limits.jurisdictionDays()) + " jurisdiction-days (jurisdictions x simulated days, the work of one run), found "
                + Limits.number(jurisdictions) + " x " + Limits.number(days) + " = " + show(work)
                + " (work limit; shorten the run or use fewer jurisdictions)"
                + limits.raise(Limits.DEFAULT.jurisdictionDays(), Limits.LARGE.jurisdictionDays()));
    }

    static String daysMessage(long days, Limits limits) {
        return "expected at most " + Limits.number(limits.days()) + " days (" + limits.days() / 366 + " years) of daily steps, found "
                + Limits.number(days) + " days (duration limit; split the question into shorter runs)"
                + limits.raise(Limits.DEFAULT.days(), Limits.LARGE.days());
    }

    /** Simulated days asked for, or 0 when start or duration is malformed (the schema reports those). */
    private static long days(ObjectNode tree) {
        String start = tree.path("start").asText("");
        Matcher m = DURATION.matcher(tree.path("duration").asText(""));
        if (!m.matches() || !DATE.matcher(start).matches() || !tree.path("duration").isTextual()) {
            return 0;
        }
        try {
            LocalDate s = LocalDate.parse(start);
            long n = Long.parseLong(m.group(1));
            LocalDate end = switch (m.group(2)) {
                case "d" -> s.plusDays(n);
                case "w" -> s.plusWeeks(n);
                case "m" -> s.plusMonths(n);
                default -> s.plusYears(n);
            };
            return ChronoUnit.DAYS.between(s, end);
        } catch (DateTimeException | ArithmeticException e) {
            return 0;
        }
    }

    private static String show(BigDecimal n) {
        BigDecimal s = n.stripTrailingZeros();
        if (s.scale() <= 0 && s.precision() - s.scale() <= 30) {
            return String.format(java.util.Locale.ROOT, "%,d", s.toBigInteger());
        }
        return n.toString();
    }
}
