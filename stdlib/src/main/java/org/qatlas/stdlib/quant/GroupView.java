package org.qatlas.stdlib.quant;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Lays a tensor out as a matrix with one quantization group per row, so that every scale is a
 * reduction along dimension 1 and every rescaling is a broadcast of a column vector: whole-array
 * ND4J ops, no element loops.
 *
 * <p>First the tensor becomes a matrix [rows, width] whose rows run along the input dimension:
 * an input [..., in] is reshaped to [tokens, in]; a weight [in, out] is transposed to [out, in]
 * (the transpose is why weights cost one copy more than inputs). With per-tensor granularity it
 * is simply [1, all elements]. Then each row is cut into groups of {@code length} elements,
 * padded with zeros to a whole number of groups when the last group is ragged, and reshaped to
 * [rows * groups, length]: group g of row r is row r * groups + g. Zeros never change max|x|, and
 * the asymmetric range always contains zero, so padding never changes a scale.
 */
final class GroupView {
    private final long[] shape;
    private final boolean transposed;
    private final long rows;
    private final long width;
    private final long length;
    private final long groups;

    private GroupView(long[] shape, boolean transposed, long rows, long width, long length) {
        this.shape = shape;
        this.transposed = transposed;
        this.rows = rows;
        this.width = width;
        this.length = length;
        this.groups = (width + length - 1) / length;
    }

    /** The layout of a tensor of {@code shape} holding {@code role}'s values, for {@code granularity}. */
    static GroupView of(long[] shape, Role role, Granularity granularity) {
        long[] copy = shape.clone();
        if (role == Role.WEIGHT && shape.length != 2) {
            throw new IllegalArgumentException("a weight must be a matrix [in, out], got shape "
                    + Arrays.toString(shape));
        }
        if (shape.length == 0) {
            throw new IllegalArgumentException("cannot quantize a scalar by groups: give a layer input [tokens, in]");
        }
        long elements = 1;
        for (long d : shape) {
            elements *= d;
        }
        if (elements == 0) {
            throw new IllegalArgumentException("cannot quantize an empty tensor of shape " + Arrays.toString(shape));
        }
        if (granularity.kind() == Granularity.Kind.TENSOR) {
            return new GroupView(copy, false, 1, elements, elements);
        }
        boolean weight = role == Role.WEIGHT;
        long width = weight ? shape[0] : shape[shape.length - 1];
        long rows = elements / width;
        long length = granularity.kind() == Granularity.Kind.GROUP
                ? Math.min(granularity.groupSize(), width) // one group per row when G >= in
                : width;
        return new GroupView(copy, weight, rows, width, length);
    }

    /** The groups of {@code x} (which has this view's shape) as rows: [rows * groups, length]. */
    INDArray group(INDArray x) {
        INDArray matrix = transposed ? x.transpose() : x.reshape('c', rows, width);
        long paddedWidth = groups * length;
        if (paddedWidth != width) {
            INDArray padded = Nd4j.zeros(x.dataType(), rows, paddedWidth);
            padded.get(NDArrayIndex.all(), NDArrayIndex.interval(0, width)).assign(matrix);
            matrix = padded;
        } else if (transposed || matrix.ordering() != 'c') {
            matrix = matrix.dup('c');
        }
        return matrix.reshape('c', rows * groups, length);
    }

    /** The inverse of {@link #group}: a tensor of this view's shape, in c order. */
    INDArray ungroup(INDArray grouped) {
        INDArray matrix = grouped.reshape('c', rows, groups * length);
        boolean padded = groups * length != width;
        if (padded) {
            matrix = matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(0, width));
        }
        if (transposed) {
            return matrix.transpose().dup('c');
        }
        return (padded ? matrix.dup('c') : matrix).reshape('c', shape);
    }

    /** Whether the tensor is a weight [in, out] whose groups run down its columns. */
    boolean transposed() {
        return transposed;
    }

    /** Elements per row of the [rows, width] matrix, before padding. */
    long width() {
        return width;
    }

    /** Rows of the [rows, width] matrix: tokens, output channels, or 1 for per-tensor. */
    long rows() {
        return rows;
    }

    /** Groups per row. */
    long groups() {
        return groups;
    }

    /** Elements per group (the last group of a row may hold fewer real ones). */
    long length() {
        return length;
    }

    /** Number of groups in all: rows * groups. */
    long count() {
        return rows * groups;
    }

    long[] shape() {
        return shape.clone();
    }
}
