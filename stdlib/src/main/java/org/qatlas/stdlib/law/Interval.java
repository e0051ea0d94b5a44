package org.qatlas.stdlib.law;

/**
 * A confidence interval of a fitted parameter; both ends are NaN when there is none (no
 * bootstrap was asked for, or every refit failed).
 */
public record Interval(double low, double high) {
    /** The interval of a fit without bootstrap. */
    public static final Interval NONE = new Interval(Double.NaN, Double.NaN);

    /** Whether there is an interval at all. */
    public boolean known() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }

    public boolean contains(double value) {
        return value >= low && value <= high;
    }

    public double width() {
        return high - low;
    }
}
