package org.qatlas.stdlib.backend.cpu;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.backend.ShapeChecks;

/**
 * Symmetric integer AbsMax fake quantization (no learned step, no clipping) in one Java pass
 * per group over float32 copies: max|x|, scale = max|x| / maxLevel (1 for an all-zero group),
 * then rint(clamp(x / scale)) * scale. The general quantizer lays the tensor out by groups (a
 * transpose for weights, padding for ragged groups) and takes about a dozen whole-array ND4J
 * calls; under QAT this runs on every linear layer's input and weight in every step, where
 * those calls' overhead dominated (measured on [2048, 256] inputs and [256, 1376] weights: 2.8
 * and 4.3 ms per forward and backward). Groups are independent, so splitting them over the
 * cores changes nothing.
 */
final class CpuFakeQuant {
    private static final long PARALLEL_ABOVE = 65_536;
    /**
     * 1.5 * 2^23: adding and subtracting it rounds a float of magnitude below 2^22 to the
     * nearest integer, ties to even, exactly as Math.rint does; plain float arithmetic that the
     * JIT vectorizes, where the double round trip through Math.rint stays scalar. Levels are at
     * most 127 here.
     */
    private static final float ROUND = 12_582_912f;

    private CpuFakeQuant() {
    }

    /** The fake-quantized copy of x (row-major, same shape); see {@link org.qatlas.stdlib.backend.Backend#fakeQuantize}. */
    static INDArray apply(INDArray x, int length, boolean alongColumns, double maxLevel) {
        ShapeChecks.positive("fakeQuantize", "group length", length);
        ShapeChecks.positive("fakeQuantize", "maximum level", maxLevel);
        if (x.rank() == 0 || (alongColumns && x.rank() != 2)) {
            throw new IllegalArgumentException("fakeQuantize: x must be " + (alongColumns ? "a weight matrix" : "a tensor")
                    + ", not " + ShapeChecks.shape(x));
        }
        INDArray in = NativeMatrix.contiguous(HostArrays.requireFloat(x));
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, x.shape(), 'c');
        NativeMatrix source = NativeMatrix.of(in);
        NativeMatrix target = NativeMatrix.of(out);
        int width = (int) (alongColumns ? x.size(0) : x.size(x.rank() - 1));
        int rows = (int) (x.length() / width);
        float top = (float) maxLevel;
        boolean parallel = x.length() > PARALLEL_ABOVE;
        if (!alongColumns) {
            // [rows, width], groups of `length` along each row.
            Parallel.Block block = (from, to) -> {
                int n = (to - from) * width;
                long offset = (long) from * width;
                float[] values = new float[n];
                source.get(offset, values, n);
                for (int r = 0; r < to - from; r++) {
                    for (int start = 0; start < width; start += length) {
                        quantizeRun(values, r * width + start, Math.min(length, width - start), top);
                    }
                }
                target.put(offset, values, n);
            };
            runBlocks(rows, parallel, block);
        } else {
            // A weight [in = width, out = rows], row-major: group g is rows g*length.. of every column.
            int groups = (width + length - 1) / length;
            Parallel.Block block = (from, to) -> {
                int firstRow = from * length;
                int lastRow = Math.min(width, to * length);
                int n = (lastRow - firstRow) * rows;
                long offset = (long) firstRow * rows;
                float[] values = new float[n];
                source.get(offset, values, n);
                for (int g = from; g < to; g++) {
                    int r0 = g * length - firstRow;
                    int r1 = Math.min(width, (g + 1) * length) - firstRow;
                    quantizeColumns(values, rows, r0, r1, top);
                }
                target.put(offset, values, n);
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

}
