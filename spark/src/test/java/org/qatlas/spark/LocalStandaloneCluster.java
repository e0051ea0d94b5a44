package org.qatlas.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on this machine for tests: one master and one worker, each a
 * child JVM started from the Spark jars on this JVM's class path, on free ports, their web UIs on
 * ports of the system's choosing. The worker's executors get this JVM's class path too (the
 * engine's default for a cluster: the driver's class path, at the same paths). Their logs go to
 * files under the given folder, which a failing test prints. Closing kills both processes and
 * their executors.
 *
 * <p>Spark's worker builds its executors' command line from a Spark installation folder: it
 * needs SPARK_HOME with a jars folder (here an empty one: the class path comes from the
 * application) and, outside a distribution, SPARK_SCALA_VERSION.
 */
final class LocalStandaloneCluster implements AutoCloseable {
    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    private final Path folder;
    private final List<Process> processes = new ArrayList<>();
    private final int masterPort;

    private LocalStandaloneCluster(Path folder, int masterPort) {
        this.folder = folder;
        this.masterPort = masterPort;
    }

    /** Starts a master and a worker of {@code cores} cores; returns once the worker has registered with the master. */
    static LocalStandaloneCluster start(Path folder, int cores) throws IOException, InterruptedException {
        LocalStandaloneCluster cluster = new LocalStandaloneCluster(folder, freePort());
        try {
            Files.createDirectories(folder.resolve("spark-home/jars"));
            cluster.launch("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                    Integer.toString(cluster.masterPort), "--webui-port", "0");
            cluster.awaitLog("master", "I have been elected leader");
            cluster.launch("worker", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--port",
                    Integer.toString(freePort()), "--webui-port", "0", "--cores", Integer.toString(cores), "--memory", "2g",
                    "--work-dir", folder.resolve("work").toString(), cluster.masterUrl());
            cluster.awaitLog("master", "Registering worker");
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** Every log of the cluster (master, worker, executors) for a failing test's message. */
    String logs() {
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log") || f.endsWith("stderr")).sorted().toList()) {
                all.append("==== ").append(file).append('\n').append(Files.readString(file));
            }
        } catch (IOException e) {
            all.append("(logs unreadable: ").append(e.getMessage()).append(')');
        }
        return all.toString();
    }

    @Override
    public void close() {
        for (Process process : processes.reversed()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly); // the worker's executors
            process.destroyForcibly();
        }
        for (Process process : processes) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void launch(String name, String mainClass, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-Dspark.master.rest.enabled=false"); // its fixed port (6066) may be taken
        command.addAll(List.of(System.getProperty("spark.test.jvm.flags", "").split(" +")));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(arguments));
        command.removeIf(String::isEmpty);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", folder.resolve("spark-home").toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        processes.add(builder.start());
    }

    /** Waits until {@code name}'s log holds {@code line}; fails with the logs when it does not come or the process ends. */
    private void awaitLog(String name, String line) throws IOException, InterruptedException {
        Path log = folder.resolve(name + ".log");
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            if (processes.stream().anyMatch(p -> !p.isAlive())) {
                break;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the local Spark " + name + " did not log '" + line + "'\n" + logs());
    }

    /** A port no process listens on now (the system's choice, released at once). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether something listens on the port of 127.0.0.1. */
    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
