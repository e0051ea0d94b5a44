package org.qatlas.stdlib.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.backend.TestBackends;

/**
 * A backend's fused AbsMax pass (the cpu kernels in float32, the reference in float64) gives what
 * the quantizer's general whole-array path gives, for inputs and weights.
 */
class FakeQuantizerKernelTest {

    @Test
    void agreesWithTheGeneralPathOnInputsAndWeightsWithRaggedGroups() {
        // 172 is not a multiple of 32: the last group of each row (or column) holds 12 values.
        // 400 x 172 is large enough to be split over the cores.
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (QuantSpec spec : new QuantSpec[] {QuantSpec.of(IntFormat.symmetric(4), Granularity.group(32)), QuantSpec.of(IntFormat.symmetric(8), Granularity.group(32)), QuantSpec.of(IntFormat.symmetric(4), Granularity.TOKEN), QuantSpec.of(IntFormat.symmetric(4), Granularity.CHANNEL), QuantSpec.of(IntFormat.symmetric(3), Granularity.group(64))}) {
                for (Role role : new Role[] {Role.INPUT, Role.WEIGHT}) {
                    if (spec.toString().endsWith("token") && role == Role.WEIGHT || spec.toString().endsWith("channel") && role == Role.INPUT) {
                        continue; // not allowed for that role
                    }
                    INDArray x = Nd4j.randn(7L, new long[] {400, 172}).castTo(type);
                    x.getRow(3).assign(0); // an all-zero group keeps scale 1
                    FakeQuantizer quantizer = new FakeQuantizer(spec, role, TestBackends.of(type));
                    INDArray expected = quantizer.applyGeneral(x);
                    INDArray fused = quantizer.forward(x);
                    double tolerance = type == DataType.FLOAT ? 1e-6 : 1e-12;
                    assertTrue(expected.equalsWithEps(fused, tolerance), spec + " " + role + " " + type);
                    INDArray gradient = Nd4j.rand(type, 400, 172);
                    assertSame(gradient, quantizer.backward(gradient), "AbsMax clips nothing: identity STE");
                }
            }
        }
    }

    @Test
    void fourBitsHaveSevenLevelsEachSide() {
        assertEquals(7.0, (QuantSpec.of(IntFormat.symmetric(4), Granularity.group(32))).format().maxLevel());
    }
}
