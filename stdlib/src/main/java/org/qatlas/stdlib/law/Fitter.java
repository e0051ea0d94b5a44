package org.qatlas.stdlib.law;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Fits a law's parameters to data: Levenberg-Marquardt from a grid of starts, the best four
 * starts run on to convergence under the objective, then a percentile bootstrap for the
 * intervals.
 *
 * <p>The work is kept small because a law written in the language costs several times a Java
 * one per evaluation: every start stops after {@link FitOptions#maxEvaluationsPerStart()}
 * evaluations of the residuals (and is screened with least squares on log residuals, which
 * converges fastest, see below), only the best four are run on to convergence, and every
 * bootstrap refit starts from the best estimate, where it needs a few steps. The law is called
 * from the calling thread only.
 */
public final class Fitter {
    /** Log residuals below this (a factor of about 1.35) count quadratically while screening starts. */
    private static final double SCREEN_DELTA = 0.3;

    /** How many of the best starts are run on to convergence. */
    private static final int POLISHED = 4;
    /** A start whose objective ends within this share of the best one's counts as having reached the best fit. */
    static final double AT_BEST = 0.01;

    /** A mean relative error below this is an exact fit (noise-free data). */
    private static final double EXACT = 1e-9;

    private Fitter() {
    }

    /** {@link #fit(Law, double[][], double[], FitOptions)} with {@link FitOptions#defaults()}. */
    public static Fit fit(Law law, double[][] rows, double[] targets) {
        return fit(law, rows, targets, FitOptions.defaults());
    }

    /**
     * Fits the law.
     *
     * @param rows one row per data point, holding the values of {@code law.variables()} in order
     * @param targets the measured value at each row
     * @throws IllegalArgumentException for fewer rows than parameters, rows of the wrong width,
     *     non-finite values, or (under the log objective) targets that are not positive; the
     *     message names the offending row
     */
    public static Fit fit(Law law, double[][] rows, double[] targets, FitOptions options) {
        FitInput.check(law, rows, targets, options);
        List<Parameter> parameters = law.parameters();
        ParameterTransform transform = new ParameterTransform(parameters);
        ResidualModel model = ResidualModel.onAllRows(law, rows, targets, options, transform);

        // The starts are screened with a wide Huber delta (SCREEN_DELTA on the log scale), and
        // only the best few are then fitted with the requested delta. Far from the optimum nearly
        // every residual lies beyond a small delta, where Huber behaves like an absolute value
        // and Gauss-Newton converges only linearly; with the wide delta ordinary misfits are
        // quadratic and a start finds its basin in a few evaluations. The screen stays robust:
        // a plain least-squares screen let one gross outlier pick the basin for every start.
        ResidualModel screen = options.objective() == Objective.HUBER_LOG
                ? ResidualModel.onAllRows(law, rows, targets, Objective.HUBER_LOG,
                        Math.max(SCREEN_DELTA, options.huberDelta()), transform)
                : model;
        List<double[]> starts = StartGrid.starts(law, options);
        List<LocalFit.Result> results = new ArrayList<>();
        int converged = 0;
        for (double[] start : starts) {
            LocalFit.Result result = LocalFit.run(screen, transform.toInternal(start), options.maxEvaluationsPerStart(),
                    LocalFit.COARSE);
            converged += result.converged() ? 1 : 0;
            if (result.usable()) {
                results.add(result);
            }
        }
        if (results.isEmpty()) {
            throw new IllegalStateException("law " + law.name() + " gave no usable value on these rows from any of the "
                    + starts.size() + " starts");
        }
        // Run the most promising starts on to convergence: the best few, not only the best, since
        // a start stopped by its cap may still be on its way to a lower optimum than one that
        // has converged.
        results.sort(Comparator.comparingDouble(LocalFit.Result::cost));
        double near = results.get(0).cost() * (1 + AT_BEST) + 1e-12 * rows.length;
        int atBest = 0;
        for (LocalFit.Result result : results) {
            atBest += result.cost() <= near ? 1 : 0;
        }
        LocalFit.Result best = null;
        boolean anyConverged = false;
        for (LocalFit.Result result : results.subList(0, Math.min(POLISHED, results.size()))) {
            LocalFit.Result polished = LocalFit.run(model, result.point(), options.maxEvaluations(), LocalFit.FINE);
            anyConverged |= polished.converged();
            if (polished.usable() && (best == null || polished.cost() < best.cost())) {
                best = polished;
            }
        }
        if (best == null) {
            throw new IllegalStateException("law " + law.name() + " gave no usable value on these rows from the best "
                    + Math.min(POLISHED, results.size()) + " starts");
        }
        List<String> warnings = new ArrayList<>();
        if (!anyConverged) {
            warnings.add("the optimiser did not converge from any start (of " + starts.size() + ")");
        } else if (!best.converged()) {
            warnings.add("the best start hit the limit of " + options.maxEvaluations()
                    + " evaluations without converging: the values may not be the optimum");
        }
        double[] values = transform.toParameters(best.point());
        FitQuality quality = FitQuality.of(law, rows, targets, values, options.objective());
        if (quality.unusable() > 0) {
            warnings.add(quality.unusable() + " of " + rows.length + " rows get a prediction the objective cannot use"
                    + (options.objective() == Objective.HUBER_LOG ? " (not positive, or not finite)" : " (not finite)"));
        }

        long evaluations = model.evaluations() + (screen == model ? 0 : screen.evaluations()) + rows.length;
        List<Interval> intervals;
        int succeeded = 0;
        if (options.bootstrap() > 0) {
            Bootstrap.Result bootstrap = Bootstrap.run(law, rows, targets, options, transform, values);
            evaluations += bootstrap.evaluations();
            succeeded = bootstrap.samples().size();
            intervals = Bootstrap.intervals(bootstrap.samples(), parameters.size(), options.confidence());
            warnings.addAll(IntervalWarnings.of(parameters, values, intervals, options.bootstrap(), bootstrap.failed(),
                    quality.meanRelativeError() < EXACT));
        } else {
            intervals = java.util.Collections.nCopies(parameters.size(), Interval.NONE);
        }

        double cost = best.cost();
        double objective = options.objective() == Objective.HUBER_LOG ? cost / 2 : cost;
        FitStatistics statistics = new FitStatistics(rows.length, quality.meanRelativeError(), quality.rSquared(),
                objective, options.objective(), options.huberDelta(), best.converged(), starts.size(), converged, atBest,
                options.bootstrap(), succeeded, options.confidence(), evaluations);
        return new Fit(law, values, intervals, statistics, warnings);
    }
}
