package org.qatlas.interpreter.parser;

import com.oracle.truffle.api.source.Source;
import java.util.function.Consumer;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.qatlas.grammar.QatLexer;
import org.qatlas.grammar.QatParser;
import org.qatlas.interpreter.QatLanguage;
import org.qatlas.interpreter.nodes.control.ProgramRootNode;
import org.qatlas.interpreter.nodes.control.BlockNode;
import org.qatlas.interpreter.runtime.GlobalScope;
import org.qatlas.interpreter.runtime.QatSyntaxError;

/**
 * Builds the Truffle tree of a script from its text: the lexer and parser generated from the
 * grammar, then {@link StatementBuilder}, which resolves every name to a frame slot, an
 * enclosing function's slot or a top-level name and gives every node its source section.
 * Syntax errors, and scripts nested too deeply for the Java stack, become {@link QatSyntaxError}s.
 */
public final class AstBuilder {
    private AstBuilder() {
    }

    /** Parses a whole script whose top-level names live in {@code globals}. */
    public static ProgramRootNode parseProgram(QatLanguage language, Source source, GlobalScope globals) {
        return parseProgram(language, source, globals, program -> { });
    }

    /** {@link #parseProgram}, with {@code check} shown the parse tree before any node is built; it may refuse it. */
    static ProgramRootNode parseProgram(QatLanguage language, Source source, GlobalScope globals,
            Consumer<QatParser.ProgramContext> check) {
        SourceMap sources = new SourceMap(source, 0);
        CommonTokenStream tokens = tokenize(source.getCharacters().toString(), sources);
        QatParser parser = parser(tokens, sources);
        QatParser.ProgramContext program;
        BlockNode body;
        StatementBuilder builder = new StatementBuilder(language, globals, sources, tokens);
        // Parsing and building recurse once per level of nesting; a few hundred levels of
        // brackets or of '-' and '^' overflow the Java stack, which must not escape as a crash.
        try {
            program = parser.program();
        } catch (StackOverflowError e) {
            throw nestedTooDeeply(sources, parser.getCurrentToken());
        }
        check.accept(program);
        try {
            body = builder.statements(program.statement(), true);
            body.at(source.createSection(0, source.getLength()));
            body.guardStackOverflow();
            ProgramRootNode root = new ProgramRootNode(language, builder.scope.buildFrame(), body, source);
            root.getCallTarget(); // adopts the tree's nodes, which recurses as deep as the tree
            return root;
        } catch (StackOverflowError e) {
            throw nestedTooDeeply(sources, program.getStart());
        }
    }

    private static QatSyntaxError nestedTooDeeply(SourceMap sources, Token at) {
        return new QatSyntaxError("nested too deeply (the interpreter ran out of stack); split the expression up",
                sources.section(at), false);
    }

    static CommonTokenStream tokenize(String text, SourceMap sources) {
        QatLexer lexer = new QatLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        lexer.addErrorListener(new SyntaxErrorListener(sources));
        return new CommonTokenStream(lexer);
    }

    static QatParser parser(CommonTokenStream tokens, SourceMap sources) {
        QatParser parser = new QatParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(new SyntaxErrorListener(sources));
        return parser;
    }
}
