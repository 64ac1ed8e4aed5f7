package org.jurisim.gui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.Font;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.ListSelectionModel;
import org.jurisim.model.JuriSimModel;
import org.jurisim.model.Jurisdiction;
import org.jurisim.scenario.JurisdictionSpec;

/** The dashboard's Map tab: the county map, the clicked state's jurisdictions and a jurisdiction's inspector. */
final class MapTab {

    private final JuriSimGui gui;
    private final CountyMapPanel map = new CountyMapPanel();
    private final DefaultListModel<String> stateJurisdictions = new DefaultListModel<>();
    private final JList<String> jurisdictionList = new JList<>(stateJurisdictions);
    private final JLabel stateTitle = new JLabel("Click a county on the map");
    private final JPanel inspectorHolder = new JPanel(new BorderLayout());
    private final Component component;
    private JurisdictionInspector inspector;

    MapTab(JuriSimGui gui) {
        this.gui = gui;
        this.component = build();
    }

    Component component() {
        return component;
    }

    CountyMapPanel map() {
        return map;
    }

    JurisdictionInspector inspector() {
        return inspector;
    }

    private Component build() {
        JComboBox<CountyMapPanel.Mode> mode = new JComboBox<>(CountyMapPanel.Mode.values());
        mode.setName("mapMode");
        mode.addActionListener(e -> map.setMode((CountyMapPanel.Mode) mode.getSelectedItem()));
        JPanel left = new JPanel(new BorderLayout());
        JPanel top = new JPanel(new FlowLayout(FlowLayout.LEFT));
        top.add(new JLabel("Colour counties by:"));
        top.add(mode);
        JButton reset = new JButton("Whole country");
        reset.setName("mapReset");
        reset.setToolTipText("Reset zoom and pan (or double-click the map)");
        reset.addActionListener(e -> map.resetView());
        top.add(reset);
        left.add(top, BorderLayout.NORTH);
        left.add(map, BorderLayout.CENTER);
        map.setOnSelect(this::selectJurisdiction);
        map.setOnSelectState(this::showState);
        jurisdictionList.setName("jurisdictionList");
        jurisdictionList.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        jurisdictionList.setCellRenderer(new javax.swing.DefaultListCellRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Component getListCellRendererComponent(JList<?> list, Object value, int index, boolean sel, boolean focus) {
                JLabel l = (JLabel) super.getListCellRendererComponent(list, value, index, sel, focus);
                Jurisdiction j = find(String.valueOf(value));
                if (j != null) {
                    List<String> pol = gui.model().policyNames();
                    String inForce = pol.get(j.effectivePolicyIndex());
                    l.setIcon(PolicyCellRenderer.swatch(Palette.policy(inForce, pol)));
                    l.setText(value + "   (" + inForce + ", " + new DecimalFormat("#,##0", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)).format(j.getPopulation()) + ")");
                }
                return l;
            }
        });
        jurisdictionList.addListSelectionListener(e -> {
            if (!e.getValueIsAdjusting() && jurisdictionList.getSelectedValue() != null) {
                showInspector(jurisdictionList.getSelectedValue());
            }
        });
        stateTitle.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        stateTitle.setBorder(BorderFactory.createEmptyBorder(4, 6, 4, 6));
        JPanel listPanel = new JPanel(new BorderLayout());
        listPanel.add(stateTitle, BorderLayout.NORTH);
        listPanel.add(new JScrollPane(jurisdictionList), BorderLayout.CENTER);
        JLabel hint = new JLabel("  Click a county or a city to inspect it.");
        hint.setForeground(Color.DARK_GRAY);
        inspectorHolder.add(hint, BorderLayout.CENTER);
        JSplitPane right = new JSplitPane(JSplitPane.VERTICAL_SPLIT, listPanel, inspectorHolder);
        right.setResizeWeight(0.2);
        right.setDividerLocation(170);
        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, left, right);
        split.setResizeWeight(0.55);
        return split;
    }

    private Jurisdiction find(String key) {
        JuriSimModel m = gui.model();
        return m.parameters() == null ? null : m.jurisdiction(key);
    }

    private void showState(String code) {
        stateJurisdictions.clear();
        JuriSimModel m = gui.model();
        List<JurisdictionSpec> specs = new ArrayList<>();
        for (var s : gui.scenario().jurisdictions()) {
            if (s.state().equals(code)) {
                specs.add(s);
            }
        }
        specs.sort(Comparator.comparingLong(JurisdictionSpec::population).reversed());
        specs.forEach(s -> stateJurisdictions.addElement(s.key()));
        String name = org.jurisim.reference.UsReference.load().state(code).map(org.jurisim.reference.State::name).orElse(code);
        stateTitle.setText(name + ": " + specs.size() + " jurisdiction" + (specs.size() == 1 ? "" : "s")
                + (m.parameters() == null ? " (start the run to inspect them)" : ""));
    }

    /** A jurisdiction clicked on the map (or asked for): its state's list, with it selected, and its inspector. */
    void selectJurisdiction(String key) {
        Jurisdiction j = find(key);
        String state = j != null ? j.getState() : gui.scenario().jurisdictions().stream().filter(s -> s.key().equals(key))
                .map(JurisdictionSpec::state).findFirst().orElse(null);
        if (state != null) {
            showState(state);
        }
        jurisdictionList.setSelectedValue(key, true);
        if (!key.equals(jurisdictionList.getSelectedValue())) {
            showInspector(key);
        }
    }

    /** Opens a jurisdiction's inspector in the map tab. */
    void showInspector(String key) {
        map.highlight(key);
        inspectorHolder.removeAll();
        if (gui.model().parameters() == null) {
            inspectorHolder.add(new JLabel("  Start the run to inspect " + key + "."), BorderLayout.CENTER);
            inspector = null;
        } else {
            inspector = new JurisdictionInspector(gui, key);
            inspectorHolder.add(inspector, BorderLayout.CENTER);
        }
        inspectorHolder.revalidate();
        inspectorHolder.repaint();
    }

    /** A new run: the open inspector follows the new model. */
    void runStarted() {
        if (inspector != null) {
            showInspector(inspector.key());
        }
    }

    /** Another scenario: no inspector, no state list. */
    void scenarioChanged() {
        inspector = null;
        inspectorHolder.removeAll();
        inspectorHolder.revalidate();
        stateJurisdictions.clear();
        stateTitle.setText("Click a county on the map");
    }

    /** The map's colours and the open inspector, as of now. */
    void refresh() {
        map.refresh(gui.model());
        if (inspector != null) {
            inspector.updateInspector();
        }
    }
}
