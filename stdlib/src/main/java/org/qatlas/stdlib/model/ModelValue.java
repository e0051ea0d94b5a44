package org.qatlas.stdlib.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.value.FieldValue;
import org.qatlas.stdlib.value.Fields;

/**
 * A model shape as scripts see it: {@code llama(layers: 2, hidden: 64, ffn: 172, heads: 4,
 * kv_heads: 2, seq: 64)}, with its parameter counts and training FLOPs per token as fields
 * ({@code tiny.params}, {@code tiny.nonembed_params}, {@code tiny.flops_per_token}).
 */
public record ModelValue(LlamaConfig config) implements FieldValue {
    /** The fields a script sets; the others are derived. */
    public static final List<String> SETTINGS = List.of("layers", "hidden", "ffn", "heads", "kv_heads", "seq", "vocab", "tied");
    private static final List<String> FIELDS = List.of("layers", "hidden", "ffn", "heads", "kv_heads", "seq", "vocab", "tied",
            "params", "nonembed_params", "flops_per_token");

    /** {@code llama(...)} from a script's arguments, in the order of {@link #SETTINGS}; null means the default. */
    public static ModelValue of(Object layers, Object hidden, Object ffn, Object heads, Object kvHeads, Object seq, Object vocab,
            Object tied) {
        try {
            return build(layers, hidden, ffn, heads, kvHeads, seq, vocab, tied);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage().replace("kvHeads", "kv_heads");
            throw new IllegalArgumentException(message.startsWith("llama") ? message : "llama: " + message, e);
        }
    }

    private static ModelValue build(Object layers, Object hidden, Object ffn, Object heads, Object kvHeads, Object seq,
            Object vocab, Object tied) {
        int h = Fields.positiveInt("llama", "hidden", hidden);
        int nHeads = heads == null ? Math.max(1, h / 64) : Fields.positiveInt("llama", "heads", heads);
        return new ModelValue(new LlamaConfig(Fields.positiveInt("llama", "layers", layers), h,
                ffn == null ? defaultFfn(h) : Fields.positiveInt("llama", "ffn", ffn),
                nHeads,
                kvHeads == null ? nHeads : Fields.positiveInt("llama", "kv_heads", kvHeads),
                seq == null ? 256 : Fields.positiveInt("llama", "seq", seq),
                vocab == null ? LlamaConfig.BYTE_VOCAB : Fields.positiveInt("llama", "vocab", vocab),
                tied != null && Fields.bool("llama", "tied", tied)));
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
    public String kind() {
        return "llama";
    }

    @Override
    public List<String> fieldNames() {
        return FIELDS;
    }

    @Override
    public Object field(String name) {
        return switch (name) {
            case "params" -> config.totalParams();
            case "nonembed_params" -> config.nonEmbeddingParams();
            case "flops_per_token" -> config.flopsPerToken();
            default -> settings().get(name);
        };
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("layers", (long) config.layers());
        settings.put("hidden", (long) config.hidden());
        settings.put("ffn", (long) config.ffn());
        settings.put("heads", (long) config.heads());
        settings.put("kv_heads", (long) config.kvHeads());
        settings.put("seq", (long) config.seq());
        settings.put("vocab", (long) config.vocab());
        settings.put("tied", config.tiedEmbeddings());
        return settings;
    }

    @Override
    public ModelValue with(Map<String, Object> changes) {
        for (String name : changes.keySet()) {
            if (FIELDS.contains(name) && !SETTINGS.contains(name)) {
                throw new IllegalArgumentException("llama: " + name + " follows from the shape and cannot be set");
            }
        }
        Fields.checkNames("llama", changes, SETTINGS);
        Map<String, Object> merged = settings();
        merged.putAll(changes);
        return of(merged.get("layers"), merged.get("hidden"), merged.get("ffn"), merged.get("heads"), merged.get("kv_heads"),
                merged.get("seq"), merged.get("vocab"), merged.get("tied"));
    }

    @Override
    public String written() {
        LlamaConfig c = config;
        return "llama(layers: " + c.layers() + ", hidden: " + c.hidden() + ", ffn: " + c.ffn() + ", heads: " + c.heads()
                + ", kv_heads: " + c.kvHeads() + ", seq: " + c.seq() + (c.vocab() != LlamaConfig.BYTE_VOCAB ? ", vocab: " + c.vocab() : "")
                + (c.tiedEmbeddings() ? ", tied: true" : "") + ")";
    }
}
