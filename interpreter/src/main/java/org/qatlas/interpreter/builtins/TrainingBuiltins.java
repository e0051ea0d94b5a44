package org.qatlas.interpreter.builtins;

import org.qatlas.stdlib.train.Budget;
import org.qatlas.stdlib.train.Schedule;

/**
 * The built-ins that describe how a run is trained: {@code budget(...)} and the learning-rate
 * schedules {@code constant(...)}, {@code cosine(...)} and {@code wsd(...)}, and
 * {@code train(...)}, which trains a model under them. Each description takes its settings as
 * named arguments, read from the value's field table; the ones left out take the table's
 * defaults. {@code train} is a node of its own: it reports progress and lets the context
 * interrupt it between steps.
 */
final class TrainingBuiltins {
    private TrainingBuiltins() {
    }

    static void install(Builtins builtins) {
        builtins.add(Budget.TABLE, "The compute budget of a run: tokens, batch, peak lr, schedule, the QAT share of the "
                + "steps (qat_fraction, paper B), fuse_cooldown, and AdamW's settings.");
        builtins.add(Schedule.Constant.TABLE, "The peak learning rate after a linear warm-up (a fraction of the steps).");
        builtins.add(Schedule.Cosine.TABLE, "Linear warm-up, then a half cosine down to floor times the peak.");
        builtins.add(Schedule.Wsd.TABLE, "Warm-up, stable, decay: the peak until the last cooldown share of the steps, "
                + "then a linear or cosine decay to floor times the peak.");
        builtins.add("train(model, scheme, budget, data, seed = 0, checkpoint = none, every = 100, backend = none)",
                "Trains model on data within budget, full precision then QAT under scheme (budget.qat_fraction), and "
                        + "returns the run: loss (smoothed final train loss), eval_loss (held out), curve, tokens_per_second, "
                        + "mfu, config and diagnostics (per-layer input kurtosis, outlier ratio, quantization error). With "
                        + "checkpoint: \"path\" it saves its state every `every` steps and resumes an unfinished run from it. "
                        + "backend: \"cpu\", \"nd4j\" or \"cuda\" chooses what computes it (default: the context's).",
                TrainBuiltinFactory.getInstance());
    }
}
