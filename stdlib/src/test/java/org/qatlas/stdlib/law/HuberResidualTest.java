package org.qatlas.stdlib.law;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HuberResidualTest {
    private static final double DELTA = 1e-3;

    @Test
    void squaredPseudoResidualIsTwiceTheHuberLoss() {
        for (double r : new double[] {-2, -0.05, -DELTA, -3e-4, 0, 5e-4, DELTA, 2e-3, 0.7, 40}) {
            double s = HuberResidual.pseudo(r, DELTA);
            assertEquals(2 * HuberResidual.loss(r, DELTA), s * s, 1e-15 * Math.max(1, s * s), "r = " + r);
            assertEquals(Math.signum(r), Math.signum(s), "sign at r = " + r);
        }
    }

    @Test
    void lossIsQuadraticInsideAndLinearOutside() {
        assertEquals(0.5 * 4e-8, HuberResidual.loss(2e-4, DELTA), 1e-20);
        assertEquals(DELTA * (0.5 - DELTA / 2), HuberResidual.loss(-0.5, DELTA), 1e-15);
    }

    @Test
    void slopeMatchesFiniteDifferencesOnBothSidesOfDelta() {
        for (double r : new double[] {-0.3, -2e-3, -5e-4, 1e-4, 9e-4, 1.1e-3, 0.02, 3}) {
            double h = 1e-9 * Math.max(Math.abs(r), 1e-3);
            double numeric = (HuberResidual.pseudo(r + h, DELTA) - HuberResidual.pseudo(r - h, DELTA)) / (2 * h);
            double analytic = HuberResidual.slope(HuberResidual.pseudo(r, DELTA), DELTA);
            assertEquals(numeric, analytic, 1e-5 * analytic, "r = " + r);
        }
        // Continuous slope at the kink: 1 from both sides.
        assertEquals(1.0, HuberResidual.slope(HuberResidual.pseudo(DELTA * (1 + 1e-12), DELTA), DELTA), 1e-9);
    }
}
