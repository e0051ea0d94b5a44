package org.qatlas.stdlib.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.qatlas.stdlib.io.FileAccess;
import org.qatlas.stdlib.table.TableFiles;

/**
 * Writes a report: the page at its path and, when it has runs, their CSV beside it
 * ({@code study.html} and {@code study-runs.csv}). The CSV is written first, by the table writer
 * ({@link TableFiles}), and the page last, under a temporary name moved into place: a page that
 * is there is whole, and the runs it links to were written before it.
 */
public final class ReportFiles {
    private ReportFiles() {
    }

    /** Checks that a path names an HTML file, before anything is read or drawn for it. */
    public static void checkPath(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (path.isBlank() || !(lower.endsWith(".html") || lower.endsWith(".htm"))) {
            throw new IllegalArgumentException("report: the path must name an .html file, not \"" + path + "\"");
        }
    }

    /** The CSV of a report's runs: {@code runs/study.html} gives {@code runs/study-runs.csv}. */
    public static String runsPath(String path) {
        return path.substring(0, path.lastIndexOf('.')) + "-runs.csv";
    }

    /**
     * Writes the report through {@code files}.
     *
     * @throws IllegalArgumentException for a path that is not an .html file
     * @throws UncheckedIOException when a file cannot be written
     */
    public static void write(Report report, String path, FileAccess files) {
        checkPath(path);
        String runsFile = null;
        if (report.runs() != null) {
            String runsPath = runsPath(path);
            TableFiles.save(report.runs(), runsPath, files);
            runsFile = runsPath.substring(Math.max(runsPath.lastIndexOf('/'), runsPath.lastIndexOf('\\')) + 1);
        }
        byte[] page = report.html(runsFile).getBytes(StandardCharsets.UTF_8);
        String temporary = FileAccess.temporarySibling(path);
        try {
            try (OutputStream out = files.newOutputStream(temporary)) {
                out.write(page);
            }
            files.replace(temporary, path);
        } catch (IOException e) {
            FileAccess.deleteQuietly(files, temporary);
            throw new UncheckedIOException("report: cannot write " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            FileAccess.deleteQuietly(files, temporary);
            throw e;
        }
    }
}
