package org.qatlas.stdlib.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qatlas.stdlib.quant.QuantSpecTest.assertMessage;

import org.junit.jupiter.api.Test;

class SchemeTest {
    private final Scheme w4a4 = new Scheme(QuantSpec.of(IntFormat.symmetric(4), Granularity.group(32)), QuantSpec.of(IntFormat.symmetric(4), Granularity.group(32)));

    private static String spec(Scheme scheme, String tensor) {
        return scheme.resolve(tensor).toString();
    }

    @Test
    void unnamedLayersTakeTheDefaultOfTheirRole() {
        Scheme scheme = new Scheme(new QuantSpec(IntFormat.symmetric(4), Granularity.group(64), true, ClipMode.NONE), QuantSpec.of(IntFormat.symmetric(4), Granularity.TOKEN));
        assertEquals("int4/g64+lsq", scheme.resolve("layers.0.fc2", Role.WEIGHT).toString());
        assertEquals("int4/token", scheme.resolve("layers.0.fc2", Role.INPUT).toString());
        assertEquals("int4/token", spec(scheme, "layers.11.qkv.input"));
    }

    @Test
    void theLastMatchingPatternWins() {
        Scheme scheme = w4a4.override("*.fc2.input", QuantSpec.of(IntFormat.symmetric(8), Granularity.TOKEN)).override("layers.3.fc2.input", QuantSpec.NONE);
        assertEquals("int8/token", spec(scheme, "layers.0.fc2.input"));
        assertEquals("none", spec(scheme, "layers.3.fc2.input"));
        assertEquals("int4/g32", spec(scheme, "layers.3.fc2.weight"));
        assertEquals("int4/g32", spec(scheme, "layers.3.fc1.input"));

        Scheme reversed = w4a4.override("layers.3.fc2.input", QuantSpec.NONE).override("*.fc2.input", QuantSpec.of(IntFormat.symmetric(8), Granularity.TOKEN));
        assertEquals("int8/token", spec(reversed, "layers.3.fc2.input"));
    }

    @Test
    void aStarMatchesAnyRunOfCharactersDotsIncluded() {
        Scheme scheme = w4a4.override("layers.*.qkv.weight", QuantSpec.of(IntFormat.symmetric(8), Granularity.CHANNEL));
        assertEquals("int8/channel", spec(scheme, "layers.1.qkv.weight"));
        assertEquals("int8/channel", spec(scheme, "layers.block.1.qkv.weight"));
        assertEquals("int4/g32", spec(scheme, "layers.1.o.weight"));
        assertEquals("int4/g32", spec(scheme, "layers.1.qkv.input"));
        GlobPattern exact = new GlobPattern("layers.1.fc2.input");
        assertTrue(exact.matches("layers.1.fc2.input"));
        assertFalse(exact.matches("layers.11.fc2.input"));
        assertFalse(exact.matches("layersX1.fc2.input"), "a dot matches only a dot");
        assertTrue(new GlobPattern("*").matches("anything.at.all"));
        assertTrue(new GlobPattern("a*b*c").matches("abc"));
    }

    @Test
    void embeddingsAndHeadStayInFullPrecisionUnlessARuleNamesThem() {
        Scheme broad = w4a4.override("*.weight", QuantSpec.of(IntFormat.symmetric(8), Granularity.group(32))).override("*", QuantSpec.of(IntFormat.symmetric(8), Granularity.group(32)));
        for (String tensor : new String[] {"embed.weight", "head.weight", "head.input", "model.head.weight"}) {
            assertEquals("none", spec(broad, tensor), tensor);
        }
        assertEquals("int8/g32", spec(broad, "layers.0.o.weight"));

        Scheme named = w4a4.override("head.weight", QuantSpec.of(IntFormat.symmetric(8), Granularity.CHANNEL)).override("head.input", QuantSpec.of(IntFormat.symmetric(8), Granularity.TOKEN))
                .override("embed.*", QuantSpec.of(IntFormat.symmetric(4), Granularity.group(32)));
        assertEquals("int8/channel", spec(named, "head.weight"));
        assertEquals("int8/token", spec(named, "head.input"));
        assertEquals("int4/g32", spec(named, "embed.weight"));
        assertEquals("none", spec(named, "model.head.weight"), "head.weight names the top-level head only");
    }

