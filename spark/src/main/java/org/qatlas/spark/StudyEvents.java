package org.qatlas.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What Spark's scheduler says about the runs of one study: when each run's task starts on an
 * executor (later than its job was submitted: every run is submitted at once and waits for a
 * free core), how far it has trained (its {@link RunProgress} in the executors' heartbeats),
 * and how many of its tasks are still running (a stopped study waits for them to end).
 *
 * <p>A run's job carries the run's index as a local property; its stage is mapped back to the
 * run when the job starts. Spark calls this from its listener thread, one event at a time.
 */
final class StudyEvents extends SparkListener {
    /** The local property, set on the submitting thread, that names a job's run. */
    static final String RUN_PROPERTY = "qatlas.run.index";

    /** What the study does with the events. */
    interface Runs {
        void started(int run);

        void step(int run, RunProgress.Step step);
    }

    private final String group;
    private final Runs runs;
    private final Map<Integer, Integer> runOfStage = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();

    /** @param group the job group of the study (other jobs are not its runs) */
    StudyEvents(String group, Runs runs) {
        this.group = group;
        this.runs = runs;
    }

    /** The study's tasks that started and have not ended. */
    int running() {
        return running.get();
    }

    @Override
    public void onJobStart(SparkListenerJobStart job) {
        if (job.properties() == null || !group.equals(job.properties().getProperty("spark.jobGroup.id"))) {
            return;
        }
        String run = job.properties().getProperty(RUN_PROPERTY);
        if (run != null) {
            for (Object stage : CollectionConverters.asJava(job.stageIds())) {
                runOfStage.put((Integer) stage, Integer.parseInt(run));
            }
        }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart task) {
        Integer run = runOfStage.get(task.stageId());
        if (run != null) {
            running.incrementAndGet();
            runs.started(run);
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd task) {
        if (runOfStage.containsKey(task.stageId())) {
            running.decrementAndGet();
        }
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> task
                : CollectionConverters.asJava(update.accumUpdates())) {
            Integer run = runOfStage.get((Integer) task._2());
            if (run == null) {
                continue;
            }
            for (AccumulableInfo info : CollectionConverters.asJava(task._4())) {
                if (info.name().contains(RunProgress.NAME) && info.update().isDefined()
                        && info.update().get() instanceof RunProgress.Step step) {
                    runs.step(run, step);
                }
            }
        }
    }
}
