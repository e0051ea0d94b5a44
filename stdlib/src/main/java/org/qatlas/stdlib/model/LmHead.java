package org.qatlas.stdlib.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.qatlas.stdlib.backend.Backend;

/**
 * The language-model head: logits = h W^T with W [vocab, hidden], the embedding's layout, so
 * that a tied head is simply handed the embedding table and its gradient (both uses then
 * accumulate into the same gradient). Not quantized, so it has no hooks.
 */
public final class LmHead {
    private final INDArray weight;
    private final INDArray gradient;
    private final Backend backend;
    private INDArray input;

    public LmHead(INDArray weight, INDArray gradient, Backend backend) {
        if (weight.rank() != 2 || !weight.equalShapes(gradient)) {
            throw new IllegalArgumentException("head weight must be [vocab, hidden] with a gradient of that shape");
        }
        this.weight = weight;
        this.gradient = gradient;
        this.backend = backend;
    }

    /** h [rows, hidden] -> logits [rows, vocab]; keeps h. */
    public INDArray forward(INDArray h) {
        input = h;
        return infer(h);
    }

    public INDArray infer(INDArray h) {
        return backend.matmul(h, false, weight, true);
    }

    /** dW += g^T h (accumulated inside the GEMM where the backend can); returns dh = g W. */
    public INDArray backward(INDArray gradOut) {
        if (input == null) {
            throw new IllegalStateException("head backward without a training forward");
        }
        backend.matmulAdd(gradOut, true, input, false, gradient);
        INDArray gradInput = backend.matmul(gradOut, false, weight, false);
        input = null;
        return gradInput;
    }
}
