package org.qatlas.spark;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.qatlas.stdlib.study.StudyListener;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.RunSpecCodec;

/**
 * The runs of one study on a cluster: one Spark job of one task per run, all submitted at once
 * (Spark starts them as executor cores come free), each outcome reported to the listener as
 * its job ends. Jobs are independent, so a run whose executor is lost fails alone.
 *
 * <p>Each job is awaited by a virtual thread of the driver, which reports its outcome; Spark's
 * listener thread reports starts and steps ({@link StudyEvents}); the listener therefore hears
 * from several threads, as its contract allows. The calling thread polls the listener while it
 * waits. The first exception the listener throws (or an interruption of the calling thread)
 * stops the study: its jobs are cancelled, their tasks stop at their next step, and once they
 * have ended the exception is rethrown to the caller.
 */
final class StudyJobs {
    /** How often the waiting caller polls its listener: a Ctrl-C is seen within this. */
    static final long POLL_MILLIS = 100;
    /** After this long with no run started, the listener is told that the cluster may have no free executor. */
    static final long QUIET_SECONDS = 30;
    /** How long a stopped study waits for its cancelled tasks to end (an executor that stopped answering never says). */
    static final long STOP_SECONDS = 30;

    private final JavaSparkContext spark;
    private final List<RunSpec> specs;
    private final StudyListener listener;
    private final String group;
    private final StudyEvents events;
    private final CountDownLatch ended;
    private final AtomicReference<Throwable> stop = new AtomicReference<>();
    private final AtomicInteger startedRuns = new AtomicInteger();
    private final AtomicBoolean[] started;
    private final AtomicLong[] reportedStep;

    StudyJobs(JavaSparkContext spark, List<RunSpec> specs, StudyListener listener, String group) {
        this.spark = spark;
        this.specs = specs;
        this.listener = listener;
        this.group = group;
        this.events = new StudyEvents(group, new StudyEvents.Runs() {
            @Override
            public void started(int run) {
                StudyJobs.this.started(run);
            }

            @Override
            public void step(int run, RunProgress.Step step) {
                StudyJobs.this.step(run, step);
            }
        });
        this.ended = new CountDownLatch(specs.size());
        this.started = new AtomicBoolean[specs.size()];
        this.reportedStep = new AtomicLong[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            started[i] = new AtomicBoolean();
            reportedStep[i] = new AtomicLong();
        }
    }

    /** Trains every run; returns when all have ended, or throws what stopped the study once its tasks have ended. */
    void run() {
        spark.sc().addSparkListener(events);
        try {
            spark.setJobGroup(group, "qatlas study of " + specs.size() + " runs", false);
            for (int i = 0; i < specs.size(); i++) {
                if (stop.get() == null) {
                    submit(i);
                } else {
                    ended.countDown(); // the study stopped before this run was submitted
                }
            }
            await();
        } finally {
            spark.sc().removeSparkListener(events);
            spark.clearJobGroup();
            spark.setLocalProperty(StudyEvents.RUN_PROPERTY, null);
        }
        Throwable cause = stop.get();
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        if (cause != null) {
            throw new IllegalStateException(cause);
        }
    }

    private void submit(int run) {
        RunSpec spec = specs.get(run);
        RunProgress progress = new RunProgress();
        spark.sc().register(progress, RunProgress.NAME);
        spark.setLocalProperty(StudyEvents.RUN_PROPERTY, Integer.toString(run));
        spark.setJobDescription("run " + spec.runId());
        JavaFutureAction<List<String>> job = spark.parallelize(List.of(RunSpecCodec.write(spec)), 1)
                .map(new TrainOnExecutor(group, progress))
                .collectAsync();
        Thread.ofVirtual().name("qatlas-spark-run-" + run).start(() -> {
            try {
                report(run, job);
            } finally {
                ended.countDown();
            }
        });
    }

    /**
     * Waits for every job, polling the listener; warns once if no run has started after a
     * while; after a stop, waits for the cancelled tasks to end.
     */
    private void await() {
        long quietUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(QUIET_SECONDS);
        boolean warned = false;
        boolean interrupted = false;
        while (true) {
            try {
                if (ended.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
                stop(new CancellationException("the study was interrupted"));
            }
            call(listener::poll);
            if (!warned && startedRuns.get() == 0 && System.nanoTime() > quietUntil) {
                warned = true;
                call(() -> listener.warning("spark: no run has started after " + QUIET_SECONDS + " s; the cluster may have no"
                        + " executor with free cores and memory (spark.executor.memory, spark.executor.cores), or executors"
                        + " cannot connect back to this driver (spark.driver.host)"));
            }
        }
        if (stop.get() != null) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_SECONDS);
            while (events.running() > 0 && System.nanoTime() < until) {
                try {
                    Thread.sleep(POLL_MILLIS / 2);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Reports one run's outcome: its warnings, then its record or failure. A run is reported
     * started before it is reported done, even when Spark's event of its task's start (which
     * comes on another thread) has not been heard yet.
     */
    private void report(int run, JavaFutureAction<List<String>> job) {
        RunSpec spec = specs.get(run);
        RunOutcome outcome;
        try {
            outcome = RunOutcomeCodec.read(job.get().get(0), spec);
        } catch (ExecutionException | CancellationException e) {
            if (stop.get() != null) {
                return; // cancelled because the study stopped: nothing to report
            }
            outcome = RunOutcome.failed(spec.runId(), new RunFailure(0, "spark: " + jobFailure(e)), List.of());
        } catch (IllegalArgumentException e) {
            outcome = RunOutcome.failed(spec.runId(), new RunFailure(0, "spark: " + e.getMessage()), List.of());
        } catch (InterruptedException e) {
            return; // virtual threads of the study are not interrupted
        }
        RunOutcome done = outcome;
        started(run);
        done.warnings().forEach(warning -> call(() -> listener.warning(warning)));
        call(() -> {
            if (done.record() != null) {
                listener.finished(spec, done.record());
            } else {
                listener.failed(spec, done.failure());
            }
        });
    }

    private void started(int run) {
        if (!started[run].getAndSet(true)) {
            startedRuns.incrementAndGet();
            call(() -> listener.started(specs.get(run)));
        }
    }

    /** Passes a heartbeat's step on, once per step and in order (a late heartbeat is dropped). */
    private void step(int run, RunProgress.Step step) {
        long before = reportedStep[run].getAndAccumulate(step.step(), Math::max);
        if (step.step() > before && started[run].get()) {
            call(() -> listener.step(specs.get(run), step.step(), step.steps(), step.tokens(), step.loss(),
                    step.tokensPerSecond()));
        }
    }

    /** Calls the listener unless the study is stopping; an exception from it stops the study. */
    private void call(Runnable call) {
        if (stop.get() != null) {
            return;
        }
        try {
            call.run();
        } catch (RuntimeException | Error e) {
            stop(e);
        }
    }

    private void stop(Throwable cause) {
        if (stop.compareAndSet(null, cause)) {
            spark.cancelJobGroup(group);
        }
    }

    /** Spark's account of a job that ended without a result (an executor lost, the task killed), first line only. */
    private static String jobFailure(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        message = message.replaceFirst("^Job aborted due to stage failure: ", "");
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
