package org.qatlas.stdlib.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.qatlas.stdlib.backend.Backend;

/**
 * The attention sublayer without its norm and residual: project to q, k, v, rotate q and k
 * (RoPE), attend causally with grouped queries, project back with o. Input and output are
 * [batch * time, hidden].
 */
public final class Attention {
    /** Llama's RoPE base. */
    public static final double ROPE_BASE = 10000.0;

    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear o;
    private final Backend backend;
    private final Backend.Rope queryRope;
    private final Backend.Rope keyRope;
    private final Backend.Attention core;
    private int time = -1;
    private boolean sharedInput; // whether the last training forward gave q, k and v one transformed input

    /** The four projections, laid out [in, out]: q [d, d], k and v [d, kvHeads*headDim], o [d, d]. */
    public Attention(Linear q, Linear k, Linear v, Linear o, int heads, int kvHeads, Backend backend) {
        long hidden = q.inFeatures();
        if (q.outFeatures() != hidden || o.inFeatures() != hidden || o.outFeatures() != hidden
                || k.inFeatures() != hidden || v.inFeatures() != hidden || k.outFeatures() != v.outFeatures()
                || hidden % heads != 0 || k.outFeatures() != (long) kvHeads * (hidden / heads)) {
            throw new IllegalArgumentException("attention projections do not fit hidden " + hidden + ", heads " + heads
                    + ", kvHeads " + kvHeads);
        }
        int headDim = (int) (hidden / heads);
        this.q = q;
        this.k = k;
        this.v = v;
        this.o = o;
        this.backend = backend;
        this.queryRope = backend.rope(heads, headDim, ROPE_BASE);
        this.keyRope = backend.rope(kvHeads, headDim, ROPE_BASE);
        this.core = backend.causalAttention(heads, kvHeads, headDim);
    }

    public INDArray forward(INDArray x, int batch, int time) {
        this.time = time;
        sharedInput = readOneInput();
        INDArray used = sharedInput ? q.inputTransform().forward(x) : null;
        INDArray queries = queryRope.forward(used == null ? q.forward(x) : q.forwardTransformed(x, used), time);
        INDArray keys = keyRope.forward(used == null ? k.forward(x) : k.forwardTransformed(x, used), time);
        INDArray values = used == null ? v.forward(x) : v.forwardTransformed(x, used);
        return o.forward(core.forward(queries, keys, values, batch, time, true));
    }

    public INDArray infer(INDArray x, int batch, int time) {
        INDArray used = readOneInput() ? q.inputTransform().forward(x) : null;
        INDArray queries = queryRope.forward(used == null ? q.infer(x) : q.inferTransformed(x, used), time);
        INDArray keys = keyRope.forward(used == null ? k.infer(x) : k.inferTransformed(x, used), time);
        INDArray values = used == null ? v.infer(x) : v.inferTransformed(x, used);
        return o.infer(core.forward(queries, keys, values, batch, time, false));
    }

    /** dL/dx: the sum of what flows back through q, k and v, which all read x. */
    public INDArray backward(INDArray gradOut) {
        if (time < 0) {
            throw new IllegalStateException("attention backward without a training forward");
        }
        INDArray[] grads = core.backward(o.backward(gradOut));
        INDArray gradQueries = queryRope.backward(grads[0], time);
        INDArray gradKeys = keyRope.backward(grads[1], time);
        INDArray gradInput;
        if (sharedInput) {
            gradInput = q.backwardTransformed(gradQueries);
            backend.addInPlace(gradInput, k.backwardTransformed(gradKeys));
            backend.addInPlace(gradInput, v.backwardTransformed(grads[2]));
            gradInput = q.inputTransform().backward(gradInput);
        } else {
            gradInput = q.backward(gradQueries);
            backend.addInPlace(gradInput, k.backward(gradKeys));
            backend.addInPlace(gradInput, v.backward(grads[2]));
        }
        time = -1;
        return gradInput;
    }

    /**
     * Whether q, k and v transform their common input by one function (the same quantizer
     * spec, nothing learned), which is then computed once for the three instead of three
     * times: under QAT, two of a layer's six input quantizations (about a quarter of their work).
     */
    private boolean readOneInput() {
        TensorTransform hook = q.inputTransform();
        return hook.sameFunctionAs(k.inputTransform()) && hook.sameFunctionAs(v.inputTransform());
    }
}
