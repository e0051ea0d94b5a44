package org.qatlas.stdlib.backend.cpu;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A row-major float32 or float64 buffer in native memory (an ND4J array's, or one of our own)
 * on which small matrices are addressed by element offset and leading dimension, multiplied
 * by calling OpenBLAS's cblas GEMM directly, and copied to and from Java arrays.
 *
 * <p>Why: attention is a batch of many small products ([time, headDim] by [headDim, time] per
 * head). ND4J's batched matmul runs them at about 20 GFLOP/s and needs the heads permuted into
 * their own contiguous arrays first; cblas on strided views of the projections' outputs runs
 * the same products 3-5x faster with no copies. It is the same OpenBLAS library that ND4J
 * itself calls (libopenblas from org.bytedeco:openblas).
 */
public final class NativeMatrix {
    /**
     * Products of at most this many multiply-adds (m * n * k) OpenBLAS runs on the calling
     * thread: its SMP_THRESHOLD_MIN (65536) times GEMM_MULTITHREAD_THRESHOLD (4 in this build).
     * Callers that run products on several threads of their own keep below it.
     */
    public static final long SINGLE_THREAD_WORK = 65_536L * 4;

    private final boolean single;
    private final FloatPointer floats;
    private final DoublePointer doubles;

    /** True for float32, false for float64. */
    public boolean isFloat() {
        return single;
    }

    private NativeMatrix(Pointer address, DataType type) {
        single = type == DataType.FLOAT;
        floats = single ? new FloatPointer(address) : null;
        doubles = single ? null : new DoublePointer(address);
    }

    /** The buffer of {@code x}, which must be row-major and own its whole buffer (see {@link #contiguous}). */
    public static NativeMatrix of(INDArray x) {
        if (!isExact(x)) {
            throw new IllegalArgumentException("not a contiguous row-major array");
        }
        if (x.dataType() != DataType.FLOAT && x.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("only FLOAT and DOUBLE arrays, not " + x.dataType());
        }
        return new NativeMatrix(x.data().addressPointer(), x.dataType());
    }

    /** x itself when its buffer is exactly its elements in row-major order, else a row-major copy. */
    public static INDArray contiguous(INDArray x) {
        return isExact(x) ? x : x.dup('c');
    }

    /** Whether x's buffer is exactly its elements in row-major order (then it can be addressed directly). */
    public static boolean isExact(INDArray x) {
        return x.ordering() == 'c' && !x.isView() && x.offset() == 0 && x.data().length() == x.length();
    }

    /**
     * C[m, n] = alpha op(A) op(B) + beta C, each matrix given by this kind of buffer, an element
     * offset and a leading dimension (the distance between rows). op(A) is [m, k], op(B) [k, n].
     * All three must have the same data type.
     */
    public static void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, double alpha,
            NativeMatrix a, long aOffset, int lda, NativeMatrix b, long bOffset, int ldb,
            double beta, NativeMatrix c, long cOffset, int ldc) {
        int ta = transposeA ? CblasTrans : CblasNoTrans;
        int tb = transposeB ? CblasTrans : CblasNoTrans;
        if (c.single) {
            cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, (float) alpha, at(a.floats, aOffset), lda,
                    at(b.floats, bOffset), ldb, (float) beta, at(c.floats, cOffset), ldc);
        } else {
            cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha, at(a.doubles, aOffset), lda,
                    at(b.doubles, bOffset), ldb, beta, at(c.doubles, cOffset), ldc);
        }
    }

    /**
     * op(a) op(b) as a new row-major array (in the current workspace, if any), by one cblas
     * call. ND4J's own GEMM (its matmul op) costs 30-100 us more per call for the same
     * OpenBLAS product, which is most of a small model's linear layer (measured on
     * [1024, 64] x [64, 64]: 190 against 80-140 us).
     */
    public static INDArray matmul(INDArray a, boolean transposeA, INDArray b, boolean transposeB) {
        long m = transposeA ? a.size(1) : a.size(0);
        long n = transposeB ? b.size(0) : b.size(1);
        INDArray c = Nd4j.createUninitialized(a.dataType(), new long[] {m, n}, 'c');
        matmul(a, transposeA, b, transposeB, c, 0.0);
        return c;
    }

    /**
     * c = op(a) op(b) + beta c for matrices (rank 2) of one type, FLOAT or DOUBLE; a and b
     * are copied first if they are not contiguous row-major, and c must be (else ND4J's GEMM
     * does the work).
     */
    public static void matmul(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c, double beta) {
        if (a.rank() != 2 || b.rank() != 2 || c.rank() != 2) {
            throw new IllegalArgumentException("matmul needs matrices");
        }
        long m = transposeA ? a.size(1) : a.size(0);
        long k = transposeA ? a.size(0) : a.size(1);
        long n = transposeB ? b.size(0) : b.size(1);
        if ((transposeB ? b.size(1) : b.size(0)) != k || c.size(0) != m || c.size(1) != n) {
            throw new IllegalArgumentException("matmul shapes do not fit: " + java.util.Arrays.toString(a.shape())
                    + (transposeA ? "^T" : "") + " x " + java.util.Arrays.toString(b.shape()) + (transposeB ? "^T" : "")
                    + " into " + java.util.Arrays.toString(c.shape()));
        }
        DataType type = c.dataType();
        if (!isExact(c) || a.dataType() != type || b.dataType() != type
                || (type != DataType.FLOAT && type != DataType.DOUBLE)) {
            Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, beta);
            return;
        }
        INDArray left = contiguous(a);
        INDArray right = contiguous(b);
        gemm(transposeA, transposeB, (int) m, (int) n, (int) k, 1.0, of(left), 0, (int) left.size(1),
                of(right), 0, (int) right.size(1), beta, of(c), 0, (int) n);
    }

    // A fresh pointer object per call: positions are mutable state, and calls come from several threads.
    private static FloatPointer at(FloatPointer base, long offset) {
        return new FloatPointer(base).position(base.position() + offset);
    }

    private static DoublePointer at(DoublePointer base, long offset) {
        return new DoublePointer(base).position(base.position() + offset);
    }

    public void get(long offset, float[] into, int length) {
        at(floats, offset).get(into, 0, length);
    }

    /** Elements offset.. of this buffer into into[at..at + length). */
    public void get(long offset, float[] into, int at, int length) {
        at(floats, offset).get(into, at, length);
    }

    /** from[at..at + length) into elements offset.. of this buffer. */
    public void put(long offset, float[] from, int at, int length) {
        at(floats, offset).put(from, at, length);
    }

    public void get(long offset, double[] into, int length) {
        at(doubles, offset).get(into, 0, length);
    }

    public void put(long offset, float[] from, int length) {
        at(floats, offset).put(from, 0, length);
    }

    public void put(long offset, double[] from, int length) {
        at(doubles, offset).put(from, 0, length);
    }
}
