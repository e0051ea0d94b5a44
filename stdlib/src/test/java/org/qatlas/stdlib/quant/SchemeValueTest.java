package org.qatlas.stdlib.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemeValueTest {
    private static final FormatValue INT4_G32 = new FormatValue(IntFormat.symmetric(4), Granularity.group(32));
    private static final FormatValue INT8_TOKEN = new FormatValue(IntFormat.symmetric(8), Granularity.TOKEN);

    /** What {@code int(...)} makes of a script's arguments. */
    private static FormatValue integer(Object... namesAndValues) {
        Map<String, Object> arguments = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            arguments.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return FormatValue.INT.make(arguments);
    }

    @Test
    void formatsTakeTheirGranularityFromTheRoleWhenNoneIsGiven() {
        FormatValue int8 = new FormatValue(IntFormat.symmetric(8), null);
        assertEquals("int8/channel", int8.toSpec(Role.WEIGHT).toString());
        assertEquals("int8/token", int8.toSpec(Role.INPUT).toString());
        assertEquals("int4/g32", INT4_G32.toSpec(Role.INPUT).toString());
        assertEquals("int(4, group: 32)", INT4_G32.written());
        assertEquals("fp4(per: \"tensor\", clip: true)",
                new FormatValue(Fp4E2M1.INSTANCE, Granularity.TENSOR, false, ClipMode.TENSOR).written());
        assertEquals(INT4_G32, integer("bits", 4L, "group", 32L));
    }

    @Test
    void schemesResolveDefaultsAndOverridesByLayerName() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("*.fc2.input", INT8_TOKEN);
        overrides.put("layers.0.*.weight", 8L);
        overrides.put("layers.1.q.input", null);
        SchemeValue mix = new SchemeValue(INT4_G32, INT4_G32, overrides);
        Scheme scheme = mix.scheme();
        assertEquals("int8/token", scheme.resolve("layers.3.fc2.input").toString());
        assertEquals("int4/g32", scheme.resolve("layers.3.fc1.input").toString());
        assertEquals("int8/g32", scheme.resolve("layers.0.q.weight").toString());
        assertEquals("none", scheme.resolve("layers.1.q.input").toString());
        assertEquals("none", scheme.resolve("head.weight").toString());
        assertTrue(mix.quantizes());
        assertFalse(new SchemeValue(null, null).quantizes());
    }

    @Test
    void withReplacesFieldsAndKeepsTheRest() {
        SchemeValue w4a4 = new SchemeValue(INT4_G32, INT4_G32);
        Map<String, Object> noActs = new LinkedHashMap<>();
        noActs.put("acts", null);
        SchemeValue w4 = w4a4.with(noActs);
        assertEquals("none", w4.scheme().resolve("layers.0.fc1.input").toString());
        assertEquals("int4/g32", w4.scheme().resolve("layers.0.fc1.weight").toString());
        FormatValue g64 = INT4_G32.with(Map.of("group", 64L));
        assertEquals("int4/g64", g64.toSpec(Role.WEIGHT).toString());
        FormatValue perToken = INT4_G32.with(Map.of("per", "token"));
        assertEquals("int(4, per: \"token\")", perToken.written());
        assertEquals("int has no field 'grup' (did you mean 'group'?); its fields are bits, group, per, symmetric, lsq, clip",
                message(() -> INT4_G32.with(Map.of("grup", 64L))));
    }

    @Test
    void mistakesAreExplained() {
        assertEquals("int(4): give group or per, not both", message(() -> integer("bits", 4L, "group", 32L, "per", "token")));
        assertEquals("int(9): bits must be between 2 and 8", message(() -> integer("bits", 9L)));
        assertEquals("int: bits must be a whole number, not none", message(() -> integer()));
        assertEquals("quant: the override '*.fc2' must end in .weight or .input to say which tensor it quantizes",
                message(() -> new SchemeValue(null, null, Map.of("*.fc2", INT4_G32))));
        assertThrows(IllegalArgumentException.class, () -> new SchemeValue(INT8_TOKEN, null));
    }

    @Test
    void numbersThatAreNotSizesAreRefused() {
        // Group 0 is not "no group", and numbers beyond an int are not cut down to one.
        assertEquals("int(4): group must be positive, not 0", message(() -> integer("bits", 4L, "group", 0L)));
        assertEquals("fp4: group must be positive, not 0", message(() -> FormatValue.FP4.make(Map.of("group", 0.0))));
        assertEquals("int(4): group must be at most 2147483647, not 4294967328",
                message(() -> integer("bits", 4L, "group", 4294967328L)));
        assertEquals("int(4): group must be a whole number, not 32.5", message(() -> integer("bits", 4L, "group", 32.5)));
        assertEquals("int(4294967300): bits must be between 2 and 8", message(() -> integer("bits", 4294967300L)));
        assertEquals("quant: the override '*.fc2.input' must have 2 to 8 bits, not 4294967304",
                message(() -> new SchemeValue(null, null, Map.of("*.fc2.input", 4294967304L))));
        assertEquals("int(4): group must be positive, not 0", message(() -> INT4_G32.with(Map.of("group", 0L))));
    }

    @Test
    void optionsAreRefusedInTheScriptsWords() {
        assertEquals("int(4): clip must be true, false or \"group\", not \"tensor\"",
                message(() -> integer("bits", 4L, "clip", "tensor")));
        assertEquals("int(4): give lsq or clip, not both (both learn the scale's range)",
                message(() -> integer("bits", 4L, "lsq", true, "clip", true)));
        assertEquals("int(4): lsq needs a symmetric format; leave out symmetric: false",
                message(() -> integer("bits", 4L, "symmetric", false, "lsq", true)));
        assertEquals("quant: acts int(4, per: \"channel\"): per: \"channel\" is for weights; a layer input takes per: \"token\", "
                + "per: \"tensor\" or a group",
                message(() -> new SchemeValue(null, new FormatValue(IntFormat.symmetric(4), Granularity.CHANNEL))));
        assertEquals("quant: weights int(4, clip: true): clip is for layer inputs; a weight learns its scale with lsq",
                message(() -> new SchemeValue(new FormatValue(IntFormat.symmetric(4), null, false, ClipMode.TENSOR), null)));
        assertEquals("quant: the override '': a layer pattern must not be empty",
                message(() -> new SchemeValue(null, null, Map.of("", 4L))));
    }

    private static String message(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }
}
