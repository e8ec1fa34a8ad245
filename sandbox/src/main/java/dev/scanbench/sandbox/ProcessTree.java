package dev.scanbench.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A process and every descendant it has been seen with. Descendants are remembered as they appear because once
 * a process dies its orphans are re-parented and can no longer be found from it; whoever watches the process
 * calls {@link #refresh()} while it runs. In the sandbox this is a second line: the sandbox's PID namespace
 * dies with its first process, taking every descendant with it.
 */
public final class ProcessTree {

    /** How often killed processes are looked at until they are gone. */
    private static final long POLL_MS = 5;

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
        // Polled rather than onExit(): for a process that is not our child the JDK checks only every 300 ms and
        // more, which would add seconds to every end of a sandbox (its processes are bubblewrap's children). A
        // zombie counts as gone: bubblewrap's own first process is left to an init that may reap it late.
        long deadline = System.nanoTime() + wait.toNanos();
        while (victims.stream().anyMatch(ProcessTree::running) && System.nanoTime() < deadline) {
            // Unkillable ones (uninterruptible sleep in a driver) are given up on at the deadline.
            Thread.sleep(POLL_MS);
        }
    }

    /** True while a process exists and is not a zombie (its state in {@code /proc/PID/stat} is not Z). */
    public static boolean running(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"), StandardCharsets.US_ASCII);
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            // No /proc entry: gone between the two looks (or not Linux, where isAlive said it all).
            return Files.exists(Path.of("/proc")) ? false : p.isAlive();
        }
    }
}
