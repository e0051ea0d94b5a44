package org.qatlas.stdlib.quant;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.qatlas.stdlib.backend.Backend;
import org.qatlas.stdlib.backend.Backends;
import org.qatlas.stdlib.model.TensorTransform;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Rint;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Fake quantization of one tensor (one layer's weight or input): {@link #forward} rounds the
 * tensor to the spec's grid and scales it back (quantize, then dequantize), so training sees
 * the rounding error while the arithmetic stays in float32 (or float64 for gradient checks);
 * {@link #backward} returns the straight-through-estimator (STE) gradient.
 *
 * <p>STE: rounding has zero gradient almost everywhere, so it is treated as the identity. The
 * gradient therefore passes unchanged where x lies inside the range the grid covers, and is
 * zero where x was saturated (clamped to the top level): beyond a learned clip value, beyond
 * +-maxLevel learned LSQ steps, or past the ends of an asymmetric grid. Plain AbsMax clips
 * nothing (the largest element defines the scale), so its backward is the identity.
 *
 * <p>Learned parameters, created from the first tensor seen (or set with {@link #setParameter}):
 * <ul>
 *   <li>LSQ ("+lsq", weights), Esser et al. 2020: a step size s per group, shape [out, groups]
 *       ([1, 1] per tensor), started at the AbsMax scale so that switching LSQ on leaves the first
 *       forward pass as it was. With v = x / s, dL/ds sums over the group
 *       dL/dy * (round(v) - v) inside the range (|v| < maxLevel) and dL/dy * (+-maxLevel) outside,
 *       times the gradient scale 1 / sqrt(n * maxLevel), n the elements that share the step
 *       (the group length; the whole tensor per tensor). As in Esser et al., an element exactly
 *       on the boundary counts as clipped: at the AbsMax start, each group's largest one.
 *   <li>Clip ("+clip", "+groupclip", layer inputs), PACT (Choi et al. 2018), made symmetric for
 *       signed inputs: alpha of shape [1, 1] or [1, groups]; scale = min(max|x|, alpha) / maxLevel.
 *       dL/dalpha sums dL/dy * sign(x) over the clipped elements (|x| > alpha) and, as in PACT,
 *       ignores the pull of alpha on unclipped ones. It starts at the first batch's max|x|, where
 *       nothing is clipped and its gradient is zero: as in PACT, weight decay on alpha is what
 *       first pulls it below the outliers, and clipped gradients then balance it.
 * </ul>
 * Parameter gradients accumulate over backward calls until {@link #zeroGradient}. The optimizer
 * may update {@link #parameter()} in place; values are floored at {@value #MIN_VALUE} when used.
 *
 * <p>One quantizer serves one tensor: it keeps what the last forward needs for its backward.
 * Not thread-safe.
 */
public final class FakeQuantizer implements TensorTransform {
    /** Smallest step or clip value used, so that a parameter pushed to or below zero stays usable. */
    public static final double MIN_VALUE = 1e-8;

    /** Relative margin under which an LSQ-scaled value counts as on the clip boundary: well above float32 noise. */
    static final double BOUNDARY_MARGIN = 1e-6;

    private final QuantSpec spec;
    private final Role role;
    private final Backend backend;
    private INDArray parameter;
    private INDArray gradient;

    // Kept by forward for backward.
    private boolean forwardDone;
    private GroupView view;
    private INDArray mask; // 1 where the gradient passes, 0 where x saturated; null: all pass
    private INDArray term; // per element, d(output)/d(parameter) in grouped layout; null: none

    /** A quantizer of {@code spec}, which suits {@code role} ({@link Scheme#resolve} checks that), on the standard backend. */
    public FakeQuantizer(QuantSpec spec, Role role) {
        this(spec, role, Backends.standard());
    }

    /**
     * A quantizer whose plain AbsMax integer formats run as {@code backend}'s fused kernel
     * ({@link Backend#fakeQuantize}); learned steps, clipping, asymmetric and floating-point
     * grids, and tensors of another data type take the general whole-array path, which any
     * ND4J backend runs.
     */
    public FakeQuantizer(QuantSpec spec, Role role, Backend backend) {
        this.spec = spec;
        this.role = role;
        this.backend = backend;
    }

    public QuantSpec spec() {
        return spec;
    }

    public Role role() {
        return role;
    }

    /**
     * Fake-quantizes {@code x} (a weight [in, out], or an input [..., in]) and keeps what
     * {@link #backward} needs. Returns a new tensor of the same shape and data type; for "none",
     * x itself.
     */
    @Override
    public INDArray forward(INDArray x) {
        return compute(x, true);
    }

    /** Like {@link #forward} but keeps nothing: for evaluation and measurement. */
    public INDArray apply(INDArray x) {
        return compute(x, false);
    }

    /**
     * The STE gradient with respect to the last forward's x, given the gradient with respect to
     * its output (same shape). Also adds the learned parameter's gradient to {@link #gradient()}.
     * With nothing clipped this is gradOut itself, not a copy.
     */
    @Override
    public INDArray backward(INDArray gradOut) {
        if (!forwardDone) {
            throw new IllegalStateException("backward called before forward on " + spec + " " + role.suffix());
        }
        if (view == null) {
            return gradOut; // full precision
        }
        if (!Arrays.equals(gradOut.shape(), view.shape())) {
            throw new IllegalArgumentException("gradient shape " + Arrays.toString(gradOut.shape())
                    + " differs from the forward input's " + Arrays.toString(view.shape()));
        }
        if (term != null) {
            accumulateParameterGradient(view.group(gradOut.castTo(term.dataType())));
        }
        return mask == null ? gradOut : gradOut.mul(mask.castTo(gradOut.dataType()));
    }

    /** Quantizers of one spec, role and backend that learn nothing compute one function of the tensor alone. */
    @Override
    public boolean sameFunctionAs(TensorTransform other) {
        return other instanceof FakeQuantizer that && spec.sameFunctionAs(that.spec) && that.role == role
                && that.backend == backend;
    }

    /** The learned values (LSQ steps or clip values); null when the spec learns nothing or before the first forward. */
    public INDArray parameter() {
        return parameter;
    }

    /** The accumulated gradient of {@link #parameter()}, same shape; null when there is none. */
    public INDArray gradient() {
        return gradient;
    }

    public void zeroGradient() {
        if (gradient != null) {
            gradient.assign(0);
        }
    }

    /**
     * Sets the learned values (copied) and clears their gradient. Shapes: LSQ [out, groups]
     * (or [1, 1] per tensor); clip [1, 1], groupclip [1, groups].
     */
    public void setParameter(INDArray values) {
        if (!spec.learned()) {
            throw new IllegalStateException(spec + " learns no parameter");
        }
        // Kept across steps: never in a step's workspace (the first forward creates it).
        try (org.nd4j.linalg.api.memory.MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            parameter = values.dup('c');
            gradient = Nd4j.zerosLike(parameter);
        }
    }

    /** {@link #apply} through the general whole-array path even where the backend's kernel applies: for tests. */
    INDArray applyGeneral(INDArray x) {
        return compute(x, false, false);
    }

    private INDArray compute(INDArray x, boolean keep) {
        return compute(x, keep, true);
    }

    private INDArray compute(INDArray x, boolean keep, boolean kernel) {
        if (spec.isNone()) {
            if (keep) {
                remember(null, null, null);
            }
            return x;
        }
        GroupView v = GroupView.of(x.shape(), role, spec.granularity());
        if (kernel && plainAbsMax(spec) && x.dataType() == backend.dataType()) {
            if (keep) {
                remember(v, null, null); // nothing clipped: the STE passes every gradient
            }
            return backend.fakeQuantize(x, (int) v.length(), v.transposed(), spec.format().maxLevel());
        }
        INDArray grouped = v.group(x);
        Quantized q = spec.format().symmetric() ? symmetric(v, grouped, keep) : asymmetric(grouped, keep);
        if (keep) {
            remember(v, q.inside == null ? null : v.ungroup(q.inside), q.term);
        }
        return v.ungroup(q.values);
    }

    /** Symmetric integer AbsMax by groups or channels, nothing learned or clipped: what {@link Backend#fakeQuantize} computes. */
    private static boolean plainAbsMax(QuantSpec spec) {
        return spec.format() instanceof IntFormat format && format.symmetric() && !spec.lsq()
                && spec.clip() == ClipMode.NONE && spec.granularity().kind() != Granularity.Kind.TENSOR;
    }

    private void remember(GroupView v, INDArray passMask, INDArray parameterTerm) {
        forwardDone = true;
        view = v;
        mask = passMask;
        term = parameterTerm;
    }

    /** Grouped results: the dequantized values, and for backward the pass mask and parameter term. */
    private record Quantized(INDArray values, INDArray inside, INDArray term) {
    }

    private Quantized symmetric(GroupView v, INDArray grouped, boolean keep) {
        DataType type = grouped.dataType();
        double top = spec.format().maxLevel();
        INDArray maxAbs = grouped.amax(1).reshape('c', grouped.rows(), 1); // max|x| per group, [groups, 1]
        INDArray scale;
        INDArray alpha = null;
        if (spec.lsq()) {
            scale = steps(v, maxAbs.div(top), type);
        } else if (spec.clip() != ClipMode.NONE) {
            alpha = clipValues(v, maxAbs, type);
            scale = Transforms.min(maxAbs, alpha, true).divi(top);
        } else {
            scale = maxAbs.divi(top);
        }
        replaceZeros(scale);
        INDArray scaled = grouped.divColumnVector(scale);
        INDArray inside = null;
        INDArray term = null;
        if (keep && spec.lsq()) {
            // Esser et al.: inside means -maxLevel < v < maxLevel, strictly. The AbsMax start puts each
            // group's largest element exactly on the boundary, where division rounding would make the
            // side (and so a jump of the gradient from ~0 to maxLevel) depend on float noise; a
            // relative margin of BOUNDARY_MARGIN puts such elements on the clipped side every time.
            inside = Transforms.abs(scaled, true).lt(top * (1 - BOUNDARY_MARGIN)).castTo(type);
        } else if (keep && alpha != null) {
            inside = Transforms.abs(grouped, true).subiColumnVector(alpha).lte(0.0).castTo(type);
        }
        INDArray unclamped = keep && spec.lsq() ? scaled.dup() : null;
        INDArray levels = spec.format().roundToGrid(Transforms.min(Transforms.max(scaled, -top, false), top, false));
        if (keep && spec.lsq()) {
            // round(v) - v inside; the clamped level, +-maxLevel, outside.
            term = levels.sub(unclamped.muli(inside));
        } else if (keep && alpha != null) {
            // sign(x) where clipped, 0 inside (PACT).
            term = Transforms.sign(grouped, true).muli(inside.rsub(1.0));
        }
        return new Quantized(levels.muliColumnVector(scale), inside, term);
    }

    private Quantized asymmetric(INDArray grouped, boolean keep) {
        DataType type = grouped.dataType();
        double top = spec.format().maxLevel();
        // The range is widened to contain 0, so that zero (and zero padding) is exact.
        INDArray low = Transforms.min(grouped.min(true, 1), 0.0, false);
        INDArray high = Transforms.max(grouped.max(true, 1), 0.0, false);
        INDArray scale = replaceZeros(high.sub(low).divi(top));
        INDArray zeroPoint = rint(low.neg().divi(scale));
        INDArray levels = rint(grouped.divColumnVector(scale)).addiColumnVector(zeroPoint);
        INDArray inside = keep ? levels.gte(0.0).castTo(type).muli(levels.lte(top).castTo(type)) : null;
        Transforms.min(Transforms.max(levels, 0.0, false), top, false);
        return new Quantized(levels.subiColumnVector(zeroPoint).muliColumnVector(scale), inside, null);
    }

    /** The LSQ steps as a column [groups, 1], created from the AbsMax scales on first use. */
    private INDArray steps(GroupView v, INDArray absMaxScale, DataType type) {
        long[] shape = {v.rows(), v.groups()};
        if (parameter == null) {
            setParameter(absMaxScale.reshape('c', shape));
        }
        requireShape(shape);
        return Transforms.max(parameter.castTo(type).reshape('c', v.count(), 1), MIN_VALUE, true);
    }

    /** The clip values spread to one per group, [groups, 1]; created from this batch's max|x| on first use. */
    private INDArray clipValues(GroupView v, INDArray maxAbs, DataType type) {
        INDArray perRow = maxAbs.reshape('c', v.rows(), v.groups());
        long[] shape = spec.clip() == ClipMode.TENSOR ? new long[] {1, 1} : new long[] {1, v.groups()};
        if (parameter == null) {
            setParameter(spec.clip() == ClipMode.TENSOR ? perRow.max(true, 0, 1) : perRow.max(true, 0));
        }
        requireShape(shape);
        INDArray floored = Transforms.max(parameter.castTo(type), MIN_VALUE, true);
        return Nd4j.zeros(type, v.rows(), v.groups()).addi(floored).reshape('c', v.count(), 1);
    }

    private void requireShape(long[] shape) {
        if (!Arrays.equals(parameter.shape(), shape)) {
            throw new IllegalArgumentException(spec + " " + role.suffix() + ": learned values have shape "
                    + Arrays.toString(parameter.shape()) + " but this tensor needs " + Arrays.toString(shape));
        }
    }

    private void accumulateParameterGradient(INDArray groupedGradOut) {
        INDArray perGroup = groupedGradOut.mul(term).sum(true, 1); // [groups, 1]
        INDArray perRow = perGroup.reshape('c', view.rows(), view.groups());
        INDArray step;
        if (spec.lsq()) {
            double gradientScale = 1.0 / Math.sqrt(view.length() * spec.format().maxLevel());
            step = perRow.muli(gradientScale);
        } else if (spec.clip() == ClipMode.TENSOR) {
            step = perRow.sum(true, 0, 1);
        } else {
            step = perRow.sum(true, 0);
        }
        gradient.addi(step.castTo(gradient.dataType()));
    }

    /** A zero scale (an all-zero group) becomes 1, so that 0 / scale stays 0 instead of NaN. */
    private static INDArray replaceZeros(INDArray scale) {
        return scale.addi(scale.eq(0.0).castTo(scale.dataType()));
    }

    private static INDArray rint(INDArray values) {
        Nd4j.getExecutioner().exec(new Rint(values, values));
        return values;
    }

    @Override
    public String toString() {
        return "FakeQuantizer(" + spec + " " + role.suffix() + ")";
    }
}
