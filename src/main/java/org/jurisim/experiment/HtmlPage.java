package org.jurisim.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A self-contained HTML report (inline CSS and SVG, no scripts, nothing fetched) for the sweep, discover and
 * explain commands: a header, sections, tables, warnings and figures, in the look of the comparison's report.
 */
final class HtmlPage {

    private final StringBuilder h = new StringBuilder(1 << 16);

    /** Opens a page: title, the kicker above it and one line below it. */
    HtmlPage(String kicker, String title, String subtitle) {
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").append(esc(kicker))
                .append(": ").append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<header><div class=\"wrap\"><div class=\"kicker\">").append(esc(kicker)).append("</div><h1>")
                .append(esc(title)).append("</h1><p>").append(esc(subtitle)).append("</p></div></header>\n<main class=\"wrap\">\n");
    }

    /** HTML-escapes text, as every report does ({@link CompareReport#esc}). */
    static String esc(String s) {
        return CompareReport.esc(s);
    }

    HtmlPage section(String title) {
        h.append("<section><h2>").append(esc(title)).append("</h2>\n");
        return this;
    }

    HtmlPage end() {
        h.append("</section>\n");
        return this;
    }

    /** A paragraph of plain text. */
    HtmlPage p(String text) {
        h.append("<p>").append(esc(text)).append("</p>\n");
        return this;
    }

    /** A paragraph in the muted note style. */
    HtmlPage note(String text) {
        h.append("<p class=\"note\">").append(esc(text)).append("</p>\n");
        return this;
    }

    /** Warnings as a highlighted list; "none" when empty. */
    HtmlPage warnings(List<String> items, String none) {
        if (items.isEmpty()) {
            h.append("<p class=\"ok\">").append(esc(none)).append("</p>\n");
            return this;
        }
        h.append("<ul class=\"warn\">\n");
        for (String w : items) {
            h.append("<li>").append(esc(w)).append("</li>\n");
        }
        h.append("</ul>\n");
        return this;
    }

    /** A table: the first column left-aligned; rows marked with a CSS class when {@code marks} has one (null: none). */
    HtmlPage table(List<String> header, List<List<String>> rows, List<String> marks) {
        return table(header, rows, marks, 1);
    }

    /** A table whose first {@code left} columns are left-aligned (text), the others right-aligned (numbers). */
    HtmlPage table(List<String> header, List<List<String>> rows, List<String> marks, int left) {
        h.append("<table><thead><tr>");
        for (int i = 0; i < header.size(); i++) {
            h.append(i < left ? "<th class=\"l\">" : "<th>").append(esc(header.get(i))).append("</th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (int r = 0; r < rows.size(); r++) {
            String mark = marks == null ? null : marks.get(r);
            h.append(mark == null || mark.isEmpty() ? "<tr>" : "<tr class=\"" + mark + "\">");
            List<String> row = rows.get(r);
            for (int i = 0; i < row.size(); i++) {
                h.append(i < left ? "<td class=\"l\">" : "<td>").append(esc(row.get(i))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n");
        return this;
    }

    /** An inline SVG figure with a caption. */
    HtmlPage figure(String svg, String caption) {
        h.append("<figure>").append(svg).append("<figcaption>").append(esc(caption)).append("</figcaption></figure>\n");
        return this;
    }

    /** Preformatted text (a command line). */
    HtmlPage code(String text) {
        h.append("<p><code>").append(esc(text)).append("</code></p>\n");
        return this;
    }

    void write(Path file) throws IOException {
        h.append("</main>\n</body>\n</html>\n");
        Files.writeString(file, h.toString(), StandardCharsets.UTF_8);
    }

    /** The house style (CompareReport's, shared by every report), then this page's own rules. */
    private static final String CSS = CompareReport.css() + """
            tr.noise td { color: var(--muted); }
            ul.warn { background: #fff4e5; border-left: 4px solid #d97706; padding: 8px 8px 8px 30px; margin: 6px 0; font-size: 15px; }
            ul.warn li { margin: 3px 0; }
            p.ok { color: #0a6b47; }
            code { word-break: break-word; }
            """;
}
