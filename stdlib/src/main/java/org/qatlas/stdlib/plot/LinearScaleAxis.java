package org.qatlas.stdlib.plot;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/** A linear axis with {@link LinearTicks}' ticks and {@link TickLabels}' labels ("20B", "0.25"). */
final class LinearScaleAxis extends NumberAxis {
    LinearScaleAxis(String label) {
        super(label);
        setAutoRangeIncludesZero(false);
        setNumberFormatOverride(TickLabels.INSTANCE);
    }

    @Override
    @SuppressWarnings("rawtypes") // JFreeChart's signature
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        TextAnchor anchor = TickAnchors.of(edge);
        List<ValueTick> ticks = new ArrayList<>();
        for (double value : LinearTicks.between(getLowerBound(), getUpperBound())) {
            ticks.add(new NumberTick(TickType.MAJOR, value, TickLabels.label(value), anchor, anchor, 0));
        }
        return ticks;
    }
}
