package org.qatlas.stdlib.plot;

import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * Colours and marker shapes for series. The colours are Okabe and Ito's, chosen to stay
 * distinct under the common colour-vision deficiencies, reordered so that the strongest come
 * first and the pale yellow, hard to see on white, comes last. Each colour index also has its
 * own marker shape, so groups stay apart in greyscale print too.
 */
final class Palette {
    private Palette() {
    }

    private static final Color[] COLOURS = {
        new Color(0x0072B2), // blue
        new Color(0xD55E00), // vermillion
        new Color(0x009E73), // bluish green
        new Color(0xE69F00), // orange
        new Color(0xCC79A7), // reddish purple
        new Color(0x56B4E9), // sky blue
        new Color(0x000000), // black
        new Color(0xF0E442), // yellow
    };

    /** The marker size in pixels; large enough to see, small enough for a hundred points. */
    private static final double MARKER = 8;

    /** The colour of palette index {@code index}; indices past the end wrap around. */
    static Color colour(int index) {
        return COLOURS[index % COLOURS.length];
    }

    /** The number of distinct colours before they repeat. */
    static int size() {
        return COLOURS.length;
    }

    /** The marker of palette index {@code index}: circle, square, triangle, diamond, ... */
    static Shape marker(int index) {
        double h = MARKER / 2;
        return switch (index % 5) {
            case 0 -> new Ellipse2D.Double(-h, -h, MARKER, MARKER);
            case 1 -> new Rectangle2D.Double(-h * 0.9, -h * 0.9, MARKER * 0.9, MARKER * 0.9);
            case 2 -> polygon(0, -h * 1.15, h * 1.1, h * 0.8, -h * 1.1, h * 0.8);
            case 3 -> polygon(0, -h * 1.25, h * 1.05, 0, 0, h * 1.25, -h * 1.05, 0);
            default -> polygon(0, h * 1.15, h * 1.1, -h * 0.8, -h * 1.1, -h * 0.8);
        };
    }

    private static Shape polygon(double... xy) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            path.lineTo(xy[i], xy[i + 1]);
        }
        path.closePath();
        return path;
    }
}
