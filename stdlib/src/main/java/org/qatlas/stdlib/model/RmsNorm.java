package org.qatlas.stdlib.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * RMSNorm (Zhang and Sennrich 2019) over the last dimension of [rows, hidden]:
 * {@code y = x / sqrt(mean(x^2) + eps) * w}, with a learned weight w [hidden] and no bias
 * and no mean subtraction.
 *
 * <p>Computed in plain Java loops over copies of the arrays: one pass forward and two
 * backward, where the same thing in ND4J ops takes about fifteen native calls, each with its
 * own dispatch, temporary and thread wake-up (measured: 4.2 ms against about 0.5 ms for
 * [2048, 128] forward plus backward). Sums are accumulated in double, four at a time
 * ({@link Reductions}). The float32 copies live in buffers kept while the shape stays (one
 * norm per layer, the same shape every step), so a step allocates no large Java arrays.
 */
public final class RmsNorm {
    /** Llama's epsilon. */
    public static final double EPS = 1e-5;

    private final INDArray weight;
    private final INDArray gradient;
    private final double eps;
    // Kept by the training forward for backward, as Java arrays (row-major [rows, hidden]).
    private boolean cached;
    private DataType cachedType;
    private float[] normalizedF;
    private double[] normalizedD;
    private double[] inverseRms;
    private long[] cachedShape;
    // Working copies of the float32 input (or incoming gradient) and of the output.
    private float[] inputF;
    private float[] outputF;

    public RmsNorm(INDArray weight, INDArray gradient) {
        this(weight, gradient, EPS);
    }

    public RmsNorm(INDArray weight, INDArray gradient, double eps) {
        if (weight.rank() != 1 || !weight.equalShapes(gradient)) {
            throw new IllegalArgumentException("RMSNorm weight must be a vector [hidden] with a gradient of that shape");
        }
        this.weight = weight;
        this.gradient = gradient;
        this.eps = eps;
    }

    /** Training forward: caches x / rms and 1 / rms. */
    public INDArray forward(INDArray x) {
        return compute(x, true);
    }

    public INDArray infer(INDArray x) {
        return compute(x, false);
    }

    /**
     * With xhat = x / rms and g = dL/dy: dL/dw = sum over rows of g * xhat, and
     * dL/dx = (g*w - xhat * mean(g*w*xhat)) / rms, the mean taken along the row.
     */
    public INDArray backward(INDArray gradOut) {
        if (!cached) {
            throw new IllegalStateException("RMSNorm backward without a training forward");
        }
        checkShape(gradOut);
        if (!java.util.Arrays.equals(gradOut.shape(), cachedShape)) {
            throw new IllegalArgumentException("RMSNorm gradient shape " + java.util.Arrays.toString(gradOut.shape())
                    + " differs from the forward input's " + java.util.Arrays.toString(cachedShape));
        }
        int rows = (int) cachedShape[0];
        int hidden = (int) cachedShape[1];
        double[] w = weightValues();
        double[] dw = new double[hidden];
        INDArray result;
        if (cachedType == DataType.FLOAT) {
            float[] g = inputF = copy(gradOut, inputF);
            float[] xhat = normalizedF;
            float[] out = outputF = reuse(outputF, rows * hidden);
            double[] gradTimesXhat = new double[hidden];
            for (int r = 0, base = 0; r < rows; r++, base += hidden) {
                for (int j = 0; j < hidden; j++) {
                    double product = (double) g[base + j] * xhat[base + j];
                    gradTimesXhat[j] = product;
                    dw[j] += product;
                }
                double projection = Reductions.dot(gradTimesXhat, w, hidden) / hidden;
                double inv = inverseRms[r];
                for (int j = 0; j < hidden; j++) {
                    out[base + j] = (float) ((g[base + j] * w[j] - xhat[base + j] * projection) * inv);
                }
            }
            result = array(out, cachedShape);
        } else {
            double[] g = doubles(gradOut);
            double[] xhat = normalizedD;
            double[] out = new double[rows * hidden];
            for (int r = 0, base = 0; r < rows; r++, base += hidden) {
                double dot = 0;
                for (int j = 0; j < hidden; j++) {
                    double gj = g[base + j];
                    dw[j] += gj * xhat[base + j];
                    dot += gj * w[j] * xhat[base + j];
                }
                double projection = dot / hidden;
                double inv = inverseRms[r];
                for (int j = 0; j < hidden; j++) {
                    out[base + j] = (g[base + j] * w[j] - xhat[base + j] * projection) * inv;
                }
            }
            result = array(out, cachedShape);
        }
        accumulate(dw);
        cached = false;
        normalizedD = null; // normalizedF stays: the next forward reuses it
        return result;
    }

