package org.qatlas.examples;

import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.backend.Backends;
import org.qatlas.stdlib.data.SyntheticLanguage;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.quant.ClipMode;
import org.qatlas.stdlib.quant.FormatValue;
import org.qatlas.stdlib.quant.Fp4E2M1;
import org.qatlas.stdlib.quant.Granularity;
import org.qatlas.stdlib.quant.IntFormat;
import org.qatlas.stdlib.quant.SchemeValue;
import org.qatlas.stdlib.train.Budget;
import org.qatlas.stdlib.train.MemoryEstimate;
import org.qatlas.stdlib.train.Monitor;
import org.qatlas.stdlib.train.Trainer;

/**
 * Trains one model for a few steps and prints what {@link MemoryEstimate} predicted beside
 * what the run used: the step workspace as ND4J reports it, the growth of the process's
 * resident memory (JavaCPP's {@code physicalBytes()}, sampled every 5 ms) and the heap in use
 * after a full GC at the last step. Run it in a fresh JVM whose heap is committed and touched
 * up front, so that resident growth is native memory alone:
 *
 * <pre>
 * for size in "2 64 172 4 2 64 16" "6 256 688 8 4 128 16"; do for scheme in fp w4a4; do
 *   QAT_JAVA_OPTS="-Xms3g -Xmx3g -XX:+AlwaysPreTouch" QAT_MAIN_CLASS=org.qatlas.examples.MemoryCalibration \
 *     QAT_CLASS_PATH=$(ls examples/target/qatlas-examples-*.jar) bin/qat $size $scheme
 * done; done
 * </pre>
 *
 * Arguments: layers hidden ffn heads kv_heads seq batch, then fp, w4a4 (int4 groups of 32
 * on weights and inputs) or general (LSQ int4 weights and FP4 inputs, groups of 32: the
 * quantizers off the fused kernel), then optionally the steps (default 3). With
 * {@code -Dcalibration.trace=1} in QAT_JAVA_OPTS it also prints the resident memory after each
 * step and, each time it has grown by another 100 MB, where the training thread was: the way
 * to find which allocations a change of the estimate must account for.
 */
public final class MemoryCalibration {
    private static final String STEP_WORKSPACE = "qatlas-model-step";

    private MemoryCalibration() {
    }

    public static void main(String[] args) throws Exception {
        long[] size = new long[7];
        for (int i = 0; i < size.length; i++) {
            size[i] = Long.parseLong(args[i]);
        }
        boolean quantized = !args[7].equals("fp");
        int steps = args.length > 8 ? Integer.parseInt(args[8]) : 3;
        ModelValue model = new ModelValue(Math.toIntExact(size[0]), Math.toIntExact(size[1]), Math.toIntExact(size[2]),
                Math.toIntExact(size[3]), Math.toIntExact(size[4]), Math.toIntExact(size[5]));
        FormatValue int4 = new FormatValue(IntFormat.symmetric(4), Granularity.group(32));
        SchemeValue scheme = switch (args[7]) {
            case "fp" -> new SchemeValue(null, null);
            case "w4a4" -> new SchemeValue(int4, int4);
            // Quantizers off the fused AbsMax kernel: learned steps on the weights, FP4 inputs.
            default -> new SchemeValue(new FormatValue(IntFormat.symmetric(4), Granularity.group(32), true, ClipMode.NONE),
                    new FormatValue(Fp4E2M1.INSTANCE, Granularity.group(32)));
        };
        Budget budget = Budget.DEFAULT.with(steps * size[5] * size[6], (int) size[6], Budget.DEFAULT.lr()).withEvalTokens(size[5]);
        SyntheticLanguage data = SyntheticLanguage.generate(256, 200_000, 2, 1.0, 1, 0.05);
        MemoryEstimate estimate = MemoryEstimate.of(model.config(), (int) size[6], steps, scheme.scheme(), quantized,
                Backends.standardName());

        Nd4j.create(1); // loads ND4J and OpenBLAS before the baseline
        System.gc();
        long baseline = Pointer.physicalBytes();
        long heapBaseline = heapUsed();
        boolean trace = System.getProperty("calibration.trace") != null;
        long[] peak = {baseline, baseline}; // the peak, and the resident size last traced
        Thread main = Thread.currentThread();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long now = Pointer.physicalBytes();
                if (trace && now > peak[1] + 100_000_000) {
                    peak[1] = now;
                    StackTraceElement[] where = main.getStackTrace();
                    System.out.printf("  peak +%.1f MB at %s%n", (now - baseline) / 1e6,
                            java.util.Arrays.stream(where).limit(12).map(Object::toString).toList());
                }
                peak[0] = Math.max(peak[0], now);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long[] atLastStep = new long[3];
        Trainer.train(model, scheme, budget, data, 1, new Monitor() {
            @Override
            public void step(long step, long total, long tokens, double loss, double tokensPerSecond) {
                if (trace) {
                    System.out.printf("  step %d: resident +%.1f MB, peak +%.1f MB%n", step, (Pointer.physicalBytes() - baseline) / 1e6,
                            (peak[0] - baseline) / 1e6);
                }
                if (step == total) {
                    MemoryWorkspace workspace = Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(STEP_WORKSPACE);
                    atLastStep[0] = workspace == null ? 0 : workspace.getCurrentSize();
                    System.gc();
                    atLastStep[1] = heapUsed() - heapBaseline;
                    atLastStep[2] = Pointer.physicalBytes() - baseline;
                }
            }
        });
        sampler.interrupt();
        sampler.join();
        System.out.printf("%s %s batch %d: workspace %.1f MB (estimate %.1f); native at last step %.1f MB, peak %.1f MB"
                + " (estimate %.1f); heap %.1f MB (estimate %.1f)%n", model.written(), args[7], size[6],
                atLastStep[0] / 1e6, estimate.stepBytes() / 1e6, atLastStep[2] / 1e6, (peak[0] - baseline) / 1e6,
                estimate.nativeBytes() / 1e6, atLastStep[1] / 1e6, estimate.heapBytes() / 1e6);
    }

    private static long heapUsed() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
