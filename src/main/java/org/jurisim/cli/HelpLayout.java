package org.jurisim.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * How every command's help is laid out: descriptions, the option and parameter lists and the command list are
 * wrapped at spaces only, at the help's width. (picocli's own wrapping may break a line inside a word after a dot or
 * a slash, e.g. "scenario." / "resolved.yaml".) Installed on the top-level command and every subcommand, so a
 * command added later is laid out the same way.
 */
final class HelpLayout {

    /** Column where option and parameter descriptions start, unless the names are wider. */
    static final int DESCRIPTION_COLUMN = 24;

    private HelpLayout() {
    }

    static void install(CommandLine cl) {
        Map<String, CommandLine.IHelpSectionRenderer> m = cl.getHelpSectionMap();
        m.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION, HelpLayout::description);
        m.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, HelpLayout::parameters);
        m.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpLayout::options);
        m.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commands);
        cl.setHelpSectionMap(m);
        cl.getSubcommands().values().forEach(HelpLayout::install);
    }

    private static int width(Help help) {
        return help.commandSpec().usageMessage().width();
    }

    /** The description's paragraphs (one per element of the annotation), each wrapped at the width. */
    static String description(Help help) {
        StringBuilder b = new StringBuilder();
        for (String p : paragraphs(help.commandSpec())) {
            wrap(b, p, "", "", width(help));
        }
        return b.toString();
    }

    /** The description's paragraphs as written ({@code %n} and {@code %%} resolved), blank ones kept. */
    static List<String> paragraphs(CommandSpec spec) {
        List<String> out = new ArrayList<>();
        for (String d : spec.usageMessage().description()) {
            for (String p : String.format(Locale.ROOT, d).split("\n", -1)) {
                out.add(p);
            }
        }
        while (!out.isEmpty() && out.get(0).isEmpty()) {
            out.remove(0);
        }
        return out;
    }

    /** A command's one-line summary, as the list of commands shows it: its header, else its description's first line. */
    static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        if (header.length > 0) {
            return String.format(Locale.ROOT, header[0]).trim();
        }
        List<String> ps = paragraphs(spec);
        return ps.isEmpty() ? "" : ps.get(0);
    }

    static String parameters(Help help) {
        List<String[]> rows = new ArrayList<>();
        for (PositionalParamSpec p : help.commandSpec().positionalParameters()) {
            if (!p.hidden()) {
                rows.add(new String[] {"      " + help.createDefaultParamLabelRenderer().renderParameterLabel(p, Help.Ansi.OFF, List.of()),
                        String.join(" ", p.description())});
            }
        }
        return table(rows, width(help));
    }

    static String options(Help help) {
        List<OptionSpec> opts = new ArrayList<>();
        for (OptionSpec o : help.commandSpec().options()) {
            if (!o.hidden()) {
                opts.add(o);
            }
        }
        if (help.commandSpec().usageMessage().sortOptions()) {
            opts.sort(Help.createShortOptionArityAndNameComparator());
        }
        List<String[]> rows = new ArrayList<>();
        for (OptionSpec o : opts) {
            List<String> shortNames = new ArrayList<>();
            List<String> longNames = new ArrayList<>();
            for (String n : o.names()) {
                (n.startsWith("--") || n.length() > 2 ? longNames : shortNames).add(n);
            }
            List<String> names = new ArrayList<>(shortNames);
            names.addAll(longNames);
            String label = help.createDefaultParamLabelRenderer().renderParameterLabel(o, Help.Ansi.OFF, List.of()).toString();
            String left = (shortNames.isEmpty() ? "      " : "  ") + String.join(", ", names) + label;
            rows.add(new String[] {left, String.join(" ", o.description())});
        }
        return table(rows, width(help));
    }

    static String commands(Help help) {
        Map<String, Help> subs = help.subcommands();
        if (subs.isEmpty()) {
            return "";
        }
        List<String[]> rows = new ArrayList<>();
        int names = 0;
        for (Map.Entry<String, Help> e : subs.entrySet()) {
            if (!e.getValue().commandSpec().usageMessage().hidden()) {
                rows.add(new String[] {"  " + e.getKey(), summary(e.getValue().commandSpec())});
                names = Math.max(names, e.getKey().length() + 4);
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            String left = pad(r[0], names);
            wrap(b, r[1], left, " ".repeat(names + 2), width(help));
        }
        return b.toString();
    }

    /** Rows of names and descriptions: descriptions from one column, wrapped at spaces with a hanging indent. */
    static String table(List<String[]> rows, int width) {
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            String indent = " ".repeat(DESCRIPTION_COLUMN + 2);
            if (r[0].length() + 2 > DESCRIPTION_COLUMN) {
                b.append(r[0]).append('\n');
                wrap(b, r[1], " ".repeat(DESCRIPTION_COLUMN), indent, width);
            } else {
                wrap(b, r[1], pad(r[0], DESCRIPTION_COLUMN), indent, width);
            }
        }
        return b.toString();
    }

    private static String pad(String s, int n) {
        return s.length() >= n ? s : s + " ".repeat(n - s.length());
    }

    /**
     * Appends {@code text} wrapped at spaces: the first line after {@code first}, the others after {@code rest}; a
     * word longer than a line stays whole on its own line.
     */
    static void wrap(StringBuilder b, String text, String first, String rest, int width) {
        StringBuilder line = new StringBuilder(first);
        int start = first.length();
        boolean empty = true;
        for (String w : text.trim().split(" +")) {
            if (w.isEmpty()) {
                continue;
            }
            if (!empty && line.length() + 1 + w.length() > width) {
                b.append(line.toString().stripTrailing()).append('\n');
                line.setLength(0);
                line.append(rest);
                start = rest.length();
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            line.append(w);
            empty = false;
        }
        if (line.length() > 0 || start == 0) {
            b.append(line.toString().stripTrailing());
        }
        b.append('\n');
    }
}
