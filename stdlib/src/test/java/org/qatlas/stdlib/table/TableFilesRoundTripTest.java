package org.qatlas.stdlib.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableFilesRoundTripTest {
    @TempDir
    Path dir;

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }

    /** Values every format must bring back exactly, types included. */
    private static List<Map<String, Object>> scalars() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row("N", 74_000_000L, "D", 1e9, "loss", 3.2154868712, "scheme", "int4/g32", "qat", true));
        rows.add(row("N", -5L, "D", 2.0, "loss", Double.NaN, "scheme", "a, \"quoted\"\nline", "qat", false));
        rows.add(row("N", Long.MAX_VALUE, "D", Double.POSITIVE_INFINITY, "loss", -0.0, "scheme", "tab\there", "qat", null));
        rows.add(row("N", 0L, "D", Double.NEGATIVE_INFINITY, "loss", 4.9e-324, "scheme", " spaced ", "qat", true));
        rows.add(row("N", 1L, "D", 0.1 + 0.2, "loss", Double.MAX_VALUE, "scheme", "ünïcode ✓", "qat", null));
        rows.add(row("N", 2L, "D", 1e-5, "loss", 1.5e20, "scheme", null, "qat", true));
        return rows;
    }

    @ParameterizedTest
    @ValueSource(strings = {"runs.csv", "runs.tsv", "runs.json", "RUNS.CSV"})
    void scalarsComeBackExactly(String name) {
        Path file = dir.resolve(name);
        TableFiles.save(scalars(), file);
        List<Map<String, Object>> back = TableFiles.load(file);
        assertEquals(scalars(), back);
        assertEquals(List.of("N", "D", "loss", "scheme", "qat"), new ArrayList<>(back.getFirst().keySet()));
        for (int r = 0; r < back.size(); r++) {
            for (String column : back.get(r).keySet()) {
                Object expected = scalars().get(r).get(column);
                Object actual = back.get(r).get(column);
                if (expected instanceof Double d) {
                    assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits((Double) actual),
                            name + " row " + r + " column " + column);
                }
            }
        }
    }

    @Test
    void csvHeaderIsTheUnionOfColumnsInFirstSeenOrder() throws Exception {
        Path file = dir.resolve("union.csv");
        TableFiles.save(List.of(row("a", 1L, "b", 2L), row("c", 3L, "a", 4L)), file);
        assertEquals("a,b,c\n1,2,\n4,,3\n", Files.readString(file));
        assertEquals(List.of(row("a", 1L, "b", 2L, "c", null), row("a", 4L, "b", null, "c", 3L)),
                TableFiles.load(file));
    }

    @Test
    void csvWritesDecimalsReadablyAndAlwaysAsDecimals() throws Exception {
        Path file = dir.resolve("decimals.csv");
        TableFiles.save(List.of(row("x", 2.0, "y", 1e9, "z", 0.057, "w", Double.NaN, "v", Double.NEGATIVE_INFINITY)), file);
        assertEquals("x,y,z,w,v\n2.0,1000000000.0,0.057,nan,-inf\n", Files.readString(file));
    }

    @Test
    void csvReadsTheSpellingsOfOtherTools() throws Exception {
        Path file = dir.resolve("other.csv");
        Files.writeString(file, "\uFEFFa,b,c,d,e,f,g\r\n1e9,Infinity,NaN,TRUE,False,+7,1_000\r\n");
        Map<String, Object> row = TableFiles.load(file).getFirst();
        assertEquals(row("a", 1e9, "b", Double.POSITIVE_INFINITY, "c", Double.NaN, "d", true, "e", false,
                "f", 7L, "g", "1_000"), row);
    }

    @Test
    void shortCsvRowsAreFilledWithNull() throws Exception {
        Path file = dir.resolve("short.csv");
        Files.writeString(file, "a,b,c\n1\n");
        assertEquals(List.of(row("a", 1L, "b", null, "c", null)), TableFiles.load(file));
    }

    @Test
    void jsonKeepsNestedValuesAndAcceptsARowsObject() throws Exception {
        Path file = dir.resolve("nested.json");
        Map<String, Object> meta = row("schemes", Arrays.asList("int4", null, 8L), "fit", row("k", 0.5, "ok", true));
        List<Map<String, Object>> rows = List.of(row("name", "a", "meta", meta), row("name", "b"));
        TableFiles.save(rows, file);
        assertEquals(rows, TableFiles.load(file));

        Path wrapped = dir.resolve("wrapped.json");
        Files.writeString(wrapped, "{\"rows\": [{\"N\": 74000000, \"loss\": 3.5, \"big\": 123456789012345678901234}]}");
        assertEquals(List.of(row("N", 74_000_000L, "loss", 3.5, "big", 1.2345678901234568e23)), TableFiles.load(wrapped));
    }

    @Test
    void jsonIsOneRowPerLine() throws Exception {
        Path file = dir.resolve("lines.json");
        TableFiles.save(List.of(row("a", 1L), row("a", Double.NaN)), file);
        assertEquals("[\n  {\"a\":1},\n  {\"a\":NaN}\n]\n", Files.readString(file));
    }

    @Test
    void javaSmallNumbersAreWidened() {
        Path file = dir.resolve("widened.json");
        TableFiles.save(List.of(row("i", 3, "f", 0.5f)), file);
        assertEquals(List.of(row("i", 3L, "f", 0.5)), TableFiles.load(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"empty.csv", "empty.tsv", "empty.json"})
    void noRowsRoundTrip(String name) {
        Path file = dir.resolve(name);
        TableFiles.save(List.of(), file);
        assertEquals(List.of(), TableFiles.load(file));
    }

    @Test
    void saveCreatesParentDirectories() {
        Path file = dir.resolve("a/b/c/runs.tsv");
        TableFiles.save(List.of(row("x", 1L)), file);
        assertTrue(Files.isRegularFile(file));
    }
}
