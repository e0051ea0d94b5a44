package org.qatlas.stdlib.plot;

/**
 * Charts are drawn on servers and in tests, where there is no display: AWT must be told so
 * before its first use, or it may try to reach an X server. A choice made by the caller
 * (-Djava.awt.headless=false for an interactive tool) is left alone.
 */
final class Headless {
    private Headless() {
    }

    static void ensure() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
