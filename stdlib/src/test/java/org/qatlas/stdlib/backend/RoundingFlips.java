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
 * model with the same weights does. An element whose value over its group's scale lies close to
 * a rounding boundary (k + 1/2) can land on either side; the two models then compute with
 * values that differ by a whole quantization step in that element, and their results may no
 * longer be compared element by element.
 *
 * <p>Such a flip is legitimate only close to a boundary: within {@link #REACH} levels. Two things
 * move a float32 value away from the float64 one: rounding, about 1e-7 relative, so 1e-5 of a
 * level at int8's 127; and, once training has taken steps, AdamW, whose update of an element
 * with a near-zero gradient depends on that gradient's sign and size at float32 noise (measured
 * here: weights apart by 1e-5 on a tensor of scale 0.08 after one step, 1e-3 of an int4 level).
 * A difference of convention moves values by tenths of a level or more, and fails.
 *
 * <p>Levels are recomputed here from the inputs each linear layer kept and from its weights, by
 * the symmetric AbsMax rule with groups along the input dimension (the schemes of the
 * reference use nothing else).
 */
final class RoundingFlips {
    /** How far from a boundary, in levels, a float32 model's value may stray: see the class comment. */
    static final double REACH = 1e-2;

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
     * with linear inputs kept, and with the weights they still hold), in the first linear layer,
     * in forward order, whose input or weight has any: a flip changes everything downstream of
     * it, so later layers' inputs differ by more than rounding and tell nothing more.
     */
    static List<Flip> between(LlamaModel model, LlamaModel reference) {
        List<Flip> flips = new ArrayList<>();
        Map<String, INDArray> inputs = model.lastLinearInputs();
        Map<String, INDArray> referenceInputs = reference.lastLinearInputs();
        for (Map.Entry<String, Linear> entry : model.linears().entrySet()) { // forward order
            String name = entry.getKey();
            Linear linear = entry.getValue();
            if (linear.inputTransform() instanceof FakeQuantizer q) {
                compare(name + ".input", q.spec(), inputs.get(name + ".input"), referenceInputs.get(name + ".input"), flips);
            }
            if (linear.weightTransform() instanceof FakeQuantizer q) {
                // Groups run down the columns of a weight [in, out]: along the rows of its transpose.
                compare(name + ".weight", q.spec(), linear.weight().transpose(),
                        reference.linears().get(name).weight().transpose(), flips);
            }
            if (!flips.isEmpty()) {
                break;
            }
        }
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
