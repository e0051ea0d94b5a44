package org.qatlas.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every script under {@code grammar/examples/} parses without a syntax error, and together
 * they use every rule and every labelled alternative of the grammar, so a change to the grammar
 * that breaks a construct, or a construct added without an example, fails here.
 */
class ExamplesParseTest {
    private static final Path EXAMPLES = Path.of("examples");
    /** The inside of "${...}" in a string: the interpreter parses it with the expressionOnly rule. */
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{((?:[^{}\"]|\"(?:[^\"\\\\]|\\\\.)*\"|\\{[^{}]*\\})*)\\}");
    private static final Set<String> SEEN = new TreeSet<>();

    @TestFactory
    Stream<DynamicTest> everyExampleParses() throws IOException {
        List<Path> scripts = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            files.filter(p -> p.toString().endsWith(".qat")).sorted().forEach(scripts::add);
        }
        assertFalse(scripts.isEmpty(), "no examples under " + EXAMPLES.toAbsolutePath());
        return scripts.stream().map(script -> DynamicTest.dynamicTest(script.getFileName().toString(), () -> {
            String text = Files.readString(script);
            record(parser(text, script.toString()).program());
            for (String inside : interpolations(text)) {
                record(parser(inside, script + " (interpolation)").expressionOnly());
            }
        }));
    }

    /** Run after the examples: the rule contexts no example produced. */
    @AfterAll
    static void everyRuleAndAlternativeIsUsed() {
        Set<String> expected = new TreeSet<>();
        List<Class<?>> contexts = Arrays.stream(QatParser.class.getDeclaredClasses())
                .filter(ParserRuleContext.class::isAssignableFrom).toList();
        for (Class<?> context : contexts) {
            // A rule with labelled alternatives is only ever one of its subclasses.
            boolean hasAlternatives = contexts.stream().anyMatch(other -> other.getSuperclass() == context);
            if (!hasAlternatives) {
                expected.add(context.getSimpleName());
            }
        }
        expected.removeAll(SEEN);
        assertEquals(Set.of(), expected, "rules or alternatives that no example under grammar/examples uses");
    }

    private static void record(ParseTree tree) {
        if (tree instanceof ParserRuleContext context) {
            SEEN.add(context.getClass().getSimpleName());
            for (int i = 0; i < context.getChildCount(); i++) {
                record(context.getChild(i));
            }
        }
    }

    private static List<String> interpolations(String text) {
        List<String> found = new ArrayList<>();
        QatLexer lexer = new QatLexer(CharStreams.fromString(text));
        for (Token token : lexer.getAllTokens()) {
            if (token.getType() == QatLexer.STRING) {
                Matcher m = INTERPOLATION.matcher(token.getText());
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
        }
        return found;
    }

    private static QatParser parser(String text, String name) {
        QatLexer lexer = new QatLexer(CharStreams.fromString(text));
        QatParser parser = new QatParser(new CommonTokenStream(lexer));
        BaseErrorListener failing = new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object symbol, int line, int column, String message,
                    RecognitionException e) {
                throw new AssertionError(name + ":" + line + ":" + (column + 1) + ": " + message);
            }
        };
        lexer.removeErrorListeners();
        lexer.addErrorListener(failing);
        parser.removeErrorListeners();
        parser.addErrorListener(failing);
        return parser;
    }
}
