package dev.scanbench.harness.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scanbench.sandbox.ContainedProcess;
import dev.scanbench.sandbox.ProcessTree;
import dev.scanbench.sandbox.WorkDir;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A running worker JVM under its watchdog. {@link #await()} returns how the job ended and never hangs: the
 * worker's output is read on threads of its own, every wait is bounded, and a worker past a limit is
 * killed with its descendants. Closing kills whatever is still running and removes its folder. The worker's
 * stdin stays open while it runs: when this JVM dies, the worker sees it closed and halts.
 */
public final class WorkerProcess implements AutoCloseable {

    /** How long to let the stdout reader catch up after the worker exits: its last events are in the pipe. */
    private static final Duration DRAIN = Duration.ofSeconds(1);
    /** How long to wait for killed processes to be gone. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final ContainedProcess contained;
    private final Process process;
    private final ProcessTree tree;
    private final WorkDir folder;
    private final OutputStream stdin;
    private final WorkerLimits limits;
    private final WorkerState state = new WorkerState();
    private final TailBuffer tail;
    private final Thread stderrReader;
    private final long startNanos = System.nanoTime();

    private final Runnable ended;

    /**
     * @param ended run once this worker is closed (the launcher starts the next spare then, when spares are kept)
     */
    WorkerProcess(ContainedProcess contained, WorkDir folder, byte[] envelope, WorkerLimits limits, String token,
            WorkerListener listener, int tailBytes, int maxEventBytes, Runnable ended) {
        this.ended = ended;
        this.contained = contained;
        this.process = contained.process();
        this.tree = contained.tree();
        this.folder = folder;
        this.stdin = process.getOutputStream();
        this.limits = limits;
        this.tail = new TailBuffer(tailBytes);
        String id = "worker-" + process.pid();
        // Its own thread: a worker that never reads stdin must not block the caller on a full pipe.
        daemon(id + "-stdin", () -> {
            try {
                // One line, and the pipe left open: its end tells the worker that this JVM is gone.
                stdin.write(envelope);
                stdin.write('\n');
                stdin.flush();
            } catch (IOException e) {
                tail.append("[workbench] the worker did not take its request: " + e.getMessage() + "\n");
            }
        }).start();
        daemon(id + "-stdout", new StdoutReader(process.getInputStream(), maxEventBytes, token, state, listener, tail))
                .start();
        stderrReader = daemon(id + "-stderr", () -> copyToTail(process.getErrorStream()));
        stderrReader.start();
        process.onExit().thenRun(state::poke);
    }

    /** @return the worker's process id */
    public long pid() {
        return process.pid();
    }

    /**
     * Waits for the job's end, enforcing the limits.
     *
     * @return how the job ended
     * @throws InterruptedException if the caller is interrupted; the worker is killed first
     */
    public WorkerOutcome await() throws InterruptedException {
        try {
            return watch();
        } catch (InterruptedException e) {
            tree.killAll(KILL_WAIT);
            throw e;
        }
    }

    private WorkerOutcome watch() throws InterruptedException {
        // The tree is looked at once per poll interval, not on every event that wakes the watchdog: one look
        // reads /proc/*/stat of every process on the machine, and a gate's few hundred call events made it
        // the parent's main CPU load (about 0.7 CPU-s per emulator score), taken from the worker's cores.
        long lastLook = System.nanoTime() - limits.pollInterval().toNanos();
        while (true) {
            if (state.finalEvent().isPresent()) {
                return answered(state.finalEvent().get());
            }
            if (!process.isAlive()) {
                state.awaitEnd(DRAIN.toNanos());
                if (state.finalEvent().isPresent()) {
                    return answered(state.finalEvent().get());
                }
                return crashed("before reporting a result");
            }
            if (state.isStreamClosed()) {
                // Usually the worker is exiting and its stdout closed a moment before it is reaped.
                boolean exited = process.waitFor(limits.exitGrace().toMillis(), TimeUnit.MILLISECONDS);
                return crashed(exited ? "before reporting a result"
                        : "after closing its output without a result and not exiting (killed)");
            }
            long now = System.nanoTime();
            Optional<WorkerState.OpenCall> oldest = state.oldestCall();
            Optional<String> call = oldest.map(WorkerState.OpenCall::name);
            long callLeft = oldest.isPresent() ? oldest.get().since() + limits.call().toNanos() - now : Long.MAX_VALUE;
            long jobLeft = startNanos + limits.job().toNanos() - now;
            if (callLeft <= 0) {
                return timedOut(WorkerOutcome.Limit.CALL, call, now - oldest.get().since(), limits.call());
            }
            if (jobLeft <= 0) {
                return timedOut(WorkerOutcome.Limit.JOB, call, now - startNanos, limits.job());
            }
            if (now - lastLook >= limits.pollInterval().toNanos()) {
                tree.refresh();
                lastLook = now;
            }
            state.awaitChange(Math.min(Math.min(callLeft, jobLeft), limits.pollInterval().toNanos()));
        }
    }

    private WorkerOutcome answered(JsonNode event) throws InterruptedException {
        if (!process.waitFor(limits.exitGrace().toMillis(), TimeUnit.MILLISECONDS)) {
            tail.append("[workbench] the worker did not exit within " + limits.exitGrace().toMillis()
                    + " ms of answering; killed\n");
        }
        String stderr = finish();
        if (Protocol.RESULT.equals(event.path(Protocol.EVENT).asText())) {
            return new WorkerOutcome.Completed(event.path(Protocol.RESULT), stderr);
        }
        JsonNode details = event.path(Protocol.DETAILS);
        return new WorkerOutcome.Failed(event.path(Protocol.KIND).asText(), event.path(Protocol.MESSAGE).asText(),
                details.isMissingNode() ? Protocol.JSON.createObjectNode() : details, stderr);
    }

    private WorkerOutcome crashed(String context) throws InterruptedException {
        String stderr = finish();
        // -1 only for a worker that outlived SIGKILL (stuck in a driver call): its status is unknown.
        int exitCode = process.isAlive() ? -1 : process.exitValue();
        return new WorkerOutcome.Crashed(exitCode, WorkerOutcome.Crashed.signalOf(exitCode),
                CrashReason.of(exitCode, context, stderr), stderr);
    }

    private WorkerOutcome timedOut(WorkerOutcome.Limit limit, Optional<String> call, long nanos, Duration max)
            throws InterruptedException {
        String stderr = finish();
        return new WorkerOutcome.TimedOut(limit, call, nanos / 1e9, max.toNanos() / 1e9, stderr);
    }

    /** Hands the folder of this (finished) worker to {@code collect}; nothing when it has none. */
    void collect(WorkerLauncher.FolderHandoff handoff) {
        if (folder != null) {
            handoff.after(folder.path());
        }
    }

    /** Kills what is left of the tree, lets stderr drain, and returns its tail. */
    private String finish() throws InterruptedException {
        tree.killAll(KILL_WAIT);
        stderrReader.join(DRAIN.toMillis());
        keepCrashReports();
        return tail.text();
    }

    /**
     * A JVM fatal error writes its report into the worker's folder, which goes when the worker does: the
     * report is moved to the system's temporary folder and the tail says where.
     */
    private void keepCrashReports() {
        if (folder == null) {
            return;
        }
        try (DirectoryStream<Path> reports = Files.newDirectoryStream(folder.path(), "hs_err_pid*.log")) {
            for (Path report : reports) {
                Path kept = Path.of(System.getProperty("java.io.tmpdir"), "workbench-worker-" + process.pid() + "-"
                        + report.getFileName());
                Files.move(report, kept, StandardCopyOption.REPLACE_EXISTING);
                tail.append("[workbench] the worker's JVM error report is kept as " + kept + "\n");
            }
        } catch (IOException e) {
            tail.append("[workbench] the worker's JVM error report could not be kept: " + e.getMessage() + "\n");
        }
    }

    /**
     * Kills the worker and its descendants if they are still running. Interrupted while waiting for them to
     * be gone, it returns with the interrupt kept: the kills are sent before any wait.
     */
    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            // Already closed by a dead worker: nothing to tell it.
        }
        contained.close();
        if (folder != null) {
            keepCrashReports();
            folder.close();
        }
        ended.run();
    }

    private void copyToTail(InputStream stderr) {
        byte[] buffer = new byte[8192];
        try (stderr) {
            for (int n = stderr.read(buffer); n >= 0; n = stderr.read(buffer)) {
                tail.append(buffer, 0, n);
            }
        } catch (IOException e) {
            tail.append("[workbench] reading the worker's stderr failed: " + e.getMessage() + "\n");
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        // A grandchild holding a pipe open must not keep the caller's JVM alive.
        thread.setDaemon(true);
        return thread;
    }
}
