package org.qatlas.stdlib.model;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deterministic parameter filling. Each tensor draws from its own generator, seeded from the
 * model seed and the tensor's name, so a tensor's values do not depend on which other
 * tensors exist (a tied and an untied model share their common tensors exactly) nor on the
 * order they are created in, and do not depend on ND4J's global random state.
 */
final class ParameterInit {
    private ParameterInit() {
    }

    /** Normal(0, std) values, filled in row-major order. */
    static INDArray normal(String name, long seed, double std, DataType dataType, long... shape) {
        SplittableRandom random = new SplittableRandom(streamSeed(seed, name));
        long count = 1;
        for (long s : shape) {
            count *= s;
        }
        double[] values = new double[Math.toIntExact(count)];
        for (int i = 0; i < values.length; i++) {
            values[i] = std * random.nextGaussian();
        }
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(dataType);
    }

    static INDArray ones(DataType dataType, long... shape) {
        return Nd4j.ones(dataType, shape);
    }

    /** A 64-bit FNV-1a hash of the name, mixed with the seed. */
    private static long streamSeed(long seed, String name) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return seed * 0x9E3779B97F4A7C15L ^ hash;
    }
}
