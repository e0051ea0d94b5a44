package org.qatlas.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a study script of {@code examples/studies/} in its tiny mode as users start it,
 * {@code bin/qat run examples/studies/NAME.qat FOLDER tiny}, with runs kept in memory, and
 * requires it to end well within {@code seconds}.
 *
 * @param out what the script printed
 * @param err the study's log and anything else on standard error
 */
record TinyStudy(String out, String err) {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static TinyStudy run(String script, Path folder, long seconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("bin/qat").toString(), "run",
                ROOT.resolve("examples/studies").resolve(script).toString(), folder.toString(), "tiny")
                .redirectOutput(folder.resolve("out.txt").toFile()).redirectError(folder.resolve("err.txt").toFile());
        builder.environment().put("QAT_RUNS", "off");
        Process process = builder.start();
        assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), "the tiny " + script + " did not finish in " + seconds + " s");
        TinyStudy result = new TinyStudy(Files.readString(folder.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(folder.resolve("err.txt"), StandardCharsets.UTF_8));
        assertEquals(0, process.exitValue(), result.out() + result.err());
        return result;
    }
}
