package org.qatlas.stdlib.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableFileErrorsTest {
    @TempDir
    Path dir;

    private static String message(Runnable action) {
        return assertThrows(TableFileException.class, action::run).getMessage();
    }

    @Test
    void missingFileIsNamedAsGiven() {
        assertEquals("no such file: runs/x.csv", message(() -> TableFiles.load(Path.of("runs/x.csv"))));
    }

    @Test
    void unknownExtensionListsTheSupportedOnes() {
        String text = message(() -> TableFiles.load(Path.of("runs/x.xlsx")));
        assertEquals("runs/x.xlsx: unknown table format; the file name must end in .csv, .tsv or .json", text);
        assertTrue(message(() -> TableFiles.save(List.of(), dir.resolve("x"))).contains(".csv, .tsv or .json"));
    }

    @Test
    void csvRowWithTooManyCellsNamesItsLine() throws Exception {
        Path file = dir.resolve("x.csv");
        Files.writeString(file, "a,b,c,d\n1,2,3,4\n\n1,2,3,4\n\"multi\nline\",2,3,4\n1,2,3,4,5\n");
        assertEquals(file + ":7: 5 cells but the header has 4 columns", message(() -> TableFiles.load(file)));
    }

    @Test
    void unclosedQuoteIsReportedWithTheFile() throws Exception {
        Path file = dir.resolve("x.csv");
        Files.writeString(file, "a,b\n1,\"2\n");
        String text = message(() -> TableFiles.load(file));
        assertTrue(text.startsWith(file + ": "), text);
        assertTrue(text.contains("line 2"), text);
    }

    @Test
    void duplicateHeaderIsRefused() throws Exception {
        Path file = dir.resolve("x.tsv");
        Files.writeString(file, "a\tb\ta\n1\t2\t3\n");
        assertEquals(file + ":1: the header names the column \"a\" twice", message(() -> TableFiles.load(file)));
    }

    @Test
    void malformedJsonGivesLineAndColumn() throws Exception {
        Path file = dir.resolve("x.json");
        Files.writeString(file, "[\n  {\"a\": 1},\n  {\"a\": 2,}\n]\n");
        String text = message(() -> TableFiles.load(file));
        assertTrue(text.startsWith(file + ":3:11: malformed JSON: "), text);
    }

    @Test
    void jsonOfTheWrongShapeSaysWhatItFound() throws Exception {
        Path file = dir.resolve("x.json");
        Files.writeString(file, "{\"runs\": []}");
        assertEquals(file + ": expected an array of rows, or an object with a \"rows\" array, but found an object without \"rows\"",
                message(() -> TableFiles.load(file)));
        Files.writeString(file, "[{\"a\": 1}, 2]");
        assertEquals(file + ": row 2 is a number, not an object", message(() -> TableFiles.load(file)));
        Files.writeString(file, "");
        assertTrue(message(() -> TableFiles.load(file)).contains("empty"));
    }

    @Test
    void unwritableValueNamesRowAndColumnAndWritesNothing() {
        Path file = dir.resolve("x.csv");
        Map<String, Object> good = new LinkedHashMap<>(Map.of("a", 1L));
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("a", 2L);
        bad.put("when", new Date(0));
        String text = message(() -> TableFiles.save(List.of(good, bad), file));
        assertEquals(file + ": row 2, column \"when\": a Date cannot be written to a table; "
                + "cells are numbers, strings, booleans and null", text);
        assertFalse(Files.exists(file));
    }

    @Test
    void nestedValuesInCsvPointToJson() {
        Path file = dir.resolve("x.csv");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("bits", List.of(4L, 8L));
        String text = message(() -> TableFiles.save(List.of(row), file));
        assertEquals(file + ": row 1, column \"bits\": a list cannot be written to a CSV or TSV file; "
                + "save the table as .json", text);
    }

    @Test
    void nonUtf8TextIsSaidPlainly() throws Exception {
        Path file = dir.resolve("x.csv");
        Files.write(file, new byte[] {'a', '\n', (byte) 0xff, (byte) 0xfe, '\n'});
        assertTrue(message(() -> TableFiles.load(file)).endsWith("not UTF-8 text"));
    }

    @Test
    void directoryIsNotATable() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("d.csv"));
        assertEquals(sub + ": is a directory, not a table file", message(() -> TableFiles.load(sub)));
    }
}
