package org.qatlas.stdlib.train;

import org.qatlas.stdlib.quant.ClipMode;
import org.qatlas.stdlib.quant.Granularity;
import org.qatlas.stdlib.quant.IntFormat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qatlas.stdlib.model.LlamaConfig;
import org.qatlas.stdlib.quant.QuantSpec;
import org.qatlas.stdlib.quant.Scheme;

class MemoryEstimateTest {
    /** R = batch * seq = 128 rows, d = 16, ffn 32, kv 8, vocab 16, scores 8 * 2 * 16 * 16 = 4096. */
    private static final LlamaConfig SMALL = new LlamaConfig(1, 16, 32, 2, 1, 16, 16, false);
    private static final int BATCH = 8;
    /** One layer's forward and backward plus the embedding, norm and logits, in floats (see MemoryEstimate). */
    private static final double FP_STEP_VALUES = 128 * (6 * 16 + 3 * 8 + 3 * 32) + 4096 + 2 * 16 * 32
            + 128 * (9 * 16 + 3 * 8 + 3 * 32) + 4096 + 2 * 16 * 32 + 128 * (4 * 16 + 2 * 16);
    /** The linear weights of the layer: q and o [16, 16], k and v [16, 8], gate and up [16, 32], down [32, 16]. */
    private static final double LINEAR_WEIGHTS = 2 * 256 + 2 * 128 + 3 * 512;

    @Test
    void stateIsFourFloatsPerParameter() {
        MemoryEstimate estimate = MemoryEstimate.of(SMALL, BATCH, 10, Scheme.FULL_PRECISION, false);
        assertEquals(16.0 * SMALL.totalParams(), estimate.stateBytes());
    }

    @Test
    void theStepWorkspaceIsEveryTemporaryOfAPassPlusTheOverallocation() {
        MemoryEstimate fp = MemoryEstimate.of(SMALL, BATCH, 10, Scheme.FULL_PRECISION, false);
        assertEquals(4 * 1.07 * FP_STEP_VALUES, fp.stepBytes(), 1e-6);
    }

    @Test
    void quantizationAddsCopiesOfWeightsAndInputsAndTheWeightGradients() {
        // The fused AbsMax kernel: one copy of each weight and input (q, k and v share theirs);
        // weight gradients except fc1's.
        double inputs = 128 * (3 * 16 + 32);
        double gradients = LINEAR_WEIGHTS - 2 * 16 * 32;
        MemoryEstimate w4a4 = MemoryEstimate.of(SMALL, BATCH, 10, new Scheme(QuantSpec.of(IntFormat.symmetric(4), Granularity.group(8)), QuantSpec.of(IntFormat.symmetric(4), Granularity.group(8))), true);
        assertEquals(4 * 1.07 * (FP_STEP_VALUES + LINEAR_WEIGHTS + gradients + inputs), w4a4.stepBytes(), 1e-6);
        // LSQ weights leave the kernel: twelve temporaries per quantized value.
        MemoryEstimate lsq = MemoryEstimate.of(SMALL, BATCH, 10, new Scheme(new QuantSpec(IntFormat.symmetric(4), Granularity.group(8), true, ClipMode.NONE), QuantSpec.NONE), true);
        assertEquals(4 * 1.07 * (FP_STEP_VALUES + 12 * LINEAR_WEIGHTS + gradients), lsq.stepBytes(), 1e-6);
        // An override that keeps one layer in full precision takes its copies away again.
        Scheme withoutFc2 = new Scheme(QuantSpec.of(IntFormat.symmetric(4), Granularity.group(8)), QuantSpec.NONE).override("layers.0.fc2.weight", QuantSpec.NONE);
        MemoryEstimate partial = MemoryEstimate.of(SMALL, BATCH, 10, withoutFc2, true);
        assertEquals(4 * 1.07 * (FP_STEP_VALUES + 2 * (LINEAR_WEIGHTS - 512) - 2 * 16 * 32), partial.stepBytes(), 1e-6);
        // k's input at 8 bits: q, k and v quantize their input apart, one copy each.
        Scheme kAt8 = new Scheme(QuantSpec.of(IntFormat.symmetric(4), Granularity.group(8)), QuantSpec.of(IntFormat.symmetric(4), Granularity.group(8))).overrideBits("*.k.input", 8);
        assertEquals(w4a4.stepBytes() + 4 * 1.07 * 2 * 128 * 16, MemoryEstimate.of(SMALL, BATCH, 10, kAt8, true).stepBytes(), 1e-6);
    }

