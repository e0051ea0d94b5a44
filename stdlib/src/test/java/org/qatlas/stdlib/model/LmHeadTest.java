package org.qatlas.stdlib.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.qatlas.stdlib.backend.TestBackends;

class LmHeadTest {
    @Test
    void backwardMatchesFiniteDifferences() {
        INDArray weight = GradientCheck.random(71, 1.0, 9, 4);
        INDArray gradient = weight.ulike().assign(0);
        LmHead head = new LmHead(weight, gradient, TestBackends.REFERENCE);
        INDArray h = GradientCheck.random(72, 1.0, 5, 4);
        INDArray r = GradientCheck.random(73, 1.0, 5, 9);
        head.forward(h);
        INDArray gradInput = head.backward(r);
        GradientCheck.assertAll("head input", h, gradInput, () -> GradientCheck.weightedSum(head.infer(h), r));
        GradientCheck.assertAll("head weight", weight, gradient, () -> GradientCheck.weightedSum(head.infer(h), r));
    }
}
