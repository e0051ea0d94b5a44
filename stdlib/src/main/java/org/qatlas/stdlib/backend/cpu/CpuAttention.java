package org.qatlas.stdlib.backend.cpu;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.backend.Backend;
import org.qatlas.stdlib.backend.ShapeChecks;

/**
 * Causal grouped-query attention on float32 host memory ({@link Backend.Attention} has the
 * math). How it runs: each head of each sequence is a handful of small products on strided views
 * of the [batch * time, heads * headDim] arrays themselves (leading dimension heads * headDim),
 * so no head is ever permuted into an array of its own; the products go straight to OpenBLAS
 * ({@link NativeMatrix}) and the scale, causal mask and softmax (and their backward) are one
 * Java pass over each head's [time, time] scores, where ND4J would take six whole-array ops with
 * their own dispatch and temporaries (measured: 37 ms for the largest benchmark layer's
 * attention, forward and backward, most of it in ND4J's batched matmul at about 20 GFLOP/s).
 *
 * <p>Threads: the work is split over the cores by (sequence, key/value head) pairs
 * ({@link Parallel}). OpenBLAS must then run each product on the calling thread, or two
 * levels of threads fight over the cores; it does so by itself for products of at most
 * {@link NativeMatrix#SINGLE_THREAD_WORK} multiply-adds, so every product is cut into blocks of
 * query (or key) rows that small. The blocks also skip what the causal mask hides: rows up to
 * r need keys up to r only. The query heads of a group add into their shared dK and dV in a
 * fixed order, so the result does not depend on the split.
 */
final class CpuAttention implements Backend.Attention {
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final int group;
    private final double scale;
    // Cached by the training forward: the inputs and the probabilities [batch * heads, time, time].
    private INDArray queries;
    private INDArray keys;
    private INDArray values;
    private INDArray probabilities;
    private int batch;
    private int time;

    CpuAttention(int heads, int kvHeads, int headDim) {
        ShapeChecks.attentionHeads("attention", heads, kvHeads, headDim);
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.group = heads / kvHeads;
        this.scale = 1.0 / Math.sqrt(headDim);
    }

    /** Keeps q, k, v and the attention probabilities for backward when asked. */
    @Override
    public INDArray forward(INDArray q, INDArray k, INDArray v, int batch, int time, boolean keep) {
        if (!keep) {
            INDArray p = Nd4j.createUninitialized(DataType.FLOAT, (long) batch * heads, time, time);
            return attend(checked("q", q, batch, time, heads), checked("k", k, batch, time, kvHeads),
                    checked("v", v, batch, time, kvHeads), p, batch, time);
        }
        this.queries = checked("q", q, batch, time, heads);
        this.keys = checked("k", k, batch, time, kvHeads);
        this.values = checked("v", v, batch, time, kvHeads);
        this.probabilities = Nd4j.createUninitialized(DataType.FLOAT, (long) batch * heads, time, time);
        this.batch = batch;
        this.time = time;
        return attend(queries, keys, values, probabilities, batch, time);
    }

