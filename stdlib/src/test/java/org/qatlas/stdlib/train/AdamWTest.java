package org.qatlas.stdlib.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.backend.TestBackends;

class AdamWTest {
    @Test
    void firstStepMovesEachWeightByLrTimesTheSignOfItsGradient() {
        INDArray w = Nd4j.createFromArray(new double[][] {{1.0, -2.0}, {0.5, 3.0}});
        INDArray g = Nd4j.createFromArray(new double[][] {{0.3, -0.1}, {2.0, 0.0}});
        AdamW adam = new AdamW(0.9, 0.95, 1e-12, 0.0, TestBackends.REFERENCE);
        adam.update(Map.of("w", w), Map.of("w", g), 0.01);
        // After one step m/(1-b1) = g and sqrt(v/(1-b2)) = |g|: the update is lr * sign(g).
        assertEquals(0.99, w.getDouble(0, 0), 1e-9);
        assertEquals(-1.99, w.getDouble(0, 1), 1e-9);
        assertEquals(0.49, w.getDouble(1, 0), 1e-9);
        assertEquals(3.0, w.getDouble(1, 1), 1e-9);
    }

    @Test
    void weightDecayShrinksMatricesButNotVectors() {
        INDArray matrix = Nd4j.createFromArray(new double[][] {{2.0}});
        INDArray vector = Nd4j.createFromArray(2.0);
        AdamW adam = new AdamW(0.9, 0.95, 1e-8, 0.1, TestBackends.REFERENCE);
        adam.update(Map.of("m", matrix, "v", vector), Map.of("m", matrix.ulike(), "v", vector.ulike()), 0.5);
        assertEquals(2.0 * (1 - 0.5 * 0.1), matrix.getDouble(0, 0), 1e-12);
        assertEquals(2.0, vector.getDouble(0), 1e-12);
    }

    @Test
    void minimisesAQuadratic() {
        INDArray w = Nd4j.createFromArray(new float[][] {{5f, -3f, 1f}});
        INDArray target = Nd4j.createFromArray(new float[][] {{1f, 2f, -1f}});
        AdamW adam = new AdamW(0.9, 0.95, 1e-8, 0.0, TestBackends.CPU);
        for (int i = 0; i < 2000; i++) {
            INDArray gradient = w.sub(target).muli(2);
            adam.update(Map.of("w", w), Map.of("w", gradient), 0.01);
        }
        assertTrue(w.sub(target).norm2Number().doubleValue() < 1e-2, w.toString());
    }

    @Test
    void clippingScalesAllGradientsByTheGlobalNorm() {
        Map<String, INDArray> gradients = new LinkedHashMap<>();
        gradients.put("a", Nd4j.createFromArray(3.0, 0.0).castTo(DataType.DOUBLE));
        gradients.put("b", Nd4j.createFromArray(new double[][] {{0.0, 4.0}}));
        assertEquals(5.0, GradientClipping.clip(gradients, 1.0, TestBackends.REFERENCE), 1e-12);
        assertEquals(1.0, GradientClipping.globalNorm(gradients, TestBackends.REFERENCE), 1e-9);
        assertEquals(0.6, gradients.get("a").getDouble(0), 1e-9);
        assertEquals(0.8, gradients.get("b").getDouble(0, 1), 1e-9);
        assertEquals(1.0, GradientClipping.clip(gradients, 2.0, TestBackends.REFERENCE), 1e-9);
        assertEquals(0.6, gradients.get("a").getDouble(0), 1e-9);
    }

    @Test
    void floatNormSpansTilesAndViews() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        float[] large = new float[200_003]; // four tiles, the last one short
        double expected = 0;
        for (int i = 0; i < large.length; i++) {
            large[i] = (float) random.nextDouble(-1, 1);
            expected += (double) large[i] * large[i];
        }
        INDArray matrix = Nd4j.createFromArray(new float[][] {{1f, 2f, 3f}, {4f, 5f, 6f}});
        INDArray column = matrix.getColumn(1); // a view: 2 and 5
        expected += 4 + 25 + 9;
        Map<String, INDArray> gradients = new LinkedHashMap<>();
        gradients.put("large", Nd4j.createFromArray(large));
        gradients.put("view", column);
        gradients.put("another", Nd4j.createFromArray(3f));
        assertEquals(Math.sqrt(expected), GradientClipping.globalNorm(gradients, TestBackends.CPU), 1e-9 * Math.sqrt(expected));
    }

    @Test
    void aGradientScaleActsAsScalingTheGradientsFirst() {
        INDArray start = Nd4j.createFromArray(new float[][] {{0.3f, -1.2f, 2.5f}, {0.7f, 0.1f, -0.4f}});
        INDArray gradient = Nd4j.createFromArray(new float[][] {{1.5f, -0.25f, 3f}, {-2f, 0.5f, 0.125f}});
        INDArray scaled = start.dup();
        INDArray prescaled = start.dup();
        AdamW byScale = new AdamW(0.9, 0.95, 1e-8, 0.1, TestBackends.CPU);
        AdamW byHand = new AdamW(0.9, 0.95, 1e-8, 0.1, TestBackends.CPU);
        for (int step = 0; step < 3; step++) {
            byScale.update(Map.of("w", scaled), Map.of("w", gradient), 0.01, 0.37);
            byHand.update(Map.of("w", prescaled), Map.of("w", gradient.mul(0.37)), 0.01);
        }
        assertEquals(prescaled, scaled);
        assertEquals(Nd4j.createFromArray(new float[][] {{1.5f, -0.25f, 3f}, {-2f, 0.5f, 0.125f}}), gradient,
                "the gradient arrays are left as they are");
        assertEquals(1.0, GradientClipping.scale(0.5, 1.0));
        assertEquals(1.0, GradientClipping.scale(5.0, 0.0), "0: no clipping");
        assertEquals(0.2, GradientClipping.scale(5.0, 1.0), 1e-12);
    }
}
