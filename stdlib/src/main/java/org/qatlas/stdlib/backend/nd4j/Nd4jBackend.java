package org.qatlas.stdlib.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.backend.Backend;
import org.qatlas.stdlib.backend.ShapeChecks;

/**
 * The backend of whole-array ND4J operations, in float32 or float64: every kernel is a short
 * sequence of INDArray methods, Transforms and libnd4j ops that exist on nd4j-native and
 * nd4j-cuda alike, so the same code runs wherever ND4J's build runs, and never reads a tensor's
 * memory from Java. In float64 it is the reference the fast kernels are checked against.
 *
 * <p>Tensors must be of the backend's data type (an IllegalArgumentException names the op
 * otherwise). Results are new tensors unless a method says it works in place; they are made in
 * whatever workspace the caller has open, except what is kept across steps (RoPE tables, the
 * causal mask), which is made outside every workspace.
 */
public final class Nd4jBackend implements Backend {
    private final DataType type;

    public Nd4jBackend(DataType type) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("the nd4j backend computes in FLOAT or DOUBLE, not " + type);
        }
        this.type = type;
    }

    @Override
    public String name() {
        return "nd4j";
    }

    @Override
    public DataType dataType() {
        return type;
    }

    @Override
    public String device() {
        return Nd4jDevice.describe();
    }

    @Override
    public INDArray matmul(INDArray a, boolean transposeA, INDArray b, boolean transposeB) {
        return Nd4jGemm.multiply(a, transposeA, b, transposeB, type);
    }

    @Override
    public void matmulAdd(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c) {
        Nd4jGemm.multiplyAdd(a, transposeA, b, transposeB, c, type);
    }

    @Override
    public INDArray addInPlace(INDArray target, INDArray x) {
        ShapeChecks.ofType("addInPlace", "target", target, type);
        ShapeChecks.ofType("addInPlace", "x", x, type);
        ShapeChecks.sameShape("addInPlace", "target", target, "x", x);
        return target.addi(x);
    }

    @Override
    public void scaleInPlace(INDArray x, double factor) {
        ShapeChecks.ofType("scaleInPlace", "x", x, type);
        x.muli(factor);
    }

    /** One squared-norm reduction, accumulated by libnd4j in the tensor's type. */
    @Override
    public double sumOfSquares(INDArray x) {
        ShapeChecks.ofType("sumOfSquares", "x", x, type);
        if (x.isEmpty()) {
            return 0.0;
        }
        return Nd4j.getExecutioner().exec(new SquaredNorm(x)).getDouble(0);
    }

    @Override
    public INDArray gatherRows(INDArray table, int[] rows) {
        return Nd4jRows.gather(table, rows, type);
    }

    @Override
    public void scatterAddRows(INDArray table, int[] rows, INDArray values) {
        Nd4jRows.scatterAdd(table, rows, values, type);
    }

    @Override
    public INDArray fakeQuantize(INDArray x, int groupLength, boolean alongColumns, double maxLevel) {
        return Nd4jFakeQuant.apply(x, groupLength, alongColumns, maxLevel, type);
    }

    @Override
    public void adamW(INDArray p, INDArray g, INDArray m, INDArray v, AdamWStep hyper) {
        Nd4jAdamW.step(p, g, m, v, hyper, type);
    }

    @Override
    public RmsNorm rmsNorm(double eps) {
        return new Nd4jRmsNorm(eps, type);
    }

    @Override
    public Rope rope(int heads, int headDim, double base) {
        return new Nd4jRope(heads, headDim, base, type);
    }

    @Override
    public Attention causalAttention(int heads, int kvHeads, int headDim) {
        return new Nd4jAttention(heads, kvHeads, headDim, type);
    }

    @Override
    public SwiGlu swiGlu() {
        return new Nd4jSwiGlu(type);
    }

    @Override
    public CrossEntropy crossEntropy() {
        return new Nd4jCrossEntropy(type);
    }

    @Override
    public String toString() {
        return "nd4j " + type.name().toLowerCase();
    }
}
