package dev.scanbench.harness.session;

import java.util.List;

/**
 * How the candidate was compiled, for the score log's environment.
 *
 * @param release the CUDA toolkit release line nvcc and ptxas print, e.g. {@code Cuda compilation tools, release 13.0,
 *                V13.0.88}
 * @param flags   the nvcc (for .cu) and ptxas flags
 * @param triton  the Triton version for a Triton candidate, else null
 */
public record CompilerFacts(String release, List<String> flags, String triton) {
    public CompilerFacts {
        flags = List.copyOf(flags);
    }
}
