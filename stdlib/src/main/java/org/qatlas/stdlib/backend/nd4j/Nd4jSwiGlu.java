package org.qatlas.stdlib.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.qatlas.stdlib.backend.Backend;
import org.qatlas.stdlib.backend.ShapeChecks;

/**
 * SwiGLU's gate: from [gate | up] ([rows, 2 * ffn]), h = silu(gate) * up with
 * silu(g) = g * s, s = sigmoid(g). Backward: d up = dh * g * s,
 * d gate = dh * up * s * (1 + g * (1 - s)).
 */
final class Nd4jSwiGlu implements Backend.SwiGlu {
    private static final String OP = "swiGlu";

    private final DataType type;
    // Kept by the training forward: copies of gate and up (the caller's tensor may change), and s.
    private INDArray gate;
    private INDArray up;
    private INDArray sigmoid;

    Nd4jSwiGlu(DataType type) {
        this.type = type;
    }

    @Override
    public INDArray forward(INDArray gateUp, boolean keep) {
        ShapeChecks.matrix(OP, "[gate | up]", gateUp, type);
        if (gateUp.size(1) % 2 != 0) {
            throw new IllegalArgumentException(OP + ": [gate | up] must have an even width, not " + ShapeChecks.shape(gateUp));
        }
        long ffn = gateUp.size(1) / 2;
        INDArray g = gateUp.get(NDArrayIndex.all(), NDArrayIndex.interval(0, ffn));
        INDArray u = gateUp.get(NDArrayIndex.all(), NDArrayIndex.interval(ffn, 2 * ffn));
        INDArray s = Transforms.sigmoid(g, true);
        INDArray h = g.mul(s).muli(u);
        if (keep) {
            gate = g.dup('c');
            up = u.dup('c');
            sigmoid = s;
        }
        return h;
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        if (sigmoid == null) {
            throw new IllegalStateException(OP + ": backward without a kept forward");
        }
        ShapeChecks.matrix(OP, "gradient", gradOut, type, gate.size(0), gate.size(1));
        INDArray siluSlope = sigmoid.rsub(1.0).muli(gate).addi(1.0).muli(sigmoid);
        INDArray gradGate = gradOut.mul(up).muli(siluSlope);
        INDArray gradUp = gradOut.mul(gate).muli(sigmoid);
        gate = null;
        up = null;
        sigmoid = null;
        return Nd4j.concat(1, gradGate, gradUp);
    }
}
