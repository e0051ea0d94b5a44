package org.qatlas.stdlib.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.qatlas.stdlib.model.GradientCheck;

/**
 * Every element of a float64 gradient against central finite differences, with the model's
 * own gradient checks' step, tolerance and error measure ({@link GradientCheck}), and a check
 * that the comparison says something: a function whose numeric gradient is flat everywhere
 * would pass any analytic one.
 */
final class FiniteDifferences {
    private FiniteDifferences() {
    }

    /** sum(y * r): a scalar whose gradient with respect to y is r. */
    static double weightedSum(INDArray y, INDArray r) {
        return GradientCheck.weightedSum(y, r);
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
            double numeric = GradientCheck.numeric(x, i, f);
            worstNumeric = Math.max(worstNumeric, Math.abs(numeric));
            double error = GradientCheck.relativeError(a[i], numeric);
            if (error > GradientCheck.TOLERANCE) {
                fail(what + "[" + i + "]: analytic " + a[i] + " against numeric " + numeric + ", relative error " + error);
            }
        }
        if (worstNumeric < GradientCheck.FLOOR) {
            fail(what + ": every numeric gradient is below " + GradientCheck.FLOOR + ", so the check shows nothing");
        }
    }
}
