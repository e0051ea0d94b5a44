package org.qatlas.stdlib.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.text.NumberText;
import org.qatlas.stdlib.value.FieldMap;
import org.qatlas.stdlib.value.Fields;

/**
 * The compute budget of one run: how many tokens, in what batches, at what learning rate and
 * schedule, how the tokens split between full precision and QAT (paper B's question), and the
 * optimizer's settings. Scripts write it as {@code budget(tokens: 2M, batch: 16, lr: 2e-3)}
 * and change it with {@code b with { qat_fraction: 0.3 }}.
 *
 * @param qatFraction the share of the steps trained with the quantization scheme, at the end
 *     of the run; 1 (the default) is QAT from the start, as in paper A
 * @param fuseCooldown paper B's fused pipeline: FP at the peak rate, the decay during QAT
 * @param resetOptimizer start QAT with fresh AdamW moments instead of keeping them
 * @param gradClip the largest global gradient norm, 0 for no clipping
 * @param evalTokens how many held-out tokens the final evaluation reads (at least one window)
 */
public record Budget(long tokens, int batch, double lr, Schedule schedule, double qatFraction, boolean fuseCooldown,
        boolean resetOptimizer, double beta1, double beta2, double epsilon, double weightDecay, double gradClip,
        long evalTokens) implements FieldMap {

    /** The field names scripts use, in the order they are shown. */
    public static final List<String> FIELDS = List.of("tokens", "batch", "lr", "schedule", "qat_fraction", "fuse_cooldown",
            "reset_optimizer", "beta1", "beta2", "eps", "weight_decay", "grad_clip", "eval_tokens");

    public Budget {
        if (tokens < 1) {
            throw new IllegalArgumentException("budget: tokens must be positive, not " + tokens);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("budget: batch must be positive, not " + batch);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("budget: lr must be a positive number, not " + show(lr));
        }
        if (!(qatFraction >= 0 && qatFraction <= 1)) {
            throw new IllegalArgumentException("budget: qat_fraction must be between 0 and 1, not " + show(qatFraction));
        }
        checkBeta("beta1", beta1);
        checkBeta("beta2", beta2);
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("budget: eps must be a positive number, not " + show(epsilon));
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("budget: weight_decay must be a number not below 0, not " + show(weightDecay));
        }
        if (lr * weightDecay >= 1) {
            // Each step multiplies a weight matrix by 1 - lr * weight_decay: at 1 or more it wipes
            // out or flips the weights instead of shrinking them.
            throw new IllegalArgumentException("budget: lr * weight_decay must be below 1 (each step scales the weights by "
                    + "1 - lr * weight_decay), not " + show(lr) + " * " + show(weightDecay));
        }
        if (!(gradClip >= 0)) {
            throw new IllegalArgumentException("budget: grad_clip must be a number not below 0 (0: no clipping), not " + show(gradClip));
        }
        if (evalTokens < 1) {
            // The evaluation reads at least one window whatever this says, so 0 would not mean
            // "no evaluation" but one window.
            throw new IllegalArgumentException("budget: eval_tokens must be positive, not " + evalTokens);
        }
        new AdamW(beta1, beta2, epsilon, weightDecay); // what the optimizer itself refuses
    }

    /** A number as scripts write it: 1, not 1.0; inf, not Infinity. */
    private static String show(double value) {
        return NumberText.format(value);
    }

    private static void checkBeta(String name, double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("budget: " + name + " must be at least 0 and below 1, not " + show(beta));
        }
    }

    /** A budget from named settings; any not given take the defaults. */
    public static Budget of(Map<String, Object> settings) {
        Map<String, Object> all = defaults();
        Fields.checkNames("budget", settings, all.keySet());
        settings.forEach((name, value) -> {
            if (value != null) {
                all.put(name, value);
            }
        });
        Object schedule = all.get("schedule");
        if (!(schedule instanceof Schedule)) {
            throw new IllegalArgumentException("budget: schedule must be a schedule such as cosine() or wsd(), not " + schedule);
        }
        return new Budget(Fields.wholeNumber("budget", "tokens", all.get("tokens")),
                Fields.positiveInt("budget", "batch", all.get("batch")),
                Fields.number("budget", "lr", all.get("lr")),
                (Schedule) schedule,
                Fields.number("budget", "qat_fraction", all.get("qat_fraction")),
                Fields.bool("budget", "fuse_cooldown", all.get("fuse_cooldown")),
                Fields.bool("budget", "reset_optimizer", all.get("reset_optimizer")),
                Fields.number("budget", "beta1", all.get("beta1")),
                Fields.number("budget", "beta2", all.get("beta2")),
                Fields.number("budget", "eps", all.get("eps")),
                Fields.number("budget", "weight_decay", all.get("weight_decay")),
                Fields.number("budget", "grad_clip", all.get("grad_clip")),
                Fields.wholeNumber("budget", "eval_tokens", all.get("eval_tokens")));
    }

    /**
     * The defaults: paper A's optimizer (AdamW 0.9/0.95, weight decay 0.1, clipping at 1.0)
     * and a cosine schedule with 5% warm-up; 1M tokens in batches of 16.
     */
    public static Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("tokens", 1_000_000L);
        defaults.put("batch", 16L);
        defaults.put("lr", 2e-3);
        defaults.put("schedule", new Schedule.Cosine(0.05, 0.1));
        defaults.put("qat_fraction", 1.0);
        defaults.put("fuse_cooldown", false);
        defaults.put("reset_optimizer", false);
        defaults.put("beta1", 0.9);
        defaults.put("beta2", 0.95);
        defaults.put("eps", 1e-8);
        defaults.put("weight_decay", 0.1);
        defaults.put("grad_clip", 1.0);
        defaults.put("eval_tokens", 65_536L);
        return defaults;
    }

    /** The steps of a run at this budget for windows of {@code seq} tokens (at least one). */
    public long steps(int seq) {
        return Math.max(1, tokens / ((long) batch * seq));
    }

    /** The FP and QAT phases of a run whose scheme quantizes; an FP-only run is one FP phase. */
    public PhasePlan plan(int seq, boolean quantized) {
        return PhasePlan.of(steps(seq), quantized ? qatFraction : 0, schedule, fuseCooldown);
    }

    @Override
    public String kind() {
        return "budget";
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tokens", tokens);
        fields.put("batch", (long) batch);
        fields.put("lr", lr);
        fields.put("schedule", schedule);
        fields.put("qat_fraction", qatFraction);
        fields.put("fuse_cooldown", fuseCooldown);
        fields.put("reset_optimizer", resetOptimizer);
        fields.put("beta1", beta1);
        fields.put("beta2", beta2);
        fields.put("eps", epsilon);
        fields.put("weight_decay", weightDecay);
        fields.put("grad_clip", gradClip);
        fields.put("eval_tokens", evalTokens);
        return fields;
    }

    @Override
    public Budget with(Map<String, Object> changes) {
        Fields.checkNames("budget", changes, FIELDS);
        Map<String, Object> merged = fields();
        merged.putAll(changes);
        return of(merged);
    }
}