    @Test
    void aBitsOnlyRuleKeepsTheRestOfTheDefault() {
        Scheme scheme = new Scheme(QuantSpec.of(IntFormat.symmetric(4), Granularity.group(128)), new QuantSpec(IntFormat.symmetric(4), Granularity.group(128), false, ClipMode.TENSOR)).overrideBits("*.fc2.input", 8);
        assertEquals("int8/g128+clip", spec(scheme, "layers.2.fc2.input"));
        assertEquals("int4/g128", spec(scheme, "layers.2.fc2.weight"));
        Scheme w4a16 = new Scheme(QuantSpec.of(IntFormat.symmetric(4), Granularity.group(128)), QuantSpec.NONE).overrideBits("*.fc2.input", 8).overrideBits("*.o.weight", 8);
        assertEquals("int8/token", spec(w4a16, "layers.2.fc2.input"), "none has nothing to keep");
        assertEquals("int8/g128", spec(w4a16, "layers.2.o.weight"));
        assertEquals("none", spec(w4a16, "layers.2.o.input"));
        assertMessage("int(16): bits must be between 2 and 8", () -> w4a4.overrideBits("*", 16));
    }

    @Test
    void specsMustSuitTheTensorsTheyReach() {
        Scheme perChannelInputs = w4a4.override("*.fc2.input", QuantSpec.of(IntFormat.symmetric(4), Granularity.CHANNEL));
        assertMessage("layers.0.fc2.input: int4/channel: per-channel granularity applies to weights;"
                + " a layer input uses token, gN or tensor", () -> perChannelInputs.resolve("layers.0.fc2.input"));
        Scheme loose = w4a4.override("layers.0.*", QuantSpec.of(IntFormat.symmetric(4), Granularity.TOKEN));
        assertEquals("int4/token", spec(loose, "layers.0.fc1.input"));
        assertMessage("layers.0.fc1.weight: int4/token: per-token granularity applies to layer inputs;"
                + " a weight uses channel, gN or tensor", () -> loose.resolve("layers.0.fc1.weight"));
        QuantSpec perToken = QuantSpec.of(IntFormat.symmetric(4), Granularity.TOKEN);
        assertMessage("layers.0.fc1.weight: int4/token: per-token granularity applies to layer inputs; a weight uses channel, "
                + "gN or tensor", () -> new Scheme(perToken, perToken).resolve("layers.0.fc1.weight"));
        assertMessage("unknown tensor role 'bias': expected weight or input", () -> w4a4.resolve("layers.0.fc1.bias"));
        assertMessage("tensor name 'weight' must be a layer name followed by .weight or .input",
                () -> w4a4.resolve("weight"));
        assertMessage("a layer pattern must not be empty", () -> w4a4.override(" ", QuantSpec.NONE));
    }

    @Test
    void makesTheQuantizerOfATensor() {
        Scheme scheme = w4a4.override("*.fc2.input", QuantSpec.of(IntFormat.symmetric(8), Granularity.TOKEN));
        FakeQuantizer fc2 = scheme.quantizer("layers.0.fc2", Role.INPUT);
        assertEquals("int8/token", fc2.spec().toString());
        assertEquals(Role.INPUT, fc2.role());
        assertTrue(scheme.quantizer("head", Role.WEIGHT).spec().isNone());
    }

    @Test
    void printsItsRules() {
        Scheme scheme = w4a4.override("*.fc2.input", QuantSpec.of(IntFormat.symmetric(8), Granularity.TOKEN)).overrideBits("head.weight", 8);
        assertEquals("scheme(weights: int4/g32, inputs: int4/g32, *.fc2.input: int8/token, head.weight: 8)",
                scheme.toString());
        assertEquals(2, scheme.rules().size());
        assertEquals(scheme, w4a4.override("*.fc2.input", QuantSpec.of(IntFormat.symmetric(8), Granularity.TOKEN)).overrideBits("head.weight", 8));
        assertEquals("none", Scheme.FULL_PRECISION.resolve("layers.0.fc1.weight").toString());
    }
}
