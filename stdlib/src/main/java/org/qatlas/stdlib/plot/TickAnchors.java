package org.qatlas.stdlib.plot;

import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/** Where a tick label attaches to its tick, by the side of the plot the axis is on. */
final class TickAnchors {
    private TickAnchors() {
    }

    static TextAnchor of(RectangleEdge edge) {
        // RectangleEdge is a class of constants, not an enum, so no switch.
        if (edge == RectangleEdge.TOP) {
            return TextAnchor.BOTTOM_CENTER;
        }
        if (edge == RectangleEdge.BOTTOM) {
            return TextAnchor.TOP_CENTER;
        }
        return edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT;
    }
}
