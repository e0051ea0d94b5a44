package org.qatlas.stdlib.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The language-model head: logits = h W^T with W [vocab, hidden], the embedding's layout, so
 * that a tied head is simply handed the embedding table and its gradient (both uses then
 * accumulate into the same gradient). Not quantized, so it has no hooks.
 */
public final class LmHead {
    private final INDArray weight;
    private final INDArray gradient;
    private INDArray input;

    public LmHead(INDArray weight, INDArray gradient) {
        if (weight.rank() != 2 || !weight.equalShapes(gradient)) {
            throw new IllegalArgumentException("head weight must be [vocab, hidden] with a gradient of that shape");
        }
        this.weight = weight;
        this.gradient = gradient;
    }

    /** h [rows, hidden] -> logits [rows, vocab]; caches h. */
    public INDArray forward(INDArray h) {
        input = h;
        return infer(h);
    }

    public INDArray infer(INDArray h) {
        return Nd4j.gemm(h, weight, false, true);
    }

    /** dW += g^T h (accumulated inside the GEMM); returns dh = g W. */
    public INDArray backward(INDArray gradOut) {
        if (input == null) {
            throw new IllegalStateException("head backward without a training forward");
        }
        Nd4j.gemm(gradOut, input, gradient, true, false, 1.0, 1.0);
        INDArray gradInput = Nd4j.gemm(gradOut, weight, false, false);
        input = null;
        return gradInput;
    }
}
