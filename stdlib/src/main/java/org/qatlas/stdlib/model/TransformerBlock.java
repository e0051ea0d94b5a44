package org.qatlas.stdlib.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.qatlas.stdlib.backend.Backend;

/**
 * One pre-norm decoder block: {@code x1 = x + attn(norm_a(x))}, {@code y = x1 + mlp(norm_m(x1))}.
 * The residual stream passes through untouched, so its gradient is the identity plus what
 * flows back through each sublayer.
 */
public final class TransformerBlock {
    private final RmsNorm attentionNorm;
    private final Attention attention;
    private final RmsNorm mlpNorm;
    private final SwiGlu mlp;
    private final Backend backend;

    public TransformerBlock(RmsNorm attentionNorm, Attention attention, RmsNorm mlpNorm, SwiGlu mlp, Backend backend) {
        this.attentionNorm = attentionNorm;
        this.attention = attention;
        this.mlpNorm = mlpNorm;
        this.mlp = mlp;
        this.backend = backend;
    }

    public SwiGlu mlp() {
        return mlp;
    }

    /** x [batch*time, hidden] -> the block's output; x itself is left unchanged. */
    public INDArray forward(INDArray x, int batch, int time) {
        INDArray afterAttention = backend.addInPlace(attention.forward(attentionNorm.forward(x), batch, time), x);
        return backend.addInPlace(mlp.forward(mlpNorm.forward(afterAttention)), afterAttention);
    }

    public INDArray infer(INDArray x, int batch, int time) {
        INDArray afterAttention = backend.addInPlace(attention.infer(attentionNorm.infer(x), batch, time), x);
        return backend.addInPlace(mlp.infer(mlpNorm.infer(afterAttention)), afterAttention);
    }

    public INDArray backward(INDArray gradOut) {
        INDArray gradMiddle = backend.addInPlace(mlpNorm.backward(mlp.backward(gradOut)), gradOut);
        return backend.addInPlace(attentionNorm.backward(attention.backward(gradMiddle)), gradMiddle);
    }
}
