package org.qatlas.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Times the interpreter on a scalar-heavy loop (examples/bench/law-loop.qat: ten million
 * evaluations of a power law) against the same loop written in Java, in one JVM so that the
 * two are compared on the same machine at the same moment. Which Truffle runtime runs the
 * script (the optimizing one, or the fallback interpreter) depends on how the JVM was
 * started; bin/bench-interpreter runs both.
 *
 * <p>Usage: {@code LawLoopBenchmark [iterations [rounds]]}, defaults 10M and 8 rounds; the
 * first half of the rounds are warm-up, the median of the rest is reported.
 */
public final class LawLoopBenchmark {
    private LawLoopBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        long iterations = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Path script = Path.of(System.getProperty("qat.bench.script", "examples/bench/law-loop.qat"));

        double javaSeconds = median(time(rounds, () -> javaLoop(iterations)));
        double hoistedSeconds = median(time(rounds, () -> javaLoopHoisted(iterations)));
        try (Context context = Context.newBuilder("qat").allowAllAccess(true).build()) {
            context.eval(Source.newBuilder("qat", script.toFile()).build());
            Value run = context.getBindings("qat").getMember("run");
            double expected = javaLoop(iterations);
            double actual = run.execute(iterations).asDouble();
            if (Math.abs(actual - expected) > 1e-9 * Math.abs(expected)) {
                throw new IllegalStateException("the script computed " + actual + ", Java " + expected);
            }
            double qatSeconds = median(time(rounds, () -> run.execute(iterations).asDouble()));
            String runtime = context.getEngine().getImplementationName();
            System.out.printf("runtime: %s%n", runtime);
            System.out.printf("iterations: %d, rounds: %d (median of the last %d)%n", iterations, rounds, rounds - rounds / 2);
            System.out.printf("plain Java: %8.3f s  (%6.1f ns per evaluation)%n", javaSeconds, 1e9 * javaSeconds / iterations);
            System.out.printf("Java, constant factors hoisted by hand: %8.3f s  (%6.1f ns per evaluation)%n",
                    hoistedSeconds, 1e9 * hoistedSeconds / iterations);
            System.out.printf("Qatlas:     %8.3f s  (%6.1f ns per evaluation)%n", qatSeconds, 1e9 * qatSeconds / iterations);
            System.out.printf("ratio Qatlas / Java: %.2f; Qatlas / hoisted Java: %.2f%n", qatSeconds / javaSeconds,
                    qatSeconds / hoistedSeconds);
        }
    }

    /** The loop of law-loop.qat in Java. */
    static double javaLoop(long iterations) {
        double total = 0;
        for (long i = 0; i < iterations; i++) {
            double n = 74_000_000L + i;
            total += 0.1582 * Math.pow(10e9, 0.0745) * Math.pow(Math.log(128) / Math.log(2), 0.7779) / Math.pow(n, 0.2186);
        }
        return total;
    }

    /**
     * The same loop with the factors that do not depend on i computed once, as a careful
     * programmer would write it (HotSpot's C2 does not hoist Math.pow calls by itself; Graal
     * folds them in the compiled script).
     */
    static double javaLoopHoisted(long iterations) {
        double constant = 0.1582 * Math.pow(10e9, 0.0745) * Math.pow(Math.log(128) / Math.log(2), 0.7779);
        double total = 0;
        for (long i = 0; i < iterations; i++) {
            total += constant / Math.pow(74_000_000L + i, 0.2186);
        }
        return total;
    }

    private interface Work {
        double run();
    }

    /** Seconds of each round; the sum of results is kept so the JIT cannot drop the work. */
    private static double[] time(int rounds, Work work) {
        double[] seconds = new double[rounds];
        double sink = 0;
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            sink += work.run();
            seconds[r] = (System.nanoTime() - start) / 1e9;
        }
        if (sink == 42) {
            System.out.println();
        }
        return Arrays.copyOfRange(seconds, rounds / 2, rounds);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
