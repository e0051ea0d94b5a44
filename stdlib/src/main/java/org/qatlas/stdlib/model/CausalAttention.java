package org.qatlas.stdlib.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Causal scaled dot-product attention with grouped queries (GQA): {@code heads} query heads,
 * {@code kvHeads} key/value heads, query head h reading key/value head h / (heads/kvHeads).
 * No parameters: q, k, v arrive projected and rotated; the output is the per-head context
 * joined back to [batch * time, heads * headDim], ready for the output projection.
 *
 * <p>Layout trick: the heads/kvHeads query heads of one group are stacked along the time axis,
 * so that each (batch, kv head) pair is one GEMM of [group * time, headDim] against its
 * [time, headDim] keys. The keys and values are never copied per query head, and in the
 * backward pass P^T dO sums the group's contributions to dV inside the GEMM.
 */
public final class CausalAttention {
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final int group;
    private final double scale;
    private final DataType dataType;
    private int maskTime = -1;
    private INDArray mask;
    // Cached by the training forward, in the stacked layout [batch * kvHeads, ., headDim].
    private INDArray queries;
    private INDArray keys;
    private INDArray values;
    private INDArray probabilities;
    private int batch;
    private int time;

    public CausalAttention(int heads, int kvHeads, int headDim, DataType dataType) {
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("heads (" + heads + ") must be divisible by kvHeads (" + kvHeads + ")");
        }
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.group = heads / kvHeads;
        this.scale = 1.0 / Math.sqrt(headDim);
        this.dataType = dataType;
    }

    /**
     * q [batch*time, heads*headDim], k and v [batch*time, kvHeads*headDim] -> context
     * [batch*time, heads*headDim]. Caches q, k, v and the attention probabilities.
     */
    public INDArray forward(INDArray q, INDArray k, INDArray v, int batch, int time) {
        INDArray stackedQ = stackQueries(q, batch, time);
        INDArray stackedK = stackKeys(k, batch, time);
        INDArray stackedV = stackKeys(v, batch, time);
        INDArray p = probabilities(stackedQ, stackedK, time);
        this.queries = stackedQ;
        this.keys = stackedK;
        this.values = stackedV;
        this.probabilities = p;
        this.batch = batch;
        this.time = time;
        return unstackQueries(Nd4j.matmul(p, stackedV), batch, time);
    }

    public INDArray infer(INDArray q, INDArray k, INDArray v, int batch, int time) {
        INDArray p = probabilities(stackQueries(q, batch, time), stackKeys(k, batch, time), time);
        return unstackQueries(Nd4j.matmul(p, stackKeys(v, batch, time)), batch, time);
    }

    /**
     * From dL/dcontext, returns {dL/dq, dL/dk, dL/dv} in the input layouts. With S the scaled
     * scores and P = softmax(S): dV = P^T dO, dP = dO V^T, dS = P * (dP - rowsum(dP * P)),
     * dQ = scale * dS K, dK = scale * dS^T Q.
     */
    public INDArray[] backward(INDArray gradOut) {
        if (probabilities == null) {
            throw new IllegalStateException("attention backward without a training forward");
        }
        INDArray gradContext = stackQueries(gradOut, batch, time);
        INDArray gradValues = Nd4j.matmul(probabilities, gradContext, true, false, false);
        INDArray gradProbabilities = Nd4j.matmul(gradContext, values, false, true, false);
        INDArray rowDot = gradProbabilities.mul(probabilities).sum(true, 2);
        INDArray gradScores = gradProbabilities.subi(rowDot).muli(probabilities).muli(scale);
        INDArray gradQueries = Nd4j.matmul(gradScores, keys);
        INDArray gradKeys = Nd4j.matmul(gradScores, queries, true, false, false);
        INDArray[] result = {
            unstackQueries(gradQueries, batch, time),
            unstackKeys(gradKeys, batch, time),
            unstackKeys(gradValues, batch, time)
        };
        queries = null;
        keys = null;
        values = null;
        probabilities = null;
        return result;
    }

    /** softmax(scale * Q K^T + mask) along the key axis, [batch*kvHeads, group*time, time]. */
    private INDArray probabilities(INDArray stackedQ, INDArray stackedK, int time) {
        INDArray scores = Nd4j.matmul(stackedQ, stackedK, false, true, false);
        scores.muli(scale).addi(causalMask(time));
        // Subtracting the row maximum keeps exp from overflowing; key 0 is always visible,
        // so the maximum is finite.
        scores.subi(scores.max(true, 2));
        Transforms.exp(scores, false);
        return scores.divi(scores.sum(true, 2));
    }

    /** [group*time, time]: 0 where key j is at or before the query's position, -inf after. */
    private INDArray causalMask(int time) {
        if (time != maskTime) {
            double[] m = new double[group * time * time];
            for (int r = 0; r < group * time; r++) {
                int position = r % time;
                for (int j = position + 1; j < time; j++) {
                    m[r * time + j] = Double.NEGATIVE_INFINITY;
                }
            }
            // Kept across steps, so never in a step's workspace.
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                mask = Nd4j.create(m, new long[] {(long) group * time, time}, DataType.DOUBLE).castTo(dataType);
            }
            maskTime = time;
        }
        return mask;
    }

    /** [B*T, heads*hd] = [B, T, kv, group, hd] -> [B, kv, group, T, hd] -> [B*kv, group*T, hd]. */
    private INDArray stackQueries(INDArray x, int batch, int time) {
        checkShape(x, batch, time, heads);
        return x.reshape('c', batch, time, kvHeads, group, headDim).permute(0, 2, 3, 1, 4).dup('c')
                .reshape('c', (long) batch * kvHeads, (long) group * time, headDim);
    }

    private INDArray unstackQueries(INDArray stacked, int batch, int time) {
        return stacked.reshape('c', batch, kvHeads, group, time, headDim).permute(0, 3, 1, 2, 4).dup('c')
                .reshape('c', (long) batch * time, (long) heads * headDim);
    }

    /** [B*T, kv*hd] = [B, T, kv, hd] -> [B, kv, T, hd] -> [B*kv, T, hd]. */
    private INDArray stackKeys(INDArray x, int batch, int time) {
        checkShape(x, batch, time, kvHeads);
        return x.reshape('c', batch, time, kvHeads, headDim).permute(0, 2, 1, 3).dup('c')
                .reshape('c', (long) batch * kvHeads, time, headDim);
    }

    private INDArray unstackKeys(INDArray stacked, int batch, int time) {
        return stacked.reshape('c', batch, kvHeads, time, headDim).permute(0, 2, 1, 3).dup('c')
                .reshape('c', (long) batch * time, (long) kvHeads * headDim);
    }

    private void checkShape(INDArray x, int batch, int time, int headCount) {
        if (x.rank() != 2 || x.size(0) != (long) batch * time || x.size(1) != (long) headCount * headDim) {
            throw new IllegalArgumentException("attention input must be [" + batch * time + ", "
                    + headCount * headDim + "], not " + java.util.Arrays.toString(x.shape()));
        }
    }
}
