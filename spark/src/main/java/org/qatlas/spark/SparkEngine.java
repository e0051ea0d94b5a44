package org.qatlas.spark;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.qatlas.stdlib.study.Engine;
import org.qatlas.stdlib.study.StudyListener;
import org.qatlas.stdlib.train.RunSpec;

/**
 * Trains a study's runs on Apache Spark: this process is the driver, and each run is one task
 * on an executor core ({@code local[N]}: N cores of this machine; {@code spark://host:port}: a
 * standalone cluster). A run travels as its configuration in JSON and comes back as its
 * outcome in JSON ({@link TrainOnExecutor}); see {@link StudyJobs} for how runs are reported
 * and stopped, and {@link SparkSettings} for the configuration chosen.
 *
 * <p>Spark looks classes up through the thread's context class loader; when the launcher loads
 * this module in a class loader of its own, that is not the module's. So every call into Spark
 * runs with the module's loader as the context class loader, and the threads Spark starts
 * inherit it.
 */
public final class SparkEngine implements Engine {
    private final String master;
    private final JavaSparkContext spark;

    private SparkEngine(String master, JavaSparkContext spark) {
        this.master = master;
        this.spark = spark;
    }

    /**
     * Starts a driver on {@code master} with {@code options} (Spark settings) over the engine's defaults.
     *
     * @throws IllegalArgumentException for a blank master or an option that is not a Spark setting
     * @throws IllegalStateException when the JVM lacks Spark's flags, or Spark cannot start or reach its master
     */
    public static SparkEngine open(String master, Map<String, String> options) {
        SparkLogging.configure(); // before any class of Spark's logs
        JvmAccess.check();
        SparkConf conf = SparkSettings.of(master, options);
        return withModuleLoader(() -> new SparkEngine(master.strip(), ContextStart.start(conf)));
    }

    @Override
    public void train(List<RunSpec> specs, StudyListener listener) {
        if (specs.isEmpty()) {
            return;
        }
        StudyJobs jobs = new StudyJobs(spark, specs, listener, "qatlas-study-" + UUID.randomUUID());
        withModuleLoader(() -> {
            jobs.run();
            return null;
        });
    }

    @Override
    public String describe() {
        return "spark(" + master + ")";
    }

    /** Stops the SparkContext: its executors end, and a cluster frees their cores. */
    @Override
    public void close() {
        withModuleLoader(() -> {
            spark.stop();
            return null;
        });
    }

    private static <T> T withModuleLoader(Supplier<T> call) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(SparkEngine.class.getClassLoader());
        try {
            return call.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
