package org.qatlas.stdlib.model;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.qatlas.stdlib.backend.Backend;

/**
 * A bias-free linear layer {@code y = T_in(x) . T_w(W)} with W laid out [in, out]: row i holds
 * the weights from input feature i, column j those into output feature j. Inputs are
 * [rows, in] with rows = batch * time.
 *
 * <p>The weight may be stored in several parts concatenated along the output dimension, so
 * that two projections of the same input run as one GEMM and share one input hook: the
 * MLP's "fc1" is [gate | up]. The weight hook then sees the concatenation [in, sum of outs].
 *
 * <p>{@link TensorTransform} hooks on the input and the weight are where fake quantization
 * plugs in; both default to the identity.
 */
public final class Linear {
    private final String name;
    private final INDArray[] weights;
    private final INDArray[] gradients;
    private final long in;
    private final long out;
    private final Backend backend;
    private TensorTransform inputTransform = TensorTransform.IDENTITY;
    private TensorTransform weightTransform = TensorTransform.IDENTITY;
    private INDArray lastInput;
    private INDArray keptInput; // this layer's own buffer for lastInput outside a workspace, reused
    private INDArray usedInput;
    private INDArray usedWeight;

    /** One weight [in, out] and its gradient accumulator of the same shape. */
    public Linear(String name, INDArray weight, INDArray gradient, Backend backend) {
        this(name, new INDArray[] {weight}, new INDArray[] {gradient}, backend);
    }

    /** Weight parts [in, out_k], joined along the output dimension in the order given. */
    public Linear(String name, INDArray[] weights, INDArray[] gradients, Backend backend) {
        this.name = Objects.requireNonNull(name);
        this.backend = Objects.requireNonNull(backend);
        if (weights.length == 0 || weights.length != gradients.length) {
            throw new IllegalArgumentException(name + ": need one gradient per weight part");
        }
        long rows = weights[0].size(0);
        long cols = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i].rank() != 2 || weights[i].size(0) != rows) {
                throw new IllegalArgumentException(name + ": weight parts must be [in, out] with the same in");
            }
            if (!weights[i].equalShapes(gradients[i])) {
                throw new IllegalArgumentException(name + ": gradient shape differs from weight shape");
            }
            cols += weights[i].size(1);
        }
        this.weights = weights.clone();
        this.gradients = gradients.clone();
        this.in = rows;
        this.out = cols;
    }

    /** The weight as one [in, out] matrix (joined into a new array when stored in parts). */
    public INDArray weight() {
        return weights.length == 1 ? weights[0] : Nd4j.hstack(weights);
    }

    /** The name quantization overrides match, e.g. "layers.0.fc2". */
    public String name() {
        return name;
    }

    public long inFeatures() {
        return in;
    }

    public long outFeatures() {
        return out;
    }

    public void setInputTransform(TensorTransform transform) {
        inputTransform = Objects.requireNonNull(transform);
    }

    public void setWeightTransform(TensorTransform transform) {
        weightTransform = Objects.requireNonNull(transform);
    }

    public TensorTransform inputTransform() {
        return inputTransform;
    }

    public TensorTransform weightTransform() {
        return weightTransform;
    }

    /** Training forward: caches the transformed input and weight for {@link #backward}. */
    public INDArray forward(INDArray x) {
        checkInput(x);
        return forwardTransformed(x, inputTransform.forward(x));
    }

    /**
     * Training forward on {@code used}, what this layer's input hook makes of x, computed once
     * for several layers that read x through hooks of the same function
     * ({@link TensorTransform#sameFunctionAs}). Pair it with {@link #backwardTransformed}.
     */
    INDArray forwardTransformed(INDArray x, INDArray used) {
        checkInput(x);
        lastInput = x;
        usedInput = used;
        usedWeight = weightTransform.forward(joinedWeight());
        return backend.matmul(usedInput, false, usedWeight, false);
    }

    /** Evaluation forward: the same output, nothing kept for a backward pass. */
    public INDArray infer(INDArray x) {
        checkInput(x);
        return inferTransformed(x, inputTransform.forward(x));
    }

    /** {@link #infer} on the input hook's output computed elsewhere, as {@link #forwardTransformed}. */
    INDArray inferTransformed(INDArray x, INDArray used) {
        checkInput(x);
        lastInput = x;
        return backend.matmul(used, false, weightTransform.forward(joinedWeight()), false);
    }

    /**
     * Given dL/dy [rows, out], adds dL/dW into the gradient accumulators and returns dL/dx
     * [rows, in]. Both hooks' backward maps are applied (straight-through where they say so).
     */
    public INDArray backward(INDArray gradOut) {
        return inputTransform.backward(backwardTransformed(gradOut));
    }

    /**
     * {@link #backward} up to the input hook: adds dL/dW and returns the gradient with respect
     * to the transformed input (a new array), for the caller to pass back through the hook.
     */
    INDArray backwardTransformed(INDArray gradOut) {
        if (usedInput == null) {
            throw new IllegalStateException(name + ": backward without a training forward");
        }
        boolean plainWeight = weightTransform == TensorTransform.IDENTITY && weights.length == 1;
        if (plainWeight) {
            // dW += x^T dy, accumulated by the GEMM itself where the backend can: no temporary.
            backend.matmulAdd(usedInput, true, gradOut, false, gradients[0]);
        } else {
            INDArray gradWeight = weightTransform.backward(backend.matmul(usedInput, true, gradOut, false));
            long start = 0;
            for (int i = 0; i < weights.length; i++) {
                long width = weights[i].size(1);
                backend.addInPlace(gradients[i], weights.length == 1 ? gradWeight
                        : gradWeight.get(NDArrayIndex.all(), NDArrayIndex.interval(start, start + width)));
                start += width;
            }
        }
        INDArray gradInput = backend.matmul(gradOut, false, usedWeight, true);
        usedInput = null;
        usedWeight = null;
        return gradInput;
    }

    /**
     * The raw input (before the input hook) of the last forward or infer, for diagnostics such
     * as the kurtosis of the FC2 input; null before the first.
     */
    public INDArray lastInput() {
        return lastInput;
    }

    /**
     * If the last input lives in a workspace, copies it into memory that outlives the
     * workspace (this layer's buffer, reused while the shape stays), so that
     * {@link #lastInput()} stays valid after the pass. {@code kept} maps inputs already copied
     * by other layers reading the same array to their copies, which are then shared.
     */
    void keepLastInput(java.util.Map<INDArray, INDArray> kept) {
        if (lastInput == null || !lastInput.isAttached()) {
            return;
        }
        INDArray copy = kept.get(lastInput);
        if (copy == null) {
            if (keptInput == null || !keptInput.equalShapes(lastInput) || keptInput.dataType() != lastInput.dataType()) {
                try (org.nd4j.linalg.api.memory.MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    keptInput = lastInput.dup('c');
                }
            } else {
                keptInput.assign(lastInput);
            }
            copy = keptInput;
            kept.put(lastInput, copy);
        }
        lastInput = copy;
    }

    /** Drops the raw input kept for diagnostics. */
    public void forgetLastInput() {
        lastInput = null;
    }

    private INDArray joinedWeight() {
        return weights.length == 1 ? weights[0] : Nd4j.hstack(weights);
    }

    private void checkInput(INDArray x) {
        if (x.rank() != 2 || x.size(1) != in) {
            throw new IllegalArgumentException(name + ": input must be [rows, " + in + "], not "
                    + java.util.Arrays.toString(x.shape()));
        }
    }
}
