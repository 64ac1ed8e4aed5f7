package org.jurisim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jurisim gui [SCENARIO]}: MASON's Console with the dashboard beside it. The GUI classes are
 * touched only inside {@link #call()}, so other commands never load them.
 */
@Command(name = "gui", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Open the dashboard, which runs a scenario with live charts, a map and policy levers.",
                "MASON's Console (play, pause, step, stop, speed, seed) sits beside live charts, a US map with"
                        + " jurisdiction inspectors, and the policy levers; a change applies at the next simulated day and"
                        + " is recorded as an intervention. It needs a display (see docs/dashboard.md). Started with no"
                        + " arguments and no terminal (a double click on the jar), JuriSim opens the dashboard too."},
        footer = {"", "Examples:",
                "  ./jurisim gui",
                "  ./jurisim gui scenarios/small-demo.yaml",
                "  ./jurisim gui scenarios/small-demo.yaml --set ice.detentionBeds=30000"})
final class GuiCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "Scenario file (YAML); without it, a small starter scenario.")
    Path scenarioFile;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a scenario value (repeatable), as for 'run'.")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (java.awt.GraphicsEnvironment.isHeadless()) {
            System.err.println("jurisim gui: no display (set DISPLAY, or use './jurisim run' for a headless run)");
            return Main.INTERNAL;
        }
        var scenario = org.jurisim.gui.Launcher.load(scenarioFile, overrides);
        var dashboard = org.jurisim.gui.Launcher.open(scenario, scenarioFile);
        CountDownLatch closed = new CountDownLatch(1);
        dashboard.console().addWindowListener(new java.awt.event.WindowAdapter() {
            @Override
            public void windowClosed(java.awt.event.WindowEvent e) {
                closed.countDown();
            }
        });
        closed.await();
        return Main.OK;
    }
}
