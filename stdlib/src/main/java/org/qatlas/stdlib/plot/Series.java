package org.qatlas.stdlib.plot;

import java.util.Objects;

/**
 * One named set of points on a chart. Immutable: the arrays are copied in and out. Points
 * whose x or y is NaN or infinite are kept here and skipped when the chart is drawn.
 *
 * @param name the legend entry
 * @param x the x values
 * @param y the y values, as many as x
 * @param style line, points or both
 * @param colour an index into the chart's palette, or {@link #AUTO} for the series' position
 *     on the chart; series that belong together (a curve and its measured points) share one
 * @param inLegend whether the series has a legend entry
 */
public record Series(String name, double[] x, double[] y, SeriesStyle style, int colour, boolean inLegend) {
    /** The colour of the series' position among the chart's series. */
    public static final int AUTO = -1;

    /** Checks the lengths and copies the arrays. */
    public Series {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(style, "style");
        if (x.length != y.length) {
            throw new ChartException("series \"" + name + "\" has " + x.length + " x values but "
                    + y.length + " y values");
        }
        if (colour < AUTO) {
            throw new ChartException("series \"" + name + "\": colour must be a palette index (0 or more)");
        }
        x = x.clone();
        y = y.clone();
    }

    /** A series in its position's colour, with a legend entry. */
    public static Series of(String name, double[] x, double[] y, SeriesStyle style) {
        return new Series(name, x, y, style, AUTO, true);
    }

    /** A copy of the x values. */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** A copy of the y values. */
    @Override
    public double[] y() {
        return y.clone();
    }

    /** The number of points, drawable or not. */
    public int size() {
        return x.length;
    }

    /** This series in the palette's colour number {@code index} (from 0). */
    public Series withColour(int index) {
        return new Series(name, x, y, style, index, inLegend);
    }

    /** This series without a legend entry (measured points beside their curve, say). */
    public Series withoutLegend() {
        return new Series(name, x, y, style, colour, false);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Series s && name.equals(s.name) && java.util.Arrays.equals(x, s.x)
                && java.util.Arrays.equals(y, s.y) && style == s.style && colour == s.colour
                && inLegend == s.inLegend;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, java.util.Arrays.hashCode(x), java.util.Arrays.hashCode(y), style, colour, inLegend);
    }

    @Override
    public String toString() {
        return "Series[" + name + ", " + x.length + " points, " + style + "]";
    }
}
