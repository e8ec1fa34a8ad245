package dev.scanbench.harness.compile;

import dev.scanbench.harness.ptx.PtxSignature;
import java.util.List;
import java.util.Map;

/**
 * A compiled candidate: its PTX, the cubin ptxas made from exactly that PTX, the entries it defines and
 * their resource usage. Immutable (the cubin is copied on the way in and out).
 *
 * @param sourceFile      the candidate's path as the user gave it
 * @param sourceHash      SHA-256 (hex) of the candidate's source text
 * @param cacheKey        SHA-256 (hex) of source, file name, flags and compiler versions
 * @param ptx             the PTX text
 * @param cubin           the sm_90a cubin
 * @param signature       the entries and their parameters, read from the PTX
 * @param resources       ptxas resource usage per entry name
 * @param compilerRelease the toolkit release line, e.g. {@code Cuda compilation tools, release 13.0, V13.0.88}
 * @param flags           the nvcc (for .cu) and ptxas flags used
 * @param log             compiler warnings and remarks, paths mapped to the user's file (empty when none)
 * @param cached          true when served from the compile cache
 */
public record Artifact(String sourceFile, String sourceHash, String cacheKey, String ptx, byte[] cubin,
                       PtxSignature signature, Map<String, ResourceUsage> resources, String compilerRelease,
                       List<String> flags, String log, boolean cached) {

    public Artifact {
        cubin = cubin.clone();
        resources = Map.copyOf(resources);
        flags = List.copyOf(flags);
    }

    /** A copy of the cubin bytes. */
    @Override
    public byte[] cubin() {
        return cubin.clone();
    }

    /** Static shared memory per entry name in bytes, as the plan validator takes it. */
    public Map<String, Long> staticSharedBytes() {
        Map<String, Long> out = new java.util.HashMap<>();
        resources.forEach((entry, usage) -> out.put(entry, (long) usage.sharedBytes()));
        return out;
    }

    /** The same artifact marked as served from the cache. */
    Artifact fromCache() {
        return new Artifact(sourceFile, sourceHash, cacheKey, ptx, cubin, signature, resources, compilerRelease,
                flags, log, true);
    }
}
