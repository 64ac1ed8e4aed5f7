package org.jurisim.gui;

import java.awt.BorderLayout;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import org.jurisim.model.JuriSimModel;
import org.jurisim.scenario.LiveParameter;
import org.jurisim.scenario.ScenarioSchema;

/** The Console's "Model" tab: the run's date, size, seed and every live parameter's value, read-only. */
final class ModelInspector extends PropertyTableInspector {

    private static final long serialVersionUID = 1L;
    private final JuriSimGui gui;

    ModelInspector(JuriSimGui gui) {
        super("JuriSim model");
        this.gui = gui;
        add(tableScroller(), BorderLayout.CENTER);
        table.setName("modelInspectorTable");
        refreshNow();
    }

    @Override
    List<Row> currentRows() {
        List<Row> out = new ArrayList<>();
        JuriSimModel m = gui.model();
        out.add(new Row("Scenario", gui.scenario().name()));
        out.add(new Row("Seed", Long.toString(m.seed())));
        boolean started = m.parameters() != null;
        long days = gui.sink() == null || !started ? 0 : gui.sink().lastDay() + 1;
        out.add(new Row("Simulated days", Long.toString(days)));
        out.add(new Row("Date", started && days > 0 ? gui.scenario().dateOf(days - 1).toString() : gui.scenario().start().toString()));
        out.add(new Row("Jurisdictions", Integer.toString(gui.scenario().jurisdictions().size())));
        out.add(new Row("Interventions", started ? Integer.toString(gui.changes().size()) : "0"));
        for (LiveParameter p : ScenarioSchema.get().liveParameters()) {
            String v;
            if (started) {
                v = Change.text(m.parameters().get(p.path()));
            } else {
                v = Change.text(ScenarioValues.initial(gui.scenario(), p.path()));
            }
            out.add(new Row(p.path(), v + (p.unit().isEmpty() ? "" : " " + p.unit())));
        }
        return out;
    }

    static String num(double v) {
        return new DecimalFormat("#,##0.###", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)).format(v);
    }
}
