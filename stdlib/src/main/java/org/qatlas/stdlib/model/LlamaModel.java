package org.qatlas.stdlib.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.backend.Backend;
import org.qatlas.stdlib.backend.Backends;

/**
 * A Llama-style decoder with explicit forward and backward passes. A training step is
 * {@link #lossAndGradients} (forward through every layer, caching, then backward through
 * every layer, accumulating into {@link #gradients()}) followed by an optimizer update of
 * {@link #parameters()}.
 *
 * <p>Parameter names (stable, in this order): "embed.weight" [vocab, hidden]; per layer i
 * "layers.i.attn_norm.weight" [hidden], "layers.i.attn.q.weight" [hidden, hidden],
 * "layers.i.attn.k.weight" and "layers.i.attn.v.weight" [hidden, kvHeads*headDim],
 * "layers.i.attn.o.weight" [hidden, hidden], "layers.i.mlp_norm.weight" [hidden],
 * "layers.i.mlp.gate.weight" and "layers.i.mlp.up.weight" [hidden, ffn],
 * "layers.i.mlp.down.weight" [ffn, hidden]; "norm.weight" [hidden]; "head.weight"
 * [vocab, hidden] unless the head is tied to the embedding. Linear weights are [in, out].
 *
 * <p>Linear layers, for quantization hooks: "layers.i.q", "layers.i.k", "layers.i.v",
 * "layers.i.o", "layers.i.fc1" (gate and up: one input, weight [gate | up]) and "layers.i.fc2"
 * (down). The embedding and the head have no hooks.
 *
 * <p>Initialization (GPT-2 style): matrices normal(0, 0.02), the two projections that write
 * into the residual stream (o and down) scaled by 1/sqrt(2 * layers) so that the stream's
 * variance does not grow with depth; norm weights 1. Deterministic given the seed.
 *
 * <p>Tokens come as int[batch][time + 1]: positions 0..time-1 are inputs, 1..time targets.
 */
public final class LlamaModel {
    public static final double INIT_STD = 0.02;

