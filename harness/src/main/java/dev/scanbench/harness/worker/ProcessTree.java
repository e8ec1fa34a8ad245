package dev.scanbench.harness.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A worker process and every descendant it has been seen with. Descendants are remembered as they appear
 * because once the worker dies its orphans are re-parented and can no longer be found from it; the
 * watchdog calls {@link #refresh()} while the worker runs.
 */
final class ProcessTree {

    private final ProcessHandle root;
    private final Set<ProcessHandle> seen = new LinkedHashSet<>();

    ProcessTree(ProcessHandle root) {
        this.root = root;
    }

    /** Remembers the root's current descendants. */
    synchronized void refresh() {
        root.descendants().forEach(seen::add);
    }

    /** @return the descendants seen so far, alive or not */
    synchronized List<ProcessHandle> seenDescendants() {
        return new ArrayList<>(seen);
    }

    /**
     * Kills the root and every descendant seen now or before, with SIGKILL, and waits up to {@code wait} for
     * them to be gone. Handles carry their start time, so a pid reused since is not killed by mistake.
     */
    void killAll(Duration wait) throws InterruptedException {
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
