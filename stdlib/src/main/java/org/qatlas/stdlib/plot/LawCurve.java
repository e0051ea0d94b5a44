package org.qatlas.stdlib.plot;

import java.util.Objects;

/**
 * One curve of {@link Figures#lawCurves}: a law evaluated along a grid for one value of
 * another variable, and optionally the runs measured there, drawn as markers of the curve's
 * colour. Immutable: the arrays are copied in and out.
 *
 * @param label the legend entry, e.g. "N = 74M" (see {@link Figures#label})
 * @param x the grid the law was evaluated on
 * @param y the law's values on the grid
 * @param measuredX the measured runs' x values (empty for none)
 * @param measuredY the measured runs' y values, as many as measuredX
 */
public record LawCurve(String label, double[] x, double[] y, double[] measuredX, double[] measuredY) {
    /** Checks the lengths and copies the arrays. */
    public LawCurve {
        Objects.requireNonNull(label, "label");
        if (x.length != y.length) {
            throw new ChartException("curve \"" + label + "\" has " + x.length + " x values but " + y.length + " y values");
        }
        if (measuredX.length != measuredY.length) {
            throw new ChartException("curve \"" + label + "\" has " + measuredX.length + " measured x values but "
                    + measuredY.length + " measured y values");
        }
        x = x.clone();
        y = y.clone();
        measuredX = measuredX.clone();
        measuredY = measuredY.clone();
    }

    /** A curve without measured points. */
    public static LawCurve of(String label, double[] x, double[] y) {
        return new LawCurve(label, x, y, new double[0], new double[0]);
    }

    /** This curve with these measured points. */
    public LawCurve withMeasured(double[] newMeasuredX, double[] newMeasuredY) {
        return new LawCurve(label, x, y, newMeasuredX, newMeasuredY);
    }

    /** A copy of the grid. */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** A copy of the law's values. */
    @Override
    public double[] y() {
        return y.clone();
    }

    /** A copy of the measured x values. */
    @Override
    public double[] measuredX() {
        return measuredX.clone();
    }

    /** A copy of the measured y values. */
    @Override
    public double[] measuredY() {
        return measuredY.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LawCurve c && label.equals(c.label) && java.util.Arrays.equals(x, c.x)
                && java.util.Arrays.equals(y, c.y) && java.util.Arrays.equals(measuredX, c.measuredX)
                && java.util.Arrays.equals(measuredY, c.measuredY);
    }

    @Override
    public int hashCode() {
        return Objects.hash(label, java.util.Arrays.hashCode(x), java.util.Arrays.hashCode(y),
                java.util.Arrays.hashCode(measuredX), java.util.Arrays.hashCode(measuredY));
    }

    @Override
    public String toString() {
        return "LawCurve[" + label + ", " + x.length + " points, " + measuredX.length + " measured]";
    }
}
