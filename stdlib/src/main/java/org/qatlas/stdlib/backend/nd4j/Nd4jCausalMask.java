package org.qatlas.stdlib.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The additive causal mask of one sequence length, flattened to a row [1, time * time]: 0 where
 * a query may see the key (on and below the diagonal), -inf above it. Made as log of the
 * lower-triangular ones (log 1 = 0, log 0 = -inf), since 0 * -inf would be NaN; the ones come
 * from comparing key and query positions, not from Nd4j.tri, which in this ND4J version gives
 * [[0]] for a single position. Kept across steps, so made outside any workspace.
 */
final class Nd4jCausalMask {
    private final DataType type;
    private int time = -1;
    private INDArray flat;

    Nd4jCausalMask(DataType type) {
        this.type = type;
    }

    INDArray flat(int time) {
        if (time != this.time) {
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                INDArray positions = Nd4j.arange(0, time).castTo(DataType.DOUBLE);
                INDArray keyMinusQuery = Nd4j.zeros(DataType.DOUBLE, time, time)
                        .addiRowVector(positions.reshape(1, time))
                        .subiColumnVector(positions.reshape(time, 1));
                INDArray visible = keyMinusQuery.lte(0.0).castTo(type);
                flat = Transforms.log(visible, false).reshape('c', 1, (long) time * time);
            }
            this.time = time;
        }
        return flat;
    }
}
