package org.jurisim.gui;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;

/**
 * Repaints changed charts one at a time: each in an event of its own, so that Swing paints one chart per
 * paint and the window answers (input, timers) between two charts instead of after all of them. A chart
 * asked for again before its turn is painted once; one out of view is drawn into its buffer in its turn
 * ({@link Offscreen}), so that scrolling several into view only copies them. Event-thread only.
 */
final class PaintQueue {

    private static final Set<JComponent> PENDING = new LinkedHashSet<>();
    private static boolean scheduled;

    private PaintQueue() {
    }

    /** Repaints this component in its turn. */
    static void request(JComponent c) {
        PENDING.add(c);
        if (!scheduled) {
            scheduled = true;
            SwingUtilities.invokeLater(PaintQueue::next);
        }
    }

    /** Paints the first waiting component, then (in a later event, after that paint) the next. */
    private static void next() {
        Iterator<JComponent> it = PENDING.iterator();
        if (!it.hasNext()) {
            scheduled = false;
            return;
        }
        JComponent c = it.next();
        it.remove();
        if (c instanceof Offscreen o && c.getVisibleRect().isEmpty()) {
            o.drawOffscreen(); // out of view: its buffer is brought up to date now, so that scrolling to it only copies it
        } else {
            c.repaint();
        }
        // posted after the paint the repaint just scheduled, so this paint runs first
        SwingUtilities.invokeLater(PaintQueue::next);
    }

    /**
     * A component that can bring its drawing up to date while out of view (a chart's buffer), so that scrolling it into
     * view does not draw it then, several at once.
     */
    interface Offscreen {
        void drawOffscreen();
    }

    /** Components waiting for their turn (for tests). */
    static int pending() {
        return PENDING.size();
    }
}
