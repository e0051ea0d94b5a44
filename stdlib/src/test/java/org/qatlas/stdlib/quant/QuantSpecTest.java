package org.qatlas.stdlib.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuantSpecTest {
    static final QuantSpec INT4_G32 = QuantSpec.of(IntFormat.symmetric(4), Granularity.group(32));

    @Test
    void printsItsParts() {
        assertEquals("int4/g32", INT4_G32.toString());
        assertEquals("uint4/channel", QuantSpec.of(IntFormat.asymmetric(4), Granularity.CHANNEL).toString());
        assertEquals("fp4/g128", QuantSpec.of(Fp4E2M1.INSTANCE, Granularity.group(128)).toString());
        assertEquals("int4/g32+lsq", new QuantSpec(IntFormat.symmetric(4), Granularity.group(32), true, ClipMode.NONE).toString());
        assertEquals("int4/g256+groupclip",
                new QuantSpec(IntFormat.symmetric(4), Granularity.group(256), false, ClipMode.GROUP).toString());
        assertEquals("none", QuantSpec.NONE.toString());
    }

    @Test
    void specsThatLearnNothingAndAreEqualComputeOneFunction() {
        assertTrue(INT4_G32.sameFunctionAs(QuantSpec.of(IntFormat.symmetric(4), Granularity.group(32))));
        assertFalse(INT4_G32.sameFunctionAs(INT4_G32.withBits(8)));
        QuantSpec lsq = new QuantSpec(IntFormat.symmetric(4), Granularity.group(32), true, ClipMode.NONE);
        assertFalse(lsq.sameFunctionAs(new QuantSpec(IntFormat.symmetric(4), Granularity.group(32), true, ClipMode.NONE)));
        assertTrue(QuantSpec.NONE.sameFunctionAs(QuantSpec.NONE));
    }

    @Test
    void partsAreWhatWasGiven() {
        QuantSpec spec = new QuantSpec(IntFormat.symmetric(4), Granularity.group(256), false, ClipMode.GROUP);
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
        assertMessage("int(9): bits must be between 2 and 8", () -> IntFormat.symmetric(9));
        assertMessage("uint(1): bits must be between 2 and 8", () -> IntFormat.asymmetric(1));
        assertMessage("g0: group size must be at least 1", () -> Granularity.group(0));
        assertMessage("int4/g32: lsq and clip cannot be combined (both learn the scale's range)",
                () -> new QuantSpec(IntFormat.symmetric(4), Granularity.group(32), true, ClipMode.TENSOR));
        assertMessage("uint4/g32+lsq: learned scales and clipping need a symmetric format (int or fp4)",
                () -> new QuantSpec(IntFormat.asymmetric(4), Granularity.group(32), true, ClipMode.NONE));
    }

    @Test
    void rolesAcceptOnlyTheirOwnGranularitiesAndOptions() {
        assertMessage("int4/token: per-token granularity applies to layer inputs; a weight uses channel, gN or tensor",
                () -> QuantSpec.of(IntFormat.symmetric(4), Granularity.TOKEN).requireFor(Role.WEIGHT));
        assertMessage("int4/channel: per-channel granularity applies to weights; a layer input uses token, gN or tensor",
                () -> QuantSpec.of(IntFormat.symmetric(4), Granularity.CHANNEL).requireFor(Role.INPUT));
        assertMessage("int4/g32+lsq: lsq (learned step size) applies to weights; a layer input learns clip or groupclip",
                () -> new QuantSpec(IntFormat.symmetric(4), Granularity.group(32), true, ClipMode.NONE).requireFor(Role.INPUT));
        assertMessage("int4/g32+clip: learnable clipping applies to layer inputs; a weight learns its scale with lsq",
                () -> new QuantSpec(IntFormat.symmetric(4), Granularity.group(32), false, ClipMode.TENSOR).requireFor(Role.WEIGHT));
        assertEquals(INT4_G32, INT4_G32.requireFor(Role.WEIGHT));
        assertEquals(INT4_G32, INT4_G32.requireFor(Role.INPUT));
    }

    @Test
    void changingTheWidthKeepsTheRest() {
        QuantSpec clipped = new QuantSpec(IntFormat.symmetric(4), Granularity.group(32), false, ClipMode.TENSOR);
        assertEquals("int8/g32+clip", clipped.withBits(8).toString());
        assertEquals("uint8/token", QuantSpec.of(IntFormat.asymmetric(4), Granularity.TOKEN).withBits(8).toString());
        QuantSpec fp4 = QuantSpec.of(Fp4E2M1.INSTANCE, Granularity.group(128));
        assertEquals("int8/g128", fp4.withBits(8).toString());
        assertEquals("fp4/g128", fp4.withBits(4).toString());
        assertEquals("int4/token", INT4_G32.withGranularity(Granularity.TOKEN).toString());
        assertThrows(IllegalStateException.class, () -> QuantSpec.NONE.withBits(8));
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertEquals(expected, e.getMessage());
    }
}
