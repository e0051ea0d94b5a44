package org.qatlas.stdlib.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Token embedding: a table [vocab, hidden] whose row t is token t's vector. Forward gathers
 * rows; backward scatter-adds the incoming row gradients into the table's gradient (a token
 * that occurs several times collects the sum).
 */
public final class Embedding {
    private final INDArray weight;
    private final INDArray gradient;
    private int[] lastTokens;

    public Embedding(INDArray weight, INDArray gradient) {
        if (weight.rank() != 2 || !weight.equalShapes(gradient)) {
            throw new IllegalArgumentException("embedding weight must be [vocab, hidden] with a gradient of that shape");
        }
        this.weight = weight;
        this.gradient = gradient;
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
        return Nd4j.pullRows(weight, 1, tokens);
    }

    /**
     * Adds row i of {@code gradOut} [tokens, hidden] into row tokens[i] of the gradient. Done on
     * Java copies of the rows and of the gradient, taken and put back by bulk copies: one
     * native call per row would cost more than the arithmetic, and ND4J's element-by-element
     * conversion ({@code data().asDouble()}) costs about 20x a bulk copy. Returns nothing:
     * token ids have no gradient.
     */
    public void backward(INDArray gradOut) {
        if (lastTokens == null) {
            throw new IllegalStateException("embedding backward without a training forward");
        }
        int hidden = (int) hidden();
        INDArray rowsArray = NativeMatrix.contiguous(gradOut);
        if (gradient.dataType() != rowsArray.dataType() || !NativeMatrix.isExact(gradient)) {
            throw new IllegalArgumentException("embedding gradient must be a contiguous array of the rows' type");
        }
        NativeMatrix rows = NativeMatrix.of(rowsArray);
        NativeMatrix table = NativeMatrix.of(gradient);
        int length = (int) gradient.length();
        if (rows.isFloat()) {
            float[] g = new float[lastTokens.length * hidden];
            float[] sums = new float[length];
            rows.get(0, g, g.length);
            table.get(0, sums, length);
            for (int i = 0; i < lastTokens.length; i++) {
                int src = i * hidden;
                int dst = lastTokens[i] * hidden;
                for (int j = 0; j < hidden; j++) {
                    sums[dst + j] += g[src + j];
                }
            }
            table.put(0, sums, length);
        } else {
            double[] g = new double[lastTokens.length * hidden];
            double[] sums = new double[length];
            rows.get(0, g, g.length);
            table.get(0, sums, length);
            for (int i = 0; i < lastTokens.length; i++) {
                int src = i * hidden;
                int dst = lastTokens[i] * hidden;
                for (int j = 0; j < hidden; j++) {
                    sums[dst + j] += g[src + j];
                }
            }
            table.put(0, sums, length);
        }
        lastTokens = null;
    }
}
