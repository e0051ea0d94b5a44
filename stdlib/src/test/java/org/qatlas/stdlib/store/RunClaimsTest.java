package org.qatlas.stdlib.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.RunStore;

/** Claims between stores on one file, as two processes make them; and writes from many threads at once. */
class RunClaimsTest {
    private static final RunSpec SPEC = TinyRuns.spec(TinyRuns.ONE_LAYER, TinyRuns.FP, 11);

    @TempDir
    Path folder;

    private Path file() {
        return folder.resolve("runs.db");
    }

    private long heartbeat() throws Exception {
        try (Connection sql = TinyRuns.sql(file()); Statement statement = sql.createStatement();
                ResultSet rows = statement.executeQuery("SELECT heartbeat FROM runs WHERE run_id = '" + SPEC.runId() + "'")) {
            return rows.getLong(1);
        }
    }

    @Test
    void onlyOneOfTwoStoresWinsAClaimUntilItIsReleased() {
        try (RunStore first = RunStore.open(file()); RunStore second = RunStore.open(file())) {
            assertTrue(first.claim(SPEC));
            assertFalse(second.claim(SPEC), "a live owner holds it");
            assertFalse(first.claim(SPEC), "nor twice by one");
            assertEquals(RunStore.Status.RUNNING, second.status(SPEC.runId()));
            first.release(SPEC.runId());
            assertNull(second.status(SPEC.runId()), "the claim's row is gone");
            assertTrue(second.claim(SPEC));
        }
    }

    @Test
    void trainWaitsForTheSameRunTrainedThroughAnotherStoreAndIsAnsweredByIt() throws Exception {
        try (RunStore first = RunStore.open(file()); RunStore second = RunStore.open(file())) {
            assertTrue(first.claim(SPEC), "as if another process had begun training it");
            java.util.concurrent.atomic.AtomicLong steps = new java.util.concurrent.atomic.AtomicLong();
            org.qatlas.stdlib.train.Monitor counting = new org.qatlas.stdlib.train.Monitor() {
                @Override
                public void step(long step, long total, long tokens, double loss, double tokensPerSecond) {
                    steps.incrementAndGet();
                }
            };
            ExecutorService waiter = Executors.newSingleThreadExecutor();
            try {
                Future<RunRecord> waiting = waiter.submit(() -> org.qatlas.stdlib.train.Trainer.train(SPEC.model(),
                        SPEC.scheme(), SPEC.budget(), SPEC.data(), SPEC.seed(), org.qatlas.stdlib.train.CheckpointPlan.NONE,
                        counting, second));
                Thread.sleep(1500);
                assertFalse(waiting.isDone(), "the second waits while the first holds the claim");
                RunRecord trained = TinyRuns.train(SPEC, first);
                RunRecord answered = waiting.get(30, TimeUnit.SECONDS);
                assertEquals(trained.loss(), answered.loss());
                assertEquals(0, steps.get(), "the second trained nothing");
            } finally {
                waiter.shutdownNow();
            }
        }
    }

    @Test
    void aFinishedRunIsNotClaimedAgain() {
        try (RunStore first = RunStore.open(file()); RunStore second = RunStore.open(file())) {
            assertTrue(first.claim(SPEC));
            TinyRuns.train(SPEC, first);
            assertEquals(RunStore.Status.FINISHED, second.status(SPEC.runId()));
            assertFalse(second.claim(SPEC));
            assertFalse(first.claim(SPEC));
        }
    }

    @Test
    void aClaimOfAProcessThatEndedIsTakenOver() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        assertEquals(0, ended.waitFor());
        try (RunStore first = RunStore.open(file()); RunStore second = RunStore.open(file())) {
            assertTrue(first.claim(SPEC));
            // As if the claim had been made by that process, which died without giving it up.
            TinyRuns.execute(file(), "UPDATE runs SET owner_pid = " + ended.pid());
            assertTrue(second.claim(SPEC));
        }
    }

    @Test
    void aClaimFromAnotherMachineLapsesWhenItsHeartbeatIsOld() throws Exception {
        try (RunStore first = RunStore.open(file()); RunStore second = RunStore.open(file())) {
            assertTrue(first.claim(SPEC));
            long now = System.currentTimeMillis();
            TinyRuns.execute(file(), "UPDATE runs SET owner_host = 'another-machine', owner_pid = 1, heartbeat = " + now);
            assertFalse(second.claim(SPEC), "its heartbeat is fresh; its process cannot be seen from here");
            TinyRuns.execute(file(), "UPDATE runs SET heartbeat = " + (now - RunClaims.STALE_AFTER_MS - 1_000));
            assertTrue(second.claim(SPEC));
        }
    }

    @Test
    void theHeartbeatRefreshesThisProcessesClaims() throws Exception {
        try (RunStore store = RunStore.open(file())) {
            assertTrue(store.claim(SPEC));
            TinyRuns.execute(file(), "UPDATE runs SET heartbeat = 0");
            try (Connection sql = TinyRuns.sql(file())) {
                RunClaims.beat(sql); // what the store's heartbeat thread does every 30 seconds
            }
            assertTrue(heartbeat() > 0);
        }
    }

    @Test
    void closingAStoreGivesUpItsClaims() {
        try (RunStore second = RunStore.open(file())) {
            try (RunStore first = RunStore.open(file())) {
                assertTrue(first.claim(SPEC));
            }
            assertTrue(second.claim(SPEC));
        }
    }

    @Test
    void manyThreadsOverTwoStoresClaimOneRunOnce() throws Exception {
        try (RunStore first = RunStore.open(file()); RunStore second = RunStore.open(file())) {
            List<Callable<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                RunStore store = i % 2 == 0 ? first : second;
                claims.add(() -> store.claim(SPEC));
            }
            ExecutorService threads = Executors.newFixedThreadPool(8);
            int won = 0;
            for (Future<Boolean> claim : threads.invokeAll(claims)) {
                won += claim.get() ? 1 : 0;
            }
            threads.shutdown();
            assertEquals(1, won);
        }
    }

    @Test
    void concurrentPutsFromManyThreadsAndTwoStoresAreAllKept() throws Exception {
        RunRecord template = TinyRuns.train(SPEC, RunStore.inMemory());
        try (RunStore first = RunStore.open(file()); RunStore second = RunStore.open(file())) {
            ExecutorService threads = Executors.newFixedThreadPool(6);
            List<Future<?>> puts = new ArrayList<>();
            for (int seed = 100; seed < 160; seed++) {
                RunSpec spec = TinyRuns.spec(TinyRuns.ONE_LAYER, TinyRuns.FP, seed);
                RunStore store = seed % 2 == 0 ? first : second;
                puts.add(threads.submit(() -> store.put(spec, TinyRuns.resultsFor(spec, template))));
            }
            for (Future<?> put : puts) {
                put.get();
            }
            threads.shutdown();
            assertTrue(threads.awaitTermination(1, TimeUnit.MINUTES));
            List<String> warnings = new ArrayList<>();
            assertEquals(60, first.list(java.util.Map.of(), warnings::add).size());
            assertEquals(List.of(), warnings, "every row is whole");
        }
    }
}
