package org.qatlas.stdlib.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the ticks of a linear axis go: multiples of a round step (1, 2 or 5 times a power of
 * ten) chosen for about five to nine labels, whatever the axis' length. JFreeChart's own
 * choice packs in as many labels as fit, which crowds a tall axis.
 */
final class LinearTicks {
    private LinearTicks() {
    }

    /** The number of steps the range is divided into before rounding the step up. */
    private static final int TARGET_STEPS = 6;
    private static final double EPS = 1e-9;

    /** The tick values between {@code lo} and {@code hi} (lo < hi), in increasing order. */
    static List<Double> between(double lo, double hi) {
        double step = niceStep((hi - lo) / TARGET_STEPS);
        List<Double> ticks = new ArrayList<>();
        double slack = step * EPS;
        for (long i = (long) Math.ceil((lo - slack) / step); i * step <= hi + slack; i++) {
            ticks.add(i * step);
        }
        return ticks;
    }

    /**
     * The round step (1, 2 or 5 times a power of ten) nearest to {@code rough} on a log scale,
     * so the tick count stays within about two thirds to one and a half of the target.
     */
    static double niceStep(double rough) {
        double decade = Math.pow(10, Math.floor(Math.log10(rough)));
        double best = decade;
        for (double m : new double[] {2, 5, 10}) {
            if (Math.abs(Math.log(m * decade / rough)) < Math.abs(Math.log(best / rough))) {
                best = m * decade;
            }
        }
        return best;
    }
}
