package org.qatlas.stdlib.law;

import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * The residuals of a law on a set of rows, and their exact Jacobian, as Levenberg-Marquardt
 * wants them: one (pseudo-)residual per row, in the optimiser's coordinates (see
 * {@link ParameterTransform}). Under {@link Objective#HUBER_LOG} the residual is the Huber
 * pseudo-residual of {@code log(pred) - log(y)} (see {@link HuberResidual}); under
 * {@link Objective#LEAST_SQUARES} it is {@code pred - y}.
 *
 * <p>A row may carry a multiplicity (how often a bootstrap sample drew it): its residual is
 * scaled by the square root, which is the same as repeating the row, at the cost of one law
 * evaluation. Rows drawn zero times are not evaluated at all.
 *
 * <p>A prediction the objective cannot use (not finite, or not positive under the log) gives a
 * large finite residual with a zero Jacobian row instead of a NaN, so that a trial step into
 * such a region looks much worse than where the optimiser came from and it backs off.
 *
 * <p>The model remembers the cheapest point it was evaluated at, which is where
 * Levenberg-Marquardt stands when it stops for any reason (it only accepts steps that lower the
 * cost): the fitter reads the result from there when the evaluation cap interrupts a run.
 */
final class ResidualModel implements MultivariateJacobianFunction {
    /** The log residual given to an unusable prediction: e^1000, far worse than any real miss. */
    static final double PENALTY_LOG_RESIDUAL = 1e3;

    private final Law law;
    private final double[][] rows;
    private final double[] targets;
    private final double[] logTargets;
    private final int[] index;
    private final double[] scale;
    private final boolean log;
    private final double delta;
    private final double penalty;
    private final ParameterTransform transform;
    private final double[] parameters;
    private final double[] gradient;

    private long evaluations;
    private double bestCost = Double.POSITIVE_INFINITY;
    private double[] bestPoint;
    private int bestPenalised;

    /**
     * @param index the rows to use
     * @param multiplicity how often each of them counts (all 1 for the data as given)
     */
    ResidualModel(Law law, double[][] rows, double[] targets, FitOptions options, ParameterTransform transform,
            int[] index, int[] multiplicity) {
        this(law, rows, targets, options.objective(), options.huberDelta(), transform, index, multiplicity);
    }

    /** As above with the objective and the Huber delta given (an infinite delta: least squares on log residuals). */
    ResidualModel(Law law, double[][] rows, double[] targets, Objective objective, double huberDelta,
            ParameterTransform transform, int[] index, int[] multiplicity) {
        this.law = law;
        this.rows = rows;
        this.targets = targets;
        this.index = index;
        this.scale = new double[index.length];
        for (int i = 0; i < index.length; i++) {
            scale[i] = Math.sqrt(multiplicity[i]);
        }
        this.log = objective == Objective.HUBER_LOG;
        this.delta = huberDelta;
        this.transform = transform;
        this.parameters = new double[transform.size()];
        this.gradient = new double[transform.size()];
        if (log) {
            logTargets = new double[targets.length];
            for (int i = 0; i < targets.length; i++) {
                logTargets[i] = Math.log(targets[i]);
            }
            penalty = Double.isInfinite(delta) ? PENALTY_LOG_RESIDUAL : HuberResidual.pseudo(PENALTY_LOG_RESIDUAL, delta);
        } else {
            logTargets = null;
            double largest = 0;
            for (double y : targets) {
                largest = Math.max(largest, Math.abs(y));
            }
            penalty = 1e3 * (largest + 1);
        }
    }

    /** All rows, each once. */
    static ResidualModel onAllRows(Law law, double[][] rows, double[] targets, FitOptions options,
            ParameterTransform transform) {
        return onAllRows(law, rows, targets, options.objective(), options.huberDelta(), transform);
    }

    static ResidualModel onAllRows(Law law, double[][] rows, double[] targets, Objective objective, double huberDelta,
            ParameterTransform transform) {
        int[] index = new int[rows.length];
        int[] once = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            index[i] = i;
            once[i] = 1;
        }
        return new ResidualModel(law, rows, targets, objective, huberDelta, transform, index, once);
    }

    int size() {
        return index.length;
    }

    @Override
    public Pair<RealVector, RealMatrix> value(RealVector point) {
        double[] u = point.toArray();
        double[] residuals = new double[index.length];
        double[][] jacobian = new double[index.length][];
        int penalised = fill(u, residuals, jacobian);
        double cost = 0;
        for (double s : residuals) {
            cost += s * s;
        }
        if (cost < bestCost) {
            bestCost = cost;
            bestPoint = u;
            bestPenalised = penalised;
        }
        return new Pair<>(new ArrayRealVector(residuals, false), new Array2DRowRealMatrix(jacobian, false));
    }

    /**
     * Residuals (and, when {@code jacobian != null}, its rows) at the optimiser's point u.
     *
     * @return how many rows got the penalty residual
     */
    private int fill(double[] u, double[] residuals, double[][] jacobian) {
        int n = parameters.length;
        transform.toParameters(u, parameters);
        int penalised = 0;
        for (int i = 0; i < index.length; i++) {
            int row = index[i];
            double[] g = jacobian == null ? null : gradient;
            double prediction = law.evaluate(rows[row], parameters, g);
            evaluations++;
            double[] jrow = jacobian == null ? null : new double[n];
            if (jacobian != null) {
                jacobian[i] = jrow;
            }
            boolean usable = Double.isFinite(prediction) && (!log || prediction > 0);
            if (!usable) {
                residuals[i] = scale[i] * penalty;
                penalised++;
                continue;
            }
            double s;
            double dsdPrediction;
            if (log) {
                double r = Math.log(prediction) - logTargets[row];
                s = HuberResidual.pseudo(r, delta);
                dsdPrediction = HuberResidual.slope(s, delta) / prediction;
            } else {
                s = prediction - targets[row];
                dsdPrediction = 1.0;
            }
            residuals[i] = scale[i] * s;
            if (jrow != null) {
                for (int j = 0; j < n; j++) {
                    double d = scale[i] * dsdPrediction * gradient[j] * transform.derivative(j, parameters[j]);
                    // A law may have a finite value and a non-finite derivative at a domain edge
                    // (0^x at x's derivative): no direction is better than a NaN one.
                    jrow[j] = Double.isFinite(d) ? d : 0.0;
                }
            }
        }
        return penalised;
    }

    /** The sum of squared (pseudo-)residuals at parameter values p, without gradients. */
    double cost(double[] p) {
        double[] residuals = new double[index.length];
        fill(transform.toInternal(p), residuals, null);
        double cost = 0;
        for (double s : residuals) {
            cost += s * s;
        }
        return cost;
    }

    /** How many law evaluations this model has made. */
    long evaluations() {
        return evaluations;
    }

    double bestCost() {
        return bestCost;
    }

    /** The cheapest point seen, in the optimiser's coordinates; null before the first evaluation. */
    double[] bestPoint() {
        return bestPoint;
    }

    /** How many rows were unusable at the cheapest point. */
    int bestPenalised() {
        return bestPenalised;
    }

    /** Forget the cheapest point, before a new run from another start. */
    void resetBest() {
        bestCost = Double.POSITIVE_INFINITY;
        bestPoint = null;
        bestPenalised = 0;
    }
}
