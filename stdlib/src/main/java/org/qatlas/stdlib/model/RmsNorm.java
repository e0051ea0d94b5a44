package org.qatlas.stdlib.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.qatlas.stdlib.backend.Backend;

/**
 * RMSNorm (Zhang and Sennrich 2019) over the last dimension of [rows, hidden]:
 * {@code y = x / sqrt(mean(x^2) + eps) * w}, with a learned weight w [hidden] and no bias and
 * no mean subtraction. The backend's kernel keeps what the backward pass needs.
 */
public final class RmsNorm {
    /** Llama's epsilon. */
    public static final double EPS = 1e-5;

    private final INDArray weight;
    private final INDArray gradient;
    private final Backend.RmsNorm kernel;

    public RmsNorm(INDArray weight, INDArray gradient, Backend backend) {
        if (weight.rank() != 1 || !weight.equalShapes(gradient)) {
            throw new IllegalArgumentException("RMSNorm weight must be a vector [hidden] with a gradient of that shape");
        }
        this.weight = weight;
        this.gradient = gradient;
        this.kernel = backend.rmsNorm(EPS);
    }

    /** Training forward: keeps x / rms and 1 / rms. */
    public INDArray forward(INDArray x) {
        return kernel.forward(x, weight, true);
    }

    public INDArray infer(INDArray x) {
        return kernel.forward(x, weight, false);
    }

    /**
     * With xhat = x / rms and g = dL/dy: dL/dw = sum over rows of g * xhat (added into the
     * gradient), and dL/dx = (g*w - xhat * mean(g*w*xhat)) / rms, the mean taken along the row.
     */
    public INDArray backward(INDArray gradOut) {
        return kernel.backward(gradOut, weight, gradient);
    }
}
