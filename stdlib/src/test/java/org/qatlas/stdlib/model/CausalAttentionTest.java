package org.qatlas.stdlib.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.backend.Backend;
import org.qatlas.stdlib.backend.TestBackends;

/**
 * Grouped-query attention with heads 4 and kvHeads 2 (query heads 0, 1 read kv head 0; 2, 3 read 1):
 * the float64 reference against plain loops and finite differences, the cpu kernels against it.
 */
class CausalAttentionTest {
    private static final int BATCH = 2;
    private static final int TIME = 5;
    private static final int HEADS = 4;
    private static final int KV_HEADS = 2;
    private static final int HEAD_DIM = 4;
    private final Backend.Attention attention = TestBackends.REFERENCE.causalAttention(HEADS, KV_HEADS, HEAD_DIM);
    private final INDArray q = GradientCheck.random(31, 1.0, BATCH * TIME, HEADS * HEAD_DIM);
    private final INDArray k = GradientCheck.random(32, 1.0, BATCH * TIME, KV_HEADS * HEAD_DIM);
    private final INDArray v = GradientCheck.random(33, 1.0, BATCH * TIME, KV_HEADS * HEAD_DIM);

    @Test
    void matchesAPlainLoopOverHeadsAndPositions() {
        INDArray out = attention.forward(q, k, v, BATCH, TIME, false);
        INDArray expected = Nd4j.zeros(DataType.DOUBLE, BATCH * TIME, HEADS * HEAD_DIM);
        double scale = 1 / Math.sqrt(HEAD_DIM);
        for (int b = 0; b < BATCH; b++) {
            for (int h = 0; h < HEADS; h++) {
                int kvHead = h / (HEADS / KV_HEADS);
                for (int t = 0; t < TIME; t++) {
                    double[] weights = new double[t + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int s = 0; s <= t; s++) {
                        double dot = 0;
                        for (int i = 0; i < HEAD_DIM; i++) {
                            dot += q.getDouble(b * TIME + t, h * HEAD_DIM + i) * k.getDouble(b * TIME + s, kvHead * HEAD_DIM + i);
                        }
                        weights[s] = dot * scale;
                        max = Math.max(max, weights[s]);
                    }
                    double total = 0;
                    for (int s = 0; s <= t; s++) {
                        weights[s] = Math.exp(weights[s] - max);
                        total += weights[s];
                    }
                    for (int i = 0; i < HEAD_DIM; i++) {
                        double sum = 0;
                        for (int s = 0; s <= t; s++) {
                            sum += weights[s] / total * v.getDouble(b * TIME + s, kvHead * HEAD_DIM + i);
                        }
                        expected.putScalar(b * TIME + t, h * HEAD_DIM + i, sum);
                    }
                }
            }
        }
        assertTrue(expected.equalsWithEps(out, 1e-12), "attention differs from the reference loop");
    }

