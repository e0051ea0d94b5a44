package org.qatlas.stdlib.backend;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.model.LlamaConfig;

/**
 * The PyTorch reference that reference/torch_reference.py writes: a tiny model's initial
 * weights and one token batch, and per quantization scheme the float64 logits, loss, gradients
 * and the losses of a few clipped AdamW steps. Stored as an uncompressed .npz, which ND4J reads
 * with one library call; arrays are named "init/&lt;parameter&gt;", "&lt;scheme&gt;/logits",
 * "&lt;scheme&gt;/loss" ([1]: ND4J reads no rank-0 array), "&lt;scheme&gt;/grad/&lt;parameter&gt;" and
 * "&lt;scheme&gt;/losses".
 */
final class TorchReference {
    static final String RESOURCE = "/reference/torch_llama.npz";

    private final Map<String, INDArray> arrays;

    private TorchReference(Map<String, INDArray> arrays) {
        this.arrays = arrays;
    }

    /** The reference on the test class path. */
    static TorchReference load() {
        URL url = TorchReference.class.getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException(RESOURCE + " is missing: run reference/torch_reference.py");
        }
        try {
            return new TorchReference(Nd4j.createFromNpzFile(new File(url.toURI())));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** The model's shape: config = [layers, hidden, ffn, heads, kvHeads, seq, vocab, batch, tied, steps, group]. */
    LlamaConfig config() {
        long[] c = array("config").toLongVector();
        return new LlamaConfig((int) c[0], (int) c[1], (int) c[2], (int) c[3], (int) c[4], (int) c[5], (int) c[6],
                c[8] != 0);
    }

    /** Training steps the losses cover. */
    int steps() {
        return (int) array("config").getLong(9);
    }

    /** The quantization group length the schemes use. */
    int group() {
        return (int) array("config").getLong(10);
    }

    /** The token batch [batch][seq + 1]: inputs 0..seq-1, targets 1..seq. */
    int[][] tokens() {
        return array("tokens").toIntMatrix();
    }

    /** The inputs alone, [batch][seq]. */
    int[][] inputs() {
        int[][] tokens = tokens();
        int[][] inputs = new int[tokens.length][];
        for (int b = 0; b < tokens.length; b++) {
            inputs[b] = java.util.Arrays.copyOf(tokens[b], tokens[b].length - 1);
        }
        return inputs;
    }

    /** The constant learning rate of the training steps. */
    double learningRate() {
        return array("train").getDouble(0);
    }

    /** [beta1, beta2, epsilon, weight decay, gradient clip] of the training steps. */
    double[] optimizerSettings() {
        double[] t = array("train").toDoubleVector();
        return new double[] {t[1], t[2], t[3], t[4], t[5]};
    }

    /** The initial parameters by Qatlas's names, float64. */
    Map<String, INDArray> initialParameters() {
        return withPrefix("init/");
    }

    INDArray logits(String scheme) {
        return array(scheme + "/logits");
    }

    double loss(String scheme) {
        return array(scheme + "/loss").getDouble(0);
    }

    /** dLoss/dParameter at the initial parameters, by parameter name. */
    Map<String, INDArray> gradients(String scheme) {
        return withPrefix(scheme + "/grad/");
    }

    /** The loss before each training step. */
    double[] losses(String scheme) {
        return array(scheme + "/losses").toDoubleVector();
    }

    private Map<String, INDArray> withPrefix(String prefix) {
        Map<String, INDArray> found = new TreeMap<>();
        arrays.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                found.put(name.substring(prefix.length()), value);
            }
        });
        if (found.isEmpty()) {
            throw new IllegalArgumentException(RESOURCE + " has no arrays named " + prefix + "*");
        }
        return found;
    }

    private INDArray array(String name) {
        INDArray value = arrays.get(name);
        if (value == null) {
            throw new IllegalArgumentException(RESOURCE + " has no array " + name);
        }
        return value;
    }
}