    /**
     * From dL/dcontext, returns {dL/dq, dL/dk, dL/dv} in the input layouts. With S the scaled
     * scores and P = softmax(S): dV = P^T dO, dP = dO V^T, dS = P * (dP - rowsum(dP * P)),
     * dQ = scale * dS K, dK = scale * dS^T Q.
     */
    @Override
    public INDArray[] backward(INDArray gradOut) {
        if (probabilities == null) {
            throw new IllegalStateException("attention: backward without a training forward");
        }
        INDArray dOut = checked("gradient", gradOut, batch, time, heads);
        INDArray gradQueries = Nd4j.createUninitialized(DataType.FLOAT, (long) batch * time, (long) heads * headDim);
        INDArray gradKeys = Nd4j.createUninitialized(DataType.FLOAT, (long) batch * time, (long) kvHeads * headDim);
        INDArray gradValues = Nd4j.createUninitialized(DataType.FLOAT, (long) batch * time, (long) kvHeads * headDim);
        INDArray gradScores = Nd4j.createUninitialized(DataType.FLOAT, (long) batch * heads, time, time);
        NativeMatrix q = NativeMatrix.of(queries);
        NativeMatrix k = NativeMatrix.of(keys);
        NativeMatrix v = NativeMatrix.of(values);
        NativeMatrix p = NativeMatrix.of(probabilities);
        NativeMatrix dO = NativeMatrix.of(dOut);
        NativeMatrix dS = NativeMatrix.of(gradScores);
        NativeMatrix dQ = NativeMatrix.of(gradQueries);
        NativeMatrix dK = NativeMatrix.of(gradKeys);
        NativeMatrix dV = NativeMatrix.of(gradValues);
        int t = time;
        int ldq = heads * headDim;
        int ldk = kvHeads * headDim;
        int rowsPerBlock = rowsPerBlock(t);
        Parallel.forBlocks(batch * kvHeads, (from, to) -> {
            CausalRows rows = new CausalRows(t);
            for (int pair = from; pair < to; pair++) {
                int b = pair / kvHeads;
                int kvHead = pair % kvHeads;
                long kvOffset = (long) b * t * ldk + (long) kvHead * headDim;
                for (int j = 0; j < group; j++) {
                    int h = kvHead * group + j;
                    long qOffset = (long) b * t * ldq + (long) h * headDim;
                    long pOffset = ((long) b * heads + h) * t * t;
                    double accumulate = j == 0 ? 0.0 : 1.0;
                    for (int r0 = 0; r0 < t; r0 += rowsPerBlock) {
                        int r1 = Math.min(t, r0 + rowsPerBlock);
                        // dV[r0..r1] = P[:, r0..r1]^T dO: only queries from r0 on see these keys.
                        NativeMatrix.gemm(true, false, r1 - r0, headDim, t - r0, 1.0, p, pOffset + (long) r0 * t + r0, t,
                                dO, qOffset + (long) r0 * ldq, ldq, accumulate, dV, kvOffset + (long) r0 * ldk, ldk);
                        // dP = dO V^T, query rows r0..r1 against keys 0..r1, into dS's buffer.
                        NativeMatrix.gemm(false, true, r1 - r0, r1, headDim, 1.0, dO, qOffset + (long) r0 * ldq, ldq,
                                v, kvOffset, ldk, 0.0, dS, pOffset + (long) r0 * t, t);
                    }
                    rows.softmaxBackward(p, dS, pOffset);
                    for (int r0 = 0; r0 < t; r0 += rowsPerBlock) {
                        int r1 = Math.min(t, r0 + rowsPerBlock);
                        // dQ = scale dS K; dK[r0..r1] += scale dS[:, r0..r1]^T Q.
                        NativeMatrix.gemm(false, false, r1 - r0, headDim, r1, scale, dS, pOffset + (long) r0 * t, t,
                                k, kvOffset, ldk, 0.0, dQ, qOffset + (long) r0 * ldq, ldq);
                        NativeMatrix.gemm(true, false, r1 - r0, headDim, t - r0, scale, dS, pOffset + (long) r0 * t + r0, t,
                                q, qOffset + (long) r0 * ldq, ldq, accumulate, dK, kvOffset + (long) r0 * ldk, ldk);
                    }
                }
            }
        });
        queries = null;
        keys = null;
        values = null;
        probabilities = null;
        return new INDArray[] {gradQueries, gradKeys, gradValues};
    }

