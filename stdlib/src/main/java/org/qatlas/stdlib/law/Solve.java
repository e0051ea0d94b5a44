package org.qatlas.stdlib.law;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.solvers.AllowedSolution;
import org.apache.commons.math3.analysis.solvers.BracketingNthOrderBrentSolver;

/**
 * Roots of a function of one variable, for queries such as "the model size at which a 4-bit
 * model matches full precision": solve {@code loss4(N) - lossFP(N) = 0} for N.
 *
 * <p>The bracket given need not contain the root. If the function has the same sign at both
 * ends, the bracket is first searched (a sign change between the ends) and then widened
 * outwards step by step, each step twice as wide as the last. For a bracket of positive numbers
 * this happens on the log scale, so that [1e6, 1e7] reaches a root at 1e11 in a handful of
 * steps and never crosses zero; otherwise on the plain scale. Points where the function is not
 * finite are skipped. Commons Math's own {@code UnivariateSolverUtils.bracket} widens only
 * linearly and from a single point, hence this search; the root is then polished by Commons
 * Math's {@link BracketingNthOrderBrentSolver}.
 */
public final class Solve {
    /** Sample points inside the given bracket before widening it. */
    private static final int INSIDE = 16;
    /** Widening steps on each side before giving up. */
    private static final int WIDENINGS = 40;
    private static final int MAX_EVALUATIONS = 200;

    private Solve() {
    }

    /**
     * A root of f near the bracket [lo, hi].
     *
     * @throws IllegalArgumentException when the bracket is empty or not finite
     * @throws IllegalStateException when no sign change was found, naming how far the search went
     */
    public static double root(DoubleUnaryOperator f, double lo, double hi) {
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi)) {
            throw new IllegalArgumentException("a root bracket needs finite lo < hi, not [" + lo + ", " + hi + "]");
        }
        boolean logScale = lo > 0;
        List<double[]> points = new ArrayList<>(); // {x, f(x)} in increasing x
        for (int i = 0; i <= INSIDE; i++) {
            double t = (double) i / INSIDE;
            double x = logScale ? Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo))) : lo + t * (hi - lo);
            if (i == INSIDE) {
                x = hi;
            }
            add(points, x, f.applyAsDouble(x), false);
        }
        double[] bracket = signChange(points);
        double left = lo;
        double right = hi;
        double step = logScale ? Math.log(hi / lo) : hi - lo;
        for (int k = 0; bracket == null && k < WIDENINGS; k++) {
            double newLeft = logScale ? left / Math.exp(step) : left - step;
            double newRight = logScale ? right * Math.exp(step) : right + step;
            boolean leftOk = newLeft > 0 || !logScale;
            if (leftOk && Double.isFinite(newLeft) && newLeft != 0) {
                left = newLeft;
                add(points, left, f.applyAsDouble(left), true);
            }
            if (Double.isFinite(newRight)) {
                right = newRight;
                add(points, right, f.applyAsDouble(right), false);
            }
            bracket = signChange(points);
            step *= 2;
        }
        if (bracket == null && points.isEmpty()) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "no root: the function is not finite anywhere between %.4g and %.4g", left, right));
        }
        if (bracket == null) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "no root: the function does not change sign between %.4g and %.4g (searched outwards from [%.4g, %.4g];"
                            + " f(%.4g) = %.4g, f(%.4g) = %.4g)",
                    left, right, lo, hi, points.get(0)[0], points.get(0)[1], points.get(points.size() - 1)[0],
                    points.get(points.size() - 1)[1]));
        }
        if (bracket[1] == 0) {
            return bracket[0];
        }
        if (bracket[3] == 0) {
            return bracket[2];
        }
        double scale = Math.max(Math.abs(bracket[0]), Math.abs(bracket[2]));
        BracketingNthOrderBrentSolver solver = new BracketingNthOrderBrentSolver(1e-14, 1e-300 + 1e-15 * scale, 0, 5);
        return solver.solve(MAX_EVALUATIONS, f::applyAsDouble, bracket[0], bracket[2], AllowedSolution.ANY_SIDE);
    }

    private static void add(List<double[]> points, double x, double fx, boolean first) {
        if (!Double.isFinite(fx)) {
            return;
        }
        if (first) {
            points.add(0, new double[] {x, fx});
        } else {
            points.add(new double[] {x, fx});
        }
    }

    /** {x1, f1, x2, f2} of the first neighbouring pair with a sign change (or a zero), or null. */
    private static double[] signChange(List<double[]> points) {
        for (int i = 0; i + 1 < points.size(); i++) {
            double[] a = points.get(i);
            double[] b = points.get(i + 1);
            if (a[1] == 0 || b[1] == 0 || Math.signum(a[1]) != Math.signum(b[1])) {
                return new double[] {a[0], a[1], b[0], b[1]};
            }
        }
        return null;
    }
}
