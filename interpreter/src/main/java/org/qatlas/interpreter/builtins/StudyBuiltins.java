package org.qatlas.interpreter.builtins;

import java.util.Map;
import org.qatlas.interpreter.QatContext;
import org.qatlas.stdlib.study.EngineChoice;
import org.qatlas.stdlib.study.StudyPlan;

/**
 * The built-ins of studies: {@code grid(...)} crosses axes into run configurations (records of
 * model, scheme, budget or its settings, data, seed), {@code train_all} trains them (a node of
 * its own, {@link TrainAllBuiltin}), {@code runs(...)} reads the run store back, and
 * {@code spark(...)} names an engine on Apache Spark. {@code zip(...)} with named axes pairs
 * axes; it lives with the other {@code zip}.
 */
final class StudyBuiltins {
    private StudyBuiltins() {
    }

    @SuppressWarnings("unchecked")
    static void install(Builtins builtins) {
        builtins.add("grid(**axes)",
                "The run configurations of a study: one record per combination of the axes, the first outermost. An axis "
                        + "is a list of values of model, scheme, budget, data, seed or a budget setting (tokens, lr, ...); "
                        + "a single value is the same in every run: grid(model: sizes, scheme: [quant(), w4a4], seed: [1, 2]).",
                call -> StudyPlan.grid((Map<String, Object>) call.get("axes")));
        builtins.add("train_all(configs, model = none, scheme = none, budget = none, data = none, seed = none, engine = none, "
                        + "workers = none, fresh = false, strict = false, checkpoint_minutes = 5, backend = none)",
                "Trains every distinct configuration of a study once and returns its runs in the same order; model, scheme, "
                        + "budget, data and seed given here are the defaults of every configuration. Runs the store has are "
                        + "answered from it (fresh: true trains them again); runs train side by side on this machine's "
                        + "cores (workers: N at once) or on engine: spark(...). A run that fails is returned as a record "
                        + "{ status: \"failed\", step, reason } and the study goes on (strict: true stops it). Runs in "
                        + "flight keep a checkpoint beside the store every checkpoint_minutes and resume from it. backend: "
                        + "\"cpu\", \"nd4j\" or \"cuda\" chooses what computes them (default: the context's).",
                TrainAllBuiltinFactory.getInstance());
        builtins.add("runs(**filter)",
                "The finished runs of the run store, oldest first, that match every named filter: a column such as "
                        + "layers, hidden, nonembed_params, weight_bits, act_bits, weight_group, tokens, lr, qat_fraction, "
                        + "seed, or model, scheme, budget, data given as values; a list matches any of its values; "
                        + "status: \"failed\" lists failed runs. Ready for save, fit and plot (qat runs lists them in a shell).",
                call -> {
                    QatContext context = QatContext.get(null);
                    return context.runStore().list((Map<String, Object>) call.get("filter"), context::warn);
                });
        builtins.add(EngineChoice.SPARK,
                "An Apache Spark engine for train_all: spark(\"local[2]\") trains on two cores of this machine, "
                        + "spark(\"spark://host:7077\") on a cluster's executors; conf: Spark settings by name. Nothing is "
                        + "loaded until a study runs on it.");
    }
}
