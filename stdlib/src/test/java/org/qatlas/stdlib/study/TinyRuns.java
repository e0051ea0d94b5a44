package org.qatlas.stdlib.study;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.qatlas.stdlib.data.SyntheticLanguage;
import org.qatlas.stdlib.data.TokenData;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.quant.SchemeValue;
import org.qatlas.stdlib.train.Budget;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;

/** Runs small enough for tests (a few milliseconds each), and a listener that records what it hears. */
final class TinyRuns {
    static final ModelValue TINY = new ModelValue(1, 16, 32, 2, 1, 16, 16, false);
    static final SyntheticLanguage DATA = SyntheticLanguage.generate(16, 100_000, 2, 1.0, 3, 0.05);
    static final SchemeValue FP = new SchemeValue(null, null);

    private TinyRuns() {
    }

    /** A budget of {@code steps} steps of 8 windows of 16 tokens. */
    static Budget budget(long steps) {
        return Budget.DEFAULT.with(steps * 8 * 16, 8, 1e-2).withEvalTokens(256);
    }

    static RunSpec run(long seed, long steps) {
        return new RunSpec(TINY, FP, budget(steps), DATA, seed);
    }

    /** A run whose learning rate makes its loss explode within its 40 steps. */
    static RunSpec diverging(long seed) {
        // No weight decay: at this rate it would scale the weights by 1 - lr * decay < 0, which budget refuses.
        Budget wild = budget(40).with(Map.of("lr", 1e6, "grad_clip", 0.0, "weight_decay", 0.0));
        return new RunSpec(TINY, FP, wild, DATA, seed);
    }

    /** A run whose data fails with an AssertionError when its {@code failingCall}-th batch is drawn. */
    static RunSpec broken(long seed, int failingCall) {
        return new RunSpec(TINY, FP, budget(20), new BrokenData(failingCall), seed);
    }

    /** The training losses of a run's curve (every step, for runs under 200 steps). */
    static double[] losses(RunRecord run) {
        return run.curve().stream().mapToDouble(point -> (Double) point.get("loss")).toArray();
    }

    /** Token data that breaks, as a bug in Java code would, at one of its calls. */
    private static final class BrokenData implements TokenData {
        private final int failingCall;
        private final AtomicInteger calls = new AtomicInteger();

        BrokenData(int failingCall) {
            this.failingCall = failingCall;
        }

        @Override
        public int vocab() {
            return DATA.vocab();
        }

        @Override
        public long trainTokens() {
            return DATA.trainTokens();
        }

        @Override
        public long heldOutTokens() {
            return DATA.heldOutTokens();
        }

        @Override
        public void sample(SplittableRandom random, boolean heldOut, int[][] windows) {
            if (calls.incrementAndGet() == failingCall) {
                throw new AssertionError("a broken invariant");
            }
            DATA.sample(random, heldOut, windows);
        }

        @Override
        public String describe() {
            return "broken(" + DATA.describe() + ")";
        }

        @Override
        public String kind() {
            return "data";
        }

        @Override
        public List<String> fieldNames() {
            return List.of();
        }

        @Override
        public Object field(String name) {
            return null;
        }

        @Override
        public BrokenData with(Map<String, Object> changes) {
            return this;
        }
    }

    /** Records every event, from any thread, as "event runId [detail]". */
    static class Recording implements StudyListener {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<RunFailure> failures = Collections.synchronizedList(new ArrayList<>());
        final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        volatile StudySummary summary;

        @Override
        public void answered(RunSpec spec, RunRecord run) {
            events.add("answered " + spec.runId());
        }

        @Override
        public void started(RunSpec spec) {
            events.add("started " + spec.runId());
        }

        @Override
        public void finished(RunSpec spec, RunRecord run) {
            events.add("finished " + spec.runId());
        }

        @Override
        public void failed(RunSpec spec, RunFailure failure) {
            events.add("failed " + spec.runId());
            failures.add(failure);
        }

        @Override
        public void warning(String message) {
            warnings.add(message);
        }

        @Override
        public void ended(StudySummary ended) {
            summary = ended;
        }

        long count(String event) {
            synchronized (events) {
                return events.stream().filter(e -> e.startsWith(event + " ")).count();
            }
        }
    }
}