    @Test
    void theNd4jBackendNeedsALargerWorkspaceAndKeepsNoKernelArraysOnTheHeap() {
        for (boolean quantized : new boolean[] {false, true}) {
            Scheme w4a4 = new Scheme(QuantSpec.of(IntFormat.symmetric(4), Granularity.group(8)), QuantSpec.of(IntFormat.symmetric(4), Granularity.group(8)));
            MemoryEstimate cpu = MemoryEstimate.of(SMALL, BATCH, 10, w4a4, quantized, "cpu");
            MemoryEstimate nd4j = MemoryEstimate.of(SMALL, BATCH, 10, w4a4, quantized, "nd4j");
            assertEquals(2.1 * cpu.stepBytes(), nd4j.stepBytes(), 1e-6, "the workspace, measured 2.04-2.10x");
            assertEquals(cpu.stateBytes(), nd4j.stateBytes(), "the same parameters and moments");
            assertEquals(MemoryEstimate.of(SMALL, BATCH, 10, w4a4, quantized, "cuda"), nd4j, "cuda: as nd4j");
            // The heap: the JVM's reserve and the largest parameter drawn as doubles (above the
            // token windows and the loss history); no kernel buffers.
            assertEquals(128e6 + 8 * 16 * 32, nd4j.heapBytes(), 1e-6);
            assertTrue(cpu.heapBytes() > nd4j.heapBytes() + 4 * 128 * 16);
        }
        assertEquals(MemoryEstimate.of(SMALL, BATCH, 10, Scheme.FULL_PRECISION, false),
                MemoryEstimate.of(SMALL, BATCH, 10, Scheme.FULL_PRECISION, false, "cpu"), "the short form is the cpu backend's");
    }

    @Test
    void overridesAreResolvedOnTheFirstLayersOfAVeryDeepModel() {
        LlamaConfig deep = new LlamaConfig(Integer.MAX_VALUE, 16, 32, 2, 1, 16, 16, false);
        Scheme everyFc2 = new Scheme(QuantSpec.of(IntFormat.symmetric(4), Granularity.group(8)), QuantSpec.of(IntFormat.symmetric(4), Granularity.group(8))).overrideBits("*.fc2.input", 8);
        Scheme plain = new Scheme(QuantSpec.of(IntFormat.symmetric(4), Granularity.group(8)), QuantSpec.of(IntFormat.symmetric(4), Granularity.group(8)));
        // The same quantizers in every layer: the mean of the first layers is any layer's share.
        double expected = MemoryEstimate.of(deep, BATCH, 10, plain, true).stepBytes();
        assertEquals(expected, MemoryEstimate.of(deep, BATCH, 10, everyFc2, true).stepBytes(), 1e-12 * expected);
    }

    @Test
    void theHeapHoldsTheKernelsArraysAndTheLossHistory() {
        MemoryEstimate few = MemoryEstimate.of(SMALL, BATCH, 10, Scheme.FULL_PRECISION, false);
        MemoryEstimate many = MemoryEstimate.of(SMALL, BATCH, 1_000_010, Scheme.FULL_PRECISION, false);
        assertEquals(8e6, many.heapBytes() - few.heapBytes(), 1e-6); // a double per step
        // Three float copies and a double per row for each of the 3 norms, six float copies per
        // MLP, two for the logits: the arrays kept between steps.
        double kept = 3 * 128 * (3 * 4 * 16 + 8) + 6 * 4 * 128 * 32 + 2 * 4 * 128 * 16;
        assertTrue(few.heapBytes() > 128e6 + kept && few.heapBytes() < 128e6 + 2 * kept, "heap " + few.heapBytes());
    }

    @Test
    void theFirstPassNeedsTheStepTwiceAndTheDiagnosticsTheirCopiesBeside() {
        MemoryEstimate small = MemoryEstimate.of(SMALL, BATCH, 10, Scheme.FULL_PRECISION, false);
        double diagnostics = 44.0 * 128 * (5 * 16 + 32); // 8 windows of 16: the same rows as the batch
        assertEquals(Math.max(small.stepBytes(), diagnostics + small.stepBytes() / 2), small.transientBytes(), 1e-6);
        assertEquals(small.stateBytes() + small.stepBytes() + small.transientBytes(), small.nativeBytes(), 1e-6);
        assertEquals(small.nativeBytes() + small.heapBytes(), small.totalBytes(), 1e-6);
    }

