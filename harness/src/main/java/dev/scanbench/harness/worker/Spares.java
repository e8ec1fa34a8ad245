package dev.scanbench.harness.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one spare worker a long-lived parent ({@code workbench mcp}) keeps: started and warmed up while the caller
 * is away (an agent editing its kernel), hired by the next job whose worker it is the same JVM as, and replaced
 * once that job's worker has ended, so that the warm-up never competes with a job for the machine's cores. A
 * parent that never calls {@link #keep} (every one-shot CLI command) starts its workers cold, as before.
 */
public final class Spares {
    /** Failed warm-ups in a row after which spares are given up (the warm-up is broken, not unlucky). */
    private static final int GIVE_UP_AFTER = 3;

    private static final Object LOCK = new Object();
    private static Plan plan;
    private static SpareWorker spare;
    /** A spare is being started (its warm-up request made, its JVM spawned). */
    private static boolean starting;
    /** A job started cold while a spare was being started: that spare is not spawned (it would compete). */
    private static boolean cancelPending;
    private static int failures;

    /**
     * One warm-up: a job of the workbench's own, run in the spare before the job it serves.
     *
     * @param job     the registered job's name
     * @param request its request
     */
    public record WarmUp(String job, JsonNode request) {
    }

    private record Plan(WorkerLauncher launcher, WorkerLauncher.SpawnKey key, Callable<List<WarmUp>> warmUp,
                        Consumer<String> log, ExecutorService starter) {
    }

    private Spares() {
    }

    /**
     * From now on keeps one spare worker as {@code launcher} starts them, warmed up on the workbench's own jobs.
     *
     * @param warmUp the warm-ups, run one after another, computed once on a thread of its own (they may compile)
     * @param log    hears when a spare cannot be made, and when spares are given up
     */
    public static void keep(WorkerLauncher launcher, Callable<List<WarmUp>> warmUp, Consumer<String> log) {
        ExecutorService starter = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "spare-worker-starter");
            t.setDaemon(true);
            return t;
        });
        Callable<List<WarmUp>> once = new Callable<>() {
            private List<WarmUp> request;

            @Override
            public synchronized List<WarmUp> call() throws Exception {
                if (request == null) {
                    request = List.copyOf(warmUp.call());
                }
                return request;
            }
        };
        synchronized (LOCK) {
            stopLocked();
            plan = new Plan(launcher, launcher.spawnKey(), once, log, starter);
            failures = 0;
        }
        replenish();
    }

    /** Stops keeping spares and kills the one there is. */
    public static void stop() {
        synchronized (LOCK) {
            stopLocked();
        }
    }

    private static void stopLocked() {
        if (spare != null) {
            spare.close();
            spare = null;
        }
        if (plan != null) {
            plan.starter().shutdownNow();
            plan = null;
        }
        starting = false;
        cancelPending = false;
        LOCK.notifyAll();
    }

    /** Whether spares are being kept (for doctor and tests). */
    public static boolean kept() {
        synchronized (LOCK) {
            return plan != null;
        }
    }

    /**
     * The spare, taken, when {@code asking} would start the same JVM and the spare is ready now; empty otherwise,
     * and the caller starts a worker cold. A job never waits for a spare: one still warming up would share the
     * cores with it and make it slower than a cold start (measured through mcp, calls back to back), so it is
     * killed, and a spare about to be started is not.
     *
     * @param told hears why a spare there was not taken
     */
    static Optional<SpareWorker> hire(WorkerLauncher asking, Consumer<String> told) {
        SpareWorker taken;
        Plan p;
        synchronized (LOCK) {
            if (plan == null || !plan.key().equals(asking.spawnKey())) {
                return Optional.empty();
            }
            p = plan;
            if (spare == null) {
                // Its warm-up request is being made: the cold job goes first, the spare follows when it ends.
                cancelPending = starting;
                return Optional.empty();
            }
            taken = spare;
            spare = null;
        }
        if (taken.readyNow()) {
            synchronized (LOCK) {
                failures = 0;
            }
            return Optional.of(taken);
        }
        // Asked before it is killed: killing it settles its warm-up.
        boolean warming = !taken.settled();
        taken.close();
        if (warming) {
            told.accept(String.format(Locale.ROOT, "worker: the spare worker was still warming up (started %.1f s"
                    + " ago), so it was stopped and this job starts a worker cold", taken.ageSeconds()));
            return Optional.empty();
        }
        failed(p, "the spare worker (pid " + taken.pid() + ") was not ready: " + taken.whyNotReady());
        return Optional.empty();
    }

    /**
     * Waits until there is a spare and its warm-up has ended, or spares are no longer kept (for tests that need a
     * job to find one).
     *
     * @return whether a spare is ready now
     */
    static boolean awaitSpare(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (LOCK) {
            while (plan != null && (spare == null || !spare.settled())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // A spare settles on its own thread without this lock: poll it.
                TimeUnit.NANOSECONDS.timedWait(LOCK, Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
            }
            return spare != null && spare.readyNow();
        }
    }

    /** One line on the spare for {@code doctor}; empty when none are kept. */
    public static Optional<String> describe() {
        synchronized (LOCK) {
            if (plan == null) {
                return Optional.empty();
            }
            if (spare == null) {
                return Optional.of("kept; none now (a job is running in the last one, or the next is being made)");
            }
            String age = String.format(Locale.ROOT, "%.1f s", spare.ageSeconds());
            if (spare.readyNow()) {
                return Optional.of("ready: pid " + spare.pid() + ", started " + age + " ago, warmed up");
            }
            return Optional.of((spare.settled() ? "not ready: " + spare.whyNotReady() : "warming up") + ": pid "
                    + spare.pid() + ", started " + age + " ago");
        }
    }

    /** Starts the next spare, unless one is there or none are kept; called when a hired worker has ended. */
    static void replenish() {
        synchronized (LOCK) {
            if (plan == null || spare != null) {
                return;
            }
            if (starting) {
                // The job that cancelled it has ended: the start under way may spawn after all.
                cancelPending = false;
                return;
            }
            Plan p = plan;
            starting = true;
            p.starter().execute(() -> start(p));
        }
    }

    private static void start(Plan p) {
        try {
            startSpare(p);
        } finally {
            synchronized (LOCK) {
                // A plan kept since (keep again) has its own start to wait for.
                if (plan == p || plan == null) {
                    starting = false;
                }
                LOCK.notifyAll();
            }
        }
    }

    private static void startSpare(Plan p) {
        List<WarmUp> request;
        try {
            request = p.warmUp().call();
        } catch (Exception e) {
            synchronized (LOCK) {
                if (plan == p) {
                    plan = null;
                    p.starter().shutdown();
                }
            }
            p.log().accept("no spare workers: their warm-up could not be made: " + e.getMessage());
            return;
        }
        synchronized (LOCK) {
            if (plan != p || spare != null) {
                return;
            }
            if (cancelPending) {
                cancelPending = false;
                return;
            }
            try {
                spare = SpareWorker.start(p.launcher(), request);
            } catch (java.io.IOException e) {
                failedLocked(p, "a spare worker could not be started: " + e.getMessage());
            }
        }
    }

    private static void failed(Plan p, String why) {
        synchronized (LOCK) {
            failedLocked(p, why);
        }
    }

    private static void failedLocked(Plan p, String why) {
        if (plan != p) {
            return;
        }
        failures++;
        if (failures >= GIVE_UP_AFTER) {
            p.log().accept(why + "; after " + failures + " failures in a row, workers start cold from now on");
            stopLocked();
        } else {
            p.log().accept(why);
        }
    }
}
