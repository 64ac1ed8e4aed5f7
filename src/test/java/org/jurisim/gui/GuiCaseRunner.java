package org.jurisim.gui;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the GUI test classes in this (child) JVM, which has a display, and writes each test's outcome as
 * JSON for {@link GuiTest} in the headless surefire JVM. Usage: GuiCaseRunner RESULTS.json CLASS...
 */
public final class GuiCaseRunner {

    /**
     * Cases that make the documentation's screenshots rather than test: discovered only when
     * {@code -Djurisim.nationalScreenshots=DIR} asks for them, so the suite neither runs nor skips them.
     */
    static final String SCREENSHOTS_TAG = "screenshots";

    private GuiCaseRunner() {
    }

    /**
     * What the screen and the event thread were doing when a case failed: the windows showing (a modal dialog left
     * up blocks all input) and the stacks of the event thread and the simulation's play thread (a stalled event
     * thread stops every click). Read off the event thread on purpose: it may be the one stuck.
     */
    static String diagnostics() {
        StringBuilder sb = new StringBuilder("\n-- windows showing:");
        for (java.awt.Window w : java.awt.Window.getWindows()) {
            if (w.isShowing()) {
                String title = w instanceof java.awt.Dialog d ? d.getTitle() : w instanceof java.awt.Frame f ? f.getTitle() : w.getName();
                sb.append("\n   ").append(w.getClass().getSimpleName()).append(" '").append(title).append("'")
                        .append(w instanceof java.awt.Dialog d && d.isModal() ? " (modal)" : "").append(w.isFocused() ? " (focused)" : "");
            }
        }
        for (var e : Thread.getAllStackTraces().entrySet()) {
            String name = e.getKey().getName();
            if (name.startsWith("AWT-EventQueue") || name.toLowerCase(java.util.Locale.ROOT).contains("play")) {
                sb.append("\n-- thread ").append(name).append(" (").append(e.getKey().getState()).append("):");
                StackTraceElement[] st = e.getValue();
                for (int i = 0; i < Math.min(25, st.length); i++) {
                    sb.append("\n   at ").append(st[i]);
                }
            }
        }
        return sb.toString();
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ArrayNode results = json.createArrayNode();
        var builder = LauncherDiscoveryRequestBuilder.request();
        for (int i = 1; i < args.length; i++) {
            builder.selectors(selectClass(Class.forName(args[i])));
        }
        String shots = System.getProperty("jurisim.nationalScreenshots");
        if (shots == null || shots.isBlank()) {
            builder.filters(org.junit.platform.launcher.TagFilter.excludeTags(SCREENSHOTS_TAG));
        }
        Launcher launcher = LauncherFactory.create();
        launcher.execute(builder.build(), new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult r) {
                if (!id.isTest() && r.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                    return;
                }
                ObjectNode o = results.addObject();
                o.put("name", id.getDisplayName());
                o.put("status", r.getStatus().name());
                r.getThrowable().ifPresent(t -> {
                    // deliberate: the child JVM's failure, stack trace included, goes into the results file the parent test reports
                    StringWriter sw = new StringWriter();
                    t.printStackTrace(new PrintWriter(sw));
                    o.put("error", sw.toString() + diagnostics());
                });
                System.out.println("[gui-case] " + r.getStatus() + " " + id.getDisplayName());
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                ObjectNode o = results.addObject();
                o.put("name", id.getDisplayName());
                o.put("status", "SKIPPED");
                o.put("error", reason);
            }
        });
        Files.writeString(Path.of(args[0]), json.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        System.exit(0);
    }
}
