package org.qatlas.stdlib.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Central finite differences in float64, compared with analytic gradients. */
public final class GradientCheck {
    /** Step: small enough for the O(h^2) truncation, large enough for float64 round-off. */
    static final double STEP = 1e-5;
    /** The largest relative error accepted. */
    public static final double TOLERANCE = 1e-6;
    /**
     * Floor of the relative error's denominator: below it the error is measured absolutely,
     * since round-off in a loss of order 1 leaves about 1e-11 of noise in any difference.
     */
    public static final double FLOOR = 1e-4;

    static {
        useOneOpThread();
    }

    private GradientCheck() {
    }

    /**
     * Test tensors are tiny, and with OpenMP's default busy-waiting on a loaded two-core
     * machine every parallel region can cost milliseconds: run ND4J's own ops on one thread.
     * Only speed changes; results are the same.
     */
    static void useOneOpThread() {
        Nd4j.getEnvironment().setMaxMasterThreads(1);
    }

    /** Normal(0, std) float64 values, deterministic in the seed. */
    static INDArray random(long seed, double std, long... shape) {
        return ParameterInit.normal("test", seed, std, DataType.DOUBLE, shape);
    }

    /** sum(y * r): a scalar whose gradient with respect to y is r. */
    public static double weightedSum(INDArray y, INDArray r) {
        return y.mul(r).sumNumber().doubleValue();
    }

    /** (f(x + h e_i) - f(x - h e_i)) / 2h, x restored afterwards. i is a row-major index. */
    public static double numeric(INDArray x, long i, DoubleSupplier f) {
        double original = x.getDouble(i);
        x.putScalar(i, original + STEP);
        double plus = f.getAsDouble();
        x.putScalar(i, original - STEP);
        double minus = f.getAsDouble();
        x.putScalar(i, original);
        return (plus - minus) / (2 * STEP);
    }

    public static double relativeError(double analytic, double numeric) {
        return Math.abs(analytic - numeric) / Math.max(FLOOR, Math.max(Math.abs(analytic), Math.abs(numeric)));
    }

    /** Checks every entry of x. */
    static double assertAll(String what, INDArray x, INDArray analytic, DoubleSupplier f) {
        long[] all = new long[(int) x.length()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return assertAt(what, x, analytic, f, all);
    }

    /** Checks {@code count} entries of x chosen at random (with the seed). */
    static double assertSampled(String what, INDArray x, INDArray analytic, DoubleSupplier f, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] chosen = new long[count];
        for (int i = 0; i < count; i++) {
            chosen[i] = random.nextLong(x.length());
        }
        return assertAt(what, x, analytic, f, chosen);
    }

    /** Returns the worst relative error seen, after asserting it is within tolerance. */
    private static double assertAt(String what, INDArray x, INDArray analytic, DoubleSupplier f, long[] indices) {
        assertTrue(x.dataType() == DataType.DOUBLE, "gradient checks need float64");
        assertTrue(x.equalShapes(analytic), what + ": gradient shape differs from the tensor's");
        INDArray flatAnalytic = analytic.dup('c');
        double worst = 0;
        for (long i : indices) {
            double a = flatAnalytic.getDouble(i);
            double n = numeric(x, i, f);
            double error = relativeError(a, n);
            worst = Math.max(worst, error);
            assertTrue(error < TOLERANCE, what + "[" + i + "]: analytic " + a + " vs numeric " + n
                    + ", relative error " + error);
        }
        return worst;
    }
}
