package org.qatlas.stdlib.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.qatlas.stdlib.backend.cpu.ThreadBudget;
import org.qatlas.stdlib.train.GemmRate;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.Trainer;

/**
 * Trains a study's runs on this machine's cores: a pool of worker threads, each training one
 * run at a time with {@link Trainer}, as many at once and on as many threads each as
 * {@link WorkerPlan} says (by default a worker per core, small runs side by side on one thread
 * each, big runs alone on all threads; {@code workers: N} to choose).
 *
 * <p>A run's Java error (any exception, an assertion, running out of memory) is that run's
 * failure, reported to the listener; the other runs go on. An exception from the listener
 * stops every run in flight at its next step and is rethrown once they have stopped, so that
 * no run goes on training after {@link #train} returns. Runs train with a checkpoint plan
 * from {@link RunCheckpoints}: a run resumes from its checkpoint, and its checkpoint is
 * deleted once the listener has its record.
 */
public final class LocalEngine implements Engine {
    /** How often the waiting caller polls its listener: a Ctrl-C is seen within this. */
    private static final long POLL_MILLIS = 100;

    private final WorkerPlan plan;
    private final RunCheckpoints checkpoints;
    private final ExecutorService pool;
    /**
     * A run takes a slot per thread (a big one in the default plan all of them) while it trains;
     * fair, so that a big run waiting for every slot is not overtaken by small runs after it.
     * The engine's, not a call's: studies training at once on one engine share the cores too.
     */
    private final Semaphore slots;

    /** A worker per core, no checkpoints. */
    public LocalEngine() {
        this(0, RunCheckpoints.NONE);
    }

    /**
     * @param workers runs at once, or 0 for the default (a worker per core; see {@link WorkerPlan})
     * @param checkpoints where runs keep checkpoints, or {@link RunCheckpoints#NONE}
     */
    public LocalEngine(int workers, RunCheckpoints checkpoints) {
        if (workers < 0) {
            throw new IllegalArgumentException("workers must be at least 1 (1: one run at a time), or 0 for one per core, not "
                    + workers);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        this.plan = workers == 0 ? WorkerPlan.automatic(cores) : WorkerPlan.of(workers, cores);
        this.checkpoints = checkpoints;
        this.slots = new Semaphore(plan.slots(), true);
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(plan.workers(), task -> {
            Thread thread = new Thread(task, "qatlas-study-" + count.incrementAndGet());
            thread.setDaemon(true); // a study left running never keeps the JVM alive
            return thread;
        });
    }

    @Override
    public String describe() {
        return "local (" + plan.describe() + ")";
    }

    @Override
    public void train(List<RunSpec> specs, StudyListener listener) {
        if (specs.isEmpty()) {
            return;
        }
        // Measured now, alone on the machine and with all its threads; a run measuring it at
        // its end would do so on its one thread, beside other runs.
        GemmRate.measured();
        StopSignal stop = new StopSignal();
        CountDownLatch done = new CountDownLatch(specs.size());
        for (RunSpec spec : specs) {
            pool.execute(() -> {
                try {
                    trainOne(spec, listener, stop);
                } finally {
                    done.countDown();
                }
            });
        }
        awaitAll(done, listener, stop);
        stop.rethrowIfStopped();
    }

    /** Waits for every run, polling the listener; an interruption of this thread stops the runs. */
    private static void awaitAll(CountDownLatch done, StudyListener listener, StopSignal stop) {
        boolean interrupted = false;
        while (true) {
            try {
                if (done.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
                stop.stop(new CancellationException("the study was interrupted"));
            }
            if (!stop.requested()) {
                call(stop, listener::poll);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void trainOne(RunSpec spec, StudyListener listener, StopSignal stop) {
        int taken = plan.slots(spec);
        slots.acquireUninterruptibly(taken);
        try {
            if (stop.requested()) {
                return; // not started: nothing to report
            }
            call(stop, () -> listener.started(spec));
            RunRecord run = stop.requested() ? null : trainResuming(spec, listener, stop);
            if (run != null) {
                call(stop, () -> listener.finished(spec, run));
                // The listener has the record (the study stored it): the checkpoint is done with.
                call(stop, () -> checkpoints.delete(spec, listener));
            }
        } finally {
            slots.release(taken);
        }
    }

    /**
     * Trains {@code spec}; returns its record, or null when it was stopped or failed (a failure
     * is reported to the listener). A checkpoint that cannot be read is set aside once, with a
     * warning, and the run trains from its first step.
     */
    private RunRecord trainResuming(RunSpec spec, StudyListener listener, StopSignal stop) {
        for (boolean firstTry = true; ; firstTry = false) {
            RunMonitor monitor = new RunMonitor(spec, listener, stop);
            try (ThreadBudget threads = ThreadBudget.limit(plan.threads(spec))) {
                // The study asks and keeps the store; the trainer only trains.
                return Trainer.train(spec, checkpoints.plan(spec), monitor);
            } catch (StopSignal.RunStopped stopped) {
                return null;
            } catch (RuntimeException | Error e) {
                if (firstTry && unreadableCheckpoint(spec, monitor, e) && setAside(checkpoints.file(spec), e, listener, stop)) {
                    continue;
                }
                RunFailure failure = RunFailures.of(e, monitor.failedStep());
                call(stop, () -> listener.failed(spec, failure));
                return null;
            }
        }
    }

    /** Whether {@code error} is the trainer refusing the run's checkpoint: before training, naming the file. */
    private boolean unreadableCheckpoint(RunSpec spec, RunMonitor monitor, Throwable error) {
        Path file = checkpoints.file(spec);
        return file != null && !monitor.started() && error instanceof IllegalArgumentException && error.getMessage() != null
                && error.getMessage().contains(file.toString()) && Files.exists(file);
    }

    /** Moves an unreadable checkpoint out of the way; false when it cannot be moved. */
    private static boolean setAside(Path file, Throwable why, StudyListener listener, StopSignal stop) {
        Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
        try {
            Files.move(file, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            return false;
        }
        call(stop, () -> listener.warning("study: warning: " + why.getMessage() + "; moved it to " + aside
                + " and training the run from its first step"));
        return true;
    }

    /** Calls the listener; what it throws stops the study instead of the worker. */
    private static void call(StopSignal stop, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException | Error e) {
            stop.stop(e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
