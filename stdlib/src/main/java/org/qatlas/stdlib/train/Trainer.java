package org.qatlas.stdlib.train;

import java.time.Instant;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.qatlas.stdlib.data.TokenData;
import org.qatlas.stdlib.io.FileAccessRefused;
import org.qatlas.stdlib.model.Linear;
import org.qatlas.stdlib.model.LlamaConfig;
import org.qatlas.stdlib.model.LlamaModel;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.backend.Backend;
import org.qatlas.stdlib.backend.Backends;
import org.qatlas.stdlib.backend.cpu.Parallel;
import org.qatlas.stdlib.model.TensorTransform;
import org.qatlas.stdlib.backend.cpu.ThreadBudget;
import org.qatlas.stdlib.quant.FakeQuantizer;
import org.qatlas.stdlib.quant.QuantSpec;
import org.qatlas.stdlib.quant.QuantStats;
import org.qatlas.stdlib.quant.Role;
import org.qatlas.stdlib.quant.Scheme;
import org.qatlas.stdlib.quant.SchemeValue;
import org.qatlas.stdlib.text.NumberText;

/**
 * Trains a model under a quantization scheme and a budget on token data, as {@code train(...)}
 * does: an FP phase, then a QAT phase with fake quantizers on the linear layers' weights and
 * inputs (straight-through gradients), AdamW with global-norm clipping, and the learning-rate
 * plan of the budget. Runs are deterministic by seed, and a configuration trained before is
 * answered from the run store. Each run records its provenance (where, when, by what code) where
 * it trains.
 */
public final class Trainer {
    /**
     * The version of the training engine: what a stored run was trained by. Raise it with every
     * change that alters what a run of a given configuration and seed yields (its losses, curve
     * or diagnostics: the model's arithmetic, the optimizer, the data order, the quantizers, the
     * evaluation), so that a store answers a configuration only with runs this engine would
     * reproduce; runs of other versions stay in the store and can still be listed. Changes of
     * speed alone keep it. Version 1 also trained the runs of the JSON run folders.
     */
    public static final long ENGINE_VERSION = 1;
    /** Loss above this (nats) means the run has diverged; ln(256) is 5.5 for byte tokens. */
    private static final double EXPLODED = 50;

    private Trainer() {
    }

    /** Trains without a checkpoint or a store. */
    public static RunRecord train(ModelValue modelValue, SchemeValue scheme, Budget budget, TokenData data, long seed,
            Monitor monitor) {
        return train(new RunSpec(modelValue, scheme, budget, data, seed), CheckpointPlan.NONE, monitor);
    }

    /**
     * Trains {@code spec}, asking no store: what a study's engine calls, since the study keeps
     * the runs. With a checkpoint plan the state is saved as it says, and a checkpoint of the
     * same configuration found there is resumed.
     */
    public static RunRecord train(RunSpec spec, CheckpointPlan checkpoint, Monitor monitor) {
        check(spec);
        return trainChecked(spec, checkpoint, monitor);
    }

    /**
     * Trains, or answers from {@code store} when the same configuration was trained before;
     * the run is claimed in the store while it trains (see {@link StoredTraining}). With a
     * checkpoint plan the state is saved as it says, and a checkpoint of the same configuration
     * found there is resumed: the run continues to the same losses as an uninterrupted one. A
     * checkpoint or store that cannot be written does not lose the run: the monitor is warned,
     * and the finished run is returned all the same.
     */
    public static RunRecord train(RunSpec spec, CheckpointPlan checkpoint, Monitor monitor, RunStore store) {
        check(spec);
        return StoredTraining.train(spec, store, monitor, claimed -> trainChecked(claimed, checkpoint, monitor));
    }

    /** {@link #train(RunSpec, CheckpointPlan, Monitor, RunStore)} on the standard backend. */
    public static RunRecord train(ModelValue modelValue, SchemeValue scheme, Budget budget, TokenData data, long seed,
            CheckpointPlan checkpoint, Monitor monitor, RunStore store) {
        return train(new RunSpec(modelValue, scheme, budget, data, seed), checkpoint, monitor, store);
    }

    /** Refuses a run that cannot train: data beyond the model's vocabulary, limits of arrays and steps. */
    private static void check(RunSpec spec) {
        LlamaConfig config = spec.model().config();
        if (spec.data().vocab() > config.vocab()) {
            throw new IllegalArgumentException("train: the data has " + spec.data().vocab() + " tokens but the model's vocab is "
                    + config.vocab());
        }
        RunLimits.check(spec.model(), spec.budget());
    }

