package org.qatlas.stdlib.study;

import java.util.Map;

/**
 * Makes study engines of one kind, for engines that live in modules of their own and are loaded
 * only when a script asks for them ({@link EngineProviders}): "spark" comes from the
 * qatlas-spark module, which carries Apache Spark. A module names its provider in
 * {@code META-INF/services/org.qatlas.stdlib.study.EngineProvider}.
 */
public interface EngineProvider {
    /** The name scripts ask for, as in {@code spark("local[2]")}: "spark". */
    String name();

    /**
     * Opens an engine.
     *
     * @param master where the runs go: for Spark a master URL ({@code local[2]}, {@code spark://host:7077})
     * @param options the engine's own settings by name (for Spark, its configuration: {@code spark.executor.memory})
     * @throws IllegalArgumentException for a master or option the engine does not understand
     * @throws IllegalStateException when the engine cannot start (its cluster cannot be reached)
     */
    Engine open(String master, Map<String, String> options);
}
