package org.qatlas.stdlib.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.qatlas.stdlib.backend.Backend;
import org.qatlas.stdlib.backend.ShapeChecks;

/**
 * RMSNorm over the rows of x [rows, hidden]: y = xhat * w with xhat = x / rms, rms =
 * sqrt(mean(x^2) + eps). The training forward keeps xhat and 1 / rms; backward is
 * dL/dw = sum over rows of g * xhat and dL/dx = (g*w - xhat * mean(g*w*xhat)) / rms, the mean
 * along the row.
 */
final class Nd4jRmsNorm implements Backend.RmsNorm {
    private static final String OP = "rmsNorm";

    private final double eps;
    private final DataType type;
    private INDArray normalized; // xhat of the kept forward, [rows, hidden]
    private INDArray inverseRms; // [rows, 1]

    Nd4jRmsNorm(double eps, DataType type) {
        ShapeChecks.positive(OP, "epsilon", eps);
        this.eps = eps;
        this.type = type;
    }

    @Override
    public INDArray forward(INDArray x, INDArray weight, boolean keep) {
        ShapeChecks.matrix(OP, "x", x, type);
        INDArray w = weightRow(weight, x.size(1));
        INDArray inverse = x.mul(x).mean(true, 1).addi(eps);
        Transforms.sqrt(inverse, false).rdivi(1.0);
        INDArray xhat = x.mulColumnVector(inverse);
        INDArray y = xhat.mulRowVector(w);
        if (keep) {
            normalized = xhat;
            inverseRms = inverse;
        }
        return y;
    }

    @Override
    public INDArray backward(INDArray gradOut, INDArray weight, INDArray weightGradient) {
        if (normalized == null) {
            throw new IllegalStateException(OP + ": backward without a kept forward");
        }
        ShapeChecks.matrix(OP, "gradient", gradOut, type, normalized.size(0), normalized.size(1));
        long hidden = normalized.size(1);
        INDArray w = weightRow(weight, hidden);
        ShapeChecks.ofType(OP, "weight gradient", weightGradient, type);
        if (weightGradient.length() != hidden) {
            throw new IllegalArgumentException(OP + ": weight gradient must hold " + hidden + " values, not "
                    + ShapeChecks.shape(weightGradient));
        }
        INDArray gradTimesXhat = gradOut.mul(normalized);
        weightGradient.addi(gradTimesXhat.sum(true, 0).reshape(weightGradient.shape()));
        INDArray projection = gradTimesXhat.mulRowVector(w).mean(true, 1); // mean(g*w*xhat), [rows, 1]
        INDArray gradIn = gradOut.mulRowVector(w).subi(normalized.mulColumnVector(projection)).muliColumnVector(inverseRms);
        normalized = null;
        inverseRms = null;
        return gradIn;
    }

    /** The weight [hidden] (or [1, hidden]) as a row [1, hidden], for broadcasting. */
    private INDArray weightRow(INDArray weight, long hidden) {
        ShapeChecks.ofType(OP, "weight", weight, type);
        if (weight.length() != hidden || (weight.rank() == 2 && weight.size(0) != 1) || weight.rank() > 2) {
            throw new IllegalArgumentException(OP + ": weight must be [" + hidden + "] for x of width " + hidden
                    + ", not " + ShapeChecks.shape(weight));
        }
        return weight.reshape(1, hidden);
    }
}
