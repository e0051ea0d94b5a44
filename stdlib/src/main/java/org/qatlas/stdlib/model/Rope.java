package org.qatlas.stdlib.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rotary position embedding (Su et al. 2021) on a [batch * time, heads * headDim] tensor of
 * queries or keys. Pairs coordinate i with i + headDim/2 of each head (the "rotate half"
 * layout of GPT-NeoX and Hugging Face Llama) and rotates the pair at position t by angle
 * t * base^(-2i/headDim). A rotation is orthogonal, so the backward pass is the rotation by
 * the opposite angle. Rows are ordered batch-major: row = b * time + t.
 */
public final class Rope {
    /** Llama's base. */
    public static final double BASE = 10000.0;

    private final int heads;
    private final int headDim;
    private final double base;
    private final DataType dataType;
    /** Rows per tile of the pass. */
    private static final int TILE_ROWS = 64;
    private int tableTime = -1;
    private double[] cosTable;
    private double[] sinTable;
    private int lastTime = -1;

    public Rope(int heads, int headDim, DataType dataType) {
        this(heads, headDim, BASE, dataType);
    }

    public Rope(int heads, int headDim, double base, DataType dataType) {
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("rotary head dimension must be even, not " + headDim);
        }
        this.heads = heads;
        this.headDim = headDim;
        this.base = base;
        this.dataType = dataType;
    }

    /** Training forward; remembers the sequence length for {@link #backward}. */
    public INDArray forward(INDArray x, int time) {
        lastTime = time;
        return rotate(x, time, 1.0);
    }

    public INDArray infer(INDArray x, int time) {
        return rotate(x, time, 1.0);
    }

    /** The gradient rotated back: R(-theta) applied to dL/dy. */
    public INDArray backward(INDArray gradOut) {
        if (lastTime < 0) {
            throw new IllegalStateException("RoPE backward without a training forward");
        }
        INDArray gradInput = rotate(gradOut, lastTime, -1.0);
        lastTime = -1;
        return gradInput;
    }

    /**
     * y1 = x1 cos - s x2 sin, y2 = s x1 sin + x2 cos, with s = +1 forward and -1 backward: one
     * Java pass over rows in tiles, where ND4J took eight whole-array calls on strided views.
     */
    private INDArray rotate(INDArray x, int time, double direction) {
        long rows = x.size(0);
        if (x.rank() != 2 || x.size(1) != (long) heads * headDim || rows % time != 0) {
            throw new IllegalArgumentException("RoPE input must be [batch*" + time + ", " + heads * headDim
                    + "], not " + java.util.Arrays.toString(x.shape()));
        }
        ensureTables(time);
        INDArray in = NativeMatrix.contiguous(x);
        INDArray out = Nd4j.createUninitialized(x.dataType(), x.shape(), 'c');
        NativeMatrix source = NativeMatrix.of(in);
        NativeMatrix target = NativeMatrix.of(out);
        int width = heads * headDim;
        int half = headDim / 2;
        int tiles = (int) ((rows + TILE_ROWS - 1) / TILE_ROWS);
        boolean single = x.dataType() == DataType.FLOAT;
        double[] cos = cosTable;
        double[] sin = sinTable;
        Parallel.forBlocks(tiles, (from, to) -> {
            float[] f = single ? new float[TILE_ROWS * width] : null;
            double[] d = single ? null : new double[TILE_ROWS * width];
            for (int tile = from; tile < to; tile++) {
                long first = (long) tile * TILE_ROWS;
                int count = (int) Math.min(TILE_ROWS, rows - first);
                int n = count * width;
                if (single) {
                    source.get(first * width, f, n);
                } else {
                    source.get(first * width, d, n);
                }
                for (int r = 0; r < count; r++) {
                    int t = (int) ((first + r) % time);
                    for (int h = 0; h < heads; h++) {
                        int at = r * width + h * headDim;
                        for (int i = 0; i < half; i++) {
                            double c = cos[t * half + i];
                            double sn = direction * sin[t * half + i];
                            if (single) {
                                float x1 = f[at + i];
                                float x2 = f[at + half + i];
                                f[at + i] = (float) (x1 * c - x2 * sn);
                                f[at + half + i] = (float) (x1 * sn + x2 * c);
                            } else {
                                double x1 = d[at + i];
                                double x2 = d[at + half + i];
                                d[at + i] = x1 * c - x2 * sn;
                                d[at + half + i] = x1 * sn + x2 * c;
                            }
                        }
                    }
                }
                if (single) {
                    target.put(first * width, f, n);
                } else {
                    target.put(first * width, d, n);
                }
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
