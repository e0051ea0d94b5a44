package org.qatlas.stdlib.model;

import org.nd4j.linalg.api.ndarray.INDArray;

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

    public TransformerBlock(RmsNorm attentionNorm, Attention attention, RmsNorm mlpNorm, SwiGlu mlp) {
        this.attentionNorm = attentionNorm;
        this.attention = attention;
        this.mlpNorm = mlpNorm;
        this.mlp = mlp;
    }

    public SwiGlu mlp() {
        return mlp;
    }

    /** x [batch*time, hidden] -> the block's output; x itself is left unchanged. */
    public INDArray forward(INDArray x, int batch, int time) {
        INDArray afterAttention = attention.forward(attentionNorm.forward(x), batch, time).addi(x);
        return mlp.forward(mlpNorm.forward(afterAttention)).addi(afterAttention);
    }

    public INDArray infer(INDArray x, int batch, int time) {
        INDArray afterAttention = attention.infer(attentionNorm.infer(x), batch, time).addi(x);
        return mlp.infer(mlpNorm.infer(afterAttention)).addi(afterAttention);
    }

    public INDArray backward(INDArray gradOut) {
        INDArray gradMiddle = mlpNorm.backward(mlp.backward(gradOut)).addi(gradOut);
        return attentionNorm.backward(attention.backward(gradMiddle)).addi(gradMiddle);
    }
}
