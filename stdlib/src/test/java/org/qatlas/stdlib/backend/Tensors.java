package org.qatlas.stdlib.backend;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Deterministic test tensors, and the switch that keeps ND4J's ops on one thread in tests. */
final class Tensors {
    static {
        // Test tensors are tiny; on a loaded two-core machine every OpenMP parallel region can
        // cost milliseconds. Only speed changes.
        Nd4j.getEnvironment().setMaxMasterThreads(1);
    }

    private Tensors() {
    }

    /** Normal(0, std) values of the given type, filled in row-major order from the seed. */
    static INDArray normal(DataType type, long seed, double std, long... shape) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[Math.toIntExact(count(shape))];
        for (int i = 0; i < values.length; i++) {
            values[i] = std * random.nextGaussian();
        }
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(type);
    }

    /** Uniform values in [low, high). */
    static INDArray uniform(DataType type, long seed, double low, double high, long... shape) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[Math.toIntExact(count(shape))];
        for (int i = 0; i < values.length; i++) {
            values[i] = low + (high - low) * random.nextDouble();
        }
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(type);
    }

    /** {@code count} indices in [0, bound), with repeats. */
    static int[] indices(long seed, int count, int bound) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] result = new int[count];
        for (int i = 0; i < count; i++) {
            result[i] = random.nextInt(bound);
        }
        return result;
    }

    /** x in float64, a copy. */
    static INDArray doubles(INDArray x) {
        return x.castTo(DataType.DOUBLE).dup('c');
    }

    /** Row-major values of x as doubles (test-side reading, for loops and messages). */
    static double[] values(INDArray x) {
        return x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }
}
