package org.qatlas.enginefixture;

import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.study.Engine;
import org.qatlas.stdlib.study.EngineProvider;
import org.qatlas.stdlib.study.StudyListener;
import org.qatlas.stdlib.train.RunSpec;

/**
 * A provider for EngineProvidersTest, outside the standard library's packages (which a module
 * always takes from the application): its class file is copied into a module jar, so the test can
 * see which class loader made it. Its engine trains nothing and says where it runs.
 */
public final class FakeEngineProvider implements EngineProvider {
    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Engine open(String master, Map<String, String> options) {
        return new FakeEngine(master);
    }

    /** Trains nothing; says where it would run. */
    public record FakeEngine(String master) implements Engine {
        @Override
        public void train(List<RunSpec> specs, StudyListener listener) {
        }

        @Override
        public String describe() {
            return "fake(" + master + ")";
        }
    }
}
