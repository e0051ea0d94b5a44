package org.qatlas.interpreter.builtins;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qatlas.interpreter.QatContext;
import org.qatlas.interpreter.laws.FitSummary;
import org.qatlas.interpreter.fitting.InterpretedLaw;
import org.qatlas.interpreter.fitting.Laws;
import org.qatlas.interpreter.runtime.GlobalScope;
import org.qatlas.interpreter.runtime.JavaValues;
import org.qatlas.interpreter.runtime.QatFunction;
import org.qatlas.interpreter.runtime.Values;
import org.qatlas.stdlib.io.FileAccess;
import org.qatlas.stdlib.law.Fit;
import org.qatlas.stdlib.law.SavedLaw;
import org.qatlas.stdlib.law.SavedParameter;
import org.qatlas.stdlib.store.RunRows;
import org.qatlas.stdlib.table.TableFiles;
import org.qatlas.stdlib.train.RunRecord;

/** {@code save} and {@code load}: tables of runs as CSV, TSV or JSON, and fitted laws as JSON. */
final class TableBuiltins {
    private TableBuiltins() {
    }

    static void install(Builtins builtins) {
        builtins.add("save(value, path)",
                "Writes rows (a list of records) to path as .csv, .tsv or .json, or a fitted law as .json (read back with "
                        + "load). Returns path.",
                call -> save(call.get("value"), path(call, "path")));
        builtins.add("load(path)",
                "Reads rows from a .csv, .tsv or .json file as a list of records, or a fitted law saved with save.",
                call -> load(path(call, "path")));
    }

    /** Rows given as a list of records or runs, or as the path of a table file. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Object value, String builtin) {
        if (value instanceof String path) {
            return TableFiles.load(path, files());
        }
        if (value instanceof List<?> list) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof RunRecord run) {
                    rows.add(RunRows.of(run)); // a run's results and configuration, one value per column
                    continue;
                }
                if (!(list.get(i) instanceof Map<?, ?> row)) {
                    throw new IllegalArgumentException(builtin + ": row " + i + " must be a record, not "
                            + Values.describe(JavaValues.toQat(list.get(i))));
                }
                rows.add((Map<String, Object>) row);
            }
            return rows;
        }
        throw new IllegalArgumentException(builtin + ": rows must be a list of records or the path of a CSV or JSON file, not "
                + Values.describe(JavaValues.toQat(value)));
    }

    private static FileAccess files() {
        return QatContext.get(null).files();
    }

    private static Object save(Object value, String path) {
        if (value instanceof QatFunction function && function.law() != null) {
            FitSummary summary = function.law().fit();
            if (summary == null) {
                throw new IllegalArgumentException("save: only a fitted law can be saved (fit it first); a declared law is "
                        + "its source code");
            }
            try {
                summary.fit().toSaved(function.law().source()).withTarget(summary.target()).write(files(), path);
            } catch (IOException e) {
                throw new IllegalArgumentException("save: cannot write " + path + " (" + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + ")");
            }
        } else {
            TableFiles.save(rows(value, "save"), path, files());
        }
        return path;
    }

    /**
     * A saved law is a JSON object that holds its format version and source; a JSON table is
     * an array (or an object with "rows"). Only a .json file that opens with '{' is read whole
     * here, and a law is parsed from that same text; everything else goes straight to the table
     * reader, which also reports missing and unreadable files.
     */
    private static Object load(String path) {
        if (path.endsWith(".json") && files().isRegularFile(path) && opensWithBrace(path)) {
            String text;
            try (InputStream in = files().newInputStream(path)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return TableFiles.load(path, files()); // the table reader reports the problem with the file
            }
            if (text.contains("\"format_version\"") && text.contains("\"source\"")) {
                try {
                    return loadLaw(SavedLaw.parse(text, path), path);
                } catch (IOException e) {
                    throw new IllegalArgumentException("load: " + e.getMessage());
                }
            }
        }
        return TableFiles.load(path, files());
    }

    /** Whether the file's first character after white space is '{'; a table of rows opens with '['. */
    private static boolean opensWithBrace(String path) {
        try (InputStream in = new BufferedInputStream(files().newInputStream(path))) {
            int c;
            do {
                c = in.read();
            } while (c >= 0 && Character.isWhitespace(c));
            return c == '{';
        } catch (IOException e) {
            return false; // the table reader reports the problem with the file
        }
    }

    /**
     * The law's declaration is checked to be only that (loading a file never runs code from
     * it), declared again, and given the saved values and fit.
     */
    private static QatFunction loadLaw(SavedLaw saved, String path) {
        GlobalScope scope;
        try {
            scope = QatContext.get(null).modules().declareSavedLaw(saved.source(), path + " (its source)");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("load: " + path + " is not a saved law: " + e.getMessage());
        }
        Object value = scope.lookup(saved.name());
        if (!(value instanceof QatFunction declared) || declared.law() == null) {
            throw new IllegalArgumentException("load: " + path + " does not declare the law " + saved.name());
        }
        List<String> names = declared.law().parameters().stream().map(p -> p.name()).toList();
        List<String> savedNames = saved.parameters().stream().map(SavedParameter::name).toList();
        if (!names.equals(savedNames)) {
            throw new IllegalArgumentException("load: " + path + " has values for " + savedNames + " but its law declares " + names);
        }
        Fit fit = new Fit(new InterpretedLaw(declared, null), saved.values(),
                saved.parameters().stream().map(SavedParameter::interval).toList(), saved.statistics().toStatistics(),
                saved.warnings());
        return Laws.withValues(declared, saved.values(), new FitSummary(saved.target(), fit));
    }

    private static String path(Call call, String parameter) {
        Object value = call.get(parameter);
        if (!(value instanceof String text) || text.isEmpty()) {
            throw new IllegalArgumentException(call.builtin() + ": the path must be a non-empty string, not "
                    + Values.describe(JavaValues.toQat(value)));
        }
        return text;
    }
}
