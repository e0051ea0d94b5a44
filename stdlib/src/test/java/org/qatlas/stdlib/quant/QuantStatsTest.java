package org.qatlas.stdlib.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class QuantStatsTest {
    @Test
    void meanSquaredErrorByHand() {
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}});
        INDArray y = Nd4j.createFromArray(new float[][] {{1, 2.5f}, {2, 4}});
        assertEquals((0.25 + 1) / 4, QuantStats.mse(x, y), 1e-12);
    }

    @Test
    void quantizationErrorFallsWithBits() {
        INDArray onGrid = Nd4j.createFromArray(new double[][] {{1.75, -0.5, 0.25, 0}});
        assertEquals(0.0, QuantStats.quantizationMse((QuantSpec.of(IntFormat.symmetric(4), Granularity.TOKEN)), Role.INPUT, onGrid));
        INDArray x = Gaussian.tensor(4, DataType.FLOAT, 64, 128);
        double int4 = QuantStats.quantizationMse((QuantSpec.of(IntFormat.symmetric(4), Granularity.group(32))), Role.INPUT, x);
        double int8 = QuantStats.quantizationMse((QuantSpec.of(IntFormat.symmetric(8), Granularity.group(32))), Role.INPUT, x);
        double coarse = QuantStats.quantizationMse((QuantSpec.of(IntFormat.symmetric(4), Granularity.TENSOR)), Role.INPUT, x);
        assertTrue(int8 < int4 / 100, "int8 " + int8 + " vs int4 " + int4);
        assertTrue(int4 < coarse, "groups of 32 beat one scale per tensor");
    }

    @Test
    void kurtosisByHandAndForAGaussian() {
        // Mean 2, deviations -2 (x4) and 8: E[d^2] = (4 * 4 + 64) / 5 = 16, E[d^4] = (4 * 16 + 4096) / 5 = 832.
        INDArray spike = Nd4j.createFromArray(new double[] {0, 0, 0, 0, 10});
        assertEquals(832.0 / (16 * 16), QuantStats.kurtosis(spike), 1e-12);
        assertEquals(1.0, QuantStats.kurtosis(Nd4j.createFromArray(new float[] {1, -1, 1, -1})), 1e-12);
        INDArray gaussian = Gaussian.tensor(3, DataType.FLOAT, 200_000);
        assertEquals(3.0, QuantStats.kurtosis(gaussian), 0.1);
        assertTrue(Double.isNaN(QuantStats.kurtosis(Nd4j.ones(DataType.FLOAT, 5))));
    }

    @Test
    void outlierRatioIsMaxOverMedianMagnitude() {
        INDArray x = Nd4j.createFromArray(new float[][] {{1, -2, 3}, {-4, 100, 0.5f}});
        // |x| sorted: 0.5, 1, 2, 3, 4, 100: median 2.5.
        assertEquals(100 / 2.5, QuantStats.outlierRatio(x), 1e-9);
        assertEquals(100 / 3.0, QuantStats.outlierRatio(Nd4j.createFromArray(new double[] {1, -2, 3, -4, 100})), 1e-9);
    }
}
