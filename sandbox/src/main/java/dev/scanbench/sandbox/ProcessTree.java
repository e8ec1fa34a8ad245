package dev.scanbench.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process and every descendant it has been seen with. Descendants are remembered as they appear because once
 * a process dies its orphans are re-parented and can no longer be found from it; whoever watches the process
 * calls {@link #refresh()} while it runs. In the sandbox this is a second line: the sandbox's PID namespace
 * dies with its first process, taking every descendant with it.
 */
public final class ProcessTree {

    private final ProcessHandle root;
    private final Set<ProcessHandle> seen = new LinkedHashSet<>();

    /** @param root the process at the top of the tree */
    public ProcessTree(ProcessHandle root) {
        this.root = root;
    }

    /** Remembers the root's current descendants. */
    public synchronized void refresh() {
        root.descendants().forEach(seen::add);
    }

    /** @return the descendants seen so far, alive or not */
    public synchronized List<ProcessHandle> seenDescendants() {
        return new ArrayList<>(seen);
    }

    /**
     * Kills the root and every descendant seen now or before, with SIGKILL, and waits up to {@code wait} for
     * them to be gone. Handles carry their start time, so a pid reused since is not killed by mistake.
     *
     * @throws InterruptedException if interrupted while waiting; every kill has been sent by then
     */
    public void killAll(Duration wait) throws InterruptedException {
        refresh();
        root.destroyForcibly();
        List<ProcessHandle> victims = seenDescendants();
        // Children of descendants born after the last look are found from the descendants themselves.
        for (ProcessHandle descendant : List.copyOf(victims)) {
            descendant.descendants().filter(p -> !victims.contains(p)).forEach(victims::add);
        }
        victims.forEach(ProcessHandle::destroyForcibly);
        victims.add(root);
        long deadline = System.nanoTime() + wait.toNanos();
        for (ProcessHandle victim : victims) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                victim.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // Unkillable (uninterruptible sleep in a driver): nothing more to do than not wait for ever.
            }
        }
    }
}
