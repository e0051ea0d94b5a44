package org.qatlas.interpreter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.qatlas.launcher.ErrorReport;

/**
 * Throws random programs at the interpreter and checks that it never breaks: every program
 * must end with a value, with an error of the program (a guest exception with a place in the
 * source, which the launcher's report can show), or by being cancelled when it runs too long.
 * An internal error, a Java exception escaping from the interpreter (NullPointerException,
 * ClassCastException, NegativeArraySizeException, ...), a Java stack overflow or an error
 * without a location is a bug; the programs that caused them are listed in the failure.
 *
 * <p>Three sources of programs: {@link FuzzProgramGenerator} writes well-formed programs,
 * {@link FuzzMutator} breaks the golden scripts, and {@link FuzzDomainGenerator} calls the
 * domain built-ins (models, schemes, budgets, data, training at tiny sizes) with odd arguments. The seeds are fixed, so every run tries the
 * same programs and a failure can be reproduced by running the test again. For a longer hunt,
 * {@code -Dfuzz.seed=N} tries other programs and {@code -Dfuzz.scale=K} K times as many:
 * {@code mvn -o -pl interpreter test -Dtest=FuzzTest -Dfuzz.seed=7 -Dfuzz.scale=20}.
 */
class FuzzTest {
    /** The seeds; -Dfuzz.seed=N tries other programs (a longer hunt, not for every build). */
    private static final long GENERATOR_SEED = Long.getLong("fuzz.seed", 0x5eed_0001L);
    private static final long MUTATION_SEED = GENERATOR_SEED + 1;
    /** How many programs: -Dfuzz.scale=10 tries ten times as many. */
    private static final int SCALE = Integer.getInteger("fuzz.scale", 1);
    private static final int GENERATED_PROGRAMS = 700 * SCALE;
    private static final int DEEPLY_NESTED_PROGRAMS = 24 * SCALE;
    private static final int MUTATIONS_PER_GOLDEN_SCRIPT = 9 * SCALE;
    private static final long DOMAIN_SEED = GENERATOR_SEED + 2;
    private static final int DOMAIN_PROGRAMS = 300 * SCALE;

    /** How long one program may run before the guard cancels it. */
    private static final Duration TIME_LIMIT = Duration.ofSeconds(2);
    /** After this much more, a program that ignores cancellation is reported as hanging. */
    private static final Duration HANG_REPORT_AFTER = Duration.ofSeconds(15);
    /** Kinds of bugs whose program is shown in full in the failure; the rest are counted. */
    private static final int EXAMPLES_SHOWN = 12;
    /** Programs longer than this are cut in the failure message (deeply nested ones are huge). */
    private static final int PROGRAM_CHARS_SHOWN = 3000;

    private static final Engine ENGINE = Engine.newBuilder("qat")
            .option("engine.WarnInterpreterOnly", "false")
            .build();

