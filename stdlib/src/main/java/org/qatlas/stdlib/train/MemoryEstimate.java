package org.qatlas.stdlib.train;

import org.qatlas.stdlib.model.LlamaConfig;
import org.qatlas.stdlib.backend.cpu.Parallel;
import org.qatlas.stdlib.quant.ClipMode;
import org.qatlas.stdlib.quant.Granularity;
import org.qatlas.stdlib.quant.IntFormat;
import org.qatlas.stdlib.quant.QuantSpec;
import org.qatlas.stdlib.quant.Role;
import org.qatlas.stdlib.quant.Scheme;

/**
 * What a training run will need in memory, in bytes, worked out from the model's shape, the
 * batch and the scheme before anything is allocated, so that a run that cannot fit is refused
 * at its call ({@link MemoryCheck}) instead of dying of an OutOfMemoryError, or of the kernel's
 * OOM killer, minutes in. Two kinds of memory, because two limits apply:
 * <ul>
 *   <li><b>native</b> (ND4J arrays, off the Java heap): the parameters, their gradients and
 *       AdamW's two moments (4 floats per parameter); the step workspace, which holds every
 *       temporary of one forward and backward pass at once (ND4J's workspace frees nothing
 *       until the pass ends): activations, attention probabilities and their gradients
 *       [batch * heads, seq, seq], the joined [gate | up] weight, the logits and their
 *       gradient, and under QAT the fake-quantized copy of every quantized weight and input
 *       with the weight gradients that are no longer accumulated in place; the linear layers'
 *       inputs kept for the diagnostics and their float64 copies.
 *   <li><b>heap</b> (Java arrays): what the cpu backend's kernels keep between steps, namely three
 *       [batch * seq, hidden] float copies per RMSNorm ({@code RmsNorm}), six
 *       [batch * seq, ffn] per MLP (the cpu backend's {@code CpuSwiGlu}) and two [batch * seq, vocab] for the
 *       loss ({@code CrossEntropy}); the embedding gradient's copies and the attention rows
 *       during a step; the loss history (a double per step); and, before all of these exist,
 *       the double[] each parameter is drawn into.
 * </ul>
 *
 * <p>Calibration: {@code MemoryCalibration} (examples module; its comment has the command)
 * trains in a fresh JVM whose heap is committed and touched up front, and measures the step
 * workspace as ND4J reports it, the peak growth of resident memory (JavaCPP's
 * {@code physicalBytes()} every 5 ms: native memory alone, the heap being resident already)
 * and the heap in use after a full GC at the last step. Measured / estimated, in MB, on
 * 2 cores (layers/hidden/ffn/heads/kv/seq/batch, 3 steps; the last size 2 steps):
 * <pre>
 *   size                  scheme   workspace       native peak     heap
 *   2/64/172/4/2/64/16    FP         27 /   27      109 /   65      19 / 143
 *   4/128/344/4/2/128/16  FP        202 /  201      464 /  492     159 / 230
 *   4/128/344/4/2/128/16  W4A4      231 /  231      615 /  569     160 / 230
 *   6/256/688/8/4/128/16  FP        601 /  599     1289 / 1502     404 / 420
 *   6/256/688/8/4/128/16  W4A4      704 /  704     1852 / 1850     402 / 420
 *   6/256/688/8/4/128/16  LSQ+FP4  2074 / 2074     4099 / 4219     408 / 420
 *   2/512/1368/8/8/256/16 FP        879 /  877     1758 / 2129     448 / 542
 *   2/512/1368/8/8/256/16 W4A4     1055 / 1057     2558 / 2676     449 / 542
 *   2/1024/2736/16/16/512/8 FP     2077 / 2081     5295 / 6364     846 / 950
 *   2/1024/2736/16/16/512/8 W4A4   2512 / 2524     8271 / 8138     847 / 950
 * </pre>
 * (The W4A4 rows of the two largest sizes predate q, k and v sharing one quantized input, which
 * took about 2 * batch * seq * hidden floats a layer from both the workspace and the estimate.)
 * The workspace is a sum of known array sizes and comes within 1%. The measured native peak
 * is 83-110% of the estimate from the second size on (the smallest is dominated by the JVM's
 * own 40-50 MB of threads and compiled code); what varies is how much of the first pass's
 * copies the allocator keeps resident and how many diagnostic copies the GC has not freed yet.
 * The measured heap is 83-96% of the estimate, which counts 128 MB for the JVM's own objects.
 * The nd4j backend, same command with {@code -Dqatlas.backend=nd4j} in QAT_JAVA_OPTS:
 * <pre>
 *   2/64/172/4/2/64/16    FP         58 /   58      169 /  117       2 / 128
 *   2/64/172/4/2/64/16    W4A4       65 /   65      184 /  133       1 / 128
 *   4/128/344/4/2/128/16  FP        417 /  422      851 /  857       6 / 128
 *   4/128/344/4/2/128/16  W4A4      477 /  486      923 /  984       5 / 128
 *   6/256/688/8/4/128/16  FP       1229 / 1257     2386 / 2586       7 / 129
 *   6/256/688/8/4/128/16  W4A4     1432 / 1477     2721 / 3026      10 / 129
 * </pre>
 * Its workspace is a factor of the cpu backend's sum ({@code ND4J_WORKSPACE_FACTOR}), within
 * 3%; its native peak is 90-99% of the estimate from the second size on (the smallest, as
 * above, is the JVM's own memory); its heap holds no kernel arrays.
 * {@link MemoryCheck} refuses a run whose estimate exceeds a limit; near the limit the
 * estimate may be off by a tenth or two, and the out-of-memory handler of {@code train}
 * reports a run that fails after all.
 *
 * @param stateBytes     parameters, gradients and AdamW moments (native)
 * @param stepBytes      the step workspace (native)
 * @param transientBytes the first pass's copies, or the diagnostics' float64 copies (native)
 * @param heapBytes      the peak of the Java arrays
 */
