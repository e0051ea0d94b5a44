package org.qatlas.stdlib.quant;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.model.NativeMatrix;
import org.qatlas.stdlib.model.Parallel;

/**
 * Symmetric integer AbsMax fake quantization (no learned step, no clipping) in one Java pass
 * per group: max|x|, scale = max|x| / maxLevel (1 for an all-zero group), then
 * rint(clamp(x / scale)) * scale. The same arithmetic as {@link FakeQuantizer}'s general path,
 * which lays the tensor out by groups (a transpose for weights, padding for ragged groups) and
 * takes about a dozen whole-array ND4J calls; under QAT it runs on every linear layer's input
 * and weight in every step, where those calls' overhead dominated (measured on [2048, 256]
 * inputs and [256, 1376] weights: 2.8 and 4.3 ms per forward and backward).
 *
 * <p>Plain AbsMax clips nothing, so its straight-through backward is the identity and needs
 * nothing kept. Groups are independent, so splitting them over the cores changes nothing.
 */
final class AbsMaxKernel {
    private static final long PARALLEL_ABOVE = 65_536;
    /**
     * 1.5 * 2^23: adding and subtracting it rounds a float of magnitude below 2^22 to the
     * nearest integer, ties to even, exactly as Math.rint does; plain float arithmetic that the
     * JIT vectorizes, where the double round trip through Math.rint stays scalar. Levels are at
     * most 127 here.
     */
    private static final float ROUND = 12_582_912f;

    private AbsMaxKernel() {
    }

    /** Whether this kernel computes {@code spec} on tensors laid out as {@code view}. */
    static boolean handles(QuantSpec spec) {
        return spec.format() instanceof IntFormat format && format.symmetric() && !spec.lsq()
                && spec.clip() == ClipMode.NONE && spec.granularity().kind() != Granularity.Kind.TENSOR;
    }

    /** The fake-quantized copy of x (row-major, same shape and type). */
    static INDArray apply(INDArray x, GroupView view, double maxLevel) {
        INDArray in = NativeMatrix.contiguous(x);
        INDArray out = Nd4j.createUninitialized(x.dataType(), x.shape(), 'c');
        NativeMatrix source = NativeMatrix.of(in);
        NativeMatrix target = NativeMatrix.of(out);
        int length = (int) view.length();
        int width = (int) view.width();
        int rows = (int) view.rows();
        boolean single = x.dataType() == DataType.FLOAT;
        boolean parallel = x.length() > PARALLEL_ABOVE;
        if (!view.transposed()) {
            // [rows, width], groups of `length` along each row.
            Parallel.Block block = (from, to) -> {
                int n = (to - from) * width;
                long offset = (long) from * width;
                if (single) {
                    float[] values = new float[n];
                    source.get(offset, values, n);
                    for (int r = 0; r < to - from; r++) {
                        for (int start = 0; start < width; start += length) {
                            quantizeRun(values, r * width + start, Math.min(length, width - start), (float) maxLevel);
                        }
                    }
                    target.put(offset, values, n);
                } else {
                    double[] values = new double[n];
                    source.get(offset, values, n);
                    for (int r = 0; r < to - from; r++) {
                        for (int start = 0; start < width; start += length) {
                            quantizeRun(values, r * width + start, Math.min(length, width - start), maxLevel);
                        }
                    }
                    target.put(offset, values, n);
                }
            };
            runBlocks(rows, parallel, block);
        } else {
            // A weight [in = width, out = rows], row-major: group g is rows g*length.. of every column.
            int groups = (int) view.groups();
            Parallel.Block block = (from, to) -> {
                int firstRow = from * length;
                int lastRow = Math.min(width, to * length);
                int n = (lastRow - firstRow) * rows;
                long offset = (long) firstRow * rows;
                if (single) {
                    float[] values = new float[n];
                    source.get(offset, values, n);
                    for (int g = from; g < to; g++) {
                        int r0 = g * length - firstRow;
                        int r1 = Math.min(width, (g + 1) * length) - firstRow;
                        quantizeColumns(values, rows, r0, r1, (float) maxLevel);
                    }
                    target.put(offset, values, n);
                } else {
                    double[] values = new double[n];
                    source.get(offset, values, n);
                    for (int g = from; g < to; g++) {
                        int r0 = g * length - firstRow;
                        int r1 = Math.min(width, (g + 1) * length) - firstRow;
                        quantizeColumns(values, rows, r0, r1, maxLevel);
                    }
                    target.put(offset, values, n);
                }
            };
            runBlocks(groups, parallel, block);
        }
        return out;
    }

    private static void runBlocks(int n, boolean parallel, Parallel.Block block) {
        if (parallel) {
            Parallel.forBlocks(n, block);
        } else {
            block.run(0, n);
        }
    }

    /** One group of {@code count} consecutive values. */
    private static void quantizeRun(float[] v, int start, int count, float top) {
        float max = 0;
        for (int i = start; i < start + count; i++) {
            max = Math.max(max, Math.abs(v[i]));
        }
        float scale = max / top;
        if (scale == 0) {
            scale = 1; // an all-zero group stays zero
        }
        for (int i = start; i < start + count; i++) {
            float level = Math.min(Math.max(v[i] / scale, -top), top);
            v[i] = (level + ROUND - ROUND) * scale;
        }
    }

    private static void quantizeRun(double[] v, int start, int count, double top) {
        double max = 0;
        for (int i = start; i < start + count; i++) {
            max = Math.max(max, Math.abs(v[i]));
        }
        double scale = max / top;
        if (scale == 0) {
            scale = 1;
        }
        for (int i = start; i < start + count; i++) {
            double level = Math.min(Math.max(v[i] / scale, -top), top);
            v[i] = Math.rint(level) * scale;
        }
    }

    /** Rows r0..r1 of a row-major block with {@code columns} columns: one group per column. */
    private static void quantizeColumns(float[] v, int columns, int r0, int r1, float top) {
        float[] scale = new float[columns];
        for (int r = r0; r < r1; r++) {
            for (int j = 0, i = r * columns; j < columns; j++, i++) {
                scale[j] = Math.max(scale[j], Math.abs(v[i]));
            }
        }
        for (int j = 0; j < columns; j++) {
            scale[j] = scale[j] / top;
            if (scale[j] == 0) {
                scale[j] = 1;
            }
        }
        for (int r = r0; r < r1; r++) {
            for (int j = 0, i = r * columns; j < columns; j++, i++) {
                float level = Math.min(Math.max(v[i] / scale[j], -top), top);
                v[i] = (level + ROUND - ROUND) * scale[j];
            }
        }
    }

    private static void quantizeColumns(double[] v, int columns, int r0, int r1, double top) {
        double[] scale = new double[columns];
        for (int r = r0; r < r1; r++) {
            for (int j = 0, i = r * columns; j < columns; j++, i++) {
                scale[j] = Math.max(scale[j], Math.abs(v[i]));
            }
        }
        for (int j = 0; j < columns; j++) {
            scale[j] = scale[j] / top;
            if (scale[j] == 0) {
                scale[j] = 1;
            }
        }
        for (int r = r0; r < r1; r++) {
            for (int j = 0, i = r * columns; j < columns; j++, i++) {
                double level = Math.min(Math.max(v[i] / scale[j], -top), top);
                v[i] = Math.rint(level) * scale[j];
            }
        }
    }
}
