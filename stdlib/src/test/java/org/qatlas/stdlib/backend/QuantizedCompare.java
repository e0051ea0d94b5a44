package org.qatlas.stdlib.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fake-quantized tensors against the reference. An element of x / scale that lies within
 * float32 rounding of a half level can round to either neighbour, so a float32 backend may put
 * a rare element one level away from the float64 reference; a wrong kernel moves many elements,
 * or moves them further. Allowed: at most one element in {@value #ELEMENTS_PER_FLIP} (at least
 * one) off by at most one step, every other element within the tolerance.
 */
final class QuantizedCompare {
    static final int ELEMENTS_PER_FLIP = 500;

    private QuantizedCompare() {
    }

    /** {@code largestStep}: the largest group's scale, max|x| / maxLevel. */
    static void assertClose(String what, Tolerance tolerance, INDArray reference, INDArray actual, double largestStep) {
        assertArrayEquals(reference.shape(), actual.shape(), what + ": shape");
        double[] r = Tensors.values(reference);
        double[] a = Tensors.values(actual);
        double scale = Tolerance.maxAbs(r);
        int allowedFlips = tolerance == Tolerance.DOUBLE ? 0 : Math.max(1, r.length / ELEMENTS_PER_FLIP);
        int flips = 0;
        for (int i = 0; i < r.length; i++) {
            double allowed = tolerance.relative() * Math.abs(r[i]) + tolerance.absolute() * scale;
            double difference = Math.abs(a[i] - r[i]);
            if (difference <= allowed) {
                continue;
            }
            if (difference <= largestStep * (1 + 1e-4) && ++flips <= allowedFlips) {
                continue;
            }
            fail(what + "[" + i + "]: " + a[i] + " against the reference's " + r[i] + " (allowed " + allowed
                    + ", one-level flips so far " + flips + " of " + allowedFlips + ")");
        }
    }
}
