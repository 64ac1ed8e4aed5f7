package org.jurisim.rules;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelSource;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.CelVarDecl;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelReference;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.validator.CelValidator;
import dev.cel.validator.CelValidatorFactory;
import dev.cel.validator.validators.DurationLiteralValidator;
import dev.cel.validator.validators.TimestampLiteralValidator;

import org.jurisim.common.BadInputException;
import org.jurisim.common.Location;
import org.jurisim.common.Problem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Compiles cooperation rules (CEL expressions) into {@link CompiledRule}s.
 *
 * <p>Thread-safe: the CEL compiler and runtime are built once per instance and shared by all calls.
 * Build one instance and reuse it.
 *
 * <p>The environment declares each input as a qualified CEL variable ({@code detainer.severity} is a
 * single variable whose name contains a dot), so the type checker rejects unknown names such as
 * {@code detainer.foo}. {@code HONOR}, {@code NOTIFY} and {@code DECLINE} are variables of the opaque
 * type {@code jurisim.Decision}, so a rule that yields a bool or a string where a decision is expected
 * fails type-checking. No custom functions are registered: rules can use CEL's standard functions and
 * macros only, none of which reach Java classes, files, environment variables or the network.
 */
public final class RuleCompiler {

    /** Longest accepted expression, in characters (Unicode code points). */
    public static final int MAX_EXPRESSION_LENGTH = 4096;
    /** Deepest accepted nesting of parentheses, operators, lists, calls, etc. (CEL parser recursion depth). */
    public static final int MAX_NESTING_DEPTH = 100;
    /** Most comprehension iterations (all(), exists(), map(), filter() ...) in one evaluation of a rule. */
    public static final int MAX_ITERATIONS = 1000;
    /** Largest regular expression program (RE2 instructions) that matches() may build. */
    public static final int MAX_REGEX_PROGRAM_SIZE = 5000;

    private static final Pattern UNDECLARED = Pattern.compile("^undeclared reference to '(.*?)'(?: \\(in container '.*'\\))?$");
    private static final Pattern NO_OVERLOAD = Pattern.compile(
            "^found no matching overload for '(.*?)' applied to '\\((.*)\\)'(?: \\(candidates: (.*)\\))?$");
    private static final Pattern IN_CONTAINER = Pattern.compile("\\s*\\(in container '[^']*'\\)");
    private static final Pattern LITERAL_INVALID = Pattern.compile(
            "(?i)^(\\w+) validation failed\\. Reason: (?:evaluation error(?: at [^:]*:\\d+)?: )?(.*)$");
    private static final Pattern RECURSION_LIMIT = Pattern.compile("(?i)^expression recursion limit exceeded.*");
    private static final Set<String> COMPARISONS = Set.of("_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_");
    private static final int MAX_NAME_SHOWN = 60;

    private static final Pattern EVALUATION_ERROR_PREFIX = Pattern.compile("^evaluation error(?: at [^:]*:\\d+)?: ");

    private final Cel cel;
    private final CelValidator literalValidator;
    /** {@code ''.matches(pattern)}: compiles a regex literal with the same RE2 engine and limits as the rules. */
    private final CelRuntime.Program regexProbe;

    public RuleCompiler() {
        CelOptions options = CelOptions.current()
                .maxExpressionCodePointSize(MAX_EXPRESSION_LENGTH)
                .maxParseRecursionDepth(MAX_NESTING_DEPTH)
                .maxParseErrorRecoveryLimit(10)
                .comprehensionMaxIterations(MAX_ITERATIONS)
                .maxRegexProgramSize(MAX_REGEX_PROGRAM_SIZE)
                // lets authors write jurisdiction.trust > 0 and jurisdiction.population > 1e6
                .enableHeterogeneousNumericComparisons(true)
                .build();
        List<CelVarDecl> declarations = new ArrayList<>();
        for (RuleLanguage.Name n : RuleLanguage.ALL) {
            declarations.add(CelVarDecl.newVarDeclaration(n.name(), n.type()));
        }
        this.cel = CelFactory.standardCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVarDeclarations(declarations)
                .build();
        // evaluates timestamp("...") and duration("...") literals at compile time, so that a
        // malformed literal is reported with the scenario instead of failing mid-run
        this.literalValidator = CelValidatorFactory.standardCelValidatorBuilder(cel)
                .addAstValidators(TimestampLiteralValidator.INSTANCE, DurationLiteralValidator.INSTANCE)
                .build();
        // regex literals are checked by matching with the runtime's own engine (RE2 via re2j, with the
        // program-size limit), which accepts a different syntax from java.util.regex
        Cel probe = CelFactory.standardCelBuilder()
                .setOptions(options)
                .addVar("pattern", SimpleType.STRING)
                .build();
        try {
            this.regexProbe = probe.createProgram(probe.compile("''.matches(pattern)").getAst());
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalStateException("cannot build the regex checker", e);
        }
    }

