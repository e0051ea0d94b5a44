package org.qatlas.stdlib.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * AdamW (Loshchilov and Hutter 2019): Adam with weight decay applied to the weights directly
 * rather than through the gradient. Decay applies to matrices only; norm weights (vectors)
 * are not decayed, as is usual for transformers. All updates are in-place ND4J operations.
 */
public final class AdamW {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final Map<String, INDArray> firstMoment = new LinkedHashMap<>();
    private final Map<String, INDArray> secondMoment = new LinkedHashMap<>();
    private final Map<String, INDArray> scratches = new LinkedHashMap<>();
    private long step;

    public AdamW(double beta1, double beta2, double epsilon, double weightDecay) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), not " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("epsilon must be positive and weight decay not negative");
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    /** Updates every parameter in place from its gradient, at learning rate {@code lr}. */
    public void update(Map<String, INDArray> parameters, Map<String, INDArray> gradients, double lr) {
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
            INDArray m = firstMoment.computeIfAbsent(name, n -> parameter.ulike());
            INDArray v = secondMoment.computeIfAbsent(name, n -> parameter.ulike());
            // Every operation is in place, on a scratch array kept per parameter: temporaries
            // would be native memory that ND4J frees only when the garbage collector runs.
            INDArray scratch = scratches.computeIfAbsent(name, n -> parameter.ulike());
            m.muli(beta1).addi(scratch.assign(gradient).muli(1 - beta1));
            v.muli(beta2).addi(scratch.assign(gradient).muli(gradient).muli(1 - beta2));
            if (weightDecay > 0 && parameter.rank() >= 2) {
                parameter.muli(1 - lr * weightDecay);
            }
            Transforms.sqrt(scratch.assign(v).divi(correction2), false).addi(epsilon);
            parameter.subi(scratch.rdivi(m).muli(lr / correction1));
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
            firstMoment.put(name, moments[0].dup());
            secondMoment.put(name, moments[1].dup());
        });
        step = savedStep;
    }
}
