package org.qatlas.stdlib.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.qatlas.stdlib.backend.Backend;

/**
 * Token embedding: a table [vocab, hidden] whose row t is token t's vector. Forward gathers
 * rows; backward scatter-adds the incoming row gradients into the table's gradient (a token
 * that occurs several times collects the sum).
 */
public final class Embedding {
    private final INDArray weight;
    private final INDArray gradient;
    private final Backend backend;
    private int[] lastTokens;

    public Embedding(INDArray weight, INDArray gradient, Backend backend) {
        if (weight.rank() != 2 || !weight.equalShapes(gradient)) {
            throw new IllegalArgumentException("embedding weight must be [vocab, hidden] with a gradient of that shape");
        }
        this.weight = weight;
        this.gradient = gradient;
        this.backend = backend;
    }

    public long vocab() {
        return weight.size(0);
    }

    public long hidden() {
        return weight.size(1);
    }

    /** Training forward: rows of the table for each token, [tokens.length, hidden]. */
    public INDArray forward(int[] tokens) {
        INDArray rows = infer(tokens);
        lastTokens = tokens.clone();
        return rows;
    }

    /** Evaluation forward: the same rows, nothing kept. */
    public INDArray infer(int[] tokens) {
        long vocab = vocab();
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= vocab) {
                throw new IllegalArgumentException("token " + tokens[i] + " at position " + i
                        + " is outside the vocabulary [0, " + vocab + ")");
            }
        }
        return backend.gatherRows(weight, tokens);
    }

    /** Adds row i of {@code gradOut} [tokens, hidden] into row tokens[i] of the gradient; token ids have no gradient. */
    public void backward(INDArray gradOut) {
        if (lastTokens == null) {
            throw new IllegalStateException("embedding backward without a training forward");
        }
        backend.scatterAddRows(gradient, lastTokens, gradOut);
        lastTokens = null;
    }
}
