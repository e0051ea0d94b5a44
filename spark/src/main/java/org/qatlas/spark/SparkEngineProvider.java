package org.qatlas.spark;

import java.util.Map;
import org.qatlas.stdlib.study.Engine;
import org.qatlas.stdlib.study.EngineProvider;

/** The "spark" engine: {@code spark("local[2]")}, {@code spark("spark://head:7077")}. */
public final class SparkEngineProvider implements EngineProvider {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Engine open(String master, Map<String, String> options) {
        return SparkEngine.open(master, options);
    }
}
