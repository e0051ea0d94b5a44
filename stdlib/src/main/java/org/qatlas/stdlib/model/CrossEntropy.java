package org.qatlas.stdlib.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Softmax cross-entropy averaged over rows: loss = mean_i (logsumexp(z_i) - z_i[t_i]).
 * The row maximum is subtracted before exponentiating, so large logits cannot overflow, and
 * the log-probability is formed as (z - max) - log(sum exp(z - max)), never as log(p).
 */
public final class CrossEntropy {
    private INDArray probabilities;
    private int[] targets;

    /** logits [rows, vocab], one target per row; caches the softmax for {@link #backward}. */
    public double forward(INDArray logits, int[] targets) {
        INDArray shifted = checkedShift(logits, targets);
        double[] targetLogits = targetValues(shifted, targets);
        // shifted becomes exp(z - max) in place, then the softmax.
        INDArray sums = Transforms.exp(shifted, false).sum(true, 1);
        double loss = meanLoss(targetLogits, sums);
        shifted.diviColumnVector(sums);
        this.probabilities = shifted;
        this.targets = targets.clone();
        return loss;
    }

    /** The loss alone. */
    public double infer(INDArray logits, int[] targets) {
        INDArray shifted = checkedShift(logits, targets);
        double[] targetLogits = targetValues(shifted, targets);
        return meanLoss(targetLogits, Transforms.exp(shifted, false).sum(true, 1));
    }

    /**
     * dL/dz = (softmax(z) - onehot(t)) / rows, times {@code scale} (1 for a plain mean; a
     * micro-batch's weight when gradients are accumulated).
     */
    public INDArray backward(double scale) {
        if (probabilities == null) {
            throw new IllegalStateException("cross-entropy backward without a forward");
        }
        INDArray grad = probabilities;
        for (int i = 0; i < targets.length; i++) {
            grad.putScalar(i, targets[i], grad.getDouble(i, targets[i]) - 1.0);
        }
        grad.muli(scale / targets.length);
        probabilities = null;
        targets = null;
        return grad;
    }

    /** A copy of the logits minus their row maxima, after checking the targets. */
    private static INDArray checkedShift(INDArray logits, int[] targets) {
        if (logits.rank() != 2 || logits.size(0) != targets.length) {
            throw new IllegalArgumentException("logits must be [" + targets.length + ", vocab], not "
                    + java.util.Arrays.toString(logits.shape()));
        }
        long vocab = logits.size(1);
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] < 0 || targets[i] >= vocab) {
                throw new IllegalArgumentException("target " + targets[i] + " at row " + i
                        + " is outside the vocabulary [0, " + vocab + ")");
            }
        }
        return logits.sub(logits.max(true, 1));
    }

    /** (z - max)[i, t_i] for every row, read before the array is exponentiated in place. */
    private static double[] targetValues(INDArray shifted, int[] targets) {
        double[] values = new double[targets.length];
        for (int i = 0; i < targets.length; i++) {
            values[i] = shifted.getDouble(i, targets[i]);
        }
        return values;
    }

    /** mean of log(sum_j exp(z_ij - max_i)) - (z - max)[i, t_i]. */
    private static double meanLoss(double[] targetLogits, INDArray sums) {
        double total = 0;
        for (int i = 0; i < targetLogits.length; i++) {
            total += Math.log(sums.getDouble(i, 0)) - targetLogits[i];
        }
        return total / targetLogits.length;
    }
}
