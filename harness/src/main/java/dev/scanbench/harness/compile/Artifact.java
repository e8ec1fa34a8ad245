package dev.scanbench.harness.compile;

import dev.scanbench.harness.ptx.PtxSignature;
import dev.scanbench.sandbox.SourceDigest;
import java.util.List;
import java.util.Map;

/**
 * A compiled candidate: its PTX, the cubin ptxas made from exactly that PTX, the entries it defines and
 * their resource usage, and the files the compiler read. Immutable (the cubin is copied on the way in and out).
 *
 * @param sourceFile      the candidate's path as the user gave it
 * @param sourceHash      the one SHA-256 (hex) standing for every file read ({@link SourceDigest#combined}): the
 *                        candidate's own when it read no other local file
 * @param cacheKey        SHA-256 (hex) of the candidate's local files, file name, flags and compiler versions
 * @param ptx             the PTX text
 * @param cubin           the sm_90a cubin
 * @param signature       the entries and their parameters, read from the PTX
 * @param resources       ptxas resource usage per entry name
 * @param compilerRelease the toolkit release line, e.g. {@code Cuda compilation tools, release 13.0, V13.0.88}
 * @param flags           the nvcc (for .cu) and ptxas flags used
 * @param log             compiler warnings and remarks, paths mapped to the user's file (empty when none)
 * @param sources         the candidate and every local file the compiler read (headers, imported modules), with
 *                        their hashes; toolkit and system headers are covered by the compiler versions instead
 * @param cached          true when served from the compile cache
 */
public record Artifact(String sourceFile, String sourceHash, String cacheKey, String ptx, byte[] cubin,
                       PtxSignature signature, Map<String, ResourceUsage> resources, String compilerRelease,
                       List<String> flags, String log, List<SourceDigest> sources, boolean cached) {

    public Artifact {
        cubin = cubin.clone();
        resources = Map.copyOf(resources);
        flags = List.copyOf(flags);
        sources = List.copyOf(sources);
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

    /** The same artifact standing for other sources (a Triton candidate's, whose PTX this is). */
    public Artifact withSources(List<SourceDigest> newSources) {
        return new Artifact(sourceFile, SourceDigest.combined(newSources), cacheKey, ptx, cubin, signature,
                resources, compilerRelease, flags, log, newSources, cached);
    }
}
