package org.qatlas.stdlib.study;

import org.qatlas.stdlib.train.Monitor;
import org.qatlas.stdlib.train.RunSpec;

/**
 * Watches one run of a study for {@link LocalEngine}: passes its steps and warnings on to the
 * study's listener, stops it between steps once the study must stop, and remembers how far
 * it got so that a run that fails says at which step.
 */
final class RunMonitor implements Monitor {
    private final RunSpec spec;
    private final StudyListener listener;
    private final StopSignal stop;
    private volatile boolean started;
    private volatile long done;
    private volatile long steps;

    RunMonitor(RunSpec spec, StudyListener listener, StopSignal stop) {
        this.spec = spec;
        this.listener = listener;
        this.stop = stop;
    }

    @Override
    public void started(long step, long totalSteps) {
        done = step;
        steps = totalSteps;
        started = true;
        poll();
        if (step > 0) {
            try {
                listener.resumed(spec, step, totalSteps);
            } catch (RuntimeException | Error e) {
                stop.stop(e);
                throw new StopSignal.RunStopped();
            }
        }
    }

    @Override
    public void step(long step, long totalSteps, long tokens, double loss, double tokensPerSecond) {
        done = step;
        poll();
        try {
            listener.step(spec, step, totalSteps, tokens, loss, tokensPerSecond);
        } catch (RuntimeException | Error e) {
            stop.stop(e);
            throw new StopSignal.RunStopped();
        }
    }

    @Override
    public void poll() {
        if (stop.requested()) {
            throw new StopSignal.RunStopped();
        }
    }

    @Override
    public void warning(String message) {
        try {
            listener.warning(message);
        } catch (RuntimeException | Error e) {
            stop.stop(e);
            throw new StopSignal.RunStopped();
        }
    }

    /** Whether training began (a run refused before it, for its memory or limits, never does). */
    boolean started() {
        return started;
    }

    /** The step a failure happened in: the one after the last finished (at most the last), 0 before training. */
    long failedStep() {
        return started ? Math.min(done + 1, steps) : 0;
    }
}
