package org.qatlas.spark;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.qatlas.stdlib.study.ModuleClassLoader;

/**
 * The Spark configuration of a study's driver: the user's settings over the engine's defaults.
 *
 * <p>The defaults, and why:
 * <ul>
 * <li>{@code spark.task.maxFailures=1}: a run that fails fails the same way again (training is
 *     deterministic by seed), so a retry only doubles the wait; a run's own failure is reported,
 *     not retried (the task returns it as a result), and a lost executor fails its run.
 * <li>{@code spark.ui.enabled=false}: a study needs no web server; set it to true to watch one.
 * <li>{@code spark.driver.host=127.0.0.1} for local masters and masters on this machine, so that
 *     a host name that does not resolve cannot stop a study that never leaves the machine.
 * <li>{@code spark.executor.heartbeatInterval=2s} (Spark's default: 10 s): executors send
 *     their runs' steps with their heartbeats ({@link RunProgress}), so this is how late a
 *     study's progress is shown.
 * <li>{@code spark.executorEnv.OMP_WAIT_POLICY=PASSIVE}: ND4J's idle OpenMP threads spin
 *     otherwise, which costs training many times over on a small machine (bin/qat sets the
 *     same for the driver).
 * <li>{@code spark.executor.extraClassPath}, for a cluster master when neither it nor
 *     {@code spark.jars} is given: this module's class path on the driver, which executors
 *     find at the same paths when the installation is on a shared file system or copied to the
 *     same place on every machine.
 * </ul>
 */
final class SparkSettings {
    private SparkSettings() {
    }

    /**
     * The configuration for {@code master}, {@code options} over the defaults.
     *
     * @throws IllegalArgumentException for a blank master or an option that is not a Spark setting
     */
    static SparkConf of(String master, Map<String, String> options) {
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("spark: the master is missing; give local[N] (N cores of this machine) or "
                    + "spark://host:port (a standalone cluster)");
        }
        List<String> unknown = options.keySet().stream().filter(key -> !key.startsWith("spark.")).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("spark: " + String.join(", ", unknown) + (unknown.size() == 1 ? " is" : " are")
                    + " not a Spark setting; settings are named as in Spark's configuration, e.g. spark.executor.memory");
        }
        SparkConf conf = new SparkConf(false)
                .setMaster(master.strip())
                .setAppName("qatlas study")
                .set("spark.task.maxFailures", "1")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.executor.heartbeatInterval", "2s")
                .set("spark.executorEnv.OMP_WAIT_POLICY", "PASSIVE");
        if (onThisMachine(master)) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        if (!isLocal(master) && !options.containsKey("spark.jars") && !options.containsKey("spark.executor.extraClassPath")) {
            conf.set("spark.executor.extraClassPath", moduleClassPath());
        }
        options.forEach(conf::set);
        return conf;
    }

    /** Whether executors run inside this JVM: {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]}. */
    static boolean isLocal(String master) {
        return master.strip().equals("local") || master.strip().startsWith("local[");
    }

    /** Whether the driver's only peers are on this machine: a local master or a cluster at localhost. */
    static boolean onThisMachine(String master) {
        if (isLocal(master)) {
            return true;
        }
        List<String> hosts = MasterProbe.standaloneAddresses(master).stream().map(a -> a.getHostString()).toList();
        return !hosts.isEmpty() && hosts.stream().allMatch(h -> h.equals("127.0.0.1") || h.equals("localhost"));
    }

    /**
     * Where this module's classes come from on the driver: the jars of the module's own class
     * loader when the launcher loaded it on demand, else the JVM's class path.
     */
    static String moduleClassPath() {
        if (SparkSettings.class.getClassLoader() instanceof ModuleClassLoader module) {
            List<String> paths = new ArrayList<>();
            for (URL url : module.getURLs()) {
                paths.add(path(url));
            }
            return String.join(File.pathSeparator, paths);
        }
        return System.getProperty("java.class.path");
    }

    private static String path(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("a jar of the spark module has no file path: " + url, e);
        }
    }
}
