package org.qatlas.stdlib.law;

import java.util.List;

/**
 * Maps a law's parameters to the unconstrained coordinates the optimiser moves in: a parameter
 * with a lower bound is written {@code p = lower + exp(u)} so that no step can cross the bound
 * (Levenberg-Marquardt has no bounds of its own); a free parameter is used as it is. The
 * Jacobian picks up {@code dp/du = p - lower} by the chain rule.
 */
final class ParameterTransform {
    private final double[] lower;
    private final boolean[] bounded;

    ParameterTransform(List<Parameter> parameters) {
        int n = parameters.size();
        lower = new double[n];
        bounded = new boolean[n];
        for (int j = 0; j < n; j++) {
            lower[j] = parameters.get(j).lowerBound();
            bounded[j] = parameters.get(j).bounded();
        }
    }

    int size() {
        return lower.length;
    }

    boolean bounded(int j) {
        return bounded[j];
    }

    /** The optimiser's coordinates of a parameter vector (every bounded value must be above its bound). */
    double[] toInternal(double[] parameters) {
        double[] u = new double[parameters.length];
        for (int j = 0; j < u.length; j++) {
            u[j] = bounded[j] ? Math.log(parameters[j] - lower[j]) : parameters[j];
        }
        return u;
    }

    /** The parameter vector at the optimiser's coordinates u, written into {@code parameters}. */
    void toParameters(double[] u, double[] parameters) {
        for (int j = 0; j < u.length; j++) {
            parameters[j] = bounded[j] ? lower[j] + Math.exp(u[j]) : u[j];
        }
    }

    double[] toParameters(double[] u) {
        double[] p = new double[u.length];
        toParameters(u, p);
        return p;
    }

    /** {@code dp_j / du_j} at the parameter value {@code p}. */
    double derivative(int j, double p) {
        return bounded[j] ? p - lower[j] : 1.0;
    }
}
