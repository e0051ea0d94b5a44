package org.qatlas.stdlib.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.backend.nd4j.Nd4jBackend;

/**
 * The float64 reference's operations without a gradient (fake quantization, AdamW, the sum of
 * squares) against the interface's formulas written out as plain loops here, element by
 * element; and fake quantization's properties that make its straight-through backward (the
 * identity) the right one: the error is at most half a step, and quantized values are fixed.
 */
class ReferenceLoopsTest {
    private static final Backend REFERENCE = new Nd4jBackend(DataType.DOUBLE);

    @Test
    void fakeQuantizeMatchesGroupLoops() {
        // {rows, columns, group length, along columns, max level}: whole, ragged, longer than a row, weights.
        int[][] cases = {{4, 32, 8, 0, 7}, {3, 29, 8, 0, 7}, {2, 10, 64, 0, 127}, {21, 5, 8, 1, 7}, {19, 3, 4, 1, 127}};
        int seed = 0;
        for (int[] c : cases) {
            INDArray x = Tensors.normal(DataType.DOUBLE, ++seed, 1.0, c[0], c[1]);
            x.getRow(0).assign(0.0); // an all-zero group (or, down columns, the start of each) stays zero
            boolean alongColumns = c[3] == 1;
            INDArray expected = quantizedByLoops(x, c[2], alongColumns, c[4]);
            INDArray actual = REFERENCE.fakeQuantize(x, c[2], alongColumns, c[4]);
            Tolerance.DOUBLE.assertClose("fakeQuantize case " + java.util.Arrays.toString(c), expected, actual);
        }
    }

    @Test
    void fakeQuantizationErrsByAtMostHalfAStepAndFixesItsOwnValues() {
        INDArray x = Tensors.normal(DataType.DOUBLE, 7, 1.0, 6, 40);
        INDArray once = REFERENCE.fakeQuantize(x, 16, false, 7);
        double[] xs = Tensors.values(x);
        double[] qs = Tensors.values(once);
        for (int row = 0; row < 6; row++) {
            for (int start = 0; start < 40; start += 16) {
                int end = Math.min(40, start + 16);
                double step = 0;
                for (int j = start; j < end; j++) {
                    step = Math.max(step, Math.abs(xs[row * 40 + j]) / 7);
                }
                for (int j = start; j < end; j++) {
                    double error = Math.abs(qs[row * 40 + j] - xs[row * 40 + j]);
                    assertTrue(error <= step / 2 * (1 + 1e-12), "error " + error + " exceeds half the step " + step);
                }
            }
        }
        Tolerance.DOUBLE.assertClose("quantizing quantized values", once, REFERENCE.fakeQuantize(once, 16, false, 7));
    }

    @Test
    void adamWMatchesTheFormula() {
        Backend.AdamWStep hyper = new Backend.AdamWStep(0.9, 0.99, 1e-8, 0.999, 0.01 / (1 - 0.9 * 0.9),
                1 / (1 - 0.99 * 0.99), 0.5);
        INDArray p = Tensors.normal(DataType.DOUBLE, 1, 1.0, 4, 5);
        INDArray g = Tensors.normal(DataType.DOUBLE, 2, 1.0, 4, 5);
        INDArray m = Tensors.normal(DataType.DOUBLE, 3, 0.1, 4, 5);
        INDArray v = Tensors.uniform(DataType.DOUBLE, 4, 0.0, 0.01, 4, 5);
        double[] ps = Tensors.values(p);
        double[] gs = Tensors.values(g);
        double[] ms = Tensors.values(m);
        double[] vs = Tensors.values(v);
        for (int i = 0; i < ps.length; i++) {
            double scaled = gs[i] * hyper.gradientScale();
            ms[i] = hyper.beta1() * ms[i] + (1 - hyper.beta1()) * scaled;
            vs[i] = hyper.beta2() * vs[i] + (1 - hyper.beta2()) * scaled * scaled;
            ps[i] = hyper.decay() * ps[i]
                    - hyper.step() * ms[i] / (Math.sqrt(vs[i] * hyper.inverseCorrection2()) + hyper.epsilon());
        }
        REFERENCE.adamW(p, g, m, v, hyper);
        Tolerance.DOUBLE.assertClose("adamW parameter", Nd4j.create(ps, 4, 5), p);
        Tolerance.DOUBLE.assertClose("adamW first moment", Nd4j.create(ms, 4, 5), m);
        Tolerance.DOUBLE.assertClose("adamW second moment", Nd4j.create(vs, 4, 5), v);
    }

    @Test
    void sumOfSquaresMatchesALoop() {
        INDArray x = Tensors.normal(DataType.DOUBLE, 5, 2.0, 37, 11);
        double expected = 0;
        for (double value : Tensors.values(x)) {
            expected += value * value;
        }
        assertEquals(expected, REFERENCE.sumOfSquares(x), 1e-12 * expected);
    }

    /** The interface's AbsMax formula, group by group, rint ties to even. */
    private static INDArray quantizedByLoops(INDArray x, int groupLength, boolean alongColumns, double maxLevel) {
        int rows = (int) x.size(0);
        int columns = (int) x.size(1);
        double[] v = Tensors.values(x);
        int lines = alongColumns ? columns : rows;
        int width = alongColumns ? rows : columns;
        for (int line = 0; line < lines; line++) {
            for (int start = 0; start < width; start += groupLength) {
                int end = Math.min(width, start + groupLength);
                double max = 0;
                for (int j = start; j < end; j++) {
                    max = Math.max(max, Math.abs(v[index(line, j, alongColumns, columns)]));
                }
                double scale = max == 0 ? 1 : max / maxLevel;
                for (int j = start; j < end; j++) {
                    int i = index(line, j, alongColumns, columns);
                    v[i] = Math.rint(Math.min(Math.max(v[i] / scale, -maxLevel), maxLevel)) * scale;
                }
            }
        }
        return Nd4j.create(v, new long[] {rows, columns}, DataType.DOUBLE);
    }

    private static int index(int line, int j, boolean alongColumns, int columns) {
        return alongColumns ? j * columns + line : line * columns + j;
    }
}
