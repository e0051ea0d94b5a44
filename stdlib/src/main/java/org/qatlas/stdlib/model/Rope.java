package org.qatlas.stdlib.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

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
    private int tableTime = -1;
    private INDArray cos;
    private INDArray sin;
    private INDArray negativeSin;
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

    /** y1 = x1 cos - s x2 sin, y2 = s x1 sin + x2 cos, with s = +1 forward and -1 backward. */
    private INDArray rotate(INDArray x, int time, double direction) {
        long rows = x.size(0);
        if (x.rank() != 2 || x.size(1) != (long) heads * headDim || rows % time != 0) {
            throw new IllegalArgumentException("RoPE input must be [batch*" + time + ", " + heads * headDim
                    + "], not " + java.util.Arrays.toString(x.shape()));
        }
        ensureTables(time);
        int half = headDim / 2;
        INDArray in = x.reshape('c', rows / time, time, heads, headDim);
        INDArray x1 = in.get(lowerHalf(half));
        INDArray x2 = in.get(upperHalf(half));
        INDArray signedSin = direction > 0 ? sin : negativeSin;
        INDArray out = Nd4j.create(dataType, rows / time, time, heads, headDim);
        out.get(lowerHalf(half)).assign(x1.mul(cos).subi(x2.mul(signedSin)));
        out.get(upperHalf(half)).assign(x1.mul(signedSin).addi(x2.mul(cos)));
        return out.reshape('c', rows, (long) heads * headDim);
    }

    private static INDArrayIndex[] lowerHalf(int half) {
        return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(0, half)};
    }

    private static INDArrayIndex[] upperHalf(int half) {
        return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(half, 2 * half)};
    }

    /** cos and sin tables [time, 1, headDim/2], broadcast over batch and heads. */
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
        // Kept across steps, so never in a step's workspace.
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            cos = Nd4j.create(c, new long[] {time, 1, half}, DataType.DOUBLE).castTo(dataType);
            sin = Nd4j.create(s, new long[] {time, 1, half}, DataType.DOUBLE).castTo(dataType);
            negativeSin = sin.neg();
        }
        tableTime = time;
    }
}
