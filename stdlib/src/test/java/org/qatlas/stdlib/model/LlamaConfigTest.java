package org.qatlas.stdlib.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LlamaConfigTest {

    /**
     * Paper A's five sizes. Per layer: q and o are d*d each; k and v are d*(kv*headDim) each;
     * gate, up, down are d*ffn each; two norms of d. Then layers times that, plus the final
     * norm d. The expected numbers are written out by hand below.
     */
    @Test
    void paperASizesRoundToTheirNames() {
        // 74M: d 768, headDim 48, kv width 4*48 = 192.
        // 2*768*768 + 2*768*192 + 3*768*2048 + 2*768 = 1,179,648 + 294,912 + 4,718,592 + 1,536 = 6,194,688
        // 12 * 6,194,688 + 768 = 74,336,256 + 768 = 74,337,024
        checkSize(12, 768, 2048, 16, 4, 6_194_688L, 74_337_024L, 74);
        // 145M: d 1024, headDim 64, kv width 256.
        // 2,097,152 + 524,288 + 9,437,184 + 2,048 = 12,060,672; 12 * that + 1,024 = 144,729,088
        checkSize(12, 1024, 3072, 16, 4, 12_060_672L, 144_729_088L, 145);
        // 297M: d 1536, headDim 64, kv width 384.
        // 4,718,592 + 1,179,648 + 18,874,368 + 3,072 = 24,775,680; 12 * that + 1,536 = 297,309,696
        checkSize(12, 1536, 4096, 24, 6, 24_775_680L, 297_309_696L, 297);
        // 595M: the 297M block, 24 layers: 24 * 24,775,680 + 1,536 = 594,617,856
        checkSize(24, 1536, 4096, 24, 6, 24_775_680L, 594_617_856L, 595);
        // 973M: d 2048, headDim 64, kv width 512.
        // 8,388,608 + 2,097,152 + 50,331,648 + 4,096 = 60,821,504; 16 * that + 2,048 = 973,146,112
        checkSize(16, 2048, 8192, 32, 8, 60_821_504L, 973_146_112L, 973);
    }

    private static void checkSize(int layers, int hidden, int ffn, int heads, int kvHeads, long perLayer,
            long nonEmbedding, long millions) {
        LlamaConfig config = LlamaConfig.of(layers, hidden, ffn, heads, kvHeads, 2048);
        assertEquals(perLayer, config.paramsPerLayer());
        assertEquals(nonEmbedding, config.nonEmbeddingParams());
        assertEquals(millions, Math.round(config.nonEmbeddingParams() / 1e6));
    }

    @Test
    void embeddingsCountOnceWhenTied() {
        LlamaConfig untied = new LlamaConfig(2, 16, 24, 4, 2, 8, 256, false);
        LlamaConfig tied = untied.withTiedEmbeddings(true);
        assertEquals(untied.nonEmbeddingParams(), tied.nonEmbeddingParams());
        assertEquals(untied.nonEmbeddingParams() + 2 * 256 * 16, untied.totalParams());
        assertEquals(tied.nonEmbeddingParams() + 256 * 16, tied.totalParams());
        assertEquals(LlamaConfig.BYTE_VOCAB, LlamaConfig.of(1, 8, 8, 2, 1, 4).vocab());
    }

    @Test
    void flopsPerTokenFollowsPalm() {
        LlamaConfig c = new LlamaConfig(2, 16, 24, 4, 2, 8, 256, true);
        // per layer 2*256 + 2*16*8 + 3*16*24 + 32 = 512 + 256 + 1152 + 32 = 1952; N = 2*1952 + 16 = 3920
        assertEquals(3920, c.nonEmbeddingParams());
        double expected = 6.0 * 3920 + 12.0 * 2 * 8 * 16 + 6.0 * 256 * 16;
        assertEquals(expected, c.flopsPerToken(), 1e-9);
    }

    @Test
    void rejectsShapesThatDoNotDivide() {
        assertMessage("hidden (10) must be divisible by heads (4)", () -> LlamaConfig.of(1, 10, 8, 4, 2, 8));
        assertMessage("heads (6) must be divisible by kvHeads (4)", () -> LlamaConfig.of(1, 24, 8, 6, 4, 8));
        assertMessage("head dimension hidden/heads = 3 must be even", () -> LlamaConfig.of(1, 12, 8, 4, 2, 8));
        assertMessage("layers must be positive, not 0", () -> LlamaConfig.of(0, 16, 8, 4, 2, 8));
        assertMessage("vocab must be positive, not -1", () -> new LlamaConfig(1, 16, 8, 4, 2, 8, -1, true));
    }

    @Test
    void rejectsShapesWhoseParameterCountOverflowsALong() {
        int big = Integer.MAX_VALUE - 1; // even, so that one head of that width is allowed
        assertMessage("a shape of 2 layers, hidden 2147483646, ffn 2147483646 and vocab 256 has more parameters than a "
                + "64-bit count holds", () -> LlamaConfig.of(2, big, big, 1, 1, 8));
        LlamaConfig largest = LlamaConfig.of(1, 1 << 30, 2, 1 << 28, 1 << 28, 8); // about 2^62 parameters: counted exactly
        assertEquals(2L * (1L << 60) + 2L * (1L << 30) * (1L << 30) + 3L * (1L << 31) + 2L * (1L << 30) + (1L << 30),
                largest.nonEmbeddingParams());
    }

    @Test
    void aDefaultFfnBeyondAnIntIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelValue.TABLE.make(java.util.Map.of("layers", 1L, "hidden", 1_000_000_000L, "heads", 1L)));
        assertEquals("llama: ffn defaults to 8/3 of hidden, 2666666672 for hidden 1000000000, more than the largest width "
                + "2147483647; give ffn", e.getMessage());
    }

    private static void assertMessage(String start, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
