package org.qatlas.stdlib.train;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.backend.cpu.OpenBlasCore;

/**
 * Where, when and by what code a run was trained, as {@code run.provenance} shows it: the Qatlas
 * version and git commit, the Java runtime, OpenBLAS's kernels and the threads the run used, the
 * backend and device that computed it, the machine and process, the start and end, and the engine version ({@link Trainer#ENGINE_VERSION}).
 * It is filled where the run trains, so a run trained on a cluster's executor names the
 * executor's machine. A failed run's provenance also holds the step it stopped at and why.
 */
public final class Provenance {
    /** The keys every trained run's provenance has, in order. */
    public static final List<String> KEYS = List.of("qatlas_version", "git_commit", "java", "openblas_core", "threads", "backend", "device", "host",
            "pid", "started", "ended", "engine");
    /** The keys a failed run's provenance adds. */
    public static final String FAILED_STEP = "failed_step";
    public static final String FAILURE = "failure";

    private static final String HOST = readHost();

    private Provenance() {
    }

    /**
     * This process's provenance for a run trained from {@code started} to {@code ended} on
     * {@code threads} threads by the backend named {@code backend} on {@code device}.
     */
    public static Map<String, Object> of(Instant started, Instant ended, int threads, String backend, String device) {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("qatlas_version", BuildInfo.VERSION);
        provenance.put("git_commit", BuildInfo.GIT_COMMIT);
        provenance.put("java", java());
        provenance.put("openblas_core", OpenBlasCore.name());
        provenance.put("threads", (long) threads);
        provenance.put("backend", backend);
        provenance.put("device", device);
        provenance.put("host", HOST);
        provenance.put("pid", pid());
        provenance.put("started", started.toString());
        provenance.put("ended", ended.toString());
        provenance.put("engine", Trainer.ENGINE_VERSION);
        return provenance;
    }

    /** The Java runtime: "25.0.3+9-LTS (Eclipse Adoptium)". */
    public static String java() {
        return Runtime.version() + " (" + System.getProperty("java.vm.vendor", "unknown vendor") + ")";
    }

    /** This machine's name, read once: what claims on a shared store name their owner by. */
    public static String host() {
        return HOST;
    }

    /** This process's id on its machine. */
    public static long pid() {
        return ProcessHandle.current().pid();
    }

    /**
     * The kernel's host name where Linux shows it (no lookup that could wait on DNS), else the
     * JDK's local host name.
     */
    private static String readHost() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                String name = Files.readString(kernel).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            return BuildInfo.UNKNOWN;
        }
    }
}
