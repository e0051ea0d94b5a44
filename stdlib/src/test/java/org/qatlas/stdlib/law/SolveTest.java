package org.qatlas.stdlib.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SolveTest {
    @Test
    void aRootInsideTheBracket() {
        assertEquals(Math.sqrt(2), Solve.root(x -> x * x - 2, 0, 3), 1e-12);
    }

    @Test
    void aRootNearTenToTheElevenFoundByWideningFromAMuchSmallerBracket() {
        // The model size at which a 4-bit model's loss matches full precision: Chinchilla's loss
        // plus a penalty that falls with N, against the same loss plus a fixed offset.
        double[] c = ChinchillaLaw.EPOCH;
        double d = 1e12;
        double target = 1.234e11;
        double offset = 0.05 * Math.pow(target, -0.2);
        java.util.function.DoubleUnaryOperator gap = n -> (c[0] + c[1] / Math.pow(n, c[3]) + c[2] / Math.pow(d, c[4])
                + 0.05 * Math.pow(n, -0.2)) - (c[0] + c[1] / Math.pow(n, c[3]) + c[2] / Math.pow(d, c[4]) + offset);
        double root = Solve.root(gap, 1e6, 1e7);
        assertEquals(target, root, 1e-8 * target);
    }

    @Test
    void twoRootsInsideABracketWithTheSameSignAtBothEnds() {
        double root = Solve.root(x -> (x - 1) * (x - 2), 0, 3);
        assertTrue(Math.abs(root - 1) < 1e-12 || Math.abs(root - 2) < 1e-12, () -> "root " + root);
    }

    @Test
    void widensOnThePlainScaleAcrossZero() {
        assertEquals(-50, Solve.root(x -> x + 50, 0, 1), 1e-10);
    }

    @Test
    void skipsPointsWhereTheFunctionIsNotFinite() {
        assertEquals(Math.E, Solve.root(x -> x < 2 ? Double.NaN : Math.log(x) - 1, 1, 10), 1e-12);
    }

    @Test
    void noSignChangeIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Solve.root(x -> x * x + 1, -1, 1));
        assertTrue(e.getMessage().startsWith("no root: the function does not change sign"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Solve.root(x -> x, 2, 1));
    }
}
