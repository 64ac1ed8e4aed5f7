package org.jurisim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Outputs and identifiers do not depend on the default locale. In the source: every case change, number format and
 * date pattern names its locale (a Turkish default turns "anti_sanctuary" into "ANTİ_SANCTUARY" and "district" into
 * "dıstrıct"). At run time: the build runs the whole suite with a Turkish default locale (pom.xml, surefire's
 * argLine; CI also sets LANG=tr_TR.UTF-8), so the golden output's checksums, made once, must come out the same
 * there; {@link #theSuiteRunsUnderATurkishDefaultLocale} makes sure the suite really has that locale.
 */
class LocaleTest {

    /** Calls whose result depends on the default locale when no locale is given. */
    static final List<Pattern> LOCALE_DEPENDENT = List.of(
            Pattern.compile("\\.to(Lower|Upper)Case\\(\\)"),
            Pattern.compile("String\\.format\\(\\s*\""),
            Pattern.compile("\\.formatted\\("),
            Pattern.compile("new (DecimalFormat|SimpleDateFormat)\\(\"[^\"]*\"\\)"),
            Pattern.compile("DateTimeFormatter\\.ofPattern\\(\"[^\"]*\"\\)"),
            Pattern.compile("NumberFormat\\.get\\w*Instance\\(\\)"),
            Pattern.compile("\\.getDisplayName\\(\\)"));

    static List<String> offending(String source) {
        List<String> out = new ArrayList<>();
        String[] lines = source.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith("//") || l.startsWith("*") || l.startsWith("/*")) {
                continue;
            }
            for (Pattern p : LOCALE_DEPENDENT) {
                if (p.matcher(l).find()) {
                    out.add((i + 1) + ": " + l);
                }
            }
        }
        return out;
    }

    @Test
    void everyCaseChangeAndFormatNamesItsLocale() throws IOException {
        List<String> found = new ArrayList<>();
        int files = 0;
        for (String root : List.of("src/main/java", "src/spark/java")) {
            if (!Files.isDirectory(Path.of(root))) {
                continue;
            }
            try (Stream<Path> s = Files.walk(Path.of(root))) {
                for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    for (String o : offending(Files.readString(f, StandardCharsets.UTF_8))) {
                        found.add(f + ":" + o);
                    }
                }
            }
        }
        assertThat(files).isGreaterThan(100);
        assertThat(found).as("calls that depend on the default locale (give Locale.ROOT)").isEmpty();
    }

    @Test
    void theScanFindsWhatItLooksFor() {
        assertThat(offending("String k = law.toUpperCase().replace('-', '_');")).hasSize(1);
        assertThat(offending("String k = law.toUpperCase(Locale.ROOT);")).isEmpty();
        assertThat(offending("out.println(String.format(\"%.2f\", v));")).hasSize(1);
        assertThat(offending("out.println(String.format(Locale.ROOT, \"%.2f\", v));")).isEmpty();
        assertThat(offending("NumberFormat f = new DecimalFormat(\"#,##0\");")).hasSize(1);
        assertThat(offending("// a comment: s.toLowerCase()")).isEmpty();
        // and what the Turkish locale does to such a call
        assertThat("anti_sanctuary".toUpperCase(Locale.forLanguageTag("tr-TR"))).isNotEqualTo("ANTI_SANCTUARY");
    }

    @Test
    void theSuiteRunsUnderATurkishDefaultLocale() {
        // the build runs every test in a JVM whose default locale is Turkish (surefire's argLine): this is what makes
        // the suite a test of locale independence; if the setting is lost, this fails rather than the suite going soft
        assertThat(Locale.getDefault().toLanguageTag()).isEqualTo("tr-TR");
        assertThat("i".toUpperCase()).isEqualTo("\u0130");
        assertThat(String.format("%.1f", 1.5)).isEqualTo("1,5");
    }
}
