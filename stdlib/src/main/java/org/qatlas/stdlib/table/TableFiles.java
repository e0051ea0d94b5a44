package org.qatlas.stdlib.table;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.io.FileAccess;

/**
 * Saves and loads tables of runs, the format chosen by the file's extension: {@code .csv},
 * {@code .tsv} or {@code .json} (case-insensitive).
 *
 * <p>Round trips are exact for the types each format can tell apart. JSON keeps everything.
 * CSV and TSV keep Long, Double (bit for bit, NaN and infinities included), Boolean and null
 * exactly; a String that is spelled like another value ("12", "2.5", "true", "") reads back as
 * that value, since text files carry no types. Columns a row lacks come back as null, and
 * every loaded row has every column of the header.
 *
 * <p>All failures are {@link TableFileException}s whose messages start with the file.
 */
public final class TableFiles {
    private TableFiles() {
    }

    /**
     * Writes rows to a file, replacing it, after creating missing parent directories.
     *
     * @param rows the table: one map per row, columns in the maps' order
     * @param path a file ending in .csv, .tsv or .json
     * @throws TableFileException for an unknown extension, a cell that the format cannot hold
     *     (naming its row and column; nothing is written then), or a failed write
     */
    public static void save(List<Map<String, Object>> rows, Path path) {
        save(rows, path.toString(), FileAccess.local());
    }

    /** {@link #save(List, Path)} through {@code files}. */
    public static void save(List<Map<String, Object>> rows, String path, FileAccess files) {
        TableFormat format = TableFormat.of(path);
        try {
            switch (format) {
                case CSV -> DelimitedTables.save(rows, path, files, ',');
                case TSV -> DelimitedTables.save(rows, path, files, '\t');
                case JSON -> JsonTables.save(rows, path, files);
            }
        } catch (IOException e) {
            throw new TableFileException(path + ": cannot write: " + reason(e), e);
        }
    }

    /**
     * Reads the rows of a file.
     *
     * @param path a file ending in .csv, .tsv or .json
     * @return the rows, each a mutable {@link java.util.LinkedHashMap} in the file's column order
     * @throws TableFileException for a missing file ("no such file: runs/x.csv"), an unknown
     *     extension, a malformed file (with its line, and column for JSON), or a failed read
     */
    public static List<Map<String, Object>> load(Path path) {
        return load(path.toString(), FileAccess.local());
    }

    /** {@link #load(Path)} through {@code files}. */
    public static List<Map<String, Object>> load(String path, FileAccess files) {
        TableFormat format = TableFormat.of(path);
        if (!files.exists(path)) {
            throw new TableFileException("no such file: " + path);
        }
        if (files.isDirectory(path)) {
            throw new TableFileException(path + ": is a directory, not a table file");
        }
        try {
            return switch (format) {
                case CSV -> DelimitedTables.load(path, files, ',');
                case TSV -> DelimitedTables.load(path, files, '\t');
                case JSON -> JsonTables.load(path, files);
            };
        } catch (NoSuchFileException e) {
            throw new TableFileException("no such file: " + path, e); // deleted since the check
        } catch (IOException e) {
            throw new TableFileException(path + ": cannot read: " + reason(e), e);
        }
    }

    /** UTF-8 text that is read strictly: a byte that is not UTF-8 is an error, never a replacement character. */
    static BufferedReader reader(FileAccess files, String path) throws IOException {
        return new BufferedReader(new InputStreamReader(files.newInputStream(path), StandardCharsets.UTF_8.newDecoder()));
    }

    static BufferedWriter writer(FileAccess files, String path) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(files.newOutputStream(path), StandardCharsets.UTF_8));
    }

    /** The JDK's file exceptions carry only the path as their message; say what went wrong. */
    static String reason(IOException e) {
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "the file is not UTF-8 text";
        }
        String name = e.getClass().getSimpleName();
        return switch (name) {
            case "AccessDeniedException" -> "permission denied";
            case "FileSystemException" -> e.getMessage();
            default -> e.getMessage() == null ? name : e.getMessage();
        };
    }
}
