package org.qatlas.stdlib.table;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import org.qatlas.stdlib.io.FileAccess;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tables as JSON: an array of objects, one per row, each on its own line so that files diff
 * well. Loading also accepts an object whose "rows" member is that array. Whole numbers read
 * as {@link Long}, numbers with a point or exponent as {@link Double}; NaN and Infinity are
 * written bare, as Python's json module does, so that every double survives the round trip.
 */
final class JsonTables {
    private JsonTables() {
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static void save(List<Map<String, Object>> rows, String path, FileAccess files) throws IOException {
        List<Map<String, Object>> checked = CellValues.check(rows, true, path.toString());
        try (Writer out = TableFiles.writer(files, path)) {
            out.write("[");
            for (int r = 0; r < checked.size(); r++) {
                out.write(r == 0 ? "\n  " : ",\n  ");
                out.write(MAPPER.writeValueAsString(checked.get(r)));
            }
            out.write(checked.isEmpty() ? "]\n" : "\n]\n");
        }
    }

    static List<Map<String, Object>> load(String path, FileAccess files) throws IOException {
        JsonNode root;
        try (Reader in = TableFiles.reader(files, path)) {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? path.toString() : path + ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new TableFileException(where + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode array = root;
        if (root != null && root.isObject() && root.has("rows")) {
            array = root.get("rows");
        }
        if (array == null || !array.isArray()) {
            throw new TableFileException(path + ": expected an array of rows, or an object with a "
                    + "\"rows\" array, but found " + describe(root));
        }
        List<Map<String, Object>> rows = new ArrayList<>(array.size());
        for (int r = 0; r < array.size(); r++) {
            JsonNode row = array.get(r);
            if (!row.isObject()) {
                throw new TableFileException(path + ": row " + (r + 1) + " is " + describe(row)
                        + ", not an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) value(row);
            rows.add(map);
        }
        return rows;
    }

    /** A JSON value as the table's Java types (see the package comment). */
    private static Object value(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                map.put(field.getKey(), value(field.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                list.add(value(item));
            }
            return list;
        }
        if (node.isIntegralNumber()) {
            // Beyond a long: keep the magnitude as a double, as CSV cells do.
            return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        return null; // JSON null
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing (the file is empty)";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object without \"rows\"";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
