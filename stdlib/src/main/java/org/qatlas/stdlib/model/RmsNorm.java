package org.qatlas.stdlib.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * RMSNorm (Zhang and Sennrich 2019) over the last dimension of [rows, hidden]:
 * {@code y = x / sqrt(mean(x^2) + eps) * w}, with a learned weight w [hidden] and no bias
 * and no mean subtraction.
 */
public final class RmsNorm {
    /** Llama's epsilon. */
    public static final double EPS = 1e-5;

    private final INDArray weight;
    private final INDArray gradient;
    private final double eps;
    private INDArray normalized;
    private INDArray inverseRms;

    public RmsNorm(INDArray weight, INDArray gradient) {
        this(weight, gradient, EPS);
    }

    public RmsNorm(INDArray weight, INDArray gradient, double eps) {
        if (weight.rank() != 1 || !weight.equalShapes(gradient)) {
            throw new IllegalArgumentException("RMSNorm weight must be a vector [hidden] with a gradient of that shape");
        }
        this.weight = weight;
        this.gradient = gradient;
        this.eps = eps;
    }

    /** Training forward: caches x / rms and 1 / rms. */
    public INDArray forward(INDArray x) {
        inverseRms = inverseRms(x);
        normalized = x.mulColumnVector(inverseRms);
        return normalized.mulRowVector(weight);
    }

    public INDArray infer(INDArray x) {
        return x.mulColumnVector(inverseRms(x)).muliRowVector(weight);
    }

    /**
     * With xhat = x / rms and g = dL/dy: dL/dw = sum over rows of g * xhat, and
     * dL/dx = (g*w - xhat * mean(g*w*xhat)) / rms, the mean taken along the row.
     */
    public INDArray backward(INDArray gradOut) {
        if (normalized == null) {
            throw new IllegalStateException("RMSNorm backward without a training forward");
        }
        gradient.addi(gradOut.mul(normalized).sum(0));
        INDArray gradNormalized = gradOut.mulRowVector(weight);
        INDArray projection = gradNormalized.mul(normalized).mean(true, 1);
        INDArray gradInput = gradNormalized.subi(normalized.mulColumnVector(projection)).muliColumnVector(inverseRms);
        normalized = null;
        inverseRms = null;
        return gradInput;
    }

    /** 1 / sqrt(mean(x^2) + eps) per row, as a column [rows, 1]. */
    private INDArray inverseRms(INDArray x) {
        INDArray meanSquare = x.mul(x).mean(true, 1);
        return Transforms.pow(meanSquare.addi(eps), -0.5, false);
    }
}
