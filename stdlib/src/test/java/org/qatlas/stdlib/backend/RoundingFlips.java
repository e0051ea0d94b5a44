package org.qatlas.stdlib.backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.qatlas.stdlib.model.Linear;
import org.qatlas.stdlib.model.LlamaModel;
import org.qatlas.stdlib.quant.FakeQuantizer;
import org.qatlas.stdlib.quant.QuantSpec;

/**
 * Where a float32 model rounds a fake-quantized element to another level than the float64
 * model with the same weights does. An element whose value over its group's scale lies within
 * float32 noise of a rounding boundary (k + 1/2) can land on either side; the two models then
 * compute with inputs that differ by a whole quantization step in that element, and their
 * results may no longer be compared element by element. Such a flip is legitimate only that
 * close to a boundary: {@link #REACH} levels, about 127 levels times float32's relative
 * rounding accumulated over the layers, with a margin. A flip farther from a boundary would be
 * a difference of convention, and is reported as such.
 *
 * <p>Levels are recomputed here from the inputs each linear layer kept and from its weights, by
 * the symmetric AbsMax rule with groups along the input dimension (the schemes of the
 * reference use nothing else).
 */
final class RoundingFlips {
    /** How far from a boundary, in levels, float32 rounding may move a value: see the class comment. */
    static final double REACH = 1e-4;

    /** One element on different levels; {@code distance}: the float64 value's distance to the boundary, in levels. */
    record Flip(String tensor, int row, int column, double distance) {
        @Override
        public String toString() {
            return String.format("%s[%d, %d] (%.1e levels from a boundary)", tensor, row, column, distance);
        }
    }

    private RoundingFlips() {
    }

    /**
     * The flips between the last forward passes of {@code model} and {@code reference} (both run
     * with linear inputs kept), on every quantized input and weight.
     */
    static List<Flip> between(LlamaModel model, LlamaModel reference) {
        List<Flip> flips = new ArrayList<>();
        Map<String, INDArray> inputs = model.lastLinearInputs();
        Map<String, INDArray> referenceInputs = reference.lastLinearInputs();
        model.linears().forEach((name, linear) -> {
            Linear other = reference.linears().get(name);
            if (linear.inputTransform() instanceof FakeQuantizer q) {
                compare(name + ".input", q.spec(), inputs.get(name + ".input"), referenceInputs.get(name + ".input"), flips);
            }
            if (linear.weightTransform() instanceof FakeQuantizer q) {
                // Groups run down the columns of a weight [in, out]: along the rows of its transpose.
                compare(name + ".weight", q.spec(), linear.weight().transpose(), other.weight().transpose(), flips);
            }
        });
        return flips;
    }

    private static void compare(String tensor, QuantSpec spec, INDArray values, INDArray referenceValues,
            List<Flip> flips) {
        int group = spec.granularity().groupSize();
        double top = spec.format().maxLevel();
        double[][] levels = levels(values, group, top);
        double[][] exact = doubleRows(referenceValues);
        for (int row = 0; row < exact.length; row++) {
            for (int start = 0; start < exact[row].length; start += group) {
                int end = Math.min(exact[row].length, start + group);
                double scale = scale(maxAbs(exact[row], start, end) / top);
                for (int column = start; column < end; column++) {
                    double level = exact[row][column] / scale;
                    if (Math.rint(level) != levels[row][column]) {
                        double distance = Math.abs(Math.abs(level - Math.floor(level)) - 0.5);
                        flips.add(new Flip(tensor, row, column, distance));
                    }
                }
            }
        }
    }

    /** The levels of a matrix, groups along its rows, computed in its own precision as the kernels do. */
    private static double[][] levels(INDArray values, int group, double top) {
        if (values.dataType() == DataType.DOUBLE) {
            double[][] v = doubleRows(values);
            for (double[] row : v) {
                for (int start = 0; start < row.length; start += group) {
                    int end = Math.min(row.length, start + group);
                    double scale = scale(maxAbs(row, start, end) / top);
                    for (int i = start; i < end; i++) {
                        row[i] = Math.rint(row[i] / scale);
                    }
                }
            }
            return v;
        }
        float[][] v = floatRows(values);
        double[][] levels = new double[v.length][];
        for (int r = 0; r < v.length; r++) {
            float[] row = v[r];
            levels[r] = new double[row.length];
            for (int start = 0; start < row.length; start += group) {
                int end = Math.min(row.length, start + group);
                float scale = (float) scale(maxAbs(row, start, end) / (float) top);
                for (int i = start; i < end; i++) {
                    levels[r][i] = Math.rint(row[i] / scale);
                }
            }
        }
        return levels;
    }

    /** The rows of a matrix, copied in bulk (ND4J's toDoubleMatrix reads element by element). */
    private static double[][] doubleRows(INDArray matrix) {
        double[] flat = matrix.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int width = (int) matrix.size(1);
        double[][] rows = new double[(int) matrix.size(0)][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = Arrays.copyOfRange(flat, r * width, (r + 1) * width);
        }
        return rows;
    }

    private static float[][] floatRows(INDArray matrix) {
        float[] flat = matrix.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int width = (int) matrix.size(1);
        float[][] rows = new float[(int) matrix.size(0)][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = Arrays.copyOfRange(flat, r * width, (r + 1) * width);
        }
        return rows;
    }

    /** An all-zero group keeps scale 1, as the quantizer does. */
    private static double scale(double scale) {
        return scale == 0 ? 1 : scale;
    }

    private static float maxAbs(float[] values, int start, int end) {
        float max = 0;
        for (int i = start; i < end; i++) {
            max = Math.max(max, Math.abs(values[i]));
        }
        return max;
    }

    private static double maxAbs(double[] values, int start, int end) {
        double max = 0;
        for (int i = start; i < end; i++) {
            max = Math.max(max, Math.abs(values[i]));
        }
        return max;
    }
}
