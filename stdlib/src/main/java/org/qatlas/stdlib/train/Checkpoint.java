package org.qatlas.stdlib.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qatlas.stdlib.io.FileAccess;
import org.qatlas.stdlib.io.FileAccessRefused;

/**
 * The state of a run between two steps, in one zip file: the run's id (so a checkpoint is
 * only resumed by the same configuration), the next step, the seconds spent training so far,
 * the losses so far, the model's parameters, the learned quantization parameters, and AdamW's
 * moments and step count. Batches are drawn from a random stream per step, so the step number
 * is the data position. The file is written under a temporary name unique to the writing
 * process and moved into place, so a crash never leaves a half-written checkpoint and two
 * processes never write into one temporary.
 *
 * @param seconds the time spent training up to {@code nextStep}, over every resumption; NaN
 *     when the file does not say (written by an older version)
 */
public record Checkpoint(String runId, long nextStep, double seconds, double[] losses, Map<String, INDArray> parameters,
        Map<String, INDArray> quantizerParameters, Map<String, INDArray[]> optimizerMoments, long optimizerStep) {

    private static final String META = "meta.txt";

    /** @throws UncheckedIOException naming the file when it cannot be written (the old checkpoint stays) */
    public void save(FileAccess files, String file) {
        String partial = FileAccess.temporarySibling(file);
        try {
            try (ZipOutputStream zip = new ZipOutputStream(files.newOutputStream(partial))) {
                StringBuilder meta = new StringBuilder();
                meta.append("run_id=").append(runId).append('\n');
                meta.append("next_step=").append(nextStep).append('\n');
                meta.append("seconds=").append(Double.toString(seconds)).append('\n');
                meta.append("optimizer_step=").append(optimizerStep).append('\n');
                for (int i = 0; i < nextStep; i++) {
                    meta.append("loss=").append(Double.toString(losses[i])).append('\n');
                }
                entry(zip, META, meta.toString().getBytes(StandardCharsets.UTF_8));
                for (Map.Entry<String, INDArray> p : parameters.entrySet()) {
                    array(zip, "parameter/" + p.getKey(), p.getValue());
                }
                for (Map.Entry<String, INDArray> q : quantizerParameters.entrySet()) {
                    array(zip, "quantizer/" + q.getKey(), q.getValue());
                }
                for (Map.Entry<String, INDArray[]> m : optimizerMoments.entrySet()) {
                    array(zip, "adam_m/" + m.getKey(), m.getValue()[0]);
                    array(zip, "adam_v/" + m.getKey(), m.getValue()[1]);
                }
            }
            files.replace(partial, file);
        } catch (IOException e) {
            FileAccess.deleteQuietly(files, partial);
            throw new UncheckedIOException("cannot write the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a checkpoint written by {@link #save}; {@code steps} is the length of the run's loss history. */
    public static Checkpoint load(FileAccess files, String file, long steps) {
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        Map<String, INDArray> quantizers = new LinkedHashMap<>();
        Map<String, INDArray> first = new LinkedHashMap<>();
        Map<String, INDArray> second = new LinkedHashMap<>();
        String runId = null;
        long nextStep = -1;
        long optimizerStep = 0;
        double seconds = Double.NaN;
        double[] losses = new double[(int) steps];
        try (ZipInputStream zip = new ZipInputStream(files.newInputStream(file))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                if (name.equals(META)) {
                    int lossIndex = 0;
                    for (String line : new String(zip.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        String[] kv = line.split("=", 2);
                        switch (kv[0]) {
                            case "run_id" -> runId = kv[1];
                            case "next_step" -> nextStep = Long.parseLong(kv[1]);
                            case "optimizer_step" -> optimizerStep = Long.parseLong(kv[1]);
                            case "seconds" -> seconds = Double.parseDouble(kv[1]);
                            case "loss" -> {
                                if (lossIndex < losses.length) {
                                    losses[lossIndex] = Double.parseDouble(kv[1]);
                                }
                                lossIndex++;
                            }
                            default -> { }
                        }
                    }
                } else {
                    INDArray value = Nd4j.read(new DataInputStream(nonClosing(zip)));
                    String key = name.substring(name.indexOf('/') + 1);
                    switch (name.substring(0, name.indexOf('/'))) {
                        case "parameter" -> parameters.put(key, value);
                        case "quantizer" -> quantizers.put(key, value);
                        case "adam_m" -> first.put(key, value);
                        default -> second.put(key, value);
                    }
                }
            }
        } catch (FileAccessRefused e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("train: cannot read the checkpoint " + file + ": " + e.getMessage(), e);
        }
        if (runId == null || nextStep < 0 || nextStep > steps) {
            throw new IllegalArgumentException("train: " + file + " is not a checkpoint of this run");
        }
        Map<String, INDArray[]> moments = new LinkedHashMap<>();
        first.forEach((name, m) -> moments.put(name, new INDArray[] {m, second.get(name)}));
        return new Checkpoint(runId, nextStep, seconds, losses, parameters, quantizers, moments, optimizerStep);
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static void array(ZipOutputStream zip, String name, INDArray value) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Nd4j.write(value, new DataOutputStream(nonClosing(zip)));
        zip.closeEntry();
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private static InputStream nonClosing(InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() {
                // the zip stream stays open for the next entry
            }
        };
    }
}