    @Test
    void theSizesTheTestsExamplesAndBenchmarkTrainNeedLittle() {
        // The largest of them: bin/bench-training's 6/256/688/8/4/128 at batch 16, W4A4.
        LlamaConfig largest = new LlamaConfig(6, 256, 688, 8, 4, 128, 256, false);
        MemoryEstimate estimate = MemoryEstimate.of(largest, 16, 1000, new Scheme(QuantSpec.of(IntFormat.symmetric(4), Granularity.group(32)), QuantSpec.of(IntFormat.symmetric(4), Granularity.group(32))), true);
        assertTrue(estimate.totalBytes() < 3e9, "total " + estimate.totalBytes());
        assertTrue(estimate.heapBytes() < 0.5e9, "heap " + estimate.heapBytes());
    }

    @Test
    void aRunThatFitsPasses() {
        assertDoesNotThrow(() -> new MemoryCheck(4_000_000_000L, 16_000_000_000L, 32_000_000_000L).check(new MemoryEstimate(1e9, 2e9, 0.5e9, 3e9), "m"));
    }

    @Test
    void aRunBeyondTheHeapAsksForALargerHeap() {
        MemoryCheck limits = new MemoryCheck((long) 2e9, (long) 8e9, (long) 16e9);
        assertEquals("train: m needs about 6.50 GB of memory (3.50 GB native: 1.00 GB of parameters, gradients and AdamW "
                + "moments, 2.50 GB of activations and temporaries; 3.00 GB of Java heap), more Java heap than the 2.00 GB "
                + "this JVM may use (-Xmx); give it more, e.g. QAT_JAVA_OPTS=-Xmx4g, or train a smaller model or batch",
                refusal(limits, new MemoryEstimate(1e9, 2e9, 0.5e9, 3e9)));
    }

    @Test
    void aRunBeyondJavaCppsLimitAsksForALargerHeapToo() {
        MemoryCheck limits = new MemoryCheck((long) 4e9, (long) 16e9, (long) 64e9);
        assertEquals("train: m needs about 30.0 GB of memory (29.0 GB native: 8.00 GB of parameters, gradients and AdamW "
                + "moments, 21.0 GB of activations and temporaries; 1.00 GB of Java heap), more than the 16.0 GB this process "
                + "may use (JavaCPP's maxPhysicalBytes, 4 × the Java heap unless set); give the JVM a larger heap, e.g. "
                + "QAT_JAVA_OPTS=-Xmx9g, or train a smaller model or batch",
                refusal(limits, new MemoryEstimate(8e9, 14e9, 7e9, 1e9)));
    }

    @Test
    void aRunBeyondAJavaCppLimitSetBelowTheDefaultAsksToRaiseIt() {
        MemoryCheck limits = new MemoryCheck((long) 1e9, (long) 0.7e9, (long) 64e9);
        assertEquals("train: m needs about 810 MB of memory (580 MB native: 10 MB of parameters, gradients and AdamW moments, "
                + "570 MB of activations and temporaries; 230 MB of Java heap), more than the 700 MB this process may use "
                + "(JavaCPP's maxPhysicalBytes, 4 × the Java heap unless set); raise it, e.g. "
                + "QAT_JAVA_OPTS=-Dorg.bytedeco.javacpp.maxPhysicalBytes=1g, or train a smaller model or batch",
                refusal(limits, new MemoryEstimate(10e6, 370e6, 200e6, 230e6)));
    }

    @Test
    void aRunBeyondTheMachineAsksForASmallerModel() {
        MemoryCheck limits = new MemoryCheck((long) 64e9, (long) 256e9, (long) 32e9);
        assertEquals("train: m needs about 1,500 TB of memory (1,500 TB native: 1,000 TB of parameters, gradients and "
                + "AdamW moments, 500 TB of activations and temporaries; 100 MB of Java heap), more than the 32.0 GB of "
                + "memory this machine has; train a smaller model, or a smaller batch or seq",
                refusal(limits, new MemoryEstimate(1e15, 4e14, 1e14, 1e8)));
    }

    private static String refusal(MemoryCheck limits, MemoryEstimate estimate) {
        return assertThrows(IllegalArgumentException.class, () -> limits.check(estimate, "m")).getMessage();
    }
}
