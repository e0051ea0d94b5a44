package org.qatlas.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.qatlas.launcher.ErrorReport;

/**
 * Golden tests: every {@code .qat} script under {@code src/test/resources/golden/} runs in a
 * fresh context, and what it prints, followed by the error report when it fails, must equal
 * the {@code .out} file beside it, byte for byte.
 *
 * <p>The report is made by the launcher's {@link ErrorReport}, so a golden file shows exactly
 * what a user of {@code qat run} sees. Scripts are named by their path relative to the golden
 * folder ({@code errors/unknown_name.qat:2:15: ...}), and the folder's absolute path, which
 * appears in messages about imports, is written as a relative path, so that the files do not
 * depend on where the checkout lives.
 *
 * <p>Folders named {@code lib} hold modules that the scripts import; they are not tests.
 *
 * <p>To (re)write the expected files from what the interpreter prints now, run
 * {@code mvn -o -pl interpreter test -Dtest=GoldenTest -Dgolden.update=true}, then read the
 * diff: every changed line must be one you can explain, because the files are the contract.
 */
class GoldenTest {
    private static final Path ROOT = goldenRoot();
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    /** One engine for all scripts: each still gets its own context, but startup is paid once. */
    private static final Engine ENGINE = Engine.newBuilder("qat")
            .option("engine.WarnInterpreterOnly", "false")
            .build();

    @AfterAll
    static void closeEngine() {
        ENGINE.close();
    }

    @TestFactory
    Stream<DynamicTest> goldenScripts() {
        List<Path> scripts = scripts();
        assertFalse(scripts.isEmpty(), "no golden scripts found under " + ROOT);
        return scripts.stream().map(script -> DynamicTest.dynamicTest(name(script), script.toUri(), () -> check(script)));
    }

    private static void check(Path script) throws IOException {
        String actual = run(script);
        Path expectedFile = expectedFile(script);
        if (UPDATE) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(expectedFile)) {
            fail("missing " + ROOT.relativize(expectedFile) + "; run with -Dgolden.update=true to create it. Output was:\n"
                    + actual);
        }
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertEquals(expected, actual, () -> name(script) + " printed something else than "
                + ROOT.relativize(expectedFile));
    }

    /**
     * What the script prints, then the error report (and a newline) if it fails. Scripts that
     * write files get a fresh folder of their own as args[0].
     */
    static String run(Path script) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Path scratch = Files.createTempDirectory("qat-golden");
        // The real file, so that relative imports resolve; named as the report should show it.
        Source source = Source.newBuilder("qat", script.toFile()).name(name(script)).build();
        try {
            return runIn(source, scratch, output);
        } finally {
            deleteTree(scratch);
        }
    }

    private static String runIn(Source source, Path scratch, ByteArrayOutputStream output) throws IOException {
        String script = source.getName();
        try (Context context = Context.newBuilder("qat").engine(ENGINE).allowAllAccess(true)
                .arguments("qat", new String[] {scratch.toString()}).out(output).err(output).build()) {
            try {
                context.eval(source);
            } catch (PolyglotException e) {
                if (e.isInternalError() || e.isHostException()) {
                    // An interpreter bug, not the script's error: never something to record.
                    throw new AssertionError(script + " broke the interpreter:\n" + ErrorReport.format(e, true), e);
                }
                output.writeBytes(ErrorReport.format(e, false).getBytes(StandardCharsets.UTF_8));
                output.write('\n');
            }
        }
        return relativePaths(output.toString(StandardCharsets.UTF_8)).replace(scratch.toString(), "<tmp>");
    }

    /** Removes a script's scratch folder and what it wrote there. */
    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Absolute paths under the golden folder, as in "no such file (looked for ...)", made relative. */
    private static String relativePaths(String text) {
        return text.replace(ROOT.toString() + "/", "").replace("\r\n", "\n");
    }

    static List<Path> scripts() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(file -> file.toString().endsWith(".qat"))
                    .filter(file -> !isLibrary(ROOT.relativize(file)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isLibrary(Path relative) {
        for (Path part : relative) {
            if (part.toString().equals("lib")) {
                return true;
            }
        }
        return false;
    }

    /** The script's path relative to the golden folder, with '/' on every platform. */
    static String name(Path script) {
        return ROOT.relativize(script).toString().replace('\\', '/');
    }

    private static Path expectedFile(Path script) {
        String file = script.getFileName().toString();
        return script.resolveSibling(file.substring(0, file.length() - ".qat".length()) + ".out");
    }

    /**
     * The golden folder in the source tree (not the copy in target/), so that an update writes
     * the files under version control. Surefire runs tests in the module's folder and sets
     * {@code basedir} to it.
     */
    static Path goldenRoot() {
        String base = System.getProperty("basedir", System.getProperty("user.dir"));
        return Path.of(base, "src", "test", "resources", "golden").toAbsolutePath().normalize();
    }
}
