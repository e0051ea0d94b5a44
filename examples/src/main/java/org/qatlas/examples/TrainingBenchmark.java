package org.qatlas.examples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
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
 *
 * <p>Each size first trains a warm-up run of each scheme, so that the JIT has compiled the hot
 * paths, and each run is timed from the end of its first step, in which the step's workspace
 * may grow and the quantizers are set up: the figures are a long run's steady state. Then it
 * measures rounds of one FP and one W4A4 run, the order swapped from round to round: a shared
 * machine's speed drifts by 20% within minutes, so a ratio is only trusted between runs next to
 * each other. Reported: the median round's tokens/s (and the range), and the median of the
 * rounds' QAT/FP ratios (and the range).
 *
 * <p>Usage: {@code TrainingBenchmark [--backend NAME] [--rounds N] [steps]}: default 3 rounds of
 * 50 measured steps per run on the standard backend ({@link Backends#standardName()}).
 */
public final class TrainingBenchmark {
    private static final int[][] SIZES = {
        {2, 64, 172, 4, 2, 64, 16},
        {4, 128, 344, 4, 2, 128, 16},
        {6, 256, 688, 8, 4, 128, 16},
    };
    private static final String USAGE = "usage: bench-training [--backend cpu|nd4j|cuda] [--rounds N] [STEPS, at least 2]";

    private TrainingBenchmark() {
    }

    public static void main(String[] args) {
        String backendName = Backends.standardName();
        int steps = 50;
        int rounds = 3;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--backend") && i + 1 < args.length) {
                backendName = Backends.checkName(args[++i], "--backend");
            } else if (args[i].equals("--rounds") && i + 1 < args.length && args[i + 1].matches("[1-9]\\d{0,2}")) {
                rounds = Integer.parseInt(args[++i]);
            } else if (args[i].matches("[1-9]\\d{0,5}") && !args[i].equals("1")) { // timed from the end of step 1
                steps = Integer.parseInt(args[i]);
            } else {
                System.err.println(USAGE);
                System.exit(2);
            }
        }
        Backend backend = Backends.named(backendName); // refuses a backend that cannot run here, saying why
        SyntheticLanguage data = SyntheticLanguage.generate(256, 2_000_000, 4, 1.0, 1, 0.05);
        FormatValue int4 = new FormatValue(IntFormat.symmetric(4), Granularity.group(32));
        SchemeValue[] schemes = {new SchemeValue(null, null), new SchemeValue(int4, int4)};
        double gemm = GemmRate.measured();
        System.out.printf("ND4J float32 GEMM 1024^3: %.1f GFLOP/s; OMP_WAIT_POLICY=%s; OPENBLAS_CORETYPE=%s%n", gemm / 1e9,
                System.getenv().getOrDefault("OMP_WAIT_POLICY", "(unset)"),
                System.getenv().getOrDefault("OPENBLAS_CORETYPE", "(unset: OpenBLAS detects the CPU)"));
        System.out.printf("backend %s on %s; %d round%s of %d steps a run, FP and W4A4 alternating%n", backendName,
                backend.device(), rounds, rounds == 1 ? "" : "s", steps);
        System.out.println("size (l/h/ffn/heads/kv/seq/batch)   scheme   tokens/s (range)        GFLOP/s   of GEMM"
                + "   QAT/FP step (range)");
        for (int[] size : SIZES) {
            ModelValue model = new ModelValue(size[0], size[1], size[2], size[3], size[4], size[5]);
            Budget budget = budget(size, steps);
            for (SchemeValue scheme : schemes) {
                train(model, scheme, budget, data, 1000 + steps, backendName); // warm-up
            }
            List<List<Measured>> runs = List.of(new ArrayList<>(), new ArrayList<>());
            double[] ratios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < 2; k++) {
                    int which = round % 2 == 0 ? k : 1 - k;
                    runs.get(which).add(train(model, schemes[which], budget, data, 1 + round, backendName));
                }
                ratios[round] = runs.get(0).get(round).tokensPerSecond / runs.get(1).get(round).tokensPerSecond;
            }
            for (int which = 0; which < 2; which++) {
                List<Measured> sorted = new ArrayList<>(runs.get(which));
                sorted.sort(Comparator.comparingDouble(Measured::tokensPerSecond));
                Measured median = sorted.get(sorted.size() / 2);
                String rate = String.format("%.0f (%.0f-%.0f)", median.tokensPerSecond, sorted.get(0).tokensPerSecond,
                        sorted.get(sorted.size() - 1).tokensPerSecond);
                String ratio = which == 0 ? "" : range(ratios);
                System.out.printf("%-36s %-8s %-22s %8.1f %8.1f%% %22s%n", sizeName(size), which == 0 ? "FP" : "W4A4 g32", rate,
                        median.gflops(), 100 * median.mfu(), ratio);
            }
        }
    }

    /** A run's rate after its first step, and its GFLOP/s and share of the GEMM rate at that rate. */
    private record Measured(double tokensPerSecond, RunRecord run) {
        double gflops() {
            return run.gflops() * tokensPerSecond / run.tokensPerSecond();
        }

        double mfu() {
            return run.mfu() * tokensPerSecond / run.tokensPerSecond();
        }
    }

    private static Measured train(ModelValue model, SchemeValue scheme, Budget budget, SyntheticLanguage data, long seed,
            String backendName) {
        long[] clock = new long[2]; // the ends of the first and of the last step
        Monitor afterFirstStep = new Monitor() {
            @Override
            public void step(long step, long steps, long tokens, double loss, double tokensPerSecond) {
                clock[step == 1 ? 0 : 1] = System.nanoTime();
            }
        };
        RunRecord run = Trainer.train(new RunSpec(model, scheme, budget, data, seed, backendName), CheckpointPlan.NONE,
                afterFirstStep);
        double tokensPerStep = (double) run.tokens() / run.steps();
        return new Measured((run.steps() - 1) * tokensPerStep / ((clock[1] - clock[0]) / 1e9), run);
    }

    /** The median and the range, "1.07 (1.02-1.12)". */
    private static String range(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format("%.2f (%.2f-%.2f)", sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }

    private static Budget budget(int[] size, int steps) {
        long tokens = (long) steps * size[5] * size[6];
        return Budget.DEFAULT.with(tokens, size[6], Budget.DEFAULT.lr()).withEvalTokens(size[5]);
    }

    private static String sizeName(int[] size) {
        return size[0] + "/" + size[1] + "/" + size[2] + "/" + size[3] + "/" + size[4] + "/" + size[5] + "/" + size[6];
    }
}
