package org.jurisim.gui;

import java.nio.file.Path;
import java.util.List;
import org.jurisim.model.JuriSimModel;
import org.jurisim.output.SeriesTable;
import org.jurisim.scenario.ScenarioLoader;

/** A headless model run (for {@link NoGuiClassesTest}): HeadlessRun SCENARIO DAYS. Lives here only as a test main. */
public final class HeadlessRun {

    private HeadlessRun() {
    }

    public static void main(String[] args) throws Exception {
        JuriSimModel m = new JuriSimModel(ScenarioLoader.load(Path.of(args[0]), List.of()));
        SeriesTable t = new SeriesTable();
        m.addSink(t);
        m.runDays(Long.parseLong(args[1]), null);
        if (t.rows() != Integer.parseInt(args[1])) {
            throw new IllegalStateException("ran " + t.rows() + " days");
        }
    }
}
