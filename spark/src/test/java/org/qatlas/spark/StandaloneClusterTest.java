package org.qatlas.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.qatlas.stdlib.study.Engine;
import org.qatlas.stdlib.study.EngineProviders;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;

/** A study on a real standalone cluster: a master and a worker of two cores, started here as child processes. */
class StandaloneClusterTest {
    @Test
    @Timeout(180) // a guard against a hang only: a run of this study takes well under a second
    void aFourRunStudyTrainsOnTheClustersExecutorsToTheDirectResults(@TempDir Path folder) throws Exception {
        List<RunSpec> specs = TinyRuns.study(4, 10);
        TinyRuns.Recorder heard = new TinyRuns.Recorder();
        try (LocalStandaloneCluster cluster = LocalStandaloneCluster.start(folder, 2)) {
            try (Engine engine = EngineProviders.open("spark", cluster.masterUrl(), Map.of("spark.executor.memory", "1g"))) {
                engine.train(specs, heard);
            }
            assertEquals(Map.of(), heard.failed, cluster.logs());
            assertEquals(specs.size(), heard.finished.size(), cluster.logs());
            assertEquals(specs.size(), heard.started.size());
        }
        for (RunSpec spec : specs) {
            RunRecord direct = TinyRuns.direct(spec);
            assertEquals(direct.loss(), heard.finished.get(spec).loss());
            assertEquals(direct.curve(), heard.finished.get(spec).curve());
            // Trained by the executor's JVM, not this one, on one thread (one run per executor core).
            Map<String, Object> provenance = heard.finished.get(spec).provenance();
            assertNotEquals(ProcessHandle.current().pid(), provenance.get("pid"));
            assertEquals(1L, provenance.get("threads"));
        }
    }
}
