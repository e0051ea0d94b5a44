package org.qatlas.stdlib.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A hook that a {@link Linear} applies to its input and to its weight before multiplying:
 * the place where fake quantization enters. {@code forward} maps a tensor to the tensor the
 * layer really uses; {@code backward} maps the gradient with respect to that output back to
 * the gradient with respect to the original tensor (a straight-through estimator returns
 * {@code gradOut} unchanged, or masked where values were clipped).
 *
 * <p>Contract:
 * <ul>
 * <li>{@code forward} must not modify {@code x}; it may return {@code x} itself.
 * <li>{@code backward} follows the most recent {@code forward} of the same instance, at most
 *     once; {@code forward} may also be called with no backward after it (evaluation).
 *     Each hook instance serves one tensor of one layer, so it may cache what its backward
 *     needs in a field.
 * <li>{@code backward} must not modify {@code gradOut}; it returns either {@code gradOut}
 *     itself or a new array, and keeps no reference to what it returns (callers may write
 *     into it).
 * <li>Shapes: inputs are [rows, in] (rows = batch * time); weights are [in, out] as
 *     {@link Linear} documents, so one output channel is one column, and groups along the
 *     input dimension run down a column.
 * <li>Learnable parameters of a hook (clipping levels, scales) are the hook's own business:
 *     the model's parameter map does not see them.
 * </ul>
 */
public interface TensorTransform {

    /** Passes tensors and gradients through untouched: full precision. */
    TensorTransform IDENTITY = new TensorTransform() {
        @Override
        public INDArray forward(INDArray x) {
            return x;
        }

        @Override
        public INDArray backward(INDArray gradOut) {
            return gradOut;
        }

        @Override
        public String toString() {
            return "identity";
        }
    };

    INDArray forward(INDArray x);

    INDArray backward(INDArray gradOut);

    /**
     * Whether {@code other} computes the same function as this hook and neither learns
     * anything, so that one forward call can serve several layers that read the same input
     * (attention's q, k and v): they share the transformed input, and the sum of their
     * gradients with respect to it passes back through this hook once, which is the chain
     * rule for one tensor used three times. By default only a hook and itself.
     */
    default boolean sameFunctionAs(TensorTransform other) {
        return this == other;
    }
}
