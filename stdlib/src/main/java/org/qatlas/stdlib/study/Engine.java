package org.qatlas.stdlib.study;

import java.util.List;
import org.qatlas.stdlib.train.RunSpec;

/**
 * Trains the runs of a study: on this machine's cores ({@code LocalEngine}) or on the executors of
 * an Apache Spark cluster (the qatlas-spark module). An engine only trains: which runs need
 * training, the store and the summary are the study's ({@code Study}).
 */
public interface Engine extends AutoCloseable {
    /**
     * Trains every spec (distinct, none of them stored) and reports each outcome to
     * {@code listener} as it comes; returns once every run has finished or failed. A run's own
     * error, whatever its kind, is that run's failure. An exception from the listener (an
     * interruption) stops the runs in flight and is rethrown once they have stopped. While it
     * waits, the engine calls the listener's {@link StudyListener#poll()} on the calling thread
     * a few times a second.
     */
    void train(List<RunSpec> specs, StudyListener listener);

    /** What the engine is, for logs and provenance: "local (2 workers)", "spark(local[2])". */
    String describe();

    /** Releases threads or the cluster connection; the engine is not used after. */
    @Override
    default void close() {
    }
}
