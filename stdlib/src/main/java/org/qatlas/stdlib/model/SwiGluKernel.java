package org.qatlas.stdlib.model;

/**
 * SwiGLU's element-wise passes over Java copies of the arrays, float32 or float64 by the
 * arrays' type. It keeps gate, up and sigmoid(gate) of the last forward pass for the
 * backward pass, in buffers reused while the shape stays (one kernel per layer), as are its
 * float32 working copies: a step allocates no large Java arrays (at the smallest benchmark
 * size they were 3.5 MB per layer and step, each zeroed by the JVM before use).
 *
 * <p>The float operations are grouped as h = (g * s) * u, d up = dh * (g * s),
 * d gate = (dh * u) * ((((1 - s) * g) + 1) * s), with s = sigmoid(g) = 1 / (1 + exp(-g)).
 */
final class SwiGluKernel {
    private int rows;
    private int ffn;
    private float[] gateF;
    private float[] upF;
    private float[] sigmoidF;
    private double[] gateD;
    private double[] upD;
    private double[] sigmoidD;
    // Working copies: [gate | up] rows in and out ([rows, 2*ffn]), and dL/dh.
    private float[] pairsF;
    private float[] gradF;

    /**
     * From fc1's output [gate | up] ([rows, 2*ffn]) writes h = silu(gate) * up ([rows, ffn])
     * into {@code out}, keeping gate, up and sigmoid(gate) for the backward pass.
     */
    void forward(NativeMatrix joined, NativeMatrix out, int rows, int ffn) {
        this.rows = rows;
        this.ffn = ffn;
        int n = rows * ffn;
        if (joined.isFloat()) {
            float[] all = pairsF = reuse(pairsF, 2 * n);
            joined.get(0, all, all.length);
            gateF = reuse(gateF, n);
            upF = reuse(upF, n);
            sigmoidF = reuse(sigmoidF, n);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(all, 2 * r * ffn, gateF, r * ffn, ffn);
                System.arraycopy(all, (2 * r + 1) * ffn, upF, r * ffn, ffn);
            }
            // sigmoid(g) = 1 / (1 + exp(-g)), the exp vectorized; `all` is free scratch space now.
            for (int i = 0; i < n; i++) {
                sigmoidF[i] = -gateF[i];
            }
            FloatExp.expInPlace(sigmoidF, 0, n, 0f, all);
            float[] h = all;
            for (int i = 0; i < n; i++) {
                float s = 1f / (1f + sigmoidF[i]);
                sigmoidF[i] = s;
                h[i] = gateF[i] * s * upF[i];
            }
            out.put(0, h, n);
        } else {
            double[] all = new double[2 * n];
            joined.get(0, all, all.length);
            gateD = reuse(gateD, n);
            upD = reuse(upD, n);
            sigmoidD = reuse(sigmoidD, n);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(all, 2 * r * ffn, gateD, r * ffn, ffn);
                System.arraycopy(all, (2 * r + 1) * ffn, upD, r * ffn, ffn);
            }
            double[] h = all;
            for (int i = 0; i < n; i++) {
                double s = 1 / (1 + Math.exp(-gateD[i]));
                sigmoidD[i] = s;
                h[i] = gateD[i] * s * upD[i];
            }
            out.put(0, h, n);
        }
    }

    /** From dL/dh [rows, ffn] writes [d gate | d up] [rows, 2*ffn] into {@code out}. */
    void backward(NativeMatrix gradHidden, NativeMatrix out) {
        int n = rows * ffn;
        if (gradHidden.isFloat()) {
            float[] dh = gradF = reuse(gradF, n);
            gradHidden.get(0, dh, n);
            float[] joined = pairsF = reuse(pairsF, 2 * n); // every element is written below
            for (int r = 0, i = 0; r < rows; r++) {
                int gateAt = 2 * r * ffn;
                int upAt = gateAt + ffn;
                for (int j = 0; j < ffn; j++, i++) {
                    float g = gateF[i];
                    float s = sigmoidF[i];
                    joined[upAt + j] = dh[i] * (g * s);
                    joined[gateAt + j] = (dh[i] * upF[i]) * ((((1f - s) * g) + 1f) * s);
                }
            }
            out.put(0, joined, joined.length);
        } else {
            double[] dh = new double[n];
            gradHidden.get(0, dh, n);
            double[] joined = new double[2 * n];
            for (int r = 0, i = 0; r < rows; r++) {
                int gateAt = 2 * r * ffn;
                int upAt = gateAt + ffn;
                for (int j = 0; j < ffn; j++, i++) {
                    double g = gateD[i];
                    double s = sigmoidD[i];
                    joined[upAt + j] = dh[i] * (g * s);
                    joined[gateAt + j] = (dh[i] * upD[i]) * ((((1 - s) * g) + 1) * s);
                }
            }
            out.put(0, joined, joined.length);
        }
    }

    private static float[] reuse(float[] buffer, int n) {
        return buffer != null && buffer.length == n ? buffer : new float[n];
    }

    private static double[] reuse(double[] buffer, int n) {
        return buffer != null && buffer.length == n ? buffer : new double[n];
    }
}
