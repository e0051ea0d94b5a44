package org.qatlas.stdlib.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.backend.Backend;
import org.qatlas.stdlib.backend.ShapeChecks;

/**
 * Causal grouped-query attention as batched products over (sequence, head) pairs. q, k and v
 * are permuted to one [time, headDim] matrix per pair ([batch * heads, time, headDim]); each
 * key/value head is repeated for the heads / kvHeads query heads that read it, so that every
 * product is one batched matmul: S = scale Q K^T, P = softmax(S + mask), O = P V, where the
 * mask is 0 on and below the diagonal and -inf above it (masked probabilities are exactly 0).
 *
 * <p>Backward, with dO the incoming gradient: dV = P^T dO, dP = dO V^T,
 * dS = P * (dP - rowsum(dP * P)), dQ = scale dS K, dK = scale dS^T Q; the gradients of a
 * repeated key/value head are summed over the query heads that read it.
 */
final class Nd4jAttention implements Backend.Attention {
    private static final String OP = "attention";

    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final int group;
    private final double scale;
    private final DataType type;
    private final Nd4jCausalMask mask;
    // Kept by the training forward, [batch * heads, time, headDim] (P: [.., time, time]).
    private INDArray queries;
    private INDArray keys;
    private INDArray values;
    private INDArray probabilities;
    private int batch;
    private int time;

    Nd4jAttention(int heads, int kvHeads, int headDim, DataType type) {
        ShapeChecks.attentionHeads(OP, heads, kvHeads, headDim);
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.group = heads / kvHeads;
        this.scale = 1.0 / Math.sqrt(headDim);
        this.type = type;
        this.mask = new Nd4jCausalMask(type);
    }

    @Override
    public INDArray forward(INDArray q, INDArray k, INDArray v, int batch, int time, boolean keep) {
        ShapeChecks.positive(OP, "batch", batch);
        ShapeChecks.positive(OP, "time", time);
        long rows = (long) batch * time;
        ShapeChecks.matrix(OP, "q", q, type, rows, (long) heads * headDim);
        ShapeChecks.matrix(OP, "k", k, type, rows, (long) kvHeads * headDim);
        ShapeChecks.matrix(OP, "v", v, type, rows, (long) kvHeads * headDim);
        INDArray qh = split(q, batch, time, heads);
        INDArray kh = repeated(split(k, batch, time, kvHeads), batch, time);
        INDArray vh = repeated(split(v, batch, time, kvHeads), batch, time);
        INDArray scores = Nd4j.matmul(qh, kh, null, false, true, false).muli(scale);
        scores.reshape('c', (long) batch * heads, (long) time * time).addiRowVector(mask.flat(time));
        Nd4j.exec(new SoftMax(scores, scores, 2));
        INDArray context = Nd4j.matmul(scores, vh);
        if (keep) {
            queries = qh;
            keys = kh;
            values = vh;
            probabilities = scores;
            this.batch = batch;
            this.time = time;
        }
        return joined(context, batch, time, heads);
    }

    @Override
    public INDArray[] backward(INDArray gradOut) {
        if (probabilities == null) {
            throw new IllegalStateException(OP + ": backward without a kept forward");
        }
        ShapeChecks.matrix(OP, "gradient", gradOut, type, (long) batch * time, (long) heads * headDim);
        INDArray dO = split(gradOut, batch, time, heads);
        INDArray dV = Nd4j.matmul(probabilities, dO, null, true, false, false);
        INDArray dS = Nd4j.matmul(dO, values, null, false, true, false);
        INDArray rowDots = dS.mul(probabilities).sum(true, 2).reshape('c', (long) batch * heads * time, 1);
        dS.reshape('c', (long) batch * heads * time, time).subiColumnVector(rowDots);
        dS.muli(probabilities);
        INDArray dQ = Nd4j.matmul(dS, keys).muli(scale);
        INDArray dK = Nd4j.matmul(dS, queries, null, true, false, false).muli(scale);
        INDArray[] result = {joined(dQ, batch, time, heads), joined(summed(dK), batch, time, kvHeads),
                joined(summed(dV), batch, time, kvHeads)};
        queries = null;
        keys = null;
        values = null;
        probabilities = null;
        return result;
    }

    /** [batch * time, count * headDim] to [batch * count, time, headDim], one matrix per (sequence, head). */
    private INDArray split(INDArray x, int batch, int time, int count) {
        return x.reshape('c', batch, time, count, headDim).permute(0, 2, 1, 3).dup('c')
                .reshape('c', (long) batch * count, time, headDim);
    }

    /** The inverse of {@link #split}. */
    private INDArray joined(INDArray x, int batch, int time, int count) {
        return x.reshape('c', batch, count, time, headDim).permute(0, 2, 1, 3).dup('c')
                .reshape('c', (long) batch * time, (long) count * headDim);
    }

    /** Key/value heads [batch * kvHeads, ...] to one per query head, [batch * heads, ...]: head h reads h / group. */
    private INDArray repeated(INDArray x, int batch, int time) {
        if (group == 1) {
            return x;
        }
        return x.reshape('c', batch, kvHeads, time, headDim).repeat(1, group)
                .reshape('c', (long) batch * heads, time, headDim);
    }

    /** The inverse of {@link #repeated} for gradients: each key/value head sums over its query heads. */
    private INDArray summed(INDArray x) {
        if (group == 1) {
            return x;
        }
        return x.reshape('c', batch, kvHeads, group, time, headDim).sum(2)
                .reshape('c', (long) batch * kvHeads, time, headDim);
    }
}
