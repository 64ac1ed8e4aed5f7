package org.jurisim.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model runs with no GUI class loaded: a child JVM with {@code -verbose:class} runs a headless
 * simulation, and the classes it loaded are checked.
 */
class NoGuiClassesTest {

    @TempDir
    Path tmp;

    private static final Pattern LOADED = Pattern.compile("^\\[[^\\]]*\\]\\[info\\]\\[class,load\\] (\\S+) source:");

    /** Runs a main class in a child JVM with -verbose:class and returns the names of the classes it loaded. */
    private List<String> loadedClasses(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info", "-Djava.awt.headless=true", "-cp", ChildJvm.testClassPath()));
        cmd.addAll(List.of(args));
        Path log = tmp.resolve("classes.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("child JVM finished").isTrue();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()))).isZero();
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            Matcher m = LOADED.matcher(l);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        assertThat(out).as("class loading was logged").contains("org.jurisim.model.JuriSimModel");
        return out;
    }

    /** Loaded classes that are windows (java.awt.Window and its subclasses: Frame, Dialog, JFrame...). */
    private static List<String> windows(List<String> classes) {
        List<String> out = new ArrayList<>();
        for (String c : classes) {
            if (c.startsWith("java.lang.") || c.startsWith("jdk.internal.") || c.startsWith("sun.") && !c.startsWith("sun.awt")) {
                continue;
            }
            try {
                Class<?> k = Class.forName(c, false, NoGuiClassesTest.class.getClassLoader());
                if (java.awt.Window.class.isAssignableFrom(k) || java.awt.Component.class.isAssignableFrom(k)) {
                    out.add(c);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // hidden or generated classes: not windows
            }
        }
        return out;
    }

    @Test
    void aHeadlessModelRunLoadsNoSwingAndNoWindowClass() throws Exception {
        List<String> classes = loadedClasses(HeadlessRun.class.getName(), "scenarios/small-demo.yaml", "120");
        assertThat(classes).noneMatch(c -> c.startsWith("javax.swing."));
        assertThat(classes).noneMatch(c -> c.startsWith("sim.display.") || c.startsWith("sim.portrayal.")
                || c.startsWith("org.jurisim.gui.") && !c.equals(HeadlessRun.class.getName()));
        assertThat(classes).noneMatch(c -> c.startsWith("java.awt."));
        assertThat(windows(classes)).isEmpty();
    }

    @Test
    void theRunCommandLoadsNoWindowClassAndNoDashboardClass() throws Exception {
        // `jurisim run` also draws its PNG/SVG charts with JFreeChart, whose data classes use
        // javax.swing.event.EventListenerList: that listener list is the only Swing class allowed here
        List<String> classes = loadedClasses("org.jurisim.cli.Main", "run", "scenarios/small-demo.yaml", "--days", "60",
                "--out", tmp.resolve("run").toString());
        assertThat(classes).filteredOn(c -> c.startsWith("javax.swing.")).allMatch(c -> c.startsWith("javax.swing.event."));
        assertThat(classes).noneMatch(c -> c.startsWith("sim.display.") || c.startsWith("org.jurisim.gui."));
        assertThat(classes).doesNotContain("java.awt.Window", "java.awt.Frame", "java.awt.Dialog");
        assertThat(windows(classes)).isEmpty();
    }
}
