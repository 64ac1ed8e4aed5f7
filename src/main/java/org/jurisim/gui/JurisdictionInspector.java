package org.jurisim.gui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.awt.Font;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.table.DefaultTableModel;
import org.jurisim.model.JuriSimModel;
import org.jurisim.model.Jurisdiction;
import org.jurisim.model.courts.LegalCase;
import org.jurisim.model.courts.Party;

/**
 * One jurisdiction's inspector: its policy (changeable: the change is applied at the next simulated day
 * and recorded), the policy in force, trust, funds, detainer counts and its court cases. Values refresh
 * while the model runs.
 */
public final class JurisdictionInspector extends PropertyTableInspector {

    private static final long serialVersionUID = 1L;
    private static final DecimalFormat NUM = new DecimalFormat("#,##0.###", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
    private static final DecimalFormat MONEY = new DecimalFormat("US$ #,##0", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));

    private final JuriSimGui gui;
    private final String key;
    private final JComboBox<String> policy;
    private final JButton apply = new JButton("Apply at next day");
    private final javax.swing.JCheckBox hold = new javax.swing.JCheckBox("Hold");
    private final JLabel status = new JLabel(" ");
    private final javax.swing.JTextArea override = new javax.swing.JTextArea();
    /** The jurisdiction's own policy when the drop-down last followed the model. */
    private String lastModelPolicy;
    /** Whether the model held the policy when the Hold box last followed it. */
    private boolean lastModelHeld;
    /** The day from which a policy asked for here applies (-1: none waiting); the drop-down follows the model otherwise. */
    private long askedFrom = -1;
    private final DefaultTableModel cases = new DefaultTableModel(
            new Object[] {"#", "Type", "Plaintiff", "Defendant", "Court", "Filed", "Decided", "Outcome", "Injunction"}, 0) {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean isCellEditable(int r, int c) {
            return false;
        }
    };
    private int casesVersion = -1;
    private int caseCount = -1;

