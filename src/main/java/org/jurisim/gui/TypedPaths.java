package org.jurisim.gui;

import java.awt.Component;
import java.awt.Container;
import java.io.File;
import java.nio.file.Path;
import javax.swing.JFileChooser;
import javax.swing.JTextField;
import javax.swing.text.AbstractDocument;
import javax.swing.text.AttributeSet;
import javax.swing.text.BadLocationException;
import javax.swing.text.DocumentFilter;

/**
 * Paths typed into the dashboard's file dialogs. In a folder dialog, Swing's chooser fills the name field
 * with the current folder's full path and leaves the caret after it, so what the user then types was
 * appended to it without a separator ({@code /home/me/runs} + {@code headless} became
 * {@code /home/me/runsheadless}). Here the first keystroke (or paste) at the end of that filled-in path
 * replaces it instead; the chooser then takes an absolute path as typed and resolves a relative one against
 * its current folder, and {@link #chosen} normalizes the result.
 */
final class TypedPaths {

    private TypedPaths() {
    }

    /** Installs the replacing filter on the chooser's name field(s). */
    static void install(JFileChooser fc) {
        install(fc, fc);
    }

    private static void install(JFileChooser fc, Container c) {
        for (Component k : c.getComponents()) {
            if (k instanceof JTextField tf && tf.getDocument() instanceof AbstractDocument d) {
                FilledPathFilter f = new FilledPathFilter(fc);
                // the chooser may have filled the field already, when it was built
                f.filled = f.isFolderFill(tf.getText());
                d.setDocumentFilter(f);
            } else if (k instanceof Container cc) {
                install(fc, cc);
            }
        }
    }

    /**
     * The chosen file as an absolute, normalized path: a relative one (an application could set one) is
     * taken against the chooser's current folder.
     */
    static Path chosen(JFileChooser fc) {
        File f = fc.getSelectedFile();
        Path p = f.toPath();
        if (!p.isAbsolute()) {
            File dir = fc.getCurrentDirectory();
            p = dir == null ? p.toAbsolutePath() : dir.toPath().toAbsolutePath().resolve(p);
        }
        return p.normalize();
    }

    /** Tracks whether the field holds the folder path the chooser filled in, untouched by the user. */
    static final class FilledPathFilter extends DocumentFilter {
        private final JFileChooser fc;
        private boolean filled;

        FilledPathFilter(JFileChooser fc) {
            this.fc = fc;
        }

        private boolean isFolderFill(String text) {
            File dir = fc.getCurrentDirectory();
            if (text == null || text.isEmpty() || dir == null) {
                return false;
            }
            return text.equals(dir.getPath()) || text.equals(dir.getAbsolutePath());
        }

        @Override
        public void replace(FilterBypass fb, int offset, int length, String text, AttributeSet attrs) throws BadLocationException {
            int len = fb.getDocument().getLength();
            if (offset == 0 && length == len) {
                // the whole text set at once: the chooser filling the field (or typing over a full selection)
                fb.replace(offset, length, text, attrs);
                filled = isFolderFill(fb.getDocument().getText(0, fb.getDocument().getLength()));
                return;
            }
            if (filled && offset == len && length == 0 && text != null && !text.isEmpty()) {
                filled = false;
                fb.replace(0, len, text, attrs);
                return;
            }
            filled = false;
            fb.replace(offset, length, text, attrs);
        }

        @Override
        public void insertString(FilterBypass fb, int offset, String text, AttributeSet attrs) throws BadLocationException {
            replace(fb, offset, 0, text, attrs);
        }

        @Override
        public void remove(FilterBypass fb, int offset, int length) throws BadLocationException {
            filled = false;
            fb.remove(offset, length);
        }
    }
}