    /** Trains a checked spec, once its memory is known to fit. */
    private static RunRecord trainChecked(RunSpec spec, CheckpointPlan checkpoint, Monitor monitor) {
        LlamaConfig config = spec.model().config();
        Budget budget = spec.budget();
        MemoryCheck.current().check(MemoryEstimate.of(config, budget.batch(), budget.steps(config.seq()), spec.scheme().scheme(),
                spec.scheme().quantizes() && budget.qatFraction() > 0, spec.backend()),
                spec.model().written() + " with batch " + budget.batch());
        Backend backend;
        try {
            backend = Backends.named(spec.backend());
        } catch (IllegalArgumentException cannotRun) {
            throw new IllegalArgumentException("train: " + cannotRun.getMessage(), cannotRun);
        }
        return new Run(config, spec.scheme(), budget, spec.data(), spec.seed(), monitor, spec.runId(), spec.config(), checkpoint,
                spec.backend(), backend).run();
    }

    /** One run's state: the model, the optimizer, the data stream and the bookkeeping. */
    private static final class Run {
        private final LlamaConfig config;
        private final SchemeValue scheme;
        private final Budget budget;
        private final TokenData data;
        private final long seed;
        private final Monitor monitor;
        private final String runId;
        private final Map<String, Object> described;
        private final String backendName;
        private final Backend backend;
        private final LlamaModel model;
        private final Map<String, FakeQuantizer> quantizers = new LinkedHashMap<>();
        private final CheckpointPlan checkpoint;
        /** Cleared when a checkpoint cannot be written: the run goes on without them. */
        private boolean checkpointing;
        /** Training time before this process resumed the run, from its checkpoint. */
        private double secondsBefore;

        Run(LlamaConfig config, SchemeValue scheme, Budget budget, TokenData data, long seed, Monitor monitor, String runId,
                Map<String, Object> described, CheckpointPlan checkpoint, String backendName, Backend backend) {
            this.config = config;
            this.scheme = scheme;
            this.budget = budget;
            this.data = data;
            this.seed = seed;
            this.monitor = monitor;
            this.runId = runId;
            this.described = described;
            this.backendName = backendName;
            this.backend = backend;
            this.model = new LlamaModel(config, backend, seed);
            this.checkpoint = checkpoint;
            this.checkpointing = checkpoint.enabled();
        }

        RunRecord run() {
            Instant started = Instant.now();
            // A small model's steps run on one thread; see ThreadBudget.
            try (ThreadBudget threads = ThreadBudget.forStep(config.flopsPerToken() * budget.batch() * config.seq())) {
                int used = Math.max(Parallel.threads(), ThreadBudget.blasThreads());
                return train(started, used);
            }
        }

        private RunRecord train(Instant started, int threads) {
            int seq = config.seq();
            PhasePlan plan = budget.plan(seq, scheme.quantizes());
            AdamW optimizer = new AdamW(budget.beta1(), budget.beta2(), budget.epsilon(), budget.weightDecay(), backend);
            int[][] windows = new int[budget.batch()][seq + 1];
            double[] losses = new double[(int) plan.steps()];
            long first = resume(plan, optimizer, losses);
            monitor.started(first, plan.steps());
            CheckpointPlan.Timer checkpoints = checkpoint.start();
            long start = System.nanoTime();
            long tokensPerStep = (long) budget.batch() * seq;
            try {
                for (long step = first; step < plan.steps(); step++) {
                    if (step == plan.fpSteps() && plan.qatSteps() > 0) {
                        startQat(optimizer);
                    }
                    // One random stream per step: the step number alone says where the data is.
                    data.sample(new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step), false, windows);
                    quantizers.values().forEach(FakeQuantizer::zeroGradient); // the model zeroes its own
                    double loss = model.lossAndGradients(windows);
                    checkLoss(loss, step, plan);
                    losses[(int) step] = loss;
                    Map<String, INDArray> gradients = allGradients();
                    double clipping = GradientClipping.scale(GradientClipping.globalNorm(gradients, backend), budget.gradClip());
                    optimizer.update(allParameters(), gradients, budget.lr() * plan.lrFactor(step), clipping);
                    if (checkpointing && checkpoints.savesAfter(step + 1, plan.steps())) {
                        saveCheckpoint(step + 1, losses, optimizer, secondsBefore + (System.nanoTime() - start) / 1e9);
                        checkpoints.saved();
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    monitor.step(step + 1, plan.steps(), (step + 1) * tokensPerStep, loss,
                            (step + 1 - first) * tokensPerStep / Math.max(seconds, 1e-9));
                }
            } finally {
                monitor.done();
            }
            // Over every process that trained the run; a run finished before this one resumed it
            // still reports its own speed.
            double seconds = secondsBefore + (System.nanoTime() - start) / 1e9;
            double tokensPerSecond = plan.steps() * tokensPerStep / Math.max(seconds, 1e-9);
            double flops = config.flopsPerToken() * tokensPerSecond;
            return new RunRecord(runId, smoothed(losses), evaluate(), curve(losses, plan), plan.steps() * tokensPerStep,
                    plan.steps(), seconds, tokensPerSecond, flops / 1e9, flops / GemmRate.measured(), described, diagnostics(),
                    Provenance.of(started, Instant.now(), threads, backendName, backend.device()));
        }

