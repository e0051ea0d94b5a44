package org.qatlas.stdlib.backend.cpu;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Float32 copies between ND4J arrays in host memory and Java arrays, by bulk copies through
 * {@link NativeMatrix}: {@code INDArray.data().asFloat()} and {@code Nd4j.create(float[])} cost
 * about 20x more for the same copy. Kernels keep their Java buffers while the shape stays (one
 * kernel per layer, the same shape every step), so a step allocates no large Java arrays.
 */
final class HostArrays {
    /**
     * Floats a kernel copies to the Java heap at a time when it works through a tensor in
     * tiles (256 KB): a whole tensor at once makes arrays of megabytes, which G1 allocates as
     * humongous objects, each starting a collection (fake quantization at the benchmark's
     * largest size: about 1.5 a step, with pauses of up to 140 ms on steps of 500 ms).
     */
    static final int TILE = 65_536;

    private HostArrays() {
    }

    /** x's elements in {@code buffer} if it has the right length, else in a new array. */
    static float[] copy(INDArray x, float[] buffer) {
        float[] values = reuse(buffer, (int) x.length());
        NativeMatrix.of(NativeMatrix.contiguous(requireFloat(x))).get(0, values, values.length);
        return values;
    }

    static float[] reuse(float[] buffer, int length) {
        return buffer != null && buffer.length == length ? buffer : new float[length];
    }

    static double[] reuse(double[] buffer, int length) {
        return buffer != null && buffer.length == length ? buffer : new double[length];
    }

    /** A new row-major float32 array of {@code shape} holding {@code values}. */
    static INDArray array(float[] values, long... shape) {
        INDArray result = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        NativeMatrix.of(result).put(0, values, values.length);
        return result;
    }

    /** x itself; the cpu backend computes in float32 only (the float64 reference is the nd4j backend). */
    static INDArray requireFloat(INDArray x) {
        if (x.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("the cpu backend computes in float32, not " + x.dataType()
                    + ": use the nd4j backend for float64");
        }
        return x;
    }
}
