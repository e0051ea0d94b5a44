package org.qatlas.spark;

import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;
import org.apache.spark.api.java.function.Function;
import org.qatlas.stdlib.io.FileAccess;
import org.qatlas.stdlib.train.CheckpointPlan;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.RunSpecCodec;
import org.qatlas.stdlib.train.RunStore;
import org.qatlas.stdlib.train.Trainer;
import org.qatlas.stdlib.train.TrainingStopped;

/**
 * The work of one Spark task: reads a run's configuration (JSON from {@link RunSpecCodec}),
 * trains it with the standard library's trainer in this executor's memory, and returns its
 * outcome as JSON ({@link RunOutcomeCodec}). A run that fails is an outcome too, not a failed
 * task: the loss became nan, the corpus is missing on this machine, the model does not fit in
 * memory. Only the job's cancellation ends the task otherwise.
 *
 * <p>Synthetic data is generated again from its settings; a corpus is read from its path,
 * which must hold the same text on every executor (the run's id covers the text, and the
 * driver refuses an outcome under another id).
 */
final class TrainOnExecutor implements Function<String, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String call(String specJson) {
        TaskContext task = TaskContext.get();
        TaskMonitor monitor = new TaskMonitor(task);
        RunSpec spec = null;
        try (TaskThreads threads = TaskThreads.claim(task == null ? 1 : task.cpus())) {
            spec = RunSpecCodec.read(specJson, FileAccess.local());
            RunRecord record = Trainer.train(spec.model(), spec.scheme(), spec.budget(), spec.data(), spec.seed(),
                    CheckpointPlan.NONE, monitor, RunStore.inMemory());
            return RunOutcomeCodec.write(RunOutcome.finished(record, monitor.warnings()));
        } catch (TaskKilledException cancelled) {
            throw cancelled;
        } catch (TrainingStopped stopped) {
            return failed(spec, new RunFailure(stopped.step(), stopped.getMessage()), monitor);
        } catch (RuntimeException | OutOfMemoryError | LinkageError e) {
            return failed(spec, new RunFailure(monitor.stepUnderWay(), describe(e)), monitor);
        }
    }

    private static String failed(RunSpec spec, RunFailure failure, TaskMonitor monitor) {
        // A configuration that could not be read has no id of its own; the driver knows it as the one it sent.
        String runId = spec == null ? "" : spec.runId();
        return RunOutcomeCodec.write(RunOutcome.failed(runId, failure, monitor.warnings()));
    }

    /** One line for the user: the message, or the kind of error when it has none; out of memory says where. */
    private static String describe(Throwable e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getName() : e.getMessage();
        if (e instanceof OutOfMemoryError) {
            return "the executor ran out of memory (" + message + "); give executors more (spark.executor.memory) or train a smaller run";
        }
        if (e instanceof LinkageError) {
            return "the executor lacks a class of Qatlas or its libraries (" + message + "); see docs/studies.md on executor class paths";
        }
        return message;
    }
}
