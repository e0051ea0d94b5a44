package org.qatlas.stdlib.backend.cpu;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.backend.Backend;
import org.qatlas.stdlib.backend.ShapeChecks;

/**
 * SwiGLU's element-wise passes over float32 Java copies, the sigmoid's exp vectorized
 * ({@link FloatExp}). In ND4J ops the split of [gate | up] into two strided copies and the
 * products took about a dozen native calls per layer and pass; at small model sizes those
 * calls' fixed costs, not the arithmetic, dominated. It keeps gate, up and sigmoid(gate) for the
 * backward pass in buffers reused while the shape stays, as are its working copies: a step
 * allocates no large Java arrays (at the smallest benchmark size they were 3.5 MB per layer and
 * step, each zeroed by the JVM before use).
 *
 * <p>The float operations are grouped as h = (g * s) * u, d up = dh * (g * s),
 * d gate = (dh * u) * ((((1 - s) * g) + 1) * s), with s = sigmoid(g) = 1 / (1 + exp(-g)).
 */
final class CpuSwiGlu implements Backend.SwiGlu {
    private boolean kept;
    private int rows;
    private int ffn;
    private float[] gate;
    private float[] up;
    private float[] sigmoid;
    // Working copies: [gate | up] rows in and out ([rows, 2*ffn]), and dL/dh.
    private float[] pairs;
    private float[] grad;

    @Override
    public INDArray forward(INDArray gateUp, boolean keep) {
        ShapeChecks.matrix("swiGlu", "[gate | up]", gateUp, DataType.FLOAT);
        if (gateUp.size(1) % 2 != 0) {
            throw new IllegalArgumentException("swiGlu: [gate | up] must have an even width, not " + ShapeChecks.shape(gateUp));
        }
        rows = (int) gateUp.size(0);
        ffn = (int) (gateUp.size(1) / 2);
        int n = rows * ffn;
        float[] all = pairs = HostArrays.copy(gateUp, pairs);
        gate = HostArrays.reuse(gate, n);
        up = HostArrays.reuse(up, n);
        sigmoid = HostArrays.reuse(sigmoid, n);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(all, 2 * r * ffn, gate, r * ffn, ffn);
            System.arraycopy(all, (2 * r + 1) * ffn, up, r * ffn, ffn);
        }
        // sigmoid(g) = 1 / (1 + exp(-g)), the exp vectorized; `all` is free scratch space now.
        for (int i = 0; i < n; i++) {
            sigmoid[i] = -gate[i];
        }
        FloatExp.expInPlace(sigmoid, 0, n, 0f, all);
        float[] h = all;
        for (int i = 0; i < n; i++) {
            float s = 1f / (1f + sigmoid[i]);
            sigmoid[i] = s;
            h[i] = gate[i] * s * up[i];
        }
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, new long[] {rows, ffn}, 'c');
        NativeMatrix.of(out).put(0, h, n);
        kept = keep;
        return out;
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        if (!kept) {
            throw new IllegalStateException("swiGlu: backward without a training forward");
        }
        ShapeChecks.matrix("swiGlu", "gradient", gradOut, DataType.FLOAT, rows, ffn);
        int n = rows * ffn;
        float[] dh = grad = HostArrays.copy(gradOut, grad);
        float[] joined = pairs = HostArrays.reuse(pairs, 2 * n); // every element is written below
        for (int r = 0, i = 0; r < rows; r++) {
            int gateAt = 2 * r * ffn;
            int upAt = gateAt + ffn;
            for (int j = 0; j < ffn; j++, i++) {
                float g = gate[i];
                float s = sigmoid[i];
                joined[upAt + j] = dh[i] * (g * s);
                joined[gateAt + j] = (dh[i] * up[i]) * ((((1f - s) * g) + 1f) * s);
            }
        }
        kept = false;
        return HostArrays.array(joined, rows, 2L * ffn);
    }
}
