package org.qatlas.stdlib.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.qatlas.stdlib.backend.TestBackends;

class LinearTest {
    private final INDArray x = GradientCheck.random(11, 1.0, 6, 4);

    @Test
    void multipliesInputByWeightLaidOutInByOut() {
        INDArray w = GradientCheck.random(12, 1.0, 4, 3);
        Linear linear = new Linear("l", w, w.like(), TestBackends.REFERENCE);
        INDArray y = linear.infer(x);
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            expected += x.getDouble(2, i) * w.getDouble(i, 1);
        }
        assertEquals(expected, y.getDouble(2, 1), 1e-12);
        assertSame(x, linear.lastInput());
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        INDArray w = GradientCheck.random(13, 1.0, 4, 3);
        INDArray gradW = w.ulike().assign(0);
        Linear linear = new Linear("l", w, gradW, TestBackends.REFERENCE);
        checkGradients(linear, new INDArray[] {w}, new INDArray[] {gradW}, 3);
    }

    /** A weight in two parts behaves as their concatenation, and each part gets its slice. */
    @Test
    void fusedPartsMatchFiniteDifferences() {
        INDArray a = GradientCheck.random(14, 1.0, 4, 3);
        INDArray b = GradientCheck.random(15, 1.0, 4, 2);
        INDArray[] grads = {a.ulike().assign(0), b.ulike().assign(0)};
        Linear linear = new Linear("fused", new INDArray[] {a, b}, grads, TestBackends.REFERENCE);
        INDArray joined = linear.infer(x);
        assertEquals(x.mmul(Nd4j.hstack(a, b)), joined);
        checkGradients(linear, new INDArray[] {a, b}, grads, 5);
    }

    /** Hooks compose by the chain rule: input doubled, weight through tanh. */
    @Test
    void hooksEnterTheChainRule() {
        INDArray w = GradientCheck.random(16, 1.0, 4, 3);
        INDArray gradW = w.ulike().assign(0);
        Linear linear = new Linear("l", w, gradW, TestBackends.REFERENCE);
        linear.setInputTransform(new Scale(2.0));
        linear.setWeightTransform(new Tanh());
        assertEquals(x.mul(2).mmul(Transforms.tanh(w, true)), linear.infer(x));
        checkGradients(linear, new INDArray[] {w}, new INDArray[] {gradW}, 3);
    }

    private void checkGradients(Linear linear, INDArray[] weights, INDArray[] grads, int out) {
        INDArray r = GradientCheck.random(17, 1.0, 6, out);
        linear.forward(x);
        INDArray gradInput = linear.backward(r);
        GradientCheck.assertAll("linear input", x, gradInput, () -> GradientCheck.weightedSum(linear.infer(x), r));
        for (int i = 0; i < weights.length; i++) {
            GradientCheck.assertAll("linear weight " + i, weights[i], grads[i],
                    () -> GradientCheck.weightedSum(linear.infer(x), r));
        }
    }

    private record Scale(double factor) implements TensorTransform {
        @Override
        public INDArray forward(INDArray x) {
            return x.mul(factor);
        }

        @Override
        public INDArray backward(INDArray gradOut) {
            return gradOut.mul(factor);
        }
    }

    private static final class Tanh implements TensorTransform {
        private INDArray output;

        @Override
        public INDArray forward(INDArray x) {
            output = Transforms.tanh(x, true);
            return output;
        }

        @Override
        public INDArray backward(INDArray gradOut) {
            return gradOut.mul(output.mul(output).rsubi(1.0));
        }
    }
}
