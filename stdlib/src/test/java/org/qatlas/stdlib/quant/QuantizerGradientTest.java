package org.qatlas.stdlib.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The straight-through estimator, and the LSQ and PACT parameter gradients checked against
 * central finite differences of the scalar loss L = sum(w * fakequant(x)) in float64.
 *
 * <p>A finite difference measures the true derivative of the piecewise-constant quantizer with
 * the rounding held fixed (points are built half a level away from rounding boundaries, so a
 * tiny step never moves a level). The STE gradients differ from it by a documented term on the
 * unclipped elements only: LSQ treats round(v) as v, adding -v per element (Esser et al. 2020,
 * Eq. 3); PACT drops the dependence of unclipped elements on alpha, round(v) / maxLevel each.
 * So each check compares with the finite difference less that term; where every element is
 * clipped the two must agree with no term at all.
 */
class QuantizerGradientTest {
    private static final Random RANDOM = new Random(42);

    private static double loss(FakeQuantizer quantizer, INDArray parameter, INDArray x, INDArray w) {
        quantizer.setParameter(parameter);
        return quantizer.apply(x).mul(w).sumNumber().doubleValue();
    }

    private static double centralDifference(QuantSpec spec, Role role, INDArray parameter, int row, int column,
            INDArray x, INDArray w) {
        FakeQuantizer probe = new FakeQuantizer(spec, role);
        double h = 1e-6 * parameter.getDouble(row, column);
        INDArray plus = parameter.dup();
        plus.putScalar(row, column, plus.getDouble(row, column) + h);
        INDArray minus = parameter.dup();
        minus.putScalar(row, column, minus.getDouble(row, column) - h);
        return (loss(probe, plus, x, w) - loss(probe, minus, x, w)) / (2 * h);
    }

    /** A level k plus an offset at most 0.3 from it: at least 0.2 from every rounding boundary. */
    private static double offGrid(int k) {
        return k + (RANDOM.nextDouble() - 0.5) * 0.6;
    }

    @Test
    void absMaxPassesTheGradientUnchanged() {
        INDArray x = Gaussian.tensor(10, DataType.FLOAT, 4, 10);
        INDArray g = Gaussian.tensor(11, DataType.FLOAT, 4, 10);
        for (QuantSpec spec : new QuantSpec[] {QuantSpec.of(IntFormat.symmetric(4), Granularity.group(4)), QuantSpec.of(IntFormat.symmetric(4), Granularity.TOKEN), QuantSpec.of(Fp4E2M1.INSTANCE, Granularity.group(8)), QuantSpec.of(IntFormat.symmetric(8), Granularity.TENSOR)}) {
            FakeQuantizer q = new FakeQuantizer(spec, Role.INPUT);
            q.forward(x);
            assertSame(g, q.backward(g), spec.toString());
        }
        FakeQuantizer asymmetric = new FakeQuantizer(QuantSpec.of(IntFormat.asymmetric(4), Granularity.group(4)), Role.INPUT);
        asymmetric.forward(x);
        assertEquals(g, asymmetric.backward(g), "the min/max range covers every element");
    }

    @Test
    void learnedClippingStopsTheGradientBeyondTheClip() {
        FakeQuantizer q = new FakeQuantizer(new QuantSpec(IntFormat.symmetric(4), Granularity.TENSOR, false, ClipMode.TENSOR), Role.INPUT);
        q.setParameter(Nd4j.createFromArray(new double[][] {{2.0}}));
        INDArray x = Nd4j.createFromArray(new double[][] {{-3, -1, 0.5, 1.9, 2.5, 2.0}});
        INDArray y = q.forward(x);
        assertEquals(-2.0, y.getDouble(0, 0), 1e-12, "clipped to -alpha");
        assertEquals(2.0, y.getDouble(0, 4), 1e-12, "clipped to alpha");
        INDArray gradOut = Nd4j.createFromArray(new double[][] {{1, 2, 3, 4, 5, 6}});
        INDArray gradIn = q.backward(gradOut);
        assertArrayEquals(new double[] {0, 2, 3, 4, 0, 6}, gradIn.toDoubleVector(), 0.0,
                "identity inside [-alpha, alpha], exactly zero outside");
        // PACT: dL/dalpha = sum over clipped elements of gradOut * sign(x) = 1 * -1 + 5 * 1.
        assertEquals(4.0, q.gradient().getDouble(0, 0), 1e-12);
        q.backward(gradOut);
        assertEquals(8.0, q.gradient().getDouble(0, 0), 1e-12, "gradients accumulate");
        q.zeroGradient();
        assertEquals(0.0, q.gradient().getDouble(0, 0));
    }

