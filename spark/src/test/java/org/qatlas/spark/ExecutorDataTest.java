package org.qatlas.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.RunSpecCodec;

class ExecutorDataTest {
    @Test
    void theRunsOfAStudyShareTheDataAnExecutorMadeOnceAndAnotherStudyMakesItAgain() {
        RunSpec first = TinyRuns.spec(TinyRuns.FP, 4, 1);
        RunSpec second = TinyRuns.spec(TinyRuns.W4A4, 4, 2);
        RunSpec firstRead = ExecutorData.read("study-a", RunSpecCodec.write(first));
        RunSpec secondRead = ExecutorData.read("study-a", RunSpecCodec.write(second));
        RunSpec otherStudy = ExecutorData.read("study-b", RunSpecCodec.write(second));

        assertEquals(first.runId(), firstRead.runId());
        assertEquals(second.runId(), secondRead.runId(), "the same run, data and all");
        assertEquals(second.config().toString(), secondRead.config().toString());
        assertNotSame(first.data(), firstRead.data(), "made again on the executor, from its settings");
        assertSame(firstRead.data(), secondRead.data());
        assertNotSame(secondRead.data(), otherStudy.data());
    }
}
