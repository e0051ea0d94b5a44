package org.qatlas.stdlib.quant;

import java.util.Locale;

/**
 * Which elements share one scale.
 *
 * <ul>
 *   <li>{@code gN} (GROUP): groups of N consecutive elements along the layer's input dimension,
 *       as in paper A: for a weight [in, out] each output column is cut into groups of N input
 *       rows; for an input [tokens, in] each token is cut into groups of N features. N need not
 *       divide the input dimension: the last group is then shorter (ragged).
 *   <li>{@code channel} (weights only): one scale per output channel, over all its inputs.
 *   <li>{@code token} (inputs only): one scale per token, over all its features.
 *   <li>{@code tensor}: one scale for the whole tensor.
 * </ul>
 *
 * @param kind which of the four
 * @param groupSize N for GROUP, 0 otherwise
 */
public record Granularity(Kind kind, int groupSize) {
    public enum Kind { TENSOR, TOKEN, CHANNEL, GROUP }

    public static final Granularity TENSOR = new Granularity(Kind.TENSOR, 0);
    public static final Granularity TOKEN = new Granularity(Kind.TOKEN, 0);
    public static final Granularity CHANNEL = new Granularity(Kind.CHANNEL, 0);

    public Granularity {
        if (kind == null) {
            throw new IllegalArgumentException("granularity kind must be given");
        }
        if (kind == Kind.GROUP && groupSize < 1) {
            throw new IllegalArgumentException("g" + groupSize + ": group size must be at least 1");
        }
        if (kind != Kind.GROUP && groupSize != 0) {
            throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT)
                    + " granularity has no group size (got " + groupSize + ")");
        }
    }

    /** Groups of {@code size} consecutive input elements; fails for size < 1. */
    public static Granularity group(int size) {
        return new Granularity(Kind.GROUP, size);
    }

    @Override
    public String toString() {
        return kind == Kind.GROUP ? "g" + groupSize : kind.name().toLowerCase(Locale.ROOT);
    }
}
