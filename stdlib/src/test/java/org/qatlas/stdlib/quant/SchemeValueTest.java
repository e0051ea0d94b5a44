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

    @Test
    void numbersThatAreNotSizesAreRefused() {
        // Group 0 is not "no group", and numbers beyond an int are not cut down to one.
        assertEquals("int(4): group must be positive, not 0", message(() -> FormatValue.integer(4L, 0L, null, null, null, null)));
        assertEquals("fp4: group must be positive, not 0", message(() -> FormatValue.fp4(0.0, null, null, null)));
        assertEquals("int(4): group must be at most 2147483647, not 4294967328",
                message(() -> FormatValue.integer(4L, 4294967328L, null, null, null, null)));
        assertEquals("int: group must be a whole number, not 32.5", message(() -> FormatValue.integer(4L, 32.5, null, null, null, null)));
        assertEquals("int(4294967300): bits must be between 2 and 8",
                message(() -> FormatValue.integer(4294967300L, null, null, null, null, null)));
        assertEquals("quant: the override '*.fc2.input' must have 2 to 8 bits, not 4294967304",
                message(() -> SchemeValue.of(null, null, Map.of("*.fc2.input", 4294967304L))));
        assertEquals("int(4): group must be positive, not 0", message(() -> int4g32().with(Map.of("group", 0L))));
    }

    @Test
    void optionsAreRefusedInTheScriptsWords() {
        assertEquals("int: clip must be true, false or \"group\", not \"tensor\"",
                message(() -> FormatValue.integer(4L, null, null, null, null, "tensor")));
        assertEquals("int(4): give lsq or clip, not both (both learn the scale's range)",
                message(() -> FormatValue.integer(4L, null, null, null, true, true)));
        assertEquals("int(4): lsq needs a symmetric format; leave out symmetric: false",
                message(() -> FormatValue.integer(4L, null, null, false, true, null)));
        assertEquals("quant: acts int(4, per: \"channel\"): per: \"channel\" is for weights; a layer input takes per: \"token\", "
                + "per: \"tensor\" or a group", message(() -> SchemeValue.of(null, FormatValue.integer(4L, null, "channel", null, null, null), null)));
        assertEquals("quant: weights int(4, clip: true): clip is for layer inputs; a weight learns its scale with lsq",
                message(() -> SchemeValue.of(FormatValue.integer(4L, null, null, null, null, true), null, null)));
        assertEquals("quant: the override '': a layer pattern must not be empty", message(() -> SchemeValue.of(null, null, Map.of("", 4L))));
    }

    private static String message(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }
}
