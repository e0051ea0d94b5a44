package org.qatlas.stdlib.law;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * The starting points of a fit: every combination of each parameter's start values, or, when
 * that is more than {@link FitOptions#maxStarts()}, a Sobol sample of the box the values span
 * (first point: the declared initial values). A bounded parameter's box is taken on the log
 * scale of its distance above the bound, where the optimiser moves too.
 */
final class StartGrid {
    private StartGrid() {
    }

    /** The start values of each parameter, in the law's order: the options' grid or the default one. */
    static double[][] values(Law law, FitOptions options) {
        List<Parameter> parameters = law.parameters();
        for (String name : options.startGrid().keySet()) {
            if (parameters.stream().noneMatch(p -> p.name().equals(name))) {
                throw new IllegalArgumentException("the start grid names " + name + ", which is not a parameter of "
                        + law.name() + " " + names(parameters));
            }
        }
        boolean defaults = options.startGrid().isEmpty();
        double[][] values = new double[parameters.size()][];
        for (int j = 0; j < values.length; j++) {
            Parameter p = parameters.get(j);
            double[] given = options.startValues(p.name());
            if (given != null) {
                for (double v : given) {
                    if (!(v > p.lowerBound())) {
                        throw new IllegalArgumentException("the start grid of " + p.name() + " has " + v
                                + ", which is not above its lower bound " + p.lowerBound());
                    }
                }
                values[j] = given;
            } else {
                values[j] = defaults ? around(p) : new double[] {p.initial()};
            }
        }
        return values;
    }

    /** A quarter of, equal to and four times the initial value (its distance above the bound, if bounded). */
    static double[] around(Parameter p) {
        if (p.bounded()) {
            double above = p.initial() - p.lowerBound();
            return new double[] {p.lowerBound() + above / 4, p.initial(), p.lowerBound() + above * 4};
        }
        if (p.initial() == 0) {
            return new double[] {-1, 0, 1};
        }
        return new double[] {p.initial() / 4, p.initial(), p.initial() * 4};
    }

    /** The starting points, as parameter vectors. */
    static List<double[]> starts(Law law, FitOptions options) {
        double[][] values = values(law, options);
        double combinations = 1;
        for (double[] v : values) {
            combinations *= v.length;
        }
        return combinations <= options.maxStarts() ? product(values) : sobol(law, values, options.maxStarts());
    }

    private static List<double[]> product(double[][] values) {
        List<double[]> starts = new ArrayList<>();
        int n = values.length;
        int[] at = new int[n];
        while (true) {
            double[] start = new double[n];
            for (int j = 0; j < n; j++) {
                start[j] = values[j][at[j]];
            }
            starts.add(start);
            int j = n - 1;
            while (j >= 0 && ++at[j] == values[j].length) {
                at[j] = 0;
                j--;
            }
            if (j < 0) {
                return starts;
            }
        }
    }

    private static List<double[]> sobol(Law law, double[][] values, int count) {
        List<Parameter> parameters = law.parameters();
        int n = values.length;
        ParameterTransform transform = new ParameterTransform(parameters);
        double[] low = new double[n];
        double[] high = new double[n];
        double[] initial = new double[n];
        for (int j = 0; j < n; j++) {
            initial[j] = parameters.get(j).initial();
            low[j] = Double.POSITIVE_INFINITY;
            high[j] = Double.NEGATIVE_INFINITY;
            for (double v : values[j]) {
                // In the optimiser's coordinates: log(v - bound) for a bounded parameter.
                double u = transform.bounded(j) ? Math.log(v - parameters.get(j).lowerBound()) : v;
                low[j] = Math.min(low[j], u);
                high[j] = Math.max(high[j], u);
            }
        }
        List<double[]> starts = new ArrayList<>();
        starts.add(initial);
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(n);
        sobol.nextVector(); // the first Sobol point is the box's corner; the initial values stand in for it
        while (starts.size() < count) {
            double[] x = sobol.nextVector();
            double[] u = new double[n];
            for (int j = 0; j < n; j++) {
                u[j] = low[j] + x[j] * (high[j] - low[j]);
            }
            starts.add(transform.toParameters(u));
        }
        return starts;
    }

    private static List<String> names(List<Parameter> parameters) {
        return parameters.stream().map(Parameter::name).toList();
    }
}
