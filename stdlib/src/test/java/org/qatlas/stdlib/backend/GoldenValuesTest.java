package org.qatlas.stdlib.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Values worked out by hand, for every backend. */
class GoldenValuesTest {

    static java.util.List<Backend> backends() {
        return BackendKernelTest.backends();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void nameAndDevice(Backend backend) {
        assertTrue(java.util.List.of("cpu", "nd4j", "cuda").contains(backend.name()), backend.name());
        assertTrue(!backend.device().isBlank(), "a device in words");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void rmsNormOfThreeFour(Backend backend) {
        INDArray y = backend.rmsNorm(1e-5).forward(of(backend, 1, 2, 3, 4), Nd4j.ones(backend.dataType(), 2), false);
        double rms = Math.sqrt((9 + 16) / 2.0 + 1e-5);
        assertValues(backend, new double[] {3 / rms, 4 / rms}, y);
    }

    /**
     * 4 bits (levels -7..7), groups of 3 over 8 values, the last group ragged; every scale is a
     * power of two, so every value below is exact: group 1 has scale 1, and -3.5 and 2.5 round
     * half to even (-4, 2); group 2 has scale 0.5, 1.75 is level 3.5, which rounds to 4; group 3
     * (two values) has scale 0.125, 0.3125 is level 2.5, which rounds to 2.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void absMaxFourBitLevels(Backend backend) {
        double[] x = {7, -3.5, 2.5, 1.75, -3.5, 0, 0.3125, -0.875};
        double[] expected = {7, -4, 2, 2, -3.5, 0, 0.25, -0.875};
        assertValues(backend, expected, backend.fakeQuantize(of(backend, 1, 8, x), 3, false, 7));
        INDArray column = backend.fakeQuantize(of(backend, 8, 1, x), 3, true, 7);
        assertArrayEquals(new long[] {8, 1}, column.shape());
        assertValues(backend, expected, column);
        assertValues(backend, new double[] {0, 0, 0, 0}, backend.fakeQuantize(of(backend, 1, 4, 0, 0, 0, 0), 2, false, 7));
    }

    /** Uniform logits: the loss is ln(vocab), the gradient (1/vocab - onehot) * scale / rows. */
    @ParameterizedTest
    @MethodSource("backends")
    void crossEntropyOfUniformLogits(Backend backend) {
        Backend.CrossEntropy loss = backend.crossEntropy();
        INDArray logits = Nd4j.zeros(backend.dataType(), 2, 5).addi(3.0);
        assertEquals(Math.log(5), loss.forward(logits, new int[] {1, 4}, true), 1e-6);
        double s = 0.5 / 2;
        assertValues(backend, new double[] {s / 5, s / 5 - s, s / 5, s / 5, s / 5, s / 5, s / 5, s / 5, s / 5, s / 5 - s},
                loss.backward(0.5));
    }

    /** Position 0 is left alone; at position t, pair 0 of each head turns by t radians (base^0 = 1). */
    @ParameterizedTest
    @MethodSource("backends")
    void ropeTurnsPairZeroByThePosition(Backend backend) {
        INDArray x = of(backend, 2, 4, 1, 0, 0, 0, 1, 0, 0, 0); // two positions, headDim 4, pair 0 = (x0, x2)
        INDArray y = backend.rope(1, 4, 10000.0).forward(x, 2);
        assertValues(backend, new double[] {1, 0, 0, 0, Math.cos(1), 0, Math.sin(1), 0}, y);
        assertValues(backend, new double[] {1, 0, 0, 0, 1, 0, 0, 0}, backend.rope(1, 4, 10000.0).backward(y, 2));
    }

    /**
     * The first position sees only itself, so its context is its own value, for both query heads
     * of the single key/value head; the second position mixes both values by the softmax of its
     * scaled scores.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void attentionByHand(Backend backend) {
        // batch 1, time 2, two query heads reading one key/value head, headDim 2
        INDArray q = of(backend, 2, 4, 1, 2, 3, 4, 5, 6, 7, 8);
        INDArray k = of(backend, 2, 2, 0.5, -1, 2, 1);
        INDArray v = of(backend, 2, 2, 10, 20, 30, 40);
        INDArray out = backend.causalAttention(2, 1, 2).forward(q, k, v, 1, 2, false);
        double p0 = firstKeyWeight(5, 6); // position 1, head 0: q = (5, 6)
        double p1 = firstKeyWeight(7, 8); // position 1, head 1: q = (7, 8)
        assertValues(backend, new double[] {10, 20, 10, 20, p0 * 10 + (1 - p0) * 30, p0 * 20 + (1 - p0) * 40,
                p1 * 10 + (1 - p1) * 30, p1 * 20 + (1 - p1) * 40}, out);
    }

    /** softmax weight of key 0 = (0.5, -1) against key 1 = (2, 1) for query q, scores scaled by 1 / sqrt(2). */
    private static double firstKeyWeight(double q0, double q1) {
        double s0 = (q0 * 0.5 - q1) / Math.sqrt(2);
        double s1 = (q0 * 2 + q1) / Math.sqrt(2);
        return 1 / (1 + Math.exp(s1 - s0));
    }

    /** One position: each query head's context is the value of its key/value head h / (heads / kvHeads). */
    @ParameterizedTest
    @MethodSource("backends")
    void groupedQueryHeadsReadTheirOwnKeyValueHead(Backend backend) {
        INDArray q = of(backend, 1, 4, 1, 2, 3, 4); // four heads of dimension 1
        INDArray kv = of(backend, 1, 2, 10, 20); // two key/value heads
        INDArray out = backend.causalAttention(4, 2, 1).forward(q, kv.mul(-1), kv, 1, 1, false);
        assertValues(backend, new double[] {10, 10, 20, 20}, out);
    }

    /** [gate | up]: h = gate * sigmoid(gate) * up, so a zero gate gives zero whatever up is. */
    @ParameterizedTest
    @MethodSource("backends")
    void swiGluGatesTheUpHalf(Backend backend) {
        INDArray h = backend.swiGlu().forward(of(backend, 1, 4, 0, 1, 5, 2), false);
        assertValues(backend, new double[] {0, 2 / (1 + Math.exp(-1))}, h);
    }

    /** The first AdamW step moves each parameter by about lr against its gradient's sign, after the decay. */
    @ParameterizedTest
    @MethodSource("backends")
    void firstAdamWStep(Backend backend) {
        double lr = 0.1;
        INDArray p = of(backend, 1, 2, 1, -2);
        INDArray g = of(backend, 1, 2, 2, -0.5);
        INDArray m = Nd4j.zeros(backend.dataType(), 1, 2);
        INDArray v = Nd4j.zeros(backend.dataType(), 1, 2);
        backend.adamW(p, g, m, v, new Backend.AdamWStep(0.9, 0.999, 1e-8, 1 - lr * 0.1, lr / (1 - 0.9), 1 / (1 - 0.999), 1.0));
        // m = 0.1 g, sqrt(v / (1 - b2)) = |g|: the step is lr * g / (|g| + eps)
        assertValues(backend, new double[] {0.99 - lr * 2 / (2 + 1e-8), -1.98 + lr * 0.5 / (0.5 + 1e-8)}, p);
        assertValues(backend, new double[] {0.2, -0.05}, m);
    }

    private static INDArray of(Backend backend, long rows, long columns, double... values) {
        return Nd4j.create(values, new long[] {rows, columns}, DataType.DOUBLE).castTo(backend.dataType());
    }

    private static void assertValues(Backend backend, double[] expected, INDArray actual) {
        double[] a = Tensors.values(actual);
        assertEquals(expected.length, a.length, "number of values");
        double tolerance = backend.dataType() == DataType.DOUBLE ? 1e-12 : 1e-6;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], a[i], tolerance * Math.max(1, Math.abs(expected[i])), "value " + i);
        }
    }
}
