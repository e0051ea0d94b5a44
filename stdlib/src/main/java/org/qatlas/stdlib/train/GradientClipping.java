package org.qatlas.stdlib.train;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Clipping by global norm: all gradients are scaled together when their joint norm is too large. */
public final class GradientClipping {
    private GradientClipping() {
    }

    /** The global L2 norm of the gradients, before any clipping. */
    public static double globalNorm(Map<String, INDArray> gradients) {
        double sumOfSquares = 0;
        for (INDArray gradient : gradients.values()) {
            double norm = gradient.norm2Number().doubleValue();
            sumOfSquares += norm * norm;
        }
        return Math.sqrt(sumOfSquares);
    }

    /** Scales the gradients in place so their global norm is at most {@code maxNorm}; returns the norm before. */
    public static double clip(Map<String, INDArray> gradients, double maxNorm) {
        double norm = globalNorm(gradients);
        if (maxNorm > 0 && norm > maxNorm) {
            double scale = maxNorm / (norm + 1e-12);
            gradients.values().forEach(g -> g.muli(scale));
        }
        return norm;
    }
}