    /** Cancels runaway programs. Two threads, so the hang report runs even while a cancel blocks. */
    private static final ScheduledExecutorService GUARD = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "fuzz-guard");
        thread.setDaemon(true);
        return thread;
    });

    @AfterAll
    static void shutDown() {
        GUARD.shutdownNow();
        ENGINE.close();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void generatedProgramsEndInAValueOrAGuestError() {
        Random random = new Random(GENERATOR_SEED);
        FuzzProgramGenerator generator = new FuzzProgramGenerator(random);
        Campaign campaign = new Campaign("generated programs");
        for (int i = 0; i < GENERATED_PROGRAMS; i++) {
            List<String> statements = generator.statements();
            String name = "generated-" + i + ".qat";
            Outcome whole = campaign.run(name, List.of(String.join("", statements)), null);
            if (i % 4 == 3) {
                // The same statements as typed into a REPL: one evaluation each, in one
                // context, so that names are rebound after code that read them has run. When
                // both runs succeed they must print the same.
                Outcome typed = campaign.run("repl-" + i, statements, null);
                if (whole.ending() == Ending.VALUE && typed.ending() == Ending.VALUE
                        && !whole.output().equals(typed.output())) {
                    campaign.record(name, String.join("", statements), Outcome.bug(
                            "run as a file and as REPL inputs, it printed different things:\n" + whole.output()
                                    + "\n--- versus ---\n" + typed.output()));
                }
            }
        }
        for (int i = 0; i < DEEPLY_NESTED_PROGRAMS; i++) {
            int depth = 10 + random.nextInt(3000);
            campaign.run("nested-" + i + ".qat", List.of(generator.deeplyNested(depth)), null);
        }
        campaign.check();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void mutatedGoldenScriptsEndInAValueOrAGuestError() throws IOException {
        Random random = new Random(MUTATION_SEED);
        FuzzMutator mutator = new FuzzMutator(random);
        Campaign campaign = new Campaign("mutated golden scripts");
        for (Path script : GoldenTest.scripts()) {
            String original = Files.readString(script, StandardCharsets.UTF_8);
            for (int i = 0; i < MUTATIONS_PER_GOLDEN_SCRIPT; i++) {
                // The real path, so that imports of the golden lib/ modules still resolve.
                campaign.run(GoldenTest.name(script) + "#" + i, List.of(mutator.mutate(original)), script);
            }
        }
        campaign.check();
    }

    /** Models, schemes, budgets and data with odd arguments, trained at tiny sizes. */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void domainBuiltinsEndInAValueOrAGuestError() {
        FuzzDomainGenerator generator = new FuzzDomainGenerator(new Random(DOMAIN_SEED));
        Campaign campaign = new Campaign("domain built-in calls");
        for (int i = 0; i < DOMAIN_PROGRAMS; i++) {
            campaign.run("domain-" + i + ".qat", List.of(generator.program()), null);
        }
        campaign.check();
    }

    /** How one program ended. */
    enum Ending { VALUE, GUEST_ERROR, SYNTAX_ERROR, CANCELLED, BUG }

    /** How a program ended, what it printed, and for a bug, what went wrong. */
    private record Outcome(Ending ending, String bug, String output) {
        static Outcome of(Ending ending) {
            return new Outcome(ending, null, "");
        }

        static Outcome bug(String description) {
            return new Outcome(Ending.BUG, description, "");
        }

        Outcome printed(String text) {
            return new Outcome(ending, bug, text);
        }
    }

    /** Runs programs, counts how they ended, and collects the bugs. */
    private static final class Campaign {
        private final String title;
        private final Map<Ending, Integer> endings = new EnumMap<>(Ending.class);
        /** Per kind of bug (its first line without numbers): how often, and the first example. */
        private final Map<String, Integer> bugCounts = new LinkedHashMap<>();
        private final Map<String, String> bugExamples = new LinkedHashMap<>();
        private final long started = System.nanoTime();

        Campaign(String title) {
            this.title = title;
        }

        /**
         * Runs a program given as one or more pieces, each evaluated in turn in the same
         * context (several pieces: as a REPL session).
         */
        Outcome run(String name, List<String> pieces, Path path) {
            String code = String.join(pieces.size() > 1 ? "# --- next evaluation ---\n" : "", pieces);
            Outcome outcome = runOne(name, pieces, path);
            endings.merge(outcome.ending(), 1, Integer::sum);
            record(name, code, outcome);
            return outcome;
        }

        /** Notes the bug an outcome reports, if any. */
        void record(String name, String code, Outcome outcome) {
            if (outcome.bug() != null) {
                String kind = outcome.bug().lines().findFirst().orElse("").replaceAll("[0-9]+", "N");
                bugCounts.merge(kind, 1, Integer::sum);
                String shown = code.length() <= PROGRAM_CHARS_SHOWN ? code
                        : code.substring(0, PROGRAM_CHARS_SHOWN) + "\n... (" + code.length() + " characters in all)";
                bugExamples.putIfAbsent(kind, outcome.bug() + "\n--- program " + name + " ---\n" + shown + "\n--- end ---");
            }
        }

        /**
         * Evaluates one program in a fresh context, on this thread; a guard thread cancels it
         * with {@code close(true)} once it has run for {@link #TIME_LIMIT}.
         */
        private Outcome runOne(String name, List<String> pieces, Path path) {
            List<Source> sources = new ArrayList<>();
            for (int i = 0; i < pieces.size(); i++) {
                String sourceName = pieces.size() == 1 ? name : name + "-" + i + ".qat";
                try {
                    sources.add(path == null
                            ? Source.newBuilder("qat", pieces.get(i), sourceName).buildLiteral()
                            : Source.newBuilder("qat", path.toFile()).content(pieces.get(i)).name(sourceName).build());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            // The output is kept only up to a point: a runaway loop of prints must not fill the heap.
            BoundedOutput output = new BoundedOutput();
            Context context = Context.newBuilder("qat").engine(ENGINE).allowAllAccess(true)
                    .out(output).err(OutputStream.nullOutputStream()).build();
            ScheduledFuture<?> cancel = GUARD.schedule(() -> context.close(true),
                    TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            ScheduledFuture<?> hangReport = GUARD.schedule(
                    () -> System.err.println("FuzzTest: still running after cancellation: " + name + "\n" + pieces),
                    TIME_LIMIT.plus(HANG_REPORT_AFTER).toMillis(), TimeUnit.MILLISECONDS);
            try {
                Outcome outcome = Outcome.of(Ending.VALUE);
                for (Source source : sources) {
                    try {
                        context.eval(source);
                    } catch (PolyglotException e) {
                        outcome = classify(e);
                        if (outcome.ending() == Ending.BUG || outcome.ending() == Ending.CANCELLED) {
                            return outcome;
                        }
                        // Like a REPL, go on with the next input after an error in the program.
                    }
                }
                return outcome.printed(output.text());
            } catch (IllegalStateException e) {
                if (cancel.isDone()) {
                    return Outcome.of(Ending.CANCELLED); // cancelled between two evaluations
                }
                return Outcome.bug("not a PolyglotException: " + e + "\n" + trace(e));
            } catch (Throwable e) {
                return Outcome.bug("not a PolyglotException: " + e + "\n" + trace(e));
            } finally {
                cancel.cancel(false);
                hangReport.cancel(false);
                try {
                    context.close();
                } catch (IllegalStateException | PolyglotException closedByTheGuard) {
                    // The guard cancelled it at the same moment; it is closed either way.
                }
            }
        }

        private static Outcome classify(PolyglotException e) {
            if (e.isCancelled() || e.isInterrupted()) {
                return Outcome.of(Ending.CANCELLED);
            }
            if (e.isInternalError() || e.isHostException() || !e.isGuestException()) {
                String kind = e.isHostException() ? "host exception" : e.isInternalError() ? "internal error"
                        : "not a guest error";
                return Outcome.bug(kind + ": " + e.getMessage() + "\n" + trace(e));
            }
            if (e.isResourceExhausted()) {
                // A Java stack overflow that the interpreter let through to Truffle.
                return Outcome.bug("resource exhausted instead of a guest error: " + e.getMessage());
            }
            if (e.getSourceLocation() == null) {
                return Outcome.bug("guest error without a source location: " + e.getMessage());
            }
            String report = ErrorReport.format(e, false);
            if (report.contains("internal error")) {
                return Outcome.bug("the report calls a guest error internal: " + report);
            }
            return Outcome.of(e.isSyntaxError() ? Ending.SYNTAX_ERROR : Ending.GUEST_ERROR);
        }

        void check() {
            double seconds = (System.nanoTime() - started) / 1e9;
            int total = endings.values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf("FuzzTest, %s: %d programs in %.1f s: %s%n", title, total, seconds, endings);
            int broken = bugCounts.values().stream().mapToInt(Integer::intValue).sum();
            StringBuilder message = new StringBuilder().append(broken).append(" of ").append(total).append(' ')
                    .append(title).append(" broke the interpreter, in ").append(bugCounts.size()).append(" ways:\n");
            bugCounts.forEach((kind, count) -> message.append("  ").append(count).append(" x ").append(kind).append('\n'));
            bugExamples.values().stream().limit(EXAMPLES_SHOWN).forEach(example -> message.append('\n').append(example).append('\n'));
            assertTrue(bugCounts.isEmpty(), message::toString);
        }
    }

    /** Keeps the first {@link #LIMIT} bytes written to it and counts the rest. */
    private static final class BoundedOutput extends OutputStream {
        private static final int LIMIT = 64 * 1024;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long dropped;

        @Override
        public void write(int b) {
            if (kept.size() < LIMIT) {
                kept.write(b);
            } else {
                dropped++;
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            int room = Math.max(0, Math.min(length, LIMIT - kept.size()));
            kept.write(bytes, offset, room);
            dropped += length - room;
        }

        String text() {
            return kept.toString(StandardCharsets.UTF_8) + (dropped > 0 ? "\n... " + dropped + " more bytes" : "");
        }
    }

    /** The first lines of a Java stack trace, enough to see where the interpreter broke. */
    private static String trace(Throwable e) {
        Throwable shown = e instanceof PolyglotException p && p.isHostException() ? p.asHostException() : e;
        StringWriter text = new StringWriter();
        shown.printStackTrace(new PrintWriter(text));
        return text.toString().lines().limit(14).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