    /** P = softmax(scale * Q K^T + mask) per head into {@code probabilities}; returns P V joined over heads. */
    private INDArray attend(INDArray queries, INDArray keys, INDArray values, INDArray probabilities, int batch, int time) {
        INDArray context = Nd4j.createUninitialized(DataType.FLOAT, (long) batch * time, (long) heads * headDim);
        NativeMatrix q = NativeMatrix.of(queries);
        NativeMatrix k = NativeMatrix.of(keys);
        NativeMatrix v = NativeMatrix.of(values);
        NativeMatrix p = NativeMatrix.of(probabilities);
        NativeMatrix out = NativeMatrix.of(context);
        int ldq = heads * headDim;
        int ldk = kvHeads * headDim;
        int rowsPerBlock = rowsPerBlock(time);
        Parallel.forBlocks(batch * kvHeads, (from, to) -> {
            CausalRows rows = new CausalRows(time);
            for (int pair = from; pair < to; pair++) {
                int b = pair / kvHeads;
                int kvHead = pair % kvHeads;
                long kvOffset = (long) b * time * ldk + (long) kvHead * headDim;
                for (int j = 0; j < group; j++) {
                    int h = kvHead * group + j;
                    long qOffset = (long) b * time * ldq + (long) h * headDim;
                    long pOffset = ((long) b * heads + h) * time * time;
                    // S = scale Q K^T: query rows r0..r1 against keys 0..r1.
                    for (int r0 = 0; r0 < time; r0 += rowsPerBlock) {
                        int r1 = Math.min(time, r0 + rowsPerBlock);
                        NativeMatrix.gemm(false, true, r1 - r0, r1, headDim, scale, q, qOffset + (long) r0 * ldq, ldq,
                                k, kvOffset, ldk, 0.0, p, pOffset + (long) r0 * time, time);
                    }
                    rows.softmax(p, pOffset);
                    // O = P V: P is zero right of the diagonal.
                    for (int r0 = 0; r0 < time; r0 += rowsPerBlock) {
                        int r1 = Math.min(time, r0 + rowsPerBlock);
                        NativeMatrix.gemm(false, false, r1 - r0, headDim, r1, 1.0, p, pOffset + (long) r0 * time, time,
                                v, kvOffset, ldk, 0.0, out, qOffset + (long) r0 * ldq, ldq);
                    }
                }
            }
        });
        return context;
    }

    /** Query rows per product, so that no product of a head exceeds OpenBLAS's single-thread size. */
    private int rowsPerBlock(int time) {
        return (int) Math.max(1, Math.min(time, NativeMatrix.SINGLE_THREAD_WORK / ((long) time * headDim)));
    }

    /** x in row-major order, after checking its shape and type. */
    private INDArray checked(String what, INDArray x, int batch, int time, int headCount) {
        ShapeChecks.positive("attention", "batch", batch);
        ShapeChecks.positive("attention", "time", time);
        ShapeChecks.matrix("attention", what, x, DataType.FLOAT, (long) batch * time, (long) headCount * headDim);
        return NativeMatrix.contiguous(x);
    }

    /**
     * The row-wise part of attention on one head's [time, time] block, copied into Java arrays
     * and back: row t sees keys 0..t.
     */
    private static final class CausalRows {
        private final int time;
        private final float[] p;
        private final float[] g;
        private final float[] scratch;

        CausalRows(int time) {
            this.time = time;
            p = new float[time * time];
            g = new float[time * time];
            scratch = new float[time * time];
        }

        /**
         * Shifts each row by its maximum (so exp cannot overflow) into a packed copy of the
         * unmasked triangle (row t's t + 1 entries after row t - 1's), then takes exp of that
         * at once: one long vectorized pass ({@link FloatExp}) over half the block, where row
         * by row the short rows would leave the vector units idle.
         */
        void softmax(NativeMatrix matrix, long offset) {
            matrix.get(offset, p, p.length);
            float[] packed = g;
            for (int t = 0, row = 0, at = 0; t < time; t++, row += time, at += t) {
                float max = Reductions.max(p, row, row + t + 1);
                for (int j = 0; j <= t; j++) {
                    packed[at + j] = p[row + j] - max;
                }
            }
            int triangle = time * (time + 1) / 2;
            FloatExp.expInPlace(packed, 0, triangle, 0f, scratch);
            for (int t = 0, row = 0, at = 0; t < time; t++, row += time, at += t) {
                float inverse = (float) (1.0 / Reductions.sum(packed, at, at + t + 1));
                for (int j = 0; j <= t; j++) {
                    p[row + j] = packed[at + j] * inverse;
                }
                java.util.Arrays.fill(p, row + t + 1, row + time, 0f);
            }
            matrix.put(offset, p, p.length);
        }

        /** dP to dS / scale in place: P * (dP - rowsum(dP * P)), zero above the diagonal. */
        void softmaxBackward(NativeMatrix probabilities, NativeMatrix gradient, long offset) {
            probabilities.get(offset, p, p.length);
            gradient.get(offset, g, g.length);
            for (int t = 0, row = 0; t < time; t++, row += time) {
                float d = (float) Reductions.dot(g, p, row, row + t + 1);
                for (int j = 0; j <= t; j++) {
                    g[row + j] = p[row + j] * (g[row + j] - d);
                }
                java.util.Arrays.fill(g, row + t + 1, row + time, 0f);
            }
            gradient.put(offset, g, g.length);
        }
    }
}
