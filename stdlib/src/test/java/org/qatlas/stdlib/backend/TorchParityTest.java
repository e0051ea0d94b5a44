package org.qatlas.stdlib.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.qatlas.stdlib.model.LlamaConfig;
import org.qatlas.stdlib.model.LlamaModel;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.model.TensorTransform;
import org.qatlas.stdlib.quant.FakeQuantizer;
import org.qatlas.stdlib.quant.FormatValue;
import org.qatlas.stdlib.quant.QuantSpec;
import org.qatlas.stdlib.quant.Role;
import org.qatlas.stdlib.quant.Scheme;
import org.qatlas.stdlib.quant.SchemeValue;
import org.qatlas.stdlib.train.AdamW;
import org.qatlas.stdlib.train.Budget;
import org.qatlas.stdlib.train.GradientClipping;

/**
 * Qatlas's model, fake quantization and optimizer against an independent PyTorch
 * implementation of the same conventions (reference/torch_reference.py, computed in float64):
 * logits, loss and every parameter's gradient at fixed weights, and the losses of ten steps of
 * global-norm clipping and AdamW, for full precision, W4A4 with groups of 32, and W4A4 with the
 * FC2 input at 8 bits.
 *
 * <p>Errors are measured relative to each tensor's scale: max |actual - reference| over
 * max |reference|, so that a gradient whose entries are all small is held to the same standard
 * as a large one, and entries near zero do not blow a per-element ratio up.
 *
 * <p>A fake-quantized element within float32 noise of a rounding boundary can land on the
 * other level in float32 than in float64, and then moves the results by a whole quantization
 * step there. Measured on this reference: float32 W4A4 training rounds one element of the first
 * layer's attention input (3.2e-7 levels from a boundary) the other way in the seventh of ten steps; that
 * step's loss moves by 2.6e-5 and the tenth by 2.0e-4, beyond the 1e-4 the losses are held to.
 * {@link RoundingFlips} finds such elements against a float64 model; the check compares what
 * came before and stops there, reported as skipped with the elements named, unless they are
 * farther from a boundary than float32 can stray, which fails.
 *
 * <p>Every check runs on every backend that starts in the build ({@link TestBackends#available}):
 * the cpu kernels and the nd4j backend in float32, and the float64 reference.
 */
class TorchParityTest {

    /** What one model type must reach; see {@link #models()}. */
    record Tolerances(double logits, double loss, double gradients, double trainingLosses) {
    }

