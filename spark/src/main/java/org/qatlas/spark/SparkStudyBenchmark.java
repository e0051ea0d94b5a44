package org.qatlas.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.qatlas.stdlib.data.SyntheticLanguage;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.quant.SchemeValue;
import org.qatlas.stdlib.study.Engine;
import org.qatlas.stdlib.study.LocalEngine;
import org.qatlas.stdlib.study.RunCheckpoints;
import org.qatlas.stdlib.study.StudyListener;
import org.qatlas.stdlib.train.Budget;
import org.qatlas.stdlib.train.Monitor;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.Trainer;

/**
 * The same study on the Spark engine ({@code local[2]}) and on the local engine with two workers:
 * 12 runs of llama(layers: 2, hidden: 64, ffn: 172, heads: 4, kv_heads: 2, seq: 64) at 200K
 * tokens, full precision, distinct by seed, on a synthetic language of byte tokens, after a
 * warm-up of two short runs trained directly. Prints each engine's wall time (start, training,
 * stop) and checks that both give the same losses.
 *
 * <pre>
 * java --add-opens=java.base/java.lang=ALL-UNNAMED ... -cp "spark/target/qatlas-spark-*.jar:spark/target/lib/*" \
 *     org.qatlas.spark.SparkStudyBenchmark [local|spark]...   (default: local spark)
 * </pre>
 */
public final class SparkStudyBenchmark {
    /** The study's size; {@code -Dqatlas.bench.runs=N} for a quicker look. */
    private static final int RUNS = Integer.getInteger("qatlas.bench.runs", 12);

    private SparkStudyBenchmark() {
    }

    public static void main(String[] args) {
        List<String> engines = args.length == 0 ? List.of("local", "spark") : List.of(args);
        long generating = System.nanoTime();
        SyntheticLanguage data = SyntheticLanguage.generate(256, 1_000_000, 1, 1.0, 1, 0.05);
        System.out.printf("data: %s, generated in %.2f s (a Spark executor makes it again, once per study)%n", data.describe(),
                (System.nanoTime() - generating) / 1e9);
        List<RunSpec> specs = new ArrayList<>();
        ModelValue model = new ModelValue(2, 64, 172, 4, 2, 64);
        Budget budget = Budget.TABLE.make(Map.of("tokens", 200_000L));
        for (int seed = 1; seed <= RUNS; seed++) {
            specs.add(new RunSpec(model, new SchemeValue(null, null), budget, data, seed));
        }
        System.out.printf("study: %d runs of %s, %s%n", RUNS, model.written(), Budget.TABLE.call(budget));
        // The JIT compiles the training code before either engine is timed, so that the first
        // engine measured does not pay for it alone.
        long warming = System.nanoTime();
        Budget warmUp = Budget.TABLE.make(Map.of("tokens", 40_000L));
        for (int seed = 1; seed <= 2; seed++) {
            Trainer.train(model, new SchemeValue(null, null), warmUp, data, -seed, Monitor.NONE);
        }
        System.out.printf("warm-up: 2 runs of 40K tokens trained directly in %.1f s%n", (System.nanoTime() - warming) / 1e9);
        Map<String, Map<RunSpec, Double>> losses = new ConcurrentHashMap<>();
        for (String name : engines) {
            losses.put(name, measure(name, specs));
        }
        if (losses.size() > 1) {
            boolean same = losses.values().stream().distinct().count() == 1;
            System.out.println("losses the same on every engine: " + same);
        }
    }

    /** Opens, trains the study on, and closes engine {@code name}; prints the times; returns each run's loss. */
    private static Map<RunSpec, Double> measure(String name, List<RunSpec> specs) {
        Map<RunSpec, Double> losses = new ConcurrentHashMap<>();
        List<Double> tokensPerSecond = new ArrayList<>();
        StudyListener listener = new StudyListener() {
            @Override
            public void finished(RunSpec spec, RunRecord run) {
                losses.put(spec, run.loss());
                synchronized (tokensPerSecond) {
                    tokensPerSecond.add(run.tokensPerSecond());
                }
            }

            @Override
            public void failed(RunSpec spec, RunFailure failure) {
                System.out.println(name + ": run " + spec.runId() + " failed: " + failure.reason());
            }
        };
        long start = System.nanoTime();
        Engine engine = switch (name) {
            case "local" -> new LocalEngine(2, RunCheckpoints.NONE);
            case "spark" -> SparkEngine.open("local[2]", Map.of());
            default -> throw new IllegalArgumentException("engines are local and spark, not " + name);
        };
        long opened = System.nanoTime();
        engine.train(specs, listener);
        long trained = System.nanoTime();
        String described = engine.describe();
        engine.close();
        long closed = System.nanoTime();
        double mean = tokensPerSecond.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        System.out.printf("%s: %s: %.1f s in all (start %.1f s, %d runs %.1f s, stop %.1f s); %.0f tokens/s per run on average%n",
                name, described, (closed - start) / 1e9, (opened - start) / 1e9, losses.size(), (trained - opened) / 1e9,
                (closed - trained) / 1e9, mean);
        return losses;
    }
}
