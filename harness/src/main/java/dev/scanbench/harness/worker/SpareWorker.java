package dev.scanbench.harness.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.sandbox.ContainedProcess;
import dev.scanbench.sandbox.WorkDir;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A worker JVM started ahead of need and warmed up on jobs of the workbench's own (its own kernels), which
 * then waits for the one job it will run: a call that hires it skips the JVM's start and the JIT's warm-up, which
 * cost a cold emulator gate several seconds. Isolation is a fresh worker's: nothing a candidate gave has been in
 * it, and it serves one job and exits, like any worker. Its stdout is read here byte by byte up to the ready line
 * only, so what follows is the job's, for {@link WorkerProcess}'s own reader.
 */
final class SpareWorker implements AutoCloseable {
    private final ContainedProcess contained;
    private final WorkDir folder;
    private final CountDownLatch settled = new CountDownLatch(1);
    private final long startNanos = System.nanoTime();
    private volatile boolean ready;
    private volatile String why = "it is still warming up";

    private SpareWorker(ContainedProcess contained, WorkDir folder) {
        this.contained = contained;
        this.folder = folder;
    }

    /**
     * Starts a worker and hands it its warm-up.
     *
     * @param launcher how workers are started
     * @param warmUps  the warm-ups, run one after another
     */
    static SpareWorker start(WorkerLauncher launcher, List<Spares.WarmUp> warmUps) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        for (Spares.WarmUp warmUp : warmUps) {
            ObjectNode envelope = Protocol.JSON.createObjectNode().put(Protocol.WARM_UP, true)
                    .put(Protocol.JOB, warmUp.job()).put(Protocol.TOKEN, "warm-up");
            envelope.set(Protocol.REQUEST, warmUp.request());
            lines.add(Protocol.JSON.writeValueAsBytes(envelope));
        }
        WorkDir folder = WorkDir.create("workbench-worker-");
        ContainedProcess contained;
        try {
            contained = launcher.spawn(folder);
        } catch (IOException e) {
            folder.close();
            throw e;
        }
        SpareWorker spare = new SpareWorker(contained, folder);
        Thread watch = new Thread(() -> spare.warmUp(lines), "spare-worker-" + contained.process().pid());
        // A spare must not keep its parent's JVM alive.
        watch.setDaemon(true);
        watch.start();
        return spare;
    }

    private void warmUp(List<byte[]> envelopes) {
        Process p = contained.process();
        try {
            OutputStream stdin = p.getOutputStream();
            // stderr is left unread: the worker sends the warm-ups' to nowhere, so what is there (a JVM warning at
            // start, as a cold worker's) is the job's tail's, read once it is hired.
            for (byte[] envelope : envelopes) {
                stdin.write(envelope);
                stdin.write('\n');
                stdin.flush();
                String said = readLine(p.getInputStream());
                if (!Protocol.READY_LINE.equals(said)) {
                    why = said == null ? "it exited while warming up"
                            : "it said \"" + said + "\" instead of being ready";
                    return;
                }
            }
            ready = true;
        } catch (IOException e) {
            why = "it could not be warmed up: " + e.getMessage();
        } finally {
            settled.countDown();
        }
    }

    /** Whether the warm-up has ended, well or not. */
    boolean settled() {
        return settled.getCount() == 0;
    }

    /** Whether the warm-up has ended well and the JVM waits for its job. */
    boolean readyNow() {
        return settled() && ready && contained.process().isAlive();
    }

    /** Why it is not ready, for a progress line. */
    String whyNotReady() {
        return contained.process().isAlive() ? why : "it exited";
    }

    ContainedProcess contained() {
        return contained;
    }

    WorkDir folder() {
        return folder;
    }

    /** Seconds since the spare's JVM was started. */
    double ageSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    long pid() {
        return contained.process().pid();
    }

    /** Kills the spare (unhired) and removes its folder. */
    @Override
    public void close() {
        contained.close();
        folder.close();
    }

    /** One line of stdout, read a byte at a time so that nothing past it is taken from the job's reader. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() < 4096) {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
