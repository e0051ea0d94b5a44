package org.qatlas.stdlib.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.qatlas.stdlib.backend.Backend;

/**
 * The SwiGLU MLP (Shazeer 2020) without its norm and residual:
 * {@code [gate | up] = x [Wg | Wu]} ("fc1", one GEMM and one input hook),
 * {@code h = silu(gate) * up}, {@code out = h Wd} ("fc2"). The FC2 input h is the tensor
 * whose outliers paper A singles out; {@link #lastFc2Input()} exposes it.
 */
public final class SwiGlu {
    private final Linear fc1;
    private final Linear fc2;
    private final Backend.SwiGlu kernel;

    /** fc1 holds [gate | up], [hidden, 2*ffn]; fc2 is the down projection [ffn, hidden]. */
    public SwiGlu(Linear fc1, Linear fc2, Backend backend) {
        if (fc1.outFeatures() != 2 * fc2.inFeatures() || fc2.outFeatures() != fc1.inFeatures()) {
            throw new IllegalArgumentException("fc1 must be [hidden, 2*ffn] and fc2 [ffn, hidden]");
        }
        this.fc1 = fc1;
        this.fc2 = fc2;
        this.kernel = backend.swiGlu();
    }

    public INDArray forward(INDArray x) {
        return fc2.forward(kernel.forward(fc1.forward(x), true));
    }

    /** Evaluation: the same output; no backward may follow. */
    public INDArray infer(INDArray x) {
        return fc2.infer(kernel.forward(fc1.infer(x), false));
    }

    /**
     * dh = fc2 backward; d up = dh * silu(gate); d gate = dh * up * silu'(gate), where
     * silu'(g) = s (1 + g (1 - s)) with s = sigmoid(g).
     */
    public INDArray backward(INDArray gradOut) {
        return fc1.backward(kernel.backward(fc2.backward(gradOut)));
    }

    /** The FC2 input h = silu(gate) * up of the last forward or infer, [rows, ffn]. */
    public INDArray lastFc2Input() {
        return fc2.lastInput();
    }
}
