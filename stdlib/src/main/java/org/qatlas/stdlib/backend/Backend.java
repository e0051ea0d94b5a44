package org.qatlas.stdlib.backend;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The arithmetic of a training step, one method family per operation, behind which the model's
 * layers stay the same whatever runs them. A layer keeps its parameters, its composition and
 * its forward and backward side by side, and hands every computation on a tensor to the
 * backend it was built with; it never reads a tensor's memory, loops over its elements or calls
 * ND4J's arithmetic itself.
 *
 * <p>The tensor type is ND4J's {@link INDArray}, treated as an opaque handle: it is what the
 * optimizer state, checkpoints and diagnostics already hold, and ND4J places it in host or GPU
 * memory by the build's backend. Layers may ask a tensor for its shape and data type, create
 * tensors with {@code Nd4j} factories (zeros, parameters), move data without arithmetic (views,
 * joining weight parts, copies) and pass tensors on; nothing else. The handle is ND4J's because
 * both backends here store tensors as ND4J arrays: a backend that keeps its tensors elsewhere
 * (JavaCPP's CUDA 12 presets, say) would need a tensor type of its own in this interface.
 *
 * <p>Implementations: {@code cpu} ({@link org.qatlas.stdlib.backend.cpu.CpuBackend}): float32
 * Java passes and cblas calls on host memory, the fast path on a CPU; {@code nd4j}
 * ({@link org.qatlas.stdlib.backend.nd4j.Nd4jBackend}): whole-array ND4J operations only, in
 * float32 or float64, the reference the fast kernels are checked against and, on nd4j-cuda, the
 * GPU path. {@link Backends} chooses one by name.
 *
 * <p>Shapes follow the model's conventions: activations are [rows, features] with rows =
 * batch * time, row b * time + t; linear weights are [in, out].
 *
 * <p>Stateful operations (those whose backward needs what the forward saw) are objects made by
 * the backend, one per layer that uses them ({@link RmsNorm}, {@link Rope}, {@link Attention},
 * {@link SwiGlu}, {@link CrossEntropy}): each keeps what its last training forward needs and is
 * not thread-safe. Every backward follows the last forward made with {@code keep} true, at most
 * once.
 */
public interface Backend {

    /** "cpu" or "nd4j" (the cuda backend is nd4j on a GPU: a run records the name it asked for, and the device). */
    String name();

    /** FLOAT, or DOUBLE for the float64 reference. */
    DataType dataType();

    /** Where the arithmetic runs, in words, for provenance and messages: "CPU (OpenBLAS haswell)", a GPU's name. */
    String device();

    // ---- GEMM -----------------------------------------------------------------------------------

    /** op(a) op(b) as a new [m, n] tensor, op the transpose where asked. */
    INDArray matmul(INDArray a, boolean transposeA, INDArray b, boolean transposeB);

    /** c += op(a) op(b), c [m, n] (gradient accumulation without a temporary where the backend can). */
    void matmulAdd(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c);

    // ---- element-wise and reductions ------------------------------------------------------------

    /** target += x, same shape; returns target. */
    INDArray addInPlace(INDArray target, INDArray x);

    /** x *= factor in place. */
    void scaleInPlace(INDArray x, double factor);

    /** The sum of squares of every element, accumulated in double. */
    double sumOfSquares(INDArray x);

    // ---- gather and scatter ---------------------------------------------------------------------

    /** Rows rows[i] of table [n, width] as a new [rows.length, width] tensor. */
    INDArray gatherRows(INDArray table, int[] rows);

    /** Adds row i of values [rows.length, width] into row rows[i] of table (repeats add up). */
    void scatterAddRows(INDArray table, int[] rows, INDArray values);

    // ---- fake quantization ----------------------------------------------------------------------

    /**
     * Symmetric integer AbsMax fake quantization with no learned parameter: per group, scale =
     * max|x| / maxLevel (1 for an all-zero group), out = rint(clamp(x / scale, +-maxLevel)) * scale,
     * rint rounding half to even. Groups are {@code groupLength} consecutive elements along the
     * input dimension: along each row of an input [rows, in]; down each column of a weight
     * [in, out] when {@code alongColumns}; the last group of a row (column) is shorter when the
     * dimension is not a multiple. Returns a new tensor; x is untouched. Its straight-through
     * backward is the identity. {@code maxLevel} is a whole number from 1 to 2^22.
     */
    INDArray fakeQuantize(INDArray x, int groupLength, boolean alongColumns, double maxLevel);

    // ---- optimizer ------------------------------------------------------------------------------

    /**
     * One AdamW step on p in place: g' = g * gradientScale, m = b1 m + (1 - b1) g',
     * v = b2 v + (1 - b2) g'^2, p = decay * p - step * m / (sqrt(v * inverseCorrection2) + eps).
     * {@code step} is lr / (1 - b1^t), {@code inverseCorrection2} 1 / (1 - b2^t), {@code decay}
     * 1 - lr * weightDecay (or 1). g is left as it is.
     */
    void adamW(INDArray p, INDArray g, INDArray m, INDArray v, AdamWStep hyper);

    /** The constants of one AdamW step (see {@link #adamW}). */
    record AdamWStep(double beta1, double beta2, double epsilon, double decay, double step, double inverseCorrection2,
            double gradientScale) {
    }

    // ---- stateful operations, one object per layer ---------------------------------------------

    RmsNorm rmsNorm(double eps);

    Rope rope(int heads, int headDim, double base);

    Attention causalAttention(int heads, int kvHeads, int headDim);

    SwiGlu swiGlu();

    CrossEntropy crossEntropy();

    /** y = x / sqrt(mean(x^2) + eps) * w over the last dimension of x [rows, hidden]. */
    interface RmsNorm {
        /** The normalized, weighted x; with keep, saves what {@link #backward} needs. */
        INDArray forward(INDArray x, INDArray weight, boolean keep);

        /** dL/dx; adds dL/dw into {@code weightGradient}. */
        INDArray backward(INDArray gradOut, INDArray weight, INDArray weightGradient);
    }

    /**
     * Rotary positions on [rows, heads * headDim]: position t = row % time; within a head,
     * coordinate i is paired with i + headDim / 2 ("rotate half", as Hugging Face Llama) and the
     * pair is rotated by t * base^(-2i / headDim).
     */
    interface Rope {
        INDArray forward(INDArray x, int time);

        /** The inverse rotation of gradOut (RoPE keeps nothing: its backward is its transpose). */
        INDArray backward(INDArray gradOut, int time);
    }

    /**
     * Causal scaled dot-product attention with grouped queries: q [rows, heads * headDim], k and
     * v [rows, kvHeads * headDim] -> [rows, heads * headDim]; query head h reads key/value head
     * h / (heads / kvHeads); scores scaled by 1 / sqrt(headDim), position t sees positions <= t of
     * its own sequence. Batched (strided) GEMMs and a causal softmax, however the backend joins them.
     */
    interface Attention {
        INDArray forward(INDArray q, INDArray k, INDArray v, int batch, int time, boolean keep);

        /** {dL/dq, dL/dk, dL/dv}. */
        INDArray[] backward(INDArray gradOut);
    }

    /** From fc1's output [gate | up] ([rows, 2 * ffn]): h = silu(gate) * up, [rows, ffn]. */
    interface SwiGlu {
        INDArray forward(INDArray gateUp, boolean keep);

        /** dL/d[gate | up], [rows, 2 * ffn]. */
        INDArray backward(INDArray gradOut);
    }

    /** Softmax cross-entropy averaged over rows of logits [rows, vocab], one target per row. */
    interface CrossEntropy {
        double forward(INDArray logits, int[] targets, boolean keep);

        /** dL/dlogits = (softmax - onehot) / rows * scale. */
        INDArray backward(double scale);
    }
}
