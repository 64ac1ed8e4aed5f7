package org.jurisim.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation cites only files in the repository: every relative Markdown link of README.md and docs/*.md
 * leads to a file or folder that exists, and no document names a path outside the repository (an absolute path of a
 * machine, or a folder beside the repository).
 */
class DocsLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern OUTSIDE = Pattern.compile("(/work/|/home/|/root/|/Users/|\\.\\./shared|\\.\\./\\.\\./)");

    static List<Path> documents() throws IOException {
        List<Path> out = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> s = Files.list(Path.of("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
        }
        return out;
    }

    static List<String> brokenLinks(Path doc, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            String target = m.group(1);
            if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
                continue; // a web address, or a place in the same document
            }
            String file = target.replaceAll("#.*$", "");
            Path base = doc.getParent() == null ? Path.of("") : doc.getParent();
            if (!Files.exists(base.resolve(file))) {
                out.add(doc + ": " + target);
            }
        }
        return out;
    }

    @Test
    void everyRelativeLinkLeadsToAFileOfTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path d : documents()) {
            String text = Files.readString(d, StandardCharsets.UTF_8);
            broken.addAll(brokenLinks(d, text));
            links += (int) LINK.matcher(text).results().count();
        }
        assertThat(links).isGreaterThan(50);
        assertThat(broken).isEmpty();
    }

    @Test
    void noDocumentNamesAPathOutsideTheRepository() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path d : documents()) {
            List<String> lines = Files.readAllLines(d, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (OUTSIDE.matcher(lines.get(i)).find()) {
                    found.add(d + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void theChecksCatchWhatTheyLookFor() {
        assertThat(brokenLinks(Path.of("docs/x.md"), "see [the record](../shared/FACTS.md) and [ODD](ODD.md#entities)"))
                .containsExactly("docs/x.md: ../shared/FACTS.md");
        assertThat(OUTSIDE.matcher("sources in `/work/shared/calibration/FACTS.md`").find()).isTrue();
        assertThat(OUTSIDE.matcher("see [FACTS.md](FACTS.md)").find()).isFalse();
    }
}
