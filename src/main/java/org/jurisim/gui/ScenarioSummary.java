package org.jurisim.gui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jurisim.scenario.Scenario;

/**
 * What a scenario is about, for the dashboard: its name and description, and the question it asks and what
 * its author expects, from the {@code Question:} and {@code Expect:} paragraphs of the comment block at the
 * top of its file (the project's scenario files open with one).
 */
final class ScenarioSummary {

    private ScenarioSummary() {
    }

    static String of(Scenario s) {
        StringBuilder sb = new StringBuilder(s.name());
        String d = s.description() == null ? "" : s.description().strip().replaceAll("\\s+", " ");
        if (!d.isEmpty()) {
            sb.append(": ").append(d);
        }
        if (s.file() != null) {
            for (String p : headerParagraphs(Path.of(s.file()))) {
                if (p.startsWith("Question:") || p.startsWith("Expect:")) {
                    sb.append('\n').append(p);
                }
            }
        }
        return sb.toString();
    }

    /** The paragraphs of the file's leading comment block, each starting "Word:" and running to the next. */
    static List<String> headerParagraphs(Path file) {
        List<String> out = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        try (java.io.BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            // the comment block only: stop at the first line of YAML
            for (String line = r.readLine(); line != null && (line.isBlank() || line.strip().startsWith("#")); line = r.readLine()) {
                lines.add(line);
            }
        } catch (IOException | RuntimeException e) {
            return out;
        }
        StringBuilder cur = null;
        for (String line : lines) {
            String t = line.strip();
            if (!t.startsWith("#")) {
                if (t.isEmpty()) {
                    continue;
                }
                break;
            }
            String text = t.substring(1).strip();
            if (text.matches("[A-Z][A-Za-z]*:( .*)?") && !text.startsWith("yaml-language-server")) {
                if (cur != null) {
                    out.add(cur.toString());
                }
                cur = new StringBuilder(text);
            } else if (text.isEmpty()) {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
            } else if (cur != null) {
                cur.append(' ').append(text);
            }
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }
}
