package org.qatlas.stdlib.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.qatlas.stdlib.backend.TestBackends;

class SwiGluTest {
    private static final int ROWS = 5;
    private static final int HIDDEN = 4;
    private static final int FFN = 6;
    private final INDArray gate = GradientCheck.random(51, 0.7, HIDDEN, FFN);
    private final INDArray up = GradientCheck.random(52, 0.7, HIDDEN, FFN);
    private final INDArray down = GradientCheck.random(53, 0.7, FFN, HIDDEN);
    private final INDArray[] grads = {gate.ulike().assign(0), up.ulike().assign(0), down.ulike().assign(0)};
    private final Linear fc1 = new Linear("fc1", new INDArray[] {gate, up}, new INDArray[] {grads[0], grads[1]}, TestBackends.REFERENCE);
    private final Linear fc2 = new Linear("fc2", down, grads[2], TestBackends.REFERENCE);
    private final SwiGlu mlp = new SwiGlu(fc1, fc2, TestBackends.REFERENCE);
    private final INDArray x = GradientCheck.random(54, 1.0, ROWS, HIDDEN);

    @Test
    void exposesTheFc2InputSiluOfGateTimesUp() {
        INDArray out = mlp.infer(x);
        INDArray g = x.mmul(gate);
        INDArray h = g.mul(Transforms.sigmoid(g, true)).muli(x.mmul(up));
        assertTrue(h.equalsWithEps(mlp.lastFc2Input(), 1e-12));
        assertSame(mlp.lastFc2Input(), fc2.lastInput());
        assertTrue(h.mmul(down).equalsWithEps(out, 1e-12));
        assertEquals(ROWS, out.size(0));
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        INDArray r = GradientCheck.random(55, 1.0, ROWS, HIDDEN);
        mlp.forward(x);
        INDArray gradInput = mlp.backward(r);
        java.util.function.DoubleSupplier loss = () -> GradientCheck.weightedSum(mlp.infer(x), r);
        GradientCheck.assertAll("swiglu input", x, gradInput, loss);
        GradientCheck.assertAll("swiglu gate", gate, grads[0], loss);
        GradientCheck.assertAll("swiglu up", up, grads[1], loss);
        GradientCheck.assertAll("swiglu down", down, grads[2], loss);
    }
}