    private INDArray compute(INDArray x, boolean keep) {
        checkShape(x);
        int rows = (int) x.size(0);
        int hidden = (int) x.size(1);
        long[] shape = x.shape();
        DataType type = x.dataType();
        double[] w = weightValues();
        double[] inv = keep && inverseRms != null && inverseRms.length == rows ? inverseRms : new double[rows];
        INDArray result;
        if (type == DataType.FLOAT) {
            float[] in = inputF = copy(x, inputF);
            float[] xhat = keep ? (normalizedF = reuse(normalizedF, rows * hidden)) : null;
            float[] out = outputF = reuse(outputF, rows * hidden);
            for (int r = 0, base = 0; r < rows; r++, base += hidden) {
                double sum = Reductions.sumOfSquares(in, base, base + hidden);
                double s = 1.0 / Math.sqrt(sum / hidden + eps);
                inv[r] = s;
                for (int j = 0; j < hidden; j++) {
                    float n = (float) (in[base + j] * s);
                    if (xhat != null) {
                        xhat[base + j] = n;
                    }
                    out[base + j] = (float) (n * w[j]);
                }
            }
            normalizedD = null;
            result = array(out, shape);
        } else {
            double[] in = doubles(x);
            double[] xhat = keep ? new double[rows * hidden] : null;
            double[] out = new double[rows * hidden];
            for (int r = 0, base = 0; r < rows; r++, base += hidden) {
                double sum = 0;
                for (int j = 0; j < hidden; j++) {
                    double v = in[base + j];
                    sum += v * v;
                }
                double s = 1.0 / Math.sqrt(sum / hidden + eps);
                inv[r] = s;
                for (int j = 0; j < hidden; j++) {
                    double n = in[base + j] * s;
                    if (xhat != null) {
                        xhat[base + j] = n;
                    }
                    out[base + j] = n * w[j];
                }
            }
            normalizedD = xhat;
            normalizedF = null;
            result = array(out, shape);
        }
        if (keep) {
            cached = true;
            cachedType = type;
            cachedShape = shape;
            inverseRms = inv;
        }
        return result;
    }

    private void checkShape(INDArray x) {
        if (x.rank() != 2 || x.size(1) != weight.length()) {
            throw new IllegalArgumentException("RMSNorm input must be [rows, " + weight.length() + "], not "
                    + java.util.Arrays.toString(x.shape()));
        }
        if (x.dataType() != DataType.FLOAT && x.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("RMSNorm input must be FLOAT or DOUBLE, not " + x.dataType());
        }
    }

    /** The weight as doubles (by a bulk copy where it can: data().asDouble() goes element by element). */
    private double[] weightValues() {
        int hidden = (int) weight.length();
        if (weight.dataType() != DataType.FLOAT || !NativeMatrix.isExact(weight)) {
            return weight.data().asDouble();
        }
        float[] values = new float[hidden];
        NativeMatrix.of(weight).get(0, values, hidden);
        double[] w = new double[hidden];
        for (int j = 0; j < hidden; j++) {
            w[j] = values[j];
        }
        return w;
    }

    /** gradient += dw, rounded to the gradient's type first. */
    private void accumulate(double[] dw) {
        int hidden = dw.length;
        if (gradient.dataType() != DataType.FLOAT || !NativeMatrix.isExact(gradient)) {
            gradient.addi(Nd4j.create(dw, new long[] {hidden}, 'c').castTo(gradient.dataType()));
            return;
        }
        NativeMatrix values = NativeMatrix.of(gradient);
        float[] sum = new float[hidden];
        values.get(0, sum, hidden);
        for (int j = 0; j < hidden; j++) {
            sum[j] += (float) dw[j];
        }
        values.put(0, sum, hidden);
    }

    // Copies in and out go through NativeMatrix's bulk copies: INDArray.data().asFloat() and
    // Nd4j.create(float[]) cost about 20x more for the same copy.

    /** x's elements (float32) in {@code buffer} if it has the right length, else in a new array. */
    private static float[] copy(INDArray x, float[] buffer) {
        float[] values = reuse(buffer, (int) x.length());
        NativeMatrix.of(NativeMatrix.contiguous(x)).get(0, values, values.length);
        return values;
    }

    private static float[] reuse(float[] buffer, int length) {
        return buffer != null && buffer.length == length ? buffer : new float[length];
    }

    private static double[] doubles(INDArray x) {
        double[] values = new double[(int) x.length()];
        NativeMatrix.of(NativeMatrix.contiguous(x)).get(0, values, values.length);
        return values;
    }

    private static INDArray array(float[] values, long[] shape) {
        INDArray result = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        NativeMatrix.of(result).put(0, values, values.length);
        return result;
    }

    private static INDArray array(double[] values, long[] shape) {
        INDArray result = Nd4j.createUninitialized(DataType.DOUBLE, shape, 'c');
        NativeMatrix.of(result).put(0, values, values.length);
        return result;
    }
}
