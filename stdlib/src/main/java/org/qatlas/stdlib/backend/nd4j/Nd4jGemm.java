package org.qatlas.stdlib.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.backend.ShapeChecks;

/**
 * Matrix products through {@link Nd4j#gemm}, which takes the transposes as flags (no transposed
 * copy is made) and accumulates into an existing result with beta = 1; it accepts views and
 * either ordering, on nd4j-native and nd4j-cuda alike.
 */
final class Nd4jGemm {
    private static final String OP = "matmul";

    private Nd4jGemm() {
    }

    static INDArray multiply(INDArray a, boolean transposeA, INDArray b, boolean transposeB, DataType type) {
        checkInner(a, transposeA, b, transposeB, type);
        return Nd4j.gemm(a, b, transposeA, transposeB);
    }

    static void multiplyAdd(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c, DataType type) {
        checkInner(a, transposeA, b, transposeB, type);
        long m = a.size(transposeA ? 1 : 0);
        long n = b.size(transposeB ? 0 : 1);
        ShapeChecks.matrix(OP, "accumulator c", c, type, m, n);
        Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, 1.0);
    }

    private static void checkInner(INDArray a, boolean transposeA, INDArray b, boolean transposeB, DataType type) {
        ShapeChecks.matrix(OP, "a", a, type);
        ShapeChecks.matrix(OP, "b", b, type);
        long innerA = a.size(transposeA ? 0 : 1);
        long innerB = b.size(transposeB ? 1 : 0);
        if (innerA != innerB) {
            throw new IllegalArgumentException(OP + ": op(a) of " + ShapeChecks.shape(a) + (transposeA ? " transposed" : "")
                    + " does not chain with op(b) of " + ShapeChecks.shape(b) + (transposeB ? " transposed" : "")
                    + " (" + innerA + " against " + innerB + ")");
        }
    }
}