public record MemoryEstimate(double stateBytes, double stepBytes, double transientBytes, double heapBytes) {
    private static final int FLOAT = 4;
    private static final int DOUBLE = 8;
    /** ND4J's workspace: the first pass's size plus 5% (LlamaModel's STEP_CONFIG), and about 2% measured for alignment and shapes. */
    private static final double WORKSPACE_OVERALLOCATION = 1.07;
    /**
     * Tensor-sized temporaries of one fake quantization outside the fused AbsMax kernel
     * (LSQ, learned clipping, asymmetric grids, FP4, per-tensor scales): the grouped view,
     * the scaled and rounded values, the clamp, the dequantized result, and for backward the
     * pass mask and the parameter term, forward and backward together.
     */
    private static final int GENERAL_QUANTIZER_COPIES = 12;
    /**
     * Overrides are resolved for at most this many layers and their mean stands for the rest:
     * resolving each of a billion layers would take longer than the refusal is worth.
     */
    private static final int RESOLVED_LAYERS = 1024;
    /** The diagnostic pass reads at most this many windows (Trainer's diagnostics). */
    private static final int DIAGNOSTIC_BATCH = 8;
    /** Per value the diagnostics analyse: the kept float32 input and about five float64 copies. */
    private static final int DIAGNOSTIC_BYTES_PER_VALUE = FLOAT + 5 * DOUBLE;
    /** The JVM's own objects that training adds to the heap (the JIT compiler's, mostly). */
    private static final double JVM_HEAP_RESERVE = 128e6;

    /**
     * The nd4j backend's step workspace against the cpu backend's: its whole-array operations
     * keep what the cpu kernels fuse away (key and value heads repeated for grouped queries,
     * the gate and up halves copied apart, the softmax's intermediates). Measured with
     * {@code MemoryCalibration} ({@code -Dqatlas.backend=nd4j}) at the benchmark's three sizes,
     * FP and W4A4: 2.04-2.10.
     */
    private static final double ND4J_WORKSPACE_FACTOR = 2.1;

    /** {@link #of(LlamaConfig, int, long, Scheme, boolean, String)} on the cpu backend. */
    public static MemoryEstimate of(LlamaConfig c, int batch, long steps, Scheme scheme, boolean quantized) {
        return of(c, batch, steps, scheme, quantized, "cpu");
    }

