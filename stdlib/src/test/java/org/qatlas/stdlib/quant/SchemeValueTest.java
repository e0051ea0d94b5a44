package org.qatlas.stdlib.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemeValueTest {
    private static FormatValue int4g32() {
        return FormatValue.integer(4L, 32L, null, null, null, null);
    }

    @Test
    void formatsTakeTheirGranularityFromTheRoleWhenNoneIsGiven() {
        FormatValue int8 = FormatValue.integer(8L, null, null, null, null, null);
        assertEquals("int8/channel", int8.toSpec(Role.WEIGHT).toString());
        assertEquals("int8/token", int8.toSpec(Role.INPUT).toString());
        assertEquals("int4/g32", int4g32().toSpec(Role.INPUT).toString());
        assertEquals("int(4, group: 32)", int4g32().written());
        assertEquals("fp4(per: \"tensor\", clip: true)", FormatValue.fp4(null, "tensor", null, true).written());
    }

    @Test
    void schemesResolveDefaultsAndOverridesByLayerName() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("*.fc2.input", FormatValue.integer(8L, null, "token", null, null, null));
        overrides.put("layers.0.*.weight", 8L);
        overrides.put("layers.1.q.input", null);
        SchemeValue mix = SchemeValue.of(int4g32(), int4g32(), overrides);
        Scheme scheme = mix.scheme();
        assertEquals("int8/token", scheme.resolve("layers.3.fc2.input").toString());
        assertEquals("int4/g32", scheme.resolve("layers.3.fc1.input").toString());
        assertEquals("int8/g32", scheme.resolve("layers.0.q.weight").toString());
        assertEquals("none", scheme.resolve("layers.1.q.input").toString());
        assertEquals("none", scheme.resolve("head.weight").toString());
        assertTrue(mix.quantizes());
        assertFalse(SchemeValue.of(null, null, null).quantizes());
    }

    @Test
    void withReplacesFieldsAndKeepsTheRest() {
        SchemeValue w4a4 = SchemeValue.of(int4g32(), int4g32(), null);
        Map<String, Object> noActs = new LinkedHashMap<>();
        noActs.put("acts", null);
        SchemeValue w4 = (SchemeValue) w4a4.with(noActs);
        assertEquals("none", w4.scheme().resolve("layers.0.fc1.input").toString());
        assertEquals("int4/g32", w4.scheme().resolve("layers.0.fc1.weight").toString());
        FormatValue g64 = (FormatValue) int4g32().with(Map.of("group", 64L));
        assertEquals("int4/g64", g64.toSpec(Role.WEIGHT).toString());
        FormatValue perToken = (FormatValue) int4g32().with(Map.of("per", "token"));
        assertEquals("int(4, per: \"token\")", perToken.written());
    }

    @Test
    void mistakesAreExplained() {
        assertEquals("int(4): give group or per, not both",
                assertThrows(IllegalArgumentException.class, () -> FormatValue.integer(4L, 32L, "token", null, null, null)).getMessage());
        assertEquals("int(9): bits must be between 2 and 8",
                assertThrows(IllegalArgumentException.class, () -> FormatValue.integer(9L, null, null, null, null, null)).getMessage());
        IllegalArgumentException noRole = assertThrows(IllegalArgumentException.class,
                () -> SchemeValue.of(null, null, Map.of("*.fc2", int4g32())));
        assertEquals("quant: the override '*.fc2' must end in .weight or .input to say which tensor it quantizes", noRole.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SchemeValue.of(FormatValue.integer(4L, null, "token", null, null, null), null, null));
    }
}
