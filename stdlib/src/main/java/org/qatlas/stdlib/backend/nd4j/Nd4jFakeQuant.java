package org.qatlas.stdlib.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Rint;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.qatlas.stdlib.backend.ShapeChecks;

/**
 * Symmetric AbsMax fake quantization by groups, as whole-array ops on a layout with one group
 * per row: the tensor becomes [lines, width] with groups along each line (a weight is
 * transposed first, so its groups run down its columns), is padded with zeros to a whole
 * number of groups when the last one is ragged (a zero never changes max|x|), and is viewed as
 * [lines * groups, length]; every scale is then a reduction along dimension 1 and every
 * rescaling a column-vector broadcast.
 */
final class Nd4jFakeQuant {
    private static final String OP = "fakeQuantize";

    private Nd4jFakeQuant() {
    }

    static INDArray apply(INDArray x, int groupLength, boolean alongColumns, double maxLevel, DataType type) {
        ShapeChecks.matrix(OP, "x", x, type);
        ShapeChecks.positive(OP, "group length", groupLength);
        ShapeChecks.wholeLevel(OP, maxLevel);
        INDArray lines = alongColumns ? x.transpose() : x;
        long count = lines.size(0);
        long width = lines.size(1);
        long length = Math.min(groupLength, width);
        long groups = (width + length - 1) / length;
        long paddedWidth = groups * length;
        INDArray laidOut;
        if (paddedWidth != width) {
            laidOut = Nd4j.zeros(type, count, paddedWidth);
            laidOut.get(NDArrayIndex.all(), NDArrayIndex.interval(0, width)).assign(lines);
        } else {
            laidOut = lines.dup('c'); // the quantization below works in place; x stays untouched
        }
        INDArray grouped = laidOut.reshape('c', count * groups, length);
        INDArray scale = grouped.amax(1).reshape('c', count * groups, 1).divi(maxLevel);
        scale.addi(scale.eq(0.0).castTo(type)); // an all-zero group keeps scale 1 and stays zero
        grouped.diviColumnVector(scale);
        Transforms.max(grouped, -maxLevel, false);
        Transforms.min(grouped, maxLevel, false);
        Nd4j.getExecutioner().exec(new Rint(grouped, grouped)); // half to even, as Math.rint
        grouped.muliColumnVector(scale);
        INDArray result = paddedWidth != width
                ? laidOut.get(NDArrayIndex.all(), NDArrayIndex.interval(0, width))
                : laidOut;
        return (alongColumns ? result.transpose() : result).dup('c');
    }
}
