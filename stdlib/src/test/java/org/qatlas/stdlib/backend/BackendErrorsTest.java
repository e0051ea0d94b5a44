package org.qatlas.stdlib.backend;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Wrong shapes are refused with the op and the shapes named; a backward without a kept forward
 * (or a second backward after one) is an IllegalStateException; an inference forward between a
 * training forward and its backward leaves what the backward needs alone.
 */
class BackendErrorsTest {

    static java.util.List<Backend> backends() {
        return BackendKernelTest.backends();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void wrongShapesNameTheOpAndTheShapes(Backend backend) {
        assertRefused(() -> backend.matmul(zeros(backend, 3, 4), false, zeros(backend, 5, 2), false),
                "matmul", "[3, 4]", "[5, 2]");
        assertRefused(() -> backend.matmulAdd(zeros(backend, 3, 4), false, zeros(backend, 4, 2), false, zeros(backend, 3, 3)),
                "matmul", "[3, 3]");
        assertRefused(() -> backend.addInPlace(zeros(backend, 3, 4), zeros(backend, 4, 3)), "addInPlace", "[3, 4]", "[4, 3]");
        assertRefused(() -> backend.gatherRows(zeros(backend, 3, 4), new int[] {0, 3}), "gatherRows", "3");
        assertRefused(() -> backend.scatterAddRows(zeros(backend, 3, 4), new int[] {0, 1}, zeros(backend, 2, 5)),
                "scatterAddRows", "[2, 5]");
        assertRefused(() -> backend.fakeQuantize(zeros(backend, 3, 4), 0, false, 7), "fakeQuantize", "group");
        assertRefused(() -> backend.fakeQuantize(zeros(backend, 3, 4), 2, false, 7.5), "fakeQuantize", "whole number", "7.5");
        assertRefused(() -> backend.adamW(zeros(backend, 3, 4), zeros(backend, 3, 4), zeros(backend, 4, 3),
                zeros(backend, 3, 4), new Backend.AdamWStep(0.9, 0.99, 1e-8, 1, 0.1, 1, 1)), "adamW", "[4, 3]");
        assertRefused(() -> backend.rmsNorm(1e-5).forward(zeros(backend, 3, 4), zeros(backend, 5), false),
                "rmsNorm", "[5]");
        assertRefused(() -> backend.rope(2, 4, 10000).forward(zeros(backend, 6, 6), 3), "rope", "[6, 6]");
        assertRefused(() -> backend.rope(2, 4, 10000).forward(zeros(backend, 7, 8), 3), "rope", "[7, 8]");
        assertRefused(() -> backend.rope(2, 3, 10000), "rope", "3");
        assertRefused(() -> backend.causalAttention(4, 3, 2), "attention", "4", "3");
        assertRefused(() -> backend.causalAttention(4, 2, 2).forward(zeros(backend, 6, 8), zeros(backend, 6, 8),
                zeros(backend, 6, 4), 2, 3, false), "attention", "k", "[6, 8]");
        assertRefused(() -> backend.swiGlu().forward(zeros(backend, 3, 5), false), "swiGlu", "[3, 5]");
        assertRefused(() -> backend.crossEntropy().forward(zeros(backend, 3, 5), new int[] {0, 1}, false),
                "crossEntropy", "[3, 5]");
        assertRefused(() -> backend.crossEntropy().forward(zeros(backend, 2, 5), new int[] {0, 5}, false),
                "crossEntropy", "5");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void backwardWithoutAKeptForwardIsRefused(Backend backend) {
        INDArray x = Tensors.normal(backend.dataType(), 1, 1.0, 4, 6);
        INDArray w = Nd4j.ones(backend.dataType(), 6);
        Backend.RmsNorm norm = backend.rmsNorm(1e-5);
        assertThrows(IllegalStateException.class, () -> norm.backward(x, w, w.like()));
        norm.forward(x, w, false); // an inference forward keeps nothing
        assertThrows(IllegalStateException.class, () -> norm.backward(x, w, w.like()));
        norm.forward(x, w, true);
        norm.backward(x, w, Nd4j.zeros(backend.dataType(), 6));
        assertThrows(IllegalStateException.class, () -> norm.backward(x, w, w.like()), "a second backward");

        Backend.Attention attention = backend.causalAttention(2, 1, 2);
        assertThrows(IllegalStateException.class, () -> attention.backward(zeros(backend, 4, 4)));
        Backend.SwiGlu swiGlu = backend.swiGlu();
        assertThrows(IllegalStateException.class, () -> swiGlu.backward(zeros(backend, 4, 3)));
        Backend.CrossEntropy loss = backend.crossEntropy();
        assertThrows(IllegalStateException.class, () -> loss.backward(1.0));
        loss.forward(x, new int[] {0, 1, 2, 3}, true);
        loss.backward(1.0);
        assertThrows(IllegalStateException.class, () -> loss.backward(1.0), "a second backward");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void anInferenceBetweenForwardAndBackwardChangesNothing(Backend backend) {
        INDArray q = Tensors.normal(backend.dataType(), 2, 1.0, 6, 8);
        INDArray kv = Tensors.normal(backend.dataType(), 3, 1.0, 6, 4);
        INDArray gradOut = Tensors.normal(backend.dataType(), 4, 1.0, 6, 8);
        Backend.Attention plain = backend.causalAttention(4, 2, 2);
        plain.forward(q, kv, kv, 2, 3, true);
        INDArray[] expected = plain.backward(gradOut);
        Backend.Attention interrupted = backend.causalAttention(4, 2, 2);
        interrupted.forward(q, kv, kv, 2, 3, true);
        interrupted.forward(q.mul(2), kv.mul(3), kv, 3, 2, false);
        INDArray[] actual = interrupted.backward(gradOut);
        for (int i = 0; i < 3; i++) {
            Tolerance.DOUBLE.assertClose("gradient " + i, expected[i], actual[i]);
        }

        INDArray logits = Tensors.normal(backend.dataType(), 5, 1.0, 3, 7);
        Backend.CrossEntropy loss = backend.crossEntropy();
        loss.forward(logits, new int[] {1, 2, 3}, true);
        INDArray expectedGradient = loss.backward(1.0);
        loss.forward(logits, new int[] {1, 2, 3}, true);
        loss.forward(logits.mul(5), new int[] {6, 6, 6}, false);
        Tolerance.DOUBLE.assertClose("cross-entropy gradient", expectedGradient, loss.backward(1.0));
    }

    private static INDArray zeros(Backend backend, long... shape) {
        return Nd4j.zeros(backend.dataType(), shape);
    }

    private static void assertRefused(Executable call, String... words) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String word : words) {
            assertTrue(e.getMessage().contains(word), "\"" + e.getMessage() + "\" should name " + word);
        }
    }
}
