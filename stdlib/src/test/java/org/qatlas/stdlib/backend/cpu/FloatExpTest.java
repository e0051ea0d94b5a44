package org.qatlas.stdlib.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vectorized float exp against Math.exp, on the ranges and at the edges its callers reach. */
class FloatExpTest {
    @Test
    void agreesWithMathExpToAFewUnitsInTheLastPlace() {
        SplittableRandom random = new SplittableRandom(7);
        float[] x = new float[100_003]; // not a multiple of any vector width
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-87.0, 88.0);
        }
        float[] y = x.clone();
        FloatExp.expInPlace(y, 0, y.length, 0f, new float[y.length]);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(y[i] / Math.exp(x[i]) - 1));
        }
        assertTrue(worst < 5e-7, "worst relative error " + worst);
    }

    @Test
    void shiftsAndTouchesOnlyItsRange() {
        float[] a = {9f, 0f, 1f, -2f, 9f};
        FloatExp.expInPlace(a, 1, 4, 1f, new float[5]);
        assertEquals(9f, a[0]);
        assertEquals(Math.exp(-1), a[1], 1e-7);
        assertEquals(1f, a[2], 1e-7);
        assertEquals(Math.exp(-3), a[3], 1e-8);
        assertEquals(9f, a[4]);
    }

    @Test
    void edgesStayFiniteAndNanStaysNan() {
        float[] a = {0f, -1e30f, Float.NEGATIVE_INFINITY, 1e30f, Float.NaN};
        FloatExp.expInPlace(a, 0, a.length, 0f, new float[a.length]);
        assertEquals(1f, a[0]);
        assertTrue(a[1] >= 0 && a[1] < 1e-37f, "exp of a huge negative number is about 0: " + a[1]);
        assertTrue(a[2] >= 0 && a[2] < 1e-37f, "exp(-inf) is about 0: " + a[2]);
        assertTrue(Float.isFinite(a[3]) && a[3] > 1e38f, "exp of a huge number saturates: " + a[3]);
        assertTrue(Float.isNaN(a[4]));
    }
}
