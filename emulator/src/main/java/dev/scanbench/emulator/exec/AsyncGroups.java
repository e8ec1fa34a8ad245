package dev.scanbench.emulator.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * cp.async state of a warp: copies issued since the last commit, and committed groups oldest first. A copy
 * lands only when a wait_group retires its group, so reading the destination early sees stale data.
 */
final class AsyncGroups {
    /** One deferred copy (global -> shared of the warp's CTA). */
    record Copy(long src, int dst, int size, int srcSize, int line) { }

    final List<Copy> uncommitted = new ArrayList<>();
    final ArrayDeque<List<Copy>> groups = new ArrayDeque<>();
}
