package dev.scanbench.service.job;

import dev.scanbench.harness.log.ScoreStore;
import dev.scanbench.service.slurm.Slurm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The fleet engine: each submission one {@code sbatch} job running the same {@code workbench score} command line
 * as {@link LocalQueue}'s child, on a cluster whose nodes see the service's state folder at the same path. Slurm
 * keeps the queue: GPU-lane jobs ask for {@code --gres=gpu:1 --exclusive} on the GPU partition, so each has a GPU
 * to itself; emulator jobs go to the emulator partition. The service follows the jobs with {@code squeue} (and
 * {@code scontrol show job} once they end), so jobs outlive a restart of the service and are taken up again.
 *
 * <p>A job that ended on a node failure (NODE_FAIL, BOOT_FAIL, PREEMPTED) without its entry in the log is
 * submitted again, up to {@link #MAX_ATTEMPTS} attempts; any other end without an entry fails with Slurm's state,
 * exit code and reason. {@code score --submission} refuses to log a submission twice (looked up under the log's
 * lock), so a second attempt can never add a second entry.
 */
public final class SlurmQueue implements JobQueue {
    /** Attempts of one submission, node failures included. */
    public static final int MAX_ATTEMPTS = 3;
    private static final Logger LOG = Logger.getLogger(SlurmQueue.class.getName());
    private static final Set<String> ACTIVE = Set.of("PENDING", "CONFIGURING", "RUNNING", "COMPLETING", "SUSPENDED",
            "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESIZING", "SIGNALING", "STAGE_OUT", "STOPPED");
    private static final Set<String> RUNNING = Set.of("RUNNING", "COMPLETING", "SIGNALING", "STAGE_OUT");
    private static final Set<String> NODE_LOST = Set.of("NODE_FAIL", "BOOT_FAIL", "PREEMPTED");

    /**
     * Where jobs go.
     *
     * @param partition    the emulator lane's partition, or null for the cluster's default
     * @param gpuPartition the GPU lane's partition, or null when the cluster has no GPUs for the service
     * @param poll         how often the queue is looked at
     */
    public record Settings(String partition, String gpuPartition, Duration poll) {
    }

    private final SubmissionStore store;
    private final JobEnd end;
    private final ScoreChild child;
    private final ScoreArguments arguments;
    private final Slurm slurm;
    private final Settings settings;
    private final Duration jobTimeout;
    /** Submission id to Slurm job id, for every job being followed. */
    private final Map<String, String> followed = new ConcurrentHashMap<>();
    private final Map<String, String> lastState = new ConcurrentHashMap<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final ExecutorService submitter;
    private final ScheduledExecutorService poller;

    public SlurmQueue(SubmissionStore store, ScoreStore log, ScoreChild child, ScoreArguments arguments, Slurm slurm,
            Settings settings, Duration jobTimeout) {
        this.store = store;
        this.end = new JobEnd(store, log);
        this.child = child;
        this.arguments = arguments;
        this.slurm = slurm;
        this.settings = settings;
        this.jobTimeout = jobTimeout;
        this.submitter = Executors.newSingleThreadExecutor(r -> daemon(r, "service-sbatch"));
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "service-squeue"));
        poller.scheduleWithFixedDelay(this::pollSafely, settings.poll().toMillis(), settings.poll().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void enqueue(SubmissionState submission) {
        lastState.put(submission.id(), "SUBMITTING");
        submitter.execute(() -> {
            try {
                submit(submission.id());
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "submission " + submission.id() + ": " + e, e);
                lastState.remove(submission.id());
                end.fail(submission.id(), "Slurm did not take it: " + e.getMessage());
            }
        });
    }

    private void submit(String id) throws IOException {
        Optional<SubmissionState> current = store.get(id);
        if (current.isEmpty() || current.get().status() != JobStatus.QUEUED) {
            lastState.remove(id);
            return;
        }
        SubmissionState s = current.get();
        Files.deleteIfExists(store.resultFile(id));
        Path script = store.folder(id).resolve("job.sh");
        List<String> command = child.command(arguments.of(store, s, store.request(s)));
        StringBuilder sb = new StringBuilder("#!/bin/sh\n# workbench serve: submission ").append(id)
                .append(", attempt ").append(s.attempts() + 1).append('\n').append("exec");
        for (String word : command) {
            sb.append(' ').append(quote(word));
        }
        Files.writeString(script, sb.append('\n').toString(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        boolean gpu = "gpu".equals(s.lane());
        List<String> options = new ArrayList<>(List.of("--job-name=wb-" + id, "--chdir=" + store.folder(id),
                "--output=" + store.reportFile(id), "--error=" + store.progressFile(id), "--no-requeue", "--export=ALL",
                "--time=" + Math.max(1, (jobTimeout.toSeconds() + 59) / 60)));
        String partition = gpu && settings.gpuPartition() != null ? settings.gpuPartition() : settings.partition();
        if (partition != null) {
            options.add("--partition=" + partition);
        }
        if (gpu && settings.gpuPartition() != null) {
            options.addAll(List.of("--gres=gpu:1", "--exclusive"));
        }
        String job = slurm.submit(options, script);
        store.save(s.handedTo(job));
        followed.put(id, job);
        lastState.put(id, "PENDING");
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private void pollSafely() {
        try {
            poll();
        } catch (IOException | RuntimeException e) {
            // The controller may be restarting; the jobs are Slurm's, so nothing is lost by looking again later.
            LOG.log(Level.WARNING, "following the Slurm jobs: " + e.getMessage());
        }
    }

    private void poll() throws IOException {
        if (followed.isEmpty()) {
            return;
        }
        Map<String, String> states = slurm.states(followed.values());
        for (Map.Entry<String, String> f : Map.copyOf(followed).entrySet()) {
            String id = f.getKey();
            String job = f.getValue();
            String state = states.get(job);
            if (state != null && ACTIVE.contains(state)) {
                lastState.put(id, state);
                if (RUNNING.contains(state)) {
                    Optional<SubmissionState> s = store.get(id);
                    if (s.isPresent() && s.get().status() == JobStatus.QUEUED) {
                        store.save(s.get().runningSince(Instant.now()));
                    }
                }
                continue;
            }
            ended(id, job, state);
        }
    }

    private void ended(String id, String job, String listedState) throws IOException {
        Optional<Slurm.JobInfo> info = slurm.show(job);
        String state = info.map(Slurm.JobInfo::state).orElse(listedState != null ? listedState : "UNKNOWN");
        if (ACTIVE.contains(state)) {
            return; // squeue and scontrol disagreed for a moment; look again at the next poll
        }
        followed.remove(id);
        lastState.remove(id);
        Optional<SubmissionState> current = store.get(id);
        if (current.isEmpty() || current.get().status().finished()) {
            return;
        }
        SubmissionState s = current.get();
        Integer exit = info.map(Slurm.JobInfo::exitCode).orElse(null);
        boolean wasCancelled = cancelled.remove(id);
        if (!wasCancelled && NODE_LOST.contains(state) && end.loggedSeq(id) == null && s.attempts() < MAX_ATTEMPTS) {
            store.save(s.requeued("Slurm job " + job + " ended " + state + " on " + info.map(Slurm.JobInfo::node)
                    .orElse("its node") + " before it was logged; submitted again (attempt " + (s.attempts() + 1)
                    + " of " + MAX_ATTEMPTS + ")"));
            enqueue(store.get(id).orElseThrow());
            return;
        }
        String why = "Slurm job " + job + " ended " + state + info.map(i -> " (exit code " + i.exitCode()
                + (i.signal() != null && i.signal() != 0 ? ", signal " + i.signal() : "") + ", reason " + i.reason()
                + ")").orElse(" (Slurm no longer knows it)")
                + (state.equals("TIMEOUT") ? " at the service's job limit of " + jobTimeout.toSeconds() + " s" : "")
                + ": " + end.lastLines(id);
        end.record(s, exit, wasCancelled, why);
    }

    @Override
    public boolean adopt(SubmissionState submission) {
        if (submission.engineJob() == null) {
            return false;
        }
        followed.put(submission.id(), submission.engineJob());
        lastState.put(submission.id(), submission.status() == JobStatus.RUNNING ? "RUNNING" : "PENDING");
        return true;
    }

    @Override
    public boolean cancel(String id) throws IOException {
        Optional<SubmissionState> s = store.get(id);
        if (s.isEmpty() || s.get().status().finished()) {
            return false;
        }
        String job = followed.get(id);
        if (job == null) {
            store.save(s.get().endedAt(JobStatus.CANCELLED, Instant.now(), null, "cancelled before it started", null));
            return true;
        }
        cancelled.add(id);
        slurm.cancel(job);
        return true;
    }

    @Override
    public int queued() {
        return (int) lastState.values().stream().filter(st -> !RUNNING.contains(st)).count();
    }

    @Override
    public int running() {
        return (int) lastState.values().stream().filter(RUNNING::contains).count();
    }

    /** Stops following; the jobs stay Slurm's and are followed again by the next start on this state. */
    @Override
    public void close() {
        poller.shutdownNow();
        submitter.shutdownNow();
        try {
            poller.awaitTermination(30, TimeUnit.SECONDS);
            submitter.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
