package org.qatlas.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qatlas.stdlib.data.TokenData;
import org.qatlas.stdlib.io.FileAccess;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.quant.SchemeValue;
import org.qatlas.stdlib.train.Budget;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.RunSpecCodec;

/**
 * Reads run configurations on an executor, making each study's data once per executor JVM
 * rather than once per run: the runs of a study mostly share their data, and generating a
 * synthetic language of a million tokens takes about half a second, reading a corpus longer.
 * The data is kept for the study that asked for it only (the key holds the study's id), so a
 * corpus edited between two studies is read again; the last few data sets are kept.
 */
final class ExecutorData {
    private static final int KEPT = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** By study and data settings, least recently used first. */
    private static final Map<String, TokenData> DATA = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TokenData> eldest) {
            return size() > KEPT;
        }
    };

    private ExecutorData() {
    }

    /**
     * The run {@code specJson} describes, its data made or read unless this JVM holds it for the
     * study already. Tasks starting together wait for the first to make it.
     */
    static synchronized RunSpec read(String study, String specJson) {
        String key = study + " " + dataSettings(specJson);
        TokenData data = DATA.get(key);
        if (data == null) {
            RunSpec spec = RunSpecCodec.read(specJson, FileAccess.local());
            DATA.put(key, spec.data());
            return spec;
        }
        Map<String, Object> config = RunSpecCodec.config(specJson);
        return new RunSpec((ModelValue) config.get("model"), (SchemeValue) config.get("scheme"), (Budget) config.get("budget"),
                data, (Long) config.get("seed"));
    }

    /** The data's part of the configuration, as JSON text. */
    private static String dataSettings(String specJson) {
        try {
            JsonNode data = JSON.readTree(specJson).get("data");
            if (data == null) {
                throw new IllegalArgumentException("run configuration: the data is missing");
            }
            return data.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a run configuration (JSON that does not parse: " + e.getOriginalMessage() + ")",
                    e);
        }
    }
}
