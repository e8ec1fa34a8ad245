package dev.scanbench.harness.plan;

import java.util.List;

/**
 * A launch plan evaluated for one problem size and checked: every number a backend needs to allocate
 * buffers and launch kernels.
 *
 * @param plan     the declared plan
 * @param n        the problem size
 * @param scratch  scratch sizes in bytes, in the plan's order
 * @param launches the launches, in order
 */
public record ResolvedPlan(LaunchPlan plan, long n, List<Scratch> scratch, List<ResolvedLaunch> launches) {

    public ResolvedPlan {
        scratch = List.copyOf(scratch);
        launches = List.copyOf(launches);
    }

    /**
     * A scratch buffer with its size evaluated.
     *
     * @param decl  its declaration
     * @param bytes its size in bytes
     */
    public record Scratch(ScratchBuffer decl, long bytes) {
    }

    /**
     * A launch with its shape evaluated.
     *
     * @param decl        its declaration
     * @param entry       the PTX entry it launches (resolved name, equal to the declared one when unchecked)
     * @param grid        grid shape
     * @param block       block shape
     * @param sharedBytes dynamic shared memory in bytes
     */
    public record ResolvedLaunch(Launch decl, String entry, Dim3 grid, Dim3 block, long sharedBytes) {
    }

    /** Total scratch bytes. */
    public long scratchBytes() {
        return scratch.stream().mapToLong(Scratch::bytes).sum();
    }
}
