package org.jurisim.gui;

import java.io.File;

/** Helpers to start a child JVM on the test class path. */
final class ChildJvm {

    private ChildJvm() {
    }

    /** The test class path (surefire's, when run by surefire; else this JVM's). */
    static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        return cp.replace(";", File.pathSeparator);
    }
}