    JurisdictionInspector(JuriSimGui gui, String key) {
        super(key);
        this.gui = gui;
        this.key = key;
        setName("inspector:" + key);
        setLayout(new BorderLayout());
        JLabel title = new JLabel(key);
        title.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        title.setBorder(BorderFactory.createEmptyBorder(4, 6, 4, 6));
        policy = new JComboBox<>(gui.model().policyNames().toArray(new String[0]));
        policy.setName("inspectorPolicy");
        policy.setRenderer(new PolicyCellRenderer(gui.model().policyNames()));
        apply.setName("inspectorApplyPolicy");
        apply.setToolTipText("Adopt the chosen policy from the next simulated day (recorded; saved as a setPolicy event)");
        apply.addActionListener(e -> applyPolicy());
        hold.setName("inspectorHoldPolicy");
        hold.setToolTipText("<html>Hold the policy: the model's policy adaptation and the scenario's setPolicy events leave it<br>"
                + "alone every day (recorded, and saved as a setPolicy event with hold). The law may still override the<br>"
                + "policy in force (a 287(g) agreement, a preemption ruling, a state law): the line below says so.<br>"
                + "Unticking it lets the model change the policy again from the next day.</html>");
        hold.addActionListener(e -> {
            if (!hold.isSelected() && gui.heldPolicy(key) != null) {
                gui.release(key);
                status.setText("Released from day " + gui.nextDay());
            }
        });
        status.setName("inspectorPolicyStatus");
        status.setFont(status.getFont().deriveFont(Font.PLAIN, 11f));
        override.setName("inspectorOverride");
        override.setEditable(false);
        override.setLineWrap(true);
        override.setWrapStyleWord(true);
        override.setOpaque(false);
        override.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        override.setForeground(new Color(0xB0, 0x00, 0x20));
        override.setBorder(BorderFactory.createEmptyBorder(0, 8, 2, 6));
        // two short rows, so that every control stays in view in a narrow inspector
        JPanel rows = new JPanel();
        rows.setLayout(new javax.swing.BoxLayout(rows, javax.swing.BoxLayout.Y_AXIS));
        JPanel row = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 2));
        row.add(new JLabel("Own policy:"));
        row.add(policy);
        JPanel row2 = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0));
        row2.add(hold);
        row2.add(apply);
        JPanel row3 = new JPanel(new FlowLayout(FlowLayout.LEFT, 8, 0));
        row3.add(status);
        for (JPanel r : List.of(row, row2, row3)) {
            r.setAlignmentX(LEFT_ALIGNMENT);
            rows.add(r);
        }
        override.setAlignmentX(LEFT_ALIGNMENT);
        rows.add(override);
        JPanel top = new JPanel(new BorderLayout());
        top.add(title, BorderLayout.NORTH);
        top.add(rows, BorderLayout.CENTER);
        add(top, BorderLayout.NORTH);
        JTable caseTable = new JTable(cases);
        caseTable.setName("inspectorCases");
        caseTable.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        caseTable.setFillsViewportHeight(true);
        JScrollPane cs = new JScrollPane(caseTable);
        cs.setBorder(BorderFactory.createTitledBorder("Court cases with this jurisdiction as a party"));
        JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, tableScroller(), cs);
        split.setResizeWeight(0.65);
        add(split, BorderLayout.CENTER);
        table.setName("inspectorTable");
        Jurisdiction j = jurisdiction();
        if (j != null) {
            policy.setSelectedItem(j.getPolicy());
            lastModelPolicy = j.getPolicy();
            lastModelHeld = j.isHeld();
            hold.setSelected(j.isHeld());
        }
        refreshNow();
    }

    public String key() {
        return key;
    }

    private Jurisdiction jurisdiction() {
        JuriSimModel m = gui.model();
        return m.parameters() == null ? null : m.jurisdiction(key);
    }

    private void applyPolicy() {
        String p = (String) policy.getSelectedItem();
        if (!gui.running()) {
            status.setText("Start the run first.");
            return;
        }
        gui.requestPolicy(key, p, hold.isSelected());
        askedFrom = gui.nextDay();
        status.setText((hold.isSelected() ? "Held: " : "Asked: ") + p + " from day " + askedFrom);
    }

    /**
     * The drop-down shows the policy in force for the jurisdiction (not a stale choice), once a choice made here
     * has taken effect; when the model changed a policy asked for here, a line in red says when and to what.
     */
    private void showPolicyState(Jurisdiction j) {
        if (askedFrom >= 0 && gui.nextDay() > askedFrom) {
            askedFrom = -1;
            lastModelPolicy = null; // the choice has been applied: show what the model has now
        }
        // follow the model when its policy changes (a choice being made in the drop-down is left alone otherwise)
        if (askedFrom < 0 && !j.getPolicy().equals(lastModelPolicy) && !policy.isPopupVisible()) {
            lastModelPolicy = j.getPolicy();
            policy.setSelectedItem(j.getPolicy());
        }
        // the Hold box follows the model when its hold changes (a scenario event, a release), not while the user ticks it
        if (j.isHeld() != lastModelHeld) {
            lastModelHeld = j.isHeld();
            hold.setSelected(j.isHeld());
        }
        String text = overrideText(j);
        if (!text.equals(override.getText())) {
            override.setText(text);
            override.setToolTipText(text.isEmpty() ? null : text);
        }
    }

    /**
     * What overrides a policy chosen here: for a held policy, the law when it forces another policy in force (the hold
     * keeps the jurisdiction's own policy, not the law); for a policy asked for without holding it, the model's change.
     */
    private String overrideText(Jurisdiction j) {
        JuriSimModel m = gui.model();
        String inForce = m.policyNames().get(j.effectivePolicyIndex());
        if (j.isHeld()) {
            return j.policyInForceSource() == org.jurisim.model.PolicySource.OWN ? ""
                    : "Held: " + j.getPolicy() + ", but " + j.policyInForceSource().text() + " overrides it: the policy in force is "
                            + inForce + ". The hold keeps " + j.getPolicy() + " as its own policy, in force again once the law allows.";
        }
        JuriSimGui.PolicyOverride o = gui.lastOverride(key);
        return o == null ? ""
                : "The model changed " + o.asked() + " (asked here) to " + o.modelPolicy() + " on " + o.date()
                        + " (policy adaptation or an event). Tick Hold to keep a policy.";
    }

    /** The override line's text (for tests). */
    public String overrideText() {
        return override.getText();
    }

    /** The drop-down's policy (for tests). */
    public String shownPolicy() {
        return String.valueOf(policy.getSelectedItem());
    }

    @Override
    List<Row> currentRows() {
        List<Row> out = new ArrayList<>();
        Jurisdiction j = jurisdiction();
        if (j == null) {
            out.add(new Row("Status", "run not started"));
            return out;
        }
        JuriSimModel m = gui.model();
        out.add(new Row("State", j.getState()));
        out.add(new Row("Kind", j.spec().kind()));
        out.add(new Row("FIPS", j.spec().fips() == null ? "none (synthetic or unnamed)" : j.spec().fips()));
        if (j.jail() != null) {
            out.add(new Row("Arrests booked into", j.jail().getKey() + " jail"));
        }
        out.add(new Row("Population", NUM.format(j.getPopulation())));
        if (j.getResidents() != j.getPopulation()) {
            out.add(new Row("Residents governed (outside its cities)", NUM.format(j.getResidents())));
        }
        out.add(new Row("Foreign-born share", NUM.format(j.spec().foreignBornShare())));
        out.add(new Row("Partisan lean (Dem. share)", NUM.format(j.spec().partisanLean())));
        out.add(new Row("Own policy", j.getPolicy()));
        out.add(new Row("Policy in force", m.policyNames().get(j.effectivePolicyIndex())));
        out.add(new Row("Policy in force set by", j.policyInForceSource().text()));
        out.add(new Row("Own policy held", j.isHeld() ? "yes (dashboard or a setPolicy event with hold)" : j.isPinned() ? "pinned by the scenario" : "no"));
        out.add(new Row("287(g) agreement", j.isAgreement287g() ? "yes" : "no"));
        out.add(new Row("Starting policy and its source", j.spec().policy() + ": " + j.spec().source()));
        out.add(new Row("Trust (0..1)", NUM.format(j.getTrust())));
        out.add(new Row("Annual federal grants", MONEY.format(j.getAnnualGrants())));
        out.add(new Row("Funds at risk (per year)", MONEY.format(j.getFundsAtRisk())));
        out.add(new Row("Funds withheld (balance)", MONEY.format(j.getFundsWithheld())));
        out.add(new Row("Losing funds", j.isLosingFunds() ? "yes" : "no"));
        out.add(new Row("Liability exposure (0..1)", NUM.format(j.getLiabilityExposure())));
        out.add(new Row(j.runsJail() ? "Detainers issued" : "Detainers issued (its arrests, at the county jail)", NUM.format(j.getDetainersIssued())));
        out.add(new Row("Detainers honored", NUM.format(j.getDetainersHonored())));
        out.add(new Row("Detainers notified", NUM.format(j.getDetainersNotified())));
        out.add(new Row("Detainers declined", NUM.format(j.getDetainersDeclined())));
        out.add(new Row("At-large arrests", NUM.format(j.getAtLargeArrests())));
        out.add(new Row("ICE field office", j.fieldOffice() == null ? "" : j.fieldOffice().getName()));
        out.add(new Row("Judicial district / circuit", j.spec().district() + " / " + j.spec().circuit()));
        return out;
    }

    @Override
    void afterRefresh() {
        Jurisdiction j = jurisdiction();
        if (j == null) {
            return;
        }
        showPolicyState(j);
        JuriSimModel m = gui.model();
        List<Object[]> rows = new ArrayList<>();
        synchronized (m.schedule) {
            int v = m.courts().version();
            int n = m.courts().cases().size();
            if (v == casesVersion && n == caseCount) {
                return;
            }
            casesVersion = v;
            caseCount = n;
            for (LegalCase c : m.courts().cases()) {
                if (c.plaintiffs().stream().noneMatch(p -> isParty(p, j)) && !isParty(c.defendant(), j)) {
                    continue;
                }
                String outcome = c.forLocality() == null ? "pending"
                        : c.forLocality() ? "for the locality side" : "for the government";
                rows.add(new Object[] {c.id(), c.type().yamlName(), c.plaintiff().label(), c.defendant().label(), c.court().name(),
                    m.scenario().dateOf(c.filed()).toString(), c.decided() < 0 ? "" : m.scenario().dateOf(c.decided()).toString(),
                    outcome, c.injunctionActive() ? (c.injunctionUniversal() ? "in force (universal)" : "in force") : ""});
            }
        }
        cases.setRowCount(0);
        rows.forEach(cases::addRow);
    }

    private static boolean isParty(Party p, Jurisdiction j) {
        return p.kind() == Party.Kind.JURISDICTION && p.jurisdiction() == j;
    }

    /** Number of case rows shown (for tests). */
    public int caseRows() {
        return cases.getRowCount();
    }
}
