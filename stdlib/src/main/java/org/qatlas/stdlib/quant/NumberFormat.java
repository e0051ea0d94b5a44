package org.qatlas.stdlib.quant;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A low-precision number format that a fake quantizer rounds to: integers of 2 to 8 bits
 * ({@link IntFormat}, symmetric or asymmetric) or 4-bit floats ({@link Fp4E2M1}).
 *
 * <p>Written as "int4" (symmetric), "uint4" (asymmetric, with a zero point) or "fp4".
 */
public sealed interface NumberFormat permits IntFormat, Fp4E2M1 {
    /** Storage width in bits. */
    int bits();

    /**
     * True when the grid is symmetric around zero and one scale (max|x| / maxLevel) places it;
     * false for the min/max grid with a zero point.
     */
    boolean symmetric();

    /**
     * The largest level: for a symmetric grid the largest magnitude (7 for int4, 6 for fp4),
     * levels running from -maxLevel to maxLevel; for an asymmetric grid the top level
     * 2^bits - 1, levels running from 0.
     */
    double maxLevel();

    /**
     * Rounds, in place, values already divided by the scale (and for a symmetric grid already
     * clamped to [-maxLevel, maxLevel]) to the nearest level; ties go to the even level, as in
     * IEEE rounding and the OCP FP4 format, so that rounding has no bias. Returns its argument.
     */
    INDArray roundToGrid(INDArray scaled);

    /**
     * The format of the same family with another width: int4 -> int8, uint4 -> uint8. FP4 has
     * no other width here, so fp4 with bits other than 4 becomes the symmetric integer format.
     */
    NumberFormat withBits(int bits);
}
