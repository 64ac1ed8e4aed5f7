package org.jurisim.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a comparison's report.html in headless Chromium (Debian's chromium package) and saves a screenshot to
 * target/screenshots/compare-report.png. Fails, never skips, when Chromium is missing and cannot be installed.
 */
class ReportScreenshotTest {

    @Test
    void reportOpensInHeadlessChromium(@TempDir Path tmp) throws Exception {
        Path strict = Fixtures.derived(tmp, "serious-crimes-only", """
                name: Small demo, serious crimes only
                federal:
                  priorities: SERIOUS_CRIMES_ONLY
                """);
        Path out = tmp.resolve("cmp");
        Fixtures.Cli c = Fixtures.cli("compare", Fixtures.DEMO.toString(), strict.toString(), "--set", "duration=90d", "--replicates", "8",
                "--threads", "2", "--labels", "all-removable,serious-crimes", "--out", out.toString());
        assertThat(c.status()).as(c.err()).isZero();
        Path report = out.resolve("report.html");
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("</html>").contains("<svg").doesNotContain("<script");

        String chromium = chromium();
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        Path png = shots.resolve("compare-report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        Path profile = Files.createTempDirectory(tmp, "chromium-profile");
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--screenshot=" + png, "--window-size=1400,2000", report.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("chromium.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished within 2 minutes").isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("chromium.log"))).isZero();
        assertThat(png).exists();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1400);
        assertThat(img.getHeight()).isEqualTo(2000);
        // a rendered page, not a blank or error page: the dark header band, and plenty of text and table lines
        int header = img.getRGB(700, 40) & 0xffffff;
        assertThat((header >> 16) & 0xff).as("header colour (red)").isLessThan(60);
        assertThat(header & 0xff).as("header colour (blue)").isGreaterThan(60);
        long ink = 0;
        for (int y = 150; y < 2000; y += 3) {
            for (int x = 0; x < 1400; x += 3) {
                int rgb = img.getRGB(x, y);
                int lum = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
                ink += lum < 400 ? 1 : 0;
            }
        }
        assertThat(ink).as("dark pixels (text) in the body").isGreaterThan(5_000);
    }

    /** The chromium binary; installs Debian's chromium when missing (as root), else fails. */
    static String chromium() throws Exception {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (new File(c).canExecute()) {
                return c;
            }
        }
        if ("root".equals(System.getProperty("user.name")) && new File("/usr/bin/apt-get").canExecute()) {
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", "apt-get update -qq && apt-get install -y -qq chromium");
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process p = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(15, TimeUnit.MINUTES);
            if (new File("/usr/bin/chromium").canExecute()) {
                return "/usr/bin/chromium";
            }
        }
        throw new AssertionError("headless Chromium is needed for this test and could not be found or installed: "
                + "apt-get install -y chromium");
    }
}
