package org.qatlas.stdlib.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.qatlas.stdlib.backend.Backends;
import org.qatlas.stdlib.data.TokenData;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.quant.SchemeValue;

/**
 * The configuration of one run of a study: everything {@code train} needs and nothing else.
 * Two specs with the same settings have the same {@link #runId()}, so a study trains each
 * distinct configuration once and a store answers it later.
 *
 * <p>{@code backend} names what computes the run ({@link Backends}). Backends agree to float32
 * rounding (their parity suite checks it), not bit for bit: a rounding that flips in fake
 * quantization can move a run's losses a little. So a run of the nd4j or cuda backend has an id
 * of its own, and a store answers it only with a run of the same backend; the cpu backend's
 * runs keep the ids they had before backends existed.
 */
public record RunSpec(ModelValue model, SchemeValue scheme, Budget budget, TokenData data, long seed, String backend) {

    /** A spec for the standard backend ({@link Backends#standardName()}). */
    public RunSpec(ModelValue model, SchemeValue scheme, Budget budget, TokenData data, long seed) {
        this(model, scheme, budget, data, seed, Backends.standardName());
    }

    /** The same run on another backend. */
    public RunSpec on(String backendName) {
        return new RunSpec(model, scheme, budget, data, seed, backendName);
    }

    /** The configuration as a run record shows it: model, scheme, budget, data (described) and seed. */
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", model);
        config.put("scheme", scheme);
        config.put("budget", budget);
        config.put("data", data.describe());
        config.put("seed", seed);
        return config;
    }

    /** A short id from the whole configuration: the same settings always get the same id. */
    public String runId() {
        String canonical = model.toString() + scheme + budget + data.describe() + seed
                + (backend.equals("cpu") ? "" : " on " + backend);
        long hash = 0xcbf29ce484222325L;
        for (byte b : canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L; // FNV-1a
        }
        return java.util.HexFormat.of().toHexDigits(hash).substring(0, 12);
    }
}
