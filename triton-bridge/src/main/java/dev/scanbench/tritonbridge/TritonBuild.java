package dev.scanbench.tritonbridge;

import dev.scanbench.sandbox.SourceDigest;
import java.util.List;
import java.util.Optional;

/**
 * The compiled kernels of one Triton candidate.
 *
 * @param sourceFile    the candidate's path as the user gave it
 * @param sourceHash    the one SHA-256 (hex) standing for the candidate and its local modules
 *                      ({@link SourceDigest#combined})
 * @param cacheKey      SHA-256 (hex) of the sources, path, kernel specs, bridge program and Triton version
 * @param tritonVersion the Triton release that compiled it
 * @param kernels       one per requested kernel, in request order
 * @param sources       the candidate and the local modules it imports, with their hashes
 * @param cached        true when served from the cache
 */
public record TritonBuild(String sourceFile, String sourceHash, String cacheKey, String tritonVersion,
                          List<TritonKernel> kernels, List<SourceDigest> sources, boolean cached) {

    public TritonBuild {
        kernels = List.copyOf(kernels);
        sources = List.copyOf(sources);
    }

    /** The kernel of that name, if compiled. */
    public Optional<TritonKernel> kernel(String name) {
        return kernels.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /**
     * All kernels as one PTX module, so a candidate of several kernels loads as one module like a CUDA one.
     *
     * @throws TritonException when two kernels define the same module-level symbol differently
     */
    public String mergedPtx() throws TritonException {
        return PtxMerger.merge(sourceFile, kernels.stream().map(TritonKernel::ptx).toList());
    }
}
