package org.qatlas.stdlib.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.qatlas.stdlib.backend.TestBackends;

/** The whole sublayer: projections, RoPE, GQA core (heads 4, kvHeads 2), output projection. */
class AttentionTest {
    private static final int BATCH = 2;
    private static final int TIME = 4;
    private static final int HIDDEN = 8;
    private static final int KV_DIM = 4;

    @Test
    void backwardMatchesFiniteDifferences() {
        INDArray[] weights = {
            GradientCheck.random(41, 0.5, HIDDEN, HIDDEN), GradientCheck.random(42, 0.5, HIDDEN, KV_DIM),
            GradientCheck.random(43, 0.5, HIDDEN, KV_DIM), GradientCheck.random(44, 0.5, HIDDEN, HIDDEN)};
        INDArray[] grads = new INDArray[4];
        Linear[] linears = new Linear[4];
        String[] names = {"q", "k", "v", "o"};
        for (int i = 0; i < 4; i++) {
            grads[i] = weights[i].ulike().assign(0);
            linears[i] = new Linear(names[i], weights[i], grads[i], TestBackends.REFERENCE);
        }
        Attention attention = new Attention(linears[0], linears[1], linears[2], linears[3], 4, 2, TestBackends.REFERENCE);
        INDArray x = GradientCheck.random(45, 1.0, BATCH * TIME, HIDDEN);
        INDArray r = GradientCheck.random(46, 1.0, BATCH * TIME, HIDDEN);
        attention.forward(x, BATCH, TIME);
        INDArray gradInput = attention.backward(r);
        java.util.function.DoubleSupplier loss = () -> GradientCheck.weightedSum(attention.infer(x, BATCH, TIME), r);
        GradientCheck.assertAll("attention input", x, gradInput, loss);
        for (int i = 0; i < 4; i++) {
            GradientCheck.assertAll("attention " + names[i], weights[i], grads[i], loss);
        }
    }
}
