package org.qatlas.examples;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.qatlas.stdlib.data.SyntheticLanguage;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.quant.FormatValue;
import org.qatlas.stdlib.quant.Granularity;
import org.qatlas.stdlib.quant.IntFormat;
import org.qatlas.stdlib.quant.SchemeValue;
import org.qatlas.stdlib.study.LocalEngine;
import org.qatlas.stdlib.study.RunCheckpoints;
import org.qatlas.stdlib.study.RunOutcome;
import org.qatlas.stdlib.study.Study;
import org.qatlas.stdlib.study.StudyListener;
import org.qatlas.stdlib.study.StudyOptions;
import org.qatlas.stdlib.study.StudyResult;
import org.qatlas.stdlib.train.Budget;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.RunStore;

/**
 * A study's wall time with the local engine's default (a worker per core, small runs side by
 * side on one thread each) against {@code workers: 1} (one run at a time): 12 runs of
 * llama(layers: 2, hidden: 64, ffn: 172, heads: 4, kv_heads: 2, seq: 64) at 200K tokens, FP and
 * W4A4 (groups of 32) at six seeds, on the same synthetic data and budget. Each round trains
 * the study both ways, in alternating order, each time in a fresh in-memory store; a short
 * study before the rounds warms the JIT up. Besides wall time it reports, per pass, the
 * process's CPU time as a share of the cores, the garbage collectors' time, and the mean
 * tokens/s of a run: what to look at when the parallel pass gains less than the cores promise.
 *
 * <p>Usage: {@code StudyBenchmark [rounds]}, default 2.
 */
public final class StudyBenchmark {
    private static final ModelValue MODEL = new ModelValue(2, 64, 172, 4, 2, 64);
    private static final long TOKENS = 200_000;

    private StudyBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int cores = Runtime.getRuntime().availableProcessors();
        SyntheticLanguage data = SyntheticLanguage.generate(256, 2_000_000, 4, 1.0, 1, 0.05);
        FormatValue int4 = new FormatValue(IntFormat.symmetric(4), Granularity.group(32));
        List<RunSpec> study = new ArrayList<>();
        Budget budget = Budget.DEFAULT.with(TOKENS, 16, Budget.DEFAULT.lr());
        for (long seed = 1; seed <= 6; seed++) {
            study.add(new RunSpec(MODEL, new SchemeValue(null, null), budget, data, seed));
            study.add(new RunSpec(MODEL, new SchemeValue(int4, int4), budget, data, seed));
        }
        System.out.printf("%d cores; OMP_WAIT_POLICY=%s; OPENBLAS_CORETYPE=%s; load average %s%n", cores,
                System.getenv().getOrDefault("OMP_WAIT_POLICY", "(unset)"),
                System.getenv().getOrDefault("OPENBLAS_CORETYPE", "(unset)"), loadAverage());
        System.out.printf("%d runs of %s, %,d tokens each%n", study.size(), MODEL.written(), TOKENS);

        List<RunSpec> warmUp = List.of(new RunSpec(MODEL, new SchemeValue(null, null), budget.with(20_000, 16, budget.lr()), data,
                100), new RunSpec(MODEL, new SchemeValue(int4, int4), budget.with(20_000, 16, budget.lr()), data, 100));
        pass(0, warmUp);
        System.out.println("round  engine                wall s   CPU/cores   GC s   mean run tokens/s");
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            boolean oneFirst = round % 2 == 1;
            Pass first = pass(oneFirst ? 1 : 0, study);
            Pass second = pass(oneFirst ? 0 : 1, study);
            Pass one = oneFirst ? first : second;
            Pass many = oneFirst ? second : first;
            for (Pass p : oneFirst ? List.of(one, many) : List.of(many, one)) {
                System.out.printf("%5d  %-20s %7.1f %10.0f%% %6.1f %12.0f%n", round, p.engine, p.seconds,
                        100 * p.cpuSeconds / p.seconds / cores, p.gcSeconds, p.meanTokensPerSecond);
            }
            ratios.add(one.seconds / many.seconds);
            System.out.printf("round %d: default / workers: 1 = %.2fx faster%n", round, one.seconds / many.seconds);
        }
        System.out.printf("load average at the end %s; speed-ups %s%n", loadAverage(), ratios);
    }

    /** What one pass over the study took. */
    private record Pass(String engine, double seconds, double cpuSeconds, double gcSeconds, double meanTokensPerSecond) {
    }

    /** Trains {@code specs} in a fresh in-memory store with {@code workers} (0: the default). */
    private static Pass pass(int workers, List<RunSpec> specs) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long gcBefore = gcMillis();
        long start = System.nanoTime();
        StudyResult result;
        String engineName;
        try (LocalEngine engine = new LocalEngine(workers, RunCheckpoints.NONE)) {
            engineName = engine.describe();
            result = new Study(RunStore.inMemory(), engine, StudyOptions.DEFAULT).run(specs, QUIET);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double meanRate = result.outcomes().stream().filter(RunOutcome::finished).mapToDouble(o -> o.run().tokensPerSecond())
                .average().orElse(Double.NaN);
        if (result.summary().trained() != specs.size()) {
            throw new IllegalStateException("the benchmark's study did not train every run: " + result.summary().lines());
        }
        return new Pass(engineName, seconds, (os.getProcessCpuTime() - cpuBefore) / 1e9, (gcMillis() - gcBefore) / 1e3, meanRate);
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "(unknown)";
        }
    }

    /** Hears nothing but failures, which the benchmark reports. */
    private static final StudyListener QUIET = new StudyListener() {
        @Override
        public void finished(RunSpec spec, RunRecord run) {
        }

        @Override
        public void failed(RunSpec spec, RunFailure failure) {
            System.err.println("run " + spec.runId() + " failed: " + failure);
        }
    };
}
