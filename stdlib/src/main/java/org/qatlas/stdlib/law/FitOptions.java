package org.qatlas.stdlib.law;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@link Fitter#fit} fits a law. Start from {@link #defaults()} and change what you need
 * with the {@code with...} methods; every instance is immutable.
 *
 * @param objective what is minimised (default {@link Objective#HUBER_LOG})
 * @param huberDelta where the Huber loss turns from quadratic to linear, on the log-residual
 *     scale (default 1e-3, Chinchilla's value: residuals above 0.1% count linearly)
 * @param startGrid initial values to try, per parameter name; the starts are every combination
 *     (parameters not named keep their declared initial value). Empty (the default) means a
 *     small grid around each declared initial value, see {@link #defaults()}
 * @param maxStarts the most starts tried; a grid with more combinations is replaced by a Sobol
 *     sample of this many points in the same box (default 256, a 4^4 grid)
 * @param maxEvaluationsPerStart the cap on residual evaluations (each one evaluates the law on
 *     every row) of one start; a start that needs more is stopped where it is, and only the
 *     best few starts are then run on to convergence (default 15)
 * @param maxEvaluations the cap on residual evaluations for running the best start on to
 *     convergence, and for each bootstrap refit (default 1000)
 * @param bootstrap how many bootstrap refits give the intervals; 0 gives no intervals
 *     (default 200)
 * @param seed the seed of the bootstrap's resampling; the same seed gives the same intervals
 *     (default 1)
 * @param confidence the coverage of the percentile intervals (default 0.95)
 */
public record FitOptions(Objective objective, double huberDelta, Map<String, double[]> startGrid, int maxStarts,
        int maxEvaluationsPerStart, int maxEvaluations, int bootstrap, long seed, double confidence) {

    public FitOptions {
        if (objective == null) {
            throw new IllegalArgumentException("a fit needs an objective");
        }
        if (!(huberDelta > 0) || Double.isInfinite(huberDelta)) {
            throw new IllegalArgumentException("the Huber delta must be a positive number, not " + huberDelta);
        }
        Map<String, double[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : (startGrid == null ? Map.<String, double[]>of() : startGrid).entrySet()) {
            double[] values = e.getValue();
            if (values == null || values.length == 0) {
                throw new IllegalArgumentException("the start grid of " + e.getKey() + " has no values");
            }
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("the start grid of " + e.getKey() + " has " + v);
                }
            }
            copy.put(e.getKey(), values.clone());
        }
        startGrid = java.util.Collections.unmodifiableMap(copy);
        if (maxStarts < 1) {
            throw new IllegalArgumentException("at least one start is needed, not " + maxStarts);
        }
        if (maxEvaluationsPerStart < 2 || maxEvaluations < 2) {
            throw new IllegalArgumentException("the evaluation caps must be at least 2");
        }
        if (bootstrap < 0) {
            throw new IllegalArgumentException("the bootstrap count cannot be negative: " + bootstrap);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("the confidence must lie strictly between 0 and 1, not " + confidence);
        }
    }

    /**
     * Huber loss (delta 1e-3) on log residuals; the default start grid; up to 256 starts of at
     * most 15 evaluations each, the best four then run on for up to 1000; 200 bootstrap refits
     * with seed 1; 95% percentile intervals.
     *
     * <p>15 evaluations per start: on paper A's delta law with 5% noise, Levenberg-Marquardt
     * brings nine starts in ten of a 4^4 grid to within 1% of the best objective in 15
     * evaluations (one in five in 10), and the Huber objective's slow final convergence is then
     * paid for the best four only. Starts dominate the cost of a fit, so this cap is what keeps
     * a law written in the language fast enough.
     *
     * <p>The default start grid takes three values per parameter: its declared initial value, a
     * quarter of it and four times it (for a bounded parameter, a quarter of and four times its
     * distance above the bound; for a free parameter starting at 0, -1 and 1). That spans more
     * than a decade, which is how far a declared guess is typically off, at 3^n starts:
     * 81 for a four-constant law. Above 256 combinations (six parameters or more) the starts are
     * a Sobol sample of that box instead.
     */
    public static FitOptions defaults() {
        return new FitOptions(Objective.HUBER_LOG, 1e-3, Map.of(), 256, 15, 1000, 200, 1L, 0.95);
    }

    public FitOptions withObjective(Objective value) {
        return new FitOptions(value, huberDelta, startGrid, maxStarts, maxEvaluationsPerStart, maxEvaluations,
                bootstrap, seed, confidence);
    }

    public FitOptions withHuberDelta(double value) {
        return new FitOptions(objective, value, startGrid, maxStarts, maxEvaluationsPerStart, maxEvaluations,
                bootstrap, seed, confidence);
    }

    public FitOptions withStartGrid(Map<String, double[]> value) {
        return new FitOptions(objective, huberDelta, value, maxStarts, maxEvaluationsPerStart, maxEvaluations,
                bootstrap, seed, confidence);
    }

    public FitOptions withMaxStarts(int value) {
        return new FitOptions(objective, huberDelta, startGrid, value, maxEvaluationsPerStart, maxEvaluations,
                bootstrap, seed, confidence);
    }

    public FitOptions withMaxEvaluationsPerStart(int value) {
        return new FitOptions(objective, huberDelta, startGrid, maxStarts, value, maxEvaluations, bootstrap, seed,
                confidence);
    }

    public FitOptions withMaxEvaluations(int value) {
        return new FitOptions(objective, huberDelta, startGrid, maxStarts, maxEvaluationsPerStart, value, bootstrap,
                seed, confidence);
    }

    public FitOptions withBootstrap(int value) {
        return new FitOptions(objective, huberDelta, startGrid, maxStarts, maxEvaluationsPerStart, maxEvaluations,
                value, seed, confidence);
    }

    public FitOptions withSeed(long value) {
        return new FitOptions(objective, huberDelta, startGrid, maxStarts, maxEvaluationsPerStart, maxEvaluations,
                bootstrap, value, confidence);
    }

    public FitOptions withConfidence(double value) {
        return new FitOptions(objective, huberDelta, startGrid, maxStarts, maxEvaluationsPerStart, maxEvaluations,
                bootstrap, seed, value);
    }

    /** The start grid's values for one parameter (a copy), or null when it is not named. */
    public double[] startValues(String parameter) {
        double[] values = startGrid.get(parameter);
        return values == null ? null : values.clone();
    }
}
