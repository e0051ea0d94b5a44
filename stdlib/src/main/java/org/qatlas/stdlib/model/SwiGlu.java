package org.qatlas.stdlib.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SwiGLU MLP (Shazeer 2020) without its norm and residual:
 * {@code [gate | up] = x [Wg | Wu]} ("fc1", one GEMM and one input hook),
 * {@code h = silu(gate) * up}, {@code out = h Wd} ("fc2"). The FC2 input h is the tensor
 * whose outliers paper A singles out; {@link #lastFc2Input()} exposes it.
 *
 * <p>The element-wise work, sigmoid included, is plain Java loops over copies of the arrays
 * (see {@link SwiGluKernel}). In ND4J ops the split of [gate | up] into two strided copies
 * and the products took about a dozen native calls per layer and pass; at the small model
 * sizes those calls' fixed costs, not the arithmetic, dominated.
 */
public final class SwiGlu {
    private final Linear fc1;
    private final Linear fc2;
    private final int ffn;
    private final SwiGluKernel kernel = new SwiGluKernel();
    private boolean cached;

    /** fc1 holds [gate | up], [hidden, 2*ffn]; fc2 is the down projection [ffn, hidden]. */
    public SwiGlu(Linear fc1, Linear fc2) {
        if (fc1.outFeatures() != 2 * fc2.inFeatures() || fc2.outFeatures() != fc1.inFeatures()) {
            throw new IllegalArgumentException("fc1 must be [hidden, 2*ffn] and fc2 [ffn, hidden]");
        }
        this.fc1 = fc1;
        this.fc2 = fc2;
        this.ffn = Math.toIntExact(fc2.inFeatures());
    }

    public INDArray forward(INDArray x) {
        INDArray h = hidden(fc1.forward(x));
        cached = true;
        return fc2.forward(h);
    }

    /** Evaluation: the same output; it replaces what a training forward kept, so no backward may follow. */
    public INDArray infer(INDArray x) {
        cached = false;
        return fc2.infer(hidden(fc1.infer(x)));
    }

    /**
     * dh = fc2 backward; d up = dh * silu(gate); d gate = dh * up * silu'(gate), where
     * silu'(g) = s (1 + g (1 - s)) with s = sigmoid(g).
     */
    public INDArray backward(INDArray gradOut) {
        if (!cached) {
            throw new IllegalStateException("SwiGLU backward without a training forward");
        }
        INDArray gradHidden = NativeMatrix.contiguous(fc2.backward(gradOut));
        int rows = (int) gradHidden.size(0);
        INDArray gradJoined = Nd4j.createUninitialized(gradHidden.dataType(), new long[] {rows, 2L * ffn}, 'c');
        kernel.backward(NativeMatrix.of(gradHidden), NativeMatrix.of(gradJoined));
        cached = false;
        return fc1.backward(gradJoined);
    }

    /** The FC2 input h = silu(gate) * up of the last forward or infer, [rows, ffn]. */
    public INDArray lastFc2Input() {
        return fc2.lastInput();
    }

    /** h = silu(gate) * up from fc1's output [gate | up]; the kernel keeps gate, up and sigmoid(gate). */
    private INDArray hidden(INDArray joined) {
        joined = NativeMatrix.contiguous(joined);
        int rows = (int) joined.size(0);
        INDArray h = Nd4j.createUninitialized(joined.dataType(), new long[] {rows, ffn}, 'c');
        kernel.forward(NativeMatrix.of(joined), NativeMatrix.of(h), rows, ffn);
        return h;
    }
}
