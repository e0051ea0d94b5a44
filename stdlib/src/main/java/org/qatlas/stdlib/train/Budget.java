package org.qatlas.stdlib.train;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.qatlas.stdlib.text.NumberText;
import org.qatlas.stdlib.value.FieldTable;
import org.qatlas.stdlib.value.Fields;
import org.qatlas.stdlib.value.FieldTable.Field;
import org.qatlas.stdlib.value.FieldTable.Type;
import org.qatlas.stdlib.value.TableValue;

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
        long evalTokens) implements TableValue<Budget> {

    private static final Field<Budget, Long> TOKENS = Field.of("tokens", Type.WHOLE, 1_000_000L, Budget::tokens)
            .check(t -> t >= 1, "must be positive");
    private static final Field<Budget, Integer> BATCH = Field.of("batch", Type.POSITIVE_INT, 16, Budget::batch)
            .check(b -> b >= 1, "must be positive"); // scripts' values are read as positive; Java callers' are checked here
    private static final Field<Budget, Double> LR = Field.of("lr", Type.NUMBER, 2e-3, Budget::lr)
            .check(lr -> lr > 0 && !Double.isInfinite(lr), "must be a positive number");
    private static final Field<Budget, Schedule> SCHEDULE = Field.of("schedule", (owner, name, value) -> {
        if (value instanceof Schedule schedule) {
            return schedule;
        }
        throw new IllegalArgumentException(owner + ": schedule must be a schedule such as cosine() or wsd(), not "
                + Fields.show(value));
    }, new Schedule.Cosine(0.05, 0.1), Budget::schedule);
    private static final Field<Budget, Double> QAT_FRACTION = Field.of("qat_fraction", Type.NUMBER, 1.0, Budget::qatFraction)
            .check(f -> f >= 0 && f <= 1, "must be between 0 and 1");
    private static final Field<Budget, Boolean> FUSE_COOLDOWN = Field.of("fuse_cooldown", Type.BOOLEAN, false,
            Budget::fuseCooldown);
    private static final Field<Budget, Boolean> RESET_OPTIMIZER = Field.of("reset_optimizer", Type.BOOLEAN, false,
            Budget::resetOptimizer);
    private static final Field<Budget, Double> BETA1 = beta("beta1", 0.9, Budget::beta1);
    private static final Field<Budget, Double> BETA2 = beta("beta2", 0.95, Budget::beta2);
    private static final Field<Budget, Double> EPS = Field.of("eps", Type.NUMBER, 1e-8, Budget::epsilon)
            .check(e -> e > 0 && !Double.isInfinite(e), "must be a positive number");
    private static final Field<Budget, Double> WEIGHT_DECAY = Field.of("weight_decay", Type.NUMBER, 0.1, Budget::weightDecay)
            .check(w -> w >= 0 && !Double.isInfinite(w), "must be a number not below 0");
    private static final Field<Budget, Double> GRAD_CLIP = Field.of("grad_clip", Type.NUMBER, 1.0, Budget::gradClip)
            .check(c -> c >= 0, "must be a number not below 0 (0: no clipping)");
    // The evaluation reads at least one window whatever this says, so 0 would not mean "no
    // evaluation" but one window.
    private static final Field<Budget, Long> EVAL_TOKENS = Field.of("eval_tokens", Type.WHOLE, 65_536L, Budget::evalTokens)
            .check(t -> t >= 1, "must be positive");

    /**
     * The settings of {@code budget(...)} with their defaults: paper A's optimizer (AdamW 0.9/0.95,
     * weight decay 0.1, clipping at 1.0) and a cosine schedule with 5% warm-up; 1M tokens in
     * batches of 16.
     */
    public static final FieldTable<Budget> TABLE = new FieldTable<>("budget", List.of(TOKENS, BATCH, LR, SCHEDULE,
            QAT_FRACTION, FUSE_COOLDOWN, RESET_OPTIMIZER, BETA1, BETA2, EPS, WEIGHT_DECAY, GRAD_CLIP, EVAL_TOKENS),
            v -> new Budget(v.get(TOKENS), v.get(BATCH), v.get(LR), v.get(SCHEDULE), v.get(QAT_FRACTION), v.get(FUSE_COOLDOWN),
                    v.get(RESET_OPTIMIZER), v.get(BETA1), v.get(BETA2), v.get(EPS), v.get(WEIGHT_DECAY), v.get(GRAD_CLIP),
                    v.get(EVAL_TOKENS)));

    /** The budget with every setting at its default. */
    public static final Budget DEFAULT = TABLE.make(Map.of());

    /** Checks every setting, and what the optimizer refuses. */
    public Budget(long tokens, int batch, double lr, Schedule schedule, double qatFraction, boolean fuseCooldown,
            boolean resetOptimizer, double beta1, double beta2, double epsilon, double weightDecay, double gradClip,
            long evalTokens) {
        this.tokens = tokens;
        this.batch = batch;
        this.lr = lr;
        this.schedule = schedule;
        this.qatFraction = qatFraction;
        this.fuseCooldown = fuseCooldown;
        this.resetOptimizer = resetOptimizer;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.gradClip = gradClip;
        this.evalTokens = evalTokens;
        TABLE.check(this);
        if (lr * weightDecay >= 1) {
            // Each step multiplies a weight matrix by 1 - lr * weight_decay: at 1 or more it wipes
            // out or flips the weights instead of shrinking them.
            throw new IllegalArgumentException("budget: lr * weight_decay must be below 1 (each step scales the weights by "
                    + "1 - lr * weight_decay), not " + NumberText.format(lr) + " * " + NumberText.format(weightDecay));
        }
        AdamW.check(beta1, beta2, epsilon, weightDecay); // what the optimizer itself refuses
    }

    private static Field<Budget, Double> beta(String name, double fallback, Function<Budget, Double> getter) {
        return Field.of(name, Type.NUMBER, fallback, getter).check(b -> b >= 0 && b < 1, "must be at least 0 and below 1");
    }

    @Override
    public FieldTable<Budget> table() {
        return TABLE;
    }

    /** This budget with other tokens, batch and peak learning rate. */
    public Budget with(long newTokens, int newBatch, double newLr) {
        return new Budget(newTokens, newBatch, newLr, schedule, qatFraction, fuseCooldown, resetOptimizer, beta1, beta2, epsilon,
                weightDecay, gradClip, evalTokens);
    }

    /** This budget with another share of QAT steps. */
    public Budget withQatFraction(double fraction) {
        return new Budget(tokens, batch, lr, schedule, fraction, fuseCooldown, resetOptimizer, beta1, beta2, epsilon,
                weightDecay, gradClip, evalTokens);
    }

    /** This budget with another number of held-out tokens for the final evaluation. */
    public Budget withEvalTokens(long newEvalTokens) {
        return new Budget(tokens, batch, lr, schedule, qatFraction, fuseCooldown, resetOptimizer, beta1, beta2, epsilon,
                weightDecay, gradClip, newEvalTokens);
    }

    /** The steps of a run at this budget for windows of {@code seq} tokens (at least one). */
    public long steps(int seq) {
        return Math.max(1, tokens / ((long) batch * seq));
    }

    /** The FP and QAT phases of a run whose scheme quantizes; an FP-only run is one FP phase. */
    public PhasePlan plan(int seq, boolean quantized) {
        return PhasePlan.of(steps(seq), quantized ? qatFraction : 0, schedule, fuseCooldown);
    }
}
