package org.qatlas.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.qatlas.stdlib.study.EngineProviders;

class UnreachableMasterTest {
    @Test
    @Timeout(30) // the engine's promise: an unreachable master is an error, never a wait
    void aMasterThatCannotBeReachedIsAClearErrorNotAWait() {
        int port = LocalStandaloneCluster.freePort();
        assertFalse(LocalStandaloneCluster.listening(port));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EngineProviders.open("spark", "spark://127.0.0.1:" + port, Map.of()));
        assertTrue(e.getMessage().startsWith("spark: cannot reach the Spark master at 127.0.0.1:" + port + " ("), e.getMessage());
        assertTrue(e.getMessage().contains("check the address"), e.getMessage());
    }
}
