package org.qatlas.stdlib.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.backend.Backend;
import org.qatlas.stdlib.backend.Backends;

/**
 * AdamW (Loshchilov and Hutter 2019): Adam with weight decay applied to the weights directly
 * rather than through the gradient. Decay applies to matrices only; norm weights (vectors)
 * are not decayed, as is usual for transformers. Each parameter is updated in place by its
 * backend's step ({@link Backend#adamW}), one fused pass on the cpu backend.
 */
public final class AdamW {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final Backend backend;
    private final Map<String, INDArray> firstMoment = new LinkedHashMap<>();
    private final Map<String, INDArray> secondMoment = new LinkedHashMap<>();
    private long step;

    /** On the standard backend ({@link Backends#standard()}). */
    public AdamW(double beta1, double beta2, double epsilon, double weightDecay) {
        this(beta1, beta2, epsilon, weightDecay, Backends.standard());
    }

    /** Updating parameters that live on {@code backend}. */
    public AdamW(double beta1, double beta2, double epsilon, double weightDecay, Backend backend) {
        check(beta1, beta2, epsilon, weightDecay);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.backend = backend;
    }

    /** Refuses settings the optimizer cannot run with (what a budget checks without making an optimizer). */
    public static void check(double beta1, double beta2, double epsilon, double weightDecay) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), not " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("epsilon must be positive and weight decay not negative");
        }
    }

    /** Updates every parameter in place from its gradient, at learning rate {@code lr}. */
    public void update(Map<String, INDArray> parameters, Map<String, INDArray> gradients, double lr) {
        update(parameters, gradients, lr, 1.0);
    }

    /**
     * The same update from the gradients multiplied by {@code gradientScale}, which the update's
     * own pass applies: clipping by global norm needs no pass over the gradients of its own
     * (see {@link GradientClipping#scale}). The gradient arrays are left as they are.
     */
    public void update(Map<String, INDArray> parameters, Map<String, INDArray> gradients, double lr, double gradientScale) {
        step++;
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        for (Map.Entry<String, INDArray> entry : parameters.entrySet()) {
            String name = entry.getKey();
            INDArray parameter = entry.getValue();
            INDArray gradient = gradients.get(name);
            if (gradient == null) {
                continue; // a frozen parameter
            }
            INDArray m = firstMoment.computeIfAbsent(name, n -> zerosLike(parameter));
            INDArray v = secondMoment.computeIfAbsent(name, n -> zerosLike(parameter));
            double decay = weightDecay > 0 && parameter.rank() >= 2 ? 1 - lr * weightDecay : 1.0;
            backend.adamW(parameter, gradient, m, v, new Backend.AdamWStep(beta1, beta2, epsilon, decay, lr / correction1,
                    1 / correction2, gradientScale));
        }
    }

    /** Moments live across steps: never in a step's workspace. */
    private static INDArray zerosLike(INDArray parameter) {
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.zeros(parameter.dataType(), parameter.shape());
        }
    }

    /** Forgets the moments, as when QAT starts with a fresh optimizer. */
    public void reset() {
        firstMoment.clear();
        secondMoment.clear();
        step = 0;
    }

    public long step() {
        return step;
    }

    /** The moment estimates, for checkpoints: name -> {m, v}. */
    public Map<String, INDArray[]> state() {
        Map<String, INDArray[]> state = new LinkedHashMap<>();
        firstMoment.forEach((name, m) -> state.put(name, new INDArray[] {m, secondMoment.get(name)}));
        return state;
    }

    /** Restores moments and step count saved by {@link #state()}. */
    public void restore(Map<String, INDArray[]> state, long savedStep) {
        reset();
        state.forEach((name, moments) -> {
            firstMoment.put(name, moments[0].dup('c'));
            secondMoment.put(name, moments[1].dup('c'));
        });
        step = savedStep;
    }
}
