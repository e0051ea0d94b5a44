package org.qatlas.stdlib.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.backend.ShapeChecks;

/** Gathering rows of a table and scatter-adding rows into it (the embedding's forward and backward). */
final class Nd4jRows {
    private Nd4jRows() {
    }

    static INDArray gather(INDArray table, int[] rows, DataType type) {
        ShapeChecks.matrix("gatherRows", "table", table, type);
        ShapeChecks.indices("gatherRows", "row", rows, table.size(0));
        if (rows.length == 0) {
            return Nd4j.create(type, 0, table.size(1));
        }
        return Nd4j.exec(new Gather(table, Nd4j.createFromArray(rows), 0))[0];
    }

    /**
     * libnd4j's scatter_add, with the table itself as the output: the op class ScatterAdd of
     * this ND4J version writes into a new array and leaves the table as it was. Its "lock"
     * argument makes the CPU kernel add the rows one after another and the CUDA kernel
     * serialize updates of one row, so repeated rows add up without a race.
     */
    static void scatterAdd(INDArray table, int[] rows, INDArray values, DataType type) {
        ShapeChecks.matrix("scatterAddRows", "table", table, type);
        ShapeChecks.matrix("scatterAddRows", "values", values, type, rows.length, table.size(1));
        ShapeChecks.indices("scatterAddRows", "row", rows, table.size(0));
        if (rows.length == 0) {
            return;
        }
        Nd4j.exec(DynamicCustomOp.builder("scatter_add")
                .addInputs(table, Nd4j.createFromArray(rows), values)
                .addOutputs(table)
                .addBooleanArguments(true)
                .build());
    }
}
