package org.qatlas.stdlib.law;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Percentile bootstrap of a fit: draw as many rows as the data has, with replacement, refit
 * from the best estimate (close to every resample's optimum, so each refit takes a few
 * steps), and read each parameter's interval from the spread of the refitted values.
 * A refit that does not converge is left out and counted.
 */
final class Bootstrap {
    /**
     * The refitted parameter vectors and how many refits failed.
     *
     * @param samples one parameter vector per successful refit
     * @param failed refits that did not converge or ended on unusable rows
     * @param evaluations law evaluations spent
     */
    record Result(List<double[]> samples, int failed, long evaluations) {
    }

    private Bootstrap() {
    }

    static Result run(Law law, double[][] rows, double[] targets, FitOptions options, ParameterTransform transform,
            double[] best) {
        RandomGenerator random = new Well19937c(options.seed());
        double[] start = transform.toInternal(best);
        int n = rows.length;
        List<double[]> samples = new ArrayList<>();
        int failed = 0;
        long evaluations = 0;
        int[] counts = new int[n];
        for (int b = 0; b < options.bootstrap(); b++) {
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[random.nextInt(n)]++;
            }
            int distinct = 0;
            for (int c : counts) {
                distinct += c > 0 ? 1 : 0;
            }
            int[] index = new int[distinct];
            int[] multiplicity = new int[distinct];
            for (int i = 0, k = 0; i < n; i++) {
                if (counts[i] > 0) {
                    index[k] = i;
                    multiplicity[k++] = counts[i];
                }
            }
            ResidualModel model = new ResidualModel(law, rows, targets, options, transform, index, multiplicity);
            LocalFit.Result result = LocalFit.run(model, start, options.maxEvaluations(), LocalFit.COARSE);
            evaluations += model.evaluations();
            double[] p = result.usable() ? transform.toParameters(result.point()) : null;
            if (result.converged() && allFinite(p)) {
                samples.add(p);
            } else {
                failed++;
            }
        }
        return new Result(samples, failed, evaluations);
    }

    /** Percentile intervals at the options' confidence, one per parameter (NONE without samples). */
    static List<Interval> intervals(List<double[]> samples, int parameters, double confidence) {
        List<Interval> intervals = new ArrayList<>();
        for (int j = 0; j < parameters; j++) {
            if (samples.isEmpty()) {
                intervals.add(Interval.NONE);
                continue;
            }
            double[] values = new double[samples.size()];
            for (int b = 0; b < values.length; b++) {
                values[b] = samples.get(b)[j];
            }
            // R-7 (linear interpolation between order statistics) is what NumPy and R use by default.
            Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
            percentile.setData(values);
            double tail = 50 * (1 - confidence);
            intervals.add(new Interval(percentile.evaluate(tail), percentile.evaluate(100 - tail)));
        }
        return intervals;
    }

    private static boolean allFinite(double[] p) {
        if (p == null) {
            return false;
        }
        for (double v : p) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
