package org.qatlas.stdlib.backend.cpu;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.backend.Backend;
import org.qatlas.stdlib.backend.ShapeChecks;

/**
 * The fast float32 path on a CPU: Java passes over host-memory copies of the arrays and cblas
 * calls on their buffers (see the kernels' classes for what each saves). At the model sizes
 * Qatlas trains, a whole-array ND4J call costs 0.15-0.5 ms of dispatch, temporaries and thread
 * wake-ups, so work that would take many such calls is done in one Java pass, small products go
 * to OpenBLAS directly ({@link NativeMatrix}), and independent pieces run on all cores
 * ({@link Parallel}) unless the steps are too small to share ({@link ThreadBudget}).
 * docs/benchmarks.md has the measurements.
 *
 * <p>It reads host memory, so it runs on nd4j-native arrays only; float64 work (gradient
 * checks, the reference) belongs to the nd4j backend.
 */
public final class CpuBackend implements Backend {
    private static final int TILE = HostArrays.TILE;

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public DataType dataType() {
        return DataType.FLOAT;
    }

    @Override
    public String device() {
        return "CPU (OpenBLAS " + OpenBlasCore.name() + ")";
    }

    @Override
    public INDArray matmul(INDArray a, boolean transposeA, INDArray b, boolean transposeB) {
        return NativeMatrix.matmul(a, transposeA, b, transposeB);
    }

    @Override
    public void matmulAdd(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c) {
        NativeMatrix.matmul(a, transposeA, b, transposeB, c, 1.0);
    }

    @Override
    public INDArray addInPlace(INDArray target, INDArray x) {
        ShapeChecks.sameShape("addInPlace", "target", target, "x", x);
        return target.addi(x); // one call, no temporaries: nothing to gain in Java
    }

    @Override
    public void scaleInPlace(INDArray x, double factor) {
        x.muli(factor);
    }

    /** One Java pass in tiles, summed in double; tiles are summed in order whatever the threads. */
    @Override
    public double sumOfSquares(INDArray x) {
        NativeMatrix values = NativeMatrix.of(NativeMatrix.contiguous(HostArrays.requireFloat(x)));
        long length = x.length();
        int tiles = (int) ((length + TILE - 1) / TILE);
        double[] partial = new double[tiles];
        Parallel.forBlocks(tiles, (from, to) -> {
            float[] tile = new float[(int) Math.min(TILE, length)];
            for (int t = from; t < to; t++) {
                int n = (int) Math.min(TILE, length - (long) t * TILE);
                values.get((long) t * TILE, tile, n);
                partial[t] = Reductions.sumOfSquares(tile, 0, n);
            }
        });
        double sum = 0;
        for (double p : partial) {
            sum += p;
        }
        return sum;
    }

    @Override
    public INDArray gatherRows(INDArray table, int[] rows) {
        ShapeChecks.matrix("gatherRows", "table", table, DataType.FLOAT);
        ShapeChecks.indices("gatherRows", "row", rows, table.size(0));
        return Nd4j.pullRows(table, 1, rows);
    }

    /**
     * On Java copies of the table and of the rows, taken and put back by bulk copies (one
     * native call per row would cost more than the arithmetic); the rows in tiles, since all of
     * them at once ([batch * seq, hidden], megabytes) would be a humongous allocation for G1
     * every step.
     */
    @Override
    public void scatterAddRows(INDArray table, int[] rows, INDArray values) {
        ShapeChecks.matrix("scatterAddRows", "table", table, DataType.FLOAT);
        int width = (int) table.size(1);
        ShapeChecks.matrix("scatterAddRows", "values", values, DataType.FLOAT, rows.length, width);
        ShapeChecks.indices("scatterAddRows", "row", rows, table.size(0));
        if (!NativeMatrix.isExact(table)) {
            throw new IllegalArgumentException("scatterAddRows: the table must be a contiguous array, not a view");
        }
        NativeMatrix source = NativeMatrix.of(NativeMatrix.contiguous(values));
        NativeMatrix target = NativeMatrix.of(table);
        int length = (int) table.length();
        float[] sums = new float[length];
        target.get(0, sums, length);
        int tileRows = Math.max(1, TILE / width);
        float[] g = new float[Math.min(tileRows, rows.length) * width];
        for (int first = 0; first < rows.length; first += tileRows) {
            int count = Math.min(tileRows, rows.length - first);
            source.get((long) first * width, g, 0, count * width);
            for (int i = 0; i < count; i++) {
                int src = i * width;
                int dst = rows[first + i] * width;
                for (int j = 0; j < width; j++) {
                    sums[dst + j] += g[src + j];
                }
            }
        }
        target.put(0, sums, length);
    }

    @Override
    public INDArray fakeQuantize(INDArray x, int groupLength, boolean alongColumns, double maxLevel) {
        return CpuFakeQuant.apply(x, groupLength, alongColumns, maxLevel);
    }

    @Override
    public void adamW(INDArray p, INDArray g, INDArray m, INDArray v, AdamWStep hyper) {
        ShapeChecks.sameShape("adamW", "parameter", p, "gradient", g);
        ShapeChecks.sameShape("adamW", "parameter", p, "first moment", m);
        ShapeChecks.sameShape("adamW", "parameter", p, "second moment", v);
        CpuAdamW.apply(p, g, m, v, hyper);
    }

    @Override
    public RmsNorm rmsNorm(double eps) {
        return new CpuRmsNorm(eps);
    }

    @Override
    public Rope rope(int heads, int headDim, double base) {
        return new CpuRope(heads, headDim, base);
    }

    @Override
    public Attention causalAttention(int heads, int kvHeads, int headDim) {
        return new CpuAttention(heads, kvHeads, headDim);
    }

    @Override
    public SwiGlu swiGlu() {
        return new CpuSwiGlu();
    }

    @Override
    public CrossEntropy crossEntropy() {
        return new CpuCrossEntropy();
    }

    @Override
    public String toString() {
        return "cpu";
    }
}