        /** Restores a checkpoint of this run, if there is one; returns the step to continue from. */
        private long resume(PhasePlan plan, AdamW optimizer, double[] losses) {
            if (!checkpoint.enabled() || !checkpoint.files().exists(checkpoint.path())) {
                return 0;
            }
            Checkpoint saved = Checkpoint.load(checkpoint.files(), checkpoint.path(), plan.steps());
            if (!saved.runId().equals(runId)) {
                throw new IllegalArgumentException("train: " + checkpoint.path() + " holds run " + saved.runId() + ", not this run ("
                        + runId + "); give another checkpoint path or delete it");
            }
            saved.parameters().forEach((name, value) -> model.parameters().get(name).assign(value));
            if (saved.nextStep() > plan.fpSteps() && plan.qatSteps() > 0) {
                startQat(optimizer);
            }
            saved.quantizerParameters().forEach((name, value) -> quantizers.get(name).setParameter(value));
            optimizer.restore(saved.optimizerMoments(), saved.optimizerStep());
            System.arraycopy(saved.losses(), 0, losses, 0, (int) saved.nextStep());
            secondsBefore = saved.seconds(); // NaN from a version that did not record it: the speed is then unknown

            return saved.nextStep();
        }

        /** Saves the state; one that cannot be written is reported once, and the run goes on without checkpoints. */
        private void saveCheckpoint(long nextStep, double[] losses, AdamW optimizer, double seconds) {
            Map<String, INDArray> learned = new LinkedHashMap<>();
            quantizers.forEach((name, q) -> {
                if (q.parameter() != null) {
                    learned.put(name, q.parameter());
                }
            });
            try {
                new Checkpoint(runId, nextStep, seconds, losses, model.parameters(), learned, optimizer.state(), optimizer.step())
                        .save(checkpoint.files(), checkpoint.path());
            } catch (UncheckedIOException | FileAccessRefused e) {
                checkpointing = false;
                monitor.warning("train: warning: " + e.getMessage() + "; training goes on without checkpoints");
            }
        }

        /** Up to 200 evenly spaced points of the loss history, and the last step. */
        private List<Map<String, Object>> curve(double[] losses, PhasePlan plan) {
            List<Map<String, Object>> curve = new ArrayList<>();
            long every = Math.max(1, plan.steps() / 200);
            long tokensPerStep = (long) budget.batch() * config.seq();
            for (long step = 0; step < plan.steps(); step++) {
                if (step % every == 0 || step == plan.steps() - 1) {
                    curve.add(point(step, (step + 1) * tokensPerStep, losses[(int) step], budget.lr() * plan.lrFactor(step),
                            plan.phase(step)));
                }
            }
            return curve;
        }

        /** Puts fake quantizers on every linear layer the scheme quantizes. */
        private void startQat(AdamW optimizer) {
            Scheme rules = scheme.scheme();
            for (Map.Entry<String, Linear> entry : model.linears().entrySet()) {
                Linear linear = entry.getValue();
                linear.setWeightTransform(quantizer(rules, entry.getKey(), Role.WEIGHT));
                linear.setInputTransform(quantizer(rules, entry.getKey(), Role.INPUT));
            }
            if (budget.resetOptimizer()) {
                optimizer.reset();
            }
        }

        private TensorTransform quantizer(Scheme rules, String layer, Role role) {
            QuantSpec spec = rules.resolve(layer, role);
            if (spec.isNone()) {
                return TensorTransform.IDENTITY;
            }
            FakeQuantizer quantizer = new FakeQuantizer(spec, role, backend);
            quantizers.put(layer + "." + role.suffix(), quantizer);
            return quantizer;
        }

        /** The model's parameters plus the quantizers' learned scales and clip values. */
        private Map<String, INDArray> allParameters() {
            Map<String, INDArray> all = new LinkedHashMap<>(model.parameters());
            quantizers.forEach((name, q) -> {
                if (q.parameter() != null) {
                    all.put(name + ".scale", q.parameter());
                }
            });
            return all;
        }

