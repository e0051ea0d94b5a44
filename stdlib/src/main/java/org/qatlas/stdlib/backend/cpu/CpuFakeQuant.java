package org.qatlas.stdlib.backend.cpu;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.backend.ShapeChecks;

/**
 * Symmetric integer AbsMax fake quantization (no learned step, no clipping) in Java passes
 * over tiles copied from native memory, two per group: max|x|, then with scale = max|x| /
 * maxLevel (1 for an all-zero group) rint(clamp(x / scale)) * scale. The general quantizer
 * lays the tensor out by groups (a transpose for weights, padding for ragged groups) and takes
 * about a dozen whole-array ND4J calls; under QAT this runs on every linear layer's input and
 * weight in every step, where those calls' overhead dominated (measured on [2048, 256] inputs
 * and [256, 1376] weights: 2.8 and 4.3 ms per forward and backward). Groups are independent,
 * so splitting them over the cores changes nothing.
 */
final class CpuFakeQuant {
    private static final long PARALLEL_ABOVE = 65_536;
    private static final int TILE = HostArrays.TILE;
    /**
     * 1.5 * 2^23: adding and subtracting it rounds a float of magnitude below 2^22 to the
     * nearest integer, ties to even, exactly as Math.rint does; plain float arithmetic that the
     * JIT vectorizes, where the double round trip through Math.rint stays scalar. Levels are at
     * most 2^22 ({@link ShapeChecks#wholeLevel}).
     */
    private static final float ROUND = 12_582_912f;

    // Each thread's tile, kept: allocating (and zeroing) one per call cost a third of a small
    // input's time (139 against 95 us for [1024, 64] in training).
    private static final ThreadLocal<float[]> TILES = ThreadLocal.withInitial(() -> new float[TILE]);

    private CpuFakeQuant() {
    }

    /** This thread's tile when n fits it (it does unless one row or group is longer than a tile), else a new array. */
    private static float[] scratch(int n) {
        return n <= TILE ? TILES.get() : new float[n];
    }

