package dev.scanbench.sandbox;

import java.time.Duration;

/**
 * A process started with pipes by {@link Sandbox#start}, and the tree of what it started. The caller reads its
 * streams and decides when it has run long enough; {@link #close()} kills the process and every descendant
 * (in the sandbox, the whole PID namespace goes with its first process).
 */
public final class ContainedProcess implements AutoCloseable {
    /** How long {@link #close()} waits for killed processes to be gone. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final Process process;
    private final ProcessTree tree;
    private final boolean contained;

    ContainedProcess(Process process, boolean contained) {
        this.process = process;
        this.tree = new ProcessTree(process.toHandle());
        this.contained = contained;
    }

    /** The process (bubblewrap's, when contained): its streams, exit status and pid. */
    public Process process() {
        return process;
    }

    /** The process and its descendants, for refreshing while it runs and for killing. */
    public ProcessTree tree() {
        return tree;
    }

    /** Whether it runs in the sandbox. */
    public boolean contained() {
        return contained;
    }

    /**
     * Kills the process and its descendants and waits for them; interrupted while waiting, it returns with the
     * interrupt kept (the kills are sent first).
     */
    @Override
    public void close() {
        try {
            tree.killAll(KILL_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
