package org.qatlas.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.junit.jupiter.api.Test;

/**
 * Built-ins that copy a range into a list refuse one that cannot fit in the heap, at the call,
 * instead of running out of memory after a long wait. The figures depend on the machine's heap,
 * so the golden tests cannot hold them; two billion elements need at least 40 GB, more than any
 * heap this suite runs with.
 */
class HugeListTest {

    @Test
    void aListLargerThanTheHeapIsRefusedAtTheCall() {
        assumeTrue(Runtime.getRuntime().maxMemory() < 40_000_000_000L, "a heap of 40 GB or more might hold the list");
        for (String call : new String[] {"reversed(range(2B))", "enumerate(range(2B))", "sort(range(2B))",
                "zip(range(2B), range(2B))"}) {
            PolyglotException error = assertThrows(PolyglotException.class, () -> eval("xs = " + call));
            assertTrue(error.isGuestException() && !error.isInternalError(), call + ": " + error);
            String function = call.substring(0, call.indexOf('('));
            assertTrue(error.getMessage().matches(function + "\\(\\) cannot make a list of 2000000000 elements: it needs at "
                    + "least \\d+\\.\\d GB, more than the \\d+\\.\\d GB this process may use"), error.getMessage());
            assertEquals(1, error.getSourceLocation().getStartLine());
            assertEquals(6, error.getSourceLocation().getStartColumn(), "the error points at the call");
        }
    }

    @Test
    void aListThatFitsIsMade() {
        assertEquals(1_000_000, eval("len(reversed(range(1M)))"));
        assertEquals(1_000_000, eval("len(zip(range(1M), range(1M)))"));
    }

    private static long eval(String code) {
        try (Context context = Context.newBuilder("qat").allowAllAccess(true)
                .option("engine.WarnInterpreterOnly", "false").build()) {
            return context.eval("qat", code).asLong();
        }
    }
}
