package org.qatlas.stdlib.quant;

/**
 * How one tensor is fake-quantized: a number format, a granularity and options; or
 * {@link #NONE}, full precision.
 *
 * <p>{@link #toString()} writes it as {@code format/granularity[+option...]}: "int4/g32",
 * "int8/token", "fp4/g128", "uint4/channel", "int4/g32+lsq", "int4/g256+groupclip", or "none";
 * errors name a spec this way. Scripts make specs from formats ({@link FormatValue#toSpec}).
 *
 * @param format the grid, null only for NONE
 * @param granularity which elements share a scale, null only for NONE
 * @param lsq learned step size (LSQ, Esser et al. 2020) instead of AbsMax: for weights
 * @param clip learnable clipping (PACT): for layer inputs
 */
public record QuantSpec(NumberFormat format, Granularity granularity, boolean lsq, ClipMode clip) {
    /** Full precision: the tensor passes through untouched. */
    public static final QuantSpec NONE = new QuantSpec(null, null, false, ClipMode.NONE);

    public QuantSpec {
        if (clip == null) {
            clip = ClipMode.NONE;
        }
        if (format == null || granularity == null) {
            if (format != null || granularity != null || lsq || clip != ClipMode.NONE) {
                throw new IllegalArgumentException("a quantization spec needs both a format and a granularity");
            }
        } else {
            String written = format + "/" + granularity;
            if (lsq && clip != ClipMode.NONE) {
                throw new IllegalArgumentException(written
                        + ": lsq and clip cannot be combined (both learn the scale's range)");
            }
            if ((lsq || clip != ClipMode.NONE) && !format.symmetric()) {
                throw new IllegalArgumentException(written + "+" + (lsq ? "lsq" : clip.option())
                        + ": learned scales and clipping need a symmetric format (int or fp4)");
            }
        }
    }

    /** A spec without options. */
    public static QuantSpec of(NumberFormat format, Granularity granularity) {
        return new QuantSpec(format, granularity, false, ClipMode.NONE);
    }

    public boolean isNone() {
        return format == null;
    }

    /** True when the quantizer of this spec has a learned parameter (LSQ steps or clip values). */
    public boolean learned() {
        return lsq || clip != ClipMode.NONE;
    }

    /**
     * Whether quantizers of this spec and of {@code other} compute one function of the tensor
     * alone, so that one result can serve both: the same spec, with nothing learned (learned
     * steps or clip values are each quantizer's own).
     */
    public boolean sameFunctionAs(QuantSpec other) {
        return equals(other) && !learned();
    }

    /** The same spec at another width (granularity and options kept): int4/g32 -> int8/g32. */
    public QuantSpec withBits(int bits) {
        if (isNone()) {
            throw new IllegalStateException("none has no bit width to change");
        }
        return new QuantSpec(format.withBits(bits), granularity, lsq, clip);
    }

    /** The same spec with another granularity. */
    public QuantSpec withGranularity(Granularity newGranularity) {
        if (isNone()) {
            throw new IllegalStateException("none has no granularity to change");
        }
        return new QuantSpec(format, newGranularity, lsq, clip);
    }

    /**
     * Checks that this spec makes sense for a tensor of {@code role} and returns it: per-token
     * scales and clipping belong to layer inputs, per-channel scales and LSQ to weights (a
     * learned per-token value would have nothing to attach to, tokens change every batch).
     */
    public QuantSpec requireFor(Role role) {
        if (isNone()) {
            return this;
        }
        String written = toString();
        if (role == Role.WEIGHT) {
            if (granularity.kind() == Granularity.Kind.TOKEN) {
                throw new IllegalArgumentException(written
                        + ": per-token granularity applies to layer inputs; a weight uses channel, gN or tensor");
            }
            if (clip != ClipMode.NONE) {
                throw new IllegalArgumentException(written
                        + ": learnable clipping applies to layer inputs; a weight learns its scale with lsq");
            }
        } else {
            if (granularity.kind() == Granularity.Kind.CHANNEL) {
                throw new IllegalArgumentException(written
                        + ": per-channel granularity applies to weights; a layer input uses token, gN or tensor");
            }
            if (lsq) {
                throw new IllegalArgumentException(written
                        + ": lsq (learned step size) applies to weights; a layer input learns clip or groupclip");
            }
        }
        return this;
    }

    @Override
    public String toString() {
        if (isNone()) {
            return "none";
        }
        StringBuilder s = new StringBuilder().append(format).append('/').append(granularity);
        if (lsq) {
            s.append("+lsq");
        }
        if (clip != ClipMode.NONE) {
            s.append('+').append(clip.option());
        }
        return s.toString();
    }
}
