package org.qatlas.stdlib.plot;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A base-10 logarithmic axis whose ticks are {@link LogTicks}' and whose labels are
 * {@link TickLabels}' ("1M", "10B"), instead of JFreeChart's ticks at fractional powers of ten
 * ("10^6.5") that it chooses for narrow ranges.
 */
final class LogScaleAxis extends LogAxis {
    LogScaleAxis(String label) {
        super(label);
        setMinorTickMarksVisible(true);
    }

    @Override
    @SuppressWarnings("rawtypes") // JFreeChart's signature
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        TextAnchor anchor = TickAnchors.of(edge);
        List<ValueTick> ticks = new ArrayList<>();
        for (LogTicks.Tick tick : LogTicks.between(getLowerBound(), getUpperBound())) {
            ticks.add(tick.major()
                    ? new NumberTick(TickType.MAJOR, tick.value(), TickLabels.label(tick.value()), anchor, anchor, 0)
                    : new NumberTick(TickType.MINOR, tick.value(), "", anchor, anchor, 0));
        }
        return ticks;
    }
}
