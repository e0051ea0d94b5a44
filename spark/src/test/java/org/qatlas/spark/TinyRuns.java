package org.qatlas.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.data.SyntheticLanguage;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.quant.FormatValue;
import org.qatlas.stdlib.quant.Granularity;
import org.qatlas.stdlib.quant.IntFormat;
import org.qatlas.stdlib.quant.SchemeValue;
import org.qatlas.stdlib.study.StudyListener;
import org.qatlas.stdlib.train.Budget;
import org.qatlas.stdlib.train.CheckpointPlan;
import org.qatlas.stdlib.train.Monitor;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.Trainer;

/** Studies small enough for tests (a run takes a fraction of a second), and a listener that keeps what it hears. */
final class TinyRuns {
    static final ModelValue TINY = new ModelValue(1, 16, 32, 2, 1, 16, 16, false);
    static final SyntheticLanguage DATA = SyntheticLanguage.generate(16, 20_000, 2, 1.0, 3, 0.05);
    static final SchemeValue FP = new SchemeValue(null, null);
    static final SchemeValue W4A4 = new SchemeValue(new FormatValue(IntFormat.symmetric(4), Granularity.group(8)),
            new FormatValue(IntFormat.symmetric(4), Granularity.group(8)));

    private TinyRuns() {
    }

    /** {@code steps} steps of batch 8 at a learning rate that learns. */
    static Budget budget(int steps) {
        return Budget.DEFAULT.with(steps * 8L * 16, 8, 1e-2).withEvalTokens(256);
    }

    static RunSpec spec(SchemeValue scheme, int steps, long seed) {
        return new RunSpec(TINY, scheme, budget(steps), DATA, seed);
    }

    /** A run whose loss explodes within its first steps (no clipping, no weight decay, a huge rate). */
    static RunSpec diverging(long seed) {
        Budget wild = budget(30).with(Map.of("lr", 1e6, "grad_clip", 0.0, "weight_decay", 0.0));
        return new RunSpec(TINY, FP, wild, DATA, seed);
    }

    /** {@code count} runs, FP and W4A4 in turn, distinct by seed. */
    static List<RunSpec> study(int count, int steps) {
        List<RunSpec> specs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            specs.add(spec(i % 2 == 0 ? FP : W4A4, steps, 100 + i));
        }
        return specs;
    }

    /** The run trained here, directly, as the engine's executors should train it. */
    static RunRecord direct(RunSpec spec) {
        return Trainer.train(spec, CheckpointPlan.NONE, Monitor.NONE);
    }

    /** A step as a listener heard it. */
    record Step(RunSpec spec, long step, long steps, long tokens, double loss) {
    }

    /** Keeps every event, thread-safely. */
    static class Recorder implements StudyListener {
        final List<RunSpec> started = Collections.synchronizedList(new ArrayList<>());
        final Map<RunSpec, RunRecord> finished = Collections.synchronizedMap(new java.util.LinkedHashMap<>());
        final Map<RunSpec, RunFailure> failed = Collections.synchronizedMap(new java.util.LinkedHashMap<>());
        final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        final List<Step> steps = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void started(RunSpec spec) {
            started.add(spec);
        }

        @Override
        public void step(RunSpec spec, long step, long steps, long tokens, double loss, double tokensPerSecond) {
            this.steps.add(new Step(spec, step, steps, tokens, loss));
        }

        @Override
        public void finished(RunSpec spec, RunRecord run) {
            finished.put(spec, run);
        }

        @Override
        public void failed(RunSpec spec, RunFailure failure) {
            failed.put(spec, failure);
        }

        @Override
        public void warning(String message) {
            warnings.add(message);
        }
    }
}
