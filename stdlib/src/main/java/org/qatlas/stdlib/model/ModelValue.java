package org.qatlas.stdlib.model;

import java.util.List;
import java.util.function.Function;
import org.qatlas.stdlib.value.FieldTable;
import org.qatlas.stdlib.value.FieldTable.Computed;
import org.qatlas.stdlib.value.FieldTable.Field;
import org.qatlas.stdlib.value.FieldTable.Type;
import org.qatlas.stdlib.value.TableValue;

/**
 * A model shape as scripts see it: {@code llama(layers: 2, hidden: 64, ffn: 172, heads: 4,
 * kv_heads: 2, seq: 64)}, with its parameter counts and training FLOPs per token as fields
 * ({@code tiny.params}, {@code tiny.nonembed_params}, {@code tiny.flops_per_token}).
 *
 * <p>A run's id hashes this record's {@code toString()}, so it stays a record of one
 * {@link LlamaConfig}.
 */
public record ModelValue(LlamaConfig config) implements TableValue<ModelValue> {
    private static final Field<ModelValue, Integer> LAYERS = Field.required("layers", Type.POSITIVE_INT, m -> m.config.layers());
    private static final Field<ModelValue, Integer> HIDDEN = Field.required("hidden", Type.POSITIVE_INT, m -> m.config.hidden());
    private static final Field<ModelValue, Integer> FFN = Field.derived("ffn", Type.POSITIVE_INT, v -> defaultFfn(v.get(HIDDEN)),
            m -> m.config.ffn());
    /** Heads of 64 dimensions, Llama's width; at least one. */
    private static final Field<ModelValue, Integer> HEADS = Field.derived("heads", Type.POSITIVE_INT,
            v -> Math.max(1, v.get(HIDDEN) / 64), m -> m.config.heads());
    /** Without grouping, each query head has its own key/value head. */
    private static final Field<ModelValue, Integer> KV_HEADS = Field.derived("kv_heads", Type.POSITIVE_INT, v -> v.get(HEADS),
            m -> m.config.kvHeads());
    private static final Field<ModelValue, Integer> SEQ = Field.of("seq", Type.POSITIVE_INT, 256, m -> m.config.seq());
    private static final Field<ModelValue, Integer> VOCAB = Field.of("vocab", Type.POSITIVE_INT, LlamaConfig.BYTE_VOCAB,
            m -> m.config.vocab());
    private static final Field<ModelValue, Boolean> TIED = Field.of("tied", Type.BOOLEAN, false, m -> m.config.tiedEmbeddings());

    /**
     * The settings of {@code llama(...)}: layers and hidden must be given; ffn, heads and
     * kv_heads default to what Llama derives from hidden. The counts that follow from the shape
     * are fields too, which {@code with} cannot set.
     */
    public static final FieldTable<ModelValue> TABLE = new FieldTable<>("llama",
            List.of(LAYERS, HIDDEN, FFN, HEADS, KV_HEADS, SEQ, VOCAB, TIED), ModelValue::fromScript)
            .computing(List.of(shape("params", m -> m.config.totalParams()),
                    shape("nonembed_params", m -> m.config.nonEmbeddingParams()),
                    shape("flops_per_token", m -> m.config.flopsPerToken())));

    /** A shape with every setting given. */
    public ModelValue(int layers, int hidden, int ffn, int heads, int kvHeads, int seq, int vocab, boolean tied) {
        this(new LlamaConfig(layers, hidden, ffn, heads, kvHeads, seq, vocab, tied));
    }

    /** A shape over byte tokens with an untied head. */
    public ModelValue(int layers, int hidden, int ffn, int heads, int kvHeads, int seq) {
        this(LlamaConfig.of(layers, hidden, ffn, heads, kvHeads, seq));
    }

    private static Computed<ModelValue> shape(String name, Function<ModelValue, Object> getter) {
        return Computed.of(name, getter).refused("follows from the shape and cannot be set");
    }

    /** The shape a script asked for; the shape's own errors are worded as the script's names. */
    private static ModelValue fromScript(FieldTable.Values v) {
        try {
            return new ModelValue(v.get(LAYERS), v.get(HIDDEN), v.get(FFN), v.get(HEADS), v.get(KV_HEADS), v.get(SEQ),
                    v.get(VOCAB), v.get(TIED));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("llama: " + e.getMessage().replace("kvHeads", "kv_heads"), e);
        }
    }

    /** Llama's SwiGLU width: 8/3 of hidden, rounded up to a multiple of 8. */
    static int defaultFfn(int hidden) {
        long raw = (long) Math.ceil(8.0 * hidden / 3);
        long ffn = (raw + 7) / 8 * 8;
        if (ffn > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("llama: ffn defaults to 8/3 of hidden, " + ffn + " for hidden " + hidden
                    + ", more than the largest width " + Integer.MAX_VALUE + "; give ffn");
        }
        return (int) ffn;
    }

    @Override
    public FieldTable<ModelValue> table() {
        return TABLE;
    }

    /** Every setting but the defaults of vocab and tied; part of a run's stored configuration. */
    @Override
    public String written() {
        LlamaConfig c = config;
        return "llama(layers: " + c.layers() + ", hidden: " + c.hidden() + ", ffn: " + c.ffn() + ", heads: " + c.heads()
                + ", kv_heads: " + c.kvHeads() + ", seq: " + c.seq() + (c.vocab() != LlamaConfig.BYTE_VOCAB ? ", vocab: " + c.vocab() : "")
                + (c.tiedEmbeddings() ? ", tied: true" : "") + ")";
    }
}
