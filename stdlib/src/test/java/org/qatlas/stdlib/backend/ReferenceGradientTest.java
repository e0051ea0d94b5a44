package org.qatlas.stdlib.backend;

import static org.qatlas.stdlib.backend.FiniteDifferences.assertGradient;
import static org.qatlas.stdlib.backend.FiniteDifferences.weightedSum;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.backend.nd4j.Nd4jBackend;

/**
 * The float64 reference's backward passes against central finite differences of
 * sum(forward(x) * r), every element, on small shapes: the check that makes the reference one.
 */
class ReferenceGradientTest {
    private static final Backend REFERENCE = new Nd4jBackend(DataType.DOUBLE);

    @Test
    void matmulGradientsInEveryTransposeCombination() {
        int seed = 0;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                INDArray a = random(++seed, ta ? new long[] {4, 3} : new long[] {3, 4});
                INDArray b = random(++seed, tb ? new long[] {5, 4} : new long[] {4, 5});
                INDArray r = random(++seed, 3, 5);
                // C = op(A) op(B): dop(A) = R op(B)^T and dop(B) = op(A)^T R, transposed back where op is.
                INDArray gradA = ta ? REFERENCE.matmul(b, tb, r, true) : REFERENCE.matmul(r, false, b, !tb);
                INDArray gradB = tb ? REFERENCE.matmul(r, true, a, ta) : REFERENCE.matmul(a, !ta, r, false);
                String what = "matmul" + (ta ? " A^T" : "") + (tb ? " B^T" : "");
                assertGradient(what + " dA", a, gradA, () -> weightedSum(REFERENCE.matmul(a, ta, b, tb), r));
                assertGradient(what + " dB", b, gradB, () -> weightedSum(REFERENCE.matmul(a, ta, b, tb), r));
            }
        }
    }

    @Test
    void scatterAddIsTheGradientOfGather() {
        INDArray table = random(1, 6, 3);
        int[] rows = {4, 1, 4, 0, 4};
        INDArray r = random(2, rows.length, 3);
        INDArray gradient = Nd4j.zeros(DataType.DOUBLE, 6, 3);
        REFERENCE.scatterAddRows(gradient, rows, r);
        assertGradient("gather", table, gradient, () -> weightedSum(REFERENCE.gatherRows(table, rows), r));
    }

    @Test
    void rmsNorm() {
        INDArray x = random(3, 4, 7);
        INDArray weight = random(4, 7).addi(1.0);
        INDArray r = random(5, 4, 7);
        Backend.RmsNorm norm = REFERENCE.rmsNorm(1e-5);
        norm.forward(x, weight, true);
        INDArray weightGradient = Nd4j.zeros(DataType.DOUBLE, 7);
        INDArray gradX = norm.backward(r, weight, weightGradient);
        assertGradient("rmsNorm dx", x, gradX, () -> weightedSum(norm.forward(x, weight, false), r));
        assertGradient("rmsNorm dw", weight, weightGradient, () -> weightedSum(norm.forward(x, weight, false), r));
    }

    @Test
    void rope() {
        Backend.Rope rope = REFERENCE.rope(2, 6, 100.0); // a small base: every pair turns noticeably
        INDArray x = random(6, 2 * 4, 2 * 6);
        INDArray r = random(7, 2 * 4, 2 * 6);
        assertGradient("rope", x, rope.backward(r, 4), () -> weightedSum(rope.forward(x, 4), r));
    }

    @Test
    void groupedQueryAttention() {
        int batch = 2;
        int time = 4;
        Backend.Attention attention = REFERENCE.causalAttention(4, 2, 3);
        INDArray q = random(8, batch * time, 4 * 3);
        INDArray k = random(9, batch * time, 2 * 3);
        INDArray v = random(10, batch * time, 2 * 3);
        INDArray r = random(11, batch * time, 4 * 3);
        attention.forward(q, k, v, batch, time, true);
        INDArray[] gradients = attention.backward(r);
        java.util.function.DoubleSupplier loss = () -> weightedSum(attention.forward(q, k, v, batch, time, false), r);
        assertGradient("attention dq", q, gradients[0], loss);
        assertGradient("attention dk", k, gradients[1], loss);
        assertGradient("attention dv", v, gradients[2], loss);
    }

    @Test
    void swiGlu() {
        Backend.SwiGlu swiGlu = REFERENCE.swiGlu();
        INDArray gateUp = random(12, 3, 2 * 5).muli(2.0);
        INDArray r = random(13, 3, 5);
        swiGlu.forward(gateUp, true);
        assertGradient("swiGlu", gateUp, swiGlu.backward(r), () -> weightedSum(swiGlu.forward(gateUp, false), r));
    }

    @Test
    void crossEntropyWithAScale() {
        Backend.CrossEntropy loss = REFERENCE.crossEntropy();
        INDArray logits = random(14, 5, 7).muli(3.0);
        int[] targets = {0, 6, 3, 3, 1};
        double scale = 0.6;
        loss.forward(logits, targets, true);
        assertGradient("crossEntropy", logits, loss.backward(scale), () -> scale * loss.forward(logits, targets, false));
    }

    private static INDArray random(long seed, long... shape) {
        return Tensors.normal(DataType.DOUBLE, seed, 1.0, shape);
    }
}
