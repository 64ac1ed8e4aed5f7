package org.jurisim.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSlider;
import javax.swing.JSpinner;
import javax.swing.SpinnerNumberModel;
import org.jurisim.model.JuriSimModel;
import org.jurisim.scenario.LiveParameter;
import org.jurisim.scenario.ScenarioSchema;

/**
 * The policy levers: one control per live parameter of the schema (slider and spinner for bounded
 * numbers, spinner for wide integer ranges, drop-down for choices, check box for switches), with the
 * schema's range, unit and description. A change is asked of the model for the next simulated day and
 * recorded as an intervention; values changed by the scenario's own events show up here too.
 */
final class ParameterPanel extends JPanel {

    private static final long serialVersionUID = 1L;
    private static final int TICKS = 1000;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static final Map<String, String> GROUPS = Map.of(
            "federal", "Federal enforcement", "ice", "ICE capacity", "grantConditions", "Grant conditions",
            "litigation", "Litigation", "courts", "Courts", "adaptation", "Policy adaptation");

    private final JuriSimGui gui;
    private final Map<String, Control> controls = new LinkedHashMap<>();
    private final Map<String, JsonNode> requested = new HashMap<>();
    private final JLabel note = new JLabel(" ");
    private final javax.swing.JTextArea state = new javax.swing.JTextArea();
    private boolean updating;

    /** A control bound to one parameter path. */
    private abstract class Control {
        final LiveParameter p;
        final JLabel label;

        Control(LiveParameter p) {
            this.p = p;
            this.label = new JLabel(labelOf(p.path()));
        }

        abstract JComponent component();

        abstract void show(JsonNode v);

        boolean adjusting() {
            return false;
        }

        void submit(JsonNode v) {
            if (updating) {
                return;
            }
            // while stopped, a change is for the next run, which starts from the scenario's values (plus pending changes)
            JsonNode cur = gui.running() ? currentValue(p.path()) : nextRunValue(p.path());
            if (cur != null && same(cur, v) && (gui.running() || gui.pendingParameters().get(p.path()) == null)) {
                requested.remove(p.path());
                return;
            }
            try {
                gui.requestParameter(p.path(), v);
                requested.put(p.path(), v);
                note.setText(gui.running() ? p.path() + " \u2192 " + Change.text(v) + " from day " + gui.nextDay()
                        : p.path() + " \u2192 " + Change.text(v) + " when the run starts");
            } catch (IllegalArgumentException e) {
                note.setText(e.getMessage());
            }
        }
    }

