package org.qatlas.stdlib.plot;

import java.util.List;

/**
 * The points of a chart that will be drawn, and the ranges they span. Points with a NaN or
 * infinite coordinate are left out (a law evaluated outside its domain gives NaN; that should
 * not stop the chart). A log axis over a non-positive value is an error that names the value,
 * since leaving such points out silently would misrepresent the data.
 *
 * @param minX the least drawn x
 * @param maxX the greatest drawn x
 * @param minY the least drawn y
 * @param maxY the greatest drawn y
 */
record DrawableData(double minX, double maxX, double minY, double maxY) {
    /** Whether a point is drawn at all. */
    static boolean drawn(double x, double y) {
        return Double.isFinite(x) && Double.isFinite(y);
    }

    /**
     * The ranges of a chart's drawable points.
     *
     * @throws ChartException if there is no drawable point, or a log axis has a non-positive value
     */
    static DrawableData of(Chart chart) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Series s : chart.series()) {
            double[] x = s.x();
            double[] y = s.y();
            for (int i = 0; i < x.length; i++) {
                if (!drawn(x[i], y[i])) {
                    continue;
                }
                checkPositive(chart.logX(), "x", x[i], s, i);
                checkPositive(chart.logY(), "y", y[i], s, i);
                minX = Math.min(minX, x[i]);
                maxX = Math.max(maxX, x[i]);
                minY = Math.min(minY, y[i]);
                maxY = Math.max(maxY, y[i]);
            }
        }
        if (minX > maxX) {
            String what = chart.series().isEmpty() ? "the chart has no series"
                    : "every series is empty or has only NaN or infinite points";
            throw new ChartException(title(chart) + "nothing to plot: " + what);
        }
        return new DrawableData(minX, maxX, minY, maxY);
    }

    /** Whether every drawable value of the given axis, across the series, is positive. */
    static boolean allPositive(List<Series> series, boolean xAxis) {
        for (Series s : series) {
            double[] x = s.x();
            double[] y = s.y();
            for (int i = 0; i < x.length; i++) {
                if (drawn(x[i], y[i]) && (xAxis ? x[i] : y[i]) <= 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void checkPositive(boolean log, String axis, double value, Series s, int index) {
        if (log && value <= 0) {
            throw new ChartException("a log " + axis + " axis needs positive values, but series \"" + s.name()
                    + "\" has " + axis + " = " + TickLabels.label(value) + " at point " + (index + 1)
                    + "; use a linear axis or leave the point out");
        }
    }

    private static String title(Chart chart) {
        return chart.title().isEmpty() ? "" : "chart \"" + chart.title() + "\": ";
    }
}
