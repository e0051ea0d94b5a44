package org.qatlas.stdlib.quant;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Rint;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Integers of 2 to 8 bits.
 *
 * <p>Symmetric ("int4"): levels -(2^(b-1)-1) .. 2^(b-1)-1, scale = max|x| / (2^(b-1)-1)
 * (AbsMax). This is the convention of paper A (Chen et al. 2025, AbsMax symmetric INT4). We
 * drop the level -2^(b-1) on purpose: AbsMax maps the largest magnitude, of either sign, onto
 * the top level, so a grid that is the same on both sides uses every level it has; the extra
 * negative level could only be reached by a scale that leaves +2^(b-1) unrepresentable. Zero is
 * exact, which keeps padding and sparse activations exact. int4 thus has 15 levels, not 16.
 *
 * <p>Asymmetric ("uint4"): levels 0 .. 2^b-1 with a zero point z, x ~ (level - z) * scale,
 * scale = (max - min) / (2^b - 1) where the range [min, max] is widened to contain 0 so that
 * zero stays exact (the usual min/max quantizer, e.g. Jacob et al. 2018).
 */
public record IntFormat(int bits, boolean symmetric) implements NumberFormat {
    public IntFormat {
        if (bits < 2 || bits > 8) {
            throw new IllegalArgumentException((symmetric ? "int(" : "uint(") + bits
                    + "): bits must be between 2 and 8");
        }
    }

    /** The symmetric (AbsMax) integer format of this width: int4 for 4. */
    public static IntFormat symmetric(int bits) {
        return new IntFormat(bits, true);
    }

    /** The asymmetric (min/max, zero point) integer format of this width: uint4 for 4. */
    public static IntFormat asymmetric(int bits) {
        return new IntFormat(bits, false);
    }

    @Override
    public double maxLevel() {
        return symmetric ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
    }

    @Override
    public INDArray roundToGrid(INDArray scaled) {
        // Rint rounds half to even (Transforms.round rounds half away from zero).
        Nd4j.getExecutioner().exec(new Rint(scaled, scaled));
        return scaled;
    }

    @Override
    public NumberFormat withBits(int newBits) {
        return new IntFormat(newBits, symmetric);
    }

    @Override
    public String toString() {
        return (symmetric ? "int" : "uint") + bits;
    }
}