    /** A model the reference checks: a name for the report, the backend it computes on, what it must reach. */
    record ModelUnderTest(String name, Backend backend, Tolerances tolerances) {
        DataType dataType() {
            return backend.dataType();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * float32 against the float64 truth: float32 rounds each operation to about 6e-8 relative,
     * and errors add up over a few hundred operations deep and the sums of the GEMMs. Measured
     * worst, relative to each tensor's scale: logits 1.9e-7, loss 3.1e-9, gradients 4.4e-7, the
     * training losses 1.8e-8 (before any rounding flip). The bounds leave a factor of 20 to 30;
     * the training losses keep 1e-4, which still tells the schemes apart (W4A4 moves the first
     * loss by 4.6e-4 and the tenth by 6.6e-3).
     */
    static final Tolerances FLOAT32 = new Tolerances(5e-6, 1e-7, 1e-5, 1e-4);

    /**
     * float64: the same conventions computed to double precision agree to rounding noise, which
     * shows that no convention differs (a differing one shows at 1e-4 or more). Measured worst:
     * logits 4.3e-16, loss 2.1e-16, gradients 1.2e-15, training losses 4.4e-16.
     */
    static final Tolerances FLOAT64 = new Tolerances(1e-13, 1e-13, 1e-13, 1e-13);

    /** The float64 reference backend, whose models also locate rounding flips. */
    static final ModelUnderTest REFERENCE = new ModelUnderTest("reference float64", TestBackends.REFERENCE, FLOAT64);

    /** The models every check runs on: one per backend that starts in this build. */
    static Stream<ModelUnderTest> models() {
        return TestBackends.available().stream().map(backend -> backend == TestBackends.REFERENCE ? REFERENCE
                : new ModelUnderTest(backend.name() + " " + (backend.dataType() == DataType.DOUBLE ? "float64" : "float32"),
                        backend, backend.dataType() == DataType.DOUBLE ? FLOAT64 : FLOAT32));
    }

    /** The schemes of the reference, by its names, as a script writes them. */
    static SchemeValue scheme(String name, int group) {
        FormatValue int4 = FormatValue.INT.make(Map.of("bits", 4L, "group", (long) group));
        return switch (name) {
            case "fp" -> SchemeValue.TABLE.make(Map.of());
            case "w4a4" -> SchemeValue.TABLE.make(Map.of("weights", int4, "acts", int4));
            case "w4a4_fc2in8" -> SchemeValue.TABLE.make(Map.of("weights", int4, "acts", int4,
                    "overrides", Map.of("*.fc2.input", 8L)));
            default -> throw new IllegalArgumentException("no scheme " + name);
        };
    }

    static final List<String> SCHEMES = List.of("fp", "w4a4", "w4a4_fc2in8");

    static Stream<Arguments> cases() {
        return models().flatMap(model -> SCHEMES.stream().map(scheme -> Arguments.of(model, scheme)));
    }

    private static TorchReference reference;

    @BeforeAll
    static void loadReference() {
        reference = TorchReference.load();
    }

    /** The model under test on its backend, with the reference's initial weights and the scheme's quantizers. */
    static LlamaModel build(ModelUnderTest kind, String schemeName) {
        LlamaModel model = new LlamaModel(reference.config(), kind.backend(), 1L);
        Map<String, INDArray> initial = reference.initialParameters();
        assertEquals(initial.keySet(), new TreeSet<>(model.parameters().keySet()),
                "the reference and the model name the same parameters");
        initial.forEach((name, value) -> {
            INDArray parameter = model.parameters().get(name);
            assertEquals(Arrays.toString(value.shape()), Arrays.toString(parameter.shape()), name);
            parameter.assign(value.castTo(kind.dataType()));
        });
        attachQuantizers(model, scheme(schemeName, reference.group()).scheme(), kind.backend());
        model.keepLinearInputs(true); // for RoundingFlips
        return model;
    }

    /** As the trainer starts QAT: the resolved spec of every linear layer's weight and input. */
    private static void attachQuantizers(LlamaModel model, Scheme scheme, Backend backend) {
        model.linears().forEach((layer, linear) -> {
            linear.setWeightTransform(quantizer(scheme, layer, Role.WEIGHT, backend));
            linear.setInputTransform(quantizer(scheme, layer, Role.INPUT, backend));
        });
    }

    private static TensorTransform quantizer(Scheme scheme, String layer, Role role, Backend backend) {
        QuantSpec spec = scheme.resolve(layer, role);
        return spec.isNone() ? TensorTransform.IDENTITY : new FakeQuantizer(spec, role, backend);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void logitsLossAndGradientsMatchTorch(ModelUnderTest kind, String scheme) {
        LlamaModel model = build(kind, scheme);
        LlamaModel twin = float64Twin(scheme);
        Tolerances tolerance = kind.tolerances();

        double logitsError = relativeError(model.logits(reference.inputs()), reference.logits(scheme));
        double loss = model.lossAndGradients(reference.tokens());
        twin.lossAndGradients(reference.tokens());

        double lossError = Math.abs(loss - reference.loss(scheme)) / Math.abs(reference.loss(scheme));
        List<String> failures = new ArrayList<>();
        double worstGradient = 0;
        String worstName = "";
        for (Map.Entry<String, INDArray> expected : reference.gradients(scheme).entrySet()) {
            String name = expected.getKey();
            double error = relativeError(model.gradients().get(name), expected.getValue());
            if (error > worstGradient) {
                worstGradient = error;
                worstName = name;
            }
            if (!(error <= tolerance.gradients())) {
                failures.add(name + " " + error);
            }
        }
        System.out.printf("%s %s: logits %.2e, loss %.2e, gradients %.2e (%s)%n", kind, scheme, logitsError, lossError,
                worstGradient, worstName);
        abortOnRoundingFlips(kind, scheme, 0, RoundingFlips.between(model, twin), String.format(
                "the logits by %.2e, the loss by %.2e and the gradients by up to %.2e (%s) of their scale", logitsError,
                lossError, worstGradient, worstName));

        assertTrue(logitsError <= tolerance.logits(), "logits differ by " + logitsError + " of their scale");
        assertTrue(lossError <= tolerance.loss(), "loss " + loss + " against " + reference.loss(scheme));
        assertTrue(failures.isEmpty(), "gradients beyond " + tolerance.gradients() + " of their scale: " + failures);
    }

    /**
     * The ten steps, with a float64 Qatlas model trained alongside that tells where the model
     * under test rounds differently. Losses are compared up to the first step that does; that
     * step's loss and all later ones see the flip.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void clippedAdamWStepsMatchTorch(ModelUnderTest kind, String scheme) {
        LlamaModel model = build(kind, scheme);
        LlamaModel twin = float64Twin(scheme);
        Trainer trainer = new Trainer(model);
        Trainer twinTrainer = new Trainer(twin);
        double[] expected = reference.losses(scheme);
        double[] losses = new double[reference.steps()];
        int compared = losses.length;
        List<RoundingFlips.Flip> flips = List.of();
        for (int step = 0; step < losses.length; step++) {
            losses[step] = trainer.lossAndGradients();
            twinTrainer.lossAndGradients();
            if (flips.isEmpty()) {
                flips = RoundingFlips.between(model, twin); // before the update: the weights this pass used
                compared = flips.isEmpty() ? losses.length : step;
            }
            trainer.update();
            twinTrainer.update();
        }
        double worst = worstRelative(losses, expected, compared);
        System.out.printf("%s %s: %d of %d training losses %.2e%n", kind, scheme, compared, losses.length, worst);
        assertTrue(worst <= kind.tolerances().trainingLosses(), "losses " + Arrays.toString(losses)
                + " against " + Arrays.toString(expected) + ": " + worst + " relative");
        if (!flips.isEmpty()) {
            double atFlip = Math.abs(losses[compared] - expected[compared]) / expected[compared];
            double last = Math.abs(losses[losses.length - 1] - expected[losses.length - 1]) / expected[losses.length - 1];
            abortOnRoundingFlips(kind, scheme, compared, flips, String.format("that step's loss by %.2e and the last by %.2e",
                    atFlip, last));
        }
    }

    /** Clipped AdamW steps, as the trainer takes them, at the reference's constant rate. */
    private static final class Trainer {
        private final LlamaModel model;
        private final double[] settings = reference.optimizerSettings();
        private final AdamW optimizer;

        Trainer(LlamaModel model) {
            this.model = model;
            this.optimizer = new AdamW(settings[0], settings[1], settings[2], settings[3], model.backend());
        }

        double lossAndGradients() {
            return model.lossAndGradients(reference.tokens());
        }

        void update() {
            double clipping = GradientClipping.scale(GradientClipping.globalNorm(model.gradients(), model.backend()), settings[4]);
            optimizer.update(model.parameters(), model.gradients(), reference.learningRate(), clipping);
        }
    }

    /** A float64 Qatlas model of the same scheme, which tells where rounding decisions differ. */
    private static LlamaModel float64Twin(String scheme) {
        return build(REFERENCE, scheme);
    }

    /**
     * Where the model under test puts an element on another level than float64 does, its results
     * differ by a whole quantization step there and element-wise parity is undefined from then on.
     * Such a flip is legitimate only within float32 noise of a rounding boundary: farther away it
     * fails the test as a difference of convention; near one, the rest of the check is skipped,
     * saying where and what it changed.
     */
    private static void abortOnRoundingFlips(ModelUnderTest kind, String scheme, int step, List<RoundingFlips.Flip> flips,
            String effect) {
        if (flips.isEmpty()) {
            return;
        }
        for (RoundingFlips.Flip flip : flips) {
            assertTrue(flip.distance() < RoundingFlips.REACH, "not a rounding tie: " + flip);
        }
        String message = String.format("%s %s: in step %d, %d element(s) rounded to the other level: %s; they change %s",
                kind, scheme, step + 1, flips.size(), flips, effect);
        System.out.println(message);
        Assumptions.abort(message);
    }

    private static double worstRelative(double[] actual, double[] expected, int count) {
        double worst = 0;
        for (int i = 0; i < count; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.abs(expected[i]));
        }
        return worst;
    }

    @Test
    void referenceTrainsWithTheTrainersDefaultsOnARaggedGroup() {
        Budget defaults = Budget.DEFAULT;
        double[] settings = reference.optimizerSettings();
        assertEquals(defaults.beta1(), settings[0]);
        assertEquals(defaults.beta2(), settings[1]);
        assertEquals(defaults.epsilon(), settings[2]);
        assertEquals(defaults.weightDecay(), settings[3]);
        assertEquals(defaults.gradClip(), settings[4]);
        LlamaConfig config = reference.config();
        // ffn as llama() derives it from hidden, and no multiple of the group: fc2's groups are ragged.
        assertEquals(ModelValue.TABLE.make(Map.of("layers", (long) config.layers(), "hidden", (long) config.hidden()))
                .config().ffn(), config.ffn());
        assertTrue(config.ffn() % reference.group() != 0, "ffn " + config.ffn() + " is a multiple of the group");
    }

    @Test
    void eachSchemeChangesTheLossByMoreThanTheTolerance() {
        // Guards the parity checks against a scheme that quietly quantizes nothing.
        double fp = reference.loss("fp");
        for (String scheme : List.of("w4a4", "w4a4_fc2in8")) {
            assertTrue(Math.abs(reference.loss(scheme) - fp) / fp > 100 * FLOAT32.loss(), scheme);
        }
        assertTrue(Math.abs(reference.loss("w4a4") - reference.loss("w4a4_fc2in8")) / fp > 100 * FLOAT32.loss());
    }

    /** max |actual - expected| / max |expected|, in double. */
    static double relativeError(INDArray actual, INDArray expected) {
        INDArray want = expected.castTo(DataType.DOUBLE);
        double scale = want.amaxNumber().doubleValue();
        double difference = actual.castTo(DataType.DOUBLE).reshape(want.shape()).sub(want).amaxNumber().doubleValue();
        return difference / scale;
    }
}
