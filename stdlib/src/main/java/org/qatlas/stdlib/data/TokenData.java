package org.qatlas.stdlib.data;

import java.util.SplittableRandom;
import org.qatlas.stdlib.value.FieldValue;

/**
 * Training data as a stream of byte tokens, split into a training part and a held-out part.
 * Batches are windows of {@code length} consecutive tokens at random offsets; a window
 * predicts its last {@code length - 1} tokens from the ones before.
 */
public interface TokenData extends FieldValue {
    /** The number of distinct tokens: 256 for bytes, fewer for a synthetic language. */
    int vocab();

    long trainTokens();

    long heldOutTokens();

    /** Fills each row of {@code windows} with consecutive tokens from the chosen split. */
    void sample(SplittableRandom random, boolean heldOut, int[][] windows);

    /** What the data is, for run records: "corpus(path)", "synthetic(vocab: 64, ...)". */
    String describe();

    @Override
    default String written() {
        return describe();
    }
}
