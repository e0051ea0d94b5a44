package org.qatlas.stdlib.data;

import java.util.SplittableRandom;

/** Token data held as byte blocks split into a training and a held-out part (see {@link ByteSplit}). */
abstract class SplitTokenData implements TokenData {
    private final ByteSplit split;

    SplitTokenData(ByteSplit split) {
        this.split = split;
    }

    @Override
    public long trainTokens() {
        return split.trainTokens();
    }

    @Override
    public long heldOutTokens() {
        return split.heldOutTokens();
    }

    @Override
    public void sample(SplittableRandom random, boolean heldOut, int[][] windows) {
        if (split.isEmpty(heldOut)) {
            throw new IllegalStateException(describe() + " has no " + (heldOut ? "held-out" : "training") + " tokens");
        }
        split.sample(random, heldOut, windows);
    }
}
