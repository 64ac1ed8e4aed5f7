package org.jurisim.gui;

import java.awt.BorderLayout;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.table.AbstractTableModel;
import sim.portrayal.Inspector;

/**
 * A MASON inspector that shows name/value rows in a plain table, refreshed while the model runs. It
 * replaces MASON's SimpleInspector, whose per-property menus offer MASON's chart and stream windows
 * (built for JFreeChart 1.0.x; they fail with the JFreeChart 1.5 the project uses): there are no such
 * menus here. Refreshes are throttled so a fast run does not flood the event thread.
 */
abstract class PropertyTableInspector extends Inspector {

    private static final long serialVersionUID = 1L;
    private static final long MIN_REFRESH_NANOS = 200_000_000L;

    /** One row: a name and its current value as text. */
    record Row(String name, String value) {
    }

    private final RowsModel rows = new RowsModel();
    protected final JTable table = new JTable(rows);
    private long lastRefresh;

    PropertyTableInspector(String title) {
        setTitle(title);
        setVolatile(true);
        setLayout(new BorderLayout());
        table.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        table.setRowHeight(20);
        table.setFillsViewportHeight(true);
        table.getColumnModel().getColumn(0).setPreferredWidth(190);
        table.getColumnModel().getColumn(1).setPreferredWidth(230);
    }

    JScrollPane tableScroller() {
        return new JScrollPane(table);
    }

    /** The rows as of now (called on the event thread). */
    abstract List<Row> currentRows();

    @Override
    public void updateInspector() {
        long now = System.nanoTime();
        if (now - lastRefresh < MIN_REFRESH_NANOS && rows.size() > 0) {
            return;
        }
        lastRefresh = now;
        refreshNow();
    }

    /** Refreshes whatever the time since the last refresh. */
    void refreshNow() {
        rows.set(currentRows());
        afterRefresh();
    }

    void afterRefresh() {
    }

    /** The value shown for a name (for tests), or null. */
    public String valueOf(String name) {
        for (Row r : rows.rows) {
            if (r.name().equals(name)) {
                return r.value();
            }
        }
        return null;
    }

    private static final class RowsModel extends AbstractTableModel {
        private static final long serialVersionUID = 1L;
        private List<Row> rows = new ArrayList<>();

        void set(List<Row> r) {
            boolean sameShape = r.size() == rows.size();
            rows = r;
            if (sameShape) {
                fireTableRowsUpdated(0, Math.max(0, r.size() - 1));
            } else {
                fireTableDataChanged();
            }
        }

        int size() {
            return rows.size();
        }

        @Override
        public int getRowCount() {
            return rows.size();
        }

        @Override
        public int getColumnCount() {
            return 2;
        }

        @Override
        public String getColumnName(int c) {
            return c == 0 ? "Property" : "Value";
        }

        @Override
        public Object getValueAt(int r, int c) {
            Row row = rows.get(r);
            return c == 0 ? row.name() : row.value();
        }
    }
}