    ParameterPanel(JuriSimGui gui) {
        super(new BorderLayout());
        this.gui = gui;
        setName("parameterPanel");
        JPanel groups = new JPanel();
        groups.setLayout(new BoxLayout(groups, BoxLayout.Y_AXIS));
        Map<String, JPanel> byGroup = new LinkedHashMap<>();
        Map<String, Integer> rowsOf = new HashMap<>();
        for (LiveParameter p : ScenarioSchema.get().liveParameters()) {
            String g = p.path().contains(".") ? p.path().substring(0, p.path().indexOf('.')) : p.path();
            JPanel gp = byGroup.computeIfAbsent(g, k -> {
                JPanel x = new JPanel(new GridBagLayout());
                x.setBorder(BorderFactory.createCompoundBorder(BorderFactory.createTitledBorder(
                        BorderFactory.createLineBorder(new Color(0xBB, 0xBB, 0xBB)), GROUPS.getOrDefault(k, humanize(k))),
                        BorderFactory.createEmptyBorder(2, 4, 4, 4)));
                groups.add(x);
                return x;
            });
            Control c = create(p);
            controls.put(p.path(), c);
            int row = rowsOf.merge(g, 1, Integer::sum) - 1;
            String tip = "<html><b>" + p.path() + "</b><br>" + wrap(p.description())
                    + (p.unit().isEmpty() ? "" : "<br>Unit: " + p.unit())
                    + (p.min() != null || p.max() != null ? "<br>Range: " + fmt(p.min()) + " .. " + fmt(p.max()) : "")
                    + (p.values().isEmpty() ? "" : "<br>Values: " + String.join(", ", p.values())) + "</html>";
            c.label.setToolTipText(tip);
            c.component().setToolTipText(tip);
            c.label.setFont(c.label.getFont().deriveFont(Font.PLAIN, 12f));
            GridBagConstraints lc = new GridBagConstraints();
            lc.gridx = 0;
            lc.gridy = row * 2;
            lc.gridwidth = 2;
            lc.anchor = GridBagConstraints.WEST;
            lc.insets = new Insets(3, 2, 0, 2);
            JPanel labelRow = new JPanel(new BorderLayout(6, 0));
            labelRow.add(c.label, BorderLayout.WEST);
            JLabel unit = new JLabel(p.unit());
            unit.setFont(unit.getFont().deriveFont(Font.PLAIN, 11f));
            // a long unit is cut (its full text is in the tooltip) rather than pushing the controls out of view
            unit.setMinimumSize(new Dimension(0, unit.getPreferredSize().height));
            unit.setPreferredSize(new Dimension(0, unit.getPreferredSize().height));
            unit.setToolTipText(tip);
            unit.setForeground(new Color(0x66, 0x66, 0x66));
            labelRow.add(unit, BorderLayout.CENTER);
            lc.fill = GridBagConstraints.HORIZONTAL;
            lc.weightx = 1;
            gp.add(labelRow, lc);
            GridBagConstraints cc = new GridBagConstraints();
            cc.gridx = 0;
            cc.gridy = row * 2 + 1;
            cc.gridwidth = 2;
            cc.weightx = 1;
            cc.fill = GridBagConstraints.HORIZONTAL;
            cc.insets = new Insets(0, 2, 2, 2);
            gp.add(c.component(), cc);
        }
        JLabel head = new JLabel("<html><b>Policy levers</b></html>");
        head.setBorder(BorderFactory.createEmptyBorder(4, 6, 0, 6));
        state.setName("parameterState");
        state.setEditable(false);
        state.setLineWrap(true);
        state.setWrapStyleWord(true);
        state.setOpaque(false);
        state.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 11));
        state.setBorder(BorderFactory.createEmptyBorder(2, 6, 4, 6));
        JPanel top = new JPanel(new BorderLayout());
        top.add(head, BorderLayout.NORTH);
        top.add(state, BorderLayout.CENTER);
        add(top, BorderLayout.NORTH);
        // as wide as the visible area, never wider: a slider's value box on the right is always in view
        JPanel holder = new WidthTrackingPanel(new BorderLayout());
        holder.add(groups, BorderLayout.NORTH);
        javax.swing.JScrollPane sp = new javax.swing.JScrollPane(holder, javax.swing.ScrollPaneConstants.VERTICAL_SCROLLBAR_ALWAYS,
                javax.swing.ScrollPaneConstants.HORIZONTAL_SCROLLBAR_NEVER);
        sp.getVerticalScrollBar().setUnitIncrement(16);
        add(sp, BorderLayout.CENTER);
        note.setName("parameterNote");
        note.setFont(note.getFont().deriveFont(Font.PLAIN, 11f));
        note.setBorder(BorderFactory.createEmptyBorder(3, 6, 3, 6));
        add(note, BorderLayout.SOUTH);
        setPreferredSize(new Dimension(340, 600));
        refresh();
    }

    private static String wrap(String s) {
        StringBuilder sb = new StringBuilder();
        int col = 0;
        for (String w : s.split(" ")) {
            if (col + w.length() > 70) {
                sb.append("<br>");
                col = 0;
            }
            sb.append(w.replace("<", "&lt;")).append(' ');
            col += w.length() + 1;
        }
        return sb.toString();
    }

    static String humanize(String key) {
        String s = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String labelOf(String path) {
        String[] parts = path.split("\\.");
        String last = humanize(parts[parts.length - 1]);
        if (parts.length > 2 && parts[parts.length - 2].equals("weights")) {
            return "Weight: " + last.toLowerCase(java.util.Locale.ROOT);
        }
        return last;
    }

    private static String fmt(Double d) {
        if (d == null) {
            return "\u2013";
        }
        return d == Math.rint(d) ? String.format(java.util.Locale.US, "%,d", d.longValue()) : d.toString();
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.asDouble() == b.asDouble();
        }
        return a.equals(b);
    }

    /**
     * The value shown: in force now while a run is under way; once a run has ended, a change waiting for the
     * next run, else the value in force at the end of that run (the scenario's events and the dashboard's
     * changes included); before any run, a pending change, else the scenario's value.
     */
    private JsonNode currentValue(String path) {
        JuriSimModel m = gui.model();
        if (m.parameters() != null) {
            JsonNode pending = gui.running() ? null : gui.pendingParameters().get(path);
            return pending != null ? pending : m.parameters().get(path);
        }
        return nextRunValue(path);
    }

    /** The value the next run starts with: a pending change, else the scenario's value. */
    private JsonNode nextRunValue(String path) {
        JsonNode pending = gui.pendingParameters().get(path);
        return pending != null ? pending : ScenarioValues.initial(gui.scenario(), path);
    }

    /** What the levers show, in words (for the line under the panel's title). */
    String stateText() {
        JuriSimModel m = gui.model();
        if (gui.running()) {
            return "Values in force now; a change applies at the next simulated day and is recorded as an intervention.";
        }
        if (m.parameters() != null) {
            long days = gui.sink() == null ? 0 : gui.sink().lastDay() + 1;
            return "Run ended: values in force at its end (day " + String.format(java.util.Locale.ROOT, "%,d", days)
                    + "). A new run starts from the scenario's values and the changes made now.";
        }
        return "The scenario's values; a change applies when the run starts.";
    }

    /** Brings every control up to date with the model (events change values too); marks pending requests. */
    void refresh() {
        String st = stateText();
        if (!st.equals(state.getText())) {
            state.setText(st);
        }
        updating = true;
        try {
            for (Control c : controls.values()) {
                JsonNode cur = currentValue(c.p.path());
                JsonNode want = requested.get(c.p.path());
                boolean pending = want != null && (cur == null || !same(cur, want));
                if (want != null && !pending) {
                    requested.remove(c.p.path());
                }
                c.label.setFont(c.label.getFont().deriveFont(pending ? Font.BOLD | Font.ITALIC : Font.PLAIN));
                c.label.setForeground(pending ? new Color(0x00, 0x5A, 0x8C) : Color.BLACK);
                if (!pending && cur != null && !c.adjusting()) {
                    c.show(cur);
                }
            }
        } finally {
            updating = false;
        }
    }

    /** Forgets requests (a new run or scenario). */
    void reset() {
        requested.clear();
        note.setText(" ");
        refresh();
    }

    // ------------------------------------------------------------------ controls

    private Control create(LiveParameter p) {
        switch (p.type()) {
            case "boolean":
                return new CheckControl(p);
            case "enum":
                return new ChoiceControl(p);
            case "integer":
                if (p.min() != null && p.max() != null && p.max() - p.min() <= TICKS) {
                    return new SliderControl(p, true);
                }
                return new SpinnerControl(p, true);
            default:
                if (p.min() != null && p.max() != null) {
                    return new SliderControl(p, false);
                }
                return new SpinnerControl(p, false);
        }
    }

    private final class CheckControl extends Control {
        final JCheckBox box = new JCheckBox("in force");

        CheckControl(LiveParameter p) {
            super(p);
            box.setName("param:" + p.path());
            box.addActionListener(e -> submit(F.booleanNode(box.isSelected())));
        }

        @Override
        JComponent component() {
            return box;
        }

        @Override
        void show(JsonNode v) {
            box.setSelected(v.asBoolean());
        }
    }

    private final class ChoiceControl extends Control {
        final JComboBox<String> combo;

        ChoiceControl(LiveParameter p) {
            super(p);
            combo = new JComboBox<>(p.values().toArray(new String[0]));
            combo.setName("param:" + p.path());
            combo.addActionListener(e -> {
                if (combo.getSelectedItem() != null) {
                    submit(F.textNode((String) combo.getSelectedItem()));
                }
            });
        }

        @Override
        JComponent component() {
            return combo;
        }

        @Override
        void show(JsonNode v) {
            combo.setSelectedItem(v.asText());
        }
    }

    private final class SpinnerControl extends Control {
        final JSpinner spinner;
        final boolean integer;

        SpinnerControl(LiveParameter p, boolean integer) {
            super(p);
            this.integer = integer;
            double min = p.min() == null ? -1e12 : p.min();
            double max = p.max() == null ? 1e12 : p.max();
            if (integer) {
                spinner = new JSpinner(new SpinnerNumberModel(Long.valueOf(Math.max(0L, (long) min)), Long.valueOf((long) min), Long.valueOf((long) max), Long.valueOf(1L)));
                spinner.setEditor(numberEditor(spinner, 0));
            } else {
                spinner = new JSpinner(new SpinnerNumberModel(Double.valueOf(Math.max(0.0, min)), Double.valueOf(min), Double.valueOf(max), Double.valueOf(0.01)));
                spinner.setEditor(numberEditor(spinner, decimals(new BigDecimal("0.01"))));
            }
            spinner.setName("param:" + p.path());
            // left-aligned and sized to its content, so the value stays visible in a narrow panel
            javax.swing.JFormattedTextField field = ((JSpinner.DefaultEditor) spinner.getEditor()).getTextField();
            field.setHorizontalAlignment(javax.swing.SwingConstants.LEFT);
            field.setColumns(10);
            spinner.setMaximumSize(spinner.getPreferredSize());
            spinner.addChangeListener(e -> {
                if (!shownAlready(spinner, currentValue(p.path()))) {
                    submit(value());
                }
            });
        }

        JsonNode value() {
            Number n = (Number) spinner.getValue();
            return integer ? F.numberNode(n.longValue()) : F.numberNode(n.doubleValue());
        }

        @Override
        JComponent component() {
            return spinner;
        }

        @Override
        void show(JsonNode v) {
            if (integer) {
                long x = v.asLong();
                // step about 1% of the value, so arrows make useful moves on wide ranges (officers, beds)
                long step = Math.max(1L, (long) Math.pow(10, Math.floor(Math.log10(Math.max(1, Math.abs(x)))) - 1));
                ((SpinnerNumberModel) spinner.getModel()).setStepSize(step);
                spinner.setValue(x);
            } else {
                spinner.setValue(v.asDouble());
            }
        }
    }

    private final class SliderControl extends Control {
        final JSlider slider = new JSlider(0, TICKS, 0);
        final JSpinner spinner;
        final boolean integer;
        final double min;
        final double max;
        final BigDecimal step;
        final JPanel box = new JPanel(new BorderLayout(6, 0));

        SliderControl(LiveParameter p, boolean integer) {
            super(p);
            this.integer = integer;
            this.min = p.min();
            this.max = p.max();
            double range = max - min;
            this.step = integer ? BigDecimal.ONE : BigDecimal.ONE.scaleByPowerOfTen((int) Math.floor(Math.log10(range / TICKS)));
            slider.setName("param:" + p.path());
            if (integer) {
                spinner = new JSpinner(new SpinnerNumberModel(Long.valueOf((long) min), Long.valueOf((long) min), Long.valueOf((long) max), Long.valueOf(1L)));
                spinner.setEditor(numberEditor(spinner, 0));
            } else {
                spinner = new JSpinner(new SpinnerNumberModel(Double.valueOf(min), Double.valueOf(min), Double.valueOf(max), Double.valueOf(step.doubleValue())));
                spinner.setEditor(numberEditor(spinner, decimals(step)));
            }
            spinner.setName("spin:" + p.path());
            spinner.setPreferredSize(new Dimension(84, spinner.getPreferredSize().height));
            slider.addChangeListener(e -> {
                if (updating) {
                    return;
                }
                JsonNode v = fromTicks(slider.getValue());
                boolean was = updating;
                updating = true;
                try {
                    spinner.setValue(integer ? (Object) v.asLong() : (Object) v.asDouble());
                } finally {
                    updating = was;
                }
                if (!slider.getValueIsAdjusting()) {
                    submit(v);
                }
            });
            spinner.addChangeListener(e -> {
                if (updating || shownAlready(spinner, currentValue(p.path()))) {
                    return;
                }
                Number n = (Number) spinner.getValue();
                JsonNode v = integer ? F.numberNode(n.longValue()) : F.numberNode(quantize(n.doubleValue()));
                updating = true;
                try {
                    slider.setValue(toTicks(v.asDouble()));
                } finally {
                    updating = false;
                }
                submit(v);
            });
            box.add(slider, BorderLayout.CENTER);
            box.add(spinner, BorderLayout.EAST);
        }

        double quantize(double v) {
            if (integer) {
                return Math.round(v);
            }
            BigDecimal q = BigDecimal.valueOf(Math.round(v / step.doubleValue())).multiply(step);
            return Math.max(min, Math.min(max, q.doubleValue()));
        }

        JsonNode fromTicks(int t) {
            double v = min + (max - min) * t / TICKS;
            return integer ? F.numberNode(Math.round(v)) : F.numberNode(quantize(v));
        }

        int toTicks(double v) {
            return (int) Math.round((v - min) / (max - min) * TICKS);
        }

        @Override
        JComponent component() {
            return box;
        }

        @Override
        boolean adjusting() {
            return slider.getValueIsAdjusting();
        }

        @Override
        void show(JsonNode v) {
            slider.setValue(toTicks(v.asDouble()));
            spinner.setValue(integer ? (Object) v.asLong() : (Object) v.asDouble());
        }
    }

    /**
     * A spinner's editor for a number with at most {@code decimals} decimals (trailing zeros dropped), digits grouped,
     * in {@link java.util.Locale#ROOT} whatever the machine's locale.
     */
    private static JSpinner.NumberEditor numberEditor(JSpinner spinner, int decimals) {
        JSpinner.NumberEditor ed = new JSpinner.NumberEditor(spinner, pattern(decimals));
        ed.getFormat().setDecimalFormatSymbols(java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        return ed;
    }

    static String pattern(int decimals) {
        return "#,##0" + (decimals > 0 ? "." + "#".repeat(decimals) : "");
    }

    /**
     * Decimals a lever shows: one more than its step has, so a value in force between two steps (set by an event,
     * e.g. a stay of 23.75 days after the proceedings speed up) shows as 23.8 days, a share as 0.6612, not to the
     * last digit of a double; whole units for a lever that moves in tens or more.
     */
    static int decimals(BigDecimal step) {
        if (step.compareTo(BigDecimal.TEN) >= 0) {
            return 0; // a lever moving in tens or more: whole units
        }
        return Math.max(0, step.stripTrailingZeros().scale()) + 1;
    }

    /**
     * Whether the spinner's value, as shown, is the value in force as shown: the text field gave back what it showed
     * (leaving a field commits its text), so nothing was changed and nothing is asked for.
     */
    private static boolean shownAlready(JSpinner spinner, JsonNode current) {
        if (current == null || !current.isNumber() || !(spinner.getEditor() instanceof JSpinner.NumberEditor ed)) {
            return false;
        }
        java.text.DecimalFormat f = ed.getFormat();
        return f.format(spinner.getValue()).equals(f.format(current.asDouble()));
    }

    /** The text a lever's number field shows (for tests). */
    String shownText(String path) {
        Control c = controls.get(path);
        JSpinner sp = c instanceof SliderControl sc ? sc.spinner : c instanceof SpinnerControl s2 ? s2.spinner : null;
        return sp == null ? null : ((JSpinner.DefaultEditor) sp.getEditor()).getTextField().getText();
    }

    /** The value a lever shows (for tests): the control's value as JSON text. */
    String shownValue(String path) {
        Control c = controls.get(path);
        if (c instanceof SliderControl sc) {
            return sc.spinner.getValue().toString();
        } else if (c instanceof SpinnerControl sp) {
            return sp.spinner.getValue().toString();
        } else if (c instanceof ChoiceControl cc) {
            return String.valueOf(cc.combo.getSelectedItem());
        } else if (c instanceof CheckControl ck) {
            return Boolean.toString(ck.box.isSelected());
        }
        return null;
    }

    /** Paths with a control, in schema order (for tests). */
    List<String> paths() {
        return new ArrayList<>(controls.keySet());
    }
}
