package org.qatlas.stdlib.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.OneHot;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.qatlas.stdlib.backend.Backend;
import org.qatlas.stdlib.backend.ShapeChecks;

/**
 * Softmax cross-entropy averaged over rows: loss = mean_i (log sum_j exp(z_ij - max_i)
 * - (z_i,t_i - max_i)), the row maximum subtracted first so that exp cannot overflow. The
 * target entries are picked by a one-hot matrix of the targets (ND4J's one_hot op), which the
 * backward reuses: dL/dz = (softmax(z) - onehot) * scale / rows. The per-row losses are
 * averaged in float64.
 */
final class Nd4jCrossEntropy implements Backend.CrossEntropy {
    private static final String OP = "crossEntropy";

    private final DataType type;
    // Kept by the training forward: exp(z - max) [rows, vocab], its row sums [rows, 1], the one-hot targets.
    private INDArray exponentials;
    private INDArray sums;
    private INDArray oneHot;

    Nd4jCrossEntropy(DataType type) {
        this.type = type;
    }

    @Override
    public double forward(INDArray logits, int[] targets, boolean keep) {
        ShapeChecks.matrix(OP, "logits", logits, type, targets.length, -1);
        long rows = logits.size(0);
        long vocab = logits.size(1);
        ShapeChecks.indices(OP, "target", targets, vocab);
        INDArray shifted = logits.subColumnVector(logits.max(true, 1));
        INDArray onehot = Nd4j.zeros(type, rows, vocab);
        Nd4j.exec(new OneHot(Nd4j.createFromArray(targets), onehot, (int) vocab, -1, 1.0, 0.0));
        INDArray targetLogits = shifted.mul(onehot).sum(true, 1);
        INDArray exp = Transforms.exp(shifted, false);
        INDArray rowSums = exp.sum(true, 1);
        INDArray perRow = Transforms.log(rowSums, true).subi(targetLogits);
        double loss = perRow.castTo(DataType.DOUBLE).meanNumber().doubleValue();
        if (keep) {
            exponentials = exp;
            sums = rowSums;
            oneHot = onehot;
        }
        return loss;
    }

    @Override
    public INDArray backward(double scale) {
        if (exponentials == null) {
            throw new IllegalStateException(OP + ": backward without a kept forward");
        }
        double factor = scale / exponentials.size(0);
        INDArray grad = exponentials.divColumnVector(sums).muli(factor).subi(oneHot.muli(factor));
        exponentials = null;
        sums = null;
        oneHot = null;
        return grad;
    }
}
