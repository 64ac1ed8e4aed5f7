package org.jurisim.gui;

import java.awt.Color;
import java.awt.Component;
import java.awt.Graphics;
import java.util.List;
import javax.swing.DefaultListCellRenderer;
import javax.swing.Icon;
import javax.swing.JLabel;
import javax.swing.JList;

/** Shows a policy name with its colour swatch. */
final class PolicyCellRenderer extends DefaultListCellRenderer {

    private static final long serialVersionUID = 1L;
    private final List<String> policies;

    PolicyCellRenderer(List<String> policies) {
        this.policies = List.copyOf(policies);
    }

    @Override
    public Component getListCellRendererComponent(JList<?> list, Object value, int index, boolean selected, boolean focus) {
        JLabel l = (JLabel) super.getListCellRendererComponent(list, value, index, selected, focus);
        if (value instanceof String s && policies.contains(s)) {
            l.setIcon(swatch(Palette.policy(s, policies)));
        }
        return l;
    }

    static Icon swatch(Color c) {
        return new Icon() {
            @Override
            public void paintIcon(Component comp, Graphics g, int x, int y) {
                g.setColor(c);
                g.fillRect(x, y + 1, 12, 12);
                g.setColor(Color.DARK_GRAY);
                g.drawRect(x, y + 1, 12, 12);
            }

            @Override
            public int getIconWidth() {
                return 14;
            }

            @Override
            public int getIconHeight() {
                return 14;
            }
        };
    }
}