    @Test
    void asymmetricSaturationStopsTheGradient() {
        // min -0.875, max 2.875: scale 0.25, zero point rint(3.5) = 4. The top element lands on
        // level rint(11.5) + 4 = 16, one past the grid: it saturates at 15, (15 - 4) * 0.25 = 2.75.
        FakeQuantizer q = new FakeQuantizer(QuantSpec.of(IntFormat.asymmetric(4), Granularity.TENSOR), Role.INPUT);
        INDArray y = q.forward(Nd4j.createFromArray(new double[][] {{-0.875, 2.875, 1.0}}));
        assertArrayEquals(new double[] {-1.0, 2.75, 1.0}, y.toDoubleVector(), 1e-12);
        INDArray gradIn = q.backward(Nd4j.createFromArray(new double[][] {{1, 2, 3}}));
        assertArrayEquals(new double[] {1, 0, 3}, gradIn.toDoubleVector(), 0.0);
    }

    @Test
    void lsqStepGradientMatchesFiniteDifferences() {
        QuantSpec spec = new QuantSpec(IntFormat.symmetric(4), Granularity.group(4), true, ClipMode.NONE);
        double top = 7;
        double[][] steps = {{0.1, 0.2}, {0.15, 0.05}}; // [out, groups]
        int in = 8;
        int out = 2;
        double[][] weight = new double[in][out];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                weight[i][o] = steps[o][i / 4] * offGrid(RANDOM.nextInt(19) - 9); // levels -9..9: some beyond 7
            }
        }
        INDArray x = Nd4j.createFromArray(weight);
        INDArray w = Gaussian.tensor(12, DataType.DOUBLE, in, out);
        INDArray parameter = Nd4j.createFromArray(steps);

        FakeQuantizer q = new FakeQuantizer(spec, Role.WEIGHT);
        q.setParameter(parameter);
        q.forward(x);
        INDArray gradIn = q.backward(w);
        double gradientScale = 1 / Math.sqrt(4 * top);
        for (int o = 0; o < out; o++) {
            for (int g = 0; g < 2; g++) {
                double steTerm = 0;
                for (int i = 4 * g; i < 4 * g + 4; i++) {
                    double v = weight[i][o] / steps[o][g];
                    if (Math.abs(v) < top) {
                        steTerm += w.getDouble(i, o) * v;
                    }
                }
                double fd = centralDifference(spec, Role.WEIGHT, parameter, o, g, x, w);
                assertEquals(gradientScale * (fd - steTerm), q.gradient().getDouble(o, g), 1e-7,
                        "step [" + o + ", " + g + "]");
            }
        }
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                boolean inside = Math.abs(weight[i][o] / steps[o][i / 4]) < top;
                assertEquals(inside ? w.getDouble(i, o) : 0.0, gradIn.getDouble(i, o), 0.0, "STE at " + i + ", " + o);
            }
        }
    }

    @Test
    void lsqGradientOfFullyClippedStepsIsTheFiniteDifference() {
        QuantSpec spec = new QuantSpec(IntFormat.symmetric(4), Granularity.TENSOR, true, ClipMode.NONE);
        INDArray x = Nd4j.createFromArray(new double[][] {{0.1 * offGrid(8)}, {0.1 * offGrid(-9)}, {0.1 * offGrid(12)}});
        INDArray w = Nd4j.createFromArray(new double[][] {{0.7}, {-1.3}, {0.4}});
        INDArray parameter = Nd4j.createFromArray(new double[][] {{0.1}});
        FakeQuantizer q = new FakeQuantizer(spec, Role.WEIGHT);
        q.setParameter(parameter);
        q.forward(x);
        assertEquals(0.0, q.backward(w).amaxNumber().doubleValue(), "every element clipped");
        double fd = centralDifference(spec, Role.WEIGHT, parameter, 0, 0, x, w);
        assertEquals(fd / Math.sqrt(3 * 7), q.gradient().getDouble(0, 0), 1e-8);
        assertEquals((0.7 * 7 - 1.3 * -7 + 0.4 * 7) / Math.sqrt(3 * 7), q.gradient().getDouble(0, 0), 1e-8);
    }

    @Test
    void clipGradientMatchesFiniteDifferences() {
        QuantSpec spec = new QuantSpec(IntFormat.symmetric(4), Granularity.group(4), false, ClipMode.GROUP);
        double top = 7;
        double[] alpha = {1.0, 2.0}; // one per group position
        int tokens = 6;
        double[][] input = new double[tokens][8];
        for (int t = 0; t < tokens; t++) {
            boolean clipped = t % 3 != 2; // every third token has no outlier and does not depend on alpha
            for (int j = 0; j < 8; j++) {
                int k = RANDOM.nextInt(13) - 6;
                if (clipped && j % 4 == t % 4) {
                    k = (RANDOM.nextBoolean() ? 1 : -1) * (8 + RANDOM.nextInt(3)); // an outlier beyond alpha
                }
                input[t][j] = alpha[j / 4] / top * offGrid(k);
            }
        }
        INDArray x = Nd4j.createFromArray(input);
        INDArray w = Gaussian.tensor(13, DataType.DOUBLE, tokens, 8);
        INDArray parameter = Nd4j.createFromArray(new double[][] {alpha});

        FakeQuantizer q = new FakeQuantizer(spec, Role.INPUT);
        q.setParameter(parameter);
        q.forward(x);
        INDArray gradIn = q.backward(w);
        for (int g = 0; g < 2; g++) {
            double pactDrops = 0; // d/dalpha of the unclipped elements of groups that alpha scales
            for (int t = 0; t < tokens; t++) {
                boolean alphaScales = false;
                for (int j = 4 * g; j < 4 * g + 4; j++) {
                    alphaScales |= Math.abs(input[t][j]) > alpha[g];
                }
                for (int j = 4 * g; j < 4 * g + 4; j++) {
                    if (alphaScales && Math.abs(input[t][j]) <= alpha[g]) {
                        pactDrops += w.getDouble(t, j) * Math.rint(input[t][j] / (alpha[g] / top)) / top;
                    }
                }
            }
            double fd = centralDifference(spec, Role.INPUT, parameter, 0, g, x, w);
            assertEquals(fd - pactDrops, q.gradient().getDouble(0, g), 1e-7, "alpha " + g);
        }
        for (int t = 0; t < tokens; t++) {
            for (int j = 0; j < 8; j++) {
                boolean inside = Math.abs(input[t][j]) <= alpha[j / 4];
                assertEquals(inside ? w.getDouble(t, j) : 0.0, gradIn.getDouble(t, j), 0.0, "STE at " + t + ", " + j);
            }
        }
    }

    @Test
    void clipGradientOfFullyClippedInputsIsTheFiniteDifference() {
        QuantSpec spec = new QuantSpec(IntFormat.symmetric(4), Granularity.TOKEN, false, ClipMode.TENSOR);
        INDArray x = Nd4j.createFromArray(new double[][] {{-3, 2.5}, {4, -5}});
        INDArray w = Nd4j.createFromArray(new double[][] {{0.3, -1.1}, {0.8, 0.6}});
        INDArray parameter = Nd4j.createFromArray(new double[][] {{2.0}});
        FakeQuantizer q = new FakeQuantizer(spec, Role.INPUT);
        q.setParameter(parameter);
        q.forward(x);
        q.backward(w);
        double fd = centralDifference(spec, Role.INPUT, parameter, 0, 0, x, w);
        assertEquals(fd, q.gradient().getDouble(0, 0), 1e-8);
        assertEquals(-0.3 - 1.1 + 0.8 - 0.6, q.gradient().getDouble(0, 0), 1e-8);
    }

    @Test
    void atTheAbsMaxStartEachGroupsLargestElementCountsAsClipped() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray x = Gaussian.tensor(16, type, 12, 5); // weight [in 12, out 5], groups of 4 inputs
            FakeQuantizer q = new FakeQuantizer(new QuantSpec(IntFormat.symmetric(4), Granularity.group(4), true, ClipMode.NONE), Role.WEIGHT);
            q.forward(x);
            INDArray gradIn = q.backward(Nd4j.ones(type, 12, 5));
            for (int o = 0; o < 5; o++) {
                for (int g = 0; g < 3; g++) {
                    int largest = 4 * g;
                    for (int i = 4 * g; i < 4 * g + 4; i++) {
                        if (Math.abs(x.getDouble(i, o)) > Math.abs(x.getDouble(largest, o))) {
                            largest = i;
                        }
                    }
                    for (int i = 4 * g; i < 4 * g + 4; i++) {
                        assertEquals(i == largest ? 0.0 : 1.0, gradIn.getDouble(i, o), 0.0, type + " at " + i + ", " + o);
                    }
                }
            }
        }
    }

    @Test
    void float32TrainingAgreesWithFloat64() {
        INDArray x64 = Gaussian.tensor(14, DataType.DOUBLE, 24, 16);
        INDArray w64 = Gaussian.tensor(15, DataType.DOUBLE, 24, 16);
        for (QuantSpec spec : new QuantSpec[] {new QuantSpec(IntFormat.symmetric(4), Granularity.group(8), true, ClipMode.NONE), new QuantSpec(IntFormat.symmetric(4), Granularity.CHANNEL, true, ClipMode.NONE)}) {
            FakeQuantizer q64 = new FakeQuantizer(spec, Role.WEIGHT);
            INDArray y64 = q64.forward(x64);
            q64.backward(w64);
            FakeQuantizer q32 = new FakeQuantizer(spec, Role.WEIGHT);
            INDArray y32 = q32.forward(x64.castTo(DataType.FLOAT));
            q32.backward(w64.castTo(DataType.FLOAT));
            assertEquals(DataType.FLOAT, y32.dataType());
            assertEquals(DataType.FLOAT, q32.gradient().dataType());
            assertEquals(0.0, y32.castTo(DataType.DOUBLE).sub(y64).amaxNumber().doubleValue(), 1e-5, spec.toString());
            assertEquals(0.0, q32.gradient().castTo(DataType.DOUBLE).sub(q64.gradient()).amaxNumber().doubleValue(),
                    1e-4, spec.toString());
        }
    }
}