    /**
     * The estimate for training {@code c} in batches of {@code batch} for {@code steps} steps
     * under {@code scheme} on the backend named ({@link org.qatlas.stdlib.backend.Backends}):
     * the cpu backend's kernels keep Java arrays; the nd4j backend keeps nothing on the heap
     * but needs a larger workspace. For cuda the same as nd4j, untested: there the workspace
     * is GPU memory, which the check does not know, so it is compared with the host's.
     */
    public static MemoryEstimate of(LlamaConfig c, int batch, long steps, Scheme scheme, boolean quantized, String backend) {
        boolean javaKernels = backend.equals("cpu");
        double rows = (double) batch * c.seq();
        double d = c.hidden();
        double f = c.ffn();
        double kv = c.kvDim();
        double vocab = c.vocab();
        double layers = c.layers();
        double scores = (double) batch * c.heads() * c.seq() * c.seq();
        double state = 4.0 * FLOAT * c.totalParams();

        // One layer's forward: norm, q, k, v, their rotations, attention's context and
        // probabilities, o, norm, fc1's joined weight and output [gate | up], h, fc2.
        // Its backward: every input gradient, the scores' gradient and fc1's weight gradient.
        double layerForward = rows * (6 * d + 3 * kv + 3 * f) + scores + 2 * d * f;
        double layerBackward = rows * (9 * d + 3 * kv + 3 * f) + scores + 2 * d * f;
        double perLayer = layerForward + layerBackward;
        // Embedding rows, final norm, logits; backward: the logits' gradient, the head's and the norm's.
        double outside = rows * (4 * d + 2 * vocab);
        double quantization = quantized ? quantizationValues(c, rows, scheme) : 0;
        double step = FLOAT * WORKSPACE_OVERALLOCATION * (layers * perLayer + outside + quantization)
                * (javaKernels ? 1 : ND4J_WORKSPACE_FACTOR);

        // The first pass runs before the workspace exists: its arrays are allocated one by
        // one and still held when the workspace of their total size is made, so it needs the
        // step's memory twice. The diagnostic pass after training (up to 8 windows) copies
        // every linear input, and every quantized weight, to float64 several times outside the
        // workspace (kurtosis, outlier ratio, quantization error); ND4J frees those copies
        // only when the GC runs, on top of about half the first pass's copies still resident.
        double diagnosticRows = (double) Math.min(batch, DIAGNOSTIC_BATCH) * c.seq();
        double analysed = layers * (diagnosticRows * (5 * d + f) + (quantized ? 2 * d * d + 2 * d * kv + 3 * d * f : 0));
        double diagnostics = DIAGNOSTIC_BYTES_PER_VALUE * analysed;
        double transients = Math.max(step, diagnostics + step / 2);

        double largestMatrix = Math.max(vocab * d, d * Math.max(d, f));
        double norms = 2 * layers + 1;
        double kept = !javaKernels ? 0
                : norms * rows * (3 * FLOAT * d + DOUBLE) + layers * 6 * FLOAT * rows * f + 2 * FLOAT * rows * vocab;
        double duringStep = (!javaKernels ? 0
                : FLOAT * (rows * d + vocab * d) // Embedding's backward
                + Parallel.threads() * 3.0 * FLOAT * c.seq() * c.seq()) // attention rows, per thread
                + 4.0 * 4 * rows; // token windows, inputs, targets
        double heap = JVM_HEAP_RESERVE + Math.max(DOUBLE * largestMatrix, kept + duringStep + (double) DOUBLE * steps);
        return new MemoryEstimate(state, step, transients, heap);
    }

    /**
     * The values (floats) QAT adds to a step: per quantized weight a fake-quantized copy and,
     * since the gradient then goes through the quantizer instead of into the accumulator,
     * its weight gradient (fc1's is counted already); per quantized input a copy (one for q, k
     * and v when they quantize it alike). Quantizers off the fused AbsMax kernel make several
     * temporaries each.
     */
    private static double quantizationValues(LlamaConfig c, double rows, Scheme scheme) {
        double d = c.hidden();
        double kv = c.kvDim();
        double f = c.ffn();
        String[] names = {"q", "k", "v", "o", "fc1", "fc2"};
        double[] weights = {d * d, d * kv, d * kv, d * d, 2 * d * f, f * d};
        double[] inputs = {rows * d, rows * d, rows * d, rows * d, rows * d, rows * f};
        double total = 0;
        int resolved = Math.min(c.layers(), RESOLVED_LAYERS);
        for (int layer = 0; layer < resolved; layer++) {
            boolean sharedInput = attentionSharesInput(scheme, "layers." + layer + ".");
            for (int i = 0; i < names.length; i++) {
                String name = "layers." + layer + "." + names[i];
                QuantSpec weight = scheme.resolve(name, Role.WEIGHT);
                if (!weight.isNone()) {
                    double gradient = names[i].equals("fc1") ? 0 : weights[i];
                    total += copies(weight) * weights[i] + gradient;
                }
                QuantSpec input = scheme.resolve(name, Role.INPUT);
                boolean usesQueries = sharedInput && (names[i].equals("k") || names[i].equals("v"));
                if (!input.isNone() && !usesQueries) {
                    total += copies(input) * inputs[i];
                }
            }
            if (layer == 0 && uniform(scheme)) {
                return total * c.layers(); // every layer alike: no need to resolve them all
            }
        }
        return total / resolved * c.layers();
    }

    /** Whether k and v use q's quantized input, as {@link org.qatlas.stdlib.model.Attention} does when the three quantize it alike. */
    private static boolean attentionSharesInput(Scheme scheme, String layer) {
        QuantSpec q = scheme.resolve(layer + "q", Role.INPUT);
        return q.sameFunctionAs(scheme.resolve(layer + "k", Role.INPUT)) && q.sameFunctionAs(scheme.resolve(layer + "v", Role.INPUT));
    }

    /** Whether no override can single out a layer: then every layer quantizes as the first. */
    private static boolean uniform(Scheme scheme) {
        return scheme.rules().isEmpty();
    }

    /** Tensor-sized arrays one quantizer makes: one on the fused AbsMax kernel, else several. */
    private static int copies(QuantSpec spec) {
        boolean kernel = spec.format() instanceof IntFormat format && format.symmetric() && !spec.lsq()
                && spec.clip() == ClipMode.NONE && spec.granularity().kind() != Granularity.Kind.TENSOR;
        return kernel ? 1 : GENERAL_QUANTIZER_COPIES;
    }

    /** All native memory: state, step workspace and the rest. */
    public double nativeBytes() {
        return stateBytes + stepBytes + transientBytes;
    }

    /** Native memory and heap together: what the process needs besides the JVM itself. */
    public double totalBytes() {
        return nativeBytes() + heapBytes;
    }
}
