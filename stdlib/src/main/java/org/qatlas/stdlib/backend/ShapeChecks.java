package org.qatlas.stdlib.backend;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The argument checks every backend makes before it computes: ND4J's own errors name neither
 * the operation nor the caller's shapes (and some ops, like a raw buffer, read out of bounds
 * instead of failing), so a wrong shape is caught here with a message that names both.
 */
public final class ShapeChecks {
    private ShapeChecks() {
    }

    /** x is a matrix of the backend's type; returns it. */
    public static INDArray matrix(String op, String what, INDArray x, DataType type) {
        if (x == null) {
            throw new IllegalArgumentException(op + ": " + what + " is missing");
        }
        if (x.rank() != 2) {
            throw new IllegalArgumentException(op + ": " + what + " must be a matrix, not " + shape(x));
        }
        return ofType(op, what, x, type);
    }

    /** x is a matrix [rows, columns] of the backend's type (a negative size matches any); returns it. */
    public static INDArray matrix(String op, String what, INDArray x, DataType type, long rows, long columns) {
        matrix(op, what, x, type);
        if ((rows >= 0 && x.size(0) != rows) || (columns >= 0 && x.size(1) != columns)) {
            throw new IllegalArgumentException(op + ": " + what + " must be [" + size(rows) + ", " + size(columns)
                    + "], not " + shape(x));
        }
        return x;
    }

    public static INDArray ofType(String op, String what, INDArray x, DataType type) {
        if (x.dataType() != type) {
            throw new IllegalArgumentException(op + ": " + what + " must be " + type + ", not " + x.dataType());
        }
        return x;
    }

    /** a and b hold the same number of elements in the same shape. */
    public static void sameShape(String op, String whatA, INDArray a, String whatB, INDArray b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": " + whatA + " " + shape(a) + " and " + whatB + " " + shape(b)
                    + " must have the same shape");
        }
    }

    /** Every index lies in [0, bound). */
    public static void indices(String op, String what, int[] indices, long bound) {
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= bound) {
                throw new IllegalArgumentException(op + ": " + what + " " + indices[i] + " at " + i
                        + " is outside [0, " + bound + ")");
            }
        }
    }

    public static void positive(String op, String what, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(op + ": " + what + " must be positive, not " + value);
        }
    }

    /**
     * A fake quantizer's largest level: a whole number from 1 to 2^22, the integer grids'
     * 2^(bits - 1) - 1, within the range where float32 holds every level and its halfway points.
     */
    public static void wholeLevel(String op, double maxLevel) {
        if (!(maxLevel >= 1 && maxLevel <= 1 << 22 && maxLevel == Math.rint(maxLevel))) {
            throw new IllegalArgumentException(op + ": maximum level must be a whole number from 1 to " + (1 << 22)
                    + ", not " + maxLevel);
        }
    }

    /** The head counts of a grouped-query attention: positive, and the query heads a multiple of the key/value heads. */
    public static void attentionHeads(String op, int heads, int kvHeads, int headDim) {
        positive(op, "heads", heads);
        positive(op, "key/value heads", kvHeads);
        positive(op, "head dimension", headDim);
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException(op + ": heads (" + heads + ") must be a multiple of key/value heads ("
                    + kvHeads + ")");
        }
    }

    public static String shape(INDArray x) {
        return Arrays.toString(x.shape());
    }

    private static String size(long n) {
        return n < 0 ? "any" : Long.toString(n);
    }
}
