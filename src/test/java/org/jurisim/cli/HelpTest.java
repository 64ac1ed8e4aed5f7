package org.jurisim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jurisim.scenario.ScenarioSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Help that never misleads, for every registered command (a command added later is covered without changing this
 * test): whole-sentence summaries, no line past 80 or 100 columns and nothing cut, examples (in the help and in the
 * README) that parse as written from the repository root, every command in the README, every output file of
 * {@code run} named by {@code run --help}, "did you mean" for a misspelt command, and {@code params} naming the
 * paths {@code --set} accepts.
 */
class HelpTest {

    private static final Pattern SENTENCE_END = Pattern.compile(".*[.:!?)]$");

    /** Every command and its name, from the top-level command (help included). */
    static Map<String, CommandLine> commands() {
        CommandLine top = Main.commandLine();
        Map<String, CommandLine> out = new LinkedHashMap<>();
        out.put("", top);
        top.getSubcommands().forEach(out::put);
        return out;
    }

    static String usage(CommandLine cl, int width) {
        cl.setUsageHelpAutoWidth(false);
        cl.setUsageHelpWidth(width);
        cl.getSubcommands().values().forEach(s -> {
            s.setUsageHelpAutoWidth(false);
            s.setUsageHelpWidth(width);
        });
        return cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private static String squeeze(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 100})
    void noHelpLineIsWiderThanTheTerminalAndNothingIsCut(int width) {
        for (Map.Entry<String, CommandLine> e : commands().entrySet()) {
            String text = usage(e.getValue(), width);
            for (String line : text.split("\n")) {
                assertThat(line.length()).as("'%s --help' at %d columns: %s", e.getKey(), width, line).isLessThanOrEqualTo(width);
            }
            // every paragraph of the description is there whole (wrapped by picocli, not cut)
            String flat = squeeze(text);
            for (String paragraph : HelpLayout.paragraphs(e.getValue().getCommandSpec())) {
                assertThat(flat).as("'%s --help' at %d columns holds the paragraph", e.getKey(), width).contains(squeeze(paragraph));
            }
            // and every option's description, whole: no line broken inside a word such as docs/reliability.md
            for (CommandLine.Model.OptionSpec o : e.getValue().getCommandSpec().options()) {
                assertThat(flat).as("'%s --help' at %d columns holds the description of %s", e.getKey(), width, o.longestName())
                        .contains(squeeze(String.join(" ", o.description())));
            }
            // a footer line that fits is never wrapped: its end is on its own line
            for (String f : e.getValue().getCommandSpec().usageMessage().footer()) {
                assertThat(f.length()).as("'%s --help' footer line fits in 80 columns: %s", e.getKey(), f).isLessThanOrEqualTo(78);
            }
        }
    }

    @Test
    void everySummaryAndParagraphIsAWholeSentence() {
        CommandLine top = Main.commandLine();
        String list = usage(top, 80);
        for (Map.Entry<String, CommandLine> e : commands().entrySet()) {
            List<String> description = HelpLayout.paragraphs(e.getValue().getCommandSpec());
            assertThat(description).as("'%s' has a description", e.getKey()).isNotEmpty();
            String summary = HelpLayout.summary(e.getValue().getCommandSpec());
            assertThat(summary).as("summary of '%s'", e.getKey()).matches("[A-Z].*\\.");
            for (String paragraph : description) {
                if (!paragraph.isEmpty()) {
                    assertThat(paragraph).as("a paragraph of '%s --help' ends a sentence", e.getKey()).matches(SENTENCE_END);
                    assertThat(paragraph).as("a paragraph of '%s --help' is one paragraph, wrapped by the layout", e.getKey())
                            .doesNotStartWith(" ");
                }
            }
            if (!e.getKey().isEmpty()) {
                // the top-level list shows the whole summary (wrapped, not cut)
                assertThat(squeeze(list)).as("the top-level help lists '%s' with its whole summary", e.getKey())
                        .contains(squeeze(e.getKey() + " " + summary));
            }
        }
    }

