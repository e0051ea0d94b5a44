package org.qatlas.stdlib.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.qatlas.stdlib.backend.TestBackends;

class EmbeddingTest {
    private final INDArray weight = GradientCheck.random(1, 1.0, 7, 5);
    private final INDArray gradient = weight.ulike().assign(0);
    private final Embedding embedding = new Embedding(weight, gradient, TestBackends.REFERENCE);
    /** Token 3 repeats: its gradient row must collect both contributions. */
    private final int[] tokens = {3, 0, 6, 3, 2};

    @Test
    void gathersRows() {
        INDArray rows = embedding.infer(tokens);
        assertEquals(5, rows.size(0));
        for (int i = 0; i < tokens.length; i++) {
            assertEquals(weight.getRow(tokens[i]), rows.getRow(i));
        }
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        INDArray r = GradientCheck.random(2, 1.0, tokens.length, 5);
        embedding.forward(tokens);
        embedding.backward(r);
        GradientCheck.assertAll("embedding", weight, gradient,
                () -> GradientCheck.weightedSum(embedding.infer(tokens), r));
    }

    @Test
    void rejectsTokensOutsideTheVocabulary() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> embedding.infer(new int[] {1, 7}));
        assertEquals("token 7 at position 1 is outside the vocabulary [0, 7)", e.getMessage());
    }
}
