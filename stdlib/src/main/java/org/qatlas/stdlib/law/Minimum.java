package org.qatlas.stdlib.law;

/**
 * Where a function is smallest, and its value there.
 *
 * @param argmin the minimising point (one value for a function of one variable)
 * @param value the function there
 * @param evaluations how many times the function was evaluated
 */
public record Minimum(double[] argmin, double value, int evaluations) {
    public Minimum {
        argmin = argmin.clone();
    }

    @Override
    public double[] argmin() {
        return argmin.clone();
    }

    /** The minimising point of a function of one variable. */
    public double x() {
        return argmin[0];
    }
}
