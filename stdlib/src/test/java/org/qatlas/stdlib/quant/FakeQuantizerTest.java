package org.qatlas.stdlib.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Forward values on hand-made tensors, output shapes and level counts. */
class FakeQuantizerTest {
    private static INDArray floats(double[][] values) {
        return Nd4j.createFromArray(values).castTo(DataType.FLOAT);
    }

    private static INDArray quantize(QuantSpec spec, Role role, INDArray x) {
        return new FakeQuantizer(spec, role).forward(x);
    }

    private static void assertTensor(double[][] expected, INDArray actual) {
        assertArrayEquals(new long[] {expected.length, expected[0].length}, actual.shape());
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual.getDouble(i, j), 1e-6, "element [" + i + ", " + j + "]");
            }
        }
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    @Test
    void valuesOnTheGridComeBackUnchanged() {
        // int4, groups of 4: step 0.25 in the first group, 0.5 in the second (both exact in binary).
        INDArray int4 = floats(new double[][] {{1.75, -0.5, 0.25, 0}, {-3.5, 1.0, 3.0, -0.5}});
        assertTensor(new double[][] {{1.75, -0.5, 0.25, 0}, {-3.5, 1.0, 3.0, -0.5}},
                quantize(QuantSpec.of(IntFormat.symmetric(4), Granularity.TOKEN), Role.INPUT, int4));
        INDArray fp4 = floats(new double[][] {{3, -1.5, 0.75, 0.25, 0, 2, -1, 0.5}});
        assertTensor(new double[][] {{3, -1.5, 0.75, 0.25, 0, 2, -1, 0.5}}, quantize(QuantSpec.of(Fp4E2M1.INSTANCE, Granularity.TENSOR), Role.INPUT, fp4));
        INDArray uint4 = floats(new double[][] {{-0.75, 3.0, 0, 1.5, 0.25}});
        assertTensor(new double[][] {{-0.75, 3.0, 0, 1.5, 0.25}}, quantize(QuantSpec.of(IntFormat.asymmetric(4), Granularity.TENSOR), Role.INPUT, uint4));
    }

    @Test
    void int4SymmetricGroupsOfFourByHand() {
        // Group 1: max|x| = 1.75, scale 0.25; x/scale = 7, -2.4, 1.2, 3.6 -> 7, -2, 1, 4.
        // Group 2: max|x| = 3.5, scale 0.5; x/scale = -7, 2.2, 0.4, 5.8 -> -7, 2, 0, 6.
        double[][] x = {{1.75, -0.6, 0.3, 0.9, -3.5, 1.1, 0.2, 2.9}};
        double[][] expected = {{1.75, -0.5, 0.25, 1.0, -3.5, 1.0, 0, 3.0}};
        assertTensor(expected, quantize(QuantSpec.of(IntFormat.symmetric(4), Granularity.group(4)), Role.INPUT, floats(x)));
        // A weight [in, out] is grouped along "in": the same numbers down a column.
        double[][] w = transpose(new double[][] {x[0], scaled(x[0], -2)});
        double[][] wExpected = transpose(new double[][] {expected[0], scaled(expected[0], -2)});
        assertTensor(wExpected, quantize(QuantSpec.of(IntFormat.symmetric(4), Granularity.group(4)), Role.WEIGHT, floats(w)));
    }

    private static double[] scaled(double[] v, double factor) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * factor;
        }
        return out;
    }

    @Test
    void asymmetricInt4ByHand() {
        // min -0.75, max 3.0: scale 3.75 / 15 = 0.25, zero point 3.
        // 1.1 / 0.25 = 4.4 -> level 7 -> 1.0; 0.4 / 0.25 = 1.6 -> level 5 -> 0.5; -0.3 -> -1.2 -> level 2 -> -0.25.
        double[][] x = {{-0.75, 3.0, 1.1, 0.4, -0.3}};
        assertTensor(new double[][] {{-0.75, 3.0, 1.0, 0.5, -0.25}}, quantize(QuantSpec.of(IntFormat.asymmetric(4), Granularity.TENSOR), Role.INPUT, floats(x)));
        // All positive: the range is widened to [0, 1.5], scale 0.1, zero point 0; 0.37 -> 0.4.
        assertTensor(new double[][] {{0.4, 1.5, 0.2}},
                quantize(QuantSpec.of(IntFormat.asymmetric(4), Granularity.TENSOR), Role.INPUT, floats(new double[][] {{0.37, 1.5, 0.2}})));
    }

    @Test
    void fp4E2M1ByHand() {
        // max|x| = 6: scale 1. Nearest of 0, 0.5, 1, 1.5, 2, 3, 4, 6.
        double[][] x = {{6, -3, 0.7, 2.6, 4.9, 5.1, -0.2, 1.3}};
        double[][] expected = {{6, -3, 0.5, 3, 4, 6, 0, 1.5}};
        assertTensor(expected, quantize(QuantSpec.of(Fp4E2M1.INSTANCE, Granularity.TENSOR), Role.INPUT, floats(x)));
        // Ties go to the even mantissa: 1.75 -> 2, 2.5 -> 2, 3.5 -> 4, 5 -> 4, 0.25 -> 0, 0.75 -> 1, 1.25 -> 1.
        double[][] ties = {{6, 1.75, 2.5, 3.5, -5, 0.25, 0.75, 1.25}};
        assertTensor(new double[][] {{6, 2, 2, 4, -4, 0, 1, 1}}, quantize(QuantSpec.of(Fp4E2M1.INSTANCE, Granularity.TENSOR), Role.INPUT, floats(ties)));
        // The same at scale 0.25 (max|x| = 1.5), in two groups of 8 with scales 1 and 0.25.
        double[][] both = {{6, -3, 0.7, 2.6, 4.9, 5.1, -0.2, 1.3,
            1.5, -0.75, 0.175, 0.65, 1.225, 1.275, -0.05, 0.325}};
        assertTensor(new double[][] {{6, -3, 0.5, 3, 4, 6, 0, 1.5, 1.5, -0.75, 0.125, 0.75, 1, 1.5, 0, 0.375}},
                quantize(QuantSpec.of(Fp4E2M1.INSTANCE, Granularity.group(8)), Role.INPUT, floats(both)));
    }

    @Test
    void perTokenScalesByHand() {
        // Token 1: max 7, scale 1. Token 2: max 0.875, scale 0.125: 2.4 -> 2, -3.52 -> -4, 0.4 -> 0.
        double[][] x = {{1, -7, 3.4, 0}, {0.875, 0.3, -0.44, 0.05}};
        assertTensor(new double[][] {{1, -7, 3, 0}, {0.875, 0.25, -0.5, 0}}, quantize(QuantSpec.of(IntFormat.symmetric(4), Granularity.TOKEN), Role.INPUT, floats(x)));
        // Per tensor the second token shares the scale 1 and rounds to 1, 0, 0, 0.
        assertTensor(new double[][] {{1, -7, 3, 0}, {1, 0, 0, 0}}, quantize(QuantSpec.of(IntFormat.symmetric(4), Granularity.TENSOR), Role.INPUT, floats(x)));
    }

    @Test
    void raggedLastGroupHasItsOwnScale() {
        // Width 6 in groups of 4: the second group holds 2 elements, max 3.5, scale 0.5.
        double[][] x = {{1.75, 0.6, -0.3, 1.0, 3.5, -1.2}, {0.7, 0, 0, 0, 0.35, 0.1}};
        double[][] expected = {{1.75, 0.5, -0.25, 1.0, 3.5, -1.0}, {0.7, 0, 0, 0, 0.35, 0.1}};
        assertTensor(expected, quantize(QuantSpec.of(IntFormat.symmetric(4), Granularity.group(4)), Role.INPUT, floats(x)));
        assertTensor(transpose(expected), quantize(QuantSpec.of(IntFormat.symmetric(4), Granularity.group(4)), Role.WEIGHT, floats(transpose(x))));
        // A group larger than the width is one group per row.
        assertTensor(quantize(QuantSpec.of(IntFormat.symmetric(4), Granularity.TOKEN), Role.INPUT, floats(x)).toDoubleMatrix(),
                quantize(QuantSpec.of(IntFormat.symmetric(4), Granularity.group(100)), Role.INPUT, floats(x)));
        assertTensor(quantize(QuantSpec.of(IntFormat.symmetric(4), Granularity.CHANNEL), Role.WEIGHT, floats(transpose(x))).toDoubleMatrix(),
                quantize(QuantSpec.of(IntFormat.symmetric(4), Granularity.group(100)), Role.WEIGHT, floats(transpose(x))));
    }

    @Test
    void eachGroupUsesAtMostTwoToTheBitsLevels() {
        INDArray x = Gaussian.tensor(7, DataType.FLOAT, 16, 100);
        int groupSize = 32; // 100 = 3 * 32 + 4: the last group is ragged
        for (NumberFormat f : new NumberFormat[] {IntFormat.symmetric(2), IntFormat.symmetric(3), IntFormat.symmetric(4),
            IntFormat.asymmetric(4), Fp4E2M1.INSTANCE, IntFormat.symmetric(8), IntFormat.asymmetric(2)}) {
            NumberFormat format = f;
            INDArray q = quantize(QuantSpec.of(f, Granularity.group(groupSize)), Role.INPUT, x).castTo(DataType.DOUBLE);
            int allowed = 1 << f.bits();
            int symmetricLimit = f.symmetric() ? allowed - 1 : allowed; // symmetric grids have no -2^(b-1)
            for (int row = 0; row < 16; row++) {
                for (int start = 0; start < 100; start += groupSize) {
                    Set<Double> levels = new HashSet<>();
                    for (int j = start; j < Math.min(start + groupSize, 100); j++) {
                        levels.add(q.getDouble(row, j) + 0.0); // + 0.0 turns -0.0 into 0.0
                    }
                    assertTrue(levels.size() <= Math.min(allowed, symmetricLimit),
                            format + ": " + levels.size() + " levels in a group");
                }
            }
        }
    }

    @Test
    void outputsKeepTheShapeAndTypeOfTheInput() {
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 3, 10).subi(0.5);
        for (QuantSpec spec : new QuantSpec[] {QuantSpec.of(IntFormat.symmetric(4), Granularity.group(4)), QuantSpec.of(IntFormat.symmetric(4), Granularity.TOKEN), QuantSpec.of(IntFormat.symmetric(4), Granularity.TENSOR), QuantSpec.of(IntFormat.asymmetric(4), Granularity.group(3)), QuantSpec.of(Fp4E2M1.INSTANCE, Granularity.group(8)), new QuantSpec(IntFormat.symmetric(4), Granularity.group(4), false, ClipMode.GROUP)}) {
            INDArray q = quantize(spec, Role.INPUT, input);
            assertArrayEquals(input.shape(), q.shape(), spec.toString());
            assertEquals(DataType.FLOAT, q.dataType(), spec.toString());
        }
        INDArray weight = Nd4j.rand(DataType.DOUBLE, 10, 6).subi(0.5);
        for (QuantSpec spec : new QuantSpec[] {QuantSpec.of(IntFormat.symmetric(4), Granularity.group(4)), QuantSpec.of(IntFormat.symmetric(4), Granularity.CHANNEL), QuantSpec.of(IntFormat.symmetric(4), Granularity.TENSOR), QuantSpec.of(IntFormat.asymmetric(4), Granularity.group(3)), QuantSpec.of(Fp4E2M1.INSTANCE, Granularity.group(8)), new QuantSpec(IntFormat.symmetric(4), Granularity.group(4), true, ClipMode.NONE)}) {
            INDArray q = quantize(spec, Role.WEIGHT, weight);
            assertArrayEquals(weight.shape(), q.shape(), spec.toString());
            assertEquals(DataType.DOUBLE, q.dataType(), spec.toString());
        }
        FakeQuantizer lsq = new FakeQuantizer(new QuantSpec(IntFormat.symmetric(4), Granularity.group(4), true, ClipMode.NONE), Role.WEIGHT);
        lsq.forward(weight);
        assertArrayEquals(new long[] {6, 3}, lsq.parameter().shape(), "one step per output and group of 4 inputs");
        FakeQuantizer clip = new FakeQuantizer(new QuantSpec(IntFormat.symmetric(4), Granularity.group(4), false, ClipMode.GROUP), Role.INPUT);
        clip.forward(input);
        assertArrayEquals(new long[] {1, 3}, clip.parameter().shape(), "one clip value per group position");
        FakeQuantizer tensorClip = new FakeQuantizer(new QuantSpec(IntFormat.symmetric(4), Granularity.TOKEN, false, ClipMode.TENSOR), Role.INPUT);
        tensorClip.forward(input);
        assertArrayEquals(new long[] {1, 1}, tensorClip.parameter().shape());
        assertEquals(input.amaxNumber().doubleValue(), tensorClip.parameter().getDouble(0, 0), 1e-6,
                "clip starts at the first batch's max|x|");
    }

    @Test
    void noneIsTheIdentity() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4);
        FakeQuantizer none = new FakeQuantizer(QuantSpec.NONE, Role.INPUT);
        assertSame(x, none.forward(x));
        assertSame(x, none.backward(x));
        assertEquals(null, none.parameter());
    }

    @Test
    void allZeroGroupsStayZero() {
        INDArray x = floats(new double[][] {{0, 0, 0, 0, 1, 2, 3, 4}});
        for (QuantSpec spec : new QuantSpec[] {QuantSpec.of(IntFormat.symmetric(4), Granularity.group(4)), QuantSpec.of(IntFormat.asymmetric(4), Granularity.group(4)), QuantSpec.of(Fp4E2M1.INSTANCE, Granularity.group(4))}) {
            INDArray q = quantize(spec, Role.INPUT, x);
            assertEquals(0.0, q.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4)).amaxNumber().doubleValue(), spec.toString());
            assertFalse(Double.isNaN(q.sumNumber().doubleValue()), spec.toString());
        }
    }

    @Test
    void inputsTheQuantizerCannotHandleAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> quantize(QuantSpec.of(IntFormat.symmetric(4), Granularity.group(4)), Role.WEIGHT, Nd4j.rand(DataType.FLOAT, 2, 3, 4)));
        assertThrows(IllegalStateException.class, () -> new FakeQuantizer(QuantSpec.of(IntFormat.symmetric(4), Granularity.group(4)), Role.INPUT).backward(Nd4j.rand(DataType.FLOAT, 2, 2)));
        FakeQuantizer q = new FakeQuantizer(new QuantSpec(IntFormat.symmetric(4), Granularity.group(4), true, ClipMode.NONE), Role.WEIGHT);
        q.setParameter(Nd4j.ones(DataType.FLOAT, 2, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> q.forward(Nd4j.rand(DataType.FLOAT, 8, 3)));
        assertEquals("int4/g4+lsq weight: learned values have shape [2, 2] but this tensor needs [3, 2]", e.getMessage());
    }
}