    /** The help's examples: lines starting with ./jurisim, joined over trailing backslashes, without # comments. */
    static List<String> examples(String[] footer) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        for (String f : footer) {
            String t = f.trim();
            if (cur == null && t.startsWith("./jurisim ")) {
                cur = new StringBuilder();
            }
            if (cur == null) {
                assertThat(t).as("a footer line that mentions jurisim as a command starts with ./jurisim")
                        .doesNotStartWith("jurisim ");
                continue;
            }
            boolean more = t.endsWith("\\");
            cur.append(' ').append(more ? t.substring(0, t.length() - 1) : t);
            if (!more) {
                out.add(cur.toString().replaceAll("\\s#.*$", "").trim());
                cur = null;
            }
        }
        assertThat(cur).as("an example ends").isNull();
        return out;
    }

    /** Parses an example as ./jurisim would, and checks that the files it names exist (from the repository root). */
    static void assertRunsAsWritten(String where, String example) throws IOException {
        List<String> words = new ArrayList<>(List.of(example.split("\\s+")));
        assertThat(words.get(0)).as(where + ": " + example).isEqualTo("./jurisim");
        words.remove(0);
        CommandLine cl = Main.commandLine();
        assertThat(Main.unknownCommand(cl, words.toArray(new String[0]))).as(where + ": " + example).isNull();
        try {
            cl.parseArgs(words.toArray(new String[0]));
        } catch (CommandLine.ParameterException ex) {
            throw new AssertionError(where + ": '" + example + "' does not parse: " + ex.getMessage(), ex);
        }
        for (String w : words) {
            String file = w.contains("=") ? w.substring(w.indexOf('=') + 1) : w;
            if (file.startsWith("scenarios/") || file.startsWith("docs/")) {
                if (file.contains("*")) {
                    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + file);
                    try (Stream<Path> s = Files.list(Path.of(file).getParent())) {
                        assertThat(s.anyMatch(m::matches)).as(where + ": '" + file + "' matches a file").isTrue();
                    }
                } else {
                    assertThat(Path.of(file)).as(where + ": " + example).exists();
                }
            }
        }
    }

    @Test
    void theHelpsExamplesParseAsWrittenFromTheRepositoryRoot() throws IOException {
        int n = 0;
        for (Map.Entry<String, CommandLine> e : commands().entrySet()) {
            for (String ex : examples(e.getValue().getCommandSpec().usageMessage().footer())) {
                assertRunsAsWritten("'" + e.getKey() + " --help'", ex);
                n++;
            }
        }
        assertThat(n).isGreaterThanOrEqualTo(20);
    }

    /** Lines of README.md's indented code blocks and fenced blocks that start with ./jurisim. */
    static List<String> readmeCommands() throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8)) {
            String t = l.trim();
            if (t.startsWith("./jurisim ") && (l.startsWith("    ") || l.startsWith("./jurisim"))) {
                out.add(t.replaceAll("\\s#.*$", "").trim());
            }
        }
        return out;
    }

    @Test
    void everyCommandIsInTheReadmeAndItsExamplesParse() throws IOException {
        List<String> lines = readmeCommands();
        for (String name : Main.commandLine().getSubcommands().keySet()) {
            if (!name.equals("help")) {
                assertThat(lines).as("README.md shows ./jurisim %s", name).anyMatch(l -> l.startsWith("./jurisim " + name));
            }
        }
        int concrete = 0;
        for (String l : lines) {
            // a synopsis (SCENARIO, [--seed N], a|b) names placeholders; an example runs as written
            boolean synopsis = l.contains("[") || l.contains("|") || l.contains("...")
                    || Stream.of(l.split("\\s+")).anyMatch(w -> w.matches("[A-Z][A-Z0-9_]*,?"));
            String cmd = l.split("\\s+")[1];
            if (synopsis) {
                assertThat(cmd).as("README.md: %s", l).matches("--help,?|" + String.join("|", Main.commandLine().getSubcommands().keySet()));
            } else {
                assertRunsAsWritten("README.md", l.replaceAll(",$", ""));
                concrete++;
            }
        }
        assertThat(concrete).isGreaterThanOrEqualTo(3);
    }

    @Test
    void runHelpNamesEveryFileARunWrites(@TempDir Path tmp) throws IOException {
        StringWriter help = new StringWriter();
        assertThat(Main.execute(new String[] {"run", "--help"}, new PrintWriter(help), new PrintWriter(new StringWriter()))).isZero();
        String text = squeeze(help.toString());
        List<Path> dirs = List.of(tmp.resolve("one"), tmp.resolve("replicates"));
        assertThat(Main.execute(new String[] {"run", "scenarios/small-demo.yaml", "--days", "20", "--quiet", "--out", dirs.get(0).toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))).isZero();
        assertThat(Main.execute(new String[] {"run", "scenarios/small-demo.yaml", "--days", "20", "--quiet", "--replicates", "2",
                "--out", dirs.get(1).toString()}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))).isZero();
        int files = 0;
        for (Path d : dirs) {
            try (Stream<Path> s = Files.walk(d)) {
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    String rel = d.relativize(f).toString().replace('\\', '/');
                    String ext = rel.substring(rel.lastIndexOf('.'));
                    String named = rel.startsWith("charts/") ? rel.substring(0, rel.lastIndexOf('.')) : rel;
                    assertThat(text).as("run --help names %s", rel).containsPattern(Pattern.quote(named) + "\\b");
                    assertThat(text).as("run --help names the %s files", ext).contains(ext);
                    files++;
                }
            }
        }
        assertThat(files).isGreaterThanOrEqualTo(18);
    }

    @Test
    void aMisspeltCommandGetsTheNearestOneAndExitStatusTwoEvenWithHelp() {
        for (String name : Main.commandLine().getSubcommands().keySet()) {
            for (String[] args : List.of(new String[] {name + "x"}, new String[] {name + "x", "--help"})) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
                assertThat(code).as(String.join(" ", args)).isEqualTo(Main.BAD_INPUT);
                assertThat(err.toString()).as(String.join(" ", args)).contains("unknown command '" + name + "x'")
                        .contains("did you mean '" + name + "'?").contains("Try './jurisim --help'.");
                assertThat(out.toString()).as("no help is printed for an unknown command").isEmpty();
            }
        }
        StringWriter err = new StringWriter();
        assertThat(Main.execute(new String[] {"zzzzzzzz"}, new PrintWriter(new StringWriter()), new PrintWriter(err))).isEqualTo(2);
        assertThat(err.toString()).doesNotContain("did you mean").contains("the commands are run, ");
        // options and real commands are not taken for misspelt commands
        assertThat(Main.execute(new String[] {"--version"}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))).isZero();
        assertThat(Main.execute(new String[] {"run", "--help"}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))).isZero();
    }

    @Test
    void aDoubleClickOpensTheDashboardAndNothingElseDoes() {
        assertThat(Main.opensDashboard(new String[0], false, false)).isTrue();
        assertThat(Main.opensDashboard(new String[0], false, true)).as("from a terminal: the help").isFalse();
        assertThat(Main.opensDashboard(new String[0], true, false)).as("no display").isFalse();
        assertThat(Main.opensDashboard(new String[] {"run"}, false, false)).as("with arguments").isFalse();
    }

    @Test
    void paramsListsEveryPathThatSetAccepts() throws Exception {
        StringWriter out = new StringWriter();
        assertThat(Main.execute(new String[] {"params"}, new PrintWriter(out), new PrintWriter(new StringWriter()))).isZero();
        List<ScenarioSchema.Parameter> ps = ScenarioSchema.get().parameters();
        assertThat(ps).hasSizeGreaterThan(100);
        List<String> listed = out.toString().lines().filter(l -> !l.startsWith(" ")).toList();
        assertThat(listed).containsExactlyElementsOf(ps.stream().map(ScenarioSchema.Parameter::path).toList());
        assertThat(out.toString()).contains("ice.officers\n    integer; default ").contains("events[N].on").contains("policies.<name>.detainer");
        // every plain path with a default is accepted by --set, with its default: the paths are real
        List<String> overrides = new ArrayList<>();
        for (ScenarioSchema.Parameter p : ps) {
            if (!p.defaultValue().isEmpty() && !p.path().contains("[") && !p.path().contains("<") && !p.path().startsWith("jurisdictions.")
                    && !p.defaultValue().startsWith("[") && !p.defaultValue().startsWith("{")) {
                overrides.add(p.path() + "=" + (p.defaultValue().equals("\"\"") ? "''" : p.defaultValue()));
            }
        }
        assertThat(overrides).hasSizeGreaterThan(80);
        org.jurisim.scenario.ScenarioLoader.load(Path.of("scenarios/small-demo.yaml"), overrides);
        // the power of that check: a path that is not in the format is refused
        List<String> wrong = new ArrayList<>(overrides);
        wrong.add("ice.officerz=5");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.jurisim.scenario.ScenarioLoader.load(Path.of("scenarios/small-demo.yaml"), wrong))
                .isInstanceOf(org.jurisim.common.BadInputException.class);
        // a filter, and CSV with one row per parameter
        StringWriter ice = new StringWriter();
        assertThat(Main.execute(new String[] {"params", "ice.", "--describe"}, new PrintWriter(ice), new PrintWriter(new StringWriter()))).isZero();
        assertThat(ice.toString().lines().filter(l -> !l.startsWith(" "))).allMatch(l -> l.contains("ice."));
        StringWriter csv = new StringWriter();
        assertThat(Main.execute(new String[] {"params", "--csv"}, new PrintWriter(csv), new PrintWriter(new StringWriter()))).isZero();
        assertThat(csv.toString().lines().count()).isEqualTo(ps.size() + 1L);
        Matcher m = Pattern.compile("(?m)^seed,integer,.*,yes,").matcher(csv.toString());
        assertThat(m.find()).isTrue();
    }
}
