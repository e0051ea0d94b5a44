package org.qatlas.spark;

import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;
import org.apache.spark.api.java.function.Function;
import org.qatlas.stdlib.backend.cpu.ThreadBudget;
import org.qatlas.stdlib.train.CheckpointPlan;
import org.qatlas.stdlib.train.GemmRate;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.RunSpecCodec;
import org.qatlas.stdlib.train.Trainer;
import org.qatlas.stdlib.train.TrainingStopped;

/**
 * The work of one Spark task: reads a run's configuration (JSON from {@link RunSpecCodec}),
 * trains it with the standard library's trainer in this executor's memory, and returns its
 * outcome as JSON ({@link RunOutcomeCodec}). A run's own error, whatever its kind, is an
 * outcome too, not a failed task: the loss became nan, the corpus is missing on this machine,
 * the model does not fit in memory. Only the job's cancellation ends the task otherwise.
 *
 * <p>Synthetic data is generated again from its settings; a corpus is read from its path,
 * which must hold the same text on every executor (the run's id covers the text, and the
 * driver refuses an outcome under another id); either once per study and executor
 * ({@link ExecutorData}).
 *
 * <p>Threads: one executor core, one run. A task trains on as many threads as it has cores
 * ({@code spark.task.cpus}, 1 by default) and never more than its size asks for; the thread
 * settings are the executor JVM's, and counted budgets keep them at the fewest any task in
 * flight allows ({@link ThreadBudget}), so N tasks on N cores do not compete for them.
 */
final class TrainOnExecutor implements Function<String, String> {
    private static final long serialVersionUID = 1L;

    private final String study;
    private final RunProgress progress;

    /**
     * @param study the id of the run's study (its runs share data an executor makes once)
     * @param progress the run's progress, registered with the driver's context
     */
    TrainOnExecutor(String study, RunProgress progress) {
        this.study = study;
        this.progress = progress;
    }

    @Override
    public String call(String specJson) {
        TaskContext task = TaskContext.get();
        TaskMonitor monitor = new TaskMonitor(task, progress);
        String runId = "";
        try {
            // Once per executor JVM, with all its threads, before a task holds them down: the ceiling of its runs' MFU.
            GemmRate.measured();
            try (ThreadBudget threads = ThreadBudget.limit(task == null ? 1 : Math.max(1, task.cpus()))) {
                RunSpec spec = ExecutorData.read(study, specJson);
                runId = spec.runId();
                RunRecord record = Trainer.train(spec, CheckpointPlan.NONE, monitor); // no store: the driver's study keeps runs
                return RunOutcomeCodec.write(RunOutcome.finished(record, monitor.warnings()));
            }
        } catch (TaskKilledException cancelled) {
            throw cancelled;
        } catch (Throwable e) {
            // A configuration that could not be read has no id here; the driver knows it as the one it sent.
            return RunOutcomeCodec.write(RunOutcome.failed(runId, failure(e, monitor.failedStep()), monitor.warnings()));
        }
    }

    /** The failure a study keeps: a step and one line a user can act on. */
    static RunFailure failure(Throwable error, long step) {
        if (error instanceof TrainingStopped stopped) {
            return new RunFailure(stopped.step(), stopped.getMessage());
        }
        String message = error.getMessage();
        if (error instanceof OutOfMemoryError) {
            return new RunFailure(step, "the executor ran out of memory" + (message == null ? "" : " (" + message + ")")
                    + "; give executors more (spark.executor.memory) or fewer cores each (spark.executor.cores)");
        }
        if (error instanceof LinkageError) {
            return new RunFailure(step, "the executor lacks a class of Qatlas or its libraries (" + error
                    + "); see docs/studies.md on the executors' class path");
        }
        if ((error instanceof IllegalArgumentException || error instanceof IllegalStateException) && message != null) {
            return new RunFailure(step, message); // the library's refusals are written for the user already
        }
        // Anything else is a fault in the code, not in the run's settings: say where it happened.
        StackTraceElement[] trace = error.getStackTrace();
        return new RunFailure(step, error.getClass().getName() + (message == null ? "" : ": " + message)
                + (trace.length > 0 ? " at " + trace[0] : ""));
    }
}
