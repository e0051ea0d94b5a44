package org.qatlas.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * Tells when each run of a study begins training on an executor, which is later than when its
 * job was submitted: every run is submitted at once and waits for a free core. A run's job
 * carries the run's index as a local property; its stages are mapped back to the run when the
 * job starts, and a task starting in one of them is that run starting.
 */
final class RunStartListener extends SparkListener {
    /** The local property, set on the submitting thread, that names a job's run. */
    static final String RUN_PROPERTY = "qatlas.run.index";

    private final String group;
    private final IntConsumer started;
    private final Map<Integer, Integer> runOfStage = new ConcurrentHashMap<>();

    /**
     * @param group the job group of the study whose runs this reports (other jobs are ignored)
     * @param started told the index of each run as its task starts
     */
    RunStartListener(String group, IntConsumer started) {
        this.group = group;
        this.started = started;
    }

    @Override
    public void onJobStart(SparkListenerJobStart job) {
        if (job.properties() == null || !group.equals(job.properties().getProperty("spark.jobGroup.id"))) {
            return;
        }
        String run = job.properties().getProperty(RUN_PROPERTY);
        if (run != null) {
            for (Object stage : scala.jdk.javaapi.CollectionConverters.asJava(job.stageIds())) {
                runOfStage.put((Integer) stage, Integer.parseInt(run));
            }
        }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart task) {
        Integer run = runOfStage.remove(task.stageId()); // one task per run, and no retries
        if (run != null) {
            started.accept(run);
        }
    }
}
