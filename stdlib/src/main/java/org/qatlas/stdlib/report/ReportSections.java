package org.qatlas.stdlib.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qatlas.stdlib.io.FileAccess;
import org.qatlas.stdlib.law.Fit;
import org.qatlas.stdlib.text.Suggestions;
import org.qatlas.stdlib.value.Fields;

/**
 * A report's sections read from plain values, as {@code report(path, sections: [...])} gives
 * them: each section is a string (a paragraph) or a record whose one kind field says what it is,
 * with a few options beside it. Errors name the section as the script indexes it
 * ({@code sections[2]}) and say what it may hold.
 *
 * <pre>
 * { heading: "Setup" }                                    a heading
 * { text: "..." }                                         paragraphs (a blank line between them)
 * { table: rows, columns: ["N", "loss"], caption: "" }    a table of records or runs, or of a table file
 * { chart: "runs/fit.svg", caption: "" }                  an .svg or .png file, as plot writes them
 * { law: fit, paper: { k: 0.1582 }, caption: "" }         a fitted law's constants beside the paper's
 * { findings: [{ claim:, paper:, measured:, interval: [lo, hi], reproduced: "yes", note: }] }
 * </pre>
 *
 * Any kind may also carry {@code heading:}, shown before it. The law section takes a
 * {@link Fit}; the interpreter puts a fitted law's fit there, and a law's constants as the
 * paper's values.
 */
