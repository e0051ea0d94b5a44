package org.qatlas.stdlib.backend.cpu;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.backend.Backend;
import org.qatlas.stdlib.backend.ShapeChecks;

/**
 * Rotary positions as one Java pass over float32 rows in tiles (split over the cores), where
 * ND4J took eight whole-array calls on strided views. The angles are computed in double once
 * per sequence length.
 */
final class CpuRope implements Backend.Rope {
    /** Rows per tile of the pass. */
    private static final int TILE_ROWS = 64;

    private final int heads;
    private final int headDim;
    private final double base;
    private int tableTime = -1;
    private double[] cosTable;
    private double[] sinTable;

    CpuRope(int heads, int headDim, double base) {
        ShapeChecks.positive("rope", "heads", heads);
        if (headDim <= 0 || headDim % 2 != 0) {
            throw new IllegalArgumentException("rope: the head dimension must be even and positive, not " + headDim);
        }
        this.heads = heads;
        this.headDim = headDim;
        this.base = base;
    }

    @Override
    public INDArray forward(INDArray x, int time) {
        return rotate(x, time, 1.0);
    }

    @Override
    public INDArray backward(INDArray gradOut, int time) {
        return rotate(gradOut, time, -1.0);
    }

    /** y1 = x1 cos - s x2 sin, y2 = s x1 sin + x2 cos, with s = +1 forward and -1 backward. */
    private INDArray rotate(INDArray x, int time, double direction) {
        ShapeChecks.positive("rope", "time", time);
        ShapeChecks.matrix("rope", "x", x, DataType.FLOAT, -1, (long) heads * headDim);
        long rows = x.size(0);
        if (rows % time != 0) {
            throw new IllegalArgumentException("rope: x " + ShapeChecks.shape(x) + " is not a whole number of sequences of "
                    + time);
        }
        ensureTables(time);
        NativeMatrix source = NativeMatrix.of(NativeMatrix.contiguous(x));
        INDArray out = Nd4j.createUninitialized(x.dataType(), x.shape(), 'c');
        NativeMatrix target = NativeMatrix.of(out);
        int width = heads * headDim;
        int half = headDim / 2;
        int tiles = (int) ((rows + TILE_ROWS - 1) / TILE_ROWS);
        double[] cos = cosTable;
        double[] sin = sinTable;
        Parallel.forBlocks(tiles, (from, to) -> {
            float[] f = new float[TILE_ROWS * width];
            for (int tile = from; tile < to; tile++) {
                long first = (long) tile * TILE_ROWS;
                int count = (int) Math.min(TILE_ROWS, rows - first);
                int n = count * width;
                source.get(first * width, f, n);
                for (int r = 0; r < count; r++) {
                    int t = (int) ((first + r) % time);
                    for (int h = 0; h < heads; h++) {
                        int at = r * width + h * headDim;
                        for (int i = 0; i < half; i++) {
                            double c = cos[t * half + i];
                            double sn = direction * sin[t * half + i];
                            float x1 = f[at + i];
                            float x2 = f[at + half + i];
                            f[at + i] = (float) (x1 * c - x2 * sn);
                            f[at + half + i] = (float) (x1 * sn + x2 * c);
                        }
                    }
                }
                target.put(first * width, f, n);
            }
        });
        return out;
    }

    /** cos and sin tables [time, headDim/2], row t for position t. */
    private void ensureTables(int time) {
        if (time == tableTime) {
            return;
        }
        int half = headDim / 2;
        double[] c = new double[time * half];
        double[] s = new double[time * half];
        for (int t = 0; t < time; t++) {
            for (int i = 0; i < half; i++) {
                double angle = t * Math.pow(base, -2.0 * i / headDim);
                c[t * half + i] = Math.cos(angle);
                s[t * half + i] = Math.sin(angle);
            }
        }
        cosTable = c;
        sinTable = s;
        tableTime = time;
    }
}
