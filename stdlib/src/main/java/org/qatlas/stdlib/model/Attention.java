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
        INDArray queries = queryRope.forward(q.forward(x), time);
        INDArray keys = keyRope.forward(k.forward(x), time);
        return o.forward(core.forward(queries, keys, v.forward(x), batch, time, true));
    }

    public INDArray infer(INDArray x, int batch, int time) {
        INDArray queries = queryRope.forward(q.infer(x), time);
        INDArray keys = keyRope.forward(k.infer(x), time);
        return o.infer(core.forward(queries, keys, v.infer(x), batch, time, false));
    }

    /** dL/dx: the sum of what flows back through q, k and v, which all read x. */
    public INDArray backward(INDArray gradOut) {
        if (time < 0) {
            throw new IllegalStateException("attention backward without a training forward");
        }
        INDArray[] grads = core.backward(o.backward(gradOut));
        INDArray gradInput = q.backward(queryRope.backward(grads[0], time));
        backend.addInPlace(gradInput, k.backward(keyRope.backward(grads[1], time)));
        backend.addInPlace(gradInput, v.backward(grads[2]));
        time = -1;
        return gradInput;
    }
}
