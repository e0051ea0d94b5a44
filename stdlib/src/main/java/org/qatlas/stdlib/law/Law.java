package org.qatlas.stdlib.law;

import java.util.List;

/**
 * A law as the fitter sees it: a function of named variables (N, D, G, ...) and free
 * parameters (k, alpha, ...), evaluated one data point at a time, with the exact gradient
 * with respect to the parameters when asked for it.
 *
 * <p>Laws written in the language implement this by running their body over dual numbers;
 * laws written in Java (tests, benchmarks) implement it directly. Implementations need not be
 * thread-safe: the fitter calls a law from one thread only.
 */
public interface Law {
    /** The name the law was declared with. */
    String name();

    /** The variable names, in the order {@link #evaluate} takes their values. */
    List<String> variables();

    /** The free parameters, in the order {@link #evaluate} takes their values. */
    List<Parameter> parameters();

    /**
     * The law at one point.
     *
     * @param variables values of {@link #variables()}, in order
     * @param parameters values of {@link #parameters()}, in order
     * @param gradient null, or an array of {@code parameters.length} that receives the
     *     partial derivatives of the result with respect to each parameter
     * @return the law's value (may be non-finite outside its domain)
     */
    double evaluate(double[] variables, double[] parameters, double[] gradient);
}
