package org.jurisim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Location;
import org.jurisim.common.Problem;

/**
 * Reads a scenario file: YAML with positions, {@code extends} chains, {@code --set} overrides, schema
 * defaults and validation, then semantic checks and rule compilation ({@link ScenarioBinder}).
 * Collects every problem it can before reporting.
 */
public final class ScenarioLoader {

    /** Most files in one chain of {@code extends}: the scenario and the files it extends, in turn. */
    static final int MAX_EXTENDS_FILES = 10;
    private static final Pattern OVERRIDE = Pattern.compile("^([A-Za-z][A-Za-z0-9_-]*(?:\\[[0-9]+\\])*(?:\\.[A-Za-z0-9_-]+(?:\\[[0-9]+\\])*)*)=(.*)$", Pattern.DOTALL);
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z0-9_-]+)((?:\\[[0-9]+\\])*)");

    private ScenarioLoader() {
    }

    /** Loads and validates a scenario with no overrides. */
    public static Scenario load(Path file) throws BadInputException {
        return load(file, List.of());
    }

    /**
     * Loads and validates a scenario.
     *
     * @param overrides {@code path.to.field=value} settings applied after {@code extends} and before defaults;
     *                  values are YAML scalars or flow collections
     */
    public static Scenario load(Path file, List<String> overrides) throws BadInputException {
        return load(file, overrides, Limits.DEFAULT);
    }

    /**
     * Loads and validates a scenario within the given size limits ({@link Limits#LARGE} only when the user asked
     * for it on the command line). Sizes are checked before any jurisdiction is generated.
     */
    public static Scenario load(Path file, List<String> overrides, Limits limits) throws BadInputException {
        try {
            return bindAll(file, overrides, limits);
        } catch (BadInputException e) {
            throw capped(e);
        }
    }

    /** Binds the scenario, reporting the schema's problems and the later checks' together (every problem in one pass). */
    private static Scenario bindAll(Path file, List<String> overrides, Limits limits) throws BadInputException {
        Resolved r = resolve(file, overrides, limits);
        if (r.schemaProblems.isEmpty()) {
            return ScenarioBinder.bind(r.tree, r.sources, r.display, file, sha256(file), limits);
        }
        // every problem in one pass: the checks after the schema (dates, names, references to policies and places,
        // rules) run too, and report what they find in the parts the schema did not refuse
        List<Problem> all = new ArrayList<>(r.schemaProblems);
        try {
            ScenarioBinder.bind(repaired(r.tree, r.schemaProblems), r.sources, r.display, file, sha256(file), limits, true);
        } catch (BadInputException e) {
            for (Problem p : e.problems()) {
                // an override that could not be read at all (no path) hides nothing of the rest
                if (r.schemaProblems.stream().filter(q -> !(q.path().isEmpty() && q.location().file().startsWith("--set #")))
                        .noneMatch(q -> overlaps(p.path(), q.path()))) {
                    all.add(p);
                }
            }
        } catch (RuntimeException e) {
            // the later checks needed a part the schema refused (a required field missing, a list that is a number):
            // what the schema found is reported alone
        }
        all.sort(Problem.ORDER);
        throw new BadInputException(all.stream().distinct().toList());
    }

    /**
     * A copy of the tree in which each value the schema refused is replaced by the schema's default for that field
     * (where there is one), so that the later checks see the rest of the scenario as it would be once the refused
     * values are fixed: a wrong setting does not hide a wrong event.
     */
    static ObjectNode repaired(ObjectNode tree, List<Problem> schemaProblems) {
        ObjectNode copy = tree.deepCopy();
        ObjectNode defaults = ScenarioSchema.get().defaults();
        for (Problem p : schemaProblems) {
            if (p.path() == null || p.path().isEmpty()) {
                continue;
            }
            String pointer = ScenarioBinder.pointer(p.path());
            JsonNode def = defaults.at(pointer);
            int cut = pointer.lastIndexOf('/');
            JsonNode parent = copy.at(pointer.substring(0, cut));
            if (!def.isMissingNode() && !def.isContainerNode() && parent instanceof ObjectNode po) {
                po.set(pointer.substring(cut + 1), def.deepCopy());
            }
        }
        return copy;
    }

    /** Most problems listed for one scenario; the rest are counted in one last line. */
    static final int MAX_PROBLEMS = 100;

    /**
     * The first {@value #MAX_PROBLEMS} problems and a line counting the others: a file of 100,000 misspelt keys
     * gives a readable answer, not 100,000 lines.
     */
    static BadInputException capped(BadInputException e) {
        List<Problem> all = e.problems();
        if (all.size() <= MAX_PROBLEMS) {
            return e;
        }
        List<Problem> shown = new ArrayList<>(all.subList(0, MAX_PROBLEMS));
        Problem next = all.get(MAX_PROBLEMS);
        shown.add(new Problem(next.location(), "", "... and " + Limits.number(all.size() - MAX_PROBLEMS)
                + " more problems (only the first " + MAX_PROBLEMS + " are listed; fix these and validate again)"));
        return new BadInputException(shown);
    }

    /** Whether two field paths are the same field or one holds the other. */
    static boolean overlaps(String a, String b) {
        if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
            return true;
        }
        return a.equals(b) || inside(a, b) || inside(b, a);
    }

    private static boolean inside(String child, String parent) {
        return child.startsWith(parent) && (child.charAt(parent.length()) == '.' || child.charAt(parent.length()) == '[');
    }

    /** The resolved tree, where each field came from, and what the overrides and the schema found wrong with it. */
    record Resolved(ObjectNode tree, SourceMap sources, String display, List<Problem> schemaProblems) {
    }

    static Resolved resolve(Path file, List<String> overrides) throws BadInputException {
        return resolve(file, overrides, Limits.DEFAULT);
    }

    static Resolved resolve(Path file, List<String> overrides, Limits limits) throws BadInputException {
        String display = file.toString();
        Merged m = readChain(file, display, new LinkedHashSet<>(), 0, limits);
        ObjectNode tree = m.tree;
        SourceMap sources = m.sources;
        tree.remove("extends");
        List<Problem> problems = new ArrayList<>();
        int i = 0;
        for (String o : overrides) {
            i++;
            applyOverride(tree, sources, o, i, problems, limits);
        }
        // an override that cannot be applied is reported with what the schema and the later checks find in the rest
        List<Problem> overrideProblems = problems;
        ObjectNode base = ScenarioSchema.get().defaults();
        SourceMap finalSources = new SourceMap();
        merge(base, tree, "", finalSources, sources);
        ScenarioSchema.get().fillDefaults(base);
        List<Problem> sizeProblems = SizeCheck.check(base, finalSources, display, limits);
        if (!sizeProblems.isEmpty()) {
            List<Problem> all = new ArrayList<>(overrideProblems);
            all.addAll(sizeProblems);
            throw new BadInputException(all);
        }
        List<Problem> schemaProblems = new ArrayList<>(overrideProblems);
        schemaProblems.addAll(ScenarioSchema.get().validate(base, finalSources, display));
        schemaProblems.sort(Problem.ORDER);
        return new Resolved(base, finalSources, display, schemaProblems);
    }

    private record Merged(ObjectNode tree, SourceMap sources) {
    }

    private static Merged readChain(Path file, String display, Set<Path> chain, int depth, Limits limits) throws BadInputException {
        Path norm = file.toAbsolutePath().normalize();
        String text = readText(file, display, limits);
        YamlDocument doc = YamlDocument.parse(display, text, limits);
        ObjectNode tree = doc.root();
        JsonNode ext = tree.get("extends");
        if (ext == null) {
            return new Merged(tree, doc.sources());
        }
        Location at = doc.sources().valueOf("extends", display);
        if (!ext.isTextual() || ext.asText().isBlank()) {
            throw new BadInputException(new Problem(at, "extends", "expected the path of a scenario file, found " + YamlDocument.describe(ext)));
        }
        if (depth + 1 >= MAX_EXTENDS_FILES) {
            throw new BadInputException(new Problem(at, "extends", "expected a chain of at most " + MAX_EXTENDS_FILES
                    + " files (a scenario and the files it extends, in turn), found more (extends limit, a limit of the format)"));
        }
        chain.add(norm);
        Path parentFile;
        try {
            parentFile = norm.getParent().resolve(ext.asText()).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new BadInputException(new Problem(at, "extends", "expected the path of a scenario file, found "
                    + YamlDocument.describe(ext) + ", which is not a valid path (" + e.getReason() + ")"));
        }
        Path rel = relativize(file, parentFile);
        if (chain.contains(parentFile)) {
            StringBuilder cycle = new StringBuilder();
            boolean on = false;
            for (Path p : chain) {
                on |= p.equals(parentFile);
                if (on) {
                    cycle.append(relativize(file, p)).append(" -> ");
                }
            }
            cycle.append(rel);
            throw new BadInputException(new Problem(at, "extends",
                    "expected a scenario that does not lead back to this one, found a cycle of extends: " + cycle));
        }
        if (!Files.isRegularFile(parentFile)) {
            throw new BadInputException(new Problem(at, "extends", "expected an existing scenario file, found no file at " + rel));
        }
        Merged parent = readChain(parentFile, rel.toString(), chain, depth + 1, limits);
        ObjectNode merged = parent.tree;
        merged.remove("extends");
        tree.remove("extends");
        SourceMap ms = parent.sources.copy();
        merge(merged, tree, "", ms, doc.sources());
        return new Merged(merged, ms);
    }

    private static Path relativize(Path from, Path target) {
        Path base = from.getParent() == null ? Path.of("") : from.getParent();
        try {
            Path cwd = Path.of("").toAbsolutePath();
            return cwd.relativize(target.toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            return base.resolve(target.getFileName());
        }
    }

    static String readText(Path file, String display) throws BadInputException {
        return readText(file, display, Limits.DEFAULT);
    }

    static String readText(Path file, String display, Limits limits) throws BadInputException {
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                // a directory, a device such as /dev/zero or a pipe: never read without end
                throw new BadInputException(new Problem(new Location(display, 1, 1), "",
                        "expected a scenario file, found " + (Files.isDirectory(file) ? "a directory" : "something that is not a regular file")));
            }
            long size = Files.size(file);
            if (size > limits.fileChars()) {
                // refused before reading: a file of any size costs nothing
                throw new BadInputException(new Problem(new Location(display, 1, 1), "", YamlDocument.tooLarge(size, "bytes", limits)));
            }
            byte[] bytes = Files.readAllBytes(file);
            ScenarioBundle.recordRead(file, bytes);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new BadInputException(new Problem(new Location(display, 1, 1), "", "no such file"));
        } catch (CharacterCodingException e) {
            throw new BadInputException(notUtf8(file, display));
        } catch (IOException e) {
            throw new BadInputException(new Problem(new Location(display, 1, 1), "", "cannot read: " + e.getMessage()));
        }
    }

    /** Locates the first byte that is not UTF-8: line and column (in characters) of where it sits. */
    private static Problem notUtf8(Path file, String display) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return new Problem(new Location(display, 1, 1), "", "expected UTF-8 text, found bytes that are not UTF-8");
        }
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        java.nio.charset.CoderResult r = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(in, out, true);
        int line = 1;
        int column = 1;
        out.flip();
        for (int i = 0; i < out.limit(); i++) {
            if (out.get(i) == '\n') {
                line++;
                column = 1;
            } else if (!Character.isLowSurrogate(out.get(i))) {
                column++;
            }
        }
        String what = r.isError() && in.position() < bytes.length
                ? String.format(java.util.Locale.ROOT, "byte 0x%02X, which is not UTF-8", bytes[in.position()] & 0xff) : "bytes that are not UTF-8";
        return new Problem(new Location(display, line, column), "",
                "expected UTF-8 text, found " + what + " (save the file as UTF-8)");
    }

    /** Deep-merges {@code over} into {@code base}: mappings key by key, everything else replaced whole. */
    static void merge(ObjectNode base, ObjectNode over, String path, SourceMap baseSources, SourceMap overSources) {
        for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            JsonNode b = base.get(e.getKey());
            if (b instanceof ObjectNode bo && e.getValue() instanceof ObjectNode oo) {
                baseSources.copySubtreeShallow(overSources, p);
                merge(bo, oo, p, baseSources, overSources);
            } else {
                if (b != null) {
                    baseSources.removeSubtree(p); // nothing is recorded under a field the base does not have
                }
                baseSources.copySubtree(overSources, p);
                base.set(e.getKey(), e.getValue());
            }
        }
    }

    private static void applyOverride(ObjectNode tree, SourceMap sources, String override, int index, List<Problem> problems,
                                      Limits limits) {
        String where = "--set #" + index;
        Matcher m = OVERRIDE.matcher(override);
        if (!m.matches()) {
            problems.add(new Problem(new Location(where, 1, 1), "", "expected path.to.field=value, found \"" + override + "\""));
            return;
        }
        String path = m.group(1);
        String value = m.group(2);
        int valueColumn = path.length() + 2;
        Location loc = new Location(where, 1, valueColumn);
        JsonNode parsed;
        SourceMap valueSources;
        try {
            YamlDocument d = YamlDocument.parse(where, "v: " + value, limits);
            parsed = d.root().get("v");
            valueSources = d.sources();
        } catch (BadInputException e) {
            Problem first = e.problems().get(0);
            int col = first.location().line() == 1 ? valueColumn + Math.max(0, first.location().column() - 4) : valueColumn;
            problems.add(new Problem(new Location(where, 1, col), path,
                    "cannot read the value: " + first.message().replace("the end of the file", "the end of the value")));
            return;
        }
        if (parsed == null) {
            parsed = JsonNodeFactory.instance.nullNode();
        }
        String[] segs = path.split("\\.");
        JsonNode cur = tree;
        StringBuilder sofar = new StringBuilder();
        int segColumn = 1;
        for (int s = 0; s < segs.length; s++) {
            Matcher sm = SEGMENT.matcher(segs[s]);
            Location segAt = new Location(where, 1, segColumn);
            if (!sm.matches()) {
                problems.add(new Problem(segAt, path, "expected a field name or name[index], found '" + segs[s] + "'"));
                return;
            }
            String key = sm.group(1);
            List<String> idx = new ArrayList<>();
            Matcher im = Pattern.compile("\\[([0-9]+)\\]").matcher(sm.group(2));
            while (im.find()) {
                idx.add(im.group(1));
            }
            boolean last = s == segs.length - 1;
            if (!(cur instanceof ObjectNode obj)) {
                problems.add(new Problem(segAt, path, "expected '" + sofar + "' to be a mapping with a field '" + key + "', found "
                        + YamlDocument.describe(cur)));
                return;
            }
            if (sofar.length() > 0) {
                sofar.append('.');
            }
            sofar.append(key);
            if (idx.isEmpty()) {
                if (last) {
                    obj.set(key, parsed);
                    sources.removeSubtree(path);
                    // "v: " is three characters: move positions inside the value onto the --set text
                    sources.copyShifted(valueSources, "v", path, where, valueColumn - 4);
                    sources.putKey(path, segAt); // the path names the field, not the "v" of the parsed value
                    return;
                }
                JsonNode next = obj.get(key);
                if (next == null || next.isNull()) {
                    next = obj.putObject(key);
                }
                cur = next;
            } else {
                JsonNode arr = obj.get(key);
                int bracketColumn = segColumn + key.length();
                for (int k = 0; k < idx.size(); k++) {
                    String digits = idx.get(k);
                    // an index of any length is read without overflow: past Integer.MAX_VALUE it is past every list's end
                    int i = digits.replaceFirst("^0+(?=.)", "").length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
                    Location itemAt = new Location(where, 1, bracketColumn);
                    if (!(arr instanceof ArrayNode an)) {
                        problems.add(new Problem(itemAt, path, "expected '" + sofar + "' to be a list, found " + YamlDocument.describe(arr)));
                        return;
                    }
                    if (i >= an.size()) {
                        problems.add(new Problem(itemAt, path, "expected an index of '" + sofar + "' "
                                + (an.isEmpty() ? "(it is empty)" : "from [0] to [" + (an.size() - 1) + "]") + ", found [" + digits + "]"));
                        return;
                    }
                    sofar.append('[').append(i).append(']');
                    bracketColumn += 2 + digits.length();
                    if (last && k == idx.size() - 1) {
                        an.set(i, parsed);
                        sources.removeSubtree(path);
                        sources.copyShifted(valueSources, "v", path, where, valueColumn - 4);
                        sources.putKey(path, segAt); // the path names the field, not the "v" of the parsed value
                        return;
                    }
                    arr = an.get(i);
                }
                cur = arr;
            }
            segColumn += segs[s].length() + 1;
        }
    }

    static String sha256(Path file) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            return "";
        }
    }
}
