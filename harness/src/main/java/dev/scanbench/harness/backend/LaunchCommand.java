package dev.scanbench.harness.backend;

import dev.scanbench.harness.plan.Dim3;
import dev.scanbench.harness.plan.SourcePos;

/**
 * One launch ready for a backend: the plan's launch with its shape evaluated and its arguments packed.
 *
 * @param entry       the exact PTX entry name
 * @param grid        grid shape
 * @param block       block shape
 * @param sharedBytes dynamic shared memory per block
 * @param params      packed parameter values
 * @param pos         the plan directive it came from, for error messages
 * @param cooperative a cooperative launch (the plan's {@code cooperative}: cuLaunchCooperativeKernel)
 */
public record LaunchCommand(String entry, Dim3 grid, Dim3 block, long sharedBytes, PackedParams params, SourcePos pos,
                            boolean cooperative) {

    /** A plain launch. */
    public LaunchCommand(String entry, Dim3 grid, Dim3 block, long sharedBytes, PackedParams params, SourcePos pos) {
        this(entry, grid, block, sharedBytes, params, pos, false);
    }
}
