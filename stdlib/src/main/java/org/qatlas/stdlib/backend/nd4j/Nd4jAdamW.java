package org.qatlas.stdlib.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.qatlas.stdlib.backend.Backend.AdamWStep;
import org.qatlas.stdlib.backend.ShapeChecks;

/**
 * One AdamW step as whole-array ops: two temporaries of p's size (the scaled gradient and the
 * update), the moments and the parameter updated in place.
 */
final class Nd4jAdamW {
    private static final String OP = "adamW";

    private Nd4jAdamW() {
    }

    static void step(INDArray p, INDArray g, INDArray m, INDArray v, AdamWStep hyper, DataType type) {
        ShapeChecks.ofType(OP, "parameter", p, type);
        ShapeChecks.ofType(OP, "first moment", m, type);
        ShapeChecks.ofType(OP, "second moment", v, type);
        ShapeChecks.sameShape(OP, "parameter", p, "gradient", g);
        ShapeChecks.sameShape(OP, "parameter", p, "first moment", m);
        ShapeChecks.sameShape(OP, "parameter", p, "second moment", v);
        // g' = g * gradientScale, in a new array: g itself is left as it is.
        INDArray scaled = g.dataType() == type ? g.mul(hyper.gradientScale())
                : g.castTo(type).muli(hyper.gradientScale());
        v.muli(hyper.beta2()).addi(scaled.mul(scaled).muli(1 - hyper.beta2()));
        m.muli(hyper.beta1()).addi(scaled.muli(1 - hyper.beta1()));
        INDArray denominator = Transforms.sqrt(v.mul(hyper.inverseCorrection2()), false).addi(hyper.epsilon());
        INDArray update = m.mul(hyper.step()).divi(denominator);
        if (hyper.decay() != 1.0) {
            p.muli(hyper.decay());
        }
        p.subi(update);
    }
}
