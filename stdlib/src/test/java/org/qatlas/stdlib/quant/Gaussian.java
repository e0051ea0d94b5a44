package org.qatlas.stdlib.quant;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded standard-normal tensors, so that every test run sees the same numbers. */
final class Gaussian {
    private Gaussian() {
    }

    static INDArray tensor(long seed, DataType type, long... shape) {
        return Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(seed), shape).castTo(type);
    }
}
