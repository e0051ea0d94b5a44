package org.qatlas.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every example script prints what its file in expected/ says, so the examples stay true. */
class ExampleScriptsTest {
    private static final Path EXAMPLES = Path.of("").toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> examplesPrintTheirExpectedOutput() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            scripts = files.filter(p -> p.toString().endsWith(".qat")).sorted().toList();
        }
        assertTrue(scripts.size() >= 2, "example scripts in " + EXAMPLES);
        return scripts.stream().map(script -> DynamicTest.dynamicTest(script.getFileName().toString(), () -> {
            String name = script.getFileName().toString().replace(".qat", ".out");
            String expected = Files.readString(EXAMPLES.resolve("expected").resolve(name));
            assertEquals(expected, run(script));
        }));
    }

    /** Runs a script with a fresh folder for the files it writes as its argument. */
    private static String run(Path script) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path folder = Files.createTempDirectory("qat-example");
        try (Context context = Context.newBuilder("qat").allowAllAccess(true).out(out)
                .arguments("qat", new String[] {folder.toString()}).build()) {
            context.eval(Source.newBuilder("qat", script.toFile()).build());
        } finally {
            try (Stream<Path> written = Files.walk(folder)) {
                for (Path path : written.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
