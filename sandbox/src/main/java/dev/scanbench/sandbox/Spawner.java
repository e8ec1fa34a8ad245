package dev.scanbench.sandbox;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts every child process from one thread that lives as long as the JVM. bubblewrap's
 * {@code --die-with-parent} is {@code PR_SET_PDEATHSIG}, which fires when the <em>thread</em> that started the
 * child ends, not the process: a sandbox started from a short-lived thread (a pool thread retired while idle)
 * would be killed under a caller that is still waiting for it. When the JVM itself dies, this thread dies with
 * it, and so does every sandbox: that is the point. The scoring service starts its children here too, for the
 * same reason (theirs is {@code setpriv --pdeathsig}).
 */
public final class Spawner {
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "sandbox-spawner");
        t.setDaemon(true);
        return t;
    });

    private Spawner() {
    }

    /** Starts {@code pb} on the spawner thread and returns the process; waits for the start uninterruptibly. */
    public static Process start(ProcessBuilder pb) throws IOException {
        Future<Process> started = THREAD.submit(pb::start);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return started.get();
                } catch (InterruptedException e) {
                    // The start is in flight; leaving now would leak the process. Keep the interrupt for later.
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot start " + pb.command().get(0) + ": " + e.getCause(), e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
