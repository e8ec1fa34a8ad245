package dev.scanbench.harness.triton;

import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.tritonbridge.TritonBuild;

/**
 * A Triton candidate compiled: Triton's kernels, and their merged PTX assembled by the project's ptxas.
 *
 * @param artifact the merged module as any backend loads it (PTX, cubin, entries, resource usage)
 * @param build    Triton's kernels with their launch facts
 */
public record TritonCompilation(Artifact artifact, TritonBuild build) {
}
