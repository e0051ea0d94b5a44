package org.qatlas.stdlib.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NativeMatrixTest {
    @Test
    void matmulMatchesNd4jForEveryTransposeAndType() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray a = Nd4j.randn(71L, new long[] {5, 3}).castTo(DataType.DOUBLE).castTo(type);
            INDArray b = Nd4j.randn(72L, new long[] {3, 4}).castTo(DataType.DOUBLE).castTo(type);
            INDArray expected = a.mmul(b);
            double eps = type == DataType.FLOAT ? 1e-5 : 1e-12;
            assertTrue(expected.equalsWithEps(NativeMatrix.matmul(a, false, b, false), eps));
            assertTrue(expected.equalsWithEps(NativeMatrix.matmul(a.transpose().dup('c'), true, b, false), eps));
            assertTrue(expected.equalsWithEps(NativeMatrix.matmul(a, false, b.transpose().dup('c'), true), eps));
            assertTrue(expected.equalsWithEps(NativeMatrix.matmul(a.transpose().dup('c'), true, b.transpose().dup('c'), true), eps));
            // Views are copied first; beta = 1 accumulates.
            assertTrue(expected.equalsWithEps(NativeMatrix.matmul(a.transpose(), true, b, false), eps));
            INDArray c = expected.dup('c');
            NativeMatrix.matmul(a, false, b, false, c, 1.0);
            assertTrue(expected.mul(2).equalsWithEps(c, eps));
        }
    }

    @Test
    void matmulRejectsShapesThatDoNotFit() {
        INDArray a = Nd4j.randn(73L, new long[] {5, 3}).castTo(DataType.DOUBLE);
        assertThrows(IllegalArgumentException.class, () -> NativeMatrix.matmul(a, false, a, false));
    }
}
