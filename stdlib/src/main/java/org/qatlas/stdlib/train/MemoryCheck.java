package org.qatlas.stdlib.train;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * Compares a run's {@link MemoryEstimate} with what this process may have, and refuses a run
 * that cannot fit with a message that names both and says what to change. Three limits:
 * <ul>
 *   <li>the Java heap ({@code Runtime.maxMemory()}, -Xmx) for the Java arrays;</li>
 *   <li>JavaCPP's {@code maxPhysicalBytes} for the whole process: ND4J's arrays are not
 *       counted in JavaCPP's own allocations ({@code maxBytes} does not apply to them), but
 *       they are resident memory, and once the process's resident memory passes
 *       {@code maxPhysicalBytes} every native allocation fails (by default 4 × -Xmx);</li>
 *   <li>the machine's physical memory (the container's, where the JVM sees one), which no
 *       setting raises.</li>
 * </ul>
 * Only runs whose estimate exceeds a limit outright are refused; the JVM's own needs are not
 * added, so a run close to a limit is let through and the out-of-memory handler of
 * {@code train} reports it if it does not fit after all.
 *
 * @param heapBytes    the Java heap's maximum
 * @param processBytes JavaCPP's limit on the process's resident memory (Long.MAX_VALUE if none)
 * @param machineBytes the machine's physical memory
 */
public record MemoryCheck(long heapBytes, long processBytes, long machineBytes) {
    private static final double GB = 1e9;

    /** The limits of this process now. */
    public static MemoryCheck current() {
        long process = Pointer.maxPhysicalBytes();
        long machine = Pointer.totalPhysicalBytes();
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize(); // the container's limit where there is one
            machine = machine > 0 ? Math.min(machine, total) : total;
        }
        return new MemoryCheck(Runtime.getRuntime().maxMemory(), process > 0 ? process : Long.MAX_VALUE,
                machine > 0 ? machine : Long.MAX_VALUE);
    }

    /**
     * Throws an IllegalArgumentException ("train: ...") when {@code estimate} does not fit;
     * {@code what} names the run ("llama(...) with batch 16").
     */
    public void check(MemoryEstimate estimate, String what) {
        String needs = "train: " + what + " needs about " + gigabytes(estimate.totalBytes()) + " of memory ("
                + gigabytes(estimate.nativeBytes()) + " native: " + gigabytes(estimate.stateBytes())
                + " of parameters, gradients and AdamW moments, " + gigabytes(estimate.stepBytes() + estimate.transientBytes())
                + " of activations and temporaries; " + gigabytes(estimate.heapBytes()) + " of Java heap)";
        if (estimate.totalBytes() > machineBytes) {
            throw new IllegalArgumentException(needs + ", more than the " + gigabytes(machineBytes)
                    + " of memory this machine has; train a smaller model, or a smaller batch or seq");
        }
        if (estimate.totalBytes() > processBytes) {
            // By default the limit is 4 × -Xmx, so a larger heap raises it; one set lower than that was set on purpose.
            boolean setLower = processBytes < 4.0 * heapBytes * 0.99;
            String raise = setLower ? "raise it, e.g. QAT_JAVA_OPTS=-Dorg.bytedeco.javacpp.maxPhysicalBytes="
                    + heapToAsk(estimate.totalBytes()) : "give the JVM a larger heap, e.g. QAT_JAVA_OPTS=-Xmx"
                    + heapToAsk(Math.max(estimate.totalBytes() / 4, estimate.heapBytes()));
            throw new IllegalArgumentException(needs + ", more than the " + gigabytes(processBytes)
                    + " this process may use (JavaCPP's maxPhysicalBytes, 4 × the Java heap unless set); " + raise
                    + ", or train a smaller model or batch");
        }
        if (estimate.heapBytes() > heapBytes) {
            throw new IllegalArgumentException(needs + ", more Java heap than the " + gigabytes(heapBytes)
                    + " this JVM may use (-Xmx); give it more, e.g. QAT_JAVA_OPTS=-Xmx" + heapToAsk(estimate.heapBytes())
                    + ", or train a smaller model or batch");
        }
    }

    /** A -Xmx value a quarter above {@code bytes}, in whole gigabytes (at least 1g). */
    static String heapToAsk(double bytes) {
        return Math.max(1, (long) Math.ceil(bytes * 1.25 / (1L << 30))) + "g";
    }

    /** Bytes as "12.3 GB": three significant digits, "MB" below a gigabyte and "TB" from a thousand on. */
    static String gigabytes(double bytes) {
        if (bytes >= 1000 * GB) {
            return String.format(Locale.ROOT, "%,.0f TB", bytes / (1000 * GB));
        }
        if (bytes < GB) {
            return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
        }
        double gb = bytes / GB;
        return String.format(Locale.ROOT, gb >= 100 ? "%.0f GB" : gb >= 10 ? "%.1f GB" : "%.2f GB", gb);
    }
}
