package org.jurisim.hardening;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jurisim.rules.RuleCompiler;

/**
 * Seeded generator of rule expressions: well-typed ones (so that many reach evaluation, with its run-time
 * failures: overflow, division by zero, bad conversions, iteration budget), corrupted ones (a character
 * inserted, deleted or swapped) and random token soup.
 */
final class RuleGen {

    enum T { BOOL, INT, DOUBLE, STRING, DECISION, LIST, TIMESTAMP }

    private static final String[] BOOL_VARS = {"detainer.judicialWarrant", "detainer.priorRemoval", "detainer.convicted",
            "jurisdiction.agreement287g", "state.sanctuaryLaw", "state.antiSanctuaryLaw"};
    private static final String[] INT_VARS = {"detainer.severity", "jurisdiction.population", "day", "Severity.NONE",
            "Severity.MISDEMEANOR", "Severity.FELONY", "Severity.VIOLENT_FELONY"};
    private static final String[] DOUBLE_VARS = {"jurisdiction.foreignBornShare", "jurisdiction.partisanLean",
            "jurisdiction.fundsAtRisk", "jurisdiction.liabilityExposure", "jurisdiction.trust"};
    private static final String[] STRING_VARS = {"jurisdiction.name", "jurisdiction.state", "jurisdiction.kind", "federal.priorities"};
    // literals: mostly valid ones (so that expressions reach evaluation), a few that the compiler must refuse
    private static final String[] INT_LITERALS = {"0", "1", "-1", "2", "3", "7", "1000", "1000000", "9223372036854775807",
            "-9223372036854775808", "4611686018427387904", "0x7fffffffffffffff"};
    private static final String[] BAD_INT_LITERALS = {"99999999999999999999", "1_000", "08x"};
    private static final String[] DOUBLE_LITERALS = {"0.0", "0.5", "1.0", "-0.0", "1e6", "1e308", "-1e308", "1e-320", "3.14", "2.0"};
    private static final String[] BAD_DOUBLE_LITERALS = {"1e309", ".5", "2.", "1e"};
    private static final String[] STRING_LITERALS = {"'CA'", "'TX'", "''", "'Cook County'", "\"IL\"", "'\\u00e9'", "'\u00c5land'",
            "'\ud83d\ude80'", "'\\x41'", "'a\\nb'", "r'\\d+'", "'''triple'''", "'\u202eevil'", "'%s'", "'${HOME}'"};
    private static final String[] BAD_STRING_LITERALS = {"'\\q'", "'unterminated", "'\\u12'"};
    private static final String[] REGEXES = {"'^C'", "'(a+)+$'", "'[A-Z]{2}'", "'(?i)county'", "'\\\\d+'", "'.*.*.*.*.*.*=.*'",
            "'\\\\p{L}+'", "'(?P<n>a)'", "'^(|a|b|ab)*c$'"};
    private static final String[] BAD_REGEXES = {"'('", "'(x{1000}){1000}'", "'a{2,1}'", "'[[:nope:]]'", "'\\\\'"};
    private static final String[] TIMESTAMPS = {"timestamp('2026-03-01T00:00:00Z')", "timestamp('0001-01-01T00:00:00Z')",
            "timestamp('9999-12-31T23:59:59Z')", "date"};
    private static final String[] BAD_TIMESTAMPS = {"timestamp('2026-02-30T00:00:00Z')", "timestamp('yesterday')"};
    private static final String[] RAW = {"(", ")", "[", "]", "{", "}", "?", ":", ",", ".", "!", "-", "+", "*", "/", "%", "==",
            "!=", "<", "<=", ">", ">=", "&&", "||", "in", "HONOR", "NOTIFY", "DECLINE", "true", "false", "null", "x", "foo",
            "detainer", "jurisdiction.name", "jurisdiction.population", "size", "int", "double", "string", "all", "exists",
            "map", "filter", "has", "dyn", "type", "'", "\"", "1", "0", "1e999", "b'\\xff'", "\\", "#", ";", "=", "$", "@",
            "java.lang.Runtime", "getClass()", "env", "\u00a0", "\ud83d\ude80", "\u0000"};

    private final Random rnd;

    RuleGen(Random rnd) {
        this.rnd = rnd;
    }

    /** One expression: mostly well-typed, some corrupted, some random tokens. */
    String next(boolean decision) {
        int k = rnd.nextInt(100);
        if (k < 60) {
            return gen(decision ? T.DECISION : T.BOOL, 0, false);
        }
        if (k < 85) {
            return corrupt(gen(decision ? T.DECISION : T.BOOL, 0, false));
        }
        return raw();
    }

