package org.qatlas.examples;

import java.io.PrintStream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * A Java program that uses Qatlas as an embedded language through the standard GraalVM
 * polyglot API: it evaluates a script, reads fields of the record it returns, hands a Java
 * function to the script, and calls a Qatlas function from Java.
 */
public final class EmbeddingExample {
    private EmbeddingExample() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        try (Context context = Context.newBuilder("qat").out(out).build()) {
            // A script's value is the value of its last expression: here a record.
            Value run = context.eval("qat", """
                    model = { N: 74M, D: 10B, G: 128 }
                    model with { D: 100B }
                    """);
            out.println("tokens per parameter: " + run.getMember("D").asLong() / run.getMember("N").asLong());

            // Java functions become callable from scripts once bound to a name.
            ProxyExecutable tokensFor = arguments -> 20 * arguments[0].asDouble();
            context.getBindings("qat").putMember("chinchilla_tokens", tokensFor);
            Value tokens = context.eval("qat", "chinchilla_tokens(74M)");
            out.println("Chinchilla-optimal tokens for 74M parameters: " + tokens.asDouble());

            // A Qatlas function is an executable value; lists read as arrays.
            Value delta = context.eval("qat", """
                    # Extra loss of W4A4 QAT, paper A (Chen et al. 2025), Table 1.
                    fn delta(N, D, G) = 0.1582 * D^0.0745 * log2(G)^0.7779 / N^0.2186
                    [delta(n, 100B, 128) for n in [74M, 595M]]
                    """);
            for (int i = 0; i < delta.getArraySize(); i++) {
                out.printf("delta_W4A4 at size %d: %.3f%n", i, delta.getArrayElement(i).asDouble());
            }
            Value function = context.getBindings("qat").getMember("delta");
            out.printf("delta_W4A4(595M, 100B, 128) from Java: %.3f%n", function.execute(595e6, 100e9, 128).asDouble());
        }
    }
}
