package org.qatlas.stdlib.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How close a backend's result must be to the float64 reference's. An element passes when
 * |actual - reference| <= RELATIVE |reference| + ABSOLUTE * max |reference|: the relative part
 * covers rounding of the element itself, the absolute part (scaled by the tensor's largest
 * magnitude) covers elements that are small because of cancellation, whose error is that of
 * the large terms they were computed from.
 */
record Tolerance(double relative, double absolute) {
    /**
     * float32 rounds at 6e-8; a kernel's result passes through a few to a few dozen roundings
     * (a product's sum over up to 64 terms, a softmax, a norm), which stay within 1e-5 of the
     * value and 1e-6 of the tensor's scale.
     */
    static final Tolerance FLOAT = new Tolerance(1e-5, 1e-6);
    /** A float64 backend against the float64 reference: only a different order of the same sums. */
    static final Tolerance DOUBLE = new Tolerance(1e-12, 1e-13);

    static Tolerance of(DataType type) {
        return type == DataType.DOUBLE ? DOUBLE : FLOAT;
    }

    /** Asserts every element of actual is within tolerance of reference (same shape). */
    void assertClose(String what, INDArray reference, INDArray actual) {
        assertArrayEquals(reference.shape(), actual.shape(), what + ": shape");
        double[] r = Tensors.values(reference);
        double[] a = Tensors.values(actual);
        double scale = maxAbs(r);
        for (int i = 0; i < r.length; i++) {
            double allowed = relative * Math.abs(r[i]) + absolute * scale;
            if (!(Math.abs(a[i] - r[i]) <= allowed)) {
                fail(what + "[" + i + "]: " + a[i] + " against the reference's " + r[i] + " (allowed " + allowed
                        + ", largest magnitude " + scale + ")");
            }
        }
    }

    /** A scalar against its reference, the scalar its own scale. */
    void assertClose(String what, double reference, double actual) {
        double allowed = (relative + absolute) * Math.abs(reference) + Double.MIN_NORMAL;
        if (!(Math.abs(actual - reference) <= allowed)) {
            fail(what + ": " + actual + " against the reference's " + reference + " (allowed " + allowed + ")");
        }
    }

    static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
