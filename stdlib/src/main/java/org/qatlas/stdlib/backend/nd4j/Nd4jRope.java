package org.qatlas.stdlib.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.qatlas.stdlib.backend.Backend;
import org.qatlas.stdlib.backend.ShapeChecks;

/**
 * Rotary positions, "rotate half": x [batch * time, heads * headDim] is viewed as
 * [batch, time, heads, headDim] and its two halves x1, x2 along the head dimension are
 * rotated by the position's angles, y1 = x1 cos - x2 sin, y2 = x1 sin + x2 cos (the sine
 * negated backward), with cos and sin tables [1, time, 1, headDim / 2] broadcast over batch
 * and heads.
 */
final class Nd4jRope implements Backend.Rope {
    private static final String OP = "rope";

    private final int heads;
    private final int headDim;
    private final double base;
    private final DataType type;
    // Kept across steps, so made outside any workspace: cos and sin for the last time seen.
    private int tableTime = -1;
    private INDArray cos;
    private INDArray sin;

    Nd4jRope(int heads, int headDim, double base, DataType type) {
        ShapeChecks.positive(OP, "heads", heads);
        ShapeChecks.positive(OP, "base", base);
        if (headDim <= 0 || headDim % 2 != 0) {
            throw new IllegalArgumentException(OP + ": head dimension must be positive and even, not " + headDim);
        }
        this.heads = heads;
        this.headDim = headDim;
        this.base = base;
        this.type = type;
    }

    @Override
    public INDArray forward(INDArray x, int time) {
        return rotate(x, time, false);
    }

    @Override
    public INDArray backward(INDArray gradOut, int time) {
        return rotate(gradOut, time, true);
    }

    private INDArray rotate(INDArray x, int time, boolean inverse) {
        ShapeChecks.positive(OP, "time", time);
        ShapeChecks.matrix(OP, "x", x, type, -1, (long) heads * headDim);
        if (x.size(0) % time != 0) {
            throw new IllegalArgumentException(OP + ": x " + ShapeChecks.shape(x) + " is not a whole number of sequences of "
                    + time);
        }
        tables(time);
        long batch = x.size(0) / time;
        int half = headDim / 2;
        INDArray in = x.reshape('c', batch, time, heads, headDim);
        INDArray x1 = in.get(halfOf(0, half));
        INDArray x2 = in.get(halfOf(half, headDim));
        INDArray y1 = x1.mul(cos);
        INDArray y2 = x2.mul(cos);
        if (inverse) {
            y1.addi(x2.mul(sin));
            y2.subi(x1.mul(sin));
        } else {
            y1.subi(x2.mul(sin));
            y2.addi(x1.mul(sin));
        }
        INDArray out = Nd4j.createUninitialized(type, batch, time, heads, headDim);
        out.get(halfOf(0, half)).assign(y1);
        out.get(halfOf(half, headDim)).assign(y2);
        return out.reshape('c', x.size(0), x.size(1));
    }

    private static INDArrayIndex[] halfOf(int from, int to) {
        return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(from, to)};
    }

    /**
     * Angle t * base^(-2i / headDim) for position t and pair i, as the outer product of the
     * positions and the inverse frequencies, in float64, then cos and sin rounded to the
     * backend's type.
     */
    private void tables(int time) {
        if (time == tableTime) {
            return;
        }
        int half = headDim / 2;
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray positions = Nd4j.arange(0, time).castTo(DataType.DOUBLE).reshape(time, 1);
            INDArray pairs = Nd4j.arange(0, half).castTo(DataType.DOUBLE).reshape(1, half);
            INDArray frequencies = Transforms.exp(pairs.muli(-2.0 * Math.log(base) / headDim), false);
            INDArray angles = positions.mmul(frequencies);
            cos = Transforms.cos(angles, true).castTo(type).reshape(1, time, 1, half);
            sin = Transforms.sin(angles, true).castTo(type).reshape(1, time, 1, half);
        }
        tableTime = time;
    }
}