public final class ReportSections {
    /** Each kind with the fields its record may have, the kind's own first. */
    private static final Map<String, List<String>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("text", List.of("text", "heading"));
        KINDS.put("table", List.of("table", "columns", "caption", "heading"));
        KINDS.put("chart", List.of("chart", "caption", "heading"));
        KINDS.put("law", List.of("law", "paper", "caption", "heading"));
        KINDS.put("findings", List.of("findings", "caption", "heading"));
    }

    private static final List<String> FINDING_FIELDS = List.of("claim", "paper", "measured", "interval", "reproduced", "note");

    private ReportSections() {
    }

    /** The sections of a list of strings and records; image files are read through {@code files}. */
    public static List<Section> read(Object sections, FileAccess files) {
        if (!(sections instanceof List<?> list)) {
            throw new IllegalArgumentException("report: sections must be a list of records such as { text: \"...\" }, not "
                    + Fields.show(sections));
        }
        List<Section> read = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "report: sections[" + i + "]";
            switch (list.get(i)) {
                case String text -> read.add(new Section.Text(text));
                case Map<?, ?> record -> read(record, where, files, read);
                case null, default -> throw new IllegalArgumentException(where + " must be a record such as { text: \"...\" } "
                        + "or a string, not " + Fields.show(list.get(i)));
            }
        }
        return read;
    }

    private static void read(Map<?, ?> record, String where, FileAccess files, List<Section> read) {
        List<String> kinds = KINDS.keySet().stream().filter(record::containsKey).toList();
        if (kinds.size() > 1) {
            throw new IllegalArgumentException(where + " has both " + kinds.get(0) + " and " + kinds.get(1)
                    + "; give each its own section");
        }
        if (kinds.isEmpty() && !(record.size() == 1 && record.containsKey("heading"))) {
            throw new IllegalArgumentException(where + " is no kind of section: a section is a record with one of the fields "
                    + String.join(", ", KINDS.keySet()) + " (or heading alone); it has " + names(record));
        }
        if (record.containsKey("heading")) {
            read.add(new Section.Heading(string(record, "heading", where)));
        }
        if (kinds.isEmpty()) {
            return;
        }
        String kind = kinds.get(0);
        checkFields(record, kind, where);
        String caption = record.get("caption") == null ? "" : string(record, "caption", where);
        read.add(switch (kind) {
            case "text" -> new Section.Text(string(record, "text", where));
            case "table" -> table(record, caption, where, files);
            case "chart" -> image(string(record, "chart", where), caption, where, files);
            case "law" -> law(record, where);
            default -> new Section.Findings(findings(record.get("findings"), where + ".findings"), caption);
        });
    }

    private static void checkFields(Map<?, ?> record, String kind, String where) {
        List<String> allowed = KINDS.get(kind);
        for (Object name : record.keySet()) {
            if (!allowed.contains(String.valueOf(name))) {
                throw new IllegalArgumentException(where + " (" + kind + ") has no field '" + name + "'"
                        + Suggestions.didYouMean(String.valueOf(name), allowed) + "; a " + kind + " section takes "
                        + String.join(", ", allowed));
            }
        }
    }

    private static Section table(Map<?, ?> record, String caption, String where, FileAccess files) {
        List<Map<String, Object>> rows = ReportRows.of(record.get("table"), files, where + ".table");
        List<String> columns = ReportRows.columns(rows);
        if (record.get("columns") != null) {
            if (!(record.get("columns") instanceof List<?> chosen) || !chosen.stream().allMatch(String.class::isInstance)) {
                throw new IllegalArgumentException(where + ".columns must be a list of column names, not "
                        + Fields.show(record.get("columns")));
            }
            columns = chosen.stream().map(String.class::cast).toList();
        }
        try {
            return new Section.Table(rows, columns, caption);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".columns: " + e.getMessage());
        }
    }

    private static Section image(String path, String caption, String where, FileAccess files) {
        String lower = path.toLowerCase(Locale.ROOT);
        String type = lower.endsWith(".svg") ? "image/svg+xml" : lower.endsWith(".png") ? "image/png" : null;
        if (type == null) {
            throw new IllegalArgumentException(where + ".chart must be the path of an .svg or .png file (plot writes them), not \""
                    + path + "\"");
        }
        if (!files.exists(path)) {
            throw new IllegalArgumentException(where + ".chart: no such file: " + path);
        }
        try (InputStream in = files.newInputStream(path)) {
            return new Section.ImageFigure(in.readAllBytes(), type, caption);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ".chart: cannot read " + path + ": " + e.getMessage());
        }
    }

    private static Section law(Map<?, ?> record, String where) {
        if (!(record.get("law") instanceof Fit fit)) {
            throw new IllegalArgumentException(where + ".law must be a fitted law (what fit(...) returns), not "
                    + Fields.show(record.get("law")));
        }
        Map<String, Double> paper = new LinkedHashMap<>();
        Object given = record.get("paper");
        if (given != null) {
            if (!(given instanceof Map<?, ?> values)) {
                throw new IllegalArgumentException(where + ".paper must be a record of the paper's constants, such as "
                        + "{ k: 0.1582 }, or a law that has them, not " + Fields.show(given));
            }
            values.forEach((name, value) -> paper.put(String.valueOf(name), Fields.number(where + ".paper", String.valueOf(name),
                    value)));
        }
        try {
            return FittedConstant.section(fit, paper);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".paper: " + e.getMessage());
        }
    }

    private static List<Finding> findings(Object value, String where) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(where + " must be a list of records { claim:, paper:, measured:, reproduced: }, not "
                    + Fields.show(value));
        }
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = where + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> record)) {
                throw new IllegalArgumentException(at + " must be a record { claim:, paper:, measured:, reproduced: }, not "
                        + Fields.show(list.get(i)));
            }
            findings.add(finding(record, at));
        }
        return findings;
    }

    private static Finding finding(Map<?, ?> record, String where) {
        for (Object name : record.keySet()) {
            if (!FINDING_FIELDS.contains(String.valueOf(name))) {
                throw new IllegalArgumentException(where + " has no field '" + name + "'"
                        + Suggestions.didYouMean(String.valueOf(name), FINDING_FIELDS) + "; a finding takes "
                        + String.join(", ", FINDING_FIELDS));
            }
        }
        if (record.get("claim") == null) {
            throw new IllegalArgumentException(where + " needs a claim: what the paper says");
        }
        Finding.Verdict verdict = Finding.Verdict.of(record.get("reproduced"));
        if (verdict == null) {
            throw new IllegalArgumentException(where + ".reproduced must be \"yes\", \"partly\" or \"no\" (or true or false), not "
                    + Fields.show(record.get("reproduced")));
        }
        double[] interval = interval(record.get("interval"), where + ".interval");
        return new Finding(string(record, "claim", where), value(record, "paper", where), value(record, "measured", where),
                interval[0], interval[1], verdict, record.get("note") == null ? "" : string(record, "note", where));
    }

    private static double[] interval(Object value, String where) {
        if (value == null) {
            return new double[] {Double.NaN, Double.NaN};
        }
        if (value instanceof List<?> ends && ends.size() == 2 && ends.get(0) instanceof Number low
                && ends.get(1) instanceof Number high && low.doubleValue() <= high.doubleValue()) {
            return new double[] {low.doubleValue(), high.doubleValue()};
        }
        throw new IllegalArgumentException(where + " must be [low, high], two numbers with low <= high, not " + Fields.show(value));
    }

    /** A value shown as it is: a number, a string, or none. */
    private static Object value(Map<?, ?> record, String field, String where) {
        Object value = record.get(field);
        if (value == null || value instanceof Number || value instanceof String) {
            return value;
        }
        throw new IllegalArgumentException(where + "." + field + " must be a number or a string, not " + Fields.show(value));
    }

    private static String string(Map<?, ?> record, String field, String where) {
        if (record.get(field) instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException(where + "." + field + " must be a string, not " + Fields.show(record.get(field)));
    }

    private static String names(Map<?, ?> record) {
        return record.isEmpty() ? "no fields" : String.join(", ", record.keySet().stream().map(String::valueOf).toList());
    }
}
