package org.qatlas.stdlib.train;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.qatlas.stdlib.backend.Backend;

/**
 * Clipping by global norm: all gradients are scaled together when their joint norm is too large.
 *
 * <p>The norm is summed in double over each gradient's sum of squares, which its backend
 * computes (one Java pass in tiles on the cpu backend, where ND4J's norm2 cost a native call per
 * parameter with its own dispatch and thread wake-up).
 */
public final class GradientClipping {
    private GradientClipping() {
    }

    /** The global L2 norm of the gradients, before any clipping. */
    public static double globalNorm(Map<String, INDArray> gradients, Backend backend) {
        double sumOfSquares = 0;
        for (INDArray gradient : gradients.values()) {
            sumOfSquares += backend.sumOfSquares(gradient);
        }
        return Math.sqrt(sumOfSquares);
    }

    /** Scales the gradients in place so their global norm is at most {@code maxNorm}; returns the norm before. */
    public static double clip(Map<String, INDArray> gradients, double maxNorm, Backend backend) {
        double norm = globalNorm(gradients, backend);
        double scale = scale(norm, maxNorm);
        if (scale != 1.0) {
            gradients.values().forEach(g -> backend.scaleInPlace(g, scale));
        }
        return norm;
    }

    /**
     * The factor that brings gradients of global norm {@code norm} down to {@code maxNorm}: 1 when
     * they are within it (or {@code maxNorm} is 0, no clipping). The trainer hands it to
     * {@link AdamW#update(Map, Map, double, double)}, whose pass applies it, instead of scaling
     * every gradient array first (an ND4J call per parameter).
     */
    public static double scale(double norm, double maxNorm) {
        return maxNorm > 0 && norm > maxNorm ? maxNorm / (norm + 1e-12) : 1.0;
    }
}