        private Map<String, INDArray> allGradients() {
            Map<String, INDArray> all = new LinkedHashMap<>(model.gradients());
            quantizers.forEach((name, q) -> {
                if (q.gradient() != null) {
                    all.put(name + ".scale", q.gradient());
                }
            });
            return all;
        }

        private void checkLoss(double loss, long step, PhasePlan plan) {
            if (Double.isNaN(loss) || Double.isInfinite(loss)) {
                throw new TrainingStopped("train: the loss became " + NumberText.format(loss) + " at step " + (step + 1) + " of " + plan.steps()
                        + " (" + plan.phase(step) + " phase); lower lr or grad_clip", step + 1);
            }
            if (loss > EXPLODED) {
                throw new TrainingStopped(String.format("train: the loss exploded to %.3g at step %d of %d (%s phase); lower lr",
                        loss, step + 1, plan.steps(), plan.phase(step)), step + 1);
            }
        }

        private static Map<String, Object> point(long step, long tokens, double loss, double lr, PhasePlan.Phase phase) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("step", step + 1);
            point.put("tokens", tokens);
            point.put("loss", loss);
            point.put("lr", lr);
            point.put("phase", phase.name().toLowerCase());
            return point;
        }

        /** The final training loss, smoothed: the mean over the last tenth of the steps. */
        private static double smoothed(double[] losses) {
            int window = Math.max(1, losses.length / 10);
            double sum = 0;
            for (int i = losses.length - window; i < losses.length; i++) {
                sum += losses[i];
            }
            return sum / window;
        }

        /**
         * The mean loss on held-out windows, the same windows for every run with this seed;
         * NaN (none in a script) when the data holds nothing out, rather than a loss measured on
         * training text under the held-out name.
         */
        private double evaluate() {
            if (data.heldOutTokens() == 0) {
                return Double.NaN;
            }
            int seq = config.seq();
            long windowsWanted = Math.max(1, budget.evalTokens() / seq);
            SplittableRandom held = new SplittableRandom(seed ^ 0x5DEECE66DL);
            double total = 0;
            long done = 0;
            while (done < windowsWanted) {
                int count = (int) Math.min(budget.batch(), windowsWanted - done);
                int[][] windows = new int[count][seq + 1];
                monitor.poll();
                data.sample(held, true, windows);
                total += model.forwardLoss(windows) * count;
                done += count;
            }
            return total / done;
        }

        /**
         * Per linear-layer input: kurtosis and max/median outlier ratio (paper A finds the FC2
         * input's kurtosis far above the others'), and the quantization error (MSE) of each
         * quantized input and weight, measured on one held-out batch.
         */
        private Map<String, Object> diagnostics() {
            int[][] windows = new int[Math.min(budget.batch(), 8)][config.seq() + 1];
            data.sample(new SplittableRandom(seed ^ 0x9E3779B9L), data.heldOutTokens() > 0, windows);
            model.keepLinearInputs(true);
            model.lossAndGradients(windows); // a forward pass that keeps the layers' inputs
            model.keepLinearInputs(false);
            Map<String, Object> kurtosis = new LinkedHashMap<>();
            Map<String, Object> outliers = new LinkedHashMap<>();
            Map<String, Object> inputError = new LinkedHashMap<>();
            Map<String, Object> weightError = new LinkedHashMap<>();
            Scheme rules = scheme.scheme();
            model.lastLinearInputs().forEach((name, input) -> {
                kurtosis.put(name, QuantStats.kurtosis(input));
                outliers.put(name, QuantStats.outlierRatio(input));
                QuantSpec spec = rules.resolve(name);
                if (!spec.isNone()) {
                    inputError.put(name, QuantStats.quantizationMse(spec, Role.INPUT, input));
                }
            });
            model.linears().forEach((name, linear) -> {
                QuantSpec spec = rules.resolve(name, Role.WEIGHT);
                if (!spec.isNone()) {
                    weightError.put(name + ".weight", QuantStats.quantizationMse(spec, Role.WEIGHT, linear.weight()));
                }
            });
            model.zeroGradients();
            Map<String, Object> diagnostics = new LinkedHashMap<>();
            diagnostics.put("kurtosis", kurtosis);
            diagnostics.put("outlier_ratio", outliers);
            diagnostics.put("input_mse", inputError);
            diagnostics.put("weight_mse", weightError);
            return diagnostics;
        }
    }
}
