package org.qatlas.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.Test;

/**
 * A run that no machine can hold is refused at its train(...) call with the estimate and the
 * limit it exceeds. The limit is this machine's memory, so the message is checked up to that
 * number (the golden tests need output that is the same everywhere).
 */
class TrainMemoryLimitTest {
    @Test
    void aModelNoMachineCanHoldIsRefusedAtTheCallWithTheEstimate() {
        String script = """
                deep = llama(layers: 100000, hidden: 4096)
                run = train(deep, quant(), budget(tokens: 1M), synthetic(vocab: 16, tokens: 2K))
                """;
        try (Context context = Context.create("qat")) {
            PolyglotException e = assertThrows(PolyglotException.class,
                    () -> context.eval(Source.create("qat", script)));
            assertTrue(e.isGuestException(), e.getMessage());
            assertFalse(e.isInternalError(), e.getMessage());
            assertEquals(2, e.getSourceLocation().getStartLine());
            assertEquals("train(deep, quant(), budget(tokens: 1M), synthetic(vocab: 16, tokens: 2K))",
                    e.getSourceLocation().getCharacters().toString());
            String estimate = "train: llama(layers: 100000, hidden: 4096, ffn: 10928, heads: 64, kv_heads: 64, seq: 256) with "
                    + "batch 16 needs about 1,353 TB of memory (1,205 TB native: 322 TB of parameters, gradients and AdamW "
                    + "moments, 883 TB of activations and temporaries; 148 TB of Java heap), more than the ";
            assertTrue(e.getMessage().startsWith(estimate), e.getMessage());
            String limit = e.getMessage().substring(estimate.length());
            assertTrue(limit.matches("[0-9.,]+ [GT]B of memory this machine has; train a smaller model, or a smaller batch or seq"),
                    limit);
        }
    }
}
