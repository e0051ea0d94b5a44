package org.qatlas.stdlib.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The machine's float32 matrix-multiply rate through ND4J, measured once per process on
 * 1024 x 1024 products: the ceiling against which model FLOPs utilisation is reported.
 */
public final class GemmRate {
    private static volatile double flopsPerSecond;

    private GemmRate() {
    }

    /** FLOP/s of a 1024 x 1024 x 1024 float32 GEMM, best of a few tries (about 0.3 s the first time). */
    public static double measured() {
        if (flopsPerSecond == 0) {
            synchronized (GemmRate.class) {
                if (flopsPerSecond == 0) {
                    flopsPerSecond = measure(1024);
                }
            }
        }
        return flopsPerSecond;
    }

    private static double measure(int n) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        a.mmuli(b, c);
        double best = Double.MAX_VALUE;
        for (int trial = 0; trial < 5; trial++) {
            long start = System.nanoTime();
            a.mmuli(b, c);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return 2.0 * n * n * n / best;
    }
}
