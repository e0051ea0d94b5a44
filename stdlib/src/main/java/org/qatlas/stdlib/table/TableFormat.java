package org.qatlas.stdlib.table;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The file formats a table can be kept in, each known by its file's extension. */
enum TableFormat {
    CSV(".csv"),
    TSV(".tsv"),
    JSON(".json");

    private final String extension;

    TableFormat(String extension) {
        this.extension = extension;
    }

    /** The format of a file by its extension (case-insensitive), or a clear error listing all. */
    static TableFormat of(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        for (TableFormat format : values()) {
            if (lower.endsWith(format.extension)) {
                return format;
            }
        }
        throw new TableFileException(path + ": unknown table format; the file name must end in "
                + supported());
    }

    /** ".csv, .tsv or .json", for messages. */
    static String supported() {
        String all = Arrays.stream(values()).map(f -> f.extension).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return all.substring(0, last) + " or " + all.substring(last + 2);
    }
}
