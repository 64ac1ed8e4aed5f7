package org.jurisim.docs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small Markdown helpers for the generated reference pages: tables, code spans, heading anchors, self-checks. */
final class Markdown {

    private Markdown() {
    }

    /** A GitHub-flavoured Markdown table; cells are escaped when rendered, so callers never escape {@code |}. */
    static final class Table {
        private final List<String> header;
        private final List<List<String>> rows = new ArrayList<>();

        Table(String... header) {
            this.header = List.of(header);
        }

        Table row(String... cells) {
            if (cells.length != header.size()) {
                throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
            }
            rows.add(List.of(cells));
            return this;
        }

        boolean isEmpty() {
            return rows.isEmpty();
        }

        String render() {
            StringBuilder sb = new StringBuilder();
            line(sb, header);
            sb.append('|');
            for (int i = 0; i < header.size(); i++) {
                sb.append("---|");
            }
            sb.append('\n');
            for (List<String> r : rows) {
                line(sb, r);
            }
            return sb.toString();
        }

        private static void line(StringBuilder sb, List<String> cells) {
            sb.append('|');
            for (String c : cells) {
                sb.append(' ').append(cell(c)).append(" |");
            }
            sb.append('\n');
        }
    }

    /** One table cell: pipes escaped, line breaks folded, never empty-looking. */
    static String cell(String s) {
        String t = s == null ? "" : s.replace("\r", "").replace('\n', ' ').strip();
        return t.replace("|", "\\|");
    }

    /** A code span (the content never holds a backtick in these pages; fail if it does). */
    static String code(String s) {
        if (s.indexOf('`') >= 0) {
            throw new IllegalArgumentException("backtick in code span: " + s);
        }
        return "`" + s + "`";
    }

    /** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
    static String anchor(String heading) {
        String lower = heading.toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                sb.append(c);
            } else if (c == ' ') {
                sb.append('-');
            }
        }
        return sb.toString();
    }

    /** A link to a heading of the same page. */
    static String link(String text, String heading) {
        return "[" + text + "](#" + anchor(heading) + ")";
    }

    private static final Pattern LOCAL_LINK = Pattern.compile("\\]\\(#([^)]*)\\)");

    /**
     * Checks a generated page: heading anchors are unique and every {@code (#anchor)} link has its heading.
     * The generator calls this so that a broken page never gets written.
     */
    static String checked(String page) {
        Set<String> anchors = new HashSet<>();
        boolean fence = false;
        for (String line : page.split("\n", -1)) {
            if (line.startsWith("```")) {
                fence = !fence;
            } else if (!fence && line.startsWith("#")) {
                String text = line.replaceFirst("^#+\\s*", "");
                if (!anchors.add(anchor(text))) {
                    throw new IllegalStateException("two headings share the anchor #" + anchor(text) + ": " + line);
                }
            }
        }
        Matcher m = LOCAL_LINK.matcher(page);
        while (m.find()) {
            if (!anchors.contains(m.group(1))) {
                throw new IllegalStateException("link to a missing heading: #" + m.group(1));
            }
        }
        return page;
    }
}
