package org.qatlas.stdlib.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Softmax cross-entropy averaged over rows: loss = mean_i (logsumexp(z_i) - z_i[t_i]).
 * The row maximum is subtracted before exponentiating, so large logits cannot overflow, and
 * the log-probability is formed as (z - max) - log(sum exp(z - max)), never as log(p).
 *
 * <p>The row maxima, sums, exp and the gradient are plain Java loops over one copy of the
 * logits, the float32 exp vectorized ({@link FloatExp}; the float64 one, for gradient checks,
 * is an ND4J call). In ND4J ops the same
 * work took seven native calls and three per-element calls per row (reading and writing the
 * target entries), whose fixed costs dominated at a vocabulary of 256.
 */
public final class CrossEntropy {
    // The training forward's exp(z - max) [rows, vocab], row sums and targets, for backward.
    private float[] expF;
    private double[] expD;
    private double[] sums;
    private int[] targets;
    private DataType type;
    private long[] shape;
    // The float32 logits' copy and FloatExp's working space, kept between calls: the logits
    // are the same size every step.
    private float[] logitsF;
    private float[] expScratch;

    /** logits [rows, vocab], one target per row; caches the softmax's parts for {@link #backward}. */
    public double forward(INDArray logits, int[] targets) {
        double loss = compute(logits, targets, true);
        this.targets = targets.clone();
        return loss;
    }

    /** The loss alone. */
    public double infer(INDArray logits, int[] targets) {
        return compute(logits, targets, false);
    }

    /**
     * dL/dz = (softmax(z) - onehot(t)) / rows, times {@code scale} (1 for a plain mean; a
     * micro-batch's weight when gradients are accumulated).
     */
    public INDArray backward(double scale) {
        if (targets == null) {
            throw new IllegalStateException("cross-entropy backward without a forward");
        }
        int rows = (int) shape[0];
        int vocab = (int) shape[1];
        INDArray grad = Nd4j.createUninitialized(type, shape, 'c');
        double factor = scale / rows;
        if (type == DataType.FLOAT) {
            float[] g = expF;
            float f = (float) factor;
            for (int i = 0, base = 0; i < rows; i++, base += vocab) {
                float inverse = (float) (1.0 / sums[i]);
                for (int j = 0; j < vocab; j++) {
                    g[base + j] = g[base + j] * inverse * f;
                }
                int t = base + targets[i];
                g[t] = (float) (g[t] - factor);
            }
            NativeMatrix.of(grad).put(0, g, g.length);
        } else {
            double[] g = expD;
            for (int i = 0, base = 0; i < rows; i++, base += vocab) {
                double inverse = 1.0 / sums[i];
                for (int j = 0; j < vocab; j++) {
                    g[base + j] = g[base + j] * inverse * factor;
                }
                g[base + targets[i]] -= factor;
            }
            NativeMatrix.of(grad).put(0, g, g.length);
        }
        expF = null; // logitsF, the same array, stays for the next forward
        expD = null;
        sums = null;
        targets = null;
        return grad;
    }

    /** The mean loss; {@code keep} keeps exp(z - max) and the row sums for backward. */
    private double compute(INDArray logits, int[] targets, boolean keep) {
        check(logits, targets);
        int rows = (int) logits.size(0);
        int vocab = (int) logits.size(1);
        DataType type = logits.dataType();
        // z - max in a Java copy of the logits, exponentiated in place: float32 by FloatExp's
        // vectorized pass, float64 (gradient checks) by ND4J.
        NativeMatrix in = NativeMatrix.of(NativeMatrix.contiguous(logits));
        double[] targetLogits = new double[rows];
        double[] rowSums = new double[rows];
        float[] zF = null;
        double[] zD = null;
        if (type == DataType.FLOAT) {
            if (logitsF == null || logitsF.length != rows * vocab) {
                logitsF = new float[rows * vocab];
                expScratch = new float[rows * vocab];
            }
            // An inference between a forward and its backward must leave the forward's exp alone.
            zF = keep || expF == null ? logitsF : new float[rows * vocab];
            in.get(0, zF, zF.length);
            for (int i = 0, base = 0; i < rows; i++, base += vocab) {
                float max = Reductions.max(zF, base, base + vocab);
                for (int j = 0; j < vocab; j++) {
                    zF[base + j] -= max;
                }
                targetLogits[i] = zF[base + targets[i]];
            }
            FloatExp.expInPlace(zF, 0, zF.length, 0f, expScratch);
            for (int i = 0, base = 0; i < rows; i++, base += vocab) {
                rowSums[i] = Reductions.sum(zF, base, base + vocab);
            }
        } else {
            zD = new double[rows * vocab];
            in.get(0, zD, zD.length);
            for (int i = 0, base = 0; i < rows; i++, base += vocab) {
                double max = zD[base];
                for (int j = 1; j < vocab; j++) {
                    max = Math.max(max, zD[base + j]);
                }
                for (int j = 0; j < vocab; j++) {
                    zD[base + j] -= max;
                }
                targetLogits[i] = zD[base + targets[i]];
            }
            INDArray shifted = Nd4j.createUninitialized(type, logits.shape(), 'c');
            NativeMatrix out = NativeMatrix.of(shifted);
            out.put(0, zD, zD.length);
            Transforms.exp(shifted, false);
            out.get(0, zD, zD.length);
            for (int i = 0, base = 0; i < rows; i++, base += vocab) {
                double sum = 0;
                for (int j = 0; j < vocab; j++) {
                    sum += zD[base + j];
                }
                rowSums[i] = sum;
            }
        }
        double total = 0;
        for (int i = 0; i < rows; i++) {
            total += Math.log(rowSums[i]) - targetLogits[i];
        }
        if (keep) {
            this.expF = zF;
            this.expD = zD;
            this.sums = rowSums;
            this.type = type;
            this.shape = logits.shape();
        }
        return total / rows;
    }

    private static void check(INDArray logits, int[] targets) {
        if (logits.rank() != 2 || logits.size(0) != targets.length) {
            throw new IllegalArgumentException("logits must be [" + targets.length + ", vocab], not "
                    + java.util.Arrays.toString(logits.shape()));
        }
        if (logits.dataType() != DataType.FLOAT && logits.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("logits must be FLOAT or DOUBLE, not " + logits.dataType());
        }
        long vocab = logits.size(1);
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] < 0 || targets[i] >= vocab) {
                throw new IllegalArgumentException("target " + targets[i] + " at row " + i
                        + " is outside the vocabulary [0, " + vocab + ")");
            }
        }
    }
}
