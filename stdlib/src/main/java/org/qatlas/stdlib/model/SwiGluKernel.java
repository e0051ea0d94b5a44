package org.qatlas.stdlib.model;

/**
 * SwiGLU's element-wise passes over Java copies of the arrays, float32 or float64 by the
 * arrays' type. It keeps gate, up and sigmoid(gate) of the last forward pass for the
 * backward pass, in buffers reused while the shape stays (one kernel per layer).
 *
 * <p>The order of the float operations is that of the ND4J ops this replaced, so the
 * results agree with theirs to the rounding of single operations: h = (g * s) * u, d up = dh * (g * s),
 * d gate = (dh * u) * ((((1 - s) * g) + 1) * s).
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

    /** Splits [gate | up] ([rows, 2*ffn]) into the kept gate and up, and writes gate into {@code gateOut}. */
    void split(NativeMatrix joined, NativeMatrix gateOut, int rows, int ffn) {
        this.rows = rows;
        this.ffn = ffn;
        int n = rows * ffn;
        if (joined.isFloat()) {
            float[] all = new float[2 * n];
            joined.get(0, all, all.length);
            gateF = reuse(gateF, n);
            upF = reuse(upF, n);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(all, 2 * r * ffn, gateF, r * ffn, ffn);
                System.arraycopy(all, (2 * r + 1) * ffn, upF, r * ffn, ffn);
            }
            gateOut.put(0, gateF, n);
        } else {
            double[] all = new double[2 * n];
            joined.get(0, all, all.length);
            gateD = reuse(gateD, n);
            upD = reuse(upD, n);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(all, 2 * r * ffn, gateD, r * ffn, ffn);
                System.arraycopy(all, (2 * r + 1) * ffn, upD, r * ffn, ffn);
            }
            gateOut.put(0, gateD, n);
        }
    }

    /** Keeps sigmoid(gate) and writes h = silu(gate) * up [rows, ffn] into {@code out}. */
    void product(NativeMatrix sigmoid, NativeMatrix out) {
        int n = rows * ffn;
        if (sigmoid.isFloat()) {
            sigmoidF = reuse(sigmoidF, n);
            sigmoid.get(0, sigmoidF, n);
            float[] h = new float[n];
            for (int i = 0; i < n; i++) {
                h[i] = gateF[i] * sigmoidF[i] * upF[i];
            }
            out.put(0, h, n);
        } else {
            sigmoidD = reuse(sigmoidD, n);
            sigmoid.get(0, sigmoidD, n);
            double[] h = new double[n];
            for (int i = 0; i < n; i++) {
                h[i] = gateD[i] * sigmoidD[i] * upD[i];
            }
            out.put(0, h, n);
        }
    }

    /** From dL/dh [rows, ffn] writes [d gate | d up] [rows, 2*ffn] into {@code out}. */
    void backward(NativeMatrix gradHidden, NativeMatrix out) {
        int n = rows * ffn;
        if (gradHidden.isFloat()) {
            float[] dh = new float[n];
            gradHidden.get(0, dh, n);
            float[] joined = new float[2 * n];
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
