package org.qatlas.stdlib.quant;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Diagnostics of a tensor and of its quantization, computed over all elements in float64 so
 * that float32 tensors of millions of elements do not lose the sums: the quantization error,
 * and the two outlier measures the training engine records per layer input (paper A finds the
 * FC2 input at kurtosis about 123, the other inputs below about 10).
 */
public final class QuantStats {
    private QuantStats() {
    }

    /** Mean squared difference of two tensors of the same shape. */
    public static double mse(INDArray x, INDArray y) {
        if (!java.util.Arrays.equals(x.shape(), y.shape())) {
            throw new IllegalArgumentException("mse of tensors of different shapes");
        }
        INDArray difference = x.castTo(DataType.DOUBLE).sub(y.castTo(DataType.DOUBLE));
        return difference.muli(difference).meanNumber().doubleValue();
    }

    /** Mean squared error that fake quantization with {@code spec} adds to {@code x}. */
    public static double quantizationMse(QuantSpec spec, Role role, INDArray x) {
        return mse(x, new FakeQuantizer(spec, role).apply(x));
    }

    /**
     * Kurtosis E[(x - mean)^4] / Var^2 (population moments, not the excess: a Gaussian gives 3).
     * NaN for a constant tensor, whose variance is zero.
     */
    public static double kurtosis(INDArray x) {
        INDArray centered = x.castTo(DataType.DOUBLE).dup();
        centered.subi(centered.meanNumber().doubleValue());
        INDArray squared = centered.muli(centered);
        double variance = squared.meanNumber().doubleValue();
        double fourth = squared.muli(squared).meanNumber().doubleValue();
        return variance == 0 ? Double.NaN : fourth / (variance * variance);
    }

    /**
     * max|x| / median|x|: how far the largest element sits above a typical one. Infinite when
     * more than half the elements are zero, NaN for an all-zero tensor.
     */
    public static double outlierRatio(INDArray x) {
        INDArray magnitude = Transforms.abs(x.castTo(DataType.DOUBLE), true);
        double max = magnitude.maxNumber().doubleValue();
        double median = magnitude.medianNumber().doubleValue();
        return max / median;
    }
}
