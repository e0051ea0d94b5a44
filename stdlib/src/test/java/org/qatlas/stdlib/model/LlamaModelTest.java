package org.qatlas.stdlib.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.qatlas.stdlib.backend.TestBackends;

class LlamaModelTest {
    static {
        GradientCheck.useOneOpThread();
    }

    /** layers 2, hidden 16, ffn 24, heads 4, kvHeads 2, seq 8, a 32-token vocabulary. */
    private static final LlamaConfig TINY = new LlamaConfig(2, 16, 24, 4, 2, 8, 32, false);

    private static int[][] tokens(int batch, int length, int vocab, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] tokens = new int[batch][length];
        for (int[] row : tokens) {
            for (int i = 0; i < length; i++) {
                row[i] = random.nextInt(vocab);
            }
        }
        return tokens;
    }

    @Test
    void parametersHaveStableNamesAndShapes() {
        LlamaModel model = new LlamaModel(TINY, TestBackends.CPU, 1);
        List<String> expected = List.of("embed.weight",
                "layers.0.attn_norm.weight", "layers.0.attn.q.weight", "layers.0.attn.k.weight",
                "layers.0.attn.v.weight", "layers.0.attn.o.weight", "layers.0.mlp_norm.weight",
                "layers.0.mlp.gate.weight", "layers.0.mlp.up.weight", "layers.0.mlp.down.weight",
                "layers.1.attn_norm.weight", "layers.1.attn.q.weight", "layers.1.attn.k.weight",
                "layers.1.attn.v.weight", "layers.1.attn.o.weight", "layers.1.mlp_norm.weight",
                "layers.1.mlp.gate.weight", "layers.1.mlp.up.weight", "layers.1.mlp.down.weight",
                "norm.weight", "head.weight");
        assertEquals(expected, List.copyOf(model.parameters().keySet()));
        assertEquals(expected, List.copyOf(model.gradients().keySet()));
        Map<String, INDArray> p = model.parameters();
        assertShape(p.get("embed.weight"), 32, 16);
        assertShape(p.get("layers.0.attn.q.weight"), 16, 16);
        assertShape(p.get("layers.0.attn.k.weight"), 16, 8);
        assertShape(p.get("layers.0.attn.o.weight"), 16, 16);
        assertShape(p.get("layers.0.mlp.up.weight"), 16, 24);
        assertShape(p.get("layers.0.mlp.down.weight"), 24, 16);
        assertShape(p.get("layers.0.mlp_norm.weight"), 16);
        assertShape(p.get("head.weight"), 32, 16);
        long count = p.values().stream().mapToLong(INDArray::length).sum();
        assertEquals(TINY.totalParams(), count);
        assertEquals(List.of("layers.0.q", "layers.0.k", "layers.0.v", "layers.0.o", "layers.0.fc1", "layers.0.fc2",
                "layers.1.q", "layers.1.k", "layers.1.v", "layers.1.o", "layers.1.fc1", "layers.1.fc2"),
                List.copyOf(model.linears().keySet()));
        assertTrue(p.values().stream().allMatch(a -> a.dataType() == DataType.FLOAT));
    }

    @Test
    void tiedModelHasNoHeadWeight() {
        LlamaModel tied = new LlamaModel(TINY.withTiedEmbeddings(true), TestBackends.CPU, 1);
        assertFalse(tied.parameters().containsKey("head.weight"));
        assertEquals(TINY.withTiedEmbeddings(true).totalParams(),
                tied.parameters().values().stream().mapToLong(INDArray::length).sum());
    }

    @Test
    void initializationIsDeterministicInTheSeed() {
        LlamaModel a = new LlamaModel(TINY, TestBackends.CPU, 42);
        LlamaModel b = new LlamaModel(TINY, TestBackends.CPU, 42);
        LlamaModel c = new LlamaModel(TINY, TestBackends.CPU, 43);
        a.parameters().forEach((name, value) -> assertEquals(value, b.parameters().get(name), name));
        assertNotEquals(a.parameters().get("layers.0.attn.q.weight"), c.parameters().get("layers.0.attn.q.weight"));
        // A tied model shares every tensor the untied one has, value for value.
        LlamaModel tied = new LlamaModel(TINY.withTiedEmbeddings(true), TestBackends.CPU, 42);
        tied.parameters().forEach((name, value) -> assertEquals(value, a.parameters().get(name), name));
    }

    @Test
    void initialStatisticsFollowGpt2() {
        LlamaConfig wide = new LlamaConfig(4, 128, 256, 4, 2, 8, 64, false);
        LlamaModel model = new LlamaModel(wide, TestBackends.REFERENCE, 7);
        assertEquals(0.02, std(model.parameters().get("layers.0.attn.q.weight")), 0.001);
        assertEquals(0.02 / Math.sqrt(8), std(model.parameters().get("layers.0.attn.o.weight")), 0.0005);
        assertEquals(0.02 / Math.sqrt(8), std(model.parameters().get("layers.3.mlp.down.weight")), 0.0005);
        assertEquals(1.0, model.parameters().get("norm.weight").minNumber().doubleValue());
        assertEquals(1.0, model.parameters().get("layers.2.mlp_norm.weight").maxNumber().doubleValue());
    }

    private static double std(INDArray a) {
        return a.stdNumber().doubleValue();
    }

    @Test
    void lossAtInitializationIsAboutLnVocab() {
        LlamaConfig bytes = TINY.withVocab(256);
        LlamaModel model = new LlamaModel(bytes, TestBackends.CPU, 3);
        double loss = model.forwardLoss(tokens(4, 9, 256, 5));
        assertEquals(Math.log(256), loss, 0.05);
    }

    /** Changing token p leaves the logits of positions before p as they were. */
    @Test
    void attentionIsCausal() {
        LlamaModel model = new LlamaModel(TINY, TestBackends.REFERENCE, 11);
        scaleForSharperAttention(model);
        int[][] inputs = tokens(2, 8, 32, 12);
        INDArray before = model.logits(inputs);
        inputs[1][5] = (inputs[1][5] + 1) % 32;
        INDArray after = model.logits(inputs);
        // Rows are b*8 + t: sequence 1 positions 0..4 are rows 8..12; 5.. must change.
        assertTrue(before.get(NDArrayIndex.interval(0, 13), NDArrayIndex.all())
                .equalsWithEps(after.get(NDArrayIndex.interval(0, 13), NDArrayIndex.all()), 1e-12));
        for (int row = 13; row < 16; row++) {
            assertFalse(before.getRow(row).equalsWithEps(after.getRow(row), 1e-9), "row " + row + " should change");
        }
    }

    @Test
    void forwardLossMatchesTheTrainingLoss() {
        LlamaModel model = new LlamaModel(TINY, TestBackends.REFERENCE, 13);
        int[][] batch = tokens(2, 9, 32, 14);
        assertEquals(model.forwardLoss(batch), model.lossAndGradients(batch), 1e-12);
        // Shorter sequences than the context are allowed.
        int[][] shorter = tokens(3, 5, 32, 15);
        assertEquals(model.forwardLoss(shorter), model.lossAndGradients(shorter), 1e-12);
    }

    /** The central check: every tensor's gradient against finite differences of the loss. */
    @Test
    void wholeModelGradientsMatchFiniteDifferences() {
        LlamaModel model = new LlamaModel(TINY, TestBackends.REFERENCE, 17);
        scaleForSharperAttention(model);
        int[][] batch = tokens(2, 9, 32, 18);
        model.lossAndGradients(batch);
        long seed = 19;
        double worst = 0; // a float64 run gives about 4e-7 at worst, on a gradient entry near zero
        for (Map.Entry<String, INDArray> entry : model.parameters().entrySet()) {
            String name = entry.getKey();
            worst = Math.max(worst, GradientCheck.assertSampled(name, entry.getValue(), model.gradients().get(name),
                    () -> model.forwardLoss(batch), 3, seed++));
        }
        assertTrue(worst < GradientCheck.TOLERANCE);
    }

    /** Tied: the embedding's gradient is the sum of what the lookup and the head send it. */
    @Test
    void tiedEmbeddingGradientMatchesFiniteDifferences() {
        LlamaModel model = new LlamaModel(TINY.withTiedEmbeddings(true), TestBackends.REFERENCE, 17);
        scaleForSharperAttention(model);
        int[][] batch = tokens(2, 9, 32, 18);
        model.lossAndGradients(batch);
        GradientCheck.assertSampled("tied embed.weight", model.parameters().get("embed.weight"),
                model.gradients().get("embed.weight"), () -> model.forwardLoss(batch), 8, 20);
    }

    /** Two half-weight micro-batches accumulate to the gradient of their union. */
    @Test
    void accumulatedMicroBatchesMatchOneBatch() {
        LlamaModel model = new LlamaModel(TINY, TestBackends.REFERENCE, 23);
        int[][] batch = tokens(4, 9, 32, 24);
        model.lossAndGradients(batch);
        Map<String, INDArray> whole = copy(model.gradients());
        model.zeroGradients();
        model.accumulateGradients(new int[][] {batch[0], batch[1]}, 0.5);
        model.accumulateGradients(new int[][] {batch[2], batch[3]}, 0.5);
        whole.forEach((name, g) -> assertTrue(g.equalsWithEps(model.gradients().get(name), 1e-12), name));
    }

    @Test
    void hooksSeeTheLinearInputsAndInputsAreRecorded() {
        LlamaModel model = new LlamaModel(TINY, TestBackends.CPU, 29);
        int[] calls = new int[1];
        model.linears().get("layers.1.fc2").setInputTransform(new TensorTransform() {
            @Override
            public INDArray forward(INDArray x) {
                calls[0]++;
                return x;
            }

            @Override
            public INDArray backward(INDArray gradOut) {
                calls[0] += 100;
                return gradOut;
            }
        });
        model.lossAndGradients(tokens(2, 9, 32, 30));
        assertEquals(101, calls[0]);
        assertTrue(model.lastLinearInputs().isEmpty(), "inputs are not kept unless asked for");
        model.keepLinearInputs(true);
        model.lossAndGradients(tokens(2, 9, 32, 30));
        Map<String, INDArray> inputs = model.lastLinearInputs();
        assertEquals(12, inputs.size());
        assertShape(inputs.get("layers.1.fc2.input"), 16, 24);
        assertShape(inputs.get("layers.0.q.input"), 16, 16);
    }

    @Test
    void rejectsBadBatches() {
        LlamaModel model = new LlamaModel(TINY, TestBackends.CPU, 1);
        assertThrows(IllegalArgumentException.class, () -> model.forwardLoss(tokens(2, 10, 32, 1)));
        assertThrows(IllegalArgumentException.class, () -> model.forwardLoss(new int[][] {{1, 2, 3}, {1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> model.forwardLoss(new int[][] {{1, 40}}));
    }

    /**
     * At init (std 0.02) attention is nearly uniform and the loss nearly flat, which would let
     * a wrong gradient pass unnoticed; larger weights and uneven norms make every path count.
     */
    private static void scaleForSharperAttention(LlamaModel model) {
        SplittableRandom random = new SplittableRandom(99);
        model.parameters().forEach((name, value) -> {
            if (value.rank() == 2) {
                value.muli(15.0);
            } else {
                for (long i = 0; i < value.length(); i++) {
                    value.putScalar(i, 1.0 + 0.3 * (random.nextDouble() - 0.5));
                }
            }
        });
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> arrays) {
        Map<String, INDArray> copy = new java.util.LinkedHashMap<>();
        arrays.forEach((name, a) -> copy.put(name, a.dup()));
        return copy;
    }

    private static void assertShape(INDArray a, long... shape) {
        assertTrue(java.util.Arrays.equals(shape, a.shape()), java.util.Arrays.toString(a.shape()));
    }
}
