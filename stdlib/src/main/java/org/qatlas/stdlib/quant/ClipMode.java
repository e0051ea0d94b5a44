package org.qatlas.stdlib.quant;

/**
 * Learnable clipping of layer inputs (PACT, Choi et al. 2018, made symmetric): a learned value
 * alpha caps the range, so the scale is min(max|x|, alpha) / maxLevel and inputs beyond
 * +-alpha saturate. Paper A uses learnable activation clipping for groups of 256 and more.
 */
public enum ClipMode {
    /** No clipping: plain AbsMax. */
    NONE(""),
    /** One alpha for the whole tensor. Written "+clip". */
    TENSOR("clip"),
    /**
     * One alpha per group position along the feature dimension, shared by all tokens (tokens
     * change from batch to batch, feature positions do not). Written "+groupclip".
     */
    GROUP("groupclip");

    private final String option;

    ClipMode(String option) {
        this.option = option;
    }

    /** The option's name in a spec string: "clip", "groupclip"; empty for NONE. */
    public String option() {
        return option;
    }
}
