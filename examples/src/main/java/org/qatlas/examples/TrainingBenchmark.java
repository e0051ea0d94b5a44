package org.qatlas.examples;

import org.qatlas.stdlib.backend.Backend;
import org.qatlas.stdlib.backend.Backends;
import org.qatlas.stdlib.data.SyntheticLanguage;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.quant.FormatValue;
import org.qatlas.stdlib.quant.Granularity;
import org.qatlas.stdlib.quant.IntFormat;
import org.qatlas.stdlib.quant.SchemeValue;
import org.qatlas.stdlib.train.Budget;
import org.qatlas.stdlib.train.CheckpointPlan;
import org.qatlas.stdlib.train.GemmRate;
import org.qatlas.stdlib.train.Monitor;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.Trainer;

/**
 * Training throughput at three model sizes (layers/hidden/ffn/heads/kv/seq/batch), full
 * precision and W4A4 with groups of 32: tokens per second, model GFLOP/s, their share of the
 * machine's measured ND4J GEMM rate, and the cost of a QAT step relative to an FP step.
 * Each measured run follows a warm-up run of the same length on the same model shape, so
 * that the JIT has compiled the hot paths and the figures are a long run's steady state.
 *
 * <p>Usage: {@code TrainingBenchmark [--backend NAME] [steps]}: default 50 measured steps per
 * run on the standard backend ({@link Backends#standardName()}).
 */
public final class TrainingBenchmark {
    private static final int[][] SIZES = {
        {2, 64, 172, 4, 2, 64, 16},
        {4, 128, 344, 4, 2, 128, 16},
        {6, 256, 688, 8, 4, 128, 16},
    };

    private TrainingBenchmark() {
    }

    public static void main(String[] args) {
        String backendName = Backends.standardName();
        int steps = 50;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--backend") && i + 1 < args.length) {
                backendName = Backends.checkName(args[++i], "--backend");
            } else if (args[i].matches("\\d+")) {
                steps = Integer.parseInt(args[i]);
            } else {
                System.err.println("usage: bench-training [--backend cpu|nd4j|cuda] [STEPS]");
                System.exit(2);
            }
        }
        Backend backend = Backends.named(backendName); // refuses a backend that cannot run here, saying why
        SyntheticLanguage data = SyntheticLanguage.generate(256, 2_000_000, 4, 1.0, 1, 0.05);
        FormatValue int4 = new FormatValue(IntFormat.symmetric(4), Granularity.group(32));
        SchemeValue fp = new SchemeValue(null, null);
        SchemeValue w4a4 = new SchemeValue(int4, int4);
        double gemm = GemmRate.measured();
        System.out.printf("ND4J float32 GEMM 1024^3: %.1f GFLOP/s; OMP_WAIT_POLICY=%s; OPENBLAS_CORETYPE=%s%n", gemm / 1e9,
                System.getenv().getOrDefault("OMP_WAIT_POLICY", "(unset)"),
                System.getenv().getOrDefault("OPENBLAS_CORETYPE", "(unset: OpenBLAS detects the CPU)"));
        System.out.printf("backend %s on %s%n", backendName, backend.device());
        System.out.println("size (l/h/ffn/heads/kv/seq/batch)   scheme   tokens/s   GFLOP/s   of GEMM   QAT/FP step");
        for (int[] size : SIZES) {
            ModelValue model = new ModelValue(size[0], size[1], size[2], size[3], size[4], size[5]);
            double fpRate = 0;
            for (SchemeValue scheme : new SchemeValue[] {fp, w4a4}) {
                Budget budget = budget(size, steps);
                Trainer.train(new RunSpec(model, scheme, budget, data, 1000 + steps, backendName), CheckpointPlan.NONE,
                        Monitor.NONE); // warm-up
                RunRecord run = Trainer.train(new RunSpec(model, scheme, budget, data, 1, backendName), CheckpointPlan.NONE,
                        Monitor.NONE);
                String name = scheme == fp ? "FP" : "W4A4 g32";
                String ratio = scheme == fp ? "" : String.format("%.2f", fpRate / run.tokensPerSecond());
                if (scheme == fp) {
                    fpRate = run.tokensPerSecond();
                }
                System.out.printf("%-36s %-8s %9.0f %9.1f %8.1f%% %12s%n", sizeName(size), name, run.tokensPerSecond(), run.gflops(),
                        100 * run.mfu(), ratio);
            }
        }
    }

    private static Budget budget(int[] size, int steps) {
        long tokens = (long) steps * size[5] * size[6];
        return Budget.DEFAULT.with(tokens, size[6], Budget.DEFAULT.lr()).withEvalTokens(size[5]);
    }

    private static String sizeName(int[] size) {
        return size[0] + "/" + size[1] + "/" + size[2] + "/" + size[3] + "/" + size[4] + "/" + size[5] + "/" + size[6];
    }
}
