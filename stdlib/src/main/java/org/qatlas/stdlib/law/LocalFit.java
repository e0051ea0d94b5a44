package org.qatlas.stdlib.law;

import org.apache.commons.math3.exception.ConvergenceException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.fitting.leastsquares.EvaluationRmsChecker;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;

/**
 * One Levenberg-Marquardt run from one start, under a cap on evaluations. Commons Math 3.6.1
 * has no L-BFGS (Chinchilla's optimiser); LM is the better tool here anyway, since the Huber
 * objective is written as a sum of squares (see {@link HuberResidual}).
 */
final class LocalFit {
    /**
     * Where a run ended.
     *
     * @param point the cheapest point reached, in the optimiser's coordinates (null if the model
     *     could not be evaluated at all)
     * @param cost the sum of squared (pseudo-)residuals there
     * @param converged whether LM stopped by its own convergence test, with every row usable
     * @param capped whether the evaluation cap stopped it
     */
    record Result(double[] point, double cost, boolean converged, boolean capped) {
        boolean usable() {
            return point != null && Double.isFinite(cost);
        }
    }

    /**
     * The fit proper: LM stops when a step lowers the cost by less than 1e-10 relative (and
     * predicts no more), or moves the parameters by less than 1e-10 relative.
     */
    static final LevenbergMarquardtOptimizer FINE = optimizer(1e-10);

    /**
     * Bootstrap refits: 1e-6 relative. A refit's values only enter a percentile of a few hundred
     * draws, whose own sampling error is far larger; on noisy Huber fits, which converge only
     * linearly, this halves the evaluations (and moves the printed interval ends in the fourth
     * digit at most).
     */
    static final LevenbergMarquardtOptimizer COARSE = optimizer(1e-6);

    private static LevenbergMarquardtOptimizer optimizer(double tolerance) {
        return new LevenbergMarquardtOptimizer()
                .withCostRelativeTolerance(tolerance)
                .withParameterRelativeTolerance(tolerance)
                .withOrthoTolerance(1e-10);
    }

    private LocalFit() {
    }

    /**
     * An exact fit (noise-free data) never meets LM's relative tests: every Gauss-Newton step
     * still divides the cost by a large factor until it reaches rounding noise. Stop once the
     * root-mean-square (pseudo-)residual changes by less than 1e-10 in absolute terms, or by
     * the tolerance relative.
     */
    private static final double ABSOLUTE_RMS = 1e-10;

    static Result run(ResidualModel model, double[] start, int maxEvaluations, LevenbergMarquardtOptimizer optimizer) {
        model.resetBest();
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .model(model)
                .target(new double[model.size()])
                .start(start)
                .maxEvaluations(maxEvaluations)
                .maxIterations(maxEvaluations)
                .lazyEvaluation(false)
                .checker(new EvaluationRmsChecker(optimizer.getCostRelativeTolerance(), ABSOLUTE_RMS))
                .build();
        boolean converged;
        boolean capped = false;
        try {
            optimizer.optimize(problem);
            converged = true;
        } catch (TooManyEvaluationsException | TooManyIterationsException e) {
            converged = false;
            capped = true;
        } catch (ConvergenceException e) {
            // LM reports that its tolerances are below what floating point can still improve:
            // it is at the optimum as far as doubles can tell.
            converged = true;
        }
        double[] point = model.bestPoint();
        return new Result(point, model.bestCost(), converged && model.bestPenalised() == 0, capped);
    }
}
