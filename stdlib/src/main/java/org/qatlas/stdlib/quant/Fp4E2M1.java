package org.qatlas.stdlib.quant;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Rint;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * FP4 E2M1 (OCP Microscaling): a sign, 2 exponent bits and 1 mantissa bit, whose magnitudes are
 * 0, 0.5, 1, 1.5, 2, 3, 4, 6. Scale = max|x| / 6, so the largest magnitude lands on 6.
 *
 * <p>The spacing of the grid doubles in each binade: 0.5 below 2, 1 in [2, 4), 2 in [4, 6].
 * Rounding to the nearest value is therefore "round to a multiple of the binade's step", done
 * for all three steps at once and blended by masks: a few whole-array passes, no element loop.
 * Rounding half to even per step gives exactly the round-to-nearest-even of the format
 * (1.75 -> 2, 2.5 -> 2, 3.5 -> 4, 5 -> 4).
 */
public record Fp4E2M1() implements NumberFormat {
    public static final Fp4E2M1 INSTANCE = new Fp4E2M1();

    @Override
    public int bits() {
        return 4;
    }

    @Override
    public boolean symmetric() {
        return true;
    }

    @Override
    public double maxLevel() {
        return 6.0;
    }

    @Override
    public INDArray roundToGrid(INDArray scaled) {
        DataType type = scaled.dataType();
        INDArray magnitude = Transforms.abs(scaled, true);
        INDArray fine = rint(magnitude.mul(2.0)).divi(2.0); // step 0.5 on [0, 2)
        INDArray middle = rint(magnitude.dup()); // step 1 on [2, 4)
        INDArray coarse = rint(magnitude.div(2.0)).muli(2.0); // step 2 on [4, 6]
        INDArray inMiddle = magnitude.gte(2.0).castTo(type);
        INDArray inCoarse = magnitude.gte(4.0).castTo(type);
        // fine, replaced by middle from 2 up, replaced by coarse from 4 up.
        INDArray rounded = fine.addi(middle.sub(fine).muli(inMiddle)).addi(coarse.subi(middle).muli(inCoarse));
        return scaled.assign(rounded.muli(Transforms.sign(scaled, true)));
    }

    private static INDArray rint(INDArray values) {
        Nd4j.getExecutioner().exec(new Rint(values, values));
        return values;
    }

    @Override
    public NumberFormat withBits(int bits) {
        return bits == 4 ? this : IntFormat.symmetric(bits);
    }

    @Override
    public String toString() {
        return "fp4";
    }
}
