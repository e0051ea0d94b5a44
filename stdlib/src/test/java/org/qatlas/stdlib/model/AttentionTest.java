package org.qatlas.stdlib.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.qatlas.stdlib.backend.Backend;
import org.qatlas.stdlib.backend.TestBackends;
import org.qatlas.stdlib.quant.ClipMode;
import org.qatlas.stdlib.quant.FakeQuantizer;
import org.qatlas.stdlib.quant.Granularity;
import org.qatlas.stdlib.quant.IntFormat;
import org.qatlas.stdlib.quant.QuantSpec;
import org.qatlas.stdlib.quant.Role;

/** The whole sublayer: projections, RoPE, GQA core (heads 4, kvHeads 2), output projection. */
class AttentionTest {
    private static final int BATCH = 2;
    private static final int TIME = 4;
    private static final int HIDDEN = 8;
    private static final int KV_DIM = 4;

    @Test
    void backwardMatchesFiniteDifferences() {
        INDArray[] weights = {
            GradientCheck.random(41, 0.5, HIDDEN, HIDDEN), GradientCheck.random(42, 0.5, HIDDEN, KV_DIM),
            GradientCheck.random(43, 0.5, HIDDEN, KV_DIM), GradientCheck.random(44, 0.5, HIDDEN, HIDDEN)};
        INDArray[] grads = new INDArray[4];
        Linear[] linears = new Linear[4];
        String[] names = {"q", "k", "v", "o"};
        for (int i = 0; i < 4; i++) {
            grads[i] = weights[i].ulike().assign(0);
            linears[i] = new Linear(names[i], weights[i], grads[i], TestBackends.REFERENCE);
        }
        Attention attention = new Attention(linears[0], linears[1], linears[2], linears[3], 4, 2, TestBackends.REFERENCE);
        INDArray x = GradientCheck.random(45, 1.0, BATCH * TIME, HIDDEN);
        INDArray r = GradientCheck.random(46, 1.0, BATCH * TIME, HIDDEN);
        attention.forward(x, BATCH, TIME);
        INDArray gradInput = attention.backward(r);
        java.util.function.DoubleSupplier loss = () -> GradientCheck.weightedSum(attention.infer(x, BATCH, TIME), r);
        GradientCheck.assertAll("attention input", x, gradInput, loss);
        for (int i = 0; i < 4; i++) {
            GradientCheck.assertAll("attention " + names[i], weights[i], grads[i], loss);
        }
    }

    /**
     * q, k and v quantize their common input once when their quantizers compute one function,
     * and that changes no bit of the output or of any gradient: the reference is the same
     * sublayer whose hooks are hidden behind wrappers that share nothing.
     */
    @Test
    void oneQuantizedInputServesQueriesKeysAndValuesBitForBit() {
        Backend cpu = TestBackends.CPU;
        QuantSpec w4 = QuantSpec.of(IntFormat.symmetric(4), Granularity.group(4));
        Counting[] shared = new Counting[3];
        Sublayer one = quantized(cpu, i -> shared[i] = new Counting(new FakeQuantizer(w4, Role.INPUT, cpu), true));
        Sublayer three = quantized(cpu, i -> new Counting(new FakeQuantizer(w4, Role.INPUT, cpu), false));
        INDArray x = GradientCheck.random(45, 1.0, BATCH * TIME, HIDDEN).castTo(DataType.FLOAT);
        INDArray r = GradientCheck.random(46, 1.0, BATCH * TIME, HIDDEN).castTo(DataType.FLOAT);

        assertBitwise("output", three.attention().forward(x, BATCH, TIME), one.attention().forward(x, BATCH, TIME));
        assertEquals(1, shared[0].forwards, "q's quantizer runs once");
        assertEquals(0, shared[1].forwards + shared[2].forwards, "k and v use q's result");
        assertBitwise("input gradient", three.attention().backward(r), one.attention().backward(r));
        assertEquals(1, shared[0].backwards, "the summed gradient goes back through q's quantizer once");
        assertEquals(0, shared[1].backwards + shared[2].backwards, "and not through k's or v's");
        for (int i = 0; i < 3; i++) {
            assertBitwise("weight gradient " + i, three.gradients()[i], one.gradients()[i]);
        }
        assertBitwise("evaluation", three.attention().infer(x, BATCH, TIME), one.attention().infer(x, BATCH, TIME));
    }