    /**
     * Every temporary of a forward/backward pass lives in this workspace: one block of native
     * memory, learned on the first pass and reused by every later one. Without it each of the
     * hundreds of temporaries per step is a fresh off-heap allocation that only a Java GC frees;
     * the heap barely grows, so GC rarely runs, native memory grows by hundreds of MB per step
     * (until the OOM killer steps in) and the kernel spends more time faulting in fresh pages
     * than the arithmetic takes. Nothing allocated in it may outlive the pass: caches kept
     * across steps (RoPE tables, masks, quantizer parameters) are made outside it, and the
     * linear layers' last inputs are copied out before it closes when asked to be kept
     * ({@link #keepLinearInputs}), else forgotten.
     */
    private static final String STEP_WORKSPACE = "qatlas-model-step";
    private static final WorkspaceConfiguration STEP_CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.05)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private final LlamaConfig config;
    private final Backend backend;
    private final DataType dataType;
    private final Map<String, INDArray> parameters = new LinkedHashMap<>();
    private final Map<String, INDArray> gradients = new LinkedHashMap<>();
    private final Map<String, Linear> linears = new LinkedHashMap<>();
    private final Embedding embedding;
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final RmsNorm finalNorm;
    private final LmHead head;
    private final Backend.CrossEntropy crossEntropy;
    private boolean keepLinearInputs;

    /** A model on the standard backend ({@link Backends#standard()}). */
    public LlamaModel(LlamaConfig config, long seed) {
        this(config, Backends.standard(), seed);
    }

    /** A model whose layers compute on {@code backend}, in its data type (float32, or float64 for the reference). */
    public LlamaModel(LlamaConfig config, Backend backend, long seed) {
        this.config = Objects.requireNonNull(config);
        this.backend = Objects.requireNonNull(backend);
        this.dataType = backend.dataType();
        this.crossEntropy = backend.crossEntropy();
        long d = config.hidden();
        long f = config.ffn();
        long kv = config.kvDim();
        double residualStd = INIT_STD / Math.sqrt(2.0 * config.layers());

        embedding = new Embedding(matrix("embed.weight", seed, INIT_STD, config.vocab(), d),
                gradients.get("embed.weight"), backend);
        for (int i = 0; i < config.layers(); i++) {
            String p = "layers." + i + ".";
            RmsNorm attentionNorm = norm(p + "attn_norm.weight");
            Linear q = linear(p + "q", p + "attn.q.weight", seed, INIT_STD, d, d);
            Linear k = linear(p + "k", p + "attn.k.weight", seed, INIT_STD, d, kv);
            Linear v = linear(p + "v", p + "attn.v.weight", seed, INIT_STD, d, kv);
            Linear o = linear(p + "o", p + "attn.o.weight", seed, residualStd, d, d);
            RmsNorm mlpNorm = norm(p + "mlp_norm.weight");
            INDArray gate = matrix(p + "mlp.gate.weight", seed, INIT_STD, d, f);
            INDArray up = matrix(p + "mlp.up.weight", seed, INIT_STD, d, f);
            Linear fc1 = register(new Linear(p + "fc1", new INDArray[] {gate, up},
                    new INDArray[] {gradients.get(p + "mlp.gate.weight"), gradients.get(p + "mlp.up.weight")}, backend));
            Linear fc2 = linear(p + "fc2", p + "mlp.down.weight", seed, residualStd, f, d);
            blocks.add(new TransformerBlock(attentionNorm,
                    new Attention(q, k, v, o, config.heads(), config.kvHeads(), backend),
                    mlpNorm, new SwiGlu(fc1, fc2, backend), backend));
        }
        finalNorm = norm("norm.weight");
        if (config.tiedEmbeddings()) {
            head = new LmHead(parameters.get("embed.weight"), gradients.get("embed.weight"), backend);
        } else {
            head = new LmHead(matrix("head.weight", seed, INIT_STD, config.vocab(), d), gradients.get("head.weight"), backend);
        }
    }

    public LlamaConfig config() {
        return config;
    }

    public DataType dataType() {
        return dataType;
    }

    /** What the layers compute on. */
    public Backend backend() {
        return backend;
    }

    /** The live parameter arrays by name; an optimizer updates them in place. */
    public Map<String, INDArray> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** The gradient accumulators, same names and shapes as {@link #parameters()}. */
    public Map<String, INDArray> gradients() {
        return Collections.unmodifiableMap(gradients);
    }

    /** The linear layers by name ("layers.0.q" ... "layers.0.fc2"), for quantization hooks. */
    public Map<String, Linear> linears() {
        return Collections.unmodifiableMap(linears);
    }

    /**
     * Whether passes from now on keep every linear layer's input for {@link #lastLinearInputs}
     * (default: no). Keeping them costs a copy of each input out of the step workspace per
     * pass, so training keeps them only for the pass that computes its diagnostics.
     */
    public void keepLinearInputs(boolean keep) {
        keepLinearInputs = keep;
    }

    /**
     * The raw input of every linear layer in the last forward pass (training or evaluation)
     * run while {@link #keepLinearInputs} was on, keyed "layers.i.q.input" ...
     * "layers.i.fc2.input", for activation statistics such as kurtosis; empty if that pass ran
     * with it off. Arrays are [batch*time, in]; q, k and v share one array.
     */
    public Map<String, INDArray> lastLinearInputs() {
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        linears.forEach((name, linear) -> {
            if (linear.lastInput() != null) {
                inputs.put(name + ".input", linear.lastInput());
            }
        });
        return inputs;
    }

    public void zeroGradients() {
        gradients.values().forEach(g -> g.assign(0));
    }

    /** One training forward and backward: zeroes the gradients, fills them, returns the mean loss. */
    public double lossAndGradients(int[][] tokens) {
        zeroGradients();
        return accumulateGradients(tokens, 1.0);
    }

    /**
     * Forward and backward that add {@code weight} times this batch's gradient to the
     * gradients already there (micro-batching); returns this batch's mean loss.
     */
    public double accumulateGradients(int[][] tokens, double weight) {
        int batch = tokens.length;
        int time = checkTokens(tokens);
        return inStep(() -> {
            INDArray x = embedding.forward(inputs(tokens, time));
            for (TransformerBlock block : blocks) {
                x = block.forward(x, batch, time);
            }
            double loss = crossEntropy.forward(head.forward(finalNorm.forward(x)), targets(tokens, time), true);

            INDArray grad = finalNorm.backward(head.backward(crossEntropy.backward(weight)));
            for (int i = blocks.size() - 1; i >= 0; i--) {
                grad = blocks.get(i).backward(grad);
            }
            embedding.backward(grad);
            return loss;
        });
    }

    /** Evaluation: the mean loss, no caches, gradients untouched. */
    public double forwardLoss(int[][] tokens) {
        int time = checkTokens(tokens);
        return inStep(() -> crossEntropy.forward(logitsOf(inputs(tokens, time), tokens.length, time), targets(tokens, time), false));
    }

    /** Logits [batch*time, vocab] for inputs int[batch][time] (no targets), row b*time + t. */
    public INDArray logits(int[][] inputs) {
        int time = checkRows(inputs, 1, config.seq());
        return inStep(() -> logitsOf(inputs(inputs, time), inputs.length, time).detach());
    }

    /**
     * Runs one step's work in the reused step workspace, then copies the linear layers' last
     * inputs out of it if they are to be kept; otherwise, or if the work fails, the layers
     * forget their inputs, which point into the workspace.
     */
    private <T> T inStep(java.util.function.Supplier<T> work) {
        boolean kept = false;
        try (MemoryWorkspace step = stepWorkspace()) {
            T result = work.get();
            if (keepLinearInputs) {
                copyLinearInputs();
                kept = true;
            }
            return result;
        } finally {
            if (!kept) {
                linears.values().forEach(Linear::forgetLastInput);
            }
        }
    }

    private static MemoryWorkspace stepWorkspace() {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP_CONFIG, STEP_WORKSPACE);
    }

    /** Copies the linear layers' last inputs out of the step workspace (q, k and v share one copy). */
    private void copyLinearInputs() {
        Map<INDArray, INDArray> kept = new IdentityHashMap<>();
        for (Linear linear : linears.values()) {
            linear.keepLastInput(kept);
        }
    }

    private INDArray logitsOf(int[] flatInputs, int batch, int time) {
        INDArray x = embedding.infer(flatInputs);
        for (TransformerBlock block : blocks) {
            x = block.infer(x, batch, time);
        }
        return head.infer(finalNorm.infer(x));
    }

    /** Checks a token batch [batch][time + 1]; returns time. */
    private int checkTokens(int[][] tokens) {
        return checkRows(tokens, 2, config.seq() + 1) - 1;
    }

    private static int checkRows(int[][] rows, int minLength, int maxLength) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("empty batch");
        }
        int length = rows[0].length;
        for (int[] row : rows) {
            if (row.length != length) {
                throw new IllegalArgumentException("all sequences in a batch must have the same length");
            }
        }
        if (length < minLength || length > maxLength) {
            throw new IllegalArgumentException("sequence length " + length + " must be between " + minLength
                    + " and " + maxLength + " (the context length plus one target)");
        }
        return length;
    }

    /** The first {@code time} tokens of each row, flattened batch-major. */
    private static int[] inputs(int[][] tokens, int time) {
        int[] flat = new int[tokens.length * time];
        for (int b = 0; b < tokens.length; b++) {
            System.arraycopy(tokens[b], 0, flat, b * time, time);
        }
        return flat;
    }

    /** Tokens 1..time of each row: the next token after each input. */
    private static int[] targets(int[][] tokens, int time) {
        int[] flat = new int[tokens.length * time];
        for (int b = 0; b < tokens.length; b++) {
            System.arraycopy(tokens[b], 1, flat, b * time, time);
        }
        return flat;
    }

    private INDArray matrix(String name, long seed, double std, long rows, long cols) {
        return add(name, ParameterInit.normal(name, seed, std, dataType, rows, cols));
    }

    private RmsNorm norm(String name) {
        add(name, ParameterInit.ones(dataType, config.hidden()));
        return new RmsNorm(parameters.get(name), gradients.get(name), backend);
    }

    private Linear linear(String name, String weightName, long seed, double std, long in, long out) {
        return register(new Linear(name, matrix(weightName, seed, std, in, out), gradients.get(weightName), backend));
    }

    private Linear register(Linear linear) {
        linears.put(linear.name(), linear);
        return linear;
    }

    private INDArray add(String name, INDArray value) {
        parameters.put(name, value);
        gradients.put(name, value.ulike().assign(0));
        return value;
    }
}
