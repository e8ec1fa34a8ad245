package dev.scanbench.service.job;

import dev.scanbench.harness.log.ScoreStore;
import dev.scanbench.sandbox.ProcessTree;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The embedded engine: two lanes on this machine. The GPU lane runs one submission at a time, so a timed run has the
 * device to itself; the emulator lane runs as many as it was given slots (default: the core count). First in,
 * first out within a lane.
 */
public final class LocalQueue implements JobQueue {
    private static final Logger LOG = Logger.getLogger(LocalQueue.class.getName());

    private final SubmissionStore store;
    private final JobEnd end;
    private final ScoreChild child;
    private final ScoreArguments arguments;
    private final Duration jobTimeout;
    private final ExecutorService gpu;
    private final ExecutorService emulator;
    private final Map<String, ProcessTree> running = new ConcurrentHashMap<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final AtomicInteger waiting = new AtomicInteger();

    /**
     * @param emulatorSlots how many emulator submissions run at once, at least 1
     * @param jobTimeout    the most one submission's child may run before it is killed and failed
     */
    public LocalQueue(SubmissionStore store, ScoreStore log, ScoreChild child, ScoreArguments arguments,
            int emulatorSlots, Duration jobTimeout) {
        this.store = store;
        this.end = new JobEnd(store, log);
        this.child = child;
        this.arguments = arguments;
        this.jobTimeout = jobTimeout;
        this.gpu = Executors.newSingleThreadExecutor(r -> thread(r, "service-gpu-lane"));
        this.emulator = Executors.newFixedThreadPool(Math.max(1, emulatorSlots), r -> thread(r, "service-emulator-lane"));
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void enqueue(SubmissionState submission) {
        waiting.incrementAndGet();
        ("gpu".equals(submission.lane()) ? gpu : emulator).execute(() -> {
            waiting.decrementAndGet();
            try {
                runOne(submission.id());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "submission " + submission.id() + ": " + e, e);
                end.fail(submission.id(), "the service could not run it: " + e);
            }
        });
    }

    private void runOne(String id) throws IOException, InterruptedException {
        Optional<SubmissionState> current = store.get(id);
        if (current.isEmpty() || current.get().status() != JobStatus.QUEUED) {
            cancelled.remove(id);
            return;
        }
        SubmissionState s = current.get().startedAt(Instant.now());
        store.save(s);
        Files.deleteIfExists(store.resultFile(id));
        SubmissionRequest request = store.request(s);
        ScoreChild.Outcome outcome = child.run(arguments.of(store, s, request), store.reportFile(id),
                store.progressFile(id), jobTimeout, tree -> running.put(id, tree));
        running.remove(id);
        String why = outcome.timedOut() ? "killed at the service's job limit of " + jobTimeout.toSeconds() + " s"
                : "workbench score exited " + outcome.exitCode() + " without a result: " + end.lastLines(id);
        end.record(s, outcome.exitCode(), cancelled.remove(id), why);
    }

    @Override
    public boolean cancel(String id) throws IOException {
        Optional<SubmissionState> s = store.get(id);
        if (s.isEmpty() || s.get().status().finished()) {
            return false;
        }
        cancelled.add(id);
        if (s.get().status() == JobStatus.QUEUED) {
            store.save(s.get().endedAt(JobStatus.CANCELLED, Instant.now(), null, "cancelled before it started", null));
            return true;
        }
        ProcessTree tree = running.get(id);
        if (tree != null) {
            try {
                tree.killAll(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return true;
    }

    @Override
    public int queued() {
        return waiting.get();
    }

    @Override
    public int running() {
        return running.size();
    }

    @Override
    public void close() {
        gpu.shutdownNow();
        emulator.shutdownNow();
        for (ProcessTree tree : running.values()) {
            try {
                tree.killAll(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            gpu.awaitTermination(30, TimeUnit.SECONDS);
            emulator.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
