package org.qatlas.stdlib.backend;

import static org.qatlas.stdlib.backend.Tensors.doubles;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.qatlas.stdlib.backend.nd4j.Nd4jBackend;

/**
 * Every operation of every backend, forward and backward, against the float64 reference on the
 * same inputs: each backend gets inputs of its own type, the reference the same values in
 * float64, and the results must agree within the backend's {@link Tolerance}. The shapes cover
 * ragged quantization groups, grouped-query attention (kvHeads < heads), several sequences per
 * batch and odd sizes.
 */
class BackendKernelTest {
    private static final Backend REFERENCE = new Nd4jBackend(DataType.DOUBLE);

    /**
     * The backends under test: every one that starts in this build (cpu and nd4j on the CPU
     * build; nd4j and cuda on a CUDA build with a GPU), and the float64 reference itself.
     */
    static List<Backend> backends() {
        return TestBackends.available();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void matmulAndMatmulAdd(Backend backend) {
        int[][] sizes = withDrawn(new int[][] {{3, 5, 4}, {7, 16, 9}, {1, 33, 2}}, 1, new int[] {1, 1, 1},
                new int[] {20, 70, 20}); // m, k, n
        int seed = 0;
        for (int[] mkn : sizes) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    INDArray a = input(backend, ++seed, ta ? new long[] {mkn[1], mkn[0]} : new long[] {mkn[0], mkn[1]});
                    INDArray b = input(backend, ++seed, tb ? new long[] {mkn[2], mkn[1]} : new long[] {mkn[1], mkn[2]});
                    String what = "matmul " + mkn[0] + "x" + mkn[1] + "x" + mkn[2] + (ta ? " A^T" : "") + (tb ? " B^T" : "");
                    tolerance(backend).assertClose(what, REFERENCE.matmul(doubles(a), ta, doubles(b), tb),
                            backend.matmul(a, ta, b, tb));
                    INDArray c = input(backend, ++seed, mkn[0], mkn[2]);
                    INDArray referenceC = doubles(c);
                    backend.matmulAdd(a, ta, b, tb, c);
                    REFERENCE.matmulAdd(doubles(a), ta, doubles(b), tb, referenceC);
                    tolerance(backend).assertClose(what + " added", referenceC, c);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void elementwiseAndSumOfSquares(Backend backend) {
        INDArray target = input(backend, 1, 6, 7);
        INDArray x = input(backend, 2, 6, 7);
        INDArray referenceTarget = doubles(target);
        REFERENCE.addInPlace(referenceTarget, doubles(x));
        tolerance(backend).assertClose("addInPlace", referenceTarget, backend.addInPlace(target, x));
        tolerance(backend).assertClose("addInPlace's target", referenceTarget, target);
        REFERENCE.scaleInPlace(referenceTarget, -0.37);
        backend.scaleInPlace(target, -0.37);
        tolerance(backend).assertClose("scaleInPlace", referenceTarget, target);
        INDArray big = input(backend, 3, 123, 77);
        tolerance(backend).assertClose("sumOfSquares", REFERENCE.sumOfSquares(doubles(big)), backend.sumOfSquares(big));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void gatherAndScatterRows(Backend backend) {
        INDArray table = input(backend, 4, 11, 6);
        int[] rows = Tensors.indices(5, 17, 11); // 17 draws from 11 rows: repeats
        tolerance(backend).assertClose("gatherRows", REFERENCE.gatherRows(doubles(table), rows),
                backend.gatherRows(table, rows));
        INDArray values = input(backend, 6, rows.length, 6);
        INDArray referenceTable = doubles(table);
        REFERENCE.scatterAddRows(referenceTable, rows, doubles(values));
        backend.scatterAddRows(table, rows, values);
        tolerance(backend).assertClose("scatterAddRows", referenceTable, table);
        // More rows than one tile of the cpu kernel (65,536 values), the last tile short.
        INDArray wide = input(backend, 7, 50, 64);
        int[] many = Tensors.indices(8, 2500, 50);
        INDArray manyValues = input(backend, 9, many.length, 64);
        INDArray referenceWide = doubles(wide);
        REFERENCE.scatterAddRows(referenceWide, many, doubles(manyValues));
        backend.scatterAddRows(wide, many, manyValues);
        tolerance(backend).assertClose("scatterAddRows in tiles", referenceWide, wide);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void fakeQuantize(Backend backend) {
        // {rows, columns, group length, along columns (a weight [in, out]), max level}
        int[][] cases = withDrawn(new int[][] {{8, 64, 16, 0, 7}, {5, 50, 16, 0, 7}, {6, 20, 32, 0, 127},
                {45, 12, 16, 1, 7}, {64, 9, 32, 1, 127}, {33, 7, 1, 0, 7}}, 2, new int[] {1, 1, 1, 0, 1},
                new int[] {80, 80, 40, 1, 127});
        int seed = 10;
        for (int[] c : cases) {
            INDArray x = input(backend, ++seed, c[0], c[1]);
            boolean alongColumns = c[3] == 1;
            String what = "fakeQuantize " + c[0] + "x" + c[1] + " groups of " + c[2] + (alongColumns ? " down columns" : "")
                    + " to +-" + c[4];
            INDArray before = doubles(x);
            INDArray reference = REFERENCE.fakeQuantize(doubles(x), c[2], alongColumns, c[4]);
            INDArray actual = backend.fakeQuantize(x, c[2], alongColumns, c[4]);
            QuantizedCompare.assertClose(what, tolerance(backend), reference, actual, maxAbs(reference) / c[4]);
            Tolerance.DOUBLE.assertClose(what + " leaves x alone", before, doubles(x));
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void adamW(Backend backend) {
        Backend.AdamWStep[] steps = {new Backend.AdamWStep(0.9, 0.95, 1e-8, 1 - 3e-3 * 0.1, 3e-3 / (1 - 0.9), 1 / (1 - 0.95), 1.0),
                new Backend.AdamWStep(0.8, 0.999, 1e-6, 1.0, 0.05, 7.3, 0.25)};
        int seed = 20;
        for (Backend.AdamWStep step : steps) {
            INDArray p = input(backend, ++seed, 9, 13);
            INDArray g = input(backend, ++seed, 9, 13);
            INDArray m = input(backend, ++seed, 9, 13).muli(0.1);
            INDArray v = Tensors.uniform(backend.dataType(), ++seed, 0.0, 0.02, 9, 13);
            INDArray[] reference = {doubles(p), doubles(g), doubles(m), doubles(v)};
            INDArray gradientBefore = doubles(g);
            REFERENCE.adamW(reference[0], reference[1], reference[2], reference[3], step);
            backend.adamW(p, g, m, v, step);
            tolerance(backend).assertClose("adamW parameter " + step, reference[0], p);
            tolerance(backend).assertClose("adamW first moment", reference[2], m);
            tolerance(backend).assertClose("adamW second moment", reference[3], v);
            Tolerance.DOUBLE.assertClose("adamW leaves the gradient alone", gradientBefore, doubles(g));
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void rmsNorm(Backend backend) {
        int[][] shapes = withDrawn(new int[][] {{5, 8}, {12, 33}, {1, 64}}, 3, new int[] {1, 1}, new int[] {40, 200});
        int seed = 30;
        for (int[] rowsHidden : shapes) {
            long[] shape = {rowsHidden[0], rowsHidden[1]};
            String what = "rmsNorm " + shape[0] + "x" + shape[1];
            INDArray x = input(backend, ++seed, shape).muli(3.0);
            INDArray weight = input(backend, ++seed, shape[1]).addi(1.0);
            INDArray gradOut = input(backend, ++seed, shape);
            INDArray weightGradient = input(backend, ++seed, shape[1]);
            INDArray referenceWeightGradient = doubles(weightGradient);
            Backend.RmsNorm norm = backend.rmsNorm(1e-5);
            Backend.RmsNorm reference = REFERENCE.rmsNorm(1e-5);
            tolerance(backend).assertClose(what, reference.forward(doubles(x), doubles(weight), true),
                    norm.forward(x, weight, true));
            tolerance(backend).assertClose(what + " backward",
                    reference.backward(doubles(gradOut), doubles(weight), referenceWeightGradient),
                    norm.backward(gradOut, weight, weightGradient));
            tolerance(backend).assertClose(what + " weight gradient", referenceWeightGradient, weightGradient);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void rope(Backend backend) {
        int[][] cases = withDrawn(new int[][] {{2, 5, 3, 8}, {1, 7, 2, 4}, {3, 4, 1, 16}, {2, 40, 2, 6}}, 4,
                new int[] {1, 1, 1, 1}, new int[] {4, 50, 6, 8}); // batch, time, heads, headDim (drawn: headDim / 2)
        for (int drawn = cases.length - DRAWN; drawn < cases.length; drawn++) {
            cases[drawn][3] *= 2; // RoPE pairs the head's coordinates: an even headDim
        }
        int seed = 40;
        for (int[] c : cases) {
            String what = "rope batch " + c[0] + " time " + c[1] + " heads " + c[2] + " headDim " + c[3];
            Backend.Rope rope = backend.rope(c[2], c[3], 10000.0);
            Backend.Rope reference = REFERENCE.rope(c[2], c[3], 10000.0);
            INDArray x = input(backend, ++seed, (long) c[0] * c[1], (long) c[2] * c[3]);
            INDArray gradOut = input(backend, ++seed, (long) c[0] * c[1], (long) c[2] * c[3]);
            tolerance(backend).assertClose(what, reference.forward(doubles(x), c[1]), rope.forward(x, c[1]));
            tolerance(backend).assertClose(what + " backward", reference.backward(doubles(gradOut), c[1]),
                    rope.backward(gradOut, c[1]));
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void causalAttention(Backend backend) {
        // batch, time, heads, kvHeads, headDim; drawn cases give kvHeads and heads per kvHead, made heads below.
        int[][] cases = withDrawn(new int[][] {{2, 5, 4, 2, 8}, {1, 6, 3, 3, 4}, {3, 4, 4, 1, 6}, {2, 9, 6, 2, 5}}, 5,
                new int[] {1, 1, 1, 1, 1}, new int[] {4, 40, 4, 3, 16});
        for (int drawn = cases.length - DRAWN; drawn < cases.length; drawn++) {
            cases[drawn][2] *= cases[drawn][3];
        }
        int seed = 50;
        for (int[] c : cases) {
            String what = "attention batch " + c[0] + " time " + c[1] + " heads " + c[2] + "/" + c[3] + " headDim " + c[4];
            long rows = (long) c[0] * c[1];
            INDArray q = input(backend, ++seed, rows, (long) c[2] * c[4]);
            INDArray k = input(backend, ++seed, rows, (long) c[3] * c[4]);
            INDArray v = input(backend, ++seed, rows, (long) c[3] * c[4]);
            INDArray gradOut = input(backend, ++seed, rows, (long) c[2] * c[4]);
            Backend.Attention attention = backend.causalAttention(c[2], c[3], c[4]);
            Backend.Attention reference = REFERENCE.causalAttention(c[2], c[3], c[4]);
            tolerance(backend).assertClose(what, reference.forward(doubles(q), doubles(k), doubles(v), c[0], c[1], true),
                    attention.forward(q, k, v, c[0], c[1], true));
            INDArray[] expected = reference.backward(doubles(gradOut));
            INDArray[] actual = attention.backward(gradOut);
            String[] names = {" dq", " dk", " dv"};
            for (int i = 0; i < 3; i++) {
                tolerance(backend).assertClose(what + names[i], expected[i], actual[i]);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void swiGlu(Backend backend) {
        int[][] sizes = withDrawn(new int[][] {{4, 6}, {13, 43}, {1, 128}}, 6, new int[] {1, 1}, new int[] {40, 200});
        int seed = 60;
        for (int[] rowsFfn : sizes) {
            long[] shape = {rowsFfn[0], rowsFfn[1]}; // rows, ffn
            String what = "swiGlu " + shape[0] + "x" + shape[1];
            INDArray gateUp = input(backend, ++seed, shape[0], 2 * shape[1]).muli(2.0);
            INDArray gradOut = input(backend, ++seed, shape);
            Backend.SwiGlu swiGlu = backend.swiGlu();
            Backend.SwiGlu reference = REFERENCE.swiGlu();
            tolerance(backend).assertClose(what, reference.forward(doubles(gateUp), true), swiGlu.forward(gateUp, true));
            tolerance(backend).assertClose(what + " backward", reference.backward(doubles(gradOut)), swiGlu.backward(gradOut));
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void crossEntropy(Backend backend) {
        long[][] shapes = {{6, 10}, {17, 256}, {1, 3}}; // rows, vocab
        double[] spreads = {1.0, 8.0, 40.0}; // the last: logits far beyond exp's float32 range
        int seed = 70;
        for (int i = 0; i < shapes.length; i++) {
            String what = "crossEntropy " + shapes[i][0] + "x" + shapes[i][1] + " spread " + spreads[i];
            INDArray logits = input(backend, ++seed, shapes[i]).muli(spreads[i]);
            int[] targets = Tensors.indices(++seed, (int) shapes[i][0], (int) shapes[i][1]);
            Backend.CrossEntropy loss = backend.crossEntropy();
            Backend.CrossEntropy reference = REFERENCE.crossEntropy();
            tolerance(backend).assertClose(what, reference.forward(doubles(logits), targets, true),
                    loss.forward(logits, targets, true));
            tolerance(backend).assertClose(what + " backward", reference.backward(0.7), loss.backward(0.7));
        }
    }

    /** Random cases added to each fixed list, the same every run. */
    private static final int DRAWN = 2;

    /** The fixed cases followed by {@link #DRAWN} cases drawn (with the seed) between low and high, inclusive. */
    private static int[][] withDrawn(int[][] fixed, long seed, int[] low, int[] high) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        int[][] all = java.util.Arrays.copyOf(fixed, fixed.length + DRAWN);
        for (int i = fixed.length; i < all.length; i++) {
            all[i] = new int[low.length];
            for (int j = 0; j < low.length; j++) {
                all[i][j] = random.nextInt(low[j], high[j] + 1);
            }
        }
        return all;
    }

    private static INDArray input(Backend backend, long seed, long... shape) {
        return Tensors.normal(backend.dataType(), seed, 1.0, shape);
    }

    private static Tolerance tolerance(Backend backend) {
        return Tolerance.of(backend.dataType());
    }

    private static double maxAbs(INDArray x) {
        return x.amaxNumber().doubleValue();
    }
}
