package org.qatlas.stdlib.law;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits a law's parameters to data: Levenberg-Marquardt from a grid of starts, the best start run
 * on to convergence, then a percentile bootstrap for the intervals.
 *
 * <p>The work is kept small because a law written in the language costs several times a Java
 * one per evaluation: every start stops after {@link FitOptions#maxEvaluationsPerStart()}
 * evaluations of the residuals, only the best one is run on to convergence, and every bootstrap
 * refit starts from the best estimate, where it needs a few steps. The law is called from the
 * calling thread only.
 */
public final class Fitter {
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

        List<double[]> starts = StartGrid.starts(law, options);
        LocalFit.Result best = null;
        int converged = 0;
        for (double[] start : starts) {
            LocalFit.Result result = LocalFit.run(model, transform.toInternal(start), options.maxEvaluationsPerStart());
            converged += result.converged() ? 1 : 0;
            if (result.usable() && (best == null || result.cost() < best.cost())) {
                best = result;
            }
        }
        List<String> warnings = new ArrayList<>();
        if (best == null) {
            throw new IllegalStateException("law " + law.name() + " gave no usable value on these rows from any of the "
                    + starts.size() + " starts");
        }
        if (!best.converged()) {
            LocalFit.Result polished = LocalFit.run(model, best.point(), options.maxEvaluations());
            if (polished.usable() && polished.cost() <= best.cost()) {
                best = polished;
            }
        }
        if (converged == 0 && !best.converged()) {
            warnings.add("the optimiser did not converge from any of the " + starts.size() + " starts");
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

        long evaluations = model.evaluations() + rows.length;
        List<Interval> intervals;
        int succeeded = 0;
        if (options.bootstrap() > 0) {
            Bootstrap.Result bootstrap = Bootstrap.run(law, rows, targets, options, transform, values);
            evaluations += bootstrap.evaluations();
            succeeded = bootstrap.samples().size();
            intervals = Bootstrap.intervals(bootstrap.samples(), parameters.size(), options.confidence());
            warnings.addAll(IntervalWarnings.of(parameters, values, intervals, options.bootstrap(), bootstrap.failed()));
        } else {
            intervals = java.util.Collections.nCopies(parameters.size(), Interval.NONE);
        }

        double cost = best.cost();
        double objective = options.objective() == Objective.HUBER_LOG ? cost / 2 : cost;
        FitStatistics statistics = new FitStatistics(rows.length, quality.meanRelativeError(), quality.rSquared(),
                objective, options.objective(), options.huberDelta(), best.converged(), starts.size(), converged,
                options.bootstrap(), succeeded, options.confidence(), evaluations);
        return new Fit(law, values, intervals, statistics, warnings);
    }
}