    @Test
    void firstPositionReturnsItsOwnValue() {
        INDArray out = attention.forward(q, k, v, BATCH, TIME, false);
        // Head 3 reads kv head 1; at t = 0 the only visible value is v[0].
        for (int i = 0; i < HEAD_DIM; i++) {
            assertEquals(v.getDouble(0, HEAD_DIM + i), out.getDouble(0, 3 * HEAD_DIM + i), 1e-12);
        }
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        INDArray r = GradientCheck.random(34, 1.0, BATCH * TIME, HEADS * HEAD_DIM);
        attention.forward(q, k, v, BATCH, TIME, true);
        INDArray[] grads = attention.backward(r);
        java.util.function.DoubleSupplier loss =
                () -> GradientCheck.weightedSum(attention.forward(q, k, v, BATCH, TIME, false), r);
        GradientCheck.assertAll("attention q", q, grads[0], loss);
        GradientCheck.assertAll("attention k", k, grads[1], loss);
        GradientCheck.assertAll("attention v", v, grads[2], loss);
    }
    @Test
    void cpuKernelsAgreeWithTheReferenceAndRepeatExactly() {
        // Larger than the checks above, so that every core gets several (sequence, kv head) pairs.
        int batch = 3;
        int time = 17;
        Backend.Attention wide = TestBackends.REFERENCE.causalAttention(HEADS, KV_HEADS, 8);
        Backend.Attention narrow = TestBackends.CPU.causalAttention(HEADS, KV_HEADS, 8);
        INDArray q64 = GradientCheck.random(41, 1.0, batch * time, HEADS * 8);
        INDArray k64 = GradientCheck.random(42, 1.0, batch * time, KV_HEADS * 8);
        INDArray v64 = GradientCheck.random(43, 1.0, batch * time, KV_HEADS * 8);
        INDArray r64 = GradientCheck.random(44, 1.0, batch * time, HEADS * 8);
        INDArray expected = wide.forward(q64, k64, v64, batch, time, true);
        INDArray[] expectedGrads = wide.backward(r64);
        INDArray q = q64.castTo(DataType.FLOAT);
        INDArray k = k64.castTo(DataType.FLOAT);
        INDArray v = v64.castTo(DataType.FLOAT);
        INDArray r = r64.castTo(DataType.FLOAT);
        INDArray out = narrow.forward(q, k, v, batch, time, true);
        INDArray[] grads = narrow.backward(r);
        assertTrue(expected.castTo(DataType.FLOAT).equalsWithEps(out, 1e-5), "float32 context");
        for (int i = 0; i < 3; i++) {
            assertTrue(expectedGrads[i].castTo(DataType.FLOAT).equalsWithEps(grads[i], 1e-4), "float32 gradient " + i);
        }
        INDArray again = narrow.forward(q, k, v, batch, time, true);
        INDArray[] gradsAgain = narrow.backward(r);
        assertEquals(out, again);
        for (int i = 0; i < 3; i++) {
            assertEquals(grads[i], gradsAgain[i]);
        }
    }
    @Test
    void longSequencesRunInBlocksOfRowsWithTheSameGradients() {
        // 300 * 8 multiply-adds per query row: the products are cut into blocks of 109 rows.
        int time = 300;
        int headDim = 8;
        Backend.Attention blocked = TestBackends.REFERENCE.causalAttention(HEADS, KV_HEADS, headDim);
        Backend.Attention fast = TestBackends.CPU.causalAttention(HEADS, KV_HEADS, headDim);
        INDArray lq = GradientCheck.random(51, 1.0, time, HEADS * headDim);
        INDArray lk = GradientCheck.random(52, 1.0, time, KV_HEADS * headDim);
        INDArray lv = GradientCheck.random(53, 1.0, time, KV_HEADS * headDim);
        INDArray r = GradientCheck.random(54, 1.0, time, HEADS * headDim);
        // The last position of head 3 (kv head 1) against a direct sum over all 300 keys.
        INDArray out = blocked.forward(lq, lk, lv, 1, time, true);
        double[] weights = new double[time];
        double total = 0;
        for (int s = 0; s < time; s++) {
            double dot = 0;
            for (int i = 0; i < headDim; i++) {
                dot += lq.getDouble(time - 1, 3 * headDim + i) * lk.getDouble(s, headDim + i);
            }
            weights[s] = Math.exp(dot / Math.sqrt(headDim));
            total += weights[s];
        }
        for (int i = 0; i < headDim; i++) {
            double expected = 0;
            for (int s = 0; s < time; s++) {
                expected += weights[s] / total * lv.getDouble(s, headDim + i);
            }
            assertEquals(expected, out.getDouble(time - 1, 3 * headDim + i), 1e-10);
        }
        INDArray[] grads = blocked.backward(r);
        java.util.function.DoubleSupplier loss = () -> GradientCheck.weightedSum(blocked.forward(lq, lk, lv, 1, time, false), r);
        GradientCheck.assertSampled("attention q", lq, grads[0], loss, 40, 1);
        GradientCheck.assertSampled("attention k", lk, grads[1], loss, 40, 2);
        GradientCheck.assertSampled("attention v", lv, grads[2], loss, 40, 3);
        // The cpu kernels cut these products into blocks of rows: the same output and gradients.
        INDArray fastOut = fast.forward(lq.castTo(DataType.FLOAT), lk.castTo(DataType.FLOAT), lv.castTo(DataType.FLOAT), 1, time,
                true);
        INDArray[] fastGrads = fast.backward(r.castTo(DataType.FLOAT));
        assertTrue(out.castTo(DataType.FLOAT).equalsWithEps(fastOut, 1e-5), "blocked float32 context");
        for (int i = 0; i < 3; i++) {
            assertTrue(grads[i].castTo(DataType.FLOAT).equalsWithEps(fastGrads[i], 1e-4), "blocked float32 gradient " + i);
        }
    }
}
