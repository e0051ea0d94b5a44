package org.qatlas.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The report for exceptions thrown by real evaluations. */
class ErrorReportPolyglotTest {

    private Context context;

    @BeforeEach
    void createContext() {
        context = QatContexts.create(InputStream.nullInputStream(), new ByteArrayOutputStream(),
                new ByteArrayOutputStream(), List.of());
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void guestErrorWithCallChain() {
        String code = """
                fn ratio(a, b) = a / bb
                fn report(x) = ratio(x, 2)
                report(1)
                """;
        assertEquals("""
                calc.qat:1:22: unknown name 'bb' (did you mean 'b'?)
                fn ratio(a, b) = a / bb
                                     ^^
                  at report (calc.qat:2:16)
                  at <top level> (calc.qat:3:1)""", report(code, "calc.qat", false));
    }

    @Test
    void hostExceptionIsAnInternalErrorWithAHint() {
        context.getBindings(QatContexts.LANGUAGE).putMember("explode", (ProxyExecutable) arguments -> {
            throw new IllegalStateException("kaput");
        });
        String report = report("explode()", "host.qat", false);
        assertEquals("qat: internal error: IllegalStateException: kaput\n" + ErrorReport.DEBUG_HINT, report);
    }

    @Test
    void debugAddsTheJavaStackTrace() {
        context.getBindings(QatContexts.LANGUAGE).putMember("explode", (ProxyExecutable) arguments -> {
            throw new IllegalStateException("kaput");
        });
        String report = report("explode()", "host.qat", true);
        assertTrue(report.startsWith("qat: internal error: IllegalStateException: kaput\n"), report);
        assertFalse(report.contains(ErrorReport.DEBUG_HINT), report);
        assertTrue(report.contains("\tat "), report);
    }

    private String report(String code, String name, boolean debug) {
        PolyglotException error = assertThrows(PolyglotException.class,
                () -> context.eval(ScriptSources.text(code, name)));
        return ErrorReport.format(error, debug);
    }
}
