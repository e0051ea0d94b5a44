package org.qatlas.stdlib.law;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.qatlas.stdlib.io.FileAccess;

/**
 * A fitted law as saved to a JSON file: enough to use it again without refitting. The law
 * itself travels as its declaration text ({@code source}), which the interpreter re-parses on
 * load; the fitted values are then plugged into it.
 *
 * <pre>{@code
 * {"format_version": 1, "name": "chen", "variables": ["N", "D", "G"],
 *  "parameters": [{"name": "k", "value": 0.158, "low": 0.15, "high": 0.166, "initial": 0.1, "lower_bound": 0.0}, ...],
 *  "statistics": {"rows": 300, "mean_relative_error": 0.047, ...},
 *  "warnings": [], "source": "law chen(N, D, G; ...) = ...", "target": "delta"}
 * }</pre>
 *
 * A statistic that is not a number (R^2 of constant targets) is written as the string "NaN".
 */
public record SavedLaw(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("name") String name,
        @JsonProperty("variables") List<String> variables,
        @JsonProperty("parameters") List<SavedParameter> parameters,
        @JsonProperty("statistics") SavedStatistics statistics,
        @JsonProperty("warnings") List<String> warnings,
        @JsonProperty("source") String source,
        @JsonProperty("target") String target) {

    /** The format this class writes; it reads this one only. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public SavedLaw {
        variables = variables == null ? null : List.copyOf(variables);
        parameters = parameters == null ? null : List.copyOf(parameters);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A fit with the law's declaration text. */
    public static SavedLaw of(Fit fit, String source) {
        List<SavedParameter> parameters = new ArrayList<>();
        double[] values = fit.values();
        for (int j = 0; j < values.length; j++) {
            Parameter p = fit.law().parameters().get(j);
            Interval interval = fit.intervals().get(j);
            parameters.add(new SavedParameter(p.name(), values[j], interval.known() ? interval.low() : null,
                    interval.known() ? interval.high() : null, p.initial(), p.bounded() ? p.lowerBound() : null));
        }
        return new SavedLaw(FORMAT_VERSION, fit.law().name(), fit.law().variables(), parameters,
                SavedStatistics.of(fit.statistics()), fit.warnings(), source, null);
    }

    /** The same saved fit, naming the field of the rows it was fitted to (null: not recorded). */
    public SavedLaw withTarget(String fittedTo) {
        return new SavedLaw(formatVersion, name, variables, parameters, statistics, warnings, source, fittedTo);
    }

    /** The fitted values, in the saved parameter order. */
    public double[] values() {
        return parameters.stream().mapToDouble(SavedParameter::value).toArray();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write law " + name + " as JSON", e);
        }
    }

    /** Writes {@link #toJson()} to a file through {@code files}, replacing it. */
    public void write(FileAccess files, String file) throws IOException {
        try (OutputStream out = files.newOutputStream(file)) {
            out.write(toJson().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Reads a saved law.
     *
     * @throws IOException naming the file when it is missing, unreadable, not JSON, or not a
     *     saved law of this format
     */
    public static SavedLaw read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IOException("no saved law at " + file + ": the file does not exist", e);
        } catch (IOException e) {
            throw new IOException("cannot read the saved law " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses a saved law from JSON text.
     *
     * @param origin where the text came from, for error messages (a file name)
     */
    public static SavedLaw parse(String json, String origin) throws IOException {
        SavedLaw law;
        try {
            law = JSON.readValue(json, SavedLaw.class);
        } catch (JsonProcessingException e) {
            throw new IOException(origin + " is not a saved law (malformed JSON): " + e.getOriginalMessage(), e);
        }
        if (law == null) {
            throw new IOException(origin + " is not a saved law: it is empty");
        }
        if (law.formatVersion() != FORMAT_VERSION) {
            throw new IOException(origin + " is a saved law of format version " + law.formatVersion()
                    + "; this version reads format " + FORMAT_VERSION);
        }
        String missing = law.name() == null ? "name"
                : law.variables() == null ? "variables"
                : law.parameters() == null ? "parameters"
                : law.source() == null ? "source" : null;
        if (missing != null) {
            throw new IOException(origin + " is not a complete saved law: \"" + missing + "\" is missing");
        }
        for (SavedParameter p : law.parameters()) {
            if (p.name() == null) {
                throw new IOException(origin + " is not a complete saved law: a parameter has no name");
            }
        }
        return law;
    }
}
