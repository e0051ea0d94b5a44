package org.qatlas.stdlib.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.backend.Backend;
import org.qatlas.stdlib.backend.TestBackends;

class CrossEntropyTest {
    private final Backend.CrossEntropy crossEntropy = TestBackends.REFERENCE.crossEntropy();
    private final Backend.CrossEntropy fast = TestBackends.CPU.crossEntropy();
    private final int[] targets = {2, 0, 6, 6};

    @Test
    void uniformLogitsCostLnVocab() {
        assertEquals(Math.log(7), crossEntropy.forward(Nd4j.zeros(DataType.DOUBLE, 4, 7), targets, false), 1e-12);
    }

    @Test
    void hugeLogitsStayFinite() {
        INDArray logits = GradientCheck.random(61, 1.0, 4, 7).muli(1e4).castTo(DataType.FLOAT);
        double loss = fast.forward(logits, targets, true);
        INDArray grad = fast.backward(1.0);
        assertTrue(Double.isFinite(loss) && loss >= 0);
        assertTrue(Double.isFinite(grad.sumNumber().doubleValue()));
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        INDArray logits = GradientCheck.random(62, 2.0, 4, 7);
        crossEntropy.forward(logits, targets, true);
        INDArray grad = crossEntropy.backward(1.0);
        GradientCheck.assertAll("cross-entropy", logits, grad, () -> crossEntropy.forward(logits, targets, false));
        // Each row of softmax - onehot sums to zero.
        assertEquals(0.0, grad.sumNumber().doubleValue(), 1e-12);
    }

    @Test
    void backwardScalesWithTheMicroBatchWeight() {
        INDArray logits = GradientCheck.random(63, 1.0, 4, 7);
        crossEntropy.forward(logits, targets, true);
        INDArray once = crossEntropy.backward(1.0);
        crossEntropy.forward(logits, targets, true);
        INDArray quarter = crossEntropy.backward(0.25);
        assertTrue(once.mul(0.25).equalsWithEps(quarter, 1e-15));
    }
}
