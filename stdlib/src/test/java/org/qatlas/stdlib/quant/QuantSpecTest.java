package org.qatlas.stdlib.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuantSpecTest {
    @ParameterizedTest
    @ValueSource(strings = {"int4/g32", "int8/token", "fp4/g128", "none", "uint4/channel", "int2/tensor",
        "uint8/g7", "int4/g32+lsq", "int4/g256+clip", "int4/g256+groupclip", "fp4/g64+lsq", "int3/channel+lsq"})
    void printsWhatItParses(String text) {
        QuantSpec spec = QuantSpec.parse(text);
        assertEquals(text, spec.toString());
        assertEquals(spec, QuantSpec.parse(spec.toString()));
    }

    @Test
    void readsLooserSpellingsAndPrintsTheCanonicalOne() {
        assertEquals("int4/g32", QuantSpec.parse(" INT(4)/G32 ").toString());
        assertEquals("uint8/token", QuantSpec.parse("uint(8)/token").toString());
        assertEquals("fp4/tensor", QuantSpec.parse("fp4e2m1/tensor").toString());
        assertSame(QuantSpec.NONE, QuantSpec.parse("None"));
    }

    @Test
    void partsAreWhatTheTextSays() {
        QuantSpec spec = QuantSpec.parse("int4/g256+groupclip");
        assertEquals(new IntFormat(4, true), spec.format());
        assertEquals(Granularity.group(256), spec.granularity());
        assertEquals(ClipMode.GROUP, spec.clip());
        assertFalse(spec.lsq());
        assertTrue(spec.learned());
        assertEquals(7.0, spec.format().maxLevel());
        assertEquals(15.0, IntFormat.asymmetric(4).maxLevel());
        assertEquals(127.0, IntFormat.symmetric(8).maxLevel());
        assertEquals(6.0, Fp4E2M1.INSTANCE.maxLevel());
        assertTrue(QuantSpec.NONE.isNone());
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        assertMessage("int(9): bits must be between 2 and 8", () -> QuantSpec.parse("int9/g32"));
        assertMessage("int(9): bits must be between 2 and 8", () -> IntFormat.symmetric(9));
        assertMessage("uint(1): bits must be between 2 and 8", () -> QuantSpec.parse("uint1/token"));
        assertMessage("g0: group size must be at least 1", () -> QuantSpec.parse("int4/g0"));
        assertMessage("g0: group size must be at least 1", () -> Granularity.group(0));
        assertMessage("unknown granularity 'row': expected gN (groups of N, e.g. g32), token, channel or tensor",
                () -> QuantSpec.parse("int4/row"));
        assertMessage("unknown number format 'float4': expected intB (symmetric), uintB (asymmetric)"
                + " with B from 2 to 8, or fp4", () -> QuantSpec.parse("float4/g32"));
        assertMessage("'int4': expected format/granularity such as int4/g32, int8/token, fp4/g128, or none",
                () -> QuantSpec.parse("int4"));
        assertMessage("unknown option 'foo' in 'int4/g32+foo': expected lsq, clip or groupclip",
                () -> QuantSpec.parse("int4/g32+foo"));
        assertMessage("option 'lsq' given twice in 'int4/g32+lsq+lsq'", () -> QuantSpec.parse("int4/g32+lsq+lsq"));
        assertMessage("int4/g32: lsq and clip cannot be combined (both learn the scale's range)",
                () -> QuantSpec.parse("int4/g32+lsq+clip"));
        assertMessage("uint4/g32+lsq: learned scales and clipping need a symmetric format (int or fp4)",
                () -> QuantSpec.parse("uint4/g32+lsq"));
    }

    @Test
    void rolesAcceptOnlyTheirOwnGranularitiesAndOptions() {
        assertMessage("int4/token: per-token granularity applies to layer inputs; a weight uses channel, gN or tensor",
                () -> FakeQuantizer.of("int4/token", Role.WEIGHT));
        assertMessage("int4/channel: per-channel granularity applies to weights; a layer input uses token, gN or tensor",
                () -> FakeQuantizer.of("int4/channel", Role.INPUT));
        assertMessage("int4/g32+lsq: lsq (learned step size) applies to weights; a layer input learns clip or groupclip",
                () -> QuantSpec.parse("int4/g32+lsq").requireFor(Role.INPUT));
        assertMessage("int4/g32+clip: learnable clipping applies to layer inputs; a weight learns its scale with lsq",
                () -> QuantSpec.parse("int4/g32+clip").requireFor(Role.WEIGHT));
        assertEquals("int4/g32", QuantSpec.parse("int4/g32").requireFor(Role.WEIGHT).toString());
        assertEquals("int4/tensor", QuantSpec.parse("int4/tensor").requireFor(Role.INPUT).toString());
    }

    @Test
    void changingTheWidthKeepsTheRest() {
        assertEquals("int8/g32+clip", QuantSpec.parse("int4/g32+clip").withBits(8).toString());
        assertEquals("uint8/token", QuantSpec.parse("uint4/token").withBits(8).toString());
        assertEquals("int8/g128", QuantSpec.parse("fp4/g128").withBits(8).toString());
        assertEquals("fp4/g128", QuantSpec.parse("fp4/g128").withBits(4).toString());
        assertEquals("int4/token", QuantSpec.parse("int4/g32").withGranularity(Granularity.TOKEN).toString());
        assertThrows(IllegalStateException.class, () -> QuantSpec.NONE.withBits(8));
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertEquals(expected, e.getMessage());
    }
}
