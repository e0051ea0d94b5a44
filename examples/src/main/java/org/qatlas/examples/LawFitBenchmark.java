package org.qatlas.examples;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.qatlas.stdlib.law.ChenDeltaLaw;
import org.qatlas.stdlib.law.Fit;
import org.qatlas.stdlib.law.FitOptions;
import org.qatlas.stdlib.law.Fitter;
import org.qatlas.stdlib.law.Law;

/**
 * Times the fitter on the case the specification names: paper A's four-constant delta law
 * (k * D^gD * log2(G)^gG / N^gN, written in Java here) fitted to 300 rows with a 4x4x4x4 grid of
 * starts and 200 bootstrap refits. The rows are drawn at random over N in [1e7, 1e9], D in
 * [1e9, 1e11], G in {32, 64, 128, 256}, with 5% multiplicative noise around the W4A4 constants.
 * A law written in the language costs several times more per evaluation, so the evaluation
 * count is printed too: it is what scales.
 *
 * <p>Usage: {@code LawFitBenchmark [repeats]} (default 7); prints every repeat's time (the first
 * includes JIT warm-up) and the median.
 */
public final class LawFitBenchmark {
    private LawFitBenchmark() {
    }

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Law law = new ChenDeltaLaw();
        double[] truth = {0.1582, 0.2186, 0.0745, 0.7779};
        Random random = new Random(2025);
        double[][] rows = new double[300][];
        double[] targets = new double[rows.length];
        double[] groups = {32, 64, 128, 256};
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {Math.pow(10, 7 + 2 * random.nextDouble()), Math.pow(10, 9 + 2 * random.nextDouble()),
                groups[random.nextInt(groups.length)]};
            targets[i] = law.evaluate(rows[i], truth, null) * Math.exp(0.05 * random.nextGaussian());
        }
        FitOptions options = FitOptions.defaults()
                .withStartGrid(Map.of(
                        "k", new double[] {0.05, 0.1, 0.2, 0.4},
                        "gN", new double[] {0.1, 0.2, 0.3, 0.4},
                        "gD", new double[] {0.02, 0.05, 0.1, 0.2},
                        "gG", new double[] {0.25, 0.5, 0.75, 1.0}))
                .withBootstrap(200);

        List<Double> seconds = new ArrayList<>();
        List<Double> cpuSeconds = new ArrayList<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Fit fit = null;
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            fit = Fitter.fit(law, rows, targets, options);
            cpuSeconds.add((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        double[] sortedCpu = cpuSeconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.print(fit.table());
        System.out.printf("seconds per fit: %s%n", seconds.stream().map(s -> String.format("%.3f", s)).toList());
        System.out.printf("first (cold JVM): %.3f s, median of %d: %.3f s%n", seconds.get(0), repeats,
                sorted[sorted.length / 2]);
        System.out.printf("CPU seconds of the fitting thread (insensitive to other load): first %.3f, median %.3f%n",
                cpuSeconds.get(0), sortedCpu[sortedCpu.length / 2]);
        System.out.printf("law evaluations per fit: %d (%d starts, %d bootstrap refits)%n",
                fit.statistics().lawEvaluations(), fit.statistics().starts(), fit.statistics().bootstrapRequested());
    }
}
