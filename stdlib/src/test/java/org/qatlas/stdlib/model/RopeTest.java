package org.qatlas.stdlib.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.backend.Backend;
import org.qatlas.stdlib.backend.TestBackends;

/** RoPE on the float64 reference; the cpu kernel is checked against it by the backend kernel suite. */
class RopeTest {
    private static final int HEADS = 3;
    private static final int HEAD_DIM = 6;
    private static final int TIME = 5;
    private final Backend.Rope rope = TestBackends.REFERENCE.rope(HEADS, HEAD_DIM, Attention.ROPE_BASE);
    /** Two sequences of five positions. */
    private final INDArray x = GradientCheck.random(21, 1.0, 2 * TIME, HEADS * HEAD_DIM);

    @Test
    void rotationKeepsNormsAndLeavesPositionZeroAlone() {
        INDArray y = rope.forward(x, TIME);
        for (int row = 0; row < 2 * TIME; row++) {
            assertEquals(x.getRow(row).norm2Number().doubleValue(), y.getRow(row).norm2Number().doubleValue(), 1e-12);
        }
        assertEquals(x.getRow(0), y.getRow(0));
        assertEquals(x.getRow(TIME), y.getRow(TIME));
    }

    /** The point of RoPE: a rotated query-key product depends only on the positions' difference. */
    @Test
    void dotProductsDependOnRelativePosition() {
        Backend.Rope single = TestBackends.REFERENCE.rope(1, HEAD_DIM, Attention.ROPE_BASE);
        INDArray q = GradientCheck.random(22, 1.0, 1, HEAD_DIM);
        INDArray k = GradientCheck.random(23, 1.0, 1, HEAD_DIM);
        INDArray qs = single.forward(Nd4j.repeat(q, TIME).reshape(TIME, HEAD_DIM), TIME);
        INDArray ks = single.forward(Nd4j.repeat(k, TIME).reshape(TIME, HEAD_DIM), TIME);
        double d31 = qs.getRow(3).mul(ks.getRow(1)).sumNumber().doubleValue();
        double d42 = qs.getRow(4).mul(ks.getRow(2)).sumNumber().doubleValue();
        assertEquals(d31, d42, 1e-12);
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        INDArray r = GradientCheck.random(24, 1.0, 2 * TIME, HEADS * HEAD_DIM);
        rope.forward(x, TIME);
        INDArray gradInput = rope.backward(r, TIME);
        GradientCheck.assertAll("rope", x, gradInput, () -> GradientCheck.weightedSum(rope.forward(x, TIME), r));
    }
}
