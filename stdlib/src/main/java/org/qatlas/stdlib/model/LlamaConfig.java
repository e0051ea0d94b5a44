package org.qatlas.stdlib.model;

/**
 * The shape of a Llama-3-style decoder: RMSNorm before each sublayer, rotary positions,
 * grouped-query attention and a SwiGLU MLP, no biases anywhere. Paper A (Chen et al. 2025,
 * arXiv 2505.14302) names its models by {@link #nonEmbeddingParams()}: 74M is
 * (12, 768, 2048, 16, 4), 145M (12, 1024, 3072, 16, 4), 297M (12, 1536, 4096, 24, 6),
 * 595M (24, 1536, 4096, 24, 6) and 973M (16, 2048, 8192, 32, 8).
 *
 * @param layers         transformer blocks
 * @param hidden         model width d
 * @param ffn            inner width of the SwiGLU MLP
 * @param heads          query heads
 * @param kvHeads        key/value heads; each serves {@code heads / kvHeads} query heads
 * @param seq            context length (the longest input the rotary tables cover)
 * @param vocab          token count; 256 for byte tokens
 * @param tiedEmbeddings whether the LM head reuses the token embedding matrix
 */
public record LlamaConfig(int layers, int hidden, int ffn, int heads, int kvHeads, int seq, int vocab,
        boolean tiedEmbeddings) {

    /** Byte tokens: the vocabulary the project's corpora use. */
    public static final int BYTE_VOCAB = 256;

    public LlamaConfig {
        requirePositive("layers", layers);
        requirePositive("hidden", hidden);
        requirePositive("ffn", ffn);
        requirePositive("heads", heads);
        requirePositive("kvHeads", kvHeads);
        requirePositive("seq", seq);
        requirePositive("vocab", vocab);
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("hidden (" + hidden + ") must be divisible by heads (" + heads
                    + ") so that every head has the same width");
        }
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("heads (" + heads + ") must be divisible by kvHeads (" + kvHeads
                    + ") so that each key/value head serves a whole group of query heads");
        }
        if ((hidden / heads) % 2 != 0) {
            throw new IllegalArgumentException("head dimension hidden/heads = " + hidden / heads
                    + " must be even: rotary embeddings rotate pairs of coordinates");
        }
        if (!countsFit(layers, hidden, ffn, kvHeads * (hidden / heads), vocab)) {
            throw new IllegalArgumentException("a shape of " + layers + " layers, hidden " + hidden + ", ffn " + ffn
                    + " and vocab " + vocab + " has more parameters than a 64-bit count holds");
        }
    }

    /**
     * Whether the parameter count of this shape fits in a long; then so does every partial
     * count below, which are computed in plain long arithmetic.
     */
    private static boolean countsFit(long layers, long d, long ffn, long kvDim, long vocab) {
        try {
            long attention = Math.addExact(Math.multiplyExact(2 * d, d), Math.multiplyExact(2 * d, kvDim));
            long perLayer = Math.addExact(Math.addExact(attention, Math.multiplyExact(3 * d, ffn)), 2 * d);
            long all = Math.addExact(Math.multiplyExact(layers, perLayer), d);
            Math.addExact(all, Math.multiplyExact(2 * vocab, d));
            return true;
        } catch (ArithmeticException overflow) {
            return false;
        }
    }

    /** Byte vocabulary, untied head. */
    public static LlamaConfig of(int layers, int hidden, int ffn, int heads, int kvHeads, int seq) {
        return new LlamaConfig(layers, hidden, ffn, heads, kvHeads, seq, BYTE_VOCAB, false);
    }

    public LlamaConfig withVocab(int newVocab) {
        return new LlamaConfig(layers, hidden, ffn, heads, kvHeads, seq, newVocab, tiedEmbeddings);
    }

    public LlamaConfig withSeq(int newSeq) {
        return new LlamaConfig(layers, hidden, ffn, heads, kvHeads, newSeq, vocab, tiedEmbeddings);
    }

    public LlamaConfig withTiedEmbeddings(boolean tied) {
        return new LlamaConfig(layers, hidden, ffn, heads, kvHeads, seq, vocab, tied);
    }

    public int headDim() {
        return hidden / heads;
    }

    /** Width of the key (and of the value) projection: kvHeads * headDim. */
    public int kvDim() {
        return kvHeads * headDim();
    }

    /** Parameters of one block: q, k, v, o, gate, up, down and the two RMSNorm weights. */
    public long paramsPerLayer() {
        long d = hidden;
        long attention = d * d + 2 * d * kvDim() + d * d;
        long mlp = 3 * d * ffn;
        long norms = 2 * d;
        return attention + mlp + norms;
    }

    /**
     * Everything except the token embedding and the LM head: all blocks plus the final
     * RMSNorm. This is the N of paper A's law.
     */
    public long nonEmbeddingParams() {
        return layers * paramsPerLayer() + hidden;
    }

    /** Token embedding plus LM head (counted once when tied). */
    public long embeddingParams() {
        long table = (long) vocab * hidden;
        return tiedEmbeddings ? table : 2 * table;
    }

    public long totalParams() {
        return nonEmbeddingParams() + embeddingParams();
    }

    /**
     * Training FLOPs per token (forward plus backward), PaLM's convention (Chowdhery et al.
     * 2022, appendix B): 6 per weight for every matrix the token passes through, namely
     * {@code 6 * nonEmbeddingParams()} (norm weights included; they are a rounding error),
     * plus {@code 12 * layers * seq * hidden} for the two attention products QK^T and PV at
     * full context, counted without halving for the causal mask, plus
     * {@code 6 * vocab * hidden} for the LM head. The embedding lookup costs no FLOPs.
     */
    public double flopsPerToken() {
        return 6.0 * nonEmbeddingParams() + 12.0 * layers * seq * hidden + 6.0 * vocab * hidden;
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