    private String pick(String[] a) {
        return a[rnd.nextInt(a.length)];
    }

    /** A valid literal, or one time in 25 one the compiler must refuse. */
    private String pick(String[] good, String[] bad) {
        return rnd.nextInt(25) == 0 ? pick(bad) : pick(good);
    }

    private boolean chance(int percent) {
        return rnd.nextInt(100) < percent;
    }

    String gen(T t, int depth, boolean inLoop) {
        boolean leaf = depth > 4 || chance(25 + depth * 12);
        switch (t) {
            case BOOL:
                if (leaf) {
                    return chance(70) ? pick(BOOL_VARS) : (chance(50) ? "true" : "false");
                }
                return paren(switch (rnd.nextInt(14)) {
                    case 0 -> gen(T.INT, depth + 1, inLoop) + " " + pick(new String[] {"<", "<=", ">", ">=", "==", "!="}) + " "
                            + gen(T.INT, depth + 1, inLoop);
                    case 1 -> gen(T.DOUBLE, depth + 1, inLoop) + " " + pick(new String[] {"<", ">", ">=", "<="}) + " "
                            + (chance(50) ? gen(T.DOUBLE, depth + 1, inLoop) : gen(T.INT, depth + 1, inLoop));
                    case 2 -> gen(T.STRING, depth + 1, inLoop) + " == " + gen(T.STRING, depth + 1, inLoop);
                    case 3 -> gen(T.STRING, depth + 1, inLoop) + "." + pick(new String[] {"startsWith", "endsWith", "contains"}) + "("
                            + gen(T.STRING, depth + 1, inLoop) + ")";
                    case 4 -> gen(T.STRING, depth + 1, inLoop) + ".matches(" + pick(REGEXES, BAD_REGEXES) + ")";
                    case 5 -> "!" + paren(gen(T.BOOL, depth + 1, inLoop));
                    case 6 -> paren(gen(T.BOOL, depth + 1, inLoop)) + " && " + paren(gen(T.BOOL, depth + 1, inLoop));
                    case 7 -> paren(gen(T.BOOL, depth + 1, inLoop)) + " || " + paren(gen(T.BOOL, depth + 1, inLoop));
                    case 8 -> paren(gen(T.BOOL, depth + 1, inLoop)) + " ? " + paren(gen(T.BOOL, depth + 1, inLoop)) + " : "
                            + paren(gen(T.BOOL, depth + 1, inLoop));
                    case 9 -> gen(T.STRING, depth + 1, inLoop) + " in [" + pick(STRING_LITERALS, BAD_STRING_LITERALS) + ", " + pick(STRING_LITERALS, BAD_STRING_LITERALS) + "]";
                    case 10 -> gen(T.LIST, depth + 1, inLoop) + "." + pick(new String[] {"all", "exists", "exists_one"}) + "(x, "
                            + gen(T.BOOL, depth + 1, true) + ")";
                    case 11 -> gen(T.DECISION, depth + 1, inLoop) + " == " + pick(new String[] {"HONOR", "NOTIFY", "DECLINE"});
                    case 12 -> gen(T.TIMESTAMP, depth + 1, inLoop) + " " + pick(new String[] {"<", ">="}) + " "
                            + gen(T.TIMESTAMP, depth + 1, inLoop);
                    default -> "size(" + gen(T.STRING, depth + 1, inLoop) + ") > " + gen(T.INT, depth + 1, inLoop);
                });
            case INT:
                if (leaf) {
                    return inLoop && chance(40) ? "x" : chance(60) ? pick(INT_VARS) : pick(INT_LITERALS, BAD_INT_LITERALS);
                }
                return paren(switch (rnd.nextInt(9)) {
                    case 0, 1 -> paren(gen(T.INT, depth + 1, inLoop)) + " " + pick(new String[] {"+", "-", "*", "/", "%"}) + " "
                            + paren(gen(T.INT, depth + 1, inLoop));
                    case 2 -> "-" + paren(gen(T.INT, depth + 1, inLoop));
                    case 3 -> "size(" + gen(chance(50) ? T.STRING : T.LIST, depth + 1, inLoop) + ")";
                    case 4 -> "int(" + gen(chance(50) ? T.DOUBLE : T.STRING, depth + 1, inLoop) + ")";
                    case 5 -> gen(T.TIMESTAMP, depth + 1, inLoop) + "." + pick(new String[] {"getFullYear()", "getMonth()",
                            "getDayOfMonth()", "getDayOfWeek()", "getHours('America/Chicago')", "getHours('Nowhere/City')"});
                    case 6 -> paren(gen(T.BOOL, depth + 1, inLoop)) + " ? " + gen(T.INT, depth + 1, inLoop) + " : "
                            + gen(T.INT, depth + 1, inLoop);
                    case 7 -> gen(T.LIST, depth + 1, inLoop) + "[" + gen(T.INT, depth + 1, inLoop) + "]";
                    default -> pick(INT_LITERALS, BAD_INT_LITERALS);
                });
            case DOUBLE:
                if (leaf) {
                    return chance(60) ? pick(DOUBLE_VARS) : pick(DOUBLE_LITERALS, BAD_DOUBLE_LITERALS);
                }
                return paren(switch (rnd.nextInt(4)) {
                    case 0 -> paren(gen(T.DOUBLE, depth + 1, inLoop)) + " " + pick(new String[] {"+", "-", "*", "/"}) + " "
                            + paren(gen(T.DOUBLE, depth + 1, inLoop));
                    case 1 -> "double(" + gen(chance(50) ? T.INT : T.STRING, depth + 1, inLoop) + ")";
                    case 2 -> "-" + paren(gen(T.DOUBLE, depth + 1, inLoop));
                    default -> pick(DOUBLE_LITERALS, BAD_DOUBLE_LITERALS);
                });
            case STRING:
                if (leaf) {
                    return chance(60) ? pick(STRING_VARS) : pick(STRING_LITERALS, BAD_STRING_LITERALS);
                }
                return paren(switch (rnd.nextInt(4)) {
                    case 0 -> gen(T.STRING, depth + 1, inLoop) + " + " + gen(T.STRING, depth + 1, inLoop);
                    case 1 -> "string(" + gen(chance(50) ? T.INT : T.DOUBLE, depth + 1, inLoop) + ")";
                    case 2 -> paren(gen(T.BOOL, depth + 1, inLoop)) + " ? " + gen(T.STRING, depth + 1, inLoop) + " : "
                            + gen(T.STRING, depth + 1, inLoop);
                    default -> pick(STRING_LITERALS, BAD_STRING_LITERALS);
                });
            case DECISION:
                if (leaf) {
                    return pick(new String[] {"HONOR", "NOTIFY", "DECLINE"});
                }
                return paren(paren(gen(T.BOOL, depth + 1, inLoop)) + " ? " + gen(T.DECISION, depth + 1, inLoop) + " : "
                        + gen(T.DECISION, depth + 1, inLoop));
            case LIST:
                if (leaf || chance(40)) {
                    List<String> items = new ArrayList<>();
                    int n = chance(10) ? 40 : rnd.nextInt(6);
                    for (int i = 0; i < n; i++) {
                        items.add(chance(70) ? String.valueOf(rnd.nextInt(50) - 10) : gen(T.INT, depth + 1, inLoop));
                    }
                    return "[" + String.join(", ", items) + "]";
                }
                return paren(switch (rnd.nextInt(3)) {
                    case 0 -> gen(T.LIST, depth + 1, inLoop) + ".map(x, " + gen(T.INT, depth + 1, true) + ")";
                    case 1 -> gen(T.LIST, depth + 1, inLoop) + ".filter(x, " + gen(T.BOOL, depth + 1, true) + ")";
                    default -> gen(T.LIST, depth + 1, inLoop) + " + " + gen(T.LIST, depth + 1, inLoop);
                });
            case TIMESTAMP:
            default:
                return chance(50) ? "date" : pick(TIMESTAMPS, BAD_TIMESTAMPS) + (chance(30) ? " + duration('" + pick(new String[] {"24h", "-1h",
                        "8760000h", "1x", "999999999999h"}) + "')" : "");
        }
    }

    private static String paren(String s) {
        return "(" + s + ")";
    }

    /** The expression with one to three characters inserted, deleted or replaced. */
    String corrupt(String s) {
        StringBuilder b = new StringBuilder(s);
        int edits = 1 + rnd.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = b.length() == 0 ? 0 : rnd.nextInt(b.length());
            String c = pick(RAW);
            switch (rnd.nextInt(3)) {
                case 0 -> b.insert(at, c);
                case 1 -> {
                    if (b.length() > 0) {
                        b.deleteCharAt(at);
                    }
                }
                default -> {
                    if (b.length() > 0) {
                        b.replace(at, at + 1, c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** Random tokens. */
    String raw() {
        StringBuilder b = new StringBuilder();
        int n = 1 + rnd.nextInt(12);
        for (int i = 0; i < n; i++) {
            b.append(pick(RAW));
            if (chance(50)) {
                b.append(' ');
            }
        }
        return b.toString();
    }

    /** The names rules may read (for the record: the generator draws from these). */
    static List<String> inputs() {
        return List.copyOf(RuleCompiler.inputVariables());
    }
}
