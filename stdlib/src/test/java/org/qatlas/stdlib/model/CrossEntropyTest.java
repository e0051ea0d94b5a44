package org.qatlas.stdlib.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CrossEntropyTest {
    private final CrossEntropy crossEntropy = new CrossEntropy();
    private final int[] targets = {2, 0, 6, 6};

    @Test
    void uniformLogitsCostLnVocab() {
        assertEquals(Math.log(7), crossEntropy.infer(Nd4j.zeros(DataType.DOUBLE, 4, 7), targets), 1e-12);
    }

    @Test
    void hugeLogitsStayFinite() {
        INDArray logits = GradientCheck.random(61, 1.0, 4, 7).muli(1e4).castTo(DataType.FLOAT);
        double loss = crossEntropy.forward(logits, targets);
        INDArray grad = crossEntropy.backward(1.0);
        assertTrue(Double.isFinite(loss) && loss >= 0);
        assertTrue(Double.isFinite(grad.sumNumber().doubleValue()));
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        INDArray logits = GradientCheck.random(62, 2.0, 4, 7);
        crossEntropy.forward(logits, targets);
        INDArray grad = crossEntropy.backward(1.0);
        GradientCheck.assertAll("cross-entropy", logits, grad, () -> crossEntropy.infer(logits, targets));
        // Each row of softmax - onehot sums to zero.
        assertEquals(0.0, grad.sumNumber().doubleValue(), 1e-12);
    }

    @Test
    void backwardScalesWithTheMicroBatchWeight() {
        INDArray logits = GradientCheck.random(63, 1.0, 4, 7);
        crossEntropy.forward(logits, targets);
        INDArray once = crossEntropy.backward(1.0);
        crossEntropy.forward(logits, targets);
        INDArray quarter = crossEntropy.backward(0.25);
        assertTrue(once.mul(0.25).equalsWithEps(quarter, 1e-15));
    }
}
