package org.qatlas.stdlib.law;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One parameter of a saved fit. Null stands for "none": no interval (no bootstrap), no lower
 * bound (a free parameter).
 */
public record SavedParameter(
        @JsonProperty("name") String name,
        @JsonProperty("value") double value,
        @JsonProperty("low") Double low,
        @JsonProperty("high") Double high,
        @JsonProperty("initial") double initial,
        @JsonProperty("lower_bound") Double lowerBound) {

    /** The parameter as the law declares it (with its declared initial value and bound). */
    public Parameter toParameter() {
        return new Parameter(name, initial, lowerBound == null ? Double.NEGATIVE_INFINITY : lowerBound);
    }

    /** The interval, or {@link Interval#NONE}. */
    public Interval interval() {
        return low == null || high == null ? Interval.NONE : new Interval(low, high);
    }
}
