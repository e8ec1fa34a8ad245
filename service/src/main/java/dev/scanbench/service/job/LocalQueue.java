package dev.scanbench.service.job;

import com.fasterxml.jackson.databind.JsonNode;
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
    public LocalQueue(SubmissionStore store, ScoreChild child, ScoreArguments arguments, int emulatorSlots,
            Duration jobTimeout) {
        this.store = store;
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
                fail(submission.id(), "the service could not run it: " + e);
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
        Optional<JsonNode> result = store.result(id);
        if (cancelled.remove(id)) {
            store.save(s.endedAt(JobStatus.CANCELLED, Instant.now(), outcome.exitCode(), "cancelled while running"
                    + (result.isPresent() ? " (after its entry was logged)" : ""), seq(result)));
        } else if (result.isPresent()) {
            store.save(s.endedAt(JobStatus.DONE, Instant.now(), outcome.exitCode(), null, seq(result)));
        } else {
            String why = outcome.timedOut() ? "killed at the service's job limit of " + jobTimeout.toSeconds() + " s"
                    : "workbench score exited " + outcome.exitCode() + " without a result: " + lastLines(id);
            store.save(s.endedAt(JobStatus.FAILED, Instant.now(), outcome.exitCode(), why, null));
        }
    }

    private static Long seq(Optional<JsonNode> result) {
        return result.map(r -> r.at("/log/seq")).filter(JsonNode::isIntegralNumber).map(JsonNode::asLong).orElse(null);
    }

    private String lastLines(String id) throws IOException {
        String text = store.text(store.progressFile(id)).orElse("").strip();
        String[] lines = text.split("\n");
        StringBuilder sb = new StringBuilder();
        for (int i = Math.max(0, lines.length - 5); i < lines.length; i++) {
            sb.append(i > Math.max(0, lines.length - 5) ? " | " : "").append(lines[i].strip());
        }
        return sb.length() == 0 ? "(no output)" : sb.toString();
    }

    private void fail(String id, String why) {
        try {
            store.get(id).ifPresent(s -> {
                try {
                    store.save(s.endedAt(JobStatus.FAILED, Instant.now(), s.exitCode(), why, s.logSeq()));
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "submission " + id + ": cannot record its failure: " + e, e);
                }
            });
        } catch (IOException e) {
            LOG.log(Level.WARNING, "submission " + id + ": " + e, e);
        }
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