    @Test
    void quantizersThatLearnOrDifferAreNotShared() {
        QuantSpec w4 = QuantSpec.of(IntFormat.symmetric(4), Granularity.group(4));
        QuantSpec clipped = new QuantSpec(IntFormat.symmetric(4), Granularity.group(4), false, ClipMode.TENSOR);
        Backend cpu = TestBackends.CPU;
        assertTrue(new FakeQuantizer(w4, Role.INPUT, cpu).sameFunctionAs(new FakeQuantizer(w4, Role.INPUT, cpu)));
        assertFalse(new FakeQuantizer(w4, Role.INPUT, cpu).sameFunctionAs(new FakeQuantizer(w4.withBits(8), Role.INPUT, cpu)));
        assertFalse(new FakeQuantizer(w4, Role.INPUT, cpu).sameFunctionAs(TensorTransform.IDENTITY));
        assertFalse(new FakeQuantizer(clipped, Role.INPUT, cpu).sameFunctionAs(new FakeQuantizer(clipped, Role.INPUT, cpu)),
                "learned clip values are each layer's own");
        assertTrue(TensorTransform.IDENTITY.sameFunctionAs(TensorTransform.IDENTITY));
    }

    /** An attention sublayer and its weights' gradient accumulators (q, k, v, o). */
    private record Sublayer(Attention attention, INDArray[] gradients) {
    }

    /** Attention with fixed weights whose q, k and v inputs go through {@code hook.apply(i)}. */
    private static Sublayer quantized(Backend backend, Function<Integer, TensorTransform> hook) {
        int[] widths = {HIDDEN, KV_DIM, KV_DIM, HIDDEN};
        Linear[] linears = new Linear[4];
        INDArray[] grads = new INDArray[4];
        for (int i = 0; i < 4; i++) {
            INDArray weight = GradientCheck.random(41 + i, 0.5, HIDDEN, widths[i]).castTo(DataType.FLOAT);
            grads[i] = weight.ulike().assign(0);
            linears[i] = new Linear("p" + i, weight, grads[i], backend);
            if (i < 3) {
                linears[i].setInputTransform(hook.apply(i));
            }
        }
        return new Sublayer(new Attention(linears[0], linears[1], linears[2], linears[3], 4, 2, backend), grads);
    }

    private static void assertBitwise(String what, INDArray expected, INDArray actual) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what);
        float[] e = expected.dup().data().asFloat();
        float[] a = actual.dup().data().asFloat();
        for (int i = 0; i < e.length; i++) {
            assertEquals(Float.floatToIntBits(e[i]), Float.floatToIntBits(a[i]), what + " element " + i);
        }
    }

    /** Delegates to a quantizer and counts its calls; says it computes the same function as its peers only when told to. */
    private static final class Counting implements TensorTransform {
        private final FakeQuantizer inner;
        private final boolean shareable;
        int forwards;
        int backwards;

        Counting(FakeQuantizer inner, boolean shareable) {
            this.inner = inner;
            this.shareable = shareable;
        }

        @Override
        public INDArray forward(INDArray x) {
            forwards++;
            return inner.forward(x);
        }

        @Override
        public INDArray backward(INDArray gradOut) {
            backwards++;
            return inner.backward(gradOut);
        }

        @Override
        public boolean sameFunctionAs(TensorTransform other) {
            return shareable && other instanceof Counting that && that.shareable && inner.sameFunctionAs(that.inner);
        }
    }
}
