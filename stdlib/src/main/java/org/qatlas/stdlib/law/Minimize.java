package org.qatlas.stdlib.law;

import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * Minima of a function over a box of its variables, for queries such as "the bit width and QAT
 * fraction that give the lowest loss": Brent's method in one variable, BOBYQA (bounded, no
 * derivatives) in several, both from Commons Math.
 *
 * <p>Both are local methods, so each first scans the box coarsely (a uniform grid in one
 * variable, a Sobol sample in several; written here because Commons Math has no global
 * bracketing for minima) and starts from the best point found. A variable may be searched on
 * the log scale, which suits positive quantities spanning decades (N from 1e6 to 1e13).
 * Points where the function is not finite count as worse than any finite value.
 */
public final class Minimize {
    private static final int SCALAR_SCAN = 32;
    private static final int SCAN_PER_DIMENSION = 16;
    private static final int MAX_EVALUATIONS = 10_000;

    private Minimize() {
    }

    /**
     * The minimum of f over [lo, hi].
     *
     * @param logScale search on the log scale (needs {@code lo > 0})
     */
    public static Minimum scalar(DoubleUnaryOperator f, double lo, double hi, boolean logScale) {
        Axis axis = new Axis(lo, hi, logScale, 0);
        int[] count = {0};
        DoubleUnaryOperator g = t -> {
            count[0]++;
            return finite(f.applyAsDouble(axis.at(t)));
        };
        int best = 0;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= SCALAR_SCAN; i++) {
            double v = g.applyAsDouble((double) i / SCALAR_SCAN);
            if (v < bestValue) {
                bestValue = v;
                best = i;
            }
        }
        double left = Math.max(0, best - 1) / (double) SCALAR_SCAN;
        double right = Math.min(SCALAR_SCAN, best + 1) / (double) SCALAR_SCAN;
        BrentOptimizer brent = new BrentOptimizer(1e-10, 1e-14);
        UnivariatePointValuePair found = brent.optimize(new MaxEval(MAX_EVALUATIONS),
                new UnivariateObjectiveFunction(g::applyAsDouble), GoalType.MINIMIZE,
                new SearchInterval(left, right, (double) best / SCALAR_SCAN));
        double t = found.getValue() <= bestValue ? found.getPoint() : (double) best / SCALAR_SCAN;
        double x = axis.at(t);
        return new Minimum(new double[] {x}, f.applyAsDouble(x), count[0] + 1);
    }

    /** {@link #bounded(ToDoubleFunction, double[], double[], boolean[])} with every variable on the plain scale. */
    public static Minimum bounded(ToDoubleFunction<double[]> f, double[] lower, double[] upper) {
        return bounded(f, lower, upper, new boolean[lower.length]);
    }

    /**
     * The minimum of f over the box [lower, upper]. With one variable this is
     * {@link #scalar}; with two or more, BOBYQA (which needs at least two).
     *
     * @param logScale per variable, whether to search it on the log scale (its bounds must then
     *     be positive)
     */
    public static Minimum bounded(ToDoubleFunction<double[]> f, double[] lower, double[] upper, boolean[] logScale) {
        int n = lower.length;
        if (n == 0 || upper.length != n || logScale.length != n) {
            throw new IllegalArgumentException("a box needs one lower bound, upper bound and scale per variable");
        }
        if (n == 1) {
            return scalar(x -> f.applyAsDouble(new double[] {x}), lower[0], upper[0], logScale[0]);
        }
        Axis[] axes = new Axis[n];
        for (int j = 0; j < n; j++) {
            axes[j] = new Axis(lower[j], upper[j], logScale[j], j);
        }
        int[] count = {0};
        MultivariateFunction g = t -> {
            count[0]++;
            return finite(f.applyAsDouble(point(axes, t)));
        };

        double[] start = new double[n];
        java.util.Arrays.fill(start, 0.5);
        double startValue = g.value(start);
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(n);
        for (int i = 0; i < SCAN_PER_DIMENSION * n; i++) {
            double[] t = sobol.nextVector();
            double v = g.value(t);
            if (v < startValue) {
                startValue = v;
                start = t;
            }
        }
        // In the unit box, a first trust region of 0.1 takes steps of a tenth of each range;
        // BOBYQA stops once its region has shrunk to 1e-10 of the range.
        BOBYQAOptimizer bobyqa = new BOBYQAOptimizer(2 * n + 1, 0.1, 1e-10);
        double[] zeros = new double[n];
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        PointValuePair found = bobyqa.optimize(new MaxEval(MAX_EVALUATIONS), new ObjectiveFunction(g),
                GoalType.MINIMIZE, new InitialGuess(start), new SimpleBounds(zeros, ones));
        double[] t = found.getValue() <= startValue ? found.getPoint() : start;
        double[] x = point(axes, t);
        return new Minimum(x, f.applyAsDouble(x), count[0] + 1);
    }

    private static double[] point(Axis[] axes, double[] t) {
        double[] x = new double[axes.length];
        for (int j = 0; j < x.length; j++) {
            x[j] = axes[j].at(Math.min(1, Math.max(0, t[j])));
        }
        return x;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : Double.MAX_VALUE;
    }

    /** One variable's range, mapped to [0, 1] on the plain or log scale. */
    private record Axis(double lo, double hi, boolean log, int index) {
        Axis {
            if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi)) {
                throw new IllegalArgumentException("variable " + index + " needs finite bounds lo < hi, not [" + lo
                        + ", " + hi + "]");
            }
            if (log && lo <= 0) {
                throw new IllegalArgumentException("variable " + index + " is searched on the log scale, so its lower"
                        + " bound must be positive, not " + lo);
            }
        }

        double at(double t) {
            if (t <= 0) {
                return lo;
            }
            if (t >= 1) {
                return hi;
            }
            return log ? Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo))) : lo + t * (hi - lo);
        }
    }
}
