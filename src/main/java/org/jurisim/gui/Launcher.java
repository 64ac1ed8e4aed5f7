package org.jurisim.gui;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import javax.swing.ToolTipManager;
import org.jurisim.common.BadInputException;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioLoader;
import sim.display.Console;

/** Opens MASON's Console with the JuriSim dashboard beside it. */
public final class Launcher {

    private Launcher() {
    }

    /** The scenario shown when none is given: eight real places, runs in about a second. */
    static final String STARTER = """
            # The dashboard's starter scenario (File > Open scenario... for another one).
            name: Starter (eight places)
            description: Eight real jurisdictions with their own policies.
            start: 2026-01-01
            duration: 1y
            seed: 42
            jurisdictions:
              list:
                - {name: Cook County, fips: "17031", state: IL, population: 5087072, foreignBornShare: 0.21, partisanLean: 0.74, policy: sanctuary}
                - {name: Los Angeles County, fips: "06037", state: CA, population: 9663345, foreignBornShare: 0.33, partisanLean: 0.72, policy: sanctuary}
                - {name: Harris County, fips: "48201", state: TX, population: 4835125, foreignBornShare: 0.26, partisanLean: 0.57, policy: full-cooperation}
                - {name: Maricopa County, fips: "04013", state: AZ, population: 4551524, foreignBornShare: 0.14, partisanLean: 0.51, policy: standard}
                - {name: Miami-Dade County, fips: "12086", state: FL, population: 2686867, foreignBornShare: 0.54, partisanLean: 0.46, policy: full-cooperation}
                - {name: City and County of Denver, fips: "08031", state: CO, kind: city-county, population: 716577, foreignBornShare: 0.15, partisanLean: 0.80, policy: limited}
                - {name: Philadelphia County, fips: "42101", state: PA, kind: city-county, population: 1550542, foreignBornShare: 0.15, partisanLean: 0.82, policy: limited}
                - {name: Travis County, fips: "48453", state: TX, population: 1326436, foreignBornShare: 0.17, partisanLean: 0.73, policy: standard}
            """;

    /** Loads the scenario (or the starter one when {@code file} is null). */
    public static Scenario load(Path file, List<String> overrides) throws BadInputException, IOException {
        if (file != null) {
            return ScenarioLoader.load(file, overrides);
        }
        Path tmp = Files.createTempFile("jurisim-starter-", ".yaml");
        tmp.toFile().deleteOnExit();
        Files.writeString(tmp, STARTER, StandardCharsets.UTF_8);
        return ScenarioLoader.load(tmp, overrides);
    }

    /** Opens the Console and the dashboard (on the event thread) and returns the dashboard. */
    public static Dashboard open(Scenario scenario, Path file) {
        AtomicReference<Dashboard> out = new AtomicReference<>();
        Runnable r = () -> {
            ToolTipManager.sharedInstance().setDismissDelay(20000);
            JuriSimGui gui = new JuriSimGui(scenario, file);
            Console c = new Console(gui);
            c.setVisible(true);
            gui.dashboard().placeBesideConsole();
            gui.dashboard().frame().setVisible(true);
            gui.dashboard().frame().toFront();
            out.set(gui.dashboard());
        };
        if (SwingUtilities.isEventDispatchThread()) {
            r.run();
        } else {
            try {
                SwingUtilities.invokeAndWait(r);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while opening the dashboard", e);
            } catch (InvocationTargetException e) {
                Throwable t = e.getCause();
                if (t instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(t);
            }
        }
        return out.get();
    }
}
