package org.qatlas.stdlib.law;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain-language warnings about bootstrap intervals that should not be read at face value:
 * too many failed refits, a parameter that runs to its bound, one so loose that the data hardly
 * determine it, one the data do not move at all, and an estimate outside its own interval.
 */
final class IntervalWarnings {
    /** More failed refits than this share make the intervals suspect (they rest on the easy resamples). */
    static final double FAILED_SHARE = 0.1;
    /** An interval wider than this many times the value's magnitude is called unbounded. */
    static final double WIDE = 100;
    /** A low end within this share of the distance from the bound to the high end is called at the bound. */
    static final double AT_BOUND = 1e-3;

    private IntervalWarnings() {
    }

    /**
     * @param exactFit whether the law goes through every row (then all resamples give the same
     *     values, and zero-width intervals say nothing about any one parameter)
     */
    static List<String> of(List<Parameter> parameters, double[] values, List<Interval> intervals, int requested,
            int failed, boolean exactFit) {
        List<String> warnings = new ArrayList<>();
        if (requested == 0) {
            return warnings;
        }
        if (failed == requested) {
            warnings.add("every one of the " + requested + " bootstrap refits failed: no intervals");
            return warnings;
        }
        if (failed > FAILED_SHARE * requested) {
            warnings.add(failed + " of " + requested + " bootstrap refits failed ("
                    + Math.round(100.0 * failed / requested) + "%): the intervals rest on the others and may be too narrow");
        }
        if (exactFit && intervals.stream().anyMatch(i -> i.known() && i.width() == 0)) {
            warnings.add("the law fits every row exactly (noise-free data?), so every resample gives the same values"
                    + " and the intervals have zero width");
            return warnings;
        }
        for (int j = 0; j < parameters.size(); j++) {
            Parameter p = parameters.get(j);
            Interval interval = intervals.get(j);
            double value = values[j];
            if (!interval.known()) {
                continue;
            }
            if (p.bounded() && interval.low() - p.lowerBound() <= AT_BOUND * (interval.high() - p.lowerBound())) {
                warnings.add("the interval of " + p.name() + " runs down to its lower bound " + p.lowerBound());
                continue;
            }
            if (interval.width() == 0) {
                warnings.add("the interval of " + p.name() + " has zero width: no resample moves it, so these rows"
                        + " may not determine it");
                continue;
            }
            if (interval.width() > WIDE * Math.abs(value)) {
                warnings.add("the interval of " + p.name() + " is more than " + (int) WIDE
                        + " times wider than its value: these rows hardly determine it");
            }
            if (!interval.contains(value)) {
                warnings.add("the estimate of " + p.name() + " lies outside its own bootstrap interval: the fit may be"
                        + " unstable");
            }
        }
        return warnings;
    }
}