    /** The fake-quantized copy of x (row-major, same shape); see {@link org.qatlas.stdlib.backend.Backend#fakeQuantize}. */
    static INDArray apply(INDArray x, int length, boolean alongColumns, double maxLevel) {
        ShapeChecks.positive("fakeQuantize", "group length", length);
        ShapeChecks.wholeLevel("fakeQuantize", maxLevel);
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
            // [rows, width], groups of `length` along each row; whole rows per tile.
            int tileRows = Math.max(1, TILE / width);
            Parallel.Block block = (from, to) -> {
                float[] values = scratch(Math.min(tileRows, to - from) * width);
                for (int first = from; first < to; first += tileRows) {
                    int n = Math.min(tileRows, to - first) * width;
                    long offset = (long) first * width;
                    source.get(offset, values, 0, n);
                    for (int row = 0; row < n; row += width) {
                        for (int start = 0; start < width; start += length) {
                            quantizeRun(values, row + start, Math.min(length, width - start), top);
                        }
                    }
                    target.put(offset, values, 0, n);
                }
            };
            runBlocks(rows, parallel, block);
        } else {
            // A weight [in = width, out = rows], row-major: group g is rows g*length.. of every
            // column; a tile is a group's rows across as many columns as fit.
            int groups = (width + length - 1) / length;
            int tileColumns = Math.max(1, Math.min(rows, TILE / Math.min(length, width)));
            Parallel.Block block = (from, to) -> {
                float[] values = scratch(Math.min(length, width) * tileColumns);
                for (int g = from; g < to; g++) {
                    int firstRow = g * length;
                    int groupRows = Math.min(width, firstRow + length) - firstRow;
                    for (int column = 0; column < rows; column += tileColumns) {
                        int count = Math.min(tileColumns, rows - column);
                        long corner = (long) firstRow * rows + column;
                        copyTile(source, corner, rows, values, groupRows, count, true);
                        quantizeColumns(values, count, groupRows, top);
                        copyTile(target, corner, rows, values, groupRows, count, false);
                    }
                }
            };
            runBlocks(groups, parallel, block);
        }
        return out;
    }

    /**
     * Copies a tile of {@code tileRows} by {@code tileColumns} whose first element is at
     * {@code corner} of a matrix with {@code columns} columns from the matrix into
     * {@code values} (row-major) or back: one call when the tile spans whole rows.
     */
    private static void copyTile(NativeMatrix matrix, long corner, int columns, float[] values, int tileRows, int tileColumns,
            boolean read) {
        boolean whole = tileColumns == columns;
        for (int r = 0; r < (whole ? 1 : tileRows); r++) {
            int count = whole ? tileRows * columns : tileColumns;
            if (read) {
                matrix.get(corner + (long) r * columns, values, r * tileColumns, count);
            } else {
                matrix.put(corner + (long) r * columns, values, r * tileColumns, count);
            }
        }
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
        int end = start + count;
        int maxBits = 0;
        for (int i = start; i < end; i++) {
            maxBits = Math.max(maxBits, absBits(v[i]));
        }
        float scale = Float.intBitsToFloat(maxBits) / top;
        if (scale < Float.MIN_NORMAL) {
            quantizeRunClamped(v, start, end, scale, top);
            return;
        }
        for (int i = start; i < end; i++) {
            v[i] = (v[i] / scale + ROUND - ROUND) * scale;
        }
    }

    /**
     * A row-major block of {@code rows} rows and {@code columns} columns: one group per column.
     * The column maxima and scales are kept as doubles (which hold every float exactly): a
     * float[] beside v might be v itself as far as the JIT can tell, and reading it at j while
     * writing v at row + j then keeps the loops scalar; with a double[] they vectorize (measured
     * on a 32 x 1376 tile: 0.23 against 1.4 ns an element).
     */
    private static void quantizeColumns(float[] v, int columns, int rows, float top) {
        double[] scale = new double[columns]; // first max|x| of each column, then its scale
        for (int r = 0; r < rows; r++) {
            int row = r * columns;
            for (int j = 0; j < columns; j++) {
                scale[j] = Math.max(scale[j], Math.abs(v[row + j]));
            }
        }
        boolean tiny = false;
        for (int j = 0; j < columns; j++) {
            float s = (float) scale[j] / top;
            scale[j] = s;
            tiny |= s < Float.MIN_NORMAL;
        }
        for (int r = 0; r < rows; r++) {
            int row = r * columns;
            if (tiny) {
                for (int j = 0; j < columns; j++) {
                    quantizeRunClamped(v, row + j, row + j + 1, (float) scale[j], top);
                }
                continue;
            }
            for (int j = 0; j < columns; j++) {
                float s = (float) scale[j];
                v[row + j] = (v[row + j] / s + ROUND - ROUND) * s;
            }
        }
    }

    /**
     * |x| as the bits of a float: for non-negative floats (NaN included, above infinity) the
     * integer order of the bits is the order of the values, and an int maximum is cheaper for
     * the JIT than Math.max on floats, which must order -0.0 and NaN.
     */
    private static int absBits(float x) {
        return Float.floatToRawIntBits(x) & 0x7fff_ffff;
    }

    /**
     * The rounding with the clamp to [-top, top] written out, for a scale below the smallest
     * normal float. The fast loops leave the clamp out, which changes nothing for a normal
     * scale s = fl(M / top) of a group's maximum M: every |x| <= M, so
     * |fl(x / s)| <= top (1 + 2^-24) / (1 - 2^-24) < top + 1/2, and rounding that gives at
     * most top (a whole number), as the clamp would (NaN and infinite values come out NaN either way). A
     * subnormal s has too few bits for that bound; an all-zero group (s = 0) uses 1.
     */
    private static void quantizeRunClamped(float[] v, int start, int end, float scale, float top) {
        if (scale == 0) {
            scale = 1;
        }
        for (int i = start; i < end; i++) {
            float level = Math.min(Math.max(v[i] / scale, -top), top);
            v[i] = (level + ROUND - ROUND) * scale;
        }
    }
}
