package org.qatlas.stdlib.law;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MinimizeTest {
    @Test
    void aParabolaInOneVariable() {
        Minimum m = Minimize.scalar(x -> (x - 3) * (x - 3) + 1, 0, 10, false);
        assertEquals(3, m.x(), 1e-7);
        assertEquals(1, m.value(), 1e-12);
    }

    @Test
    void onTheLogScaleOverSevenDecades() {
        Minimum m = Minimize.scalar(n -> Math.pow(Math.log10(n) - 9.3, 2) + 2, 1e6, 1e13, true);
        assertEquals(Math.pow(10, 9.3), m.x(), 1e-6 * Math.pow(10, 9.3));
    }

    @Test
    void theGlobalOfTwoLocalMinimaIsFoundByTheScan() {
        // Minima near x = -2 (value -4 + ...) and x = 2 (deeper).
        Minimum m = Minimize.scalar(x -> Math.pow(x * x - 4, 2) - x, -5, 5, false);
        assertEquals(2.03, m.x(), 0.01);
    }

    @Test
    void anEdgeMinimum() {
        assertEquals(1, Minimize.scalar(x -> x, 1, 5, false).x(), 1e-9);
    }

    @Test
    void rosenbrockInABox() {
        Minimum m = Minimize.bounded(p -> Math.pow(1 - p[0], 2) + 100 * Math.pow(p[1] - p[0] * p[0], 2),
                new double[] {-2, -1}, new double[] {2, 3});
        assertArrayEquals(new double[] {1, 1}, m.argmin(), 1e-4);
        assertEquals(0, m.value(), 1e-8);
    }

    @Test
    void aBoundThatBindsAndALogScaledVariable() {
        // Best N for a loss-like function N^-0.3 * 400 + N * 1e-9 on [1e6, 1e12], and x pushed to its upper bound.
        Minimum m = Minimize.bounded(p -> 400 * Math.pow(p[0], -0.3) + 1e-9 * p[0] - p[1],
                new double[] {1e6, 0}, new double[] {1e12, 2}, new boolean[] {true, false});
        double best = Math.pow(400 * 0.3 / 1e-9, 1 / 1.3);
        assertEquals(best, m.argmin()[0], 1e-3 * best);
        assertEquals(2, m.argmin()[1], 1e-9);
    }

    @Test
    void oneVariableThroughTheBoxEntryUsesBrent() {
        Minimum m = Minimize.bounded(p -> Math.cos(p[0]), new double[] {2}, new double[] {5});
        assertEquals(Math.PI, m.argmin()[0], 1e-7);
    }

    @Test
    void badBoundsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Minimize.scalar(x -> x, 1, 1, false));
        assertThrows(IllegalArgumentException.class, () -> Minimize.scalar(x -> x, 0, 1, true));
    }
}
