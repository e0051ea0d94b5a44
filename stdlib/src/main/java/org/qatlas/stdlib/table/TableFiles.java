package org.qatlas.stdlib.table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
        TableFormat format = TableFormat.of(path);
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            switch (format) {
                case CSV -> DelimitedTables.save(rows, path, ',');
                case TSV -> DelimitedTables.save(rows, path, '\t');
                case JSON -> JsonTables.save(rows, path);
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
        TableFormat format = TableFormat.of(path);
        if (!Files.exists(path)) {
            throw new TableFileException("no such file: " + path);
        }
        if (Files.isDirectory(path)) {
            throw new TableFileException(path + ": is a directory, not a table file");
        }
        try {
            return switch (format) {
                case CSV -> DelimitedTables.load(path, ',');
                case TSV -> DelimitedTables.load(path, '\t');
                case JSON -> JsonTables.load(path);
            };
        } catch (NoSuchFileException e) {
            throw new TableFileException("no such file: " + path, e); // deleted since the check
        } catch (IOException e) {
            throw new TableFileException(path + ": cannot read: " + reason(e), e);
        }
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
