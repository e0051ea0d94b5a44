package org.qatlas.interpreter.builtins;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qatlas.interpreter.QatContext;
import org.qatlas.interpreter.laws.FitSummary;
import org.qatlas.interpreter.laws.InterpretedLaw;
import org.qatlas.interpreter.laws.Laws;
import org.qatlas.interpreter.runtime.GlobalScope;
import org.qatlas.interpreter.runtime.JavaValues;
import org.qatlas.interpreter.runtime.QatFunction;
import org.qatlas.interpreter.runtime.Values;
import org.qatlas.stdlib.law.Fit;
import org.qatlas.stdlib.law.SavedLaw;
import org.qatlas.stdlib.law.SavedParameter;
import org.qatlas.stdlib.table.TableFiles;

/** {@code save} and {@code load}: tables of runs as CSV, TSV or JSON, and fitted laws as JSON. */
final class TableBuiltins {
    private TableBuiltins() {
    }

    static void install(Builtins builtins) {
        builtins.addLibrary("save(value, path)",
                "Writes rows (a list of records) to path as .csv, .tsv or .json, or a fitted law as .json (read back with "
                        + "load). Returns path.",
                a -> save(a[0], path(a[1], "save")));
        builtins.addLibrary("load(path)",
                "Reads rows from a .csv, .tsv or .json file as a list of records, or a fitted law saved with save.",
                a -> load(path(a[0], "load")));
    }

    /** Rows given as a list of records, or as the path of a table file. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Object value, String builtin) {
        if (value instanceof String path) {
            return TableFiles.load(Path.of(path));
        }
        if (value instanceof List<?> list) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
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

    private static Object save(Object value, Path path) {
        if (value instanceof QatFunction function && function.law() != null) {
            FitSummary summary = function.law().fit();
            if (summary == null) {
                throw new IllegalArgumentException("save: only a fitted law can be saved (fit it first); a declared law is "
                        + "its source code");
            }
            try {
                if (path.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(path.toAbsolutePath().getParent());
                }
                summary.fit().toSaved(function.law().source()).withTarget(summary.target()).write(path);
            } catch (IOException e) {
                throw new IllegalArgumentException("save: cannot write " + path + " (" + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + ")");
            }
        } else {
            TableFiles.save(rows(value, "save"), path);
        }
        return path.toString();
    }

    /**
     * A saved law is a JSON object that starts with its format version; a JSON table is an
     * array (or an object with "rows"). Only a file that opens with '{' is read whole here, and a
     * law is parsed from that same text; everything else goes straight to the table reader.
     */
    private static Object load(Path path) {
        if (path.toString().endsWith(".json") && opensWithBrace(path)) {
            String text;
            try {
                text = Files.readString(path);
            } catch (IOException e) {
                return TableFiles.load(path); // the table reader reports the problem with the file
            }
            if (text.contains("\"format_version\"") && text.contains("\"source\"")) {
                try {
                    return loadLaw(SavedLaw.parse(text, path.toString()), path);
                } catch (IOException e) {
                    throw new IllegalArgumentException("load: " + e.getMessage());
                }
            }
        }
        return TableFiles.load(path);
    }

    private static boolean opensWithBrace(Path path) {
        try (Reader reader = Files.newBufferedReader(path)) {
            int c;
            do {
                c = reader.read();
            } while (c >= 0 && Character.isWhitespace(c));
            return c == '{';
        } catch (IOException e) {
            return false; // the table reader reports the problem with the file
        }
    }

    /** The law's declaration is run again, and the saved values and fit put on it. */
    private static QatFunction loadLaw(SavedLaw saved, Path path) {
        GlobalScope scope = QatContext.get(null).modules().evaluateDetached(saved.source(), path.toString());
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

    private static Path path(Object value, String builtin) {
        if (!(value instanceof String text) || text.isEmpty()) {
            throw new IllegalArgumentException(builtin + ": the path must be a non-empty string, not "
                    + Values.describe(JavaValues.toQat(value)));
        }
        return Path.of(text);
    }
}
