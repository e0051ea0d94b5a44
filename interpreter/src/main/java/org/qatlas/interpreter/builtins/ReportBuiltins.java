package org.qatlas.interpreter.builtins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.interpreter.QatContext;
import org.qatlas.interpreter.laws.LawDefinition;
import org.qatlas.interpreter.runtime.JavaValues;
import org.qatlas.interpreter.runtime.QatFunction;
import org.qatlas.interpreter.runtime.Values;
import org.qatlas.stdlib.io.FileAccess;
import org.qatlas.stdlib.report.Report;
import org.qatlas.stdlib.report.ReportFiles;
import org.qatlas.stdlib.report.ReportRows;
import org.qatlas.stdlib.report.ReportSections;

/**
 * {@code report(path, title:, sections:, runs:)}: a study's report as one HTML file, with the
 * runs as CSV beside it. The sections are read by the standard library
 * ({@link ReportSections}); what only the interpreter knows, a law, is turned into plain values
 * first: a fitted law into its fit, and a law given as the paper's values into its constants.
 */
final class ReportBuiltins {
    private ReportBuiltins() {
    }

    static void install(Builtins builtins) {
        builtins.add("report(path, title = none, sections = none, runs = none)",
                "Writes a study's report to path (.html): one file with its charts inside. sections is a list of strings "
                        + "(paragraphs) and records: { heading: }, { text: }, { table: rows, columns: }, { chart: \"x.svg\" } (a "
                        + "file plot wrote), { law: fitted, paper: chen2025.w4a4 } (the constants beside the paper's), "
                        + "{ findings: [{ claim:, paper:, measured:, interval: [lo, hi], reproduced: \"yes\", note: }] }. "
                        + "runs (records or runs) are written beside it as NAME-runs.csv. Returns path.",
                ReportBuiltins::report);
    }

    private static Object report(Call call) {
        Object pathValue = call.get("path");
        if (!(pathValue instanceof String path) || path.isEmpty()) {
            throw new IllegalArgumentException("report: the path must be a non-empty string, not "
                    + Values.describe(JavaValues.toQat(pathValue)));
        }
        ReportFiles.checkPath(path);
        if (call.isNone("sections") && call.isNone("runs")) {
            throw new IllegalArgumentException("report: there is nothing to report; give sections: [...] or runs: rows");
        }
        FileAccess files = QatContext.get(null).files();
        String title = call.isNone("title") ? baseName(path) : call.string("title");
        Object sections = call.isNone("sections") ? List.of() : lawsAsValues(call.get("sections"));
        List<Map<String, Object>> runs = call.isNone("runs") ? null : ReportRows.of(call.get("runs"), files, "report: runs");
        ReportFiles.write(new Report(title, ReportSections.read(sections, files), runs), path, files);
        return path;
    }

    /**
     * The sections with each law section's laws as the standard library takes them: {@code law:}
     * the fit, {@code paper:} a law's constants (a paper's law module holds its values as the
     * laws' parameters, so {@code paper: chen2025.w4a4} reads Table 1).
     */
    private static Object lawsAsValues(Object sections) {
        if (!(sections instanceof List<?> list)) {
            return sections; // the library says what sections must be
        }
        List<Object> converted = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object section = list.get(i);
            if (section instanceof Map<?, ?> record && record.containsKey("law")) {
                Map<Object, Object> copy = new LinkedHashMap<>(record);
                String where = "report: sections[" + i + "]";
                copy.put("law", fit(record.get("law"), where + ".law"));
                if (record.get("paper") instanceof QatFunction paper && paper.law() != null) {
                    copy.put("paper", constants(paper.law()));
                }
                section = copy;
            }
            converted.add(section);
        }
        return converted;
    }

    private static Object fit(Object value, String where) {
        if (!(value instanceof QatFunction function) || function.law() == null) {
            return value; // the library says what a law section needs
        }
        if (function.law().fit() == null) {
            throw new IllegalArgumentException(where + ": law " + function.law().name() + " is not fitted; report the result of "
                    + "fit(" + function.law().name() + ", rows, target: ...)");
        }
        return function.law().fit().fit();
    }

    private static Map<String, Object> constants(LawDefinition law) {
        Map<String, Object> values = new LinkedHashMap<>();
        double[] current = law.values();
        for (int i = 0; i < law.parameterCount(); i++) {
            values.put(law.parameters().get(i).name(), current[i]);
        }
        return values;
    }

    private static String baseName(String path) {
        String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        return name.substring(0, name.lastIndexOf('.'));
    }
}
