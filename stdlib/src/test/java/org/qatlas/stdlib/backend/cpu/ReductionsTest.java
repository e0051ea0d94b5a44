package org.qatlas.stdlib.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The four-way reductions against one plain loop, on every range length up to a few vectors and on offsets. */
class ReductionsTest {
    private final float[] x = randomFloats(1, 301);
    private final float[] y = randomFloats(2, 301);

    @Test
    void sumsAgreeWithOneRunningSum() {
        for (int from = 0; from < 5; from++) {
            for (int to = from; to <= 301; to += 1 + to / 16) {
                double sum = 0;
                double squares = 0;
                double dot = 0;
                for (int i = from; i < to; i++) {
                    sum += x[i];
                    squares += (double) x[i] * x[i];
                    dot += (double) x[i] * y[i];
                }
                // Only the order of the additions differs: agreement to a few units in the 15th digit.
                assertEquals(sum, Reductions.sum(x, from, to), 1e-13 * (1 + squares), "sum over [" + from + ", " + to + ")");
                assertEquals(squares, Reductions.sumOfSquares(x, from, to), 1e-13 * (1 + squares),
                        "squares over [" + from + ", " + to + ")");
                assertEquals(dot, Reductions.dot(x, y, from, to), 1e-13 * (1 + squares), "dot over [" + from + ", " + to + ")");
            }
        }
    }

    @Test
    void doubleDotProduct() {
        double[] a = {1, 2, 3, 4, 5, 6, 7};
        double[] b = {7, 6, 5, 4, 3, 2, 1};
        assertEquals(7 + 12 + 15 + 16 + 15 + 12 + 7, Reductions.dot(a, b, 7));
        assertEquals(7 + 12 + 15, Reductions.dot(a, b, 3));
        assertEquals(0, Reductions.dot(a, b, 0));
    }

    @Test
    void maxFindsTheLargestWhereverItIs() {
        for (int length = 1; length <= 11; length++) {
            for (int at = 0; at < length; at++) {
                float[] a = new float[length + 2];
                java.util.Arrays.fill(a, -5f);
                a[0] = 100f; // outside the range
                a[1 + at] = 3f;
                assertEquals(3f, Reductions.max(a, 1, 1 + length), "length " + length + ", largest at " + at);
            }
        }
        assertEquals(-1f, Reductions.max(new float[] {-3f, -1f, -2f}, 0, 3));
    }

    @Test
    void maxOfARangeWithNanIsNan() {
        float[] a = {1f, 2f, Float.NaN, 0f, 5f, 1f};
        assertTrue(Float.isNaN(Reductions.max(a, 0, a.length)));
        assertEquals(5f, Reductions.max(a, 3, a.length));
    }

    private static float[] randomFloats(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextDouble(-3, 3);
        }
        return values;
    }
}
