package org.qatlas.stdlib.plot;

/**
 * The range an axis shows: the data's range with a margin on each side, so that no marker
 * sits on the frame. On a log axis the margin is a share of the range's decades.
 *
 * @param lower the lowest value shown
 * @param upper the highest value shown
 */
record AxisRange(double lower, double upper) {
    /** The share of the data's span added on each side. */
    private static final double MARGIN = 0.05;

    /** The range for data between {@code min} and {@code max} (finite; positive if log). */
    static AxisRange around(double min, double max, boolean log) {
        if (log) {
            double lo = Math.log10(min);
            double hi = Math.log10(max);
            double pad = hi > lo ? (hi - lo) * MARGIN : 0.1; // one value: a fifth of a decade in all
            return new AxisRange(Math.pow(10, lo - pad), Math.pow(10, hi + pad));
        }
        double span = max - min;
        if (span == 0) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            return new AxisRange(min - pad, max + pad);
        }
        return new AxisRange(min - span * MARGIN, max + span * MARGIN);
    }
}
