package org.qatlas.stdlib.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The attention sublayer without its norm and residual: project to q, k, v, rotate q and k,
 * attend causally with grouped queries, project back with o. Input and output are
 * [batch * time, hidden].
 */
public final class Attention {
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear o;
    private final Rope queryRope;
    private final Rope keyRope;
    private final CausalAttention core;

    /** The four projections, laid out [in, out]: q [d, d], k and v [d, kvHeads*headDim], o [d, d]. */
    public Attention(Linear q, Linear k, Linear v, Linear o, int heads, int kvHeads, DataType dataType) {
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
        this.queryRope = new Rope(heads, headDim, dataType);
        this.keyRope = new Rope(kvHeads, headDim, dataType);
        this.core = new CausalAttention(heads, kvHeads, headDim, dataType);
    }

    public INDArray forward(INDArray x, int batch, int time) {
        INDArray queries = queryRope.forward(q.forward(x), time);
        INDArray keys = keyRope.forward(k.forward(x), time);
        INDArray values = v.forward(x);
        return o.forward(core.forward(queries, keys, values, batch, time));
    }

    public INDArray infer(INDArray x, int batch, int time) {
        INDArray queries = queryRope.infer(q.infer(x), time);
        INDArray keys = keyRope.infer(k.infer(x), time);
        return o.infer(core.infer(queries, keys, v.infer(x), batch, time));
    }

    /** dL/dx: the sum of what flows back through q, k and v, which all read x. */
    public INDArray backward(INDArray gradOut) {
        INDArray[] grads = core.backward(o.backward(gradOut));
        INDArray gradInput = q.backward(queryRope.backward(grads[0]));
        gradInput.addi(k.backward(keyRope.backward(grads[1])));
        gradInput.addi(v.backward(grads[2]));
        return gradInput;
    }
}
