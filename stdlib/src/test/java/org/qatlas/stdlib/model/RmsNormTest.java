package org.qatlas.stdlib.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.qatlas.stdlib.backend.TestBackends;

class RmsNormTest {
    private final INDArray weight = GradientCheck.random(3, 0.3, 6).addi(1.0);
    private final INDArray gradient = weight.ulike().assign(0);
    private final RmsNorm norm = new RmsNorm(weight, gradient, TestBackends.REFERENCE);
    private final INDArray x = GradientCheck.random(4, 1.0, 5, 6);
    private final INDArray r = GradientCheck.random(5, 1.0, 5, 6);

    @Test
    void unitWeightGivesRowsOfUnitRms() {
        RmsNorm plain = new RmsNorm(weight.like().assign(1.0), weight.like(), TestBackends.REFERENCE);
        INDArray y = plain.infer(x);
        for (int i = 0; i < 5; i++) {
            INDArray row = y.getRow(i);
            double meanSquare = row.mul(row).meanNumber().doubleValue();
            // eps = 1e-5 pulls the rms a little below 1.
            assertEquals(1.0, meanSquare, 1e-4);
        }
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        norm.forward(x);
        INDArray gradInput = norm.backward(r);
        GradientCheck.assertAll("rmsnorm input", x, gradInput, () -> GradientCheck.weightedSum(norm.infer(x), r));
        GradientCheck.assertAll("rmsnorm weight", weight, gradient, () -> GradientCheck.weightedSum(norm.infer(x), r));
    }
}
