package org.qatlas.stdlib.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qatlas.stdlib.model.ModelValue;

class RunLimitsTest {
    private static final ModelValue SMALL = new ModelValue(1, 16, 32, 2, 1, 16, 16, false);

    private static Budget budget(long tokens, long batch) {
        return Budget.DEFAULT.with(tokens, (int) batch, Budget.DEFAULT.lr());
    }

    private static String refusal(ModelValue model, Budget budget) {
        return assertThrows(IllegalArgumentException.class, () -> RunLimits.check(model, budget)).getMessage();
    }

    @Test
    void aWeightLargerThanOneJavaArrayIsRefusedByName() {
        ModelValue huge = new ModelValue(2000, 65536, 174768, 1024, 1024, 256);
        assertEquals("train: llama(layers: 2000, hidden: 65536, ffn: 174768, heads: 1024, kv_heads: 1024, seq: 256) is too "
                + "large to train with batch 16: each layer's mlp.gate.weight [65536, 174768] would have 11,453,595,648 "
                + "values, more than the 2,147,483,639 one Java array holds; use a smaller hidden or ffn",
                refusal(huge, budget(1_000_000, 16)));
    }

    @Test
    void activationsLargerThanOneJavaArrayAreRefusedWithTheBatch() {
        ModelValue wide = new ModelValue(1, 64, 4096, 1, 1, 4096);
        assertEquals("train: llama(layers: 1, hidden: 64, ffn: 4096, heads: 1, kv_heads: 1, seq: 4096) is too large to train "
                + "with batch 128: the MLP's [gate | up] activations [524,288, 2 × 4096] would have 4,294,967,296 values, more "
                + "than the 2,147,483,639 one Java array holds; use a smaller batch, seq or ffn",
                refusal(wide, budget(1L << 40, 128)));
        assertDoesNotThrow(() -> RunLimits.check(wide, budget(1L << 40, 32)));
    }

    @Test
    void theLargestTensorIsNamedAndProductsDoNotOverflow() {
        ModelValue longContext = new ModelValue(1, 2, 2, 1, 1, Integer.MAX_VALUE, 2, false);
        RunLimits.Tensor largest = RunLimits.largestTensor(longContext.config(), Integer.MAX_VALUE);
        // [2^62 rows, 2 × 2] overflows a long: counted as the longest possible, not as a negative product.
        assertEquals("the MLP's [gate | up] activations", largest.name());
        assertEquals(Long.MAX_VALUE, largest.values());
        assertEquals("one head's attention scores", RunLimits.largestTensor(longContext.config(), 1).name());
    }

    @Test
    void aBudgetBelowOneStepIsRefused() {
        assertEquals("train: a budget of 10 tokens is less than one step of 16 × 16 = 256 tokens (batch × seq); give at "
                + "least 256 tokens, or a smaller batch or seq", refusal(SMALL, budget(10, 16)));
        assertEquals("train: a budget of 1 token is less than one step of 2 × 16 = 32 tokens (batch × seq); give at least "
                + "32 tokens, or a smaller batch or seq", refusal(SMALL, budget(1, 2)));
        assertDoesNotThrow(() -> RunLimits.check(SMALL, budget(256, 16)));
    }

    @Test
    void moreStepsThanOneRunCanRecordAreRefused() {
        assertEquals("train: a budget of 1T tokens is 7,812,500,000 steps of 8 × 16 = 128 tokens, more than the "
                + "2,147,483,639 steps one run can record; give fewer tokens or a larger batch",
                refusal(SMALL, budget(1_000_000_000_000L, 8)));
        assertDoesNotThrow(() -> RunLimits.check(SMALL, budget(RunLimits.MAX_ARRAY * 128, 8)));
        assertThrows(IllegalArgumentException.class, () -> RunLimits.check(SMALL, budget((RunLimits.MAX_ARRAY + 1) * 128, 8)));
    }

    @Test
    void moreHeldOutWindowsThanAnyRunReadsAreRefused() {
        Budget evalForever = budget(1024, 16).withEvalTokens(1L << 62);
        assertEquals("train: eval_tokens of 4,611,686,018,427,387,904 is 288,230,376,151,711,744 held-out windows of 16 tokens, more than the "
                + "2,147,483,639 one evaluation reads; give fewer eval_tokens", refusal(SMALL, evalForever));
        assertDoesNotThrow(() -> RunLimits.check(SMALL, budget(1024, 16).withEvalTokens(RunLimits.MAX_ARRAY * 16)));
    }
}
