package org.qatlas.stdlib.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Paper A's delta law k * D^gD * log2(G)^gG / N^gN fitted to penalties generated from the W4A4
 * constants (Table 1) on a 5 x 5 x 4 grid: N from 1e7 to 1e9, D from 1e9 to 1e11, G in
 * {32, 64, 128, 256}.
 *
 * <p>Tolerances with 5% noise (the paper's own relative error is 4.7%): gN 5%, gG 10%, gD 15%,
 * k 20% (k absorbs the errors of the exponents at D = N = 1). With 1% noise and outliers:
 * exponents 3% (gD 6%), k 10%.
 */
class ChenDeltaRecoveryTest {
    private static final Law LAW = new ChenDeltaLaw();
    private static final List<String> NAMES = Recovery.names(LAW);
    private static final double[] TRUTH = ChenDeltaLaw.W4A4;
    private static final double[][] ROWS = SyntheticData.grid(SyntheticData.logSpaced(1e7, 1e9, 5),
            SyntheticData.logSpaced(1e9, 1e11, 5), new double[] {32, 64, 128, 256});

    @Test
    void exactDataGiveBackTheConstants() {
        SyntheticData data = SyntheticData.of(LAW, TRUTH, ROWS, 0, 1);
        Fit fit = Fitter.fit(LAW, data.rows, data.targets, FitOptions.defaults().withBootstrap(0));
        Recovery.assertWithin(fit, NAMES, TRUTH, new double[] {1e-6, 1e-6, 1e-6, 1e-6});
        // Most starts, some of them four times off in every constant, find the optimum within
        // their 15 evaluations.
        assertTrue(fit.statistics().startsAtBest() > fit.statistics().starts() * 3 / 4, fit::table);
        assertTrue(fit.statistics().startsConverged() > fit.statistics().starts() / 2, fit::table);
    }

    @Test
    void fivePercentNoiseGivesThemBackWithinTolerances() {
        SyntheticData data = SyntheticData.of(LAW, TRUTH, ROWS, 0.05, 7);
        Fit fit = Fitter.fit(LAW, data.rows, data.targets);
        Recovery.assertWithin(fit, NAMES, TRUTH, new double[] {0.2, 0.05, 0.15, 0.1});
        // Multiplicative noise of 5% gives a mean relative error of about 5% * sqrt(2/pi) = 4%.
        assertEquals(0.04, fit.statistics().meanRelativeError(), 0.01);
        assertTrue(fit.statistics().rSquared() > 0.95, fit::table);
    }

    @Test
    void hubersFitShrugsOffGrossOutliersWhereLeastSquaresDoesNot() {
        // Three penalties out of 100 three times too large.
        SyntheticData data = SyntheticData.of(LAW, TRUTH, ROWS, 0.01, 7).withOutliers(3, 5, 50, 77);
        FitOptions options = FitOptions.defaults().withBootstrap(0);
        Fit huber = Fitter.fit(LAW, data.rows, data.targets, options);
        Recovery.assertWithin(huber, NAMES, TRUTH, new double[] {0.1, 0.03, 0.06, 0.03});

        Fit squares = Fitter.fit(LAW, data.rows, data.targets, options.withObjective(Objective.LEAST_SQUARES));
        assertTrue(Recovery.relativeError(squares, "k", TRUTH[0]) > 0.3, squares::table);
        assertTrue(Recovery.relativeError(squares, "gG", TRUTH[3]) > 0.06, squares::table);
    }
}
