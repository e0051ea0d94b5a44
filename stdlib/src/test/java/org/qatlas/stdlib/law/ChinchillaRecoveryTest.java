package org.qatlas.stdlib.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Chinchilla's law L = E + A/N^alpha + B/D^beta fitted to losses generated from the Epoch
 * constants on an 8 x 8 grid (N from 1e7 to 1e10, D from 1e9 to 1e12).
 *
 * <p>Tolerances: A and B trade off against alpha and beta (a larger A with a larger alpha
 * gives nearly the same losses over three decades of N), so with noise the coefficients are
 * held to 30% while E and the exponents are held to 2% and 5%; the bootstrap intervals must
 * still contain all five.
 */
class ChinchillaRecoveryTest {
    private static final Law LAW = new ChinchillaLaw();
    private static final List<String> NAMES = Recovery.names(LAW);
    private static final double[] TRUTH = ChinchillaLaw.EPOCH;
    private static final double[][] ROWS = SyntheticData.grid(SyntheticData.logSpaced(1e7, 1e10, 8),
            SyntheticData.logSpaced(1e9, 1e12, 8));
    private static final double[] NOISY_TOLERANCES = {0.02, 0.3, 0.3, 0.05, 0.05};

    @Test
    void exactDataGiveBackTheConstants() {
        SyntheticData data = SyntheticData.of(LAW, TRUTH, ROWS, 0, 1);
        Fit fit = Fitter.fit(LAW, data.rows, data.targets, FitOptions.defaults().withBootstrap(0));
        Recovery.assertWithin(fit, NAMES, TRUTH, new double[] {1e-6, 1e-6, 1e-6, 1e-6, 1e-6});
        assertTrue(fit.statistics().converged());
        assertEquals(0, fit.statistics().meanRelativeError(), 1e-9);
        assertTrue(fit.warnings().isEmpty(), fit.warnings()::toString);
    }

    @Test
    void halfAPercentNoiseGivesThemBackWithinTolerancesAndInsideTheIntervals() {
        SyntheticData data = SyntheticData.of(LAW, TRUTH, ROWS, 0.005, 7);
        Fit fit = Fitter.fit(LAW, data.rows, data.targets);
        Recovery.assertWithin(fit, NAMES, TRUTH, NOISY_TOLERANCES);
        for (int j = 0; j < TRUTH.length; j++) {
            assertTrue(fit.intervals().get(j).contains(TRUTH[j]), NAMES.get(j) + "\n" + fit.table());
        }
        // The loss itself is predicted far better than A or B are determined.
        for (double[] point : new double[][] {{1e8, 1e10}, {3e9, 5e11}}) {
            double truth = LAW.evaluate(point, TRUTH, null);
            assertEquals(truth, fit.predict(point), 0.005 * truth);
        }
        assertEquals(0.004, fit.statistics().meanRelativeError(), 0.002);
    }

    @Test
    void hubersFitShrugsOffGrossOutliersWhereLeastSquaresDoesNot() {
        // Three runs out of 64 whose loss was logged 50% too high (a diverged run, a unit mistake).
        SyntheticData data = SyntheticData.of(LAW, TRUTH, ROWS, 0.005, 7).withOutliers(1.5, 3, 20, 41);
        FitOptions options = FitOptions.defaults().withBootstrap(0);
        Fit huber = Fitter.fit(LAW, data.rows, data.targets, options);
        Recovery.assertWithin(huber, NAMES, TRUTH, NOISY_TOLERANCES);

        Fit squares = Fitter.fit(LAW, data.rows, data.targets, options.withObjective(Objective.LEAST_SQUARES));
        assertTrue(Recovery.relativeError(squares, "E", TRUTH[0]) > 0.1, squares::table);
        assertTrue(Recovery.relativeError(squares, "beta", TRUTH[4]) > 0.2, squares::table);
    }
}
