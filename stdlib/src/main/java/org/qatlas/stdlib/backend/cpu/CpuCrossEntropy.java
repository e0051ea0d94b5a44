package org.qatlas.stdlib.backend.cpu;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.backend.Backend;
import org.qatlas.stdlib.backend.ShapeChecks;

/**
 * Softmax cross-entropy in Java loops over one float32 copy of the logits, the exp vectorized
 * ({@link FloatExp}). The row maximum is subtracted before exponentiating, so large logits
 * cannot overflow, and the log-probability is formed as (z - max) - log(sum exp(z - max)), never
 * as log(p). In ND4J ops the same work took seven native calls and three per-element calls per
 * row (reading and writing the target entries), whose fixed costs dominated at a vocabulary of 256.
 */
final class CpuCrossEntropy implements Backend.CrossEntropy {
    // The training forward's exp(z - max) [rows, vocab], row sums and targets, for backward.
    private float[] exp;
    private double[] sums;
    private int[] targets;
    private long[] shape;
    // The logits' copy and FloatExp's working space, kept between calls: the logits are the
    // same size every step.
    private float[] logits;
    private float[] expScratch;

    @Override
    public double forward(INDArray logitArray, int[] targetRows, boolean keep) {
        check(logitArray, targetRows);
        int rows = (int) logitArray.size(0);
        int vocab = (int) logitArray.size(1);
        if (logits == null || logits.length != rows * vocab) {
            logits = new float[rows * vocab];
            expScratch = new float[rows * vocab];
        }
        // An evaluation between a forward and its backward must leave the forward's exp alone.
        float[] z = keep || exp == null ? logits : new float[rows * vocab];
        NativeMatrix.of(NativeMatrix.contiguous(logitArray)).get(0, z, z.length);
        double[] targetLogits = new double[rows];
        double[] rowSums = new double[rows];
        for (int i = 0, base = 0; i < rows; i++, base += vocab) {
            float max = Reductions.max(z, base, base + vocab);
            for (int j = 0; j < vocab; j++) {
                z[base + j] -= max;
            }
            targetLogits[i] = z[base + targetRows[i]];
        }
        FloatExp.expInPlace(z, 0, z.length, 0f, expScratch);
        double total = 0;
        for (int i = 0, base = 0; i < rows; i++, base += vocab) {
            rowSums[i] = Reductions.sum(z, base, base + vocab);
            total += Math.log(rowSums[i]) - targetLogits[i];
        }
        if (keep) {
            exp = z;
            sums = rowSums;
            targets = targetRows.clone();
            shape = logitArray.shape();
        }
        return total / rows;
    }

    @Override
    public INDArray backward(double scale) {
        if (targets == null) {
            throw new IllegalStateException("crossEntropy: backward without a training forward");
        }
        int rows = (int) shape[0];
        int vocab = (int) shape[1];
        double factor = scale / rows;
        float[] g = exp;
        float f = (float) factor;
        for (int i = 0, base = 0; i < rows; i++, base += vocab) {
            float inverse = (float) (1.0 / sums[i]);
            for (int j = 0; j < vocab; j++) {
                g[base + j] = g[base + j] * inverse * f;
            }
            int t = base + targets[i];
            g[t] = (float) (g[t] - factor);
        }
        INDArray grad = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        NativeMatrix.of(grad).put(0, g, g.length);
        exp = null; // the same array as logits, which stays for the next forward
        sums = null;
        targets = null;
        return grad;
    }

    private static void check(INDArray logits, int[] targets) {
        ShapeChecks.matrix("crossEntropy", "logits", logits, DataType.FLOAT, targets.length, -1);
        ShapeChecks.indices("crossEntropy", "target", targets, logits.size(1));
    }
}
