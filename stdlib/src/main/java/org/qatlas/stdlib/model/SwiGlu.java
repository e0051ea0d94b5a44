package org.qatlas.stdlib.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The SwiGLU MLP (Shazeer 2020) without its norm and residual:
 * {@code [gate | up] = x [Wg | Wu]} ("fc1", one GEMM and one input hook),
 * {@code h = silu(gate) * up}, {@code out = h Wd} ("fc2"). The FC2 input h is the tensor
 * whose outliers paper A singles out; {@link #lastFc2Input()} exposes it.
 */
public final class SwiGlu {
    private final Linear fc1;
    private final Linear fc2;
    private final long ffn;
    private INDArray gate;
    private INDArray up;
    private INDArray sigmoid;
    private INDArray silu;

    /** fc1 holds [gate | up], [hidden, 2*ffn]; fc2 is the down projection [ffn, hidden]. */
    public SwiGlu(Linear fc1, Linear fc2) {
        if (fc1.outFeatures() != 2 * fc2.inFeatures() || fc2.outFeatures() != fc1.inFeatures()) {
            throw new IllegalArgumentException("fc1 must be [hidden, 2*ffn] and fc2 [ffn, hidden]");
        }
        this.fc1 = fc1;
        this.fc2 = fc2;
        this.ffn = fc2.inFeatures();
    }

    public INDArray forward(INDArray x) {
        INDArray joined = fc1.forward(x);
        gate = joined.get(NDArrayIndex.all(), NDArrayIndex.interval(0, ffn)).dup('c');
        up = joined.get(NDArrayIndex.all(), NDArrayIndex.interval(ffn, 2 * ffn)).dup('c');
        sigmoid = Transforms.sigmoid(gate, true);
        silu = gate.mul(sigmoid);
        return fc2.forward(silu.mul(up));
    }

    public INDArray infer(INDArray x) {
        INDArray joined = fc1.infer(x);
        INDArray g = joined.get(NDArrayIndex.all(), NDArrayIndex.interval(0, ffn));
        INDArray u = joined.get(NDArrayIndex.all(), NDArrayIndex.interval(ffn, 2 * ffn));
        return fc2.infer(g.mul(Transforms.sigmoid(g, true)).muli(u));
    }

    /**
     * dh = fc2 backward; d up = dh * silu(gate); d gate = dh * up * silu'(gate), where
     * silu'(g) = s (1 + g (1 - s)) with s = sigmoid(g).
     */
    public INDArray backward(INDArray gradOut) {
        if (silu == null) {
            throw new IllegalStateException("SwiGLU backward without a training forward");
        }
        INDArray gradHidden = fc2.backward(gradOut);
        INDArray gradUp = gradHidden.mul(silu);
        INDArray siluDerivative = sigmoid.rsub(1.0).muli(gate).addi(1.0).muli(sigmoid);
        INDArray gradGate = gradHidden.muli(up).muli(siluDerivative);
        INDArray gradInput = fc1.backward(Nd4j.hstack(gradGate, gradUp));
        gate = null;
        up = null;
        sigmoid = null;
        silu = null;
        return gradInput;
    }

    /** The FC2 input h = silu(gate) * up of the last forward or infer, [rows, ffn]. */
    public INDArray lastFc2Input() {
        return fc2.lastInput();
    }
}
