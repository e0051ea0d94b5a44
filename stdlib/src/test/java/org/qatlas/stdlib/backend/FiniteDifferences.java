package org.qatlas.stdlib.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Central finite differences in float64 against an analytic gradient, every element, with the
 * step and tolerances of the model's own gradient checks.
 */
final class FiniteDifferences {
    /** Small enough for the O(h^2) truncation, large enough for float64 round-off. */
    static final double STEP = 1e-5;
    /** The largest relative error accepted. */
    static final double TOLERANCE = 1e-6;
    /** Below this magnitude the error is measured absolutely: a loss of order 1 keeps ~1e-11 of noise. */
    static final double FLOOR = 1e-4;

    private FiniteDifferences() {
    }

    /** sum(y * r): a scalar whose gradient with respect to y is r. */
    static double weightedSum(INDArray y, INDArray r) {
        return y.mul(r).sumNumber().doubleValue();
    }

    /**
     * Asserts that analytic is the gradient of f with respect to x (float64, c order, changed and
     * restored element by element).
     */
    static void assertGradient(String what, INDArray x, INDArray analytic, DoubleSupplier f) {
        assertEquals(DataType.DOUBLE, x.dataType(), what + ": gradient checks need float64");
        assertArrayEquals(x.shape(), analytic.shape(), what + ": gradient shape");
        assertEquals('c', x.ordering(), what + ": the checked tensor must be in c order");
        double[] a = Tensors.values(analytic);
        double worstNumeric = 0;
        for (int i = 0; i < a.length; i++) {
            double original = x.getDouble(i);
            x.putScalar(i, original + STEP);
            double plus = f.getAsDouble();
            x.putScalar(i, original - STEP);
            double minus = f.getAsDouble();
            x.putScalar(i, original);
            double numeric = (plus - minus) / (2 * STEP);
            worstNumeric = Math.max(worstNumeric, Math.abs(numeric));
            double error = Math.abs(a[i] - numeric) / Math.max(FLOOR, Math.max(Math.abs(a[i]), Math.abs(numeric)));
            if (error > TOLERANCE) {
                fail(what + "[" + i + "]: analytic " + a[i] + " against numeric " + numeric + ", relative error " + error);
            }
        }
        if (worstNumeric < FLOOR) {
            fail(what + ": every numeric gradient is below " + FLOOR + ", so the check shows nothing");
        }
    }
}
