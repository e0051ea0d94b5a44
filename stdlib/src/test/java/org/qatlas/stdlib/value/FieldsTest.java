package org.qatlas.stdlib.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.train.Budget;

class FieldsTest {
    private static String refusal(Object value) {
        return assertThrows(IllegalArgumentException.class, () -> Fields.wholeNumber("budget", "tokens", value)).getMessage();
    }

    @Test
    void wrongValuesAreShownAsScriptsWriteThem() {
        assertEquals("budget: tokens must be a whole number, not 1e30", refusal(1e30));
        assertEquals("budget: tokens must be a whole number, not nan", refusal(Double.NaN));
        assertEquals("budget: tokens must be a whole number, not -inf", refusal(Double.NEGATIVE_INFINITY));
        assertEquals("budget: tokens must be a whole number, not 0.5", refusal(0.5));
        assertEquals("budget: tokens must be a whole number, not \"4\"", refusal("4"));
        assertEquals("budget: tokens must be a whole number, not none", refusal(null));
        assertEquals("budget: tokens must be a whole number, not [4, 0.5, []]", refusal(List.of(4L, 0.5, List.of())));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("a", 1L);
        record.put("*.fc2.input", 8L);
        assertEquals("budget: tokens must be a whole number, not { a: 1, \"*.fc2.input\": 8 }", refusal(record));
        assertEquals("budget: tokens must be a whole number, not {}", refusal(Map.of()));
    }

    @Test
    void domainValuesAreShownWrittenOrByKind() {
        ModelValue model = new ModelValue(1, 8, 24, 1, 1, 256);
        assertEquals("budget: tokens must be a whole number, not llama(layers: 1, hidden: 8, ffn: 24, heads: 1, kv_heads: 1, "
                + "seq: 256)", refusal(model));
        assertEquals("budget: tokens must be a whole number, not a budget", refusal(Budget.DEFAULT));
    }
}
