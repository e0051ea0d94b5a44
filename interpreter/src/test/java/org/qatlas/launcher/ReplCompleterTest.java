package org.qatlas.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Completion candidates, asked of the completer directly with parsed lines. */
class ReplCompleterTest {

    private Context context;
    private DumbTerminal terminal;
    private LineReader reader;
    private ReplCompleter completer;

    @BeforeEach
    void startSession() throws IOException {
        context = QatContexts.create(InputStream.nullInputStream(), new ByteArrayOutputStream(),
                new ByteArrayOutputStream(), List.of());
        context.eval(ScriptSources.text("""
                learning_rate = 3e-4
                layers = 4
                tiny = {params: 74M, flops_per_token: 6, config: {seq: 64}}
                """, "<setup>"));
        terminal = new DumbTerminal("test", "dumb", InputStream.nullInputStream(), new ByteArrayOutputStream(), UTF_8);
        reader = LineReaderBuilder.builder().terminal(terminal).build();
        completer = new ReplCompleter(context);
    }

    @AfterEach
    void endSession() throws IOException {
        context.close();
        terminal.close();
    }

    @Test
    void userNamesAndBuiltInsAreOffered() {
        List<String> values = values("x = l");
        assertTrue(values.contains("layers"), values.toString());
        assertTrue(values.contains("learning_rate"), values.toString());
        assertTrue(values("pri").contains("print"), "built-in functions are bound names too");
    }

    @Test
    void keywordsAreOffered() {
        assertTrue(values("ret").contains("return"));
        assertTrue(values("x = r wi").contains("with"));
    }

    @Test
    void fieldsAfterADot() {
        List<String> values = values("print(tiny.");
        assertTrue(values.contains("tiny.params"), values.toString());
        assertTrue(values.contains("tiny.flops_per_token"), values.toString());
    }

    @Test
    void fieldsOfFieldsAfterSeveralDots() {
        assertEquals(List.of("tiny.config.seq"), values("tiny.config."));
    }

    @Test
    void nothingAfterADotOnAPlainNumber() {
        assertEquals(List.of(), values("layers."));
        assertEquals(List.of(), values("nosuchname."));
    }

    @Test
    void commandsAtTheStartOfALine() {
        assertEquals(List.of(":help", ":load", ":quit"), values(":"));
    }

    @Test
    void fileNamesAfterLoad(@TempDir Path temp) throws IOException {
        Files.writeString(temp.resolve("sweep.qat"), "x = 1\n");
        List<String> values = values(":load " + temp + "/sw");
        assertTrue(values.contains(temp + "/sweep.qat"), values.toString());
    }

    /** The candidates' values, for a buffer with the cursor at its end. */
    private List<String> values(String buffer) {
        ParsedLine line = new ReplParser().parse(buffer, buffer.length(), ParseContext.COMPLETE);
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(reader, line, candidates);
        String typed = line.word();
        // JLine shows only the candidates that start with what was typed; do the same here.
        return candidates.stream().map(Candidate::value).filter(value -> value.startsWith(typed)).toList();
    }
}
