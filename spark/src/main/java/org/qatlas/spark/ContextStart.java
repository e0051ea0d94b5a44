package org.qatlas.spark;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Starts the driver's SparkContext, and for a standalone master within a time limit: a master
 * that takes the connection but never accepts the application (an address that is not a
 * Spark master, a master that is shutting down) would otherwise keep the study waiting for a
 * minute of Spark's own retries before an error that does not say why.
 */
final class ContextStart {
    /** How long a standalone master may take to accept the study; with the probe, under 30 s in all. */
    static final Duration REGISTRATION_LIMIT = Duration.ofSeconds(20);

    private ContextStart() {
    }

    /**
     * A running context for {@code conf}, created with this class's loader as the thread's
     * context class loader (Spark finds its classes and its executors' through it).
     *
     * @throws IllegalStateException when Spark refuses the configuration or the master does not accept the study in time
     */
    static JavaSparkContext start(SparkConf conf) {
        String master = conf.get("spark.master");
        MasterProbe.check(master);
        CompletableFuture<JavaSparkContext> started = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                started.complete(new JavaSparkContext(conf));
            } catch (Throwable e) {
                started.completeExceptionally(e);
            }
        }, "qatlas-spark-start");
        starter.setDaemon(true);
        starter.setContextClassLoader(ContextStart.class.getClassLoader());
        starter.start();
        try {
            if (MasterProbe.standaloneAddresses(master).isEmpty()) {
                return started.get();
            }
            return started.get(REGISTRATION_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // The starter goes on until Spark gives up; a context it makes after all is stopped.
            started.thenAccept(JavaSparkContext::stop);
            throw new IllegalStateException("spark: the master at " + master + " took the connection but did not accept the study"
                    + " within " + REGISTRATION_LIMIT.toSeconds() + " s; check that it is a Spark master of a compatible version"
                    + " (its log says why it refused) and that it can connect back to this machine (spark.driver.host)");
        } catch (InterruptedException e) {
            started.thenAccept(JavaSparkContext::stop);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("spark: interrupted while starting on " + master, e);
        } catch (ExecutionException e) {
            throw refused(master, e.getCause());
        }
    }

    /** Spark's refusal, said as what to do about it. */
    private static IllegalStateException refused(String master, Throwable cause) {
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        String advice = "";
        if (message.contains("Could not parse Master URL")) {
            advice = "; masters are local, local[N], local[*] or spark://host:port (YARN and Kubernetes need Spark's"
                    + " spark-yarn or spark-kubernetes module on the class path: docs/studies.md)";
        } else if (message.contains("Only one SparkContext")) {
            advice = "; close the other Spark engine of this process first";
        }
        return new IllegalStateException("spark: cannot start on " + master + ": " + message + advice, cause);
    }
}