    /** The input names rules can read, in documentation order ({@code detainer.severity}, ..., {@code day}). */
    public static Set<String> inputVariables() {
        return RuleLanguage.INPUT_NAMES;
    }

    /**
     * Parses and type-checks one rule.
     *
     * @param source    the expression text
     * @param kind      what it must evaluate to
     * @param fieldPath where it sits in the scenario, used in problem reports (e.g. {@code policies.standard.detainers})
     * @param origin    location of the first character of {@code source} in its file
     * @throws BadInputException listing every problem found, one line each, located in the file
     */
    public CompiledRule compile(String source, RuleKind kind, String fieldPath, Location origin) throws BadInputException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(fieldPath, "fieldPath");
        Objects.requireNonNull(origin, "origin");
        String cacheKey = kind.name() + '\u0000' + source;
        CompiledRule known;
        synchronized (cache) {
            known = cache.get(cacheKey);
        }
        if (known != null) {
            return known.at(fieldPath, origin);
        }
        CompiledRule fresh = compileNew(source, kind, fieldPath, origin);
        synchronized (cache) {
            cache.put(cacheKey, fresh);
        }
        return fresh;
    }

    /**
     * Rules compiled before, by kind and text: a scenario with thousands of policies usually repeats a few rules,
     * and checking one with CEL costs milliseconds. Only rules that compiled are kept (a compiled rule is
     * immutable; its positions are relative to where it is written, so a copy is moved to each place).
     */
    private final Map<String, CompiledRule> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledRule> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private static final int CACHE_SIZE = 4096;

    private CompiledRule compileNew(String source, RuleKind kind, String fieldPath, Location origin) throws BadInputException {

        int length = source.codePointCount(0, source.length());
        if (length > MAX_EXPRESSION_LENGTH) {
            throw new BadInputException(new Problem(origin, fieldPath,
                    "expression is too long: " + length + " characters, the limit is " + MAX_EXPRESSION_LENGTH));
        }
        if (source.isBlank()) {
            throw new BadInputException(new Problem(origin, fieldPath,
                    "expected " + expected(kind) + ", found an empty expression"));
        }

        // 1. parse
        CelValidationResult parsed;
        try {
            parsed = cel.parse(source);
        } catch (StackOverflowError e) {
            // not expected (the parser's recursion depth is limited), but never let it escape
            throw new BadInputException(new Problem(origin, fieldPath, tooDeep()));
        }
        if (parsed.hasError()) {
            // report the first syntax error only: the ones after it are usually echoes of it
            CelIssue first = parsed.getErrors().get(0);
            throw new BadInputException(new Problem(locate(origin, first.getSourceLocation()), fieldPath,
                    syntaxMessage(first.getMessage())));
        }
        CelAbstractSyntaxTree parsedAst = ast(parsed);

        // 2. type-check
        CelValidationResult checked = cel.check(parsedAst);
        if (checked.hasError()) {
            Set<Problem> problems = new TreeSet<>();
            for (CelIssue issue : checked.getErrors()) {
                problems.add(new Problem(locate(origin, issue.getSourceLocation()), fieldPath,
                        checkMessage(issue, parsedAst)));
            }
            throw new BadInputException(new ArrayList<>(problems));
        }
        CelAbstractSyntaxTree ast = ast(checked);

        // 3. result type
        CelType resultType = ast.getResultType();
        boolean resultOk = kind == RuleKind.DECISION
                ? resultType.kind() == CelKind.OPAQUE && RuleLanguage.DECISION_TYPE.name().equals(resultType.name())
                : resultType.kind() == CelKind.BOOL;
        if (!resultOk) {
            throw new BadInputException(new Problem(startOf(source, origin), fieldPath,
                    "expected " + expected(kind) + ", found " + RuleLanguage.typeName(resultType)));
        }

        // 4. literals that would fail at run time
        CelValidationResult validated = literalValidator.validate(ast);
        Set<Problem> literalProblems = new TreeSet<>();
        for (CelIssue issue : validated.getErrors()) {
            literalProblems.add(new Problem(locate(origin, issue.getSourceLocation()), fieldPath,
                    literalMessage(issue.getMessage())));
        }
        checkRegexLiterals(ast, origin, fieldPath, literalProblems);
        if (!literalProblems.isEmpty()) {
            throw new BadInputException(new ArrayList<>(literalProblems));
        }

        // 5. program
        Set<String> referenced = referencedInputs(ast);
        CelRuntime.Program program;
        try {
            program = cel.createProgram(ast);
        } catch (CelEvaluationException e) {
            throw new BadInputException(new Problem(origin, fieldPath, "cannot prepare rule: " + oneLine(e.getMessage())));
        }
        if (!referenced.isEmpty()) {
            return CompiledRule.dynamic(source, fieldPath, origin, kind, referenced, program, ast.getSource());
        }
        try {
            return CompiledRule.constant(source, fieldPath, origin, kind, program, ast.getSource());
        } catch (RuleEvaluationException e) {
            throw new BadInputException(new Problem(e.location(), fieldPath,
                    "rule fails whatever the inputs: " + e.reason()));
        }
    }

    /** Reports each constant pattern given to matches() that the run-time regex engine would refuse. */
    private void checkRegexLiterals(CelAbstractSyntaxTree ast, Location origin, String fieldPath, Set<Problem> problems) {
        List<CelExpr> patterns = CelNavigableAst.fromAst(ast).getRoot().allNodes()
                .map(CelNavigableExpr::expr)
                .filter(e -> e.getKind() == CelExpr.ExprKind.Kind.CALL && e.call().function().equals("matches")
                        && !e.call().args().isEmpty())
                .map(e -> e.call().args().get(e.call().args().size() - 1))
                .filter(p -> p.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                        && p.constant().getKind() == CelConstant.Kind.STRING_VALUE)
                .collect(Collectors.toList());
        for (CelExpr pattern : patterns) {
            try {
                regexProbe.eval(Map.of("pattern", pattern.constant().stringValue()));
            } catch (CelEvaluationException e) {
                String reason = EVALUATION_ERROR_PREFIX.matcher(oneLine(e.getMessage())).replaceFirst("");
                problems.add(new Problem(locate(origin, ast.getSource(), pattern.id()), fieldPath,
                        "invalid regex literal: " + reason));
            }
        }
    }

    private static CelAbstractSyntaxTree ast(CelValidationResult result) {
        try {
            return result.getAst();
        } catch (CelValidationException e) {
            throw new IllegalStateException("CEL reported no error but gave no syntax tree", e);
        }
    }

    private static String expected(RuleKind kind) {
        return kind == RuleKind.DECISION ? "a decision (HONOR, NOTIFY or DECLINE)" : "a condition (a bool: true or false)";
    }

    private static String tooDeep() {
        return "expression is nested too deeply, the limit is " + MAX_NESTING_DEPTH + " levels";
    }

    // ------------------------------------------------------------------ locations

    /** Maps a CEL position (1-based line, 0-based column) to the file. */
    private static Location locate(Location origin, CelSourceLocation loc) {
        if (loc == null || loc.getLine() < 1 || loc.getColumn() < 0) {
            return origin;
        }
        return origin.offset(loc.getLine(), loc.getColumn() + 1);
    }

    /** Maps the position of an expression node to the file. */
    private static Location locate(Location origin, CelSource source, long exprId) {
        Integer offset = source.getPositionsMap().get(exprId);
        if (offset == null) {
            return origin;
        }
        return locate(origin, source.getOffsetLocation(offset).orElse(null));
    }

    /** Location of the first non-blank character of the expression. */
    private static Location startOf(String source, Location origin) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < source.length(); ) {
            int cp = source.codePointAt(i);
            if (cp == '\n') {
                line++;
                column = 1;
            } else if (Character.isWhitespace(cp)) {
                column++;
            } else {
                break;
            }
            i += Character.charCount(cp);
        }
        return origin.offset(line, column);
    }

    // ------------------------------------------------------------------ messages

    /** The first line of a message, without trailing caret diagrams; never null. */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl).strip();
        }
        return m.replace('\r', ' ').replace('\t', ' ');
    }

    private static String syntaxMessage(String celMessage) {
        String m = oneLine(celMessage);
        if (RECURSION_LIMIT.matcher(m).matches()) {
            return tooDeep();
        }
        m = m.replaceFirst("(?i)^syntax error:\\s*", "").replace("'%%'", "'%'");
        return "syntax error: " + m;
    }

    private static String literalMessage(String celMessage) {
        String m = oneLine(celMessage);
        Matcher invalid = LITERAL_INVALID.matcher(m);
        if (invalid.matches()) {
            return "invalid " + invalid.group(1).toLowerCase(Locale.ROOT) + " literal: " + invalid.group(2);
        }
        return RuleLanguage.displayTypes(m);
    }

    private static String checkMessage(CelIssue issue, CelAbstractSyntaxTree parsedAst) {
        String m = oneLine(issue.getMessage());
        Matcher undeclared = UNDECLARED.matcher(m);
        if (undeclared.matches()) {
            Optional<CelNavigableExpr> node = find(parsedAst, issue.getExprId());
            if (node.isPresent() && node.get().expr().getKind() == CelExpr.ExprKind.Kind.CALL) {
                return "unknown function '" + shorten(node.get().expr().call().function()) + "'";
            }
            if (node.isPresent() && node.get().expr().getKind() == CelExpr.ExprKind.Kind.STRUCT) {
                // Name{field: value}: rules cannot build messages (there are no message types to build)
                return "unknown type '" + shorten(node.get().expr().struct().messageName()) + "' (rules cannot create objects)";
            }
            String name = node.map(RuleCompiler::qualifiedName).orElse(undeclared.group(1));
            return undeclaredMessage(name);
        }
        Matcher overload = NO_OVERLOAD.matcher(m);
        if (overload.matches()) {
            return overloadMessage(overload.group(1), splitTypes(RuleLanguage.displayTypes(overload.group(2))),
                    overload.group(3) == null ? null : RuleLanguage.displayTypes(overload.group(3)));
        }
        return RuleLanguage.displayTypes(IN_CONTAINER.matcher(m).replaceAll(""));
    }

    private static Optional<CelNavigableExpr> find(CelAbstractSyntaxTree ast, long id) {
        return CelNavigableAst.fromAst(ast).getRoot().allNodes().filter(n -> n.expr().id() == id).findFirst();
    }

    /** {@code detainer.severty} for the identifier {@code detainer} at the root of that select chain. */
    private static String qualifiedName(CelNavigableExpr node) {
        if (node.expr().getKind() != CelExpr.ExprKind.Kind.IDENT) {
            return node.expr().getKind() == CelExpr.ExprKind.Kind.SELECT ? node.expr().select().field() : "?";
        }
        StringBuilder name = new StringBuilder(node.expr().ident().name());
        CelNavigableExpr current = node;
        while (true) {
            Optional<CelNavigableExpr> parent = current.parent();
            if (parent.isEmpty() || parent.get().expr().getKind() != CelExpr.ExprKind.Kind.SELECT) {
                break;
            }
            CelExpr.CelSelect select = parent.get().expr().select();
            if (select.testOnly() || select.operand().id() != current.expr().id()) {
                break;
            }
            name.append('.').append(select.field());
            current = parent.get();
        }
        return name.toString();
    }

    private static String undeclaredMessage(String qualified) {
        String[] parts = qualified.split("\\.", -1);
        String root = parts[0];
        if (RuleLanguage.NAMESPACES.contains(root)) {
            List<String> members = RuleLanguage.ALL.stream().map(RuleLanguage.Name::name)
                    .filter(n -> n.startsWith(root + ".")).collect(Collectors.toList());
            if (parts.length == 1) {
                String message = "'" + root + "' is not a value by itself; expected one of " + String.join(", ", members);
                Optional<String> other = nearest(root).filter(n -> !n.startsWith(root + "."));
                return other.map(s -> message + " (or did you mean '" + s + "'?)").orElse(message);
            }
            String name = root + "." + parts[1];
            Optional<String> suggestion = nearest(name);
            return "undeclared reference to '" + shorten(name) + "'" + suggestion
                    .map(s -> " (did you mean '" + s + "'?)")
                    .orElse(" (expected one of " + String.join(", ", members) + ")");
        }
        return "undeclared reference to '" + shorten(qualified) + "'"
                + nearest(qualified).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    /** The declared name nearest to {@code name} by edit distance, if it is near enough to be a likely typo. */
    static Optional<String> nearest(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        boolean simple = name.indexOf('.') < 0;
        int limit = Math.max(1, Math.min(3, name.length() / 4));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (RuleLanguage.Name candidate : RuleLanguage.ALL) {
            String full = candidate.name();
            int d = distance(lower, full.toLowerCase(Locale.ROOT));
            if (simple) {
                // 'severity' -> 'detainer.severity'
                String last = full.substring(full.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
                d = Math.min(d, distance(lower, last));
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = full;
            }
        }
        return bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    private static String shorten(String name) {
        return name.length() <= MAX_NAME_SHOWN ? name : name.substring(0, MAX_NAME_SHOWN) + "...";
    }

    private static String overloadMessage(String function, List<String> found, String candidates) {
        String op = operator(function);
        if (function.equals("_?_:_") && found.size() == 3) {
            if (!found.get(0).equals("bool")) {
                return "expected a bool condition before '?', found " + found.get(0);
            }
            return "expected both branches of '? :' to have the same type, found " + found.get(1) + " and " + found.get(2);
        }
        if ((function.equals("_&&_") || function.equals("_||_")) && found.size() == 2) {
            return "expected bool operands for '" + op + "', found " + found.get(0) + " and " + found.get(1);
        }
        if (function.equals("!_") && found.size() == 1) {
            return "expected a bool operand for '!', found " + found.get(0);
        }
        if (COMPARISONS.contains(function) && found.size() == 2) {
            if (found.get(0).equals(found.get(1))) {
                return "'" + op + "' is not defined for " + found.get(0);
            }
            return "cannot compare " + found.get(0) + " with " + found.get(1) + " using '" + op + "'";
        }
        String message = "cannot apply '" + op + "' to (" + String.join(", ", found) + ")";
        if (candidates != null && !candidates.isBlank()) {
            message += "; expected one of " + candidates.replace("),(", "), (");
        }
        return message;
    }

    /** {@code _>_} -> {@code >}, {@code @in} -> {@code in}, {@code size} -> {@code size}. */
    private static String operator(String function) {
        switch (function) {
            case "_?_:_": return "? :";
            case "_[_]": return "[]";
            case "@in": return "in";
            case "!_": return "!";
            case "-_": return "-";
            default:
                if (function.length() > 2 && function.startsWith("_") && function.endsWith("_")) {
                    return function.substring(1, function.length() - 1);
                }
                return function;
        }
    }

    /** Splits {@code int, map(string, int)} at top-level commas. */
    private static List<String> splitTypes(String types) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < types.length(); i++) {
            char c = types.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(types.substring(start, i).strip());
                start = i + 1;
            }
        }
        String last = types.substring(start).strip();
        if (!last.isEmpty() || !out.isEmpty()) {
            out.add(last);
        }
        return out;
    }

    // ------------------------------------------------------------------ references

    private static Set<String> referencedInputs(CelAbstractSyntaxTree ast) {
        Set<String> used = new HashSet<>();
        for (Map.Entry<Long, CelReference> e : ast.getReferenceMap().entrySet()) {
            used.add(e.getValue().name());
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (String name : RuleLanguage.INPUT_NAMES) {
            if (used.contains(name)) {
                ordered.add(name);
            }
        }
        return Collections.unmodifiableSet(ordered);
    }
}
