package org.qatlas.stdlib.table;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.qatlas.stdlib.io.FileAccess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Tables as delimited text: CSV (commas) and TSV (tabs), RFC 4180 quoting in both. The first
 * line is the header, the union of all rows' columns in the order they are first seen; a
 * row without some column leaves that cell empty, and an empty cell reads back as null.
 * Cell spelling and types are {@link CellText}'s.
 */
final class DelimitedTables {
    private DelimitedTables() {
    }

    /** Excel starts UTF-8 files with a byte order mark; it is not part of the first column's name. */
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private static CSVFormat format(char delimiter) {
        // Not CSVFormat.TDF for tabs: it trims spaces around cells, and cells must read back exactly.
        return CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setRecordSeparator('\n').build();
    }

    static void save(List<Map<String, Object>> rows, String path, FileAccess files, char delimiter) throws IOException {
        List<Map<String, Object>> checked = CellValues.check(rows, false, path.toString());
        Set<String> header = new LinkedHashSet<>();
        for (Map<String, Object> row : checked) {
            header.addAll(row.keySet());
        }
        try (Writer out = TableFiles.writer(files, path);
                CSVPrinter printer = new CSVPrinter(out, format(delimiter))) {
            if (header.isEmpty()) {
                return; // no columns at all: an empty file, which loads as no rows
            }
            printer.printRecord(header);
            List<String> cells = new ArrayList<>(header.size());
            for (Map<String, Object> row : checked) {
                cells.clear();
                for (String column : header) {
                    cells.add(CellText.write(row.get(column)));
                }
                printer.printRecord(cells);
            }
        }
    }

    static List<Map<String, Object>> load(String path, FileAccess files, char delimiter) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Reader in = TableFiles.reader(files, path);
                CSVParser parser = CSVParser.parse(in, format(delimiter))) {
            List<String> header = null;
            for (CSVRecord record : parser) {
                // After a record the parser's line count is the number of its last line.
                long line = parser.getCurrentLineNumber();
                if (header == null) {
                    header = header(record, path, line);
                    continue;
                }
                if (record.size() > header.size()) {
                    throw new TableFileException(path + ":" + line + ": " + record.size()
                            + " cells but the header has " + header.size() + " columns");
                }
                Map<String, Object> row = new LinkedHashMap<>();
                for (int c = 0; c < header.size(); c++) {
                    row.put(header.get(c), c < record.size() ? CellText.read(record.get(c)) : null);
                }
                rows.add(row);
            }
        } catch (UncheckedIOException e) {
            // Commons CSV reports a malformed file (an unclosed quote) this way, with the line in it.
            throw new TableFileException(path + ": " + TableFiles.reason(e.getCause()), e);
        }
        return rows;
    }

    private static List<String> header(CSVRecord record, String path, long line) {
        List<String> names = new ArrayList<>(record.toList());
        if (!names.isEmpty() && names.getFirst().startsWith(BYTE_ORDER_MARK)) {
            names.set(0, names.getFirst().substring(BYTE_ORDER_MARK.length()));
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new TableFileException(path + ":" + line + ": the header names the column \""
                        + name + "\" twice");
            }
        }
        return names;
    }
}
